"""The province HTTP client: signed requests and a classified answer for each one.

`ProvinceClient.request` never raises for what the network or the server does: it returns an
`Answer` whose `kind` says what the contract (section 2) tells the terminal to do. A
`clock_skew` answer corrects the clock and is retried at once with a new nonce, here, so callers
never see it. The client holds no database connection.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

import orjson
import requests
import urllib3

from sync.signing import Clock, parse_retry_after, parse_rfc3339, signed_headers
from sync.transport import InsecureURL, transport_problem

AnswerKind = Literal["ok", "transient", "auth", "rejected", "missing_blobs", "not_modified",
                     "not_found", "gone", "unexpected"]

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
REJECTED_STATUS = frozenset({400, 409, 413, 422})
MAX_SKEW_RETRIES = 2
USER_AGENT = "village-kiosk-sync/1"
# The largest answer read: a page of 1,000 items or a disclosure attachment (the contract caps
# uploads at 10 MiB). A longer body is cut off and answered as a transient error, never held.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_READ_CHUNK = 4 * 1024 * 1024  # a whole page of 1,000 items in one read, as before the cap


@dataclass(frozen=True)
class Answer:
    """One classified response (or the lack of one)."""

    kind: AnswerKind
    status: int | None
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""          # the contract's error code, or the network error's name
    message: str = ""
    retry_after_s: float | None = None

    @property
    def ok(self) -> bool:
        return self.kind == "ok"

    def json(self) -> Any:
        """The decoded body; orjson because a million-payment pull is ~1,000 pages of JSON
        (UTF-8 is checked as the contract requires; a bad body raises ValueError)."""
        return orjson.loads(self.body) if self.body else None

    @property
    def reason(self) -> str:
        """One line for logs, the admin's queue view and quarantine reasons."""
        where = f"HTTP {self.status}" if self.status is not None else "network"
        text = f"{where} {self.error}".strip()
        return f"{text}: {self.message}" if self.message else text


def classify(status: int, body: bytes) -> tuple[AnswerKind, str, str]:
    """The contract's table of answers (section 2) as a kind, error code and message."""
    error, message = "", ""
    if status >= 400:
        try:
            document = json.loads(body.decode("utf-8")) if body else {}
        except (UnicodeDecodeError, ValueError):
            document = {}
        if isinstance(document, dict):
            error = str(document.get("error", ""))
            message = str(document.get("message", ""))
    if 200 <= status < 300:
        return "ok", error, message
    if status == 304:
        return "not_modified", error, message
    if status in TRANSIENT_STATUS or status >= 500:
        return "transient", error, message
    if status in (401, 403):
        return "auth", error, message
    if status == 412 and error == "missing_blobs":
        return "missing_blobs", error, message
    if status in REJECTED_STATUS:
        return "rejected", error, message
    if status == 404:
        return "not_found", error, message
    if status == 410:
        return "gone", error, message
    return "unexpected", error, message


class ProvinceClient:
    """Signed requests to one province base URL, with a learned clock offset."""

    def __init__(self, base_url: str, terminal_id: str, key: bytes, *,
                 clock: Clock | None = None, timeout_s: float = 15.0,
                 connect_timeout_s: float = 5.0, session: requests.Session | None = None,
                 max_response_bytes: int = MAX_RESPONSE_BYTES):
        problem = transport_problem(base_url)
        if problem:
            raise InsecureURL(problem)
        self.base_url = base_url.rstrip("/")
        self.max_response_bytes = max_response_bytes
        self._prefix = urlsplit(self.base_url).path.rstrip("/")
        self.terminal_id = terminal_id
        self._key = key
        self.clock = clock or Clock()
        self._timeout = (connect_timeout_s, timeout_s)
        self._session = session or requests.Session()
        self._session.headers["User-Agent"] = USER_AGENT
        # The environment's proxy and CA bundle settings, read once for this base URL: requests
        # reads them again for every request, walking all of os.environ twice, a millisecond of
        # each of the thousand pages of a large pull. (A .netrc login is never wanted: every
        # request is signed.)
        settings = self._session.merge_environment_settings(self.base_url, {}, None, None, None)
        self._session.trust_env = False
        self._session.proxies.update(settings["proxies"])
        self._session.verify = settings["verify"]

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> ProvinceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, *, body: bytes = b"",
                headers: dict[str, str] | None = None) -> Answer:
        """Send one signed request; `path` starts with `/v1/...` (query string included)."""
        for _ in range(MAX_SKEW_RETRIES + 1):
            answer = self._once(method, path, body, headers or {})
            if answer.status == 401 and answer.error == "clock_skew":
                server_time = self._server_time(answer)
                if server_time is not None:
                    self.clock.learn(server_time)
                    continue
            return answer
        return answer

    def _once(self, method: str, path: str, body: bytes, extra: dict[str, str]) -> Answer:
        target = self._prefix + path
        all_headers = dict(extra)
        if body and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(signed_headers(
            key=self._key, terminal_id=self.terminal_id, method=method, path_and_query=target,
            body=body, timestamp=int(self.clock.now()),
        ))
        try:
            response = self._session.request(
                method, self.base_url + path, data=body if body else None,
                headers=all_headers, timeout=self._timeout, allow_redirects=False, stream=True,
            )
            try:
                content = self._read_capped(response)
            finally:
                response.close()
        except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
            return Answer("transient", None, error=type(error).__name__,
                          message=str(error)[:300])
        if content is None:
            return Answer("transient", response.status_code, error="response_too_large",
                          message=f"the answer is over {self.max_response_bytes} bytes: "
                                  "not read")
        headers = dict(response.headers)
        self.clock.learn_from_date_header(headers.get("Date"))
        kind, code, message = classify(response.status_code, content)
        retry_after = parse_retry_after(headers.get("Retry-After"), self.clock.now())
        return Answer(kind, response.status_code, content, headers, code, message, retry_after)

    def _read_capped(self, response: requests.Response) -> bytes | None:
        """The body, or None when it is longer than the cap (then it is not read further).

        Large reads: `response.content` takes it 10 kB at a time, each read a trip through
        three layers and a wait for the GIL while the pull's other thread writes the previous
        page. A fully read connection goes back to the pool; a refused one is closed."""
        cap = self.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > cap:
            return None
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.raw.read(min(_READ_CHUNK, cap + 1 - size), decode_content=True)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                return None

    @staticmethod
    def _server_time(answer: Answer) -> float | None:
        try:
            document = answer.json()
            return parse_rfc3339(str(document["server_time"]))
        except (KeyError, TypeError, ValueError):
            return None

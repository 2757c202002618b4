"""Which province URLs the terminal may talk to (finding: secrets sent over clear http).

Kept apart from the HTTP client so the configuration check can use it without importing
`requests` at start-up.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


class InsecureURL(ValueError):
    """A province URL that would send secrets in clear: not https, and not this machine."""


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def transport_problem(base_url: str) -> str:
    """Why this province URL may not be used ("" when it may): https is required, plain http
    only to this machine (the emulator, a local TLS-terminating proxy). Enrollment hands out
    the terminal secret in the answer, so over clear http anyone on the path would have it."""
    parts = urlsplit(base_url)
    if not parts.hostname:
        return (f"省平台地址无效 / {base_url!r} is not a URL (expected "
                "https://province.example/vt)")
    if parts.username or parts.password:
        return "省平台地址不能含用户名或密码 / the province URL must not carry a login"
    if parts.scheme == "https":
        return ""
    if parts.scheme == "http" and is_loopback_host(parts.hostname):
        return ""
    return (f"省平台地址须为 https / the province URL must use https (got {parts.scheme}://"
            f"{parts.hostname}); plain http is allowed only to 127.0.0.1 or localhost")


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

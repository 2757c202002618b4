"""Request signing of the province contract (section 1), and the clock it depends on.

Every request carries the terminal id, a timestamp, a fresh nonce, the SHA-256 of the body and an
HMAC-SHA256 over the canonical string. Village terminals are offline for days and their clocks
drift, so the timestamp comes from a `Clock` whose offset is learned from the server (`Date`
header, `clock_skew` answers) instead of trusting the local clock.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
MAX_SKEW_S = 300


def sha256_hex(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def new_nonce() -> str:
    """32 lowercase hex characters, new for every request (retries included)."""
    return secrets.token_hex(16)


def canonical_string(method: str, path_and_query: str, timestamp: str, nonce: str,
                     content_sha256: str) -> str:
    return "\n".join((method.upper(), path_and_query, timestamp, nonce, content_sha256))


def signature(key: bytes, canonical: str) -> str:
    return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def signed_headers(*, key: bytes, terminal_id: str, method: str, path_and_query: str,
                   body: bytes, timestamp: int, nonce: str | None = None) -> dict[str, str]:
    """The five authentication headers for one request."""
    nonce = nonce or new_nonce()
    content = sha256_hex(body)
    stamp = str(int(timestamp))
    return {
        "X-Terminal-Id": terminal_id,
        "X-Timestamp": stamp,
        "X-Nonce": nonce,
        "X-Content-SHA256": content,
        "X-Signature": signature(key, canonical_string(method, path_and_query, stamp, nonce,
                                                      content)),
    }


SIGNED_HEADERS = ("X-Terminal-Id", "X-Timestamp", "X-Nonce", "X-Content-SHA256", "X-Signature")
_HEX64 = frozenset("0123456789abcdef")


def header_problem(headers: Mapping[str, str]) -> str:
    """Why the authentication headers cannot even be checked ("" when they can): each must be
    there and printable ASCII. Non-ASCII text (header bytes arrive decoded as Latin-1) would
    make the constant-time comparison raise instead of answer, so it is refused first."""
    for name in SIGNED_HEADERS:
        value = headers.get(name)
        if not value:
            return f"{name} is missing"
        if not value.isascii() or not value.isprintable():
            return f"{name} is not printable ASCII"
    return ""


def verify_headers(*, key: bytes, method: str, path_and_query: str, body: bytes,
                   headers: Mapping[str, str]) -> bool:
    """Server side: the content hash matches the body and the signature matches the string.
    Malformed headers (missing, non-ASCII) are a failed check, never an exception."""
    if header_problem(headers) or not path_and_query.isascii():
        return False
    content = headers["X-Content-SHA256"]
    if not hmac.compare_digest(content.encode("ascii"), sha256_hex(body).encode("ascii")):
        return False
    expected = signature(key, canonical_string(method, path_and_query, headers["X-Timestamp"],
                                               headers["X-Nonce"], content))
    return hmac.compare_digest(expected.encode("ascii"), headers["X-Signature"].encode("ascii"))


def rfc3339(unix_seconds: float) -> str:
    return datetime.fromtimestamp(int(unix_seconds), tz=UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339(text: str) -> float:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def parse_http_date(text: str) -> float | None:
    try:
        from email.utils import parsedate_to_datetime  # only for Date headers (costly import)

        return parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def parse_retry_after(value: str | None, now: float) -> float | None:
    """`Retry-After` as seconds to wait from `now`: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    when = parse_http_date(value)
    if when is None:
        return None
    return max(0.0, when - now)


class Clock:
    """The terminal clock corrected by an offset learned from the province.

    `local` is the raw clock (injectable so tests can run a terminal whose clock is hours wrong).
    The offset moves only when the server disagrees by more than `tolerance_s`: the `Date`
    header has one-second resolution and arrives after network latency.
    """

    def __init__(self, offset_s: float = 0.0, local: Callable[[], float] = time.time,
                 tolerance_s: float = 2.0):
        self._offset = float(offset_s)
        self._local = local
        self._tolerance = tolerance_s
        self._lock = threading.Lock()

    @property
    def offset_s(self) -> float:
        return self._offset

    def local(self) -> float:
        return self._local()

    def now(self) -> float:
        return self._local() + self._offset

    def learn(self, server_time: float) -> bool:
        """Adopt the server's time when it differs; True when the offset changed."""
        with self._lock:
            offset = server_time - self._local()
            if abs(offset - self._offset) <= self._tolerance:
                return False
            self._offset = offset
            return True

    def learn_from_date_header(self, value: str | None) -> bool:
        when = parse_http_date(value) if value else None
        return self.learn(when) if when is not None else False

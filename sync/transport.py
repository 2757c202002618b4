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

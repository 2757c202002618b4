"""How an emulator handler answers from deep inside: raise a `Reply` (or `error(...)`), or
`Drop` the connection without one, as a failing network would."""

from __future__ import annotations

from typing import Any


class Reply(Exception):
    """An answer to send now: raised from deep inside a handler."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


def error(http_status: int, code: str, message: str = "", **extra: Any) -> Reply:
    return Reply(http_status, {"error": code, "message": message or code, **extra})


class Drop(Exception):
    """Close the connection without an answer."""

"""How the outbox keeps payloads and blob bytes at rest: a codec the application attaches to
its connection (the kiosk seals them with AES-256-GCM; see docs/privacy.md). The sync library
never imports the application: it only asks the connection for `payload_codec`."""

from __future__ import annotations

import sqlite3
from typing import Protocol


class PayloadCodec(Protocol):
    """How payloads and blob bytes are kept at rest (the kiosk seals them with AES-GCM).

    `aad` names the row (`sync_outbox/<kind>/<item_id>`, `sync_blobs/<sha256>`); `open` of a
    value that was never sealed returns it unchanged. The province always receives the exact
    bytes given to `enqueue`: sealing happens on the way into the table, opening on the way out.
    """

    def seal(self, aad: bytes, data: bytes) -> bytes: ...

    def open(self, aad: bytes, data: bytes) -> bytes: ...


class PlainCodec:
    """Bytes at rest as given (the sync library's own default)."""

    def seal(self, aad: bytes, data: bytes) -> bytes:
        return data

    def open(self, aad: bytes, data: bytes) -> bytes:
        return data


PLAIN = PlainCodec()


def codec_of(conn: sqlite3.Connection) -> PayloadCodec:
    """The codec the application attached to this connection (`payload_codec`), or plain."""
    codec = getattr(conn, "payload_codec", None)
    return PLAIN if codec is None else codec


def item_aad(kind: str, item_id: str) -> bytes:
    return f"sync_outbox/{kind}/{item_id}".encode()


def blob_aad(sha256: str) -> bytes:
    return f"sync_blobs/{sha256}".encode()

"""Personal data at rest: AES-256-GCM envelopes and the codec a connection carries.

A sealed value is `MAGIC | key id (8 ASCII) | nonce (12) | ciphertext+tag`. Every value gets a
fresh random nonce, and the identity of its row (`table/key`) is the associated data, so a
sealed value copied into another row does not open. Values without the magic are plaintext
(rows from before migration 0009, or a terminal running without a key) and are read as they
are: the outbox payloads, blobs and answers documents never change shape for their readers.

The codec is attached to the connection (`attach`), because the sync library reads and writes
the outbox on a bare `sqlite3.Connection` and must not import the kiosk: it asks the
connection for `payload_codec` (see `sync.codec.codec_of`). The keys themselves come from
`secrets.toml` through a `KeyRing` source; they never touch the database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.errors import KioskError
from kiosk.storage.connection import Database, KioskConnection

MAGIC = b"KVE1"
KEY_ID_LEN = 8
NONCE_LEN = 12
_KEY_END = len(MAGIC) + KEY_ID_LEN
_HEADER = _KEY_END + NONCE_LEN


class SealError(KioskError):
    """A sealed value cannot be opened: its key is missing or the bytes were altered."""

    exit_code = 4


@dataclass(frozen=True)
class KeyRing:
    """The current data key (seals new values) and every key that may still open old ones."""

    current_id: str = ""
    keys: dict[str, bytes] = field(default_factory=dict)

    @property
    def can_seal(self) -> bool:
        return bool(self.current_id) and len(self.keys.get(self.current_id, b"")) == 32


def new_key_id() -> str:
    return os.urandom(KEY_ID_LEN // 2).hex()


def new_key() -> bytes:
    return os.urandom(32)


def is_sealed(value: bytes | None) -> bool:
    return value is not None and bytes(value[:len(MAGIC)]) == MAGIC


def key_id_of(value: bytes) -> str | None:
    """The id of the key a value was sealed with, None for plaintext."""
    if not is_sealed(value):
        return None
    return bytes(value[len(MAGIC):len(MAGIC) + KEY_ID_LEN]).decode("ascii", "replace")


class Codec:
    """Seals and opens values with the keys of a `KeyRing` (asked for again on every call,
    so a rotation done by another process is picked up; the source caches)."""

    def __init__(self, ring: Callable[[], KeyRing]):
        self._ring = ring
        self._ciphers: dict[str, tuple[bytes, object]] = {}

    def ring(self) -> KeyRing:
        return self._ring()

    def refresh(self) -> None:
        """Forget any cached key ring (the secrets file was just changed)."""
        refresh = getattr(self._ring, "refresh", None)
        if callable(refresh):
            refresh()

    def _cipher(self, key_id: str, key: bytes) -> object:
        cached = self._ciphers.get(key_id)
        if cached is not None and (cached[0] is key or cached[0] == key):
            return cached[1]
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != 32:
            raise SealError(f"数据密钥有误 / the data key {key_id} in secrets.toml is not 32 "
                            f"bytes ({len(key)}): the file is damaged; restore it from where "
                            "it was copied")
        cipher = AESGCM(key)
        self._ciphers[key_id] = (key, cipher)
        return cipher

    def seal(self, aad: bytes, data: bytes) -> bytes:
        """Encrypt under the current key; plaintext when the terminal has no key at all."""
        ring = self._ring()
        if not ring.can_seal:
            return data
        return self.seal_with(ring.current_id, ring.keys[ring.current_id], aad, data)

    def seal_with(self, key_id: str, key: bytes, aad: bytes, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_LEN)
        cipher = self._cipher(key_id, key)
        body = cipher.encrypt(nonce, data, aad)  # type: ignore[attr-defined]
        return MAGIC + key_id.encode("ascii") + nonce + bytes(body)

    def open(self, aad: bytes, data: bytes) -> bytes:
        """The plaintext of a sealed value; a plaintext value as it is."""
        data = bytes(data)
        if data[:4] != MAGIC:
            return data
        key_id = data[4:_KEY_END].decode("ascii", "replace")
        key = self._ring().keys.get(key_id)
        if key is None:  # (a missing key is reported below, never guessed around)
            raise SealError(
                f"缺少数据密钥 / the data key {key_id} that sealed this record is not in "
                "secrets.toml; copy secrets.toml from the terminal that wrote the data")
        nonce = data[_KEY_END:_HEADER]
        try:
            plain = self._cipher(key_id, key).decrypt(  # type: ignore[attr-defined]
                nonce, data[_HEADER:], aad)
        except Exception as error:
            from cryptography.exceptions import InvalidTag  # imported on failure only

            if not isinstance(error, InvalidTag):
                raise
            raise SealError(f"记录已被改动 / a sealed record ({aad.decode('utf-8', 'replace')})"
                            " does not verify: altered, or moved from another row") from None
        return bytes(plain)


def attach(db: Database, codec: Codec) -> None:
    """Seal personal data written through this database handle from now on."""
    conn = db.conn
    if not isinstance(conn, KioskConnection):
        raise TypeError("the database was not opened by kiosk.storage.database.connect")
    conn.payload_codec = codec


def codec_of(db: Database) -> Codec | None:
    return getattr(db.conn, "payload_codec", None)


def seal(db: Database, aad: str, data: bytes) -> bytes:
    codec = codec_of(db)
    return data if codec is None else codec.seal(aad.encode("utf-8"), data)


def unseal(db: Database, aad: str, data: bytes) -> bytes:
    codec = codec_of(db)
    if codec is None:
        if is_sealed(data):
            raise SealError("缺少数据密钥 / this record is sealed and the terminal has no data "
                            "key loaded (secrets.toml)")
        return bytes(data)
    return codec.open(aad.encode("utf-8"), data)

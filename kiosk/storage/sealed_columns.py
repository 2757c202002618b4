"""Every column that holds personal data sealed at rest, and resealing it under a new key.

Rotation and the sealing of rows written before migration 0009 work the same way: take a batch
of rows whose value is not sealed under the current key, open each with whatever key sealed it,
seal it again under the current key, and commit the batch. A kill between batches leaves every
row whole (old key or new, both still in secrets.toml); running again picks up the rest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.storage.database import Database, transaction
from kiosk.storage.sealing import KEY_ID_LEN, MAGIC, Codec

_PREFIX = len(MAGIC) + KEY_ID_LEN


@dataclass(frozen=True)
class SealedColumn:
    table: str
    column: str
    keys: tuple[str, ...]           # the columns naming the row, in the order `aad` takes them
    aad: Callable[..., str]

    def label(self) -> str:
        return f"{self.table}.{self.column}"


COLUMNS: tuple[SealedColumn, ...] = (
    SealedColumn("applications", "payload", ("application_id",),
                 lambda a: f"applications/{a}"),
    SealedColumn("sync_outbox", "payload", ("kind", "item_id"),
                 lambda k, i: f"sync_outbox/{k}/{i}"),
    SealedColumn("sync_blobs", "data", ("sha256",), lambda s: f"sync_blobs/{s}"),
    SealedColumn("application_drafts", "session", ("application_id",),
                 lambda a: f"application_drafts/{a}"),
    SealedColumn("draft_blobs", "data", ("application_id", "sha256"),
                 lambda a, s: f"draft_blobs/{a}/{s}"),
)


def _not_current(column: SealedColumn) -> str:
    return (f"{column.column} IS NOT NULL"
            f" AND substr(CAST({column.column} AS BLOB), 1, {_PREFIX}) IS NOT :prefix")


def count_not_current(db: Database | sqlite3.Connection, current_id: str) -> dict[str, int]:
    """Rows per column that are plaintext or sealed under another key than `current_id`."""
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    prefix = MAGIC + current_id.encode("ascii")
    return {c.label(): int(conn.execute(
        f"SELECT count(*) FROM {c.table} WHERE {_not_current(c)}",
        {"prefix": prefix}).fetchone()[0]) for c in COLUMNS}


def count_plaintext(conn: sqlite3.Connection) -> dict[str, int]:
    return {c.label(): int(conn.execute(
        f"SELECT count(*) FROM {c.table} WHERE {c.column} IS NOT NULL"
        f" AND substr(CAST({c.column} AS BLOB), 1, {len(MAGIC)}) IS NOT ?",
        (MAGIC,)).fetchone()[0]) for c in COLUMNS}


def key_ids_used(conn: sqlite3.Connection) -> set[str]:
    """The ids of every data key some row of this database is sealed with."""
    used: set[str] = set()
    for c in COLUMNS:
        rows = conn.execute(
            f"SELECT DISTINCT substr(CAST({c.column} AS BLOB), {len(MAGIC) + 1}, {KEY_ID_LEN})"
            f" FROM {c.table} WHERE substr(CAST({c.column} AS BLOB), 1, {len(MAGIC)}) = ?",
            (MAGIC,)).fetchall()
        used.update(bytes(r[0]).decode("ascii", "replace") for r in rows)
    return used


def reseal_batch(db: Database, codec: Codec, column: SealedColumn, key_id: str, key: bytes,
                 batch: int) -> int:
    """Reseal up to `batch` rows of one column under (`key_id`, `key`) in ONE transaction."""
    prefix = MAGIC + key_id.encode("ascii")
    names = ", ".join(column.keys)
    with transaction(db):
        rows = db.execute(
            f"SELECT rowid, {names}, {column.column} FROM {column.table}"
            f" WHERE {_not_current(column)} LIMIT :batch",
            {"prefix": prefix, "batch": batch}).fetchall()
        for row in rows:
            aad = column.aad(*row[1:-1]).encode("utf-8")
            value = row[-1]
            plain = codec.open(aad, value.encode("utf-8") if isinstance(value, str) else value)
            db.execute(f"UPDATE {column.table} SET {column.column} = ? WHERE rowid = ?",
                       (codec.seal_with(key_id, key, aad, plain), row[0]))
    return len(rows)

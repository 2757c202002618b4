"""The durable outbox in the terminal's SQLite database.

A submission, its outbox row and its audit event are written in ONE transaction by the caller:
`enqueue` only executes INSERTs on the caller's connection and never commits. Rows move
pending -> sending (with a lease) -> sent, or -> quarantined with a reason; nothing unsent is
ever deleted (the kiosk's retention clears copies only after the province confirmed them).
Blobs (attachments) are stored once by SHA-256, with their bytes or the path of a durable
file, and uploaded before the first item that names them. Payloads and blob bytes pass through
the connection's `PayloadCodec` (the kiosk seals them at rest); senders see the exact bytes.

This module owns the SQL of its own tables; the app registers `create_schema` as a migration.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sync.codec import PLAIN, PayloadCodec, blob_aad, codec_of, item_aad
from sync.signing import sha256_hex

Kind = Literal["application", "clerk_action", "audit_event", "evaluation", "feedback"]
State = Literal["pending", "sending", "sent", "quarantined"]
KINDS: tuple[Kind, ...] = ("application", "clerk_action", "audit_event", "evaluation",
                           "feedback")
_KIND_CHECK = ", ".join(f"'{kind}'" for kind in KINDS)

SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS sync_outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ({_KIND_CHECK})),
        item_id TEXT NOT NULL,
        parent_id TEXT,
        payload BLOB NOT NULL,
        blobs TEXT NOT NULL DEFAULT '[]',
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'sending', 'sent', 'quarantined')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        lease_owner TEXT,
        lease_until REAL,
        last_error TEXT,
        reason TEXT,
        detail TEXT,
        response BLOB,
        created_at REAL NOT NULL,
        sent_at REAL,
        UNIQUE (kind, item_id)
    )""",
    "CREATE INDEX IF NOT EXISTS sync_outbox_due ON sync_outbox (state, next_attempt_at, id)",
    """CREATE TABLE IF NOT EXISTS sync_blobs (
        sha256 TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB,
        path TEXT,
        uploaded_at REAL,
        CHECK (data IS NOT NULL OR path IS NOT NULL)
    )""",
    """CREATE TABLE IF NOT EXISTS sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS sync_rejected (
        dataset TEXT NOT NULL,
        key TEXT NOT NULL,
        shadow INTEGER NOT NULL DEFAULT 0,
        reason TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (dataset, key, shadow)
    )""",
)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the sync tables; runs inside the caller's (migration's) transaction."""
    for statement in SCHEMA:
        conn.execute(statement)


def widen_kinds(conn: sqlite3.Connection) -> None:
    """Rebuild `sync_outbox` so its CHECK accepts every kind in `KINDS`, rows kept as they are.

    SQLite cannot alter a CHECK constraint: the table is copied into a new one (same columns,
    same ids) inside the caller's (migration's) transaction.
    """
    conn.execute("ALTER TABLE sync_outbox RENAME TO sync_outbox_narrow")
    conn.execute("DROP INDEX IF EXISTS sync_outbox_due")
    conn.execute(SCHEMA[0])
    conn.execute(SCHEMA[1])
    conn.execute("INSERT INTO sync_outbox SELECT * FROM sync_outbox_narrow")
    conn.execute("DROP TABLE sync_outbox_narrow")


@dataclass(frozen=True)
class BlobRef:
    """An attachment an item names: its bytes, or the path of a file kept durably."""

    sha256: str
    media_type: str
    data: bytes | None = None
    path: Path | None = None

    @classmethod
    def from_bytes(cls, data: bytes, media_type: str) -> BlobRef:
        return cls(sha256_hex(data), media_type, data=data)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: Kind
    item_id: str
    parent_id: str | None
    payload: bytes
    blobs: tuple[str, ...]
    state: State
    attempts: int
    next_attempt_at: float
    last_error: str | None
    reason: str | None
    detail: str | None
    created_at: float
    sent_at: float | None

    def summary(self) -> dict[str, object]:
        return {
            "id": self.id, "kind": self.kind, "item_id": self.item_id, "state": self.state,
            "attempts": self.attempts, "next_attempt_at": self.next_attempt_at,
            "last_error": self.last_error, "reason": self.reason, "detail": self.detail,
            "created_at": self.created_at, "sent_at": self.sent_at,
        }


_COLUMNS = ("id, kind, item_id, parent_id, payload, blobs, state, attempts, next_attempt_at, "
            "last_error, reason, detail, created_at, sent_at")


def _item(row: Sequence[object], codec: PayloadCodec) -> OutboxItem:
    values = list(row)
    values[5] = tuple(json.loads(str(values[5])))
    values[4] = codec.open(item_aad(str(values[1]), str(values[2])),
                           bytes(values[4]))  # type: ignore[call-overload]
    return OutboxItem(*values)  # type: ignore[arg-type]


def enqueue(conn: sqlite3.Connection, kind: Kind, item_id: str, payload: bytes, *,
            parent_id: str | None = None, blobs: Sequence[BlobRef] = (),
            now: float | None = None) -> int:
    """Add one item (and the blobs it names) to the outbox WITHOUT committing.

    Call it inside the transaction that writes the record itself, so the two commit together.
    The payload is frozen: these exact bytes are what the province receives.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    if kind == "clerk_action" and not parent_id:
        raise ValueError("a clerk action needs the application id as parent_id")
    for blob in blobs:
        add_blob(conn, blob)
    cursor = conn.execute(
        "INSERT INTO sync_outbox (kind, item_id, parent_id, payload, blobs, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (kind, item_id, parent_id, codec_of(conn).seal(item_aad(kind, item_id), payload),
         json.dumps([b.sha256 for b in blobs]),
         time.time() if now is None else now),
    )
    return int(cursor.lastrowid or 0)


def replace_unsent(conn: sqlite3.Connection, kind: Kind, item_id: str, new_item_id: str,
                   payload: bytes) -> bool:
    """Swap a pending item that was never tried for a new one, WITHOUT committing.

    Only an item no send has touched (no attempt, no error, no lease) may change: once a request
    left, the province may hold the old bytes. False when that is no longer the case.
    """
    cursor = conn.execute(
        "UPDATE sync_outbox SET item_id = ?, payload = ? WHERE kind = ? AND item_id = ?"
        " AND state = 'pending' AND attempts = 0 AND last_error IS NULL AND lease_owner IS NULL",
        (new_item_id, payload, kind, item_id))
    return bool(cursor.rowcount)


def add_blob(conn: sqlite3.Connection, blob: BlobRef) -> None:
    """Keep a blob's bytes (or durable path) once, by hash; no commit."""
    if blob.data is not None:
        if sha256_hex(blob.data) != blob.sha256:
            raise ValueError(f"blob bytes do not hash to {blob.sha256}")
        size = len(blob.data)
    elif blob.path is not None:
        size = blob.path.stat().st_size
    else:
        raise ValueError("a blob needs its bytes or a path")
    conn.execute(
        "INSERT OR IGNORE INTO sync_blobs (sha256, media_type, size, data, path)"
        " VALUES (?, ?, ?, ?, ?)",
        (blob.sha256, blob.media_type, size,
         None if blob.data is None else codec_of(conn).seal(blob_aad(blob.sha256), blob.data),
         str(blob.path) if blob.path is not None else None),
    )


def blob_bytes(conn: sqlite3.Connection, sha256: str) -> tuple[bytes, str] | None:
    """The bytes and media type of a stored blob, or None when the terminal lacks it."""
    row = conn.execute("SELECT data, path, media_type FROM sync_blobs WHERE sha256 = ?",
                       (sha256,)).fetchone()
    if row is None:
        return None
    if row[0] is not None:
        return codec_of(conn).open(blob_aad(sha256), bytes(row[0])), str(row[2])
    if row[1] is None:
        return None
    try:
        return Path(row[1]).read_bytes(), str(row[2])
    except OSError:
        return None


def blob_uploaded(conn: sqlite3.Connection, sha256: str) -> bool:
    row = conn.execute("SELECT uploaded_at FROM sync_blobs WHERE sha256 = ?",
                       (sha256,)).fetchone()
    return bool(row and row[0] is not None)


def mark_blob_uploaded(conn: sqlite3.Connection, sha256: str, now: float) -> None:
    with immediate(conn):
        conn.execute("UPDATE sync_blobs SET uploaded_at = ? WHERE sha256 = ?", (now, sha256))


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction of our own, or a savepoint inside the caller's."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT sync_outbox")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK TO sync_outbox")
            conn.execute("RELEASE sync_outbox")
            raise
        conn.execute("RELEASE sync_outbox")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()  # a no-op when SQLite already rolled back
        raise
    conn.execute("COMMIT")


def lease_owner() -> str:
    """Who holds a lease: host and process, so a restarted sender can tell a dead holder."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _holder_is_dead(owner: str | None) -> bool:
    if not owner:
        return True
    host, _, pid_text = owner.rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def reclaim_leases(conn: sqlite3.Connection, now: float) -> int:
    """Return 'sending' rows to 'pending' when the lease ran out or its holder process died.

    Run when a sender starts: a sender killed mid-send leaves its rows leased; the province
    deduplicates by id, so sending them again is safe.
    """
    rows = conn.execute(
        "SELECT id, lease_owner, lease_until FROM sync_outbox WHERE state = 'sending'"
    ).fetchall()
    stale = [r[0] for r in rows if (r[2] or 0) < now or _holder_is_dead(r[1])]
    if stale:
        with immediate(conn):
            conn.executemany(
                "UPDATE sync_outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL"
                " WHERE id = ? AND state = 'sending'", [(i,) for i in stale])
    return len(stale)


def due_items(conn: sqlite3.Connection, now: float, *, ignore_backoff: bool = False,
              max_delay_s: float = 3600.0, limit: int = 1000) -> list[OutboxItem]:
    """Pending items ready to send, oldest first.

    A delay further away than `max_delay_s` counts as due: it was computed under a clock that
    has since been corrected (a terminal hours wrong), and must not strand the item.
    """
    if ignore_backoff:
        sql = (f"SELECT {_COLUMNS} FROM sync_outbox WHERE state = 'pending' ORDER BY id LIMIT ?")
        params: tuple[object, ...] = (limit,)
    else:
        sql = (f"SELECT {_COLUMNS} FROM sync_outbox WHERE state = 'pending'"
               " AND (next_attempt_at <= ? OR next_attempt_at > ?) ORDER BY id LIMIT ?")
        params = (now, now + max_delay_s, limit)
    codec = codec_of(conn)
    return [_item(row, codec) for row in conn.execute(sql, params).fetchall()]


def claim(conn: sqlite3.Connection, item_ids: Sequence[int], owner: str, now: float,
          lease_s: float) -> list[int]:
    """Lease pending rows to `owner`; returns the ids it actually got (committed)."""
    got: list[int] = []
    with immediate(conn):
        for item_id in item_ids:
            cursor = conn.execute(
                "UPDATE sync_outbox SET state = 'sending', lease_owner = ?, lease_until = ?"
                " WHERE id = ? AND state = 'pending'", (owner, now + lease_s, item_id))
            if cursor.rowcount:
                got.append(item_id)
    return got


def mark_sent(conn: sqlite3.Connection, item_id: int, response: bytes, now: float) -> None:
    with immediate(conn):
        conn.execute(
            "UPDATE sync_outbox SET state = 'sent', sent_at = ?, response = ?, lease_owner = NULL,"
            " lease_until = NULL, last_error = NULL WHERE id = ?", (now, response, item_id))


def mark_retry(conn: sqlite3.Connection, item_id: int, error: str, next_attempt_at: float, *,
               count_attempt: bool = True) -> None:
    with immediate(conn):
        conn.execute(
            "UPDATE sync_outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL,"
            " attempts = attempts + ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
            (1 if count_attempt else 0, error, next_attempt_at, item_id))


def release(conn: sqlite3.Connection, item_ids: Sequence[int]) -> None:
    """Give leased rows back untouched (cancel, pause)."""
    with immediate(conn):
        conn.executemany(
            "UPDATE sync_outbox SET state = 'pending', lease_owner = NULL, lease_until = NULL"
            " WHERE id = ? AND state = 'sending'", [(i,) for i in item_ids])


def quarantine(conn: sqlite3.Connection, item_id: int, reason: str, detail: str) -> None:
    with immediate(conn):
        conn.execute(
            "UPDATE sync_outbox SET state = 'quarantined', lease_owner = NULL, lease_until = NULL,"
            " attempts = attempts + 1, reason = ?, detail = ? WHERE id = ?",
            (reason, detail, item_id))


def retry_quarantined(conn: sqlite3.Connection, item_id: int) -> bool:
    """The admin sends a quarantined (or waiting) item again now; False when there is none."""
    with immediate(conn):
        cursor = conn.execute(
            "UPDATE sync_outbox SET state = 'pending', next_attempt_at = 0, reason = NULL,"
            " detail = NULL WHERE id = ? AND state IN ('quarantined', 'pending')", (item_id,))
    return bool(cursor.rowcount)


def get_item(conn: sqlite3.Connection, item_id: int, *,
             with_payload: bool = True) -> OutboxItem | None:
    """One item; `with_payload=False` leaves `payload` empty (its state is all a progress
    page needs, and the personal payload then is neither read nor opened)."""
    if not with_payload:
        columns = _COLUMNS.replace("payload,", "x'' AS payload,", 1)
        row = conn.execute(f"SELECT {columns} FROM sync_outbox WHERE id = ?",
                           (item_id,)).fetchone()
        return _item(row, PLAIN) if row else None
    row = conn.execute(f"SELECT {_COLUMNS} FROM sync_outbox WHERE id = ?", (item_id,)).fetchone()
    return _item(row, codec_of(conn)) if row else None


def list_items(conn: sqlite3.Connection, states: Sequence[State] = ("pending", "sending",
                                                                   "quarantined"),
               limit: int = 500) -> list[OutboxItem]:
    marks = ", ".join("?" for _ in states)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM sync_outbox WHERE state IN ({marks}) ORDER BY id LIMIT ?",
        (*states, limit)).fetchall()
    codec = codec_of(conn)
    return [_item(row, codec) for row in rows]


def parent_unsent(conn: sqlite3.Connection, application_id: str) -> bool:
    """True when the application a clerk action names is still waiting in this outbox."""
    row = conn.execute(
        "SELECT 1 FROM sync_outbox WHERE kind = 'application' AND item_id = ?"
        " AND state != 'sent'", (application_id,)).fetchone()
    return row is not None


@dataclass(frozen=True)
class OutboxStats:
    pending: int
    sending: int
    quarantined: int
    sent: int
    oldest_pending_at: float | None

    def oldest_pending_age_s(self, now: float) -> int:
        return 0 if self.oldest_pending_at is None else max(0, int(now - self.oldest_pending_at))


def stats(conn: sqlite3.Connection) -> OutboxStats:
    counts = dict.fromkeys(("pending", "sending", "quarantined", "sent"), 0)
    for state, count in conn.execute("SELECT state, count(*) FROM sync_outbox GROUP BY state"):
        counts[str(state)] = int(count)
    oldest = conn.execute("SELECT min(created_at) FROM sync_outbox"
                          " WHERE state IN ('pending', 'sending')").fetchone()[0]
    return OutboxStats(counts["pending"], counts["sending"], counts["quarantined"],
                       counts["sent"], oldest)


def get_state(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_state(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    with immediate(conn):
        if value is None:
            conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key)"
                         " DO UPDATE SET value = excluded.value", (key, value))

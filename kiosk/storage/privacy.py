"""SQL of retention (what may be cleared, and clearing it) and of deleting without traces.

"Confirmed" means the province answered the application's PUT with 201 or 200: its outbox row
is `sent`. Nothing here touches an application whose row is not `sent`. Each function only
executes statements; the privacy service wraps one application's work in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kiosk.storage.database import Database

FINAL_STATUSES = ("rejected", "completed", "withdrawn")
_FINAL = ", ".join(f"'{s}'" for s in FINAL_STATUSES)

# The application's own outbox row, when the province has confirmed it.
_SENT = ("JOIN sync_outbox o ON o.kind = 'application' AND o.item_id = a.application_id"
         " AND o.state = 'sent'")
# Final, and both the confirmation and the final status older than the cutoff (epoch seconds).
_EXPIRED = (f"JOIN application_status s ON s.application_id = a.application_id"
            f" WHERE a.purged_at IS NULL AND s.status IN ({_FINAL})"
            " AND o.sent_at < :cutoff"
            " AND CAST(strftime('%s', s.updated_at) AS REAL) < :cutoff")


@contextmanager
def secure_deletion(db: Database) -> Iterator[None]:
    """Deleted bytes are overwritten with zeros (`secure_delete`), and the WAL, which still
    holds the old pages, is checkpointed into the file and truncated afterwards."""
    before = int(db.conn.execute("PRAGMA secure_delete").fetchone()[0])
    db.conn.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA secure_delete = {before}")
    checkpoint(db)


def checkpoint(db: Database) -> bool:
    """Move the WAL into the database file and truncate it; False when a reader held it."""
    if db.conn.in_transaction:
        return False
    busy = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    return int(busy) == 0


def confirmed_not_cleared(db: Database, limit: int) -> list[str]:
    rows = db.execute(f"SELECT a.application_id FROM applications a {_SENT}"
                      " WHERE a.confirmed_purged_at IS NULL ORDER BY a.rowid LIMIT ?",
                      (limit,)).fetchall()
    return [str(r[0]) for r in rows]


def expired(db: Database, cutoff: float, limit: int) -> list[str]:
    rows = db.execute(f"SELECT a.application_id FROM applications a {_SENT} {_EXPIRED}"
                      " ORDER BY a.rowid LIMIT :limit",
                      {"cutoff": cutoff, "limit": limit}).fetchall()
    return [str(r[0]) for r in rows]


def is_confirmed(db: Database, application_id: str) -> bool:
    return db.execute("SELECT 1 FROM sync_outbox WHERE kind = 'application' AND item_id = ?"
                      " AND state = 'sent'", (application_id,)).fetchone() is not None


def releasable_blobs(db: Database, application_id: str) -> list[str]:
    """Blobs of this (confirmed) application that no unconfirmed item still needs: blobs are
    stored once by hash, so the same photo may belong to an application not yet sent."""
    row = db.execute("SELECT blobs FROM sync_outbox WHERE kind = 'application' AND item_id = ?"
                     " AND state = 'sent'", (application_id,)).fetchone()
    if row is None:
        return []
    shas = [str(s) for s in json.loads(row[0])]
    return [sha for sha in shas if db.execute(  # blobs is a JSON list of hex hashes
        "SELECT 1 FROM sync_outbox INDEXED BY sync_outbox_due"
        " WHERE state IN ('pending', 'sending', 'quarantined') AND kind = 'application'"
        " AND instr(blobs, ?) > 0 LIMIT 1", (f'"{sha}"',)).fetchone() is None]


def delete_blobs(db: Database, shas: list[str]) -> int:
    count = 0
    for sha in shas:
        count += db.execute("DELETE FROM sync_blobs WHERE sha256 = ?", (sha,)).rowcount
    return count


def set_outbox_payload(db: Database, application_id: str, sealed: bytes) -> None:
    db.execute("UPDATE sync_outbox SET payload = ? WHERE kind = 'application' AND item_id = ?"
               " AND state = 'sent'", (sealed, application_id))


def mark_confirmed_cleared(db: Database, application_id: str, at: str) -> None:
    db.execute("UPDATE applications SET confirmed_purged_at = ? WHERE application_id = ?",
               (at, application_id))


def set_reduced_answers(db: Database, application_id: str, sealed: bytes, at: str) -> None:
    """The reduced document replaces the answers; the lookup key (derived from the ID
    number) goes with them."""
    db.execute("UPDATE applications SET payload = ?, applicant_key = '', purged_at = ?"
               " WHERE application_id = ?", (sealed, at, application_id))


def stale_clerk_drafts(db: Database, before: str) -> list[str]:
    rows = db.execute("SELECT application_id FROM application_drafts WHERE owner = 'clerk'"
                      " AND updated_at < ? ORDER BY updated_at", (before,)).fetchall()
    return [str(r[0]) for r in rows]


def delete_draft(db: Database, application_id: str) -> None:
    db.execute("DELETE FROM draft_blobs WHERE application_id = ?", (application_id,))
    db.execute("DELETE FROM application_drafts WHERE application_id = ?", (application_id,))


@dataclass(frozen=True)
class Backlog:
    """Rows past their date: what the next purge would clear."""

    confirmed_not_cleared: int
    expired: int
    stale_clerk_drafts: int
    unconfirmed: int

    def as_json(self) -> dict[str, int]:
        return {"confirmed_not_cleared": self.confirmed_not_cleared, "expired": self.expired,
                "stale_clerk_drafts": self.stale_clerk_drafts, "unconfirmed": self.unconfirmed}


def backlog(db: Database, cutoff: float, drafts_before: str) -> Backlog:
    def one(sql: str, params: object = ()) -> int:
        return int(db.execute(sql, params).fetchone()[0])

    return Backlog(
        one(f"SELECT count(*) FROM applications a {_SENT} WHERE a.confirmed_purged_at IS NULL"),
        one(f"SELECT count(*) FROM applications a {_SENT} {_EXPIRED}", {"cutoff": cutoff}),
        one("SELECT count(*) FROM application_drafts WHERE owner = 'clerk' AND updated_at < ?",
            (drafts_before,)),
        one("SELECT count(*) FROM applications a WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o"
            " WHERE o.kind = 'application' AND o.item_id = a.application_id"
            " AND o.state = 'sent')"))


def get_state(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM privacy_state WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_state(db: Database, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM privacy_state WHERE key = ?", (key,))
    else:
        db.execute("INSERT INTO privacy_state (key, value) VALUES (?, ?) ON CONFLICT (key)"
                   " DO UPDATE SET value = excluded.value", (key, value))

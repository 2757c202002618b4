"""Rollback protection for signed disclosures: the newest version seen of each item.

A signature proves who published an item, not that it is the latest: whoever can answer the
terminal's requests could replay an older, validly signed copy (a ledger before a correction).
The pull records the newest `published_at` accepted for each id, and refuses an older one for
the same id, even after the item was deleted. Times are compared as instants, not as text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from sync.signing import parse_rfc3339

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS sync_disclosure_versions (
        id TEXT PRIMARY KEY,
        published_at TEXT NOT NULL,
        published_unix REAL NOT NULL
    )""",
)


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the table; runs inside the caller's (migration's) transaction."""
    for statement in SCHEMA:
        conn.execute(statement)


def instant(published_at: object) -> float | None:
    try:
        return parse_rfc3339(str(published_at))
    except (TypeError, ValueError):
        return None


def newest(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, float]:
    """The newest accepted `published_at` (unix seconds) of each id that has one."""
    found: dict[str, float] = {}
    for item_id in ids:
        row = conn.execute("SELECT published_unix FROM sync_disclosure_versions WHERE id = ?",
                           (item_id,)).fetchone()
        if row is not None:
            found[item_id] = float(row[0])
    return found


def remember(conn: sqlite3.Connection, versions: Iterable[tuple[str, str, float]]) -> None:
    """Record accepted versions (id, published_at, unix); never moves one backwards."""
    conn.executemany(
        "INSERT INTO sync_disclosure_versions (id, published_at, published_unix)"
        " VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        " published_at = excluded.published_at, published_unix = excluded.published_unix"
        " WHERE excluded.published_unix > sync_disclosure_versions.published_unix",
        list(versions))

"""Facts the header shows: how old the reference data is."""

from __future__ import annotations

from kiosk.storage.database import Database


def oldest_sync(db: Database) -> str | None:
    """The oldest `synced_at` over the datasets that have ever synced (RFC 3339), or None."""
    row = db.conn.execute(
        "SELECT min(synced_at) FROM dataset_state"
        " WHERE synced_at IS NOT NULL AND dataset NOT LIKE 'rebuild:%'"  # rebuilds in progress
    ).fetchone()
    return row[0] if row and row[0] else None

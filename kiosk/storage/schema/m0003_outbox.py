"""The sync engine's tables: the outbox, stored blobs, sync state and rejected items.

The SQL belongs to the `sync` library (`sync.outbox.create_schema`); the kiosk only decides
when it runs, as a named migration like every other schema change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0003_outbox"


def apply(db: Database) -> None:
    from sync.outbox import create_schema  # paid only when the migration runs

    create_schema(db.conn)

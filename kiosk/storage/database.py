"""Opening the kiosk database: connect, then bring the schema up to date.

`open_database` sits above the connection (`kiosk.storage.connection`) and the upgrade
(`kiosk.storage.upgrade`), so the import graph has no circle: the connection knows nothing of
migrations, and the upgrade imports only the connection. The connection's names are re-exported
here because every repository imports them from this module.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.storage.connection import (
    BUSY_TIMEOUT_MS,
    Database,
    connect,
    explain_sqlite_error,
    guarded,
    integrity_problems,
    transaction,
)
from kiosk.storage.upgrade import upgrade_database

__all__ = [
    "BUSY_TIMEOUT_MS", "Database", "connect", "explain_sqlite_error", "guarded",
    "integrity_problems", "open_database", "transaction",
]


def open_database(path: Path, *, check_same_thread: bool = True) -> Database:
    """The kiosk database, migrated to the current schema.

    Pending migrations run behind a backup that is restored if one fails (kiosk.storage.upgrade).
    """
    db = Database(connect(path, check_same_thread=check_same_thread))
    try:
        upgrade_database(db, path)
    except sqlite3.Error as error:
        db.close()
        raise explain_sqlite_error(error, path) from None
    return db

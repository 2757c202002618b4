"""Schema upgrades that can never lose data: a backup before, a restore when one fails.

A new kiosk version brings new migrations; they run on the first start after the upgrade,
inside `open_database`. Before the first pending migration touches an existing database, an
online backup goes to `backups/before-upgrade/`. If a migration fails, the half-upgraded file is
replaced by that backup (the broken state is kept aside in `backups/before-restore/` for
support), so the data is exactly the previous version's, and `UpgradeFailed` says so: the
previous version, installed again, opens it as if nothing happened. A database from a newer
version is refused (`SchemaTooNew`) before anything is written. A fresh, empty database needs no
backup.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.errors import SchemaTooNew, StorageError
from kiosk.storage.connection import Database
from kiosk.storage.migrations import known_names, migrate, pending_names

UPGRADE_BACKUPS = "before-upgrade"
KEEP_UPGRADE_BACKUPS = 5


class UpgradeFailed(StorageError):
    """A migration failed; the backup taken just before was put back."""


def upgrade_database(db: Database, path: Path) -> Path | None:
    """Apply pending migrations to the database at `path`, safely.

    Returns the backup taken before migrating (None when nothing was pending or the database
    was new). On failure `db` is closed, the backup restored, and `UpgradeFailed` raised.
    """
    pending = pending_names(db)
    if not pending or (len(pending) == len(known_names()) and _is_empty(db)):
        migrate(db)  # also refuses a newer schema when nothing is pending
        return None
    from kiosk.storage.maintenance import backup_to, restore_from  # only when upgrading

    backups = path.parent / "backups"
    backup = backup_to(db, backups / UPGRADE_BACKUPS, keep=KEEP_UPGRADE_BACKUPS)
    try:
        migrate(db)
    except SchemaTooNew:
        raise  # refused before any change: nothing to restore
    except Exception as error:
        db.close()
        try:
            restore_from(backup, path, backups)
        except StorageError as restore_error:
            raise UpgradeFailed(
                f"数据库升级失败且无法自动恢复 / upgrading the database failed ({error}) and the "
                f"automatic restore failed too ({restore_error}). Nothing was deleted: the "
                f"backup taken before the upgrade is {backup}; restore it with "
                f"`kiosk restore {backup}` after installing the previous version."
            ) from error
        raise UpgradeFailed(
            f"数据库升级失败,已恢复升级前的数据 / upgrading the database to this version failed "
            f"at {', '.join(pending)} ({type(error).__name__}: {error}). The backup taken just "
            f"before ({backup}) was restored, so every record, queued submission and print job "
            "is as it was. Install the previous version again to keep working, and send the "
            "logs to support."
        ) from error
    return backup


def _is_empty(db: Database) -> bool:
    """True for a database with no tables of ours yet (first start on a new terminal)."""
    try:
        names = [row[0] for row in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != '_sqlite_migrations'")]
    except sqlite3.Error:
        return False
    return not names

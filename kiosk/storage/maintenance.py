"""Database health and online backups (SQLite backup API), with rotation and safe restore."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.errors import DatabaseCorrupt, StorageError
from kiosk.storage.connection import Database, explain_sqlite_error, integrity_problems
from kiosk.storage.migrations import pending_names

BACKUP_PREFIX = "kiosk-"
BACKUP_SUFFIX = ".sqlite3"


@dataclass(frozen=True)
class DatabaseReport:
    problems: list[str]
    journal_mode: str
    synchronous: int
    size_bytes: int
    pending_migrations: list[str]


def database_report(db: Database) -> DatabaseReport:
    conn = db.conn
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    return DatabaseReport(
        problems=integrity_problems(conn),
        journal_mode=str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower(),
        synchronous=int(conn.execute("PRAGMA synchronous").fetchone()[0]),
        size_bytes=int(page_count) * int(page_size),
        pending_migrations=pending_names(db),
    )


def backup_to(db: Database, folder: Path, *, keep: int = 10, now: datetime | None = None) -> Path:
    """Copy the live database with the backup API (consistent while in use), keep the newest N."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{BACKUP_PREFIX}{stamp}{BACKUP_SUFFIX}"
    partial = target.with_suffix(".partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            db.conn.backup(destination)
        finally:
            destination.close()
        partial.replace(target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise explain_sqlite_error(error, target) from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"备份失败 / backup to {folder} failed: {error.strerror}") from None
    for old in list_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def list_backups(folder: Path) -> list[Path]:
    """Backups in the folder, newest first."""
    if not folder.exists():
        return []
    return sorted(folder.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}"), reverse=True)


def check_backup_file(path: Path) -> None:
    """Refuse a file that is missing, not SQLite, or fails integrity_check."""
    if not path.is_file():
        raise StorageError(f"找不到备份文件 / no backup file at {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = integrity_problems(conn)
            has_schema = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name = 'dataset_state'"
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise DatabaseCorrupt(
            f"备份文件无效 / {path} is not a usable kiosk backup ({error}); nothing was restored."
        ) from None
    if problems:
        raise DatabaseCorrupt(
            f"备份文件已损坏 / {path} fails integrity_check ({problems[0]}); nothing was restored."
        )
    if not has_schema:
        raise StorageError(f"{path} is an SQLite file but not a kiosk database; nothing restored.")


def restore_from(path: Path, live: Path, backups: Path) -> Path | None:
    """Check the backup, keep a copy of the current database, then copy the backup in place.

    Returns the safety copy of what was there before (None when there was no database).
    """
    check_backup_file(path)
    safety: Path | None = None
    if live.exists():
        from kiosk.storage.connection import connect

        current = Database(connect(live))
        try:
            safety = backup_to(current, backups / "before-restore", keep=5)
        finally:
            current.close()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        from kiosk.storage.connection import connect

        target = connect(live)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as error:
        raise explain_sqlite_error(error, live) from None
    finally:
        source.close()
    return safety

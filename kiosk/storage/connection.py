"""The connection to the terminal's one SQLite file, safely configured.

Every connection gets WAL, `synchronous=FULL` (a committed row survives a power cut),
foreign keys and a busy timeout. Failures to open become `StorageError`s that say what to do:
a read-only folder, a full disk and a damaged file each get their own message.

This module is the bottom of `kiosk.storage`: migrations, upgrades and backups build on it.
`open_database` (connect, then migrate) sits above them all in `kiosk.storage.database`.
"""

from __future__ import annotations

import errno
import itertools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from kiosk.errors import DatabaseCorrupt, DataFolderNotWritable, DiskFull, StorageError

BUSY_TIMEOUT_MS = 10_000
_SAVEPOINTS = itertools.count(1)
T = TypeVar("T")


class KioskConnection(sqlite3.Connection):
    """A connection that can carry its terminal's codec for personal data at rest
    (`payload_codec`, see kiosk.storage.sealing and sync.codec.codec_of)."""

    payload_codec: Any = None


class Database:
    """The kiosk's handle on its SQLite file: the connection plus atomic blocks.

    A thin stand-in for `sqlite_utils.Database` with the few members the kiosk uses
    (`conn`, `execute`, `executescript`, `atomic`, `close`). Importing sqlite-utils costs
    ~170 ms, which the kiosk cannot pay before its first frame; it is loaded only when a
    migration has to run (see `kiosk.storage.migrations`).
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def executescript(self, script: str) -> sqlite3.Cursor:
        return self.conn.executescript(script)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction, or a savepoint inside one, exactly as sqlite-utils' `atomic()`."""
        if self.conn.in_transaction:
            name = f"kiosk_savepoint_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            _rollback_if_open(self.conn)
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StorageError(f"the database could not switch to WAL mode (got {mode!r})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _probe_writable(conn: sqlite3.Connection) -> None:
    """Fail at start-up, not in the middle of a villager's submission, on a read-only disk.

    SQLite opens a file on a read-only file system read-only without a word (when the WAL
    index survives from before); only a real write tells. This one is rolled back.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.execute("ROLLBACK")


def explain_sqlite_error(error: sqlite3.Error, path: Path) -> StorageError:
    """Turn SQLite's terse errors into a message an admin can act on."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseCorrupt(
            f"数据库文件已损坏 / the database {path} is damaged ({error}). Nothing was changed. "
            "Restore the newest backup with `kiosk restore FILE` (backups are in the "
            "'backups' folder next to it), or move the file away to start empty."
        )
    if "disk is full" in text or ("disk i/o" in text and _disk_is_full(path)):
        return DiskFull(
            f"磁盘已满 / the disk holding {path.parent} is full. Free some space (old backups, "
            "logs) and start again; nothing already saved was lost."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DataFolderNotWritable(
            f"数据文件夹不可写 / cannot write to the data folder {path.parent} ({error}). "
            "Check that it exists, that the kiosk user owns it, and that the disk is not "
            "mounted read-only; or choose another with --data-dir."
        )
    return StorageError(f"database error on {path}: {error}")


def _disk_is_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise DiskFull(f"磁盘已满 / no space to create {folder}") from None
        raise DataFolderNotWritable(
            f"数据文件夹不可写 / cannot create the data folder {folder}: {error.strerror}. "
            "Choose another with --data-dir or fix its permissions."
        ) from None


def connect(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A raw connection with the kiosk's pragmas; raises a clear `StorageError` on failure."""
    _ensure_folder(path.parent)
    try:
        conn = sqlite3.connect(path, check_same_thread=check_same_thread, isolation_level=None,
                               factory=KioskConnection)
    except sqlite3.Error as error:
        raise explain_sqlite_error(error, path) from None
    try:
        conn.execute("PRAGMA schema_version").fetchone()  # reads the header: detects garbage
        _apply_pragmas(conn)
        _probe_writable(conn)
    except sqlite3.Error as error:
        conn.close()
        raise explain_sqlite_error(error, path) from None
    return conn


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """One atomic unit of work: everything inside commits together or not at all.

    The outermost level takes the write lock at once (`BEGIN IMMEDIATE`), so two processes (the
    kiosk and a `kiosk sync`) queue on the busy timeout instead of deadlocking on an upgrade.
    Nested levels are savepoints.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        _rollback_if_open(db.conn)
        raise
    db.conn.execute("COMMIT")


def _rollback_if_open(conn: sqlite3.Connection) -> None:
    """Roll back, unless an error such as a full disk already ended the transaction."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def guarded(path: Path, work: Callable[[], T]) -> T:
    """Run storage work, turning SQLite errors into the same clear messages as opening."""
    try:
        return work()
    except sqlite3.Error as error:
        raise explain_sqlite_error(error, path) from None


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """`PRAGMA integrity_check` as a list of problems; empty when the file is sound."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows

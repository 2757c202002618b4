"""Fixtures for the installer tests: a database at the previous release's schema, full of data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database as UtilsDatabase
from sqlite_utils.migrations import Migrations

from kiosk.storage import migrations

OUTBOX_ITEMS = 300
PRINT_JOBS = 25


def build_previous_database(path: Path) -> None:
    """All migrations but the newest (the schema the previous release shipped), then a full
    outbox, queued print jobs and some reference data, the way a terminal has them."""
    from sync.outbox import BlobRef, add_blob, enqueue

    previous = Migrations(migrations.MIGRATION_SET)
    for module in migrations.SCHEMA_MODULES:
        previous(name=module.NAME)(module.apply)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    previous.apply(UtilsDatabase(conn), stop_before=migrations.known_names()[-1])
    conn.execute("BEGIN")
    for number in range(OUTBOX_ITEMS):
        blob = BlobRef.from_bytes(f"scan {number} ".encode() * 50, "image/png")
        add_blob(conn, blob)
        enqueue(conn, "application", f"APP-{number:05d}",
                f'{{"n": {number}, "名字": "张{number}"}}'.encode(), blobs=[blob],
                now=1_700_000_000 + number)
    if _has_table(conn, "print_jobs"):
        for number in range(PRINT_JOBS):
            conn.execute(
                "INSERT INTO print_jobs (kind, paper, reference, data, pdf, message, created_at,"
                " updated_at) VALUES ('receipt', 'roll', ?, '{}', ?, '', '2026-01-01',"
                " '2026-01-01')", (f"R-{number}", b"%PDF-1.4 fake " * 20))
    conn.execute("COMMIT")
    conn.close()


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def table_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (sorted), to compare two files byte for byte per row."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                for name in names}
    finally:
        conn.close()


@pytest.fixture
def previous_database(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "kiosk.sqlite3"
    build_previous_database(path)
    return path

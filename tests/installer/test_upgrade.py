"""Upgrade safety: from the previous release's schema with a full outbox to this one, losing
nothing; a failing migration puts the old data back; a newer schema is refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.errors import SchemaTooNew
from kiosk.storage import migrations
from kiosk.storage.database import open_database
from kiosk.storage.upgrade import UPGRADE_BACKUPS, UpgradeFailed
from tests.installer.conftest import OUTBOX_ITEMS, table_dump


def test_previous_schema_is_really_behind(previous_database: Path) -> None:
    conn = sqlite3.connect(previous_database)
    try:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
    finally:
        conn.close()
    assert sorted(applied) == sorted(migrations.known_names()[:-1])


def test_upgrade_keeps_every_outbox_item_and_takes_a_backup(previous_database: Path) -> None:
    before = table_dump(previous_database)
    assert len(before["sync_outbox"]) == OUTBOX_ITEMS

    db = open_database(previous_database)
    try:
        assert migrations.pending_names(db) == []
    finally:
        db.close()

    after = table_dump(previous_database)
    for table, rows in before.items():
        if table == "_sqlite_migrations":
            assert set(rows) <= set(after[table])
            continue
        # A migration may add columns (ALTER TABLE ... ADD COLUMN appends them): every row
        # keeps every value it had, in the columns it had.
        width = len(rows[0]) if rows else 0
        assert [row[:width] for row in after[table]] == rows, \
            f"{table} changed during the upgrade"
    backups = list((previous_database.parent / "backups" / UPGRADE_BACKUPS).glob("*.sqlite3"))
    assert len(backups) == 1
    assert table_dump(backups[0]) == before


def test_fresh_database_needs_no_backup(data_dir: Path) -> None:
    db = open_database(data_dir / "kiosk.sqlite3")
    db.close()
    assert not (data_dir / "backups" / UPGRADE_BACKUPS).exists()


def test_reopening_an_up_to_date_database_takes_no_backup(previous_database: Path) -> None:
    open_database(previous_database).close()
    open_database(previous_database).close()
    folder = previous_database.parent / "backups" / UPGRADE_BACKUPS
    assert len(list(folder.glob("*.sqlite3"))) == 1


def _broken_migration() -> ModuleType:
    """A migration that changes data and a table, then fails half-way."""
    module = ModuleType("m9999_broken")
    module.NAME = "9999_broken"  # type: ignore[attr-defined]

    def apply(db: object) -> None:
        conn = db.conn  # type: ignore[attr-defined]
        conn.execute("DELETE FROM sync_outbox WHERE id % 2 = 0")
        conn.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("simulated bug in a new migration")

    module.apply = apply  # type: ignore[attr-defined]
    return module


def test_failed_migration_restores_the_previous_data(previous_database: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = table_dump(previous_database)
    monkeypatch.setattr(migrations, "SCHEMA_MODULES",
                        [*migrations.SCHEMA_MODULES, _broken_migration()])

    with pytest.raises(UpgradeFailed) as failure:
        open_database(previous_database)

    message = str(failure.value)
    assert "restored" in message
    assert "9999_broken" in message
    assert "升级" in message
    assert table_dump(previous_database) == before  # the previous schema, every row
    monkeypatch.undo()
    # ...and the previous version opens it (here: the real list, which upgrades normally).
    db = open_database(previous_database)
    try:
        count = db.conn.execute("SELECT count(*) FROM sync_outbox").fetchone()[0]
    finally:
        db.close()
    assert count == OUTBOX_ITEMS


def test_failed_migration_through_the_cli_is_a_message_not_a_traceback(
        previous_database: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    monkeypatch.setattr(migrations, "SCHEMA_MODULES",
                        [*migrations.SCHEMA_MODULES, _broken_migration()])
    code = main(["--data-dir", str(previous_database.parent), "backup"])
    err = capsys.readouterr().err
    assert code == UpgradeFailed.exit_code
    assert "restored" in err
    assert "Traceback" not in err


def test_downgrade_refuses_a_newer_schema_and_changes_nothing(previous_database: Path) -> None:
    open_database(previous_database).close()
    conn = sqlite3.connect(previous_database, isolation_level=None)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES (?, '9999_from_the_future', '2030-01-01')",
                 (migrations.MIGRATION_SET,))
    conn.close()
    before = table_dump(previous_database)
    backups_before = sorted((previous_database.parent / "backups").rglob("*.sqlite3"))

    with pytest.raises(SchemaTooNew, match="newer"):
        open_database(previous_database)

    assert table_dump(previous_database) == before
    assert sorted((previous_database.parent / "backups").rglob("*.sqlite3")) == backups_before

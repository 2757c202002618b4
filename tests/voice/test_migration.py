"""Migration 0010 widens the outbox's kinds on a database that already holds items."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.storage import migrations
from kiosk.storage.database import open_database, transaction
from sync import outbox


def test_an_older_database_keeps_its_outbox_and_takes_the_new_kinds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kiosk.sqlite3"
    older = [m for m in migrations.SCHEMA_MODULES if m.NAME != "0010_voice"]
    monkeypatch.setattr(migrations, "SCHEMA_MODULES", older)
    narrow = tuple(s.replace(outbox._KIND_CHECK, "'application', 'clerk_action', 'audit_event'")
                   for s in outbox.SCHEMA)
    monkeypatch.setattr(outbox, "SCHEMA", narrow)  # the table as releases before 0010 made it
    db = open_database(path)
    with transaction(db):
        outbox.enqueue(db.conn, "application", "a-1", b'{"x":1}')
    with pytest.raises(sqlite3.IntegrityError), transaction(db):
        outbox.enqueue(db.conn, "evaluation", "e-0", b"{}")
    db.close()
    monkeypatch.undo()
    db = open_database(path)
    try:
        assert [(i.kind, i.item_id, i.payload) for i in outbox.list_items(db.conn)] == [
            ("application", "a-1", b'{"x":1}')]
        with transaction(db):
            outbox.enqueue(db.conn, "evaluation", "e-1", b"{}")
            outbox.enqueue(db.conn, "feedback", "f-1", b"{}")
        assert [i.kind for i in outbox.list_items(db.conn)] == [
            "application", "evaluation", "feedback"]
        assert "0010_voice" in migrations.applied_names(db.conn)
    finally:
        db.close()

"""Heartbeat over real HTTP: the province's `full_resync` command (contract section 6) starts a
shadow rebuild of that dataset, lookups keep answering from the old copy, and the next pull
finishes it; a command is carried out once."""

from __future__ import annotations

import json
import time

from kiosk.storage.database import Database
from kiosk.storage.datasets import DatasetStore
from sync.client import ProvinceClient
from sync.heartbeat import health_body, heartbeat
from sync.pull import pull
from tests.sync.support import TERMINAL_ID, Emulator


def _beat(client: ProvinceClient, db: Database) -> list[str]:
    store = DatasetStore(db)
    body = health_body(db.conn, store, app_version="test", now=time.time())
    result = heartbeat(client, store, body)
    assert result.answer.ok, result.answer.reason
    return result.resync


def test_full_resync_rebuilds_the_dataset_once_while_lookups_answer(
        db: Database, emulator: Emulator, client: ProvinceClient) -> None:
    store = DatasetStore(db)
    assert pull(client, store, db.conn, datasets=["subsidies"]).ok
    before = dict(db.conn.execute("SELECT payment_id, amount_fen FROM subsidy_payments"))
    assert len(before) == 20
    # a row the province never sent: only a rebuild from scratch removes it
    db.conn.execute("INSERT INTO subsidy_payments SELECT 'stray', holder_name_masked, item_code,"
                    " item_name, department, level, period, standard, amount_fen, paid_on,"
                    " bank_card_tail, status, note FROM subsidy_payments LIMIT 1")
    db.conn.commit()

    emulator.control("commands", {"terminal_id": TERMINAL_ID,
                                  "command": {"command": "full_resync", "dataset": "subsidies"}})
    assert _beat(client, db) == ["subsidies"]
    assert store.rebuild_cursor("subsidies") == "0"
    assert store.count("subsidies") == 21  # lookups still read the old copy

    report = pull(client, store, db.conn, datasets=["subsidies"])
    assert report.ok, report.as_json()
    outcome = report.datasets[0]
    assert (outcome.rebuilt, outcome.rebuild_reason) == (True, "resumed")
    assert dict(db.conn.execute("SELECT payment_id, amount_fen FROM subsidy_payments")) == before
    assert store.rebuild_cursor("subsidies") is None
    assert not db.conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%shadow%'"
                               ).fetchall()

    assert _beat(client, db) == []  # delivered once
    assert pull(client, store, db.conn, datasets=["subsidies"]).datasets[0].rebuilt is False
    [(body,)] = emulator.query("SELECT body FROM heartbeats WHERE terminal_id = ?", TERMINAL_ID)
    assert json.loads(body)["datasets"]["subsidies"]["cursor"] == outcome.cursor


def test_a_command_for_an_unknown_dataset_starts_nothing(
        db: Database, emulator: Emulator, client: ProvinceClient) -> None:
    store = DatasetStore(db)
    emulator.control("commands", {"terminal_id": TERMINAL_ID,
                                  "command": {"command": "full_resync", "dataset": "weather"}})
    assert _beat(client, db) == []
    assert all(store.rebuild_cursor(name) is None for name in store.names)

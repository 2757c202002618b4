"""Pull over real HTTP: cursors, tombstones, totals, rebuilds while lookups answer, tampering."""

from __future__ import annotations

import gc
import hashlib
import json
import threading
from pathlib import Path
from typing import Any

import requests

from kiosk.collector import tune_collector
from kiosk.storage.database import Database, open_database
from kiosk.storage.datasets import DatasetStore
from sync.client import ProvinceClient
from sync.pull import pull, rejected_items
from tests.sync.support import Emulator, signed_disclosure, signer, subsidy

KEYS = {"township-2026": signer()[1]}


def _payments(db: Database) -> dict[str, int]:
    return dict(db.conn.execute("SELECT payment_id, amount_fen FROM subsidy_payments"))


def test_first_pull_then_incremental_with_tombstones(db: Database, emulator: Emulator,
                                                     client: ProvinceClient) -> None:
    store = DatasetStore(db)
    report = pull(client, store, db.conn, publisher_keys=KEYS, limit=7)
    assert report.ok, report.as_json()
    assert {d.dataset: d.count for d in report.datasets} == {
        "services": 3, "disclosures": 4, "subsidies": 20, "application_status": 0,
        "feedback_replies": 0, "subsidy_policies": 0}
    assert next(d for d in report.datasets if d.dataset == "subsidies").pages == 3
    emulator.control("datasets/subsidies", {"upsert": [{**subsidy(3), "amount_fen": 1}],
                                            "delete": ["p-0000004"]})
    report = pull(client, store, db.conn, publisher_keys=KEYS, datasets=["subsidies"])
    outcome = report.datasets[0]
    assert (outcome.upserts, outcome.deletes, outcome.rebuilt) == (1, 1, False)
    payments = _payments(db)
    assert payments["p-0000003"] == 1
    assert "p-0000004" not in payments
    assert len(payments) == 19
    assert store.state("subsidies").total == 19


def test_cursor_expiry_rebuilds_while_lookups_keep_answering(
        db: Database, emulator: Emulator, client: ProvinceClient) -> None:
    store = DatasetStore(db)
    assert pull(client, store, db.conn, publisher_keys=KEYS).ok
    before = _payments(db)
    emulator.control("datasets/subsidies", {"upsert": [subsidy(i) for i in range(20, 60)],
                                            "delete": [f"p-{i:07d}" for i in range(5)]})
    emulator.control("expire", {"dataset": "subsidies"})
    reader = open_database(Path(db.conn.execute("PRAGMA database_list").fetchone()[2]))
    seen_during: list[dict[str, int]] = []

    def look(stage: str, dataset: str, page: Any) -> None:
        if stage == "page_did_apply":
            seen_during.append(_payments(reader))  # another connection, as the UI's lookups

    report = pull(client, store, db.conn, publisher_keys=KEYS, datasets=["subsidies"],
                  limit=10, on_stage=look)
    outcome = report.datasets[0]
    assert outcome.rebuilt
    assert outcome.rebuild_reason == "cursor_expired"
    assert outcome.pages == 6
    assert all(seen == before for seen in seen_during)  # old copy until the swap
    after = _payments(reader)
    assert len(after) == 55
    assert "p-0000000" not in after  # the tombstones were purged, the rebuild still drops it
    assert outcome.count == outcome.total == 55
    reader.close()


def test_a_wrong_count_rebuilds(db: Database, emulator: Emulator, client: ProvinceClient
                                ) -> None:
    store = DatasetStore(db)
    assert pull(client, store, db.conn, publisher_keys=KEYS).ok
    db.conn.execute("DELETE FROM subsidy_payments WHERE payment_id = 'p-0000007'")  # drift
    emulator.control("datasets/subsidies", {"upsert": [subsidy(99)]})
    outcome = pull(client, store, db.conn, publisher_keys=KEYS, datasets=["subsidies"]
                   ).datasets[0]
    assert outcome.rebuilt
    assert outcome.rebuild_reason == "count 20 != total 21"
    assert outcome.complete
    assert "p-0000007" in _payments(db)


def test_tampered_disclosure_is_not_shown_and_is_reported(
        db: Database, emulator: Emulator, client: ProvinceClient) -> None:
    store = DatasetStore(db)
    assert pull(client, store, db.conn, publisher_keys=KEYS).ok
    emulator.faults(tamper_ids=["d-0002"])
    emulator.control("datasets/disclosures", {"upsert": [signed_disclosure(2)]})  # re-served
    outcome = pull(client, store, db.conn, publisher_keys=KEYS, datasets=["disclosures"]
                   ).datasets[0]
    assert outcome.rejected == ["d-0002"]
    assert outcome.complete  # the count check allows for the rejected item: no rebuild loop
    assert not outcome.rebuilt
    ids = {r[0] for r in db.conn.execute("SELECT id FROM disclosures")}
    assert ids == {"d-0000", "d-0001", "d-0003"}
    assert [(r["dataset"], r["key"]) for r in rejected_items(db.conn)] == [
        ("disclosures", "d-0002")]
    emulator.faults(tamper_ids=[])
    emulator.control("datasets/disclosures", {"upsert": [signed_disclosure(2)]})
    pull(client, store, db.conn, publisher_keys=KEYS, datasets=["disclosures"])
    assert rejected_items(db.conn) == []
    assert db.conn.execute("SELECT count(*) FROM disclosures").fetchone()[0] == 4


def test_attachments_are_fetched_by_hash(tmp_path: Path, db: Database, emulator: Emulator,
                                         client: ProvinceClient) -> None:
    receipt = "收据".encode() * 500
    sha = hashlib.sha256(receipt).hexdigest()
    assert requests.post(f"{emulator.url}/_emulator/files", data=receipt, timeout=10
                         ).json()["sha256"] == sha
    item = signed_disclosure(9, attachments=[{"sha256": sha, "filename": "收据.pdf",
                                              "media_type": "application/pdf",
                                              "size": len(receipt)}])
    emulator.control("datasets/disclosures", {"upsert": [item]})
    files = tmp_path / "files"
    outcome = pull(client, DatasetStore(db), db.conn, publisher_keys=KEYS, files_dir=files,
                   datasets=["disclosures"]).datasets[0]
    assert outcome.files_fetched == 1
    assert (files / sha).read_bytes() == receipt
    again = pull(client, DatasetStore(db), db.conn, publisher_keys=KEYS, files_dir=files,
                 datasets=["disclosures"]).datasets[0]
    assert again.files_fetched == 0
    assert json.loads(db.conn.execute("SELECT data FROM disclosures WHERE id = 'd-0009'"
                                      ).fetchone()[0])["attachments"][0]["sha256"] == sha


def test_pull_runs_beside_a_writer_thread(db: Database, emulator: Emulator,
                                          client: ProvinceClient) -> None:
    """A lookup thread on its own connection never sees a half-applied page."""
    store = DatasetStore(db)
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2])
    emulator.control("datasets/subsidies", {"upsert": [subsidy(i) for i in range(20, 400)]})
    stop = threading.Event()
    odd: list[int] = []

    def reader() -> None:
        conn = open_database(path, check_same_thread=False)
        while not stop.is_set():
            count = conn.conn.execute("SELECT count(*) FROM subsidy_payments").fetchone()[0]
            if count % 50 not in (0, 20):  # pages of 50 from 0 or 20 items
                odd.append(count)
        conn.close()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert pull(client, store, db.conn, publisher_keys=KEYS, datasets=["subsidies"],
                    limit=50).ok
    finally:
        stop.set()
        thread.join()
    assert odd == []


def test_a_large_pull_sets_off_no_old_collections_under_the_kiosk_collector(
        db: Database, emulator: Emulator, client: ProvinceClient) -> None:
    """Each page must be freed by reference counting before the collector, as the kiosk sets
    it, is due: pages kept alive or promoted would make full collections that stall the UI."""
    emulator.control("datasets/subsidies", {"upsert": [subsidy(i) for i in range(8_000)]})
    before = gc.get_threshold()
    started: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    tune_collector()
    gc.collect()
    gc.callbacks.append(watch)
    try:
        report = pull(client, DatasetStore(db), db.conn, datasets=["subsidies"])
    finally:
        gc.callbacks.remove(watch)
        gc.set_threshold(*before)
    assert report.ok, report.as_json()
    assert report.datasets[0].pages == 8
    assert [generation for generation in started if generation > 0] == []

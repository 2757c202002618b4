"""SIGKILL at each stage of a push, and in the middle of a pulled page: nothing lost, nothing
twice, no cursor ahead of its rows."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from kiosk.storage.database import Database, transaction
from kiosk.storage.datasets import DatasetStore
from sync import outbox
from sync.outbox import BlobRef
from tests.sync.support import REPO, Emulator, application, subsidy


def _driver(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "tests.sync.driver", *args], cwd=REPO,
                          timeout=120).returncode


def _db_path(db: Database) -> str:
    return str(db.conn.execute("PRAGMA database_list").fetchone()[2])


@pytest.mark.parametrize(("stage", "nth", "delay", "faults"), [
    ("item_did_claim", 3, 0.0, {}),                                  # before send
    ("blob_will_upload", 2, 0.3, {"blob_latency_s": 1.0}),           # during a blob upload
    ("item_will_send", 3, 0.4, {"after_commit_s": 1.0}),             # committed, no answer yet
    ("item_did_answer", 3, 0.0, {}),                                 # answered, not marked sent
])
def test_sigkill_at_each_push_stage_loses_nothing_and_sends_once(
        db: Database, emulator: Emulator, stage: str, nth: int, delay: float,
        faults: dict[str, float]) -> None:
    apps: dict[str, bytes] = {}
    with transaction(db):
        for i in range(6):
            photo = BlobRef.from_bytes(f"photo {i} ".encode() * 300_000, "image/jpeg")
            app_id, body = application(i, attachments=[{
                "sha256": photo.sha256, "filename": f"{i}.jpg", "media_type": "image/jpeg",
                "size": len(photo.data or b"")}])
            outbox.enqueue(db.conn, "application", app_id, body, blobs=[photo])
            apps[app_id] = body
    emulator.faults(**faults)
    code = _driver("push", _db_path(db), emulator.url, "--kill-at", stage, "--nth", str(nth),
                   "--delay", str(delay))
    assert code == -signal.SIGKILL
    arrived_before = len(emulator.query("SELECT 1 FROM applications"))
    if stage == "item_will_send":
        assert outbox.stats(db.conn).pending + outbox.stats(db.conn).sending == 6 - nth + 1
        assert arrived_before == nth  # the province committed the item whose answer was lost
    emulator.faults(blob_latency_s=0.0, after_commit_s=0.0)
    assert _driver("push", _db_path(db), emulator.url) == 0
    stats = outbox.stats(db.conn)
    assert (stats.pending, stats.sending, stats.quarantined, stats.sent) == (0, 0, 0, 6)
    rows = emulator.query("SELECT application_id, body FROM applications")
    assert len(rows) == 6
    assert dict(rows) == apps
    assert len(emulator.query("SELECT sha256 FROM blobs")) == 6


def test_pull_killed_mid_page_never_leaves_the_cursor_ahead(db: Database, emulator: Emulator
                                                            ) -> None:
    emulator.control("datasets/subsidies", {"upsert": [subsidy(i) for i in range(20, 95)]})
    code = _driver("pull", _db_path(db), emulator.url, "--kill-in-page", "4")
    assert code == -signal.SIGKILL
    store = DatasetStore(db)
    cursor = store.state("subsidies").cursor
    served = emulator.query("SELECT seq, key, data FROM changes WHERE dataset = 'subsidies'"
                            " ORDER BY seq")
    applied_through = int(cursor.split("-")[1])
    expected = {key: json.loads(data)["amount_fen"] for seq, key, data in served
                if seq <= applied_through}
    local = dict(db.conn.execute("SELECT payment_id, amount_fen FROM subsidy_payments"))
    assert len(expected) == 30  # three whole pages of ten, the fourth rolled back
    assert local == expected
    assert _driver("pull", _db_path(db), emulator.url) == 0
    assert store.count("subsidies") == 95
    assert store.state("subsidies").total == 95

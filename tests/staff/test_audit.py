"""The audit chain: plain-SQL edits, deletions and reorders are each caught by `kiosk audit
verify`, which names the first bad seq; events go to the outbox in the same transaction."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.services.audit import AuditLog
from kiosk.storage.database import Database
from sync import outbox


def _fill(audit: AuditLog, n: int = 6) -> None:
    for i in range(n):
        audit.record("1001", "clerk_action", f"app-{i}", {"action": "accept", "n": i})


def _verify_cli(data_dir: Path) -> tuple[int, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), "audit", "verify",
         "--json"], capture_output=True, text=True, timeout=60)
    return done.returncode, json.loads(done.stdout)


def test_an_intact_chain_verifies_and_every_event_is_queued(db: Database,
                                                            audit: AuditLog) -> None:
    _fill(audit)
    report = audit.verify()
    assert report.ok
    assert report.records == 6
    items = outbox.list_items(db.conn, ("pending",))
    events = [json.loads(i.payload) for i in items if i.kind == "audit_event"]
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5, 6]
    assert events[3]["prev_hash"] == events[2]["hash"]
    assert set(events[0]) == {"seq", "at", "actor", "action", "subject", "details",
                              "prev_hash", "hash"}


TAMPERING: dict[str, tuple[Callable[[Database], object], int]] = {
    "edit details": (lambda db: db.execute(
        "UPDATE audit_log SET details = '{\"action\":\"reject\"}' WHERE seq = 3"), 3),
    "edit actor": (lambda db: db.execute("UPDATE audit_log SET actor = '9001' WHERE seq = 2"), 2),
    "delete middle": (lambda db: db.execute("DELETE FROM audit_log WHERE seq = 4"), 4),
    "delete first": (lambda db: db.execute("DELETE FROM audit_log WHERE seq = 1"), 1),
    "delete newest": (lambda db: db.execute("DELETE FROM audit_log WHERE seq >= 5"), 5),
    "swap two": (lambda db: db.executescript(
        "UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;"
        "UPDATE audit_log SET seq = 3 WHERE seq = -1;"), 2),
    "rehash an edit": (lambda db: db.execute(
        "UPDATE audit_log SET actor = 'x', hash = '" + "a" * 64 + "' WHERE seq = 6"), 6),
    "garbage json": (lambda db: db.execute(
        "UPDATE audit_log SET details = 'not json' WHERE seq = 5"), 5),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_plain_sql_tampering_is_caught_with_the_first_bad_seq(name: str, data_dir: Path,
                                                              db: Database,
                                                              audit: AuditLog) -> None:
    _fill(audit)
    tamper, bad_seq = TAMPERING[name]
    tamper(db)
    report = audit.verify()
    assert not report.ok
    assert report.first_bad_seq == bad_seq, report.problem
    code, answer = _verify_cli(data_dir)
    assert code == 1
    assert answer["first_bad_seq"] == bad_seq


def test_export_writes_jsonl_and_the_verification(tmp_path: Path, audit: AuditLog) -> None:
    _fill(audit, 3)
    result = audit.export(tmp_path / "usb")
    lines = result.path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3]
    verify = json.loads(next((tmp_path / "usb").glob("*.verify.json")).read_text())
    assert verify["ok"] is True
    assert audit.recent()[-1]["action"] == "audit_exported"
    assert audit.verify().ok


def test_long_details_are_bounded(audit: AuditLog) -> None:
    event = audit.record("1001", "config_changed", "s" * 10_000, {"v": "x" * 10_000})
    assert len(event["subject"]) == 200
    assert len(event["details"]["v"]) < 2100
    assert audit.verify().ok

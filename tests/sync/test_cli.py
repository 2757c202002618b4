"""`kiosk enroll`, `kiosk sync`, `kiosk outbox` and the doctor's province check, end to end."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.storage.database import open_database, transaction
from sync import outbox
from tests.sync.support import ENROLLMENT_CODE, TERMINAL_ID, VILLAGE_CODE, Emulator, application


def _run(capsys: pytest.CaptureFixture[str], tmp_path: Path, *argv: str) -> tuple[int, str]:
    code = main(["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "kiosk.toml"),
                 *argv])
    return code, capsys.readouterr().out


def test_enroll_sync_and_outbox(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                emulator: Emulator) -> None:
    code, out = _run(capsys, tmp_path, "enroll", emulator.url, "--terminal-id", TERMINAL_ID,
                     "--code", ENROLLMENT_CODE, "--village-code", VILLAGE_CODE, "--json")
    assert code == 0
    assert json.loads(out)["village"]["name"] == "某某村"
    secrets = tmp_path / "data" / "secrets.toml"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert emulator.url in (tmp_path / "kiosk.toml").read_text(encoding="utf-8")
    # the code was one-time
    code, _ = _run(capsys, tmp_path, "enroll", emulator.url, "--terminal-id", TERMINAL_ID,
                   "--code", ENROLLMENT_CODE, "--village-code", VILLAGE_CODE)
    assert code != 0

    db = open_database(tmp_path / "data" / "kiosk.sqlite3")
    good_id, good = application(0)
    bad_id, bad = application(1, income=-1)
    with transaction(db):
        outbox.enqueue(db.conn, "application", good_id, good)
        outbox.enqueue(db.conn, "application", bad_id, bad)
    db.close()

    code, out = _run(capsys, tmp_path, "sync", "--once", "--json")
    result = json.loads(out)
    assert result["push"]["sent"] == 2  # the good application and the audit event of the keys
    [(actions,)] = emulator.query("SELECT group_concat(body) FROM events")
    assert "publisher_keys_set" in actions
    assert [q["item_id"] for q in result["push"]["quarantined"]] == [bad_id]
    assert {d["dataset"]: d["count"] for d in result["pull"]["datasets"]} == {
        "services": 3, "disclosures": 4, "subsidies": 20, "application_status": 1,
        "feedback_replies": 0, "subsidy_policies": 0}
    assert set(result["cursors"]) == {"services", "disclosures", "subsidies",
                                      "application_status", "feedback_replies",
                                      "subsidy_policies"}
    assert code == 0
    [(body,)] = emulator.query("SELECT body FROM heartbeats WHERE terminal_id = ?", TERMINAL_ID)
    health = json.loads(body)
    assert health["printer"]["state"] == "idle"  # the file printer of a default configuration
    assert health["outbox_pending"] == 0
    assert set(health["datasets"]) == set(result["cursors"])

    code, out = _run(capsys, tmp_path, "outbox", "--json")
    listing = json.loads(out)
    assert listing["quarantined"] == 1
    item = listing["items"][0]
    assert (item["item_id"], item["reason"]) == (bad_id, "invalid")

    code, out = _run(capsys, tmp_path, "outbox", "export", str(item["id"]), "--to",
                     str(tmp_path / "bad.json"))
    assert (tmp_path / "bad.json").read_bytes() == bad
    code, out = _run(capsys, tmp_path, "outbox", "retry", str(item["id"]))
    assert code == 0
    code, out = _run(capsys, tmp_path, "outbox", "--json")
    assert json.loads(out)["pending"] == 1

    code, out = _run(capsys, tmp_path, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["province"]["status"] == "ok"
    assert checks["outbox"]["status"] == "ok"
    assert "1 pending" in checks["outbox"]["detail"]


def test_sync_without_a_province_says_what_to_do(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    code = main(["--data-dir", str(tmp_path / "data"), "--config", str(tmp_path / "k.toml"),
                 "sync"])
    assert code != 0
    assert "kiosk enroll" in capsys.readouterr().err

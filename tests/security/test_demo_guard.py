"""Finding 3: the demo never takes over a provisioned terminal, and doctor says when it did.

Scratch data folders play an enrolled terminal (its own secrets), one with province data, and
one with a staff account made there. `kiosk demo`, `kiosk demo --json` and `kiosk run --demo`
refuse each in words, naming another `--data-dir`, and leave secrets.toml, the staff and the
data exactly as they were.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.paths import DataPaths
from kiosk.secrets import Secrets, load_secrets, save_secrets
from kiosk.storage.database import open_database
from kiosk.storage.datasets import DatasetStore
from kiosk.storage.facts import read_facts
from tests.security.conftest import run, stored_rows


def enroll_scratch(data_dir: Path) -> bytes:
    """secrets.toml as enrollment leaves it (keys of this terminal); returns its bytes."""
    paths = DataPaths(data_dir)
    save_secrets(paths.secrets, Secrets(os.urandom(32), os.urandom(32),
                                        {"province-2026": os.urandom(32)}))
    os.chmod(paths.secrets, 0o600)
    return paths.secrets.read_bytes()


def province_data(data_dir: Path) -> None:
    db = open_database(DataPaths(data_dir).database)
    DatasetStore(db).apply_page("services", [{"key": "svc-1", "op": "upsert", "data": {
        "id": "svc-1", "category": "社会救助", "name": "低保申请", "summary": "",
        "materials": [], "form": {}, "form_version": 1, "form_sha256": "0" * 64}}],
        next_cursor="17", total=1, synced_at="2026-11-30T02:00:00Z")
    db.close()


def staff_account(data_dir: Path) -> None:
    from kiosk.services.audit import AuditLog
    from kiosk.services.auth import AuthService

    db = open_database(DataPaths(data_dir).database)
    auth = AuthService(db, AuditLog(db))
    auth.add_user("1001", "赵村官", "clerk", "720418", actor="9100")
    db.close()


def fingerprint(data_dir: Path) -> str:
    secrets = DataPaths(data_dir).secrets
    digest = hashlib.sha256(secrets.read_bytes() if secrets.exists() else b"")
    for table in ("staff_users", "audit_log", "services", "subsidy_payments", "terminal_facts"):
        digest.update(f"{table}={stored_rows(data_dir, table)}".encode())
    return digest.hexdigest()


DEMO_COMMANDS = (["demo"], ["demo", "--json"], ["demo", "--rebuild"],
                 ["run", "--demo", "--smoke"])


@pytest.mark.parametrize("make_real", [enroll_scratch, province_data, staff_account],
                         ids=["enrolled", "province-data", "own-staff"])
def test_the_demo_refuses_a_real_terminals_folder(
        capsys: pytest.CaptureFixture[str], data_dir: Path, make_real: object,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    make_real(data_dir)  # type: ignore[operator]
    before = fingerprint(data_dir)
    for argv in DEMO_COMMANDS:
        code, _out, err = run(capsys, *argv)
        assert code == 2, (argv, err)
        assert "belongs to a real terminal" in err, err
        assert "--data-dir" in err, err
        assert "Traceback" not in err
        assert fingerprint(data_dir) == before, argv
    db = open_database(DataPaths(data_dir).database)
    assert "demo" not in read_facts(db)
    db.close()


def test_an_enrolled_terminals_keys_survive(capsys: pytest.CaptureFixture[str],
                                            data_dir: Path) -> None:
    original = enroll_scratch(data_dir)
    secrets = load_secrets(DataPaths(data_dir).secrets)
    assert main(["demo"]) == 2
    capsys.readouterr()
    assert DataPaths(data_dir).secrets.read_bytes() == original
    assert load_secrets(DataPaths(data_dir).secrets) == secrets
    assert stored_rows(data_dir, "staff_users") == 0


def test_demo_json_lists_people_without_rebuilding(capsys: pytest.CaptureFixture[str],
                                                   data_dir: Path) -> None:
    code, first, _err = run(capsys, "demo", "--json")
    assert code == 0
    assert first["built"] is True
    audit_rows = stored_rows(data_dir, "audit_log")
    code, again, _err = run(capsys, "demo", "--json")
    assert code == 0
    assert again["built"] is False
    assert again["samples"] == first["samples"]
    assert len(again["samples"]) == 5
    assert again["counts"] == first["counts"]
    assert stored_rows(data_dir, "audit_log") == audit_rows  # no PIN reset, nothing rebuilt
    code, rebuilt, _err = run(capsys, "demo", "--rebuild", "--json")
    assert code == 0
    assert rebuilt["built"] is True


def test_doctor_fails_loudly_on_demo_leftovers_of_an_enrolled_terminal(
        capsys: pytest.CaptureFixture[str], data_dir: Path, config_file: Path) -> None:
    assert main(["demo"]) == 0  # the demo was run here before the guard existed
    capsys.readouterr()
    code, report, _err = run(capsys, "doctor", "--json")
    demo = next(c for c in report["checks"] if c["name"] == "demo")
    assert demo["status"] == "ok"
    config_file.write_text('[terminal]\nid = "T-330122-0001"\nvillage_code = "330122105201"\n'
                           '[province]\nurl = "https://province.example.cn"\n', "utf-8")
    code, report, _err = run(capsys, "doctor", "--json")
    assert code == 1
    assert report["ok"] is False
    demo = next(c for c in report["checks"] if c["name"] == "demo")
    assert demo["status"] == "fail"
    for words in ("DEMO ON AN ENROLLED TERMINAL", "demo keys", "demo staff", "demo village"):
        assert words in demo["detail"]
    code, _out, _err = run(capsys, "doctor")
    assert code == 1
    assert "DEMO ON AN ENROLLED TERMINAL" in _out

"""`kiosk doctor` reports the data key, the encryption status and the retention backlog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.secrets import load_secrets, render
from tests.privacy.conftest import open_terminal
from tests.sync.support import Emulator


def _privacy_checks(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, str]]:
    capsys.readouterr()
    main(["--data-dir", str(folder), "doctor", "--json"])
    document = json.loads(capsys.readouterr().out)
    rows = document["checks"] if isinstance(document, dict) else document
    return {r["name"]: r for r in rows if r["name"].startswith("privacy")}


def test_doctor_reports_key_encryption_and_backlog(tmp_path: Path, emulator: Emulator,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "t"
    terminal = open_terminal(folder)
    done = terminal.submit()
    terminal.submit()
    terminal.confirm(emulator)
    terminal.set_status(done.application_id, "completed", "2026-01-01T08:00:00Z")
    terminal.db.close()

    checks = _privacy_checks(folder, capsys)
    assert checks["privacy.key"]["status"] == "ok"
    assert checks["privacy.encryption"]["status"] == "ok"
    assert checks["privacy.retention"]["status"] == "warn"
    assert "2 confirmed copies, 0 answers" in checks["privacy.retention"]["detail"]

    assert main(["--data-dir", str(folder), "privacy", "purge"]) == 0
    checks = _privacy_checks(folder, capsys)
    assert checks["privacy.retention"]["status"] == "ok"

    secrets = load_secrets(folder / "secrets.toml")  # the file lost its data keys (edited by
    path = folder / "secrets.toml"                   # hand: save_secrets never drops them)
    path.write_text(render(secrets.replace(data_key_id="", data_keys={})), encoding="utf-8")
    checks = _privacy_checks(folder, capsys)
    assert checks["privacy.key_missing"]["status"] == "fail"
    assert secrets.data_key_id in checks["privacy.key_missing"]["detail"]


def test_purge_command_json(tmp_path: Path, emulator: Emulator,
                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "t"
    terminal = open_terminal(folder)
    terminal.submit()
    terminal.submit()
    terminal.confirm(emulator)
    terminal.submit()  # not sent
    terminal.db.close()
    capsys.readouterr()
    assert main(["--data-dir", str(folder), "privacy", "purge", "--dry-run", "--json"]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert (dry["dry_run"], dry["copies_cleared"], dry["unconfirmed_kept"]) == (True, 2, 1)
    assert main(["--data-dir", str(folder), "privacy", "purge", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert (done["dry_run"], done["copies_cleared"], done["answers_reduced"]) == (False, 2, 0)
    assert done["blobs_deleted"] > 0
    assert done["checkpointed"] is True
    assert main(["--data-dir", str(folder), "privacy", "purge", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["copies_cleared"] == 0  # nothing twice

"""Finding 9: a real terminal never "prints" into a folder without being told.

`kiosk init` writes `backend = "cups"` unless asked for escpos, refuses `file` in words (and
writes nothing), and `kiosk doctor` warns when a configured terminal still uses `file`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.security.conftest import run

REAL = ("--terminal-id", "T-330122-0001", "--village-code", "330122105201",
        "--province-url", "https://province.example.cn")


def test_init_defaults_to_cups(capsys: pytest.CaptureFixture[str], config_file: Path) -> None:
    code, _out, err = run(capsys, "init", *REAL)
    assert code == 0, err
    settings = tomllib.loads(config_file.read_text(encoding="utf-8"))
    assert settings["printer"]["backend"] == "cups"
    code, _out, err = run(capsys, "init", *REAL, "--printer", "escpos", "--force")
    assert tomllib.loads(config_file.read_text("utf-8"))["printer"]["backend"] == "escpos"


def test_init_refuses_the_demo_printer(capsys: pytest.CaptureFixture[str],
                                       config_file: Path) -> None:
    code, _out, err = run(capsys, "init", *REAL, "--printer", "file")
    assert code != 0
    assert "for the demo" in err or "demo's printer" in err
    assert "--printer cups" in err
    assert "Traceback" not in err
    assert not config_file.exists()


def test_doctor_warns_when_a_real_terminal_prints_to_a_folder(
        capsys: pytest.CaptureFixture[str], config_file: Path) -> None:
    assert run(capsys, "init", *REAL)[0] == 0
    text = config_file.read_text("utf-8").replace('backend = "cups"', 'backend = "file"')
    config_file.write_text(text, "utf-8")
    _code, report, _err = run(capsys, "doctor", "--json")
    warning = next(c for c in report["checks"] if c["name"] == "printer backend")
    assert warning["status"] == "warn"
    assert "nothing is printed" in warning["detail"]
    config_file.write_text(text.replace('backend = "file"', 'backend = "escpos"'), "utf-8")
    _code, report, _err = run(capsys, "doctor", "--json")
    assert not [c for c in report["checks"] if c["name"] == "printer backend"]

"""The blank letter of authorisation of a service, from the command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.privacy.conftest import open_terminal


def test_every_service_gets_its_own_blank_letter(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    open_terminal(tmp_path / "t").db.close()  # the demo catalog
    target = tmp_path / "letter.pdf"
    assert main(["--data-dir", str(tmp_path / "t"), "authorisation-letter", "svc-dibao",
                 "--to", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] == 1
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True,
                          text=True, check=True).stdout.replace(" ", "")
    for words in ("授权委托书", "低保申请", "委托人", "受托人", "身份证号"):
        assert words in text, words


def test_an_unknown_service_is_named(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    open_terminal(tmp_path / "t").db.close()
    assert main(["--data-dir", str(tmp_path / "t"), "authorisation-letter", "svc-nope",
                 "--to", str(tmp_path / "x.pdf")]) != 0
    assert "svc-nope" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()

"""`kiosk forms check|example|list`: exit codes, messages and the answers document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms import check_answers_document, load_definition
from kiosk.cli import main

ROOT = Path(__file__).resolve().parents[2]
FORM_IDS = sorted(path.stem for path in (ROOT / "resources" / "forms").glob("*.json"))


def run(tmp_path: Path, *argv: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), "--config",
                 str(tmp_path / "kiosk.toml"), *argv])


def test_check_accepts_a_shipped_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "resources" / "forms" / "dibao-apply.json"
    assert run(tmp_path, "forms", "check", str(path), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True
    assert result["sha256"] == load_definition(path).sha256


def test_check_lists_every_problem_and_fails(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": 1, "form_id": "Bad", "version": 0}), "utf-8")
    assert run(tmp_path, "forms", "check", str(bad)) == 1
    err = capsys.readouterr().err
    assert "表单定义有" in err
    assert "form_id: lowercase letters" in err
    assert "missing 'pages'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_example_prints_a_valid_answers_document(
        form_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "forms", "example", form_id, "--json") == 0
    document = json.loads(capsys.readouterr().out)
    definition = load_definition(ROOT / "resources" / "forms" / f"{form_id}.json")
    assert document["form_id"] == form_id
    assert document["form_version"] == definition.version
    frozen, report = check_answers_document(definition, document)
    assert report.errors == ()
    assert frozen is not None


def test_example_of_an_unknown_form_says_so(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "forms", "example", "../../etc/passwd", "--json") == 2
    assert "no form called" in capsys.readouterr().err


def test_list_shows_every_shipped_form(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "forms", "list", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(row["form_id"] for row in rows) == FORM_IDS

"""`kiosk forms example F --files DIR` (issue 14 item 8): the sample scans and the answers
document it writes are submitted as is by `kiosk applications submit`, for every shipped form,
through the same file checks as a clerk's own scans (content type, accept list, size)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms import load_definition
from kiosk.cli import main
from kiosk.paths import resource
from kiosk.services.answer_files import sniff_media_type


def test_every_example_with_files_submits_as_is(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    assert main(["demo", "--json"]) == 0
    capsys.readouterr()
    forms = sorted(path.stem for path in resource("forms").glob("*.json"))
    assert len(forms) >= 10
    for form_id in forms:
        folder = tmp_path / form_id
        assert main(["forms", "example", form_id, "--files", str(folder), "--json"]) == 0
        printed = json.loads(capsys.readouterr().out)
        saved = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
        assert printed == saved
        names = [entry["file"] for entry in _file_entries(printed)]
        definition = load_definition(resource("forms", f"{form_id}.json"))
        if any(f.type in ("attachment", "signature") for _p, f in definition.all_fields()):
            assert names, form_id
        for name in names:
            data = (folder / name).read_bytes()
            assert 0 < len(data) < 64 * 1024
            assert sniff_media_type(data) is not None
        code = main(["applications", "submit", "--form", form_id, "--answers",
                     str(folder / "answers.json"), "--json"])
        result = json.loads(capsys.readouterr().out)
        assert code == 0, (form_id, result)
        assert result["ok"] is True
        assert len(result["receipt_code"]) == 9


def test_without_json_it_says_where_the_files_are(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    assert main(["forms", "example", "dibao-apply", "--files", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "d" / "answers.json") in out
    assert "kiosk applications submit --form dibao-apply" in out


def _file_entries(document: dict[str, object]) -> list[dict[str, str]]:
    """Every `{"file": ...}` entry of an answers document, top level and in repeats."""
    found: list[dict[str, str]] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if set(value) == {"file"}:
                found.append(value)
            else:
                for item in value.values():
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(document["answers"])
    return found

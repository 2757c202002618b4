"""`kiosk applications submit/show/list` and `kiosk services list`, as a clerk runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from forms import example_document, load_definition
from kiosk.cli import main
from kiosk.paths import resource
from kiosk.services.document_camera import png_page


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out = capsys.readouterr().out
    try:
        return code, json.loads(out)
    except ValueError:
        return code, out


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json"]) == 0
    capsys.readouterr()


def answers_file(tmp_path: Path, form_id: str) -> Path:
    """The example document with its placeholder scans replaced by real files."""
    definition = load_definition(resource("forms", f"{form_id}.json"))
    document = example_document(definition)
    (tmp_path / "scan.png").write_bytes(png_page(80, 100, 1))
    (tmp_path / "sign.png").write_bytes(png_page(60, 30, 2))
    for _page, field in definition.all_fields():
        value = document["answers"].get(field.id)
        if field.type == "attachment" and value:
            document["answers"][field.id] = [{"file": "scan.png"}]
        elif field.type == "signature" and value:
            document["answers"][field.id] = {"file": "sign.png"}
    path = tmp_path / f"{form_id}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.usefixtures("demo")
def test_submit_show_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = answers_file(tmp_path, "funeral-subsidy")
    code, result = run(capsys, "applications", "submit", "--form", "funeral-subsidy",
                       "--answers", str(path), "--clerk", "1001", "--json")
    assert code == 0
    assert result["ok"] is True
    assert len(result["receipt_code"]) == 9
    assert result["application_id"]
    code, shown = run(capsys, "applications", "show", result["receipt_code_display"], "--json")
    assert code == 0
    assert shown["application_id"] == result["application_id"]
    assert shown["status"] == "waiting"
    code, listed = run(capsys, "applications", "list", "--status", "pending", "--json")
    assert [row["receipt_code"] for row in listed] == [result["receipt_code"]]
    code, listed = run(capsys, "applications", "list", "--status", "approved", "--json")
    assert listed == []


@pytest.mark.usefixtures("demo")
def test_invalid_answers_print_every_error_and_store_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = answers_file(tmp_path, "dibao-apply")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["answers"]["phone"] = "12"
    document["answers"]["reason"] = "短"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, result = run(capsys, "applications", "submit", "--form", "dibao-apply",
                       "--answers", str(path), "--json")
    assert code == 1
    assert result["ok"] is False
    assert {e["path"] for e in result["errors"]} >= {"phone", "reason"}
    assert all(e["message_zh"] and e["message_en"] for e in result["errors"])
    code, listed = run(capsys, "applications", "list", "--json")
    assert listed == []
    assert main(["applications", "submit", "--form", "dibao-apply", "--answers",
                 str(path)]) == 1
    assert "phone" in capsys.readouterr().err


@pytest.mark.usefixtures("demo")
def test_services_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows = run(capsys, "services", "list", "--json")
    assert code == 0
    assert len(rows) >= 15
    dibao = next(row for row in rows if row["id"] == "svc-dibao")
    assert dibao == {"id": "svc-dibao", "name": "低保申请", "category": "社会救助",
                     "form_id": "dibao-apply", "form_version": 1}


@pytest.mark.usefixtures("demo")
def test_unknown_code_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["applications", "show", "AAAAAAAAA"]) != 0
    assert "回执号" in capsys.readouterr().err

"""`kiosk evaluations add|list|export`, `kiosk feedback add|list|show`, `kiosk subsidies
policies`: names, flags and JSON as issue 16 gives them; refusals in words, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.config import load_settings
from kiosk.storage.database import open_database
from kiosk.storage.datasets import DatasetStore
from tests.voice.support import submitted_application


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    try:
        return code, json.loads(captured.out), captured.err
    except ValueError:
        return code, captured.out, captured.err


@pytest.fixture
def receipt(data_dir: Path) -> str:
    db = open_database(data_dir / "kiosk.sqlite3")
    try:
        return submitted_application(db, load_settings(None, environ={})).receipt_code_display
    finally:
        db.close()


def test_paper_ratings_for_a_case_and_a_visit(capsys: pytest.CaptureFixture[str],
                                              receipt: str) -> None:
    code, result, _ = run(capsys, "evaluations", "add", "--receipt", receipt, "--rating", "2",
                          "--reason", "slow", "--reason", "repeated_visits", "--comment",
                          "跑了三趟", "--phone", "13905791234", "--json")
    assert code == 0
    assert (result["rating"], result["rating_words"], result["subject"]["kind"]) == (
        2, "不满意", "application")
    code, result, _ = run(capsys, "evaluations", "add", "--receipt", receipt, "--rating", "4",
                          "--json")
    assert code == 0
    assert result["replaced"] is True
    code, result, _ = run(capsys, "evaluations", "add", "--visit", "--service", "svc-dibao",
                          "--rating", "5", "--clerk", "1001", "--json")
    assert code == 0
    assert result["subject"]["service_id"] == "svc-dibao"
    code, listed, _ = run(capsys, "evaluations", "list", "--json")
    assert sorted(e["rating"] for e in listed) == [4, 5]
    assert {e["channel"] for e in listed} == {"self_service", "clerk_assisted"}
    assert "13905791234" not in json.dumps(listed)
    code, exported, _ = run(capsys, "evaluations", "export")
    assert code == 0
    assert exported.splitlines()[0].startswith("evaluation_id,at,subject_kind")
    assert len(exported.splitlines()) == 3


def test_a_bad_paper_rating_is_refused_in_words_and_nothing_is_stored(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "evaluations", "add", "--visit", "--rating", "1")
    assert code == 1
    assert "不满意时请至少选一个原因" in err
    code, result, _ = run(capsys, "evaluations", "add", "--visit", "--rating", "9", "--phone",
                          "12345", "--json")
    assert code == 1
    assert set(result["fields"]) == {"rating", "contact_phone"}
    assert run(capsys, "evaluations", "list", "--json")[1] == []


def test_feedback_add_prints_the_ticket_and_show_finds_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "feedback", "add", "--kind", "complaint", "--subject-type",
                       "subsidy", "--subject-id", "GLJT", "--reason", "not_received",
                       "--text", "满85岁了还没有收到", "--phone", "13905791234")
    ticket = out.strip()
    assert code == 0
    assert len(ticket) == 11
    assert ticket[3] == ticket[7] == "-"
    code, shown, _ = run(capsys, "feedback", "show", ticket.replace("-", "").lower(), "--json")
    assert (shown["ticket"], shown["kind"], shown["subject"]) == (
        ticket, "complaint", {"type": "subsidy", "id": "GLJT", "line": None})
    assert (shown["reply"], shown["contact_phone"]) == (None, "139****1234")
    code, result, _ = run(capsys, "feedback", "add", "--kind", "question", "--subject-type",
                          "general", "--text", "问", "--anonymous", "--json")
    assert code == 0
    assert result["kind"] == "question"
    code, listed, _ = run(capsys, "feedback", "list", "--json")
    assert [e["anonymous"] for e in listed] == [True, False]
    code, _, err = run(capsys, "feedback", "add", "--kind", "question", "--subject-type",
                       "general", "--anonymous", "--phone", "13905791234", "--text", "x")
    assert code == 1
    assert "匿名时不能留电话" in err
    assert len(run(capsys, "feedback", "list", "--json")[1]) == 2


def test_subsidies_policies_lists_the_pulled_policy_list(
        capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    from kiosk.demo.policies import policies

    items = list(policies())
    db = open_database(data_dir / "kiosk.sqlite3")
    DatasetStore(db).apply_page("subsidy_policies",
                                [{"key": p["item_code"], "op": "upsert", "data": p}
                                 for p in items], next_cursor="1", total=len(items),
                                synced_at="2026-12-01T00:00:00Z")
    db.close()
    code, listed, _ = run(capsys, "subsidies", "policies", "--json")
    assert code == 0
    assert {p["item_code"] for p in listed} == {p["item_code"] for p in items}
    code, text, _ = run(capsys, "subsidies", "policies")
    assert "高龄津贴" in text
    assert "who qualifies" in text

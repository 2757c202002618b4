"""The wizard state machine the Qt wizard drives: steps, moving, review, drafts, finish."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from forms import (
    AnswersInvalid,
    FormDefinition,
    SessionMismatch,
    WizardSession,
    load_definition,
    parse_definition,
)
from forms.identity import make_id_number
from tests.forms.conftest import TODAY, document

ROOT = Path(__file__).resolve().parents[2]
ID = make_id_number("330781", dt.date(1950, 5, 12), 123)
PNG = {"sha256": "c" * 64, "media_type": "image/png", "size": 1200}
JPEG = {"sha256": "d" * 64, "filename": "card.jpg", "media_type": "image/jpeg", "size": 800}


def fill_first_page(session: WizardSession) -> None:
    session.set_answer("name", "王秀英")
    session.set_answer("idno", ID)
    session.set_answer("phone", "139 0579 1234")


def test_steps_count_shown_pages_and_the_review(household: FormDefinition) -> None:
    session = WizardSession.start(household, today=TODAY)
    assert session.step_label() == "第 1 步 / 共 4 步"
    assert session.step_label("en") == "Step 1 of 4"
    fill_first_page(session)
    assert session.next().ok
    session.set_answer("members", [{"mname": "甲", "disabled": True, "card_no": "x",
                                    "income": "1200"}])
    assert session.step_label() == "第 2 步 / 共 5 步"  # the materials page is now shown
    assert session.next().ok
    assert session.current_page.id == "proof"


def test_next_stays_on_a_page_with_errors_and_back_keeps_answers(
        household: FormDefinition) -> None:
    session = WizardSession.start(household, today=TODAY)
    session.set_answer("name", "王秀英")
    session.set_answer("idno", ID[:-1] + "0" if ID[-1] != "0" else ID[:-1] + "1")
    report = session.next()
    assert not report.ok
    assert {issue.path for issue in report.errors} == {"idno", "phone"}
    assert session.current_page.id == "who"
    session.set_answer("idno", ID)
    session.set_answer("phone", "13905791234")
    assert session.next().ok
    assert session.current_page.id == "family"
    assert session.back() is True
    assert session.current_page.id == "who"
    assert session.value("name") == "王秀英"
    assert session.back() is False


def test_prefill_from_the_card_and_derived_values() -> None:
    doc = document({"id": "more", "title": {"zh": "更多", "en": "More"}, "fields": [
        {"id": "born", "type": "date", "label": {"zh": "出生日期", "en": "Born"},
         "prefill": "birth_date"},
        {"id": "sex", "type": "choice", "label": {"zh": "性别", "en": "Sex"},
         "prefill": "gender", "options": [
             {"value": "male", "label": {"zh": "男", "en": "Male"}},
             {"value": "female", "label": {"zh": "女", "en": "Female"}}]},
        {"id": "kids", "type": "integer", "label": {"zh": "子女数", "en": "Children"},
         "default": 1},
    ]})
    session = WizardSession.start(parse_definition(doc), prefill={"name": "王秀英",
                                                                  "id_number": ID},
                                  today=TODAY)
    assert session.value("name") == "王秀英"
    assert session.value("idno") == ID
    assert session.value("born") == "1950-05-12"
    assert session.value("sex") == "male"
    assert session.value("kids") == 1


def _to_review(session: WizardSession) -> None:
    fill_first_page(session)
    assert session.next().ok
    session.set_answer("members", [{"mname": "甲", "disabled": False, "income": 120000},
                                   {"mname": "乙", "disabled": False, "income": "0"}])
    assert session.next().ok
    session.set_answer("agree", True)
    session.set_answer("sig", PNG)
    assert session.next().ok
    assert session.state == "review"


def test_review_lists_display_values_and_edit_returns_to_review(
        household: FormDefinition) -> None:
    session = WizardSession.start(household, today=TODAY)
    _to_review(session)
    items = {item.path: item for item in session.review_items()}
    assert items["members[0].income"].value_zh == "1,200.00 元"
    assert items["members[0].income"].label.zh == "成员 1 · 字段income"
    assert items["per_capita"].value_en == "¥600.00"
    assert items["agree"].value_zh == "已同意"
    assert items["phone"].page_id == "who"
    assert items["phone"].step_number == 1
    session.edit("who")
    session.set_answer("phone", "13800001111")
    assert session.next().ok
    assert session.state == "review"
    assert session.step_label() == "第 4 步 / 共 4 步"


def test_draft_round_trips_through_json_and_refuses_another_version(
        household: FormDefinition) -> None:
    session = WizardSession.start(household, today=TODAY)
    fill_first_page(session)
    session.next()
    saved = json.loads(json.dumps(session.to_json()))
    restored = WizardSession.from_json(household, saved, today=TODAY)
    assert restored.current_page.id == "family"
    assert restored.answers == session.answers
    changed = dict(household.document)
    changed["version"] = 2
    with pytest.raises(SessionMismatch, match="version 1"):
        WizardSession.from_json(parse_definition(changed), saved, today=TODAY)


def test_finish_freezes_or_goes_to_the_first_page_with_an_error(
        household: FormDefinition) -> None:
    session = WizardSession.start(household, today=TODAY)
    _to_review(session)
    session.set_answer("members", [{"mname": "甲", "disabled": True, "income": 1}])
    with pytest.raises(AnswersInvalid):
        session.finish()
    assert session.state == "filling"
    assert session.current_page.id == "family"
    session.set_answer("members", [{"mname": "甲", "disabled": True, "card_no": "c1",
                                    "income": 1}])
    assert session.next().ok
    # mypy keeps `session.state` narrowed to "filling" by the assert above, as if `next()`
    # could not change it (python/mypy#9457); rebinding forgets that
    session = session
    assert session.state == "review"
    session.edit("proof")
    session.set_answer("cards", [JPEG])
    assert session.next().ok
    frozen = session.finish()
    session = session  # and forgets "review" after `finish()`
    assert session.state == "finished"
    assert frozen.answers["phone"] == "13905791234"
    assert frozen.answers["cards"] == [JPEG]


def test_set_answer_refuses_unknown_fields_and_non_json(household: FormDefinition) -> None:
    session = WizardSession.start(household, today=TODAY)
    with pytest.raises(KeyError):
        session.set_answer("nope", 1)
    with pytest.raises(KeyError):
        session.set_answer("total", 1)
    with pytest.raises(TypeError):
        session.set_answer("name", object())


def test_walk_a_real_form_from_start_to_finish() -> None:
    definition = load_definition(ROOT / "resources" / "forms" / "elderly-allowance.json")
    session = WizardSession.start(definition, prefill={
        "name": "赵桂兰", "id_number": make_id_number("330781", dt.date(1940, 1, 2), 124),
        "phone": "13905791234"}, today=TODAY)
    session.set_answer("address", {"village": "诸葛村", "detail": "上塘路 3 号"})
    assert session.value("age") == 86
    assert session.next().ok
    session.set_answer("bank_card", "6217 8561 0000 0000 000")
    report = session.next()
    assert report.ok
    assert [w.code for w in report.warnings] == ["card_luhn"]
    session.set_answer("id_photos", [JPEG, {**JPEG, "sha256": "e" * 64}])
    assert session.next().ok
    session.set_answer("consent_data", True)
    session.set_answer("consent_truth", True)
    session.set_answer("signature", PNG)
    assert session.next().ok
    frozen = session.finish()
    assert frozen.applicant["name"] == "赵桂兰"
    assert len(frozen.attachments) == 3

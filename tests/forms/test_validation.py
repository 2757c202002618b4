"""Whole-form validation: required, shown-only-if, computed values, repeats, freezing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from forms import AnswersInvalid, FormDefinition, check_answers_document, evaluate, freeze
from forms.identity import make_id_number
from tests.forms.conftest import TODAY

PNG = {"sha256": "c" * 64, "media_type": "image/png", "size": 1200}
JPEG = {"sha256": "d" * 64, "filename": "card.jpg", "media_type": "image/jpeg", "size": 800}


def answers(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "王秀英",
        "idno": make_id_number("330781", dt.date(1950, 5, 12), 123),
        "phone": "13905791234",
        "members": [
            {"mname": "王秀英", "disabled": False, "income": 60000},
            {"mname": "李建国", "disabled": False, "income": 30001},
        ],
        "agree": True,
        "sig": PNG,
    }
    base.update(overrides)
    return base


def codes(definition: FormDefinition, given: dict[str, Any]) -> list[tuple[str, str]]:
    report = evaluate(definition, given, today=TODAY).report
    return [(issue.path, issue.code) for issue in report.errors]


def test_valid_answers_compute_per_capita_rounded_half_up(household: FormDefinition) -> None:
    result = evaluate(household, answers(), today=TODAY)
    assert result.report.errors == ()
    assert result.answers["total"] == 90001
    assert result.answers["per_capita"] == 45001  # 45000.5 rounds half up
    assert result.shown_pages == ("who", "family", "sign")


def test_required_answers_are_named(household: FormDefinition) -> None:
    given = answers()
    del given["phone"]
    given["agree"] = False
    found = codes(household, given)
    assert ("phone", "required") in found
    assert ("agree", "required") in found


def test_conditional_subfield_and_page_appear_with_their_condition(
        household: FormDefinition) -> None:
    members = [{"mname": "王秀英", "disabled": True, "income": 100}]
    found = codes(household, answers(members=members))
    assert ("members[0].card_no", "required") in found
    assert ("cards", "required") in found
    members[0]["card_no"] = "33078119500512123X11"
    assert codes(household, answers(members=members, cards=[JPEG])) == []


def test_hidden_answers_are_neither_checked_nor_frozen(household: FormDefinition) -> None:
    members = [{"mname": "王秀英", "disabled": False, "income": 100, "card_no": 7}]
    frozen = freeze(household, answers(members=members, cards=["junk"]), today=TODAY)
    assert "cards" not in frozen.answers
    assert frozen.answers["members"] == [{"mname": "王秀英", "disabled": False, "income": 100}]


def test_item_issues_carry_the_item_number_in_both_languages(
        household: FormDefinition) -> None:
    members = [{"mname": "甲", "disabled": False, "income": 1},
               {"mname": "", "disabled": False, "income": 1}]
    report = evaluate(household, answers(members=members), today=TODAY).report
    (problem,) = report.errors
    assert problem.path == "members[1].mname"
    assert problem.message_zh.startswith("成员 2：")
    assert problem.message_en.startswith("Member 2: ")


def test_warning_constraint_never_blocks(household: FormDefinition) -> None:
    members = [{"mname": "甲", "disabled": False, "income": 500000}]
    result = evaluate(household, answers(members=members), today=TODAY)
    assert result.report.ok
    assert [(w.path, w.code) for w in result.report.warnings] == [("per_capita", "constraint")]


def test_unknown_answers_are_errors_not_silently_dropped(household: FormDefinition) -> None:
    found = codes(household, answers(phnoe="13905791234"))
    assert ("phnoe", "unknown_field") in found
    members = [{"mname": "甲", "disabled": False, "income": 1, "age": 3}]
    assert ("members[0].age", "unknown_field") in codes(household, answers(members=members))


def test_freeze_collects_blobs_and_applicant(household: FormDefinition) -> None:
    members = [{"mname": "甲", "disabled": True, "card_no": "x1", "income": 1}]
    frozen = freeze(household, answers(members=members, cards=[JPEG, JPEG]), today=TODAY)
    assert [blob["sha256"] for blob in frozen.attachments] == ["d" * 64, "c" * 64]
    assert frozen.attachments[1]["filename"] == "sig.png"
    assert frozen.applicant == {"name": "王秀英", "id_number": answers()["idno"],
                                "phone": "13905791234"}
    assert frozen.form_sha256 == household.sha256
    assert frozen.canonical() == freeze(household, answers(members=members,
                                                           cards=[JPEG, JPEG]),
                                        today=TODAY).canonical()


def test_freeze_refuses_with_every_error(household: FormDefinition) -> None:
    with pytest.raises(AnswersInvalid) as caught:
        freeze(household, {}, today=TODAY)
    paths = {issue.path for issue in caught.value.report.errors}
    assert {"name", "idno", "phone", "members", "agree", "sig"} <= paths


def test_answers_document_checks_form_version_and_applicant(
        household: FormDefinition) -> None:
    doc = {"form_id": "test-form", "form_version": 1, "answers": answers(),
           "applicant": {"name": "王秀英", "id_number": answers()["idno"].lower(),
                         "phone": "13905791234"}}
    frozen, report = check_answers_document(household, doc, today=TODAY)
    assert frozen is not None
    assert report.ok
    wrong = {**doc, "form_version": 2, "applicant": {"name": "张三"}, "extra": 1}
    frozen, report = check_answers_document(household, wrong, today=TODAY)
    assert frozen is None
    assert {(i.path, i.code) for i in report.errors} == {
        ("form_version", "wrong_version"), ("applicant.name", "applicant_mismatch"),
        ("extra", "unknown_key")}


def test_computed_value_given_in_the_answers_is_replaced(household: FormDefinition) -> None:
    result = evaluate(household, answers(total=1), today=TODAY)
    assert result.answers["total"] == 90001

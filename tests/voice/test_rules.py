"""Ratings and feedback refused in words when they break the contract, and nothing stored; a
case rated once (replaced only while never sent); no ID number ever in a rating."""

from __future__ import annotations

import json

import pytest

from kiosk.config import Settings
from kiosk.services import receipt_codes
from kiosk.services.evaluations import EvaluationRefused, EvaluationService
from kiosk.services.feedback import FeedbackNotFound, FeedbackService
from kiosk.services.voice_rules import VoiceInvalid
from kiosk.storage.database import Database
from sync import outbox
from tests.voice.support import count, submitted_application


def _nothing_stored(db: Database) -> None:
    assert count(db, "SELECT count(*) FROM evaluations") == 0
    assert count(db, "SELECT count(*) FROM feedback") == 0
    assert count(db, "SELECT count(*) FROM sync_outbox WHERE kind IN ('evaluation', 'feedback')"
                 ) == 0


@pytest.mark.parametrize(("rating", "reasons", "comment", "phone", "field", "words"), [
    (0, [], "", None, "rating", "1到5"),
    (6, [], "", None, "rating", "1到5"),
    (2, [], "", None, "reasons", "至少选一个原因"),
    (1, [], "", None, "reasons", "至少选一个原因"),
    (4, ["slow"], "", None, "reasons", "不需要选原因"),
    (2, ["too_hot"], "", None, "reasons", "不认识的原因"),
    (5, [], "好" * 501, None, "comment", "最多500个字"),
    (5, [], "", "1390579123", "contact_phone", "11位"),
    (2, ["slow"], "", "23905791234", "contact_phone", "11位"),
])
def test_a_bad_rating_is_refused_in_words_and_nothing_is_stored(
        ratings: EvaluationService, db: Database, rating: int, reasons: list[str], comment: str,
        phone: str | None, field: str, words: str) -> None:
    with pytest.raises(VoiceInvalid) as refused:
        ratings.rate_visit(rating, reasons, comment, phone)
    assert field in refused.value.problems
    assert words in refused.value.problems[field][0]
    assert words in str(refused.value)
    _nothing_stored(db)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"kind": "praise", "subject_type": "general", "text": "x"}, "kind"),
    ({"kind": "question", "subject_type": "weather", "text": "x"}, "subject.type"),
    ({"kind": "question", "subject_type": "disclosure", "text": "x"}, "subject.id"),
    ({"kind": "question", "subject_type": "general", "subject_id": "D1", "text": "x"},
     "subject.id"),
    ({"kind": "complaint", "subject_type": "payment", "subject_id": "p1", "line": 2,
      "text": "x"}, "subject.line"),
    ({"kind": "question", "subject_type": "general"}, "text"),
    ({"kind": "question", "subject_type": "general", "text": "字" * 1001}, "text"),
    ({"kind": "question", "subject_type": "general", "reasons": ["rude"]}, "reasons"),
    ({"kind": "question", "subject_type": "general", "text": "x", "phone": "139-0579"},
     "contact_phone"),
    ({"kind": "question", "subject_type": "general", "text": "x", "phone": "13905791234",
      "anonymous": True}, "contact_phone"),
])
def test_bad_feedback_is_refused_in_words_and_nothing_is_stored(
        feedback: FeedbackService, db: Database, kwargs: dict[str, object], field: str) -> None:
    kind = str(kwargs.pop("kind"))
    subject_type = str(kwargs.pop("subject_type"))
    subject_id = kwargs.pop("subject_id", None)
    with pytest.raises(VoiceInvalid) as refused:
        feedback.submit(kind, subject_type, subject_id, **kwargs)  # type: ignore[arg-type]
    assert field in refused.value.problems
    assert refused.value.problems[field][0]  # Chinese words for the villager
    _nothing_stored(db)


def test_a_rating_and_its_outbox_item_commit_together_with_no_id_number(
        ratings: EvaluationService, db: Database, settings: Settings) -> None:
    submission = submitted_application(db, settings)
    given = ratings.rate_case(receipt_codes.display(submission.receipt_code).lower(), 2,
                              ["slow", "repeated_visits"], "跑了三趟", "139 0579 1234")
    items = [i for i in outbox.list_items(db.conn) if i.kind == "evaluation"]
    assert [i.item_id for i in items] == [given.evaluation_id]
    payload = json.loads(items[0].payload)
    assert payload["subject"] == {"kind": "application",
                                  "application_id": submission.application_id,
                                  "case_no": None, "service_id": "svc-elderly-allowance"}
    assert payload["contact_phone"] == "13905791234"
    assert payload["reasons"] == ["slow", "repeated_visits"]
    application = db.conn.execute("SELECT payload FROM applications").fetchone()[0]
    id_number = json.loads(application)["applicant"]["id_number"]
    assert id_number not in items[0].payload.decode()
    assert "id_number" not in items[0].payload.decode()


def test_a_case_is_rated_once_replaced_only_before_it_was_ever_sent(
        ratings: EvaluationService, db: Database, settings: Settings) -> None:
    submission = submitted_application(db, settings)
    first = ratings.rate_case(submission.receipt_code, 3)
    second = ratings.rate_case(submission.receipt_code, 5)
    assert second.replaced
    assert not first.replaced
    assert count(db, "SELECT count(*) FROM evaluations") == 1
    items = [i for i in outbox.list_items(db.conn) if i.kind == "evaluation"]
    assert [(i.item_id, json.loads(i.payload)["rating"]) for i in items] == [
        (second.evaluation_id, 5)]
    outbox.mark_retry(db.conn, items[0].id, "network", 0)  # one attempt went out
    with pytest.raises(EvaluationRefused, match="已经评价过"):
        ratings.rate_case(submission.receipt_code, 1, ["attitude"])
    assert ratings.case_rating(submission.application_id) == 5


def test_a_mistyped_receipt_or_ticket_says_check_the_code(
        ratings: EvaluationService, feedback: FeedbackService, db: Database,
        settings: Settings) -> None:
    submission = submitted_application(db, settings)
    typo = submission.receipt_code[:-1] + ("0" if submission.receipt_code[-1] != "0" else "1")
    with pytest.raises(EvaluationRefused, match="回执号不正确"):
        ratings.rate_case(typo, 5)
    ticket = feedback.submit("question", "general", text="村里的路什么时候修？")
    assert feedback.show(ticket.display.replace("-", " ").lower())["ticket"] == ticket.display
    with pytest.raises(FeedbackNotFound, match="编号不正确"):
        feedback.show(ticket.ticket[:-1] + ("0" if ticket.ticket[-1] != "0" else "1"))


def test_anonymous_feedback_shows_no_phone_and_a_shown_phone_is_masked(
        feedback: FeedbackService) -> None:
    anonymous = feedback.submit("objection", "disclosure", "D-1", line=0,
                                reasons=["amount_unclear"], anonymous=True)
    named = feedback.submit("complaint", "payment", "p-1", reasons=["not_received"],
                            phone="13905791234")
    assert feedback.show(anonymous.ticket)["contact_phone"] is None
    assert feedback.show(named.ticket)["contact_phone"] == "139****1234"
    assert feedback.show(named.ticket)["status"] == "waiting"


def test_monthly_counts_and_the_share_of_bad_ratings(ratings: EvaluationService) -> None:
    for rating in (5, 5, 4, 3):
        ratings.rate_visit(rating)
    ratings.rate_visit(1, ["device_problem"])
    [month] = ratings.monthly()
    assert month["counts"] == {"5": 2, "4": 1, "3": 1, "2": 0, "1": 1}
    assert (month["total"], month["bad"], month["bad_share"]) == (5, 1, 0.2)

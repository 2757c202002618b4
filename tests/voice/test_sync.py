"""Ratings and feedback reach the province exactly once over HTTP through 30% faults, drops
after commit and SIGKILL of the sender; replies and policies come back by pull."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.services.evaluations import EvaluationService
from kiosk.services.feedback import FeedbackService, PolicyService
from kiosk.storage.database import Database
from kiosk.storage.datasets import DatasetStore
from sync import outbox
from sync.client import ProvinceClient
from sync.pull import pull
from sync.push import push
from tests.sync.support import REPO, SECRET, TERMINAL_ID, Emulator

REASONS = ["slow", "unclear_guidance", "repeated_visits", "attitude", "not_handled"]


def _fill(ratings: EvaluationService, feedback: FeedbackService, n: int) -> dict[str, bytes]:
    """n ratings and n feedback through the services; returns id -> the exact payload."""
    for i in range(n):
        rating = i % 5 + 1
        ratings.rate_visit(rating, [REASONS[i % 5]] if rating <= 2 else [],
                           comment=f"第{i}次", service_id=f"s-{i % 3:03d}")
        feedback.submit(("question", "objection", "complaint")[i % 3],
                        ("disclosure", "payment", "subsidy")[i % 3], f"X-{i}",
                        reasons=["amount_unclear"] if i % 2 else [], text=f"问题{i}",
                        phone="13905791234" if i % 4 == 0 else None)
    return {i.item_id: i.payload for i in outbox.list_items(ratings.db.conn)
            if i.kind in ("evaluation", "feedback")}


def _arrived(emulator: Emulator) -> dict[str, bytes]:
    rows = emulator.query("SELECT evaluation_id, body FROM evaluations")
    rows += emulator.query("SELECT feedback_id, body FROM feedback")
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    return {str(r[0]): bytes(r[1]) for r in rows}


def test_ratings_and_feedback_through_30_percent_faults_arrive_exactly_once(
        db: Database, emulator: Emulator, ratings: EvaluationService,
        feedback: FeedbackService) -> None:
    sent = _fill(ratings, feedback, 100)
    emulator.faults(error_rate=0.15, drop_rate=0.05, commit_drop_rate=0.10, retry_after="1",
                    seed=5)
    results: dict[str, int] = {}
    with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, timeout_s=1.0) as client:
        for _ in range(40):
            if not outbox.stats(db.conn).pending:
                break
            for outcome in push(db.conn, client, ignore_backoff=True).outcomes:
                results[outcome.result] = results.get(outcome.result, 0) + 1
    stats = outbox.stats(db.conn)
    assert (stats.pending, stats.sending, stats.quarantined) == (0, 0, 0)
    assert results["retry"] > 30
    assert results["replayed"] > 3
    assert _arrived(emulator) == sent  # every one, once, byte for byte
    assert len(sent) == 200


@pytest.mark.parametrize(("stage", "faults"), [
    ("item_will_send", {"after_commit_s": 1.0}),   # the province committed, no answer yet
    ("item_did_answer", {}),                       # answered, not yet marked sent
])
def test_sigkill_of_the_sender_loses_nothing_and_sends_once(
        db: Database, emulator: Emulator, ratings: EvaluationService,
        feedback: FeedbackService, stage: str, faults: dict[str, float]) -> None:
    sent = _fill(ratings, feedback, 4)
    path = str(db.conn.execute("PRAGMA database_list").fetchone()[2])
    emulator.faults(**faults)

    def driver(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "tests.sync.driver", "push", path,
                               emulator.url, *args], cwd=REPO, timeout=120).returncode

    assert driver("--kill-at", stage, "--nth", "5", "--delay", "0.4") == -signal.SIGKILL
    assert len(_arrived(emulator)) >= 1
    emulator.faults(after_commit_s=0.0)
    assert driver() == 0
    stats = outbox.stats(db.conn)
    assert (stats.pending, stats.sending, stats.quarantined) == (0, 0, 0)
    assert _arrived(emulator) == sent


def test_a_second_rating_of_a_rated_case_is_quarantined_with_the_provinces_reason(
        db: Database, emulator: Emulator, client: ProvinceClient,
        ratings: EvaluationService) -> None:
    from kiosk.storage import voice as store
    from tests.voice.support import submitted_application

    submission = submitted_application(db, ratings.settings)
    first = ratings.rate_case(submission.receipt_code, 4)
    push(db.conn, client, ignore_backoff=True)
    # a second terminal database (a restored backup) rates the same case again
    store.delete_evaluation(ratings.db, first.evaluation_id)
    again = ratings.rate_case(submission.receipt_code, 2, ["slow"])
    report = push(db.conn, client, ignore_backoff=True)
    [bad] = report.quarantined
    assert bad.item_id == again.evaluation_id
    assert "already_rated" in bad.reason
    assert len(emulator.query("SELECT 1 FROM evaluations")) == 1


def test_the_reply_and_the_policy_list_come_back_by_pull(
        db: Database, emulator: Emulator, client: ProvinceClient, seed: Path,
        feedback: FeedbackService) -> None:
    ticket = feedback.submit("objection", "disclosure", "d-0001", line=0,
                             reasons=["amount_unclear"])
    other = feedback.submit("question", "general", text="什么时候开村民大会？")
    push(db.conn, client, ignore_backoff=True)
    emulator.control(f"feedback/{ticket.feedback_id}/reply",
                     {"text": "道路维修费用，凭证可查。", "replied_by": "分水镇"})
    done = subprocess.run([sys.executable, "-m", "sync.emulator", "--data", str(emulator.data),
                           "--reply", other.feedback_id, "五月十日开会。"], cwd=REPO,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    policy = {"item_code": "GDDL", "item_name": "耕地地力保护补贴", "department": "县农业农村局",
              "level": "central", "standard": "105元/亩/年", "who_qualifies": "种粮农户",
              "how_to_apply": "村里统计", "contact": "0571-0000",
              "updated_at": "2026-01-01T00:00:00Z"}
    emulator.control("datasets/subsidy_policies", {"upsert": [policy]})
    report = pull(client, DatasetStore(db), db.conn,
                  datasets=["feedback_replies", "subsidy_policies"])
    assert report.ok, report.as_json()
    shown = feedback.show(ticket.display)
    assert (shown["status"], shown["reply"], shown["replied_by"]) == (
        "answered", "道路维修费用，凭证可查。", "分水镇")
    assert feedback.show(other.ticket)["reply"] == "五月十日开会。"
    assert feedback.answered_count("disclosure", "d-0001") == 1
    assert PolicyService(db).entries() == [policy]


def test_the_emulator_refuses_what_breaks_sections_9_and_10(
        emulator: Emulator, client: ProvinceClient) -> None:
    import uuid

    from tests.sync.support import VILLAGE_CODE

    def put(kind: str, item_id: str, document: dict[str, object]) -> tuple[int | None, str]:
        body = json.dumps(document, ensure_ascii=False).encode()
        answer = client.request("PUT", f"/v1/{kind}/{item_id}", body=body,
                                headers={"Idempotency-Key": item_id})
        return answer.status, answer.error

    eid = str(uuid.uuid4())
    rating: dict[str, object] = {
              "evaluation_id": eid, "terminal_id": TERMINAL_ID, "village_code": VILLAGE_CODE,
              "at": "2026-11-30T10:10:00Z",
              "subject": {"kind": "visit", "application_id": None, "case_no": None,
                          "service_id": None},
              "channel": "self_service", "clerk_id": None, "rating": 2, "reasons": [],
              "comment": "", "contact_phone": None}
    assert put("evaluations", eid, rating) == (422, "invalid")
    assert put("evaluations", eid, {**rating, "reasons": ["slow"]}) == (201, "")
    assert put("evaluations", eid, {**rating, "reasons": ["slow"]}) == (200, "")
    assert put("evaluations", eid, {**rating, "reasons": ["attitude"]}) == (409, "conflict")
    fid = str(uuid.uuid4())
    item: dict[str, object] = {
            "feedback_id": fid, "ticket": "F7K-29Q-XD4", "terminal_id": TERMINAL_ID,
            "village_code": VILLAGE_CODE, "at": "2026-11-30T10:12:00Z", "kind": "objection",
            "subject": {"type": "disclosure", "id": "D-1", "line": 3}, "reasons": [],
            "text": "", "contact_phone": "13905791234", "anonymous": True}
    assert put("feedback", fid, item) == (422, "invalid")
    assert put("feedback", fid, {**item, "text": "为什么", "anonymous": False}) == (201, "")


def test_a_reply_to_feedback_that_never_arrived_is_refused(emulator: Emulator) -> None:
    import requests

    answer = requests.post(f"{emulator.url}/_emulator/feedback/nope/reply",
                           data=b'{"text": "x"}', timeout=10)
    assert answer.status_code == 404
    done = subprocess.run([sys.executable, "-m", "sync.emulator", "--data", str(emulator.data),
                           "--reply", "nope", "x"], cwd=REPO, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert b"no feedback nope" in done.stderr


def test_call_back_phones_are_forgotten_once_the_province_has_them(
        db: Database, emulator: Emulator, client: ProvinceClient, ratings: EvaluationService,
        feedback: FeedbackService) -> None:
    from kiosk.storage.voice import scrub_sent_phones

    ratings.rate_visit(1, ["attitude"], phone="13905791234")
    feedback.submit("complaint", "payment", "p-1", reasons=["late"], phone="13905791234")
    assert scrub_sent_phones(db) == 0  # not sent yet: the phone must still go out
    push(db.conn, client, ignore_backoff=True)
    ratings.rate_visit(2, ["slow"], phone="13812345678")  # this one is still waiting
    assert scrub_sent_phones(db) == 2
    at_province = [json.loads(b)["contact_phone"] for b, in
                   emulator.query("SELECT body FROM evaluations UNION ALL "
                                  "SELECT body FROM feedback")]
    assert at_province == ["13905791234", "13905791234"]
    kept = b"".join(bytes(p) for p, in db.conn.execute(
        "SELECT payload FROM sync_outbox UNION ALL SELECT payload FROM evaluations"
        " UNION ALL SELECT payload FROM feedback"))
    assert b"13905791234" not in kept
    assert b"13812345678" in kept
    assert feedback.entries()[0]["contact_phone"] == "139****1234"  # the clerk's masked copy


def test_a_cases_rating_waits_until_the_case_itself_has_gone(
        db: Database, emulator: Emulator, client: ProvinceClient,
        ratings: EvaluationService) -> None:
    from tests.voice.support import submitted_application

    submission = submitted_application(db, ratings.settings)
    ratings.rate_case(submission.receipt_code, 5)
    [application] = [i for i in outbox.list_items(db.conn) if i.kind == "application"]
    outbox.quarantine(db.conn, application.id, "invalid", "held back by the test")
    report = push(db.conn, client, ignore_backoff=True)
    assert [o.result for o in report.outcomes if o.kind == "evaluation"] == ["waiting"]
    assert emulator.query("SELECT 1 FROM evaluations") == []
    outbox.retry_quarantined(db.conn, application.id)
    push(db.conn, client, ignore_backoff=True)
    push(db.conn, client, ignore_backoff=True)  # (items after a waiting one go next round)
    assert len(emulator.query("SELECT 1 FROM evaluations")) == 1
    assert outbox.stats(db.conn).pending == 0

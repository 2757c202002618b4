"""The emulator's side of the villager's voice: contract sections 9 (evaluations), 10 (feedback)
and the `feedback_replies` dataset of section 11.

The checks here are written from the contract, not shared with the terminal's own checks, so a
terminal that breaks a rule gets the `422` a real province would send. Every feedback gets a
`received` item in its terminal's `feedback_replies` scope at once; `post_reply` (the control
endpoint and `--reply`) answers it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import TYPE_CHECKING, Any

from sync.emulator.documents import parse_object
from sync.emulator.replies import Reply, error
from sync.signing import rfc3339

if TYPE_CHECKING:
    from sync.emulator.server import ProvinceServer
    from sync.emulator.store import EmulatorStore

EVALUATION_REASONS = frozenset({"slow", "unclear_guidance", "repeated_visits", "attitude",
                                "not_handled", "device_problem", "other"})
FEEDBACK_REASONS = frozenset({"amount_unclear", "item_unclear", "not_received", "amount_wrong",
                              "wrong_person", "late", "other"})
REPLY_STATUS = ("received", "in_progress", "answered", "closed")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _common(document: dict[str, Any], id_field: str, item_id: str,
            terminal: sqlite3.Row) -> dict[str, str]:
    problems: dict[str, str] = {}
    if document.get(id_field) != item_id:
        problems[id_field] = "must equal the id in the path"
    if not _UUID.fullmatch(item_id):
        problems[id_field] = "must be a UUID"
    if document.get("terminal_id") != terminal["terminal_id"]:
        problems["terminal_id"] = "must be the signing terminal"
    if document.get("village_code") != terminal["village_code"]:
        problems["village_code"] = "not this terminal's village"
    if not isinstance(document.get("at"), str):
        problems["at"] = "required (RFC 3339)"
    phone = document.get("contact_phone")
    if phone is not None and not (isinstance(phone, str) and _MOBILE.fullmatch(phone)):
        problems["contact_phone"] = "an 11-digit mobile number or null"
    return problems


def evaluation_problems(document: dict[str, Any], evaluation_id: str,
                        terminal: sqlite3.Row) -> dict[str, str]:
    problems = _common(document, "evaluation_id", evaluation_id, terminal)
    subject = document.get("subject")
    if not isinstance(subject, dict) or subject.get("kind") not in ("visit", "application"):
        problems["subject.kind"] = "visit or application"
    elif subject["kind"] == "application" and not isinstance(subject.get("application_id"), str):
        problems["subject.application_id"] = "required for an application"
    elif subject["kind"] == "visit" and subject.get("application_id") is not None:
        problems["subject.application_id"] = "null for a visit"
    channel = document.get("channel")
    if channel not in ("self_service", "clerk_assisted"):
        problems["channel"] = "self_service or clerk_assisted"
    elif (channel == "clerk_assisted") != isinstance(document.get("clerk_id"), str):
        problems["clerk_id"] = "set exactly when the channel is clerk_assisted"
    rating = document.get("rating")
    reasons = document.get("reasons")
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        problems["rating"] = "an integer 1 to 5"
    if not isinstance(reasons, list) or not all(r in EVALUATION_REASONS for r in reasons):
        problems["reasons"] = "a list of the contract's reason codes"
    elif isinstance(rating, int) and (rating <= 2) != bool(reasons):
        problems["reasons"] = "non-empty when rating <= 2, empty otherwise"
    comment = document.get("comment")
    if comment is not None and not (isinstance(comment, str) and len(comment) <= 500):
        problems["comment"] = "at most 500 characters"
    if "id_number" in json.dumps(document):
        problems["id_number"] = "no ID number is ever sent with a rating"
    return problems


def feedback_problems(document: dict[str, Any], feedback_id: str,
                      terminal: sqlite3.Row) -> dict[str, str]:
    problems = _common(document, "feedback_id", feedback_id, terminal)
    if document.get("kind") not in ("question", "objection", "complaint"):
        problems["kind"] = "question, objection or complaint"
    subject = document.get("subject")
    kind = subject.get("type") if isinstance(subject, dict) else None
    if kind not in ("disclosure", "payment", "subsidy", "general"):
        problems["subject.type"] = "disclosure, payment, subsidy or general"
    elif isinstance(subject, dict):
        if kind == "general" and subject.get("id") is not None:
            problems["subject.id"] = "null for general"
        if kind != "general" and not isinstance(subject.get("id"), str):
            problems["subject.id"] = "required"
        line = subject.get("line")
        if line is not None and (kind != "disclosure" or not isinstance(line, int)):
            problems["subject.line"] = "an optional ledger line index of a disclosure"
    reasons = document.get("reasons")
    text = document.get("text")
    if not isinstance(reasons, list) or not all(r in FEEDBACK_REASONS for r in reasons):
        problems["reasons"] = "a list of the contract's reason codes"
    if text is not None and not (isinstance(text, str) and len(text) <= 1000):
        problems["text"] = "at most 1,000 characters"
    if not reasons and not (isinstance(text, str) and text.strip()):
        problems["text"] = "one of reasons and text must be non-empty"
    if not isinstance(document.get("ticket"), str) or not document["ticket"]:
        problems["ticket"] = "required"
    if not isinstance(document.get("anonymous"), bool):
        problems["anonymous"] = "true or false"
    elif document["anonymous"] and document.get("contact_phone") is not None:
        problems["contact_phone"] = "null when anonymous"
    return problems


def put_evaluation(server: ProvinceServer, idempotency_key: str | None, terminal: sqlite3.Row,
                   body: bytes, evaluation_id: str) -> Reply:
    if idempotency_key != evaluation_id:
        return error(400, "invalid", "Idempotency-Key must equal the evaluation id")
    with server.store.write() as conn:
        row = conn.execute("SELECT body, response FROM evaluations WHERE evaluation_id = ?",
                           (evaluation_id,)).fetchone()
        if row is not None:
            if bytes(row[0]) == body:
                return Reply(200, bytes(row[1]))
            return error(409, "conflict", "this id arrived before with another body")
        document = parse_object(body)
        fields = evaluation_problems(document, evaluation_id, terminal)
        if fields:
            return error(422, "invalid", "the evaluation was rejected", fields=fields)
        application_id = document["subject"].get("application_id")
        if application_id is not None and conn.execute(
                "SELECT 1 FROM evaluations WHERE application_id = ?",
                (application_id,)).fetchone():
            return error(409, "already_rated", "this application has been rated")
        response = json.dumps({"evaluation_id": evaluation_id,
                               "received_at": rfc3339(server.now())}).encode()
        conn.execute("INSERT INTO evaluations (evaluation_id, terminal_id, application_id, body,"
                     " response) VALUES (?, ?, ?, ?, ?)",
                     (evaluation_id, terminal["terminal_id"], application_id, body, response))
    return Reply(201, response)


def put_feedback(server: ProvinceServer, idempotency_key: str | None, terminal: sqlite3.Row,
                 body: bytes, feedback_id: str) -> Reply:
    if idempotency_key != feedback_id:
        return error(400, "invalid", "Idempotency-Key must equal the feedback id")
    with server.store.write() as conn:
        row = conn.execute("SELECT body, response FROM feedback WHERE feedback_id = ?",
                           (feedback_id,)).fetchone()
        if row is not None:
            if bytes(row[0]) == body:
                return Reply(200, bytes(row[1]))
            return error(409, "conflict", "this id arrived before with another body")
        document = parse_object(body)
        fields = feedback_problems(document, feedback_id, terminal)
        if fields:
            return error(422, "invalid", "the feedback was rejected", fields=fields)
        received_at = rfc3339(server.now())
        response = json.dumps({"feedback_id": feedback_id, "received_at": received_at}).encode()
        conn.execute("INSERT INTO feedback (feedback_id, terminal_id, ticket, body, response,"
                     " received_at) VALUES (?, ?, ?, ?, ?, ?)",
                     (feedback_id, terminal["terminal_id"], document["ticket"], body, response,
                      received_at))
        _publish(server.store, conn, feedback_id, "received", None, None, received_at)
    return Reply(201, response)


def _publish(store: EmulatorStore, conn: sqlite3.Connection, feedback_id: str, status: str,
             reply: str | None, replied_by: str | None, at: str) -> None:
    row = conn.execute("SELECT terminal_id, ticket FROM feedback WHERE feedback_id = ?",
                       (feedback_id,)).fetchone()
    item = {"feedback_id": feedback_id, "ticket": row[1], "status": status, "updated_at": at,
            "reply": reply, "replied_by": replied_by}
    store.put_changes("feedback_replies", [item], scope=str(row[0]), conn=conn)


def post_reply(store: EmulatorStore, feedback_id: str, text: str, *, at: str,
               replied_by: str = "镇便民服务中心", status: str = "answered") -> bool:
    """The township answers a feedback; False when no such feedback arrived."""
    if status not in REPLY_STATUS:
        raise ValueError(f"status must be one of {', '.join(REPLY_STATUS)}")
    with store.write() as conn:
        if conn.execute("SELECT 1 FROM feedback WHERE feedback_id = ?",
                        (feedback_id,)).fetchone() is None:
            return False
        answered = status in ("answered", "closed")
        _publish(store, conn, feedback_id, status, text if answered else None,
                 replied_by if answered else None, at)
    return True

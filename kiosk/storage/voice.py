"""SQL of the villager's voice (migration 0010): ratings, feedback, replies and policies.

Inserts only execute statements: the services call them inside ONE `transaction(db)` together
with `sync.outbox.enqueue` and the audit event, so a record and its outbox row commit together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kiosk.storage.database import Database


@dataclass(frozen=True)
class EvaluationRow:
    evaluation_id: str
    subject_kind: str
    application_id: str | None
    case_no: str | None
    service_id: str | None
    channel: str
    clerk_id: str | None
    rating: int
    reasons: list[str]
    has_comment: bool
    wants_call: bool
    source: str
    at: str
    payload: bytes


@dataclass(frozen=True)
class FeedbackRow:
    feedback_id: str
    ticket: str
    kind: str
    subject_type: str
    subject_id: str | None
    subject_line: int | None
    reasons: list[str]
    text: str
    phone_masked: str | None
    anonymous: bool
    source: str
    at: str
    payload: bytes


_EVAL_COLUMNS = ("evaluation_id, subject_kind, application_id, case_no, service_id, channel, "
                 "clerk_id, rating, reasons, has_comment, wants_call, source, at, payload")
_FEEDBACK_COLUMNS = ("feedback_id, ticket, kind, subject_type, subject_id, subject_line, "
                     "reasons, text, phone_masked, anonymous, source, at, payload")


def _evaluation(row: tuple[Any, ...]) -> EvaluationRow:
    return EvaluationRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], int(row[7]),
                         json.loads(row[8]), bool(row[9]), bool(row[10]), row[11], row[12],
                         bytes(row[13]))


def _feedback(row: tuple[Any, ...]) -> FeedbackRow:
    return FeedbackRow(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]),
                       row[7], row[8], bool(row[9]), row[10], row[11], bytes(row[12]))


def insert_evaluation(db: Database, row: EvaluationRow) -> None:
    """Insert one rating; runs inside the caller's transaction (no commit)."""
    db.conn.execute(
        f"INSERT INTO evaluations ({_EVAL_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (row.evaluation_id, row.subject_kind, row.application_id, row.case_no, row.service_id,
         row.channel, row.clerk_id, row.rating, json.dumps(row.reasons), int(row.has_comment),
         int(row.wants_call), row.source, row.at, row.payload))


def delete_evaluation(db: Database, evaluation_id: str) -> None:
    """Drop a replaced (never sent) rating; inside the caller's transaction."""
    db.conn.execute("DELETE FROM evaluations WHERE evaluation_id = ?", (evaluation_id,))


def evaluation_for_application(db: Database, application_id: str) -> EvaluationRow | None:
    row = db.conn.execute(f"SELECT {_EVAL_COLUMNS} FROM evaluations WHERE application_id = ?",
                          (application_id,)).fetchone()
    return _evaluation(row) if row else None


def list_evaluations(db: Database, limit: int = 10_000) -> list[EvaluationRow]:
    rows = db.conn.execute(f"SELECT {_EVAL_COLUMNS} FROM evaluations ORDER BY at DESC, rowid DESC"
                           " LIMIT ?", (limit,)).fetchall()
    return [_evaluation(row) for row in rows]


def rating_counts_by_month(db: Database) -> list[tuple[str, int, int]]:
    """(month `YYYY-MM`, rating, count), newest month first."""
    rows = db.conn.execute(
        "SELECT substr(at, 1, 7) AS month, rating, count(*) FROM evaluations"
        " GROUP BY month, rating ORDER BY month DESC, rating DESC").fetchall()
    return [(str(r[0]), int(r[1]), int(r[2])) for r in rows]


def insert_feedback(db: Database, row: FeedbackRow) -> None:
    """Insert one question, objection or complaint; inside the caller's transaction."""
    db.conn.execute(
        f"INSERT INTO feedback ({_FEEDBACK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (row.feedback_id, row.ticket, row.kind, row.subject_type, row.subject_id,
         row.subject_line, json.dumps(row.reasons), row.text, row.phone_masked,
         int(row.anonymous), row.source, row.at, row.payload))


def ticket_taken(db: Database, ticket: str) -> bool:
    return db.conn.execute("SELECT 1 FROM feedback WHERE ticket = ?",
                           (ticket,)).fetchone() is not None


def feedback_by_ticket(db: Database, ticket: str) -> FeedbackRow | None:
    row = db.conn.execute(f"SELECT {_FEEDBACK_COLUMNS} FROM feedback WHERE ticket = ?",
                          (ticket,)).fetchone()
    return _feedback(row) if row else None


def list_feedback(db: Database, limit: int = 10_000) -> list[FeedbackRow]:
    rows = db.conn.execute(f"SELECT {_FEEDBACK_COLUMNS} FROM feedback ORDER BY at DESC,"
                           " rowid DESC LIMIT ?", (limit,)).fetchall()
    return [_feedback(row) for row in rows]


def reply_for(db: Database, feedback_id: str) -> dict[str, Any] | None:
    """The province's `feedback_replies` item of one feedback, once pulled."""
    row = db.conn.execute("SELECT data FROM feedback_replies WHERE feedback_id = ?",
                          (feedback_id,)).fetchone()
    return json.loads(row[0]) if row else None


def answered_counts(db: Database, subject_type: str) -> dict[str, int]:
    """How many questions on each subject id have been answered (for the disclosure pages)."""
    rows = db.conn.execute(
        "SELECT f.subject_id, count(*) FROM feedback f JOIN feedback_replies r"
        " USING (feedback_id) WHERE f.subject_type = ? AND r.status IN ('answered', 'closed')"
        " GROUP BY f.subject_id", (subject_type,)).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def policies(db: Database) -> list[dict[str, Any]]:
    rows = db.conn.execute("SELECT data FROM subsidy_policies ORDER BY level, item_code")
    return [json.loads(row[0]) for row in rows]


def policy(db: Database, item_code: str) -> dict[str, Any] | None:
    row = db.conn.execute("SELECT data FROM subsidy_policies WHERE item_code = ?",
                          (item_code,)).fetchone()
    return json.loads(row[0]) if row else None


def outbox_state(db: Database, kind: str, item_id: str) -> str | None:
    """Where the item stands in the outbox: pending, sending, sent, quarantined (or None)."""
    row = db.conn.execute("SELECT state FROM sync_outbox WHERE kind = ? AND item_id = ?",
                          (kind, item_id)).fetchone()
    return str(row[0]) if row else None


def scrub_sent_phones(db: Database) -> int:
    """Forget the call-back phone of ratings and feedback the province has received.

    The phone is needed at rest only until the item is sent (the province calls back); after
    that the terminal keeps just the fact (`wants_call`) and the masked number. Returns how many
    items were scrubbed.
    """
    rows = db.conn.execute(
        "SELECT kind, item_id, payload FROM sync_outbox WHERE kind IN ('evaluation', 'feedback')"
        " AND state = 'sent' AND instr(CAST(payload AS TEXT), '\"contact_phone\":\"') > 0"
    ).fetchall()
    tables = {"evaluation": ("evaluations", "evaluation_id"),
              "feedback": ("feedback", "feedback_id")}
    with db.atomic():
        for kind, item_id, payload in rows:
            document = json.loads(bytes(payload))
            document["contact_phone"] = None
            scrubbed = json.dumps(document, ensure_ascii=False, sort_keys=True,
                                  separators=(",", ":")).encode("utf-8")
            db.conn.execute("UPDATE sync_outbox SET payload = ? WHERE kind = ? AND item_id = ?",
                            (scrubbed, kind, item_id))
            table, key = tables[str(kind)]
            db.conn.execute(f"UPDATE {table} SET payload = ? WHERE {key} = ?",
                            (scrubbed, item_id))
    return len(rows)

"""好差评: one rating per visit, one per case, sent to the province through the outbox.

A rating is checked against the contract (section 9) before anything is written; then the
rating row, its outbox item (the exact payload, `evaluation_id` as idempotency key) and its
audit event commit in ONE transaction. A case is rated once: a second rating replaces the first
only while the first has never been tried on the network; after that it is refused in words.
No ID number ever goes into a rating: the subject is the application id and case number.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from forms import canonical_json
from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.services import receipt_codes
from kiosk.services.applications import utc_now
from kiosk.services.voice_rules import (
    RATING_WORDS_ZH,
    VoiceInvalid,
    evaluation_problems,
    normalize_phone,
)
from kiosk.storage import applications as application_store
from kiosk.storage import audit as audit_store
from kiosk.storage import voice as store
from kiosk.storage.database import Database, transaction

EVALUATED_EVENT = "evaluation_given"


class EvaluationRefused(KioskError):
    """The case cannot be rated (unknown code, or already rated and sent)."""

    exit_code = 1


@dataclass(frozen=True)
class Evaluation:
    evaluation_id: str
    rating: int
    subject: dict[str, Any]
    replaced: bool

    def to_json(self) -> dict[str, Any]:
        return {"evaluation_id": self.evaluation_id, "rating": self.rating,
                "rating_words": RATING_WORDS_ZH[self.rating], "subject": self.subject,
                "replaced": self.replaced}


class EvaluationService:
    def __init__(self, db: Database, settings: Settings, *,
                 now: Callable[[], str] = utc_now) -> None:
        self.db = db
        self.settings = settings
        self.now = now

    def rate_visit(self, rating: int, reasons: Sequence[str] = (), comment: str = "",
                   phone: str | None = None, *, service_id: str | None = None,
                   clerk_id: str | None = None, source: str = "screen") -> Evaluation:
        """A visit with no case: a lookup, a disclosure read, a clerk's help."""
        subject = {"kind": "visit", "application_id": None, "case_no": None,
                   "service_id": service_id or None}
        return self._rate(subject, rating, reasons, comment, phone, clerk_id, source)

    def rate_case(self, receipt_code: str, rating: int, reasons: Sequence[str] = (),
                  comment: str = "", phone: str | None = None, *, clerk_id: str | None = None,
                  source: str = "screen") -> Evaluation:
        """A case, found by its receipt code (typed, scanned or from the card's case list)."""
        value = receipt_codes.normalize(receipt_code)
        if not receipt_codes.is_valid(value):
            raise EvaluationRefused(f"回执号不正确，请核对 / {receipt_code!r} is not a valid "
                                    "receipt code")
        row = application_store.by_code(self.db, value)
        if row is None:
            raise EvaluationRefused(f"本机没有回执号为 {receipt_codes.display(value)} 的申请 / no "
                                    "application with this receipt code was made here")
        return self.rate_application(row.application_id, rating, reasons, comment, phone,
                                     clerk_id=clerk_id, source=source)

    def rate_application(self, application_id: str, rating: int, reasons: Sequence[str] = (),
                         comment: str = "", phone: str | None = None, *,
                         clerk_id: str | None = None, source: str = "screen") -> Evaluation:
        row = application_store.by_id(self.db, application_id)
        if row is None:
            raise EvaluationRefused(f"没有这件申请 / no application {application_id}")
        status = application_store.status_of(self.db, application_id)
        subject = {"kind": "application", "application_id": application_id,
                   "case_no": status.case_no if status else None, "service_id": row.service_id}
        return self._rate(subject, rating, reasons, comment, phone, clerk_id or row.clerk_id,
                          source)

    def _rate(self, subject: dict[str, Any], rating: int, reasons: Sequence[str], comment: str,
              phone: str | None, clerk_id: str | None, source: str) -> Evaluation:
        reasons = list(reasons)
        comment = comment.strip()
        phone = normalize_phone(phone)
        problems = evaluation_problems(rating, reasons, comment, phone)
        if problems:
            raise VoiceInvalid(problems)
        evaluation_id = str(uuid.uuid4())
        at = self.now()
        channel = "clerk_assisted" if clerk_id else "self_service"
        payload = canonical_json({
            "evaluation_id": evaluation_id,
            "terminal_id": str(self.settings.get("terminal", "id")),
            "village_code": str(self.settings.get("terminal", "village_code")),
            "at": at, "subject": subject, "channel": channel, "clerk_id": clerk_id,
            "rating": rating, "reasons": reasons, "comment": comment, "contact_phone": phone,
        })
        record = store.EvaluationRow(
            evaluation_id, subject["kind"], subject["application_id"], subject["case_no"],
            subject["service_id"], channel, clerk_id, rating, reasons, bool(comment),
            phone is not None, source, at, payload)
        with transaction(self.db):
            replaced = self._store(record)
            event = audit_store.append(
                self.db, at=at, actor=clerk_id or "villager", action=EVALUATED_EVENT,
                subject=evaluation_id, details={"subject_kind": subject["kind"],
                                                "rating": rating, "source": source,
                                                "replaced": replaced})
            from sync import outbox

            outbox.enqueue(self.db.conn, "audit_event", str(event["seq"]),
                           canonical_json(event))
        return Evaluation(evaluation_id, rating, subject, replaced)

    def _store(self, record: store.EvaluationRow) -> bool:
        """Insert the rating and its outbox item; True when it replaced an unsent one."""
        from sync import outbox

        earlier = (store.evaluation_for_application(self.db, record.application_id)
                   if record.application_id else None)
        if earlier is None:
            store.insert_evaluation(self.db, record)
            # a case's rating waits for the case itself, as a clerk action does
            outbox.enqueue(self.db.conn, "evaluation", record.evaluation_id, record.payload,
                           parent_id=record.application_id)
            return False
        if not outbox.replace_unsent(self.db.conn, "evaluation", earlier.evaluation_id,
                                     record.evaluation_id, record.payload):
            raise EvaluationRefused(
                "这件事已经评价过，评价已发出，不能再改 / this case was rated already and the "
                "rating has gone to the province: one rating per case")
        store.delete_evaluation(self.db, earlier.evaluation_id)
        store.insert_evaluation(self.db, record)
        return True

    # -- for the clerk, the admin and the CLI ----------------------------------------------

    def case_rating(self, application_id: str) -> int | None:
        found = store.evaluation_for_application(self.db, application_id)
        return found.rating if found else None

    def entries(self, limit: int = 10_000) -> list[dict[str, Any]]:
        """Every rating, newest first: no phone, no comment text (`export` has the comment)."""
        return [_summary(self.db, row) for row in store.list_evaluations(self.db, limit)]

    def export(self) -> list[dict[str, Any]]:
        """For the township's follow-up: ratings with their comment; never a phone number."""
        result = []
        for row in store.list_evaluations(self.db):
            entry = _summary(self.db, row)
            entry["comment"] = str(json.loads(row.payload).get("comment") or "")
            result.append(entry)
        return result

    def monthly(self) -> list[dict[str, Any]]:
        """Rating counts per month and the share of bad ratings (2 and 1), newest first."""
        months: dict[str, dict[int, int]] = {}
        for month, rating, count in store.rating_counts_by_month(self.db):
            months.setdefault(month, dict.fromkeys(range(1, 6), 0))[rating] = count
        result = []
        for month, counts in months.items():
            total = sum(counts.values())
            bad = counts[1] + counts[2]
            result.append({"month": month, "counts": {str(k): counts[k] for k in range(5, 0, -1)},
                           "total": total, "bad": bad,
                           "bad_share": round(bad / total, 4) if total else 0.0})
        return result


def _summary(db: Database, row: store.EvaluationRow) -> dict[str, Any]:
    return {"evaluation_id": row.evaluation_id, "at": row.at,
            "subject": {"kind": row.subject_kind, "application_id": row.application_id,
                        "case_no": row.case_no, "service_id": row.service_id},
            "channel": row.channel, "clerk_id": row.clerk_id, "rating": row.rating,
            "rating_words": RATING_WORDS_ZH[row.rating], "reasons": row.reasons,
            "has_comment": row.has_comment, "wants_call": row.wants_call, "source": row.source,
            "outbox_state": store.outbox_state(db, "evaluation", row.evaluation_id)}

"""意见箱: questions, objections and complaints, with a ticket code and the province's reply.

A feedback is checked against the contract (section 10) before anything is written; then its
row, its outbox item (`feedback_id` as idempotency key) and its audit event commit in ONE
transaction. The ticket code is made from the feedback id exactly as a receipt code is made
from an application id (`receipt_codes`): typed with or without dashes, O/0 and I/1 alike, a
mistyped code is caught by its check character. The call-back phone is kept masked in the
table; only the frozen payload (what the province must receive) carries it.
"""

from __future__ import annotations

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
    FEEDBACK_KINDS_ZH,
    VoiceInvalid,
    feedback_problems,
    normalize_phone,
)
from kiosk.storage import audit as audit_store
from kiosk.storage import voice as store
from kiosk.storage.database import Database, transaction

FEEDBACK_EVENT = "feedback_submitted"
STATUS_WORDS_ZH = {"waiting": "等待联网发送", "sent": "已送达，等待答复",
                   "send_problem": "发送遇到问题，代办员会处理", "received": "已收到，等待答复",
                   "in_progress": "正在办理", "answered": "已答复", "closed": "已办结"}


class FeedbackNotFound(KioskError):
    """A ticket code that is mistyped, or that this terminal never gave out."""

    exit_code = 1


@dataclass(frozen=True)
class Ticket:
    feedback_id: str
    ticket: str
    kind: str

    @property
    def display(self) -> str:
        return receipt_codes.display(self.ticket)

    def to_json(self) -> dict[str, Any]:
        return {"feedback_id": self.feedback_id, "ticket": self.display, "kind": self.kind}


def mask_phone(phone: str | None) -> str | None:
    return None if phone is None else phone[:3] + "****" + phone[-4:]


class FeedbackService:
    def __init__(self, db: Database, settings: Settings, *,
                 now: Callable[[], str] = utc_now) -> None:
        self.db = db
        self.settings = settings
        self.now = now

    def submit(self, kind: str, subject_type: str, subject_id: str | None = None, *,
               line: int | None = None, reasons: Sequence[str] = (), text: str = "",
               phone: str | None = None, anonymous: bool = False,
               source: str = "screen") -> Ticket:
        reasons = list(dict.fromkeys(reasons))
        text = text.strip()
        phone = normalize_phone(phone)
        subject_id = subject_id or None
        problems = feedback_problems(kind, subject_type, subject_id, line, reasons, text, phone,
                                     anonymous)
        if problems:
            raise VoiceInvalid(problems)
        at = self.now()
        with transaction(self.db):
            feedback_id, ticket = self._new_ticket()
            payload = canonical_json({
                "feedback_id": feedback_id, "ticket": receipt_codes.display(ticket),
                "terminal_id": str(self.settings.get("terminal", "id")),
                "village_code": str(self.settings.get("terminal", "village_code")),
                "at": at, "kind": kind,
                "subject": {"type": subject_type, "id": subject_id, "line": line},
                "reasons": reasons, "text": text, "contact_phone": phone,
                "anonymous": anonymous,
            })
            store.insert_feedback(self.db, store.FeedbackRow(
                feedback_id, ticket, kind, subject_type, subject_id, line, reasons, text,
                mask_phone(phone), anonymous, source, at, payload))
            from sync import outbox

            outbox.enqueue(self.db.conn, "feedback", feedback_id, payload)
            event = audit_store.append(
                self.db, at=at, actor="clerk" if source == "clerk" else "villager",
                action=FEEDBACK_EVENT, subject=feedback_id,
                details={"ticket": ticket, "kind": kind, "subject_type": subject_type})
            outbox.enqueue(self.db.conn, "audit_event", str(event["seq"]),
                           canonical_json(event))
        return Ticket(feedback_id, ticket, kind)

    def _new_ticket(self) -> tuple[str, str]:
        while True:  # a clash is 1 in 10^12: a fresh id, before anything was sent
            feedback_id = str(uuid.uuid4())
            ticket = receipt_codes.receipt_code_for(feedback_id)
            if not store.ticket_taken(self.db, ticket):
                return feedback_id, ticket

    # -- looking it up again ---------------------------------------------------------------

    def show(self, ticket: str) -> dict[str, Any]:
        """The feedback with this ticket, its status and (once pulled) the reply."""
        value = receipt_codes.normalize(ticket)
        if not receipt_codes.is_valid(value):
            raise FeedbackNotFound(f"编号不正确，请核对 / {ticket!r} is not a valid ticket code")
        row = store.feedback_by_ticket(self.db, value)
        if row is None:
            raise FeedbackNotFound(f"本机没有编号为 {receipt_codes.display(value)} 的意见 / no "
                                   "feedback with this ticket was given here")
        return self._entry(row)

    def entries(self, limit: int = 10_000) -> list[dict[str, Any]]:
        return [self._entry(row) for row in store.list_feedback(self.db, limit)]

    def answered_count(self, subject_type: str, subject_id: str) -> int:
        return store.answered_counts(self.db, subject_type).get(subject_id, 0)

    def _entry(self, row: store.FeedbackRow) -> dict[str, Any]:
        reply = store.reply_for(self.db, row.feedback_id)
        state = store.outbox_state(self.db, "feedback", row.feedback_id)
        status = (str(reply.get("status")) if reply else
                  {"sent": "sent", "quarantined": "send_problem"}.get(state or "", "waiting"))
        return {
            "feedback_id": row.feedback_id, "ticket": receipt_codes.display(row.ticket),
            "at": row.at, "kind": row.kind, "kind_words": FEEDBACK_KINDS_ZH[row.kind],
            "subject": {"type": row.subject_type, "id": row.subject_id,
                        "line": row.subject_line},
            "reasons": row.reasons, "text": row.text, "anonymous": row.anonymous,
            "contact_phone": None if row.anonymous else row.phone_masked,
            "source": row.source, "outbox_state": state, "status": status,
            "status_words": STATUS_WORDS_ZH.get(status, status),
            "reply": reply.get("reply") if reply else None,
            "replied_by": reply.get("replied_by") if reply else None,
            "replied_at": reply.get("updated_at") if reply else None,
        }


class PolicyService:
    """The pulled `subsidy_policies` list (section 11): what each subsidy is, who qualifies."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def entries(self) -> list[dict[str, Any]]:
        return store.policies(self.db)

    def get(self, item_code: str) -> dict[str, Any] | None:
        return store.policy(self.db, item_code)

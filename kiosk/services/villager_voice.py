"""What the screens of the villager's voice call: ratings, feedback with its printed slip, the
paper 评价表, replies by ticket code and the policy list (one object in `Services.voice`)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.config import Settings
from kiosk.services.evaluations import Evaluation, EvaluationService
from kiosk.services.feedback import FeedbackService, PolicyService, Ticket
from kiosk.services.voice_rules import FEEDBACK_KINDS_ZH
from kiosk.storage.database import Database

log = logging.getLogger(__name__)
PrintJob = Callable[[str, dict[str, Any]], int]


class VoiceServices:
    def __init__(self, db: Database, settings: Settings, *, print_job: PrintJob) -> None:
        self.db = db
        self.settings = settings
        self.evaluations = EvaluationService(db, settings)
        self.feedback = FeedbackService(db, settings)
        self.policies = PolicyService(db)
        self._print_job = print_job  # the one print queue (`Services.printing`), village filled

    def rate(self, rating: int, reasons: Sequence[str] = (), comment: str = "",
             phone: str | None = None, *, receipt_code: str | None = None,
             service_id: str | None = None, clerk_id: str | None = None) -> Evaluation:
        """A case when a receipt code is known, else the visit."""
        if receipt_code:
            return self.evaluations.rate_case(receipt_code, rating, reasons, comment, phone,
                                              clerk_id=clerk_id)
        return self.evaluations.rate_visit(rating, reasons, comment, phone,
                                           service_id=service_id, clerk_id=clerk_id)

    def submit_feedback(self, kind: str, subject_type: str, subject_id: str | None, *,
                        subject_words: str, line: int | None = None,
                        reasons: Sequence[str] = (), text: str = "", phone: str | None = None,
                        anonymous: bool = False) -> tuple[Ticket, bool]:
        """Store the feedback, then print its slip; (ticket, printed). A printer problem never
        undoes the feedback: the ticket is on screen and `kiosk feedback show` finds it."""
        ticket = self.feedback.submit(kind, subject_type, subject_id, line=line,
                                      reasons=reasons, text=text, phone=phone,
                                      anonymous=anonymous)
        entry = self.feedback.show(ticket.ticket)
        try:
            self._print_job("feedback_slip", {
                "ticket": ticket.display, "village": "", "kind_words": FEEDBACK_KINDS_ZH[kind],
                "subject": subject_words, "submitted_at": entry["at"].replace("T", " ")[:16],
                "terminal_id": str(self.settings.get("terminal", "id"))})
        except Exception as error:  # the slip is a copy; the feedback itself is stored
            log.warning("feedback slip not printed: %s", type(error).__name__)
            return ticket, False
        return ticket, True

    def print_evaluation_form(self, receipt_code: str = "", service: str = "") -> int:
        return self._print_job("evaluation_form", {
            "village": "", "receipt_code": receipt_code, "service": service,
            "terminal_id": str(self.settings.get("terminal", "id"))})

    def ticket(self, code: str) -> dict[str, Any]:
        return self.feedback.show(code)

    def answered_count(self, disclosure_id: str) -> int:
        return self.feedback.answered_count("disclosure", disclosure_id)

    def policy_list(self) -> list[dict[str, Any]]:
        return self.policies.entries()

    def staff_feedback(self, limit: int = 200) -> list[dict[str, Any]]:
        """For the clerk's workbench: status and subject; anonymous ones carry no phone."""
        return self.feedback.entries(limit)

    def monthly_ratings(self) -> list[dict[str, Any]]:
        return self.evaluations.monthly()

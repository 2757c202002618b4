"""The voice's buttons on other areas' pages, each added there with one line.

Disclosure items get 我有疑问 / 我有异议 (and how many questions were answered), a case on the
progress page gets "rate it" and the paper 评价表, the progress page gets "answers to my
questions", the subsidy result gets "a question about a payment" and 补贴政策.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.ui.widgets import big_button, text_label


def tr(text: str) -> str:
    """lupdate files module-level `tr("…")` calls under the empty context: look them up there."""
    return QCoreApplication.translate("", text)


def disclosure_buttons(page: Any) -> list[QWidget]:
    """我有疑问 / 我有异议 for the document shown; choices are its ledger lines."""

    def open_feedback(kind: str) -> None:
        document = page._document
        if document is None:
            return
        summary = document.summary
        choices = [{"label": tr("Whole item: %1").replace("%1", summary.title),
                    "subject_type": "disclosure", "subject_id": summary.id, "line": None}]
        for index, line in enumerate(document.ledger):
            amount = int(line.get("amount_fen") or 0) / 100
            choices.append({"label": f"{line.get('date', '')} {line.get('item', '')} "
                                     f"{amount:,.2f}", "subject_type": "disclosure",
                            "subject_id": summary.id, "line": index})
        page.navigate_requested.emit("feedback", {
            "kind": kind, "kinds": ["question", "objection"], "subject_type": "disclosure",
            "subject_id": summary.id, "about": summary.title,
            "choices": choices if len(choices) > 1 else []})

    question = big_button(tr("I have a question"))
    question.clicked.connect(lambda: open_feedback("question"))
    objection = big_button(tr("I object"))
    objection.clicked.connect(lambda: open_feedback("objection"))
    return [question, objection]


class AnsweredLabel(QLabel):
    """"N questions on this item have been answered"; the page calls `refresh(item_id)`."""

    def __init__(self, page: Any):
        super().__init__("")
        self.setObjectName("hint")
        self.page = page

    def refresh(self, item_id: str) -> None:
        self.setText("")
        self.page.tasks.run(lambda: self.page.services.voice.answered_count(item_id),
                            self._show)

    def _show(self, count: int) -> None:
        self.setText(tr("%1 question(s) on this item answered").replace("%1", str(count))
                     if count else "")


def case_buttons(page: Any, progress: Any) -> QWidget:
    """Under a case on the progress page: rate it now, or print the paper 评价表."""
    row_widget = QWidget()
    row = QHBoxLayout(row_widget)
    row.setContentsMargins(0, 0, 0, 0)
    rate = big_button(tr("Rate this case"))
    rate.clicked.connect(lambda: page.navigate_requested.emit("rate", {
        "receipt_code": progress.receipt_code, "about": progress.service_name,
        "next": "progress"}))
    form = big_button(tr("Print a paper rating form"))
    message = text_label("", role="hint")
    form.clicked.connect(lambda: page.tasks.run(
        lambda: page.services.voice.print_evaluation_form(progress.receipt_code_display,
                                                          progress.service_name),
        lambda _job: message.setText(tr("Please take the form from the printer.")),
        lambda _error: message.setText(tr("The printer is not ready; ask the clerk."))))
    row.addWidget(rate)
    row.addWidget(form)
    row.addWidget(message, 1)
    return row_widget


def reply_button(page: Any) -> QPushButton:
    button = big_button(tr("Answers to my questions"))
    button.clicked.connect(lambda: page.navigate_requested.emit("feedback-reply", None))
    return button


def subsidy_buttons(page: Any) -> QWidget:
    """On the lookup result: a question or complaint about a payment, and the policy list."""
    row_widget = QWidget()
    row = QHBoxLayout(row_widget)
    row.setContentsMargins(0, 0, 0, 0)
    complain = big_button(tr("A question about a payment"))
    complain.clicked.connect(lambda: _open_payment_feedback(page))
    why = big_button(tr("Why don't I get this subsidy?"))
    why.clicked.connect(lambda: page.navigate_requested.emit("policies", None))
    row.addWidget(complain)
    row.addWidget(why)
    return row_widget


def _open_payment_feedback(page: Any) -> None:
    """The 意见箱 about the holder's payments, or a subsidy they expected and did not get
    (every policy item with no payment in the result): payments first, newest first."""
    result = getattr(page, "_result", None)
    payments = list(getattr(result, "payments", []) or [])[:30]
    held = {p.item_code for p in getattr(result, "payments", []) or []}
    choices: list[dict[str, Any]] = [
        {"label": f"{p.period_label} {p.item_name} {p.amount_fen / 100:,.2f}"
                  f" {p.status_text()}", "subject_type": "payment",
         "subject_id": p.payment_id, "line": None} for p in payments]

    def open_with(policies: list[dict[str, Any]]) -> None:
        missing = [{"label": tr("Not received: %1").replace("%1", str(p.get("item_name"))),
                    "subject_type": "subsidy", "subject_id": p.get("item_code"), "line": None}
                   for p in policies if p.get("item_code") not in held]
        every = choices + missing
        if not every:  # no payment and no policy list yet: a general complaint
            every = [{"label": tr("A payment I expected is missing"),
                      "subject_type": "general", "subject_id": None, "line": None}]
        page.navigate_requested.emit("feedback", {
            "kind": "complaint", "kinds": ["complaint", "question"],
            "subject_type": every[0]["subject_type"], "subject_id": every[0]["subject_id"],
            "about": every[0]["label"], "choices": every})

    page.tasks.run(lambda: page.services.voice.policy_list(), open_with,
                   lambda _error: open_with([]))

"""意见箱 on screen: a question or objection on a disclosure, a complaint about a payment.

Argument (from the page that opens it): `kind` (question, objection, complaint), `kinds` (the
ones to offer), `subject_type`, `subject_id`, `about` (words for the subject) and optional
`choices` (ledger lines, payments, or subsidies expected but missing: each a dict with `label`,
`subject_type`, `subject_id`, `line`). The villager types a short text on the Pinyin keyboard
or just touches common reasons, may leave a phone (number pad) or stay anonymous, and gets a
ticket code on screen and on a printed slip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.voice_pages.common import PhoneEntry, ToggleGrid, refusal_words, scrolled
from kiosk.ui.widgets import big_button, text_label

FORM, PHONE, DONE = range(3)


class FeedbackPage(Page):
    page_id = "feedback"
    idle_kind = "form"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.subject: dict[str, Any] = {}
        self.phone = ""
        self.views = QStackedWidget()
        self.views.addWidget(self._form_view())
        self.phone_entry = PhoneEntry()
        self.phone_entry.finished.connect(self._on_phone)
        self.views.addWidget(self.phone_entry)
        self.views.addWidget(self._done_view())
        self.layout_.addWidget(self.views, 1)
        self.wipe()

    def title_text(self) -> str:
        return self.tr("Questions and objections")

    def kind_words(self) -> dict[str, str]:
        return {"question": self.tr("I have a question"),
                "objection": self.tr("I object"), "complaint": self.tr("Complaint")}

    def reason_words(self) -> dict[str, str]:
        return {"amount_unclear": self.tr("Amount unclear"),
                "item_unclear": self.tr("Item unclear"), "not_received": self.tr("Not received"),
                "amount_wrong": self.tr("Amount wrong"), "wrong_person": self.tr("Wrong person"),
                "late": self.tr("Paid late"), "other": self.tr("Other")}

    def _form_view(self) -> QWidget:
        view = QWidget()
        row = QHBoxLayout(view)
        row.setContentsMargins(0, 0, 0, 0)
        self.choices = QListWidget()
        self.choices.setObjectName("feedbackChoices")
        self.choices.setAccessibleName(self.tr("What it is about"))
        self.choices.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.choices.setWordWrap(True)
        self.choices.currentRowChanged.connect(self._on_choice)
        row.addWidget(self.choices, 2)
        right = QVBoxLayout()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        self.about = text_label("", role="instruction")
        column.addWidget(self.about)
        self.kinds = ToggleGrid(self.kind_words(), 3, exclusive=True)
        column.addWidget(self.kinds)
        column.addWidget(text_label(self.tr("Touch a reason, or type a few words:"),
                                    role="fieldLabel"))
        self.reasons = ToggleGrid(self.reason_words(), 3)
        column.addWidget(self.reasons)
        self.text = QLineEdit()
        self.text.setObjectName("fieldInput")
        self.text.setMaxLength(1000)
        self.text.setPlaceholderText(self.tr("Type here (Pinyin keyboard)"))
        self.text.setAccessibleName(self.tr("Your words"))
        column.addWidget(self.text)
        self.problem = text_label("", role="error")
        column.addWidget(self.problem)
        column.addStretch(1)
        right.addWidget(scrolled(content), 1)
        options = QHBoxLayout()
        self.phone_button = big_button(self.tr("Call me back"))
        self.phone_button.clicked.connect(self._ask_phone)
        self.anonymous = big_button(self.tr("Anonymous"), name="choice")
        self.anonymous.setCheckable(True)
        self.anonymous.toggled.connect(self._on_anonymous)
        self.submit = big_button(self.tr("Submit"), primary=True)
        self.submit.clicked.connect(self._submit)
        options.addWidget(self.phone_button)
        options.addWidget(self.anonymous)
        options.addStretch(1)
        options.addWidget(self.submit)
        right.addLayout(options)
        row.addLayout(right, 5)
        return view

    def _done_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        self.received = text_label("", role="instruction")
        column.addWidget(self.received)
        column.addWidget(text_label(self.tr("Your ticket code"), role="hint"))
        self.code = text_label("", role="receiptCode")
        column.addWidget(self.code)
        self.printed = text_label("", role="hint")
        column.addWidget(self.printed)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        done = big_button(self.tr("Finish"), primary=True)
        done.clicked.connect(lambda: self.navigate_requested.emit("home", None))
        row.addWidget(done)
        column.addLayout(row)
        return view

    # --- flow -------------------------------------------------------------------------
    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, dict):
            self.wipe()
            self.show_subject(argument)

    def show_subject(self, subject: dict[str, Any]) -> None:
        self.subject = dict(subject)
        kinds = list(subject.get("kinds") or self.kind_words())
        for code, button in self.kinds.buttons.items():
            button.setVisible(code in kinds)
        self.kinds.set_chosen([str(subject.get("kind") or kinds[0])])
        self._show_about()
        self.choices.clear()
        for choice in subject.get("choices") or []:
            item = QListWidgetItem(str(choice["label"]))
            item.setData(Qt.ItemDataRole.UserRole, choice)
            self.choices.addItem(item)
        self.choices.setVisible(self.choices.count() > 0)

    def _show_about(self) -> None:
        about = str(self.subject.get("about") or self.tr("A general question"))
        self.about.setText(self.tr("About: %1").replace("%1", about))

    def _on_choice(self, row: int) -> None:
        if not 0 <= row < self.choices.count():
            return
        choice = self.choices.item(row).data(Qt.ItemDataRole.UserRole)
        self.subject.update({k: choice.get(k) for k in ("subject_type", "subject_id", "line")})
        self.subject["about"] = choice["label"]
        self._show_about()

    def _ask_phone(self) -> None:
        self.phone_entry.start(self.phone)
        self.views.setCurrentIndex(PHONE)

    def _on_phone(self, number: str) -> None:
        self.phone = number
        if number:
            self.anonymous.setChecked(False)
        self.phone_button.setText(self.tr("Call me back: %1").replace(
            "%1", number[:3] + "****" + number[-4:]) if number else self.tr("Call me back"))
        self.views.setCurrentIndex(FORM)

    def _on_anonymous(self, on: bool) -> None:
        if on and self.phone:
            self._on_phone("")

    def _submit(self) -> None:
        subject = dict(self.subject)
        kind = (self.kinds.chosen() or ["question"])[0]
        reasons, text = self.reasons.chosen(), self.text.text()
        phone, anonymous = self.phone or None, self.anonymous.isChecked()
        line = subject.get("line")
        self.tasks.run(lambda: self.services.voice.submit_feedback(
            kind, str(subject.get("subject_type") or "general"), subject.get("subject_id"),
            subject_words=str(subject.get("about") or ""),
            line=int(line) if line is not None else None, reasons=reasons, text=text,
            phone=phone, anonymous=anonymous), self._on_submitted, self._on_refused)

    def _on_submitted(self, result: tuple[Any, bool]) -> None:
        ticket, printed = result
        self.received.setText(self.tr("We have your words. The village will answer; with this "
                                      "code you can read the answer here later."))
        self.code.setText(ticket.display)
        self.code.setAccessibleName(" ".join(ticket.display))
        self.printed.setText(self.tr("Please take the slip from the printer.") if printed else
                             self.tr("The slip could not be printed: please write the code "
                                     "down."))
        self.views.setCurrentIndex(DONE)

    def _on_refused(self, error: Exception) -> None:
        self.problem.setText("⚠ " + refusal_words(error))

    def wipe(self) -> None:
        self.subject = {}
        self.phone = ""
        self.reasons.clear()
        self.text.clear()
        self.anonymous.setChecked(False)
        self.phone_entry.clear()
        self.phone_button.setText(self.tr("Call me back"))
        for label in (self.problem, self.received, self.code, self.printed):
            label.setText("")
        self.choices.clear()
        self.choices.setVisible(False)
        for button in self.kinds.buttons.values():
            button.setVisible(True)
        self.kinds.set_chosen(["question"])
        self._show_about()
        self.views.setCurrentIndex(FORM)

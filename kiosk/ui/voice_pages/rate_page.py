"""好差评 after a visit or for a case: five faces, one touch for a good rating.

A face of 3 to 5 is the whole rating: it is stored at once, thanks are shown and the page moves
on by itself, so the next villager never meets it. A face of 2 or 1 asks for the reasons (big
toggles) and offers a comment and a call-back phone; face, reason and 提交 make three touches.
"Skip" leaves in one touch. The idle reset wipes whatever was chosen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.voice_pages.common import (
    FaceButton,
    PhoneEntry,
    ToggleGrid,
    refusal_words,
    scrolled,
)
from kiosk.ui.widgets import big_button, text_label

LEAVE_AFTER_MS = 4000
FACES, REASONS, PHONE, THANKS = range(4)


class RatePage(Page):
    page_id = "rate"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.subject: dict[str, Any] = {}
        self.rating = 0
        self.phone = ""
        self.views = QStackedWidget()
        self.views.addWidget(self._faces_view())
        self.views.addWidget(self._reasons_view())
        self.phone_entry = PhoneEntry()
        self.phone_entry.finished.connect(self._on_phone)
        self.views.addWidget(self.phone_entry)
        self.views.addWidget(self._thanks_view())
        self.layout_.addWidget(self.views, 1)
        self.leave_timer = QTimer(self)
        self.leave_timer.setSingleShot(True)
        self.leave_timer.timeout.connect(self._leave)

    def title_text(self) -> str:
        return self.tr("How was our service today?")

    def rating_words(self) -> dict[int, str]:
        return {5: self.tr("Very satisfied"), 4: self.tr("Satisfied"),
                3: self.tr("Basically satisfied"), 2: self.tr("Dissatisfied"),
                1: self.tr("Very dissatisfied")}

    def reason_words(self) -> dict[str, str]:
        return {"slow": self.tr("Too slow"), "unclear_guidance": self.tr("Guidance unclear"),
                "repeated_visits": self.tr("Had to come again"),
                "attitude": self.tr("Poor attitude"), "not_handled": self.tr("Not solved"),
                "device_problem": self.tr("Machine problem"), "other": self.tr("Other")}

    # --- views ------------------------------------------------------------------------
    def _faces_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        self.about = text_label("", role="hint")
        column.addWidget(self.about)
        column.addWidget(text_label(self.tr(  # read aloud in 长辈版, with the faces' words
            "Touch one face: very satisfied, satisfied, basically satisfied, dissatisfied or "
            "very dissatisfied. Rating is voluntary: no name, no ID number.")))
        row = QHBoxLayout()
        row.setSpacing(16)
        self.face_buttons = {}
        for rating, words in self.rating_words().items():
            button = FaceButton(rating, words)
            button.clicked.connect(lambda _=False, r=rating: self.choose(r))
            self.face_buttons[rating] = button
            row.addWidget(button, 1)
        column.addLayout(row, 3)
        self.faces_problem = text_label("", role="error")
        column.addWidget(self.faces_problem)
        column.addStretch(1)
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip = big_button(self.tr("Skip, do not rate"))
        skip.clicked.connect(self._leave)
        skip_row.addWidget(skip)
        column.addLayout(skip_row)
        return view

    def _reasons_view(self) -> QWidget:
        view = QWidget()
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        self.sorry = text_label("", role="instruction")
        column.addWidget(self.sorry)
        self.reasons = ToggleGrid(self.reason_words(), 4)
        column.addWidget(self.reasons)
        self.comment = QLineEdit()
        self.comment.setObjectName("fieldInput")
        self.comment.setMaxLength(500)
        self.comment.setPlaceholderText(self.tr("A few words (optional)"))
        self.comment.setAccessibleName(self.tr("Comment"))
        column.addWidget(self.comment)
        self.problem = text_label("", role="error")
        self.reasons.changed.connect(lambda: self.problem.setText(""))
        column.addWidget(self.problem)
        column.addStretch(1)
        outer.addWidget(scrolled(content), 1)
        row = QHBoxLayout()
        self.phone_button = big_button(self.tr("Call me back"))
        self.phone_button.clicked.connect(self._ask_phone)
        row.addWidget(self.phone_button)
        row.addStretch(1)
        self.submit = big_button(self.tr("Submit rating"), primary=True)
        self.submit.clicked.connect(self._submit)
        row.addWidget(self.submit)
        outer.addLayout(row)
        return view

    def _thanks_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        self.thanks = text_label("", role="result")
        column.addWidget(self.thanks)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        done = big_button(self.tr("Finish"), primary=True)
        done.clicked.connect(self._leave)
        row.addWidget(done)
        column.addLayout(row)
        return view

    # --- flow -------------------------------------------------------------------------
    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, dict):
            self.wipe()
            self.subject = dict(argument)
        about = self.subject.get("about") or ""
        self.about.setText(self.tr("About: %1").replace("%1", str(about)) if about else "")
        self.about.setVisible(bool(about))

    def choose(self, rating: int) -> None:
        self.rating = rating
        if rating >= 3:
            self._send([], "")
            return
        self.sorry.setText(self.tr("Sorry. What went wrong? Choose one or more reasons, "
                                   "then Submit."))
        self.views.setCurrentIndex(REASONS)

    def _ask_phone(self) -> None:
        self.phone_entry.start(self.phone)
        self.views.setCurrentIndex(PHONE)

    def _on_phone(self, number: str) -> None:
        self.phone = number
        self.phone_button.setText(self.tr("Call me back: %1").replace("%1", _masked(number))
                                  if number else self.tr("Call me back"))
        self.views.setCurrentIndex(REASONS)

    def _submit(self) -> None:
        self._send(self.reasons.chosen(), self.comment.text())

    def _send(self, reasons: list[str], comment: str) -> None:
        rating, phone, subject = self.rating, self.phone or None, dict(self.subject)
        self.tasks.run(lambda: self.services.voice.rate(
            rating, reasons, comment, phone, receipt_code=subject.get("receipt_code"),
            service_id=subject.get("service_id"), clerk_id=subject.get("clerk_id")),
            self._on_rated, self._on_refused)

    def _on_rated(self, _evaluation: Any) -> None:
        words = self.rating_words().get(self.rating, "")
        text = self.tr("Thank you! Your rating “%1” has been recorded.").replace("%1", words)
        if self.phone:
            text += "\n" + self.tr("We will call you back.")
        self.thanks.setText(text)
        self.views.setCurrentIndex(THANKS)
        self.leave_timer.start(LEAVE_AFTER_MS)

    def _on_refused(self, error: Exception) -> None:
        target = self.problem if self.views.currentIndex() == REASONS else self.faces_problem
        target.setText("⚠ " + refusal_words(error))

    def _leave(self) -> None:
        self.leave_timer.stop()
        after = str(self.subject.get("next") or "home")
        if self.isVisible():
            self.navigate_requested.emit(after, None)
        self.wipe()

    def wipe(self) -> None:
        self.leave_timer.stop()
        self.subject = {}
        self.rating = 0
        self.phone = ""
        self.reasons.clear()
        self.comment.clear()
        self.phone_entry.clear()
        self.phone_button.setText(self.tr("Call me back"))
        for label in (self.problem, self.faces_problem, self.thanks, self.sorry, self.about):
            label.setText("")
        self.views.setCurrentIndex(FACES)


def _masked(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) == 11 else number

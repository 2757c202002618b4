"""Replies by ticket code (查意见答复): the code typed on the same pad as receipt codes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.progress_page import CodePad
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.voice_pages.common import refusal_words
from kiosk.ui.widgets import big_button, text_label


class ReplyPage(Page):
    page_id = "feedback-reply"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.views = QStackedWidget()
        self.views.addWidget(self._ask_view())
        self.views.addWidget(self._answer_view())
        self.layout_.addWidget(self.views, 1)

    def title_text(self) -> str:
        return self.tr("Answers to your questions")

    def status_words(self, status: str) -> str:
        return {"waiting": self.tr("Waiting to be sent (sent automatically when online)"),
                "sent": self.tr("Sent; waiting for an answer"),
                "send_problem": self.tr("Could not be sent; the clerk will handle it"),
                "received": self.tr("Received; waiting for an answer"),
                "in_progress": self.tr("Being handled"), "answered": self.tr("Answered"),
                "closed": self.tr("Closed")}.get(status, status)

    def _ask_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(text_label(self.tr("Type the code printed on your slip.")))
        row = QHBoxLayout()
        self.entry = QLineEdit()
        self.entry.setObjectName("codeInput")
        self.entry.setMaxLength(40)
        self.entry.setAccessibleName(self.tr("Ticket code"))
        self.entry.returnPressed.connect(self._on_search)
        row.addWidget(self.entry, 1)
        search = big_button(self.tr("Search"), primary=True)
        search.clicked.connect(self._on_search)
        row.addWidget(search)
        column.addLayout(row)
        self.problem = text_label("", role="error")
        self.problem.hide()  # an empty line would push the pad under the footer in 长辈版
        column.addWidget(self.problem)
        column.addWidget(CodePad(self.entry, self._on_search), 1)
        return view

    def _answer_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = text_label("", role="cardTitle")
        column.addWidget(self.heading)
        self.status = text_label("", role="receiptStatus")
        column.addWidget(self.status)
        self.asked = text_label("", role="instruction")
        column.addWidget(self.asked)
        self.reply = text_label("", role="result")
        column.addWidget(self.reply)
        column.addStretch(1)
        again = big_button(self.tr("Look up another"))
        again.clicked.connect(self.wipe)
        column.addWidget(again)
        return view

    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, str):
            self.entry.setText(argument)
            self._on_search()

    def _on_search(self) -> None:
        code = self.entry.text()
        if code.strip():
            self.tasks.run(lambda: self.services.voice.ticket(code), self.show_entry,
                           self._on_refused)

    def _on_refused(self, error: Exception) -> None:
        self.problem.setText("⚠ " + refusal_words(error))
        self.problem.show()

    def show_entry(self, entry: dict[str, Any]) -> None:
        self.heading.setText(f"{entry['kind_words']} · {entry['ticket']}")
        self.status.setText(self.tr("Now: %1").replace("%1", self.status_words(entry["status"])))
        self.asked.setText(entry["text"] or "")
        self.asked.setVisible(bool(entry["text"]))
        if entry["reply"]:
            self.reply.setText(self.tr("Answer from %1: %2").replace(
                "%1", str(entry["replied_by"] or "")).replace("%2", str(entry["reply"])))
        else:
            self.reply.setText(self.tr("No answer yet. Please look again in a few days."))
        self.views.setCurrentIndex(1)

    def wipe(self) -> None:
        self.entry.clear()
        for label in (self.problem, self.heading, self.status, self.asked, self.reply):
            label.setText("")
        self.problem.hide()
        self.views.setCurrentIndex(0)

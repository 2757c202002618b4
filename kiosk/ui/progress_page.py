"""Progress lookup (办件查询): type the receipt code, scan its QR code, or give the ID number.

The code is typed on a pad of the 32 characters a code can hold (a scanner acting as a
keyboard types into the same box and ends with Enter). The answer is a timeline in plain words
with what to do next; a mistyped code says so instead of showing nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.progress import BadReceiptCode, Progress
from kiosk.services.receipt_codes import ALPHABET
from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label

PAD_COLUMNS = 12  # three rows: the pad fits under the entry at 1366x768 in 长辈版 too


class CodePad(QWidget):
    """Every character a receipt code can hold, plus delete and search."""

    def __init__(self, entry: QLineEdit, on_search: Any, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(8)
        keys = [*ALPHABET, "⌫", "✔"]
        for index, key in enumerate(keys):
            button = big_button(key, name="padKey")
            if key == "⌫":
                button.setAccessibleName(self.tr("Delete"))
                button.clicked.connect(entry.backspace)
            elif key == "✔":
                button.setAccessibleName(self.tr("Search"))
                button.clicked.connect(on_search)
            else:
                button.clicked.connect(lambda _=False, k=key: entry.insert(k))
            grid.addWidget(button, index // PAD_COLUMNS, index % PAD_COLUMNS)


class ProgressPage(Page):
    page_id = "progress"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.views = QStackedWidget()
        self.views.addWidget(self._ask_view())
        self.views.addWidget(self._answer_view())
        self.layout_.addWidget(self.views, 1)

    def title_text(self) -> str:
        return self.tr("Check progress")

    def status_words(self, status: str) -> str:
        words = {
            "submitted": self.tr("Submitted at this terminal"),
            "waiting": self.tr("Waiting to be sent (sent automatically when online)"),
            "sent": self.tr("Sent to the province"),
            "send_problem": self.tr("Could not be sent; the clerk will handle it"),
            "received": self.tr("Received"),
            "accepted": self.tr("Accepted"),
            "needs_materials": self.tr("More materials needed"),
            "in_review": self.tr("Being reviewed"),
            "approved": self.tr("Approved"),
            "rejected": self.tr("Not approved"),
            "completed": self.tr("Completed"),
            "withdrawn": self.tr("Withdrawn"),
        }
        return words.get(status, status)

    def _ask_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(text_label(self.tr(
            "Type the receipt code printed on your receipt, or hold the receipt's QR code "
            "under the scanner.")))
        row = QHBoxLayout()
        self.entry = QLineEdit()
        self.entry.setObjectName("codeInput")
        self.entry.setMaxLength(40)
        self.entry.returnPressed.connect(self._on_search)
        row.addWidget(self.entry, 1)
        search = big_button(self.tr("Search"), primary=True)
        search.clicked.connect(self._on_search)
        row.addWidget(search)
        from kiosk.ui.voice_pages.hooks import reply_button

        row.addWidget(reply_button(self))
        column.addLayout(row)
        self.problem = text_label("", role="error")
        self.problem.hide()
        column.addWidget(self.problem)
        column.addWidget(CodePad(self.entry, self._on_search), 1)
        return view

    def _answer_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        body.setObjectName("wizardContent")
        self.answer = QVBoxLayout(body)
        self.answer.setSpacing(12)
        scroll.setWidget(body)
        column.addWidget(scroll, 1)
        again = big_button(self.tr("Look up another"))
        again.clicked.connect(self.wipe)
        column.addWidget(again)
        return view

    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, str):
            self.entry.setText(argument)
            self._on_search()
        elif argument is None and self.views.currentIndex() == 0:
            self.entry.setFocus()

    def _on_search(self) -> None:
        code = self.entry.text()
        if not code.strip():
            return
        self.tasks.run(lambda: self.services.progress.by_code(code), self.show_progress,
                       self._on_failed)

    def attach_card_bridge(self, bridge: Any) -> None:
        """A card read while this page shows: look up the holder's applications by ID."""
        bridge.card_read.connect(self._on_card_read)
        bridge.card_removed.connect(lambda _reader: self.wipe() if self.isVisible() else None)

    def _on_card_read(self, card: Any) -> None:
        if not self.isVisible():
            return
        id_number = getattr(card, "id_number", None)
        if not id_number:
            self.problem.setText(self.tr("This card does not carry an ID number. Please type "
                                         "your receipt code instead."))
            self.problem.show()
            return
        self.search_by_id_number(str(id_number))

    def search_by_id_number(self, id_number: str) -> None:
        """From a card read: every application of that person made here."""
        self.tasks.run(lambda: self.services.progress.by_id_number(id_number),
                       self.show_progress_list)

    def _on_failed(self, error: Exception) -> None:
        if isinstance(error, BadReceiptCode):
            self._say(self.tr("This code is not right. Please check each character and try "
                              "again."))
        else:
            self._say(self.tr("The lookup failed. Please ask the clerk."))

    def _say(self, text: str) -> None:
        self.problem.setText("⚠ " + text)
        self.problem.show()

    def show_progress_list(self, found: list[Progress]) -> None:
        if not found:
            self._say(self.tr("No application of yours was made at this terminal."))
            return
        self._clear_answer()
        for progress in found:
            self._add_progress(progress)
        self.answer.addStretch(1)
        self.views.setCurrentIndex(1)

    def show_progress(self, progress: Progress | None) -> None:
        if progress is None:
            self._say(self.tr("No application with this code was made at this terminal. "
                              "Ask the clerk if it was made elsewhere."))
            return
        self.show_progress_list([progress])

    def _add_progress(self, progress: Progress) -> None:
        self.answer.addWidget(text_label(f"{progress.service_name} · "
                                         f"{progress.receipt_code_display}", role="cardTitle"))
        self.answer.addWidget(text_label(
            self.tr("Now: %1").replace("%1", self.status_words(progress.status)),
            role="receiptStatus"))
        for step in progress.steps:
            when = step.at.replace("T", " ").replace("Z", "")[:16] if step.at else ""
            line = f"● {when}  {self.status_words(step.status)}"
            if step.note:
                line += f" — {step.note}"
            self.answer.addWidget(text_label(line, role="instruction"))
        if progress.next_step:
            self.answer.addWidget(text_label(self.tr("What to do next: %1")
                                             .replace("%1", progress.next_step),
                                             role="fieldLabel"))
        if progress.pickup:
            self.answer.addWidget(text_label(self.tr("Pick up: %1").replace("%1",
                                                                           progress.pickup)))
        from kiosk.ui.voice_pages.hooks import case_buttons

        self.answer.addWidget(case_buttons(self, progress))

    def _clear_answer(self) -> None:
        while self.answer.count():
            item = self.answer.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def wipe(self) -> None:
        self.entry.clear()
        self.problem.hide()
        self._clear_answer()
        self.views.setCurrentIndex(0)

"""After submit: the receipt code in large letters, what to bring, and the printed receipt.

The receipt was queued for printing in the submission's own transaction; this page asks the
print service to send it and says in words when the printer is waiting (no paper, off).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.services.applications import Submission
from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label


class ReceiptPage(Page):
    page_id = "receipt"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        # What was submitted scrolls (a long list of materials to bring must never squeeze
        # the receipt code out of sight in 长辈版 on a small screen); the buttons stay put.
        content = QWidget()
        content.setObjectName("wizardContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.layout_.spacing())
        self.done = text_label("", role="instruction")
        column.addWidget(self.done)
        column.addWidget(text_label(self.tr("Your receipt code"), role="hint"))
        self.code = text_label("", role="receiptCode")
        column.addWidget(self.code)
        self.explain = text_label(self.tr(
            "Keep the printed receipt. With this code you can see how your application is "
            "going: Government services → Check progress."))
        column.addWidget(self.explain)
        self.bring_title = text_label(self.tr("Please still bring these originals to the "
                                              "village service centre:"), role="fieldLabel")
        column.addWidget(self.bring_title)
        self.bring = text_label("", role="instruction")
        column.addWidget(self.bring)
        self.printing = text_label("", role="hint")
        column.addWidget(self.printing)
        column.addStretch(1)
        scroller = QScrollArea()
        scroller.setObjectName("wizardScroll")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(content)
        self.layout_.addWidget(scroller, 1)
        row = QHBoxLayout()
        progress = big_button(self.tr("Check progress"))
        progress.clicked.connect(lambda: self.navigate_requested.emit("progress", None))
        finish = big_button(self.tr("Finish"), primary=True)
        finish.clicked.connect(lambda: self.navigate_requested.emit("home", None))
        row.addWidget(progress)
        row.addStretch(1)
        row.addWidget(finish)
        self.layout_.addLayout(row)
        self.submission: Submission | None = None

    def title_text(self) -> str:
        return self.tr("Application submitted")

    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, Submission):
            self.show_submission(argument)
            self.printing.setText(self.tr("Printing your receipt…"))
            self.tasks.run(lambda: self.services.applications.print_receipts(), self._on_printed,
                           lambda _error: self._on_printed(""))
        elif self.submission is None:
            self.navigate_requested.emit("home", None)

    def show_submission(self, submission: Submission) -> None:
        self.submission = submission
        self.done.setText(self.tr("Your application for “%1” has been received by this "
                                  "terminal.").replace("%1", submission.service_name))
        self.code.setText(submission.receipt_code_display)
        self.code.setAccessibleName(" ".join(submission.receipt_code_display))
        self.bring.setText("\n".join(f"☐ {m}" for m in submission.materials_to_bring))
        self.bring_title.setVisible(bool(submission.materials_to_bring))
        self.bring.setVisible(bool(submission.materials_to_bring))

    def _on_printed(self, message: str) -> None:
        if self.submission is None:
            return
        if not self.submission.receipt_queued:
            self.printing.setText(self.tr("No receipt printer here: please write the code "
                                          "down."))
        elif message:
            self.printing.setText(message)
        else:
            self.printing.setText(self.tr("Please take your receipt from the printer."))

    def wipe(self) -> None:
        self.submission = None
        for label in (self.done, self.code, self.bring, self.printing):
            label.setText("")

"""One disclosure: its text, tables, ledger lines and attachments (images shown in place).

The page receives only a verified `Document` from the service; an item whose signature fails
never reaches it (the service refuses), and the page then says so in words. Pictures are decoded
and scaled on the "images" worker (`kiosk.ui.background`), never while the page is built: a
large photo of a notice board takes tens of milliseconds to decode, which the UI thread cannot
spend; a placeholder says the picture is coming.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.disclosures import Document
from kiosk.services.registry import Services
from kiosk.ui.background import runner
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label

PICTURE_WIDTH = 800


def decode_picture(content: bytes, width: int = PICTURE_WIDTH) -> QImage:
    """Decode and scale one picture; runs on the images worker (QImage, unlike QPixmap, may be
    used off the UI thread). Bytes that do not decode give a null image."""
    image = QImage.fromData(content)
    if image.isNull():
        return image
    return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


def table_widget(columns: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()
                 ) -> QTableWidget:
    """A read-only table that shows all its rows (the page scrolls, not the table)."""
    table = QTableWidget(len(rows), len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(True)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(str(text))
            if c in numeric:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, cell)
    table.resizeRowsToContents()
    height = table.horizontalHeader().sizeHint().height() + 4
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(height)
    return table


class DisclosureDocumentPage(Page):
    page_id = "disclosure-document"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self._document: Document | None = None
        self._images = runner("images", self)
        self._shown = 0  # which document the pictures being decoded belong to
        self.meta = text_label("", role="hint")
        self.layout_.addWidget(self.meta)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.layout_.addWidget(self.scroller, 1)
        actions = QHBoxLayout()
        self.print_button = big_button(self.tr("Print this document"))
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_message = text_label("", role="hint")
        actions.addWidget(self.print_button)
        actions.addWidget(self.print_message, 1)
        from kiosk.ui.voice_pages.hooks import AnsweredLabel, disclosure_buttons

        self.answered = AnsweredLabel(self)
        actions.addWidget(self.answered)
        for button in disclosure_buttons(self):
            actions.addWidget(button)
        self.layout_.addLayout(actions)
        self._clear_content()

    def title_text(self) -> str:
        return self.tr("Disclosure")

    def on_enter(self, argument: Any = None) -> None:
        if argument is None:
            if self._document is not None:
                return
            self.tasks.run(lambda: self.services.disclosures.browse(limit=1), self._open_first)
            return
        item_id = str(argument)
        self.tasks.run(lambda: self.services.disclosures.show(item_id), self.show_document,
                       self._on_unavailable)

    def _open_first(self, items: list[Any]) -> None:
        if items:
            self.on_enter(items[0].id)

    def _on_unavailable(self, error: Exception) -> None:
        self._clear_content()
        self.title.setText(self.tr("Disclosure"))
        self.meta.setText(self.tr("This item cannot be shown: it is missing or its signature "
                                  "does not verify. The administrator has been told."))
        self.print_button.setVisible(False)

    def _on_print_clicked(self) -> None:
        if self._document is None:
            return
        item_id = self._document.summary.id
        self.print_message.setText(self.tr("Printing…"))
        self.tasks.run(lambda: self.services.disclosures.print_document(item_id),
                       lambda _job: self.print_message.setText(
                           self.tr("Sent to the printer. Please take your paper.")),
                       lambda error: self.print_message.setText(str(error)))

    def _clear_content(self) -> QVBoxLayout:
        content = QWidget()
        content.setObjectName("page")
        layout = QVBoxLayout(content)
        layout.setSpacing(16)
        self.scroller.setWidget(content)
        self.content_layout = layout
        return layout

    def _picture(self, content: bytes, filename: str) -> QLabel:
        """A placeholder now; the picture when the images worker has decoded it."""
        picture = text_label(self.tr("Loading picture %1…").replace("%1", filename), role="hint")
        picture.setObjectName("picture")
        shown = self._shown

        def show(image: QImage) -> None:
            if shown != self._shown:
                return  # another document (or none) is on screen now
            if image.isNull():
                picture.setText(self.tr("Attachment %1: ask the clerk to print it.")
                                .replace("%1", filename))
                return
            picture.setText("")
            picture.setPixmap(QPixmap.fromImage(image))

        self._images.run(lambda: decode_picture(content), show,
                         lambda _error: show(QImage()))
        return picture

    def show_document(self, document: Document) -> None:
        self._document = document
        self._shown += 1
        s = document.summary
        self.title.setText(s.title)
        self.meta.setText(f"{s.publisher} · {s.published_at[:10]} · {s.category} · {s.period}")
        self.print_button.setVisible(True)
        self.print_message.setText("")
        self.answered.refresh(s.id)
        layout = self._clear_content()
        body = text_label(document.body, role="instruction")
        body.setObjectName("documentBody")
        layout.addWidget(body)
        for table in document.tables:
            if table.get("title"):
                layout.addWidget(text_label(str(table["title"]), role="instruction"))
            layout.addWidget(table_widget([str(c) for c in table.get("columns") or []],
                                          [[str(c) for c in r] for r in table.get("rows") or []]))
        if document.ledger:
            direction = {"income": self.tr("Income"), "expense": self.tr("Expense")}
            rows = [[str(x.get("date", "")), str(x.get("item", "")),
                     direction.get(str(x.get("direction")), ""),
                     f"{int(x['amount_fen']) / 100:,.2f}", str(x.get("handler", "")),
                     str(x.get("voucher_no", ""))] for x in document.ledger]
            layout.addWidget(table_widget(
                [self.tr("Date"), self.tr("Item"), self.tr("In/out"), self.tr("Amount (yuan)"),
                 self.tr("Handled by"), self.tr("Voucher")], rows, numeric=(3,)))
        for attachment in document.attachments:
            if attachment.is_image and attachment.content is not None:
                # the bytes that were just re-hashed, not the file again
                layout.addWidget(self._picture(attachment.content, attachment.filename))
            else:
                note = (self.tr("Attachment %1: ask the clerk to print it.")
                        if attachment.path is not None else
                        self.tr("Attachment %1 has not been downloaded yet."))
                layout.addWidget(text_label(note.replace("%1", attachment.filename), role="hint"))
        layout.addStretch(1)

    def wipe(self) -> None:
        self._document = None
        self._shown += 1
        self._clear_content()
        self.meta.setText("")
        self.print_message.setText("")
        self.title.setText(self.title_text())

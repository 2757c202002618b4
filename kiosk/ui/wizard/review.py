"""The review page: every answer in words, grouped by step, each group with a "change" button."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from forms import ReviewItem
from kiosk.ui.widgets import big_button, text_label


class ReviewView(QWidget):
    edit_requested = Signal(str)  # page id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(20)

    def show_items(self, items: list[ReviewItem], page_titles: dict[str, str],
                   language: str) -> None:
        self.clear()
        self._layout.addWidget(text_label(self.tr(
            "Please check your answers. Touch “Change” to correct a step, then submit.")))
        pages: dict[str, list[ReviewItem]] = {}
        for item in items:
            pages.setdefault(item.page_id, []).append(item)
        for page_id, rows in pages.items():
            group = QWidget(self)
            group.setObjectName("reviewGroup")
            box = QVBoxLayout(group)
            head = QHBoxLayout()
            title = QLabel(page_titles.get(page_id, page_id))  # one line: no wrap formatting
            title.setObjectName("cardTitle")
            head.addWidget(title, 1)
            change = big_button(self.tr("Change"))
            change.setAccessibleName(self.tr("Change") + " " + page_titles.get(page_id, ""))
            change.clicked.connect(lambda _=False, p=page_id: self.edit_requested.emit(p))
            head.addWidget(change)
            box.addLayout(head)
            # one rich-text label per step: dozens of separate labels cost too much to lay out
            table = "".join(
                f"<tr><td style='padding-right:24px'>{escape(item.label.get(language))}</td>"
                f"<td><b>{escape(item.value(language) or '—')}</b></td></tr>" for item in rows)
            answers = QLabel()
            answers.setObjectName("answer")
            answers.setTextFormat(Qt.TextFormat.RichText)
            answers.setWordWrap(True)
            answers.setText(f"<table style='line-height:135%'>{table}</table>")
            box.addWidget(answers)
            self._layout.addWidget(group)
        self._layout.addStretch(1)

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

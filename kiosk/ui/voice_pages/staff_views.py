"""The clerk's 意见箱 list and the admin's 好差评 statistics, added to the staff page's stack.

The clerk sees each feedback's ticket, subject and status, never a name (the terminal keeps
none) and no phone for an anonymous one; shown phones are masked. The admin sees rating counts
per month and the share of bad ratings (2 and 1); nobody sees who rated what.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets import big_button, text_label


def tr(text: str) -> str:
    """lupdate files module-level `tr("…")` calls under the empty context: look them up there."""
    return QCoreApplication.translate("", text)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName("staffTable")
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(r, c, cell)
    table.resizeRowsToContents()


class FeedbackListView(QWidget):
    def __init__(self, back: Any, print_form: Any, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text_label(tr("Questions, objections and complaints from this "
                                       "terminal"), role="fieldLabel"))
        self.table = _table([tr("Ticket"), tr("Time"), tr("Kind"), tr("About"), tr("Status"),
                             tr("Call back")])
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        blank = big_button(tr("Print a blank rating form"))
        blank.clicked.connect(print_form)
        self.message = text_label("", role="hint")
        button = big_button(tr("Back to the workbench"))
        button.clicked.connect(back)
        row.addWidget(blank)
        row.addWidget(self.message, 1)
        row.addWidget(button)
        layout.addLayout(row)

    def show_entries(self, entries: list[dict[str, Any]]) -> None:
        rows = []
        for e in entries:
            subject = e["subject"]
            words = {"disclosure": tr("Disclosure"), "payment": tr("Payment"),
                     "subsidy": tr("Missing subsidy"), "general": tr("General")}
            about = words.get(subject["type"], subject["type"]) + (
                f" {subject['id']}" if subject["id"] else "")
            if subject.get("line") is not None:
                about += f" #{int(subject['line']) + 1}"
            phone = tr("anonymous") if e["anonymous"] else (e["contact_phone"] or "—")
            rows.append([e["ticket"], e["at"].replace("T", " ")[:16], e["kind_words"], about,
                         e["status_words"], phone])
        _fill(self.table, rows)


class RatingsView(QWidget):
    def __init__(self, back: Any, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text_label(tr("Ratings per month (5 very satisfied … 1 very "
                                       "dissatisfied)"), role="fieldLabel"))
        self.table = _table([tr("Month"), "5", "4", "3", "2", "1", tr("Total"),
                             tr("Bad share")])
        layout.addWidget(self.table, 1)
        button = big_button(tr("Back to the console"))
        button.clicked.connect(back)
        layout.addWidget(button)

    def show_months(self, months: list[dict[str, Any]]) -> None:
        _fill(self.table, [[m["month"], *(str(m["counts"][k]) for k in "54321"),
                            str(m["total"]), f"{m['bad_share'] * 100:.1f}%"] for m in months])


def install(page: Any) -> None:
    """Add both views to the staff page, a button to the workbench and one to the console."""
    def print_form() -> None:  # a 评价表 for a visit, for villagers who will not touch the screen
        page.tasks.run(lambda: page.services.voice.print_evaluation_form(),
                       lambda _job: feedback.message.setText(tr("Sent to the printer.")),
                       lambda error: feedback.message.setText(str(error)))

    feedback = FeedbackListView(lambda: page._show("workbench"), print_form)
    ratings = RatingsView(lambda: page._show("console"))
    for name, view in (("feedback", feedback), ("ratings", ratings)):
        page.views[name] = view
        page.stack.addWidget(view)

    def open_feedback() -> None:
        page._show("feedback")
        page.tasks.run(lambda: page.services.voice.staff_feedback(), feedback.show_entries)

    def open_ratings() -> None:
        page._show("ratings")
        page.tasks.run(lambda: page.services.voice.monthly_ratings(), ratings.show_months)

    to_feedback = big_button(tr("Feedback box"))
    to_feedback.clicked.connect(open_feedback)
    page.workbench.layout().itemAt(page.workbench.layout().count() - 1).layout().insertWidget(
        2, to_feedback)
    to_ratings = big_button(tr("Ratings"))
    to_ratings.clicked.connect(open_ratings)
    grid = page.console.layout().itemAt(page.console.layout().count() - 1).layout()
    grid.removeWidget(page.console.usb)  # no new row: the USB folder field gives up a column
    grid.addWidget(page.console.usb, 2, 0, 1, 3)
    grid.addWidget(to_ratings, 2, 3)

"""The "one card" subsidy lookup page: insert a card or type an ID number, see every payment.

Two faces on one page: the entry (a large number pad with X, the card prompt) and the result
(masked name, card tail, a summary per year, payments grouped by year and item with each status
in words, filters by year and item, print). "数据截至 ..." stays visible on both. `wipe()` drops
the typed number, the result and every widget that showed it: nothing outlives the session.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.digit_entry import KINDS, accepts_key
from kiosk.services.registry import Services
from kiosk.services.subsidies import InvalidIdNumber, LookupResult, yuan
from kiosk.ui.digit_entry import DigitEntry
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import NumberPad, big_button, text_label


class PaymentTable(QTableWidget):
    """Payments grouped by year and item: a header row per group, one row per payment."""

    COLUMNS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.setObjectName("paymentTable")
        self.setHorizontalHeaderLabels([self.tr("Period"), self.tr("Amount (yuan)"),
                                        self.tr("Paid on"), self.tr("Standard"),
                                        self.tr("Status")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        for column in range(self.COLUMNS - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMNS - 1, QHeaderView.ResizeMode.Stretch)

    def set_result(self, result: LookupResult | None) -> None:
        self.setRowCount(0)
        if result is None:
            return
        for year, item, payments in result.groups():
            row = self.rowCount()
            self.insertRow(row)
            total = sum(p.amount_fen for p in payments)
            group = QTableWidgetItem(self.tr("%1 · %2 — %n payment(s), %3 yuan", "",
                                             len(payments))
                                     .replace("%1", year).replace("%2", item)
                                     .replace("%3", yuan(total)))
            group.setData(Qt.ItemDataRole.UserRole, "group")
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            self.setItem(row, 0, group)
            self.setSpan(row, 0, 1, self.COLUMNS)
            for payment in payments:
                row = self.rowCount()
                self.insertRow(row)
                status = payment.status_text()
                if payment.note:
                    status += "\n" + payment.note
                cells = [payment.period_label, yuan(payment.amount_fen), payment.paid_on or "—",
                         payment.standard, status]
                for column, text in enumerate(cells):
                    cell = QTableWidgetItem(text)
                    if column == 1:
                        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                              | Qt.AlignmentFlag.AlignVCenter)
                    self.setItem(row, column, cell)
        self.resizeRowsToContents()


class SubsidyPage(Page):
    page_id = "subsidy"
    idle_kind = "form"
    lookup_requested = Signal()

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self._typed = ""
        self._result: LookupResult | None = None
        self.as_of = text_label("", role="hint")
        self.as_of.setObjectName("dataAsOf")
        self.layout_.addWidget(self.as_of)
        self.faces = QStackedWidget()
        self.faces.addWidget(self._entry_face())
        self.faces.addWidget(self._result_face())
        self.layout_.addWidget(self.faces, 1)
        self.lookup_requested.connect(self._on_lookup_requested)

    def title_text(self) -> str:
        return self.tr("Subsidy lookup")

    # --- building ------------------------------------------------------------------------
    def _entry_face(self) -> QWidget:
        face = QWidget()
        row = QHBoxLayout(face)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(text_label(self.tr(
            "Insert your social security card or bank card, lay your ID card on the reader, "
            "or type your ID number.")))
        self.entry = DigitEntry("id_number")
        self.entry.setObjectName("idEntry")
        left.addWidget(self.entry)
        self.message = text_label("", role="error")
        left.addWidget(self.message)
        self.search_button = big_button(self.tr("Look up"), primary=True)
        self.search_button.clicked.connect(self.lookup_requested.emit)
        self.search_button.setEnabled(False)
        clear = big_button(self.tr("Clear"))
        clear.clicked.connect(lambda: self._set_entry(""))
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(clear)
        left.addLayout(buttons)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.pad = NumberPad(with_x=True)
        self.pad.key_pressed.connect(self._on_key_pressed)
        self.pad.backspace_pressed.connect(lambda: self._set_entry(self._typed[:-1]))
        row.addWidget(self.pad, 1)
        return face

    def _result_face(self) -> QWidget:
        face = QWidget()
        column = QVBoxLayout(face)
        column.setContentsMargins(0, 0, 0, 0)
        self.holder = text_label("", role="instruction")
        self.holder.setObjectName("holder")
        column.addWidget(self.holder)
        self.summary = text_label("", role="instruction")
        self.summary.setObjectName("yearSummary")
        column.addWidget(self.summary)
        filters = QHBoxLayout()
        self.year_box = QComboBox()
        self.year_box.setObjectName("yearFilter")
        self.item_box = QComboBox()
        self.item_box.setObjectName("itemFilter")
        self.year_box.activated.connect(self._on_filter_changed)
        self.item_box.activated.connect(self._on_filter_changed)
        filters.addWidget(text_label(self.tr("Year"), role="hint"))
        filters.addWidget(self.year_box, 1)
        filters.addWidget(text_label(self.tr("Item"), role="hint"))
        filters.addWidget(self.item_box, 2)
        from kiosk.ui.voice_pages.hooks import subsidy_buttons

        filters.addWidget(subsidy_buttons(self))
        column.addLayout(filters)
        self.table = PaymentTable()
        column.addWidget(self.table, 1)
        self.nothing = text_label("", role="instruction")
        self.nothing.setObjectName("nothingFound")
        column.addWidget(self.nothing, 1)
        actions = QHBoxLayout()
        self.print_a4 = big_button(self.tr("Print statement (A4)"))
        self.print_a4.clicked.connect(lambda: self._print("a4"))
        self.print_roll = big_button(self.tr("Print short receipt"))
        self.print_roll.clicked.connect(lambda: self._print("roll"))
        again = big_button(self.tr("Look up someone else"), primary=True)
        again.clicked.connect(self.wipe)
        self.print_message = text_label("", role="hint")
        actions.addWidget(self.print_a4)
        actions.addWidget(self.print_roll)
        actions.addWidget(self.print_message, 1)
        actions.addWidget(again)
        column.addLayout(actions)
        return face

    # --- intentions ------------------------------------------------------------------------
    def on_enter(self, argument: Any = None) -> None:
        # `self.services.subsidies` inside the lambda: the service is built (its imports, the
        # secrets file) on the database worker, not here on the UI thread
        self.tasks.run(lambda: self.services.subsidies.data_as_of(), self._show_as_of)

    def attach_card_bridge(self, bridge: Any) -> None:
        """Wire the card reader: a card read looks its holder up, a removed card wipes."""
        bridge.card_inserted.connect(self._on_card_inserted)
        bridge.card_read.connect(self._on_card_read)
        bridge.card_removed.connect(lambda _reader: self.wipe())
        bridge.read_failed.connect(self._on_read_failed)

    def _on_key_pressed(self, key: str) -> None:
        if accepts_key(KINDS["id_number"], self._typed, key):
            self._set_entry(self._typed + key)

    def _set_entry(self, typed: str) -> None:
        self._typed = typed
        state = self.entry.show_typed(typed)
        self.search_button.setEnabled(state.acceptable)
        self.message.setText("")

    def _on_lookup_requested(self) -> None:
        typed = self._typed
        self.message.setText(self.tr("Looking up…"))
        self.tasks.run(lambda: self.services.subsidies.lookup_id_number(typed),
                       self.show_result, self._on_lookup_failed)

    def _on_card_inserted(self, _reader: str) -> None:
        self.message.setText(self.tr("Reading your card. Please do not remove it."))

    def _on_card_read(self, card: Any) -> None:
        keys = tuple(getattr(card, "lookup_keys", ()) or ())
        if not keys:
            self.message.setText(self.tr("This card could not be used for a lookup. Please "
                                         "type your ID number instead."))
            return
        expired = bool(getattr(card, "expired", False))
        self.tasks.run(lambda: self.services.subsidies.lookup_keys(keys),
                       lambda result: self._show_card_result(result, expired),
                       self._on_lookup_failed)

    def _show_card_result(self, result: LookupResult, expired: bool) -> None:
        self.show_result(result)
        if expired:  # an expired ID card still looks up: say it in words, do not refuse
            self.print_message.setText(self.tr(
                "Your ID card has expired. Please renew it at the police station soon."))

    def _on_read_failed(self, message: str) -> None:
        self.message.setText(self.tr("The card could not be read. Please type your ID number."))

    def _on_lookup_failed(self, error: Exception) -> None:
        self.message.setText(self.explain(error))

    def explain(self, error: Exception) -> str:
        if isinstance(error, InvalidIdNumber):
            return {
                "length": self.tr("An ID number has 18 characters."),
                "format": self.tr("Only the last character of an ID number can be X."),
                "birth_date": self.tr("The birth date %1 in this number does not exist. "
                                      "Please check digits 7 to 14.").replace("%1", error.detail),
                "check_digit": self.tr("The last character does not match the others. "
                                       "Please check each digit and type it again."),
            }.get(error.code, str(error))
        return str(error)

    def _on_filter_changed(self, _index: int = 0) -> None:
        if self._result is None:
            return
        year = self.year_box.currentData()
        item = self.item_box.currentData()
        self._show_filtered(self._result.filtered(year or None, item or None))

    def _print(self, paper: str) -> None:
        if self._result is None:
            return
        shown = self._result.filtered(self.year_box.currentData() or None,
                                      self.item_box.currentData() or None)
        village = ""  # filled in by the print layer from the terminal's own facts
        self.print_message.setText(self.tr("Printing…"))
        services = self.services

        def print_now() -> str:  # on the database worker; the printer itself is the worker's
            return services.printing.message_for(
                services.subsidies.print_statement(shown, paper, village))

        self.tasks.run(print_now, self._on_printed,
                       lambda error: self.print_message.setText(str(error)))

    def _on_printed(self, waiting: str) -> None:
        """The paper is on its way, or the printer waits and the message says why."""
        self.print_message.setText(waiting or self.tr(
            "Sent to the printer. Please take your paper."))

    # --- showing ---------------------------------------------------------------------------
    def _show_as_of(self, as_of: str | None) -> None:
        self.as_of.setText(self.tr("Data as of %1").replace(
            "%1", as_of.replace("T", " ")[:16] if as_of else self.tr("never synced")))

    def show_result(self, result: LookupResult) -> None:
        self._typed = ""
        self._set_entry("")
        self._result = result
        self._show_as_of(result.data_as_of)
        self.year_box.clear()
        self.item_box.clear()
        self.year_box.addItem(self.tr("All years"), "")
        for year in result.years:
            self.year_box.addItem(year, year)
        self.item_box.addItem(self.tr("All items"), "")
        for item in result.items:
            self.item_box.addItem(item, item)
        self._show_filtered(result)
        self.faces.setCurrentIndex(1)

    def _show_filtered(self, result: LookupResult) -> None:
        found = result.found
        tails = "、".join(result.card_tails)
        self.holder.setText(self.tr("%1 · card ending %2").replace(
            "%1", result.holder_name_masked).replace("%2", tails) if found else "")
        self.summary.setText("    ".join(
            self.tr("%1: %n payment(s), %2 yuan", "", t.count).replace("%1", y)
            .replace("%2", yuan(t.amount_fen)) for y, t in result.by_year()))
        self.nothing.setText("" if found else self.tr(
            "No subsidy payments were found for you. If you think something is missing, "
            "please ask the clerk at the village service centre (bring your ID card and "
            "social security card), or call 12345."))
        for widget in (self.table, self.year_box, self.item_box, self.print_a4,
                       self.print_roll, self.summary):
            widget.setVisible(found)
        self.nothing.setVisible(not found)
        self.table.set_result(result if found else None)

    def wipe(self) -> None:
        self._result = None
        self._set_entry("")
        self.table.set_result(None)
        self.holder.setText("")
        self.summary.setText("")
        self.nothing.setText("")
        self.print_message.setText("")
        self.year_box.clear()
        self.item_box.clear()
        self.faces.setCurrentIndex(0)

"""A year's village finances at a glance: income, expense and balance per month, with a chart.

Bars for income (green) and expense (red) each month and a line for the balance so far; the
totals in words above, and a month table below for anyone who wants the numbers. Colour is
never the only signal: every series is named in the legend and the totals say it in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QWidget

from kiosk.services.disclosures import Ledger
from kiosk.services.registry import Services
from kiosk.ui.disclosure.document_view import table_widget
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label

INCOME = QColor("#1d6a3c")
EXPENSE = QColor("#9b1c1c")
BALANCE = QColor("#0b4f9c")


def wan(fen: int) -> float:
    """Fen to 万元 (ten thousand yuan): the unit village ledgers are read in."""
    return fen / 100 / 10_000


class LedgerChart(QChartView):
    """The chart alone: `set_ledger` replaces everything it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def set_ledger(self, ledger: Ledger | None, labels: tuple[str, str, str]) -> None:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        if ledger is not None:
            income, expense = QBarSet(labels[0]), QBarSet(labels[1])
            income.setColor(INCOME)
            expense.setColor(EXPENSE)
            balance = QLineSeries()
            balance.setName(labels[2])
            balance.setColor(BALANCE)
            for index, month in enumerate(ledger.months):
                income.append(wan(month.income_fen))
                expense.append(wan(month.expense_fen))
                balance.append(index, wan(month.balance_fen))
            bars = QBarSeries()
            bars.append(income)
            bars.append(expense)
            chart.addSeries(bars)
            chart.addSeries(balance)
            months = QBarCategoryAxis()
            months.append([f"{int(m.month[5:])}月" for m in ledger.months])
            values = QValueAxis()
            values.setTitleText("万元")
            low = min([0.0, *(wan(m.balance_fen) for m in ledger.months)])
            high = max([1.0, *(wan(max(m.income_fen, m.expense_fen, m.balance_fen))
                               for m in ledger.months)])
            values.setRange(low * 1.1, high * 1.1)
            chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
            for series in (bars, balance):
                series.attachAxis(months)
                series.attachAxis(values)
        self.setChart(chart)


class LedgerPage(Page):
    page_id = "ledger"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self._ledger: Ledger | None = None
        self.years = QHBoxLayout()
        self.year_group = QButtonGroup(self)
        self.year_group.buttonClicked.connect(
            lambda button: self.open_year(str(button.property("year"))))
        self.layout_.addLayout(self.years)
        self.totals = text_label("", role="instruction")
        self.totals.setObjectName("ledgerTotals")
        self.layout_.addWidget(self.totals)
        self.chart = LedgerChart()
        self.layout_.addWidget(self.chart, 5)
        self.table_holder = QHBoxLayout()
        self.layout_.addLayout(self.table_holder, 2)
        actions = QHBoxLayout()
        self.print_button = big_button(self.tr("Print this ledger"))
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_message = text_label("", role="hint")
        actions.addWidget(self.print_button)
        actions.addWidget(self.print_message, 1)
        self.layout_.addLayout(actions)

    def title_text(self) -> str:
        return self.tr("Village finances")

    def on_enter(self, argument: Any = None) -> None:
        self.tasks.run(lambda: self.services.disclosures.ledger_years(),
                       lambda years: self._show_years(years, argument))

    def _show_years(self, years: list[str], wanted: Any) -> None:
        for button in self.year_group.buttons():
            self.year_group.removeButton(button)
            button.deleteLater()
        for year in years[:4]:
            button = big_button(self.tr("%1").replace("%1", year))
            button.setCheckable(True)
            button.setProperty("year", year)
            self.year_group.addButton(button)
            self.years.addWidget(button)
        if years:
            chosen = str(wanted) if wanted in years else years[0]
            for button in self.year_group.buttons():
                button.setChecked(button.property("year") == chosen)
            self.open_year(chosen)

    def open_year(self, year: str) -> None:
        self.tasks.run(lambda: self.services.disclosures.ledger(year), self.show_ledger)

    def _on_print_clicked(self) -> None:
        if self._ledger is None:
            return
        year = self._ledger.year
        self.print_message.setText(self.tr("Printing…"))
        self.tasks.run(lambda: self.services.disclosures.print_ledger(year),
                       lambda _job: self.print_message.setText(
                           self.tr("Sent to the printer. Please take your paper.")),
                       lambda error: self.print_message.setText(str(error)))

    def show_ledger(self, ledger: Ledger) -> None:
        self._ledger = ledger
        self.totals.setText(self.tr("%1: income %2 yuan, expense %3 yuan, balance %4 yuan")
                            .replace("%1", ledger.year)
                            .replace("%2", f"{ledger.income_fen / 100:,.2f}")
                            .replace("%3", f"{ledger.expense_fen / 100:,.2f}")
                            .replace("%4", f"{ledger.balance_fen / 100:,.2f}"))
        self.chart.set_ledger(ledger, (self.tr("Income"), self.tr("Expense"),
                                       self.tr("Balance")))
        while self.table_holder.count():
            taken = self.table_holder.takeAt(0)
            old = taken.widget() if taken is not None else None
            if old is not None:
                old.deleteLater()
        months = [m for m in ledger.months if m.income_fen or m.expense_fen]
        table = table_widget(
            [self.tr("Month"), self.tr("Income"), self.tr("Expense"), self.tr("Balance")],
            [[m.month, f"{m.income_fen / 100:,.2f}", f"{m.expense_fen / 100:,.2f}",
              f"{m.balance_fen / 100:,.2f}"] for m in months], numeric=(1, 2, 3))
        table.setMaximumHeight(16777215)
        table.setMinimumHeight(0)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table_holder.addWidget(table)

    def wipe(self) -> None:
        self.print_message.setText("")

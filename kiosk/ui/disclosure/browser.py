"""Browse and search the disclosures: by kind (党务/村务/财务), category and period, newest first.

Search finds titles and texts containing every term typed (two characters and up). Choosing
an item opens the document page; "Finance ledger" opens the year's ledger with its chart.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from kiosk.services.disclosures import Summary
from kiosk.services.registry import Services
from kiosk.services.search_limits import MAX_QUERY_CHARS
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label


class DisclosurePage(Page):
    page_id = "disclosure"
    search_requested = Signal()

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self._facets: dict[str, Any] = {}
        self.as_of = text_label("", role="hint")
        self.layout_.addWidget(self.as_of)
        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, Any] = {}
        for kind, label in (("", self.tr("All")), ("party", self.tr("Party affairs")),
                            ("village", self.tr("Village affairs")),
                            ("finance", self.tr("Finances"))):
            button = big_button(label)
            button.setCheckable(True)
            button.setProperty("kind", kind)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
        self.kind_buttons[""].setChecked(True)
        self.kind_group.buttonClicked.connect(self._on_kind_clicked)
        self.ledger_button = big_button(self.tr("Finance ledger"), primary=True)
        self.ledger_button.clicked.connect(
            lambda: self.navigate_requested.emit("ledger", None))
        kinds.addStretch(1)
        kinds.addWidget(self.ledger_button)
        self.layout_.addLayout(kinds)
        filters = QHBoxLayout()
        self.category_box = QComboBox()
        self.period_box = QComboBox()
        self.category_box.activated.connect(lambda _i: self.search_requested.emit())
        self.period_box.activated.connect(lambda _i: self.search_requested.emit())
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search, e.g. 低保 or 路灯"))
        self.search_box.setMaxLength(MAX_QUERY_CHARS)
        self.search_box.returnPressed.connect(self.search_requested.emit)
        search = big_button(self.tr("Search"))
        search.clicked.connect(self.search_requested.emit)
        filters.addWidget(self.category_box, 2)
        filters.addWidget(self.period_box, 1)
        filters.addWidget(self.search_box, 2)
        filters.addWidget(search)
        self.layout_.addLayout(filters)
        self.results = QListWidget()
        self.results.setObjectName("disclosureList")
        self.results.itemClicked.connect(self._on_item_clicked)
        self.layout_.addWidget(self.results, 1)
        self.empty = text_label("", role="instruction")
        self.layout_.addWidget(self.empty)
        self.search_requested.connect(self._on_search_requested)

    def title_text(self) -> str:
        return self.tr("Village affairs disclosure")

    def on_enter(self, argument: Any = None) -> None:
        self.tasks.run(lambda: self.services.disclosures.facets(), self._show_facets)
        self.tasks.run(lambda: self.services.disclosures.data_as_of(), self._show_as_of)
        self._on_search_requested()

    # --- intentions ------------------------------------------------------------------------
    def _kind(self) -> str:
        button = self.kind_group.checkedButton()
        return str(button.property("kind")) if button is not None else ""

    def _on_kind_clicked(self, _button: Any) -> None:
        self._fill_filters()
        self._on_search_requested()

    def _on_search_requested(self) -> None:
        kind = self._kind() or None
        category = self.category_box.currentData() or None
        period = self.period_box.currentData() or None
        text = self.search_box.text()
        self.tasks.run(lambda: self.services.disclosures.browse(
            kind=kind, category=category, period=period, search=text), self.show_items)

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.navigate_requested.emit("disclosure-document", item.data(Qt.ItemDataRole.UserRole))

    # --- showing ---------------------------------------------------------------------------
    def _show_as_of(self, as_of: str | None) -> None:
        self.as_of.setText(self.tr("Data as of %1").replace(
            "%1", as_of.replace("T", " ")[:16] if as_of else self.tr("never synced")))

    def _show_facets(self, facets: dict[str, Any]) -> None:
        self._facets = facets
        self._fill_filters()

    def _fill_filters(self) -> None:
        kind = self._kind()
        chosen = [v for k, v in self._facets.items() if not kind or k == kind]
        categories = sorted({c for v in chosen for c in v["categories"]})
        periods = sorted({p for v in chosen for p in v["periods"]}, reverse=True)
        self.category_box.clear()
        self.category_box.addItem(self.tr("All categories"), "")
        for category in categories:
            self.category_box.addItem(category, category)
        self.period_box.clear()
        self.period_box.addItem(self.tr("All periods"), "")
        for period in periods:
            self.period_box.addItem(period, period)

    def show_items(self, items: list[Summary]) -> None:
        self.results.clear()
        names = {"party": self.tr("Party"), "village": self.tr("Village"),
                 "finance": self.tr("Finance")}
        for summary in items:
            entry = QListWidgetItem(f"【{names.get(summary.kind, summary.kind)}】{summary.title}\n"
                                    f"{summary.published_at[:10]} · {summary.category} · "
                                    f"{summary.publisher}")
            entry.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.results.addItem(entry)
        self.empty.setText("" if items else self.tr(
            "Nothing found. Try fewer or other words, or ask the village clerk."))
        self.empty.setVisible(not items)

    def wipe(self) -> None:
        self.search_box.clear()
        self.kind_buttons[""].setChecked(True)
        self.results.clear()
        self.results.scrollToTop()

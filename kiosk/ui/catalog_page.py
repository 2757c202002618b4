"""The service guide (办事指南): categories, then items, then one item in plain words.

Left: the categories as large buttons and a search box (Chinese, or pinyin initials such as
`dbsq`). Right: the services of the category (or the search results). Touching one shows what
it is for, who may apply, the materials to bring as a checklist, the time limit, the fee and
the legal basis, with "Apply now". "Check progress" (办件查询) is always at hand.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.services.catalog import ServiceDetail, ServiceSummary
from kiosk.services.registry import Services
from kiosk.services.search_limits import MAX_QUERY_CHARS
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label

ID_ROLE = Qt.ItemDataRole.UserRole


class CatalogPage(Page):
    page_id = "services"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.grouped: dict[str, list[ServiceSummary]] = {}
        self.detail: ServiceDetail | None = None
        self.views = QStackedWidget()
        self.views.addWidget(self._browse_view())
        self.views.addWidget(self._detail_view())
        self.layout_.addWidget(self.views, 1)

    def title_text(self) -> str:
        return self.tr("Government services")

    # -- building -------------------------------------------------------------------------------

    def _browse_view(self) -> QWidget:
        view = QWidget()
        row = QHBoxLayout(view)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(28)
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("fieldInput")
        self.search.setPlaceholderText(self.tr("Search: 低保 or dbsq"))
        self.search.setMaxLength(MAX_QUERY_CHARS)
        self.search.textChanged.connect(self._on_search_changed)
        left.addWidget(self.search)
        # The category buttons scroll when a small screen in 长辈版 cannot hold every row at
        # full touch-target height (squeezed, they would lie on top of each other).
        grid_holder = QWidget()
        self.categories = QGridLayout(grid_holder)
        self.categories.setContentsMargins(0, 0, 0, 0)
        self.categories.setSpacing(10)
        self.category_group = QButtonGroup(self)
        category_scroll = QScrollArea()
        category_scroll.setWidgetResizable(True)
        category_scroll.setFrameShape(QFrame.Shape.NoFrame)
        category_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        category_scroll.setWidget(grid_holder)
        left.addWidget(category_scroll, 1)
        progress = big_button(self.tr("Check progress"), name="quiet")
        progress.clicked.connect(lambda: self.navigate_requested.emit("progress", None))
        left.addWidget(progress)
        row.addLayout(left, 2)
        right = QVBoxLayout()
        self.hint = text_label(self.tr("Choose a category, then the service you need."),
                               role="hint")
        right.addWidget(self.hint)
        self.list = QListWidget()
        self.list.setObjectName("serviceList")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(self._on_item_clicked)
        right.addWidget(self.list, 1)
        row.addLayout(right, 3)
        return view

    def _detail_view(self) -> QWidget:
        view = QWidget()
        column = QVBoxLayout(view)
        column.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        body.setObjectName("wizardContent")
        self.detail_layout = QVBoxLayout(body)
        self.detail_layout.setSpacing(14)
        self.texts: dict[str, Any] = {}
        for key, heading in (
            ("summary", self.tr("What it is for")),
            ("eligibility", self.tr("Who may apply")),
            ("materials", self.tr("Materials to bring")),
            ("terms", self.tr("Time limit and fee")),
            ("legal", self.tr("Legal basis")),
        ):
            self.detail_layout.addWidget(text_label(heading, role="fieldLabel"))
            label = text_label("", role="hint" if key == "legal" else "instruction")
            self.detail_layout.addWidget(label)
            self.texts[key] = label
        self.detail_layout.addStretch(1)
        scroll.setWidget(body)
        column.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        back = big_button(self.tr("◀ All services"))
        back.clicked.connect(lambda: self.views.setCurrentIndex(0))
        self.apply = big_button(self.tr("Apply now ▶"), primary=True)
        self.apply.clicked.connect(self._on_apply)
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.apply)
        column.addLayout(buttons)
        return view

    # -- data in ----------------------------------------------------------------------------------

    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, str):
            self.tasks.run(lambda: self.services.catalog.detail(argument), self.show_detail)
            return
        self.views.setCurrentIndex(0)
        self.title.setText(self.title_text())
        self.tasks.run(lambda: self.services.catalog.by_category(), self.show_categories)

    def show_categories(self, grouped: dict[str, list[ServiceSummary]]) -> None:
        self.grouped = grouped
        while self.categories.count():
            item = self.categories.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                self.category_group.removeButton(widget)  # type: ignore[arg-type]
                widget.deleteLater()
        for index, category in enumerate(grouped):
            button = big_button(category, name="category")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=category: self._on_category(c))
            self.category_group.addButton(button)
            self.categories.addWidget(button, index // 2, index % 2)
            if index == 0:
                button.setChecked(True)
        if grouped and not self.search.text():
            self.set_rows(next(iter(grouped.values())))

    def set_rows(self, rows: list[ServiceSummary]) -> None:
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.name}\n{row.summary[:40]}…" if len(row.summary) > 40
                                   else f"{row.name}\n{row.summary}")
            item.setData(ID_ROLE, row.id)
            self.list.addItem(item)
        if not rows:
            item = QListWidgetItem(self.tr("Nothing found. Try fewer characters, or ask the "
                                           "clerk."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def show_detail(self, detail: ServiceDetail | None) -> None:
        if detail is None:
            return
        self.detail = detail
        self.title.setText(detail.name)
        self.texts["summary"].setText(detail.summary)
        self.texts["eligibility"].setText(detail.eligibility or "—")
        self.texts["materials"].setText("\n".join(f"☐ {m}" for m in detail.materials) or "—")
        days = (self.tr("%n working day(s)", "", detail.time_limit_days)
                if detail.time_limit_days else "—")
        fee = self.tr("Free") if detail.fee_fen == 0 else \
            self.tr("%1 yuan").replace("%1", f"{detail.fee_fen / 100:.2f}")
        self.texts["terms"].setText(self.tr("Time limit: %1 · Fee: %2")
                                    .replace("%1", days).replace("%2", fee))
        self.texts["legal"].setText(detail.legal_basis or "—")
        self.apply.setVisible(detail.can_apply)
        self.views.setCurrentIndex(1)

    # -- intentions out ----------------------------------------------------------------------

    def _on_category(self, category: str) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.set_rows(self.grouped.get(category, []))

    def _on_search_changed(self, text: str) -> None:
        if not text.strip():
            checked = self.category_group.checkedButton()
            if checked is not None:
                self._on_category(checked.text())
            return
        self.tasks.run(lambda: self.services.catalog.search(text), self.set_rows)

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        service_id = item.data(ID_ROLE)
        if service_id:
            self.tasks.run(lambda: self.services.catalog.detail(str(service_id)),
                           self.show_detail)

    def _on_apply(self) -> None:
        if self.detail is not None:
            from kiosk.services.card_service import form_prefill

            cards = self.services.cards  # a card in the reader fills in name and numbers
            prefill = form_prefill(cards.last_result if cards is not None else None)
            self.navigate_requested.emit("wizard", {"service_id": self.detail.id,
                                                    "prefill": prefill})

    def wipe(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.detail = None
        self.views.setCurrentIndex(0)
        self.list.scrollToTop()
        self.list.clearSelection()

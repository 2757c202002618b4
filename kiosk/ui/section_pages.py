"""The three sections a villager enters from home, in their first, browse-only form.

Each later grows its own module (the form wizard, the disclosure browser, the subsidy
lookup); these show what the terminal holds so the shell is usable end to end.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from kiosk.services.catalog import ServiceSummary
from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import NumberPad, big_button, text_label


class ServicesPage(Page):
    page_id = "services"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.layout_.addWidget(text_label(self.tr("Choose the service you need.")))
        self.list = QListWidget()
        self.layout_.addWidget(self.list, 1)

    def title_text(self) -> str:
        return self.tr("Government services")

    def on_enter(self, argument: Any = None) -> None:
        self.tasks.run(self.services.catalog.by_category, self._render)

    def _render(self, grouped: dict[str, list[ServiceSummary]]) -> None:
        self.list.clear()
        for category, items in grouped.items():
            for item in items:
                self.list.addItem(f"{category} · {item.name}")

    def wipe(self) -> None:
        self.list.scrollToTop()
        self.list.clearSelection()


class DisclosurePage(Page):
    page_id = "disclosure"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.layout_.addWidget(text_label(
            self.tr("Party, village and financial affairs published by the township.")))
        self.layout_.addStretch(1)

    def title_text(self) -> str:
        return self.tr("Village affairs disclosure")


class SubsidyPage(Page):
    page_id = "subsidy"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self._typed = ""
        self.layout_.addWidget(text_label(self.tr(
            "Insert your social security card or bank card, or type your ID number.")))
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.entry = text_label("", role="pageTitle")
        left.addWidget(self.entry)
        clear = big_button(self.tr("Clear"))
        clear.clicked.connect(self.wipe)
        left.addWidget(clear)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.pad = NumberPad(with_x=True)
        self.pad.key_pressed.connect(self._on_key_pressed)
        self.pad.backspace_pressed.connect(lambda: self._set_entry(self._typed[:-1]))
        row.addWidget(self.pad, 1)
        self.layout_.addLayout(row, 1)

    def title_text(self) -> str:
        return self.tr("Subsidy lookup")

    def _on_key_pressed(self, key: str) -> None:
        if len(self._typed) < 18:
            self._set_entry(self._typed + key)

    def _set_entry(self, typed: str) -> None:
        self._typed = typed
        self.entry.setText(" ".join(typed[i:i + 6] for i in range(0, len(typed), 6)))

    def wipe(self) -> None:
        self._set_entry("")

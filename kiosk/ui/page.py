"""The base of every page in the kiosk's stack.

A page shows data it is given and emits intentions; it reaches services only through the
`TaskRunner`, never the database. `wipe()` forgets everything a villager entered or saw: the
idle reset calls it on every page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import title_label


class Page(QWidget):
    navigate_requested = Signal(str, object)  # page id, argument

    page_id = "page"
    idle_kind = "browse"  # "form" pages get the longer idle time

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page")
        self.services = services
        self.tasks = tasks
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(48, 32, 48, 24)
        self.layout_.setSpacing(24)
        self.title = title_label(self.title_text())
        self.layout_.addWidget(self.title)

    def title_text(self) -> str:
        return ""

    def on_enter(self, argument: Any = None) -> None:
        """Called each time the page is shown."""

    def wipe(self) -> None:
        """Forget everything about the current villager."""

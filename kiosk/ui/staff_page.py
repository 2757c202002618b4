"""Where the discreet "Staff" button leads; clerks and admins sign in here."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import text_label


class StaffPage(Page):
    page_id = "staff"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.layout_.addWidget(text_label(self.tr(
            "This area is for village clerks and administrators. Villagers: please press "
            "Home to return.")))
        self.layout_.addStretch(1)

    def title_text(self) -> str:
        return self.tr("Staff")

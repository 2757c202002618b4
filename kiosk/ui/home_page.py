"""The home page: three large tiles for the villager and a discreet entry for the clerk."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label


class HomePage(Page):
    page_id = "home"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.layout_.addWidget(text_label(self.tr("Touch a button below to begin.")))
        tiles = QHBoxLayout()
        tiles.setSpacing(40)
        for kind, label, target in (
            ("services", self.tr("Apply for\nservices"), "services"),
            ("disclosure", self.tr("Village affairs\ndisclosure"), "disclosure"),
            ("subsidy", self.tr("Subsidy\nlookup"), "subsidy"),
        ):
            tile = big_button(label, name="tile")
            tile.setProperty("tileKind", kind)
            tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            tile.clicked.connect(lambda _=False, t=target: self.navigate_requested.emit(t, None))
            tiles.addWidget(tile, 1)
        self.layout_.addLayout(tiles, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(text_label(
            self.tr("Need help? Ask the clerk at the service desk."), role="hint"), 1)
        clerk = big_button(self.tr("Staff"), name="quiet")
        clerk.clicked.connect(lambda: self.navigate_requested.emit("staff", None))
        bottom.addWidget(clerk)
        self.layout_.addLayout(bottom)

    def title_text(self) -> str:
        return self.tr("Welcome to the village service terminal")

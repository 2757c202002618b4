"""The attract screen: after a long quiet time, the latest notices and how to start.

Shown by `AttractTimer` when nobody has touched the kiosk for `attract_after_s` on the home
page (after an idle wipe the kiosk is on the home page). It lists the newest disclosure
titles from the disclosure service, which are public, and says to touch the screen; any touch
goes to the home page. There is nothing of a villager here, so the idle countdown is off.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import KioskLabel, text_label

NOTICES = 5
DEFAULT_ATTRACT_AFTER_S = 180


class AttractPage(Page):
    page_id = "attract"
    idle_kind = "attract"

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.setObjectName("attract")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title.setObjectName("attractTitle")
        self.layout_.addWidget(text_label(self.tr("Latest notices from the village:"),
                                          role="attractNotice"))
        self.notices = QWidget()
        self._notice_layout = QVBoxLayout(self.notices)
        self._notice_layout.setContentsMargins(24, 0, 0, 0)
        self.layout_.addWidget(self.notices)
        self.layout_.addStretch(1)
        self.layout_.addWidget(text_label(self.tr(
            "Touch the screen to begin: apply for services, read village affairs, look up "
            "your subsidies."), role="attractHint"))

    def title_text(self) -> str:
        return self.tr("Village service terminal")

    def on_enter(self, argument: Any = None) -> None:
        disclosures = getattr(self.services, "disclosures", None)
        if disclosures is None:
            return
        self.tasks.run(lambda: [s.title for s in disclosures.browse(limit=NOTICES)],
                       self.show_notices, lambda _error: self.show_notices([]))

    def show_notices(self, titles: list[str]) -> None:
        while self._notice_layout.count():
            item = self._notice_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for title in titles[:NOTICES]:
            label = text_label(f"· {title}", role="attractNotice")
            self._notice_layout.addWidget(label)

    def notice_titles(self) -> list[str]:
        return [w.text() for w in self.notices.findChildren(KioskLabel)]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.navigate_requested.emit("home", None)
        event.accept()


class AttractTimer(QObject):
    """Shows the attract page after `seconds` without a touch while the home page is shown."""

    def __init__(self, window: Any, seconds: int, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.seconds = seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)

    def restart(self) -> None:
        self._timer.start(self.seconds * 1000)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _on_timeout(self) -> None:
        if self.window.current_page.page_id == "home":
            self.window.show_page("attract")

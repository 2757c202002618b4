"""The kiosk window: header, a stack of pages, and a footer with Back, Home and 长辈版."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.services.status import TerminalStatus
from kiosk.ui.catalog_page import CatalogPage
from kiosk.ui.disclosure.browser import DisclosurePage
from kiosk.ui.disclosure.document_view import DisclosureDocumentPage
from kiosk.ui.disclosure.ledger_view import LedgerPage
from kiosk.ui.header import Header
from kiosk.ui.home_page import HomePage
from kiosk.ui.idle import CountdownOverlay
from kiosk.ui.page import Page
from kiosk.ui.progress_page import ProgressPage
from kiosk.ui.staff_page import StaffPage
from kiosk.ui.subsidy_page import SubsidyPage
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button
from kiosk.ui.wizard.receipt_page import ReceiptPage
from kiosk.ui.wizard.wizard_page import WizardPage

PAGE_TYPES: list[type[Page]] = [HomePage, CatalogPage, DisclosurePage, SubsidyPage, StaffPage,
                                DisclosureDocumentPage, LedgerPage, WizardPage, ReceiptPage,
                                ProgressPage]


class MainWindow(QMainWindow):
    page_changed = Signal(str)
    elderly_mode_toggled = Signal(bool)
    session_wiped = Signal()

    def __init__(self, services: Services, tasks: TaskRunner, *, elderly: bool = False):
        super().__init__()
        self.setWindowTitle(self.tr("Village service terminal"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.services = services
        self.tasks = tasks
        self.elderly = elderly
        self.history: list[str] = []
        root = QWidget()
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = Header()
        layout.addWidget(self.header)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        layout.addWidget(self._footer())
        self.setCentralWidget(root)
        self.pages: dict[str, Page] = {}
        for page_type in PAGE_TYPES:
            self.add_page(page_type(services, tasks))
        self.overlay = CountdownOverlay(root)
        self.show_page("home")

    def _footer(self) -> QWidget:
        footer = QWidget()
        footer.setObjectName("footer")
        footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(footer)
        row.setContentsMargins(32, 12, 32, 12)
        self.back_button = big_button(self.tr("◀ Back"))
        self.back_button.clicked.connect(self.go_back)
        self.home_button = big_button(self.tr("⌂ Home"))
        self.home_button.clicked.connect(lambda: self.show_page("home"))
        self.large_button = big_button(self.tr("Large text"))
        self.large_button.setCheckable(True)
        self.large_button.setChecked(self.elderly)
        self.large_button.toggled.connect(self.elderly_mode_toggled.emit)
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addStretch(1)
        row.addWidget(self.large_button)
        return footer

    def add_page(self, page: Page) -> None:
        self.pages[page.page_id] = page
        self.stack.addWidget(page)
        page.navigate_requested.connect(self.show_page)

    @property
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, page_id: str, argument: Any = None) -> None:
        page = self.pages.get(page_id)
        if page is None:
            return
        current = self.stack.currentWidget()
        if page_id == "home":
            self.history.clear()
        elif isinstance(current, Page) and current.page_id != page_id:
            self.history.append(current.page_id)
        self.stack.setCurrentWidget(page)
        page.on_enter(argument)
        on_home = page_id == "home"
        self.back_button.setVisible(not on_home)
        self.home_button.setVisible(not on_home)
        self.page_changed.emit(page_id)

    def go_back(self) -> None:
        target = self.history.pop() if self.history else "home"
        page = self.pages[target]
        self.stack.setCurrentWidget(page)
        page.on_enter(None)
        self.back_button.setVisible(target != "home")
        self.home_button.setVisible(target != "home")
        self.page_changed.emit(target)

    def render_status(self, status: TerminalStatus) -> None:
        self.header.show_status(status)

    def wipe_session(self) -> None:
        """Forget the villager: every page wiped, history gone, clipboard cleared, home shown."""
        for page in self.pages.values():
            page.wipe()
        self.history.clear()
        QGuiApplication.clipboard().clear()
        self.overlay.hide()
        self.show_page("home")
        self.session_wiped.emit()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.overlay.isVisible():
            self.overlay.cover()

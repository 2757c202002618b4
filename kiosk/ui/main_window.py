"""The kiosk window: header, a stack of pages, and a footer with Back, Home and 长辈版."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.services.registry import Services
from kiosk.services.status import TerminalStatus
from kiosk.ui.header import Header
from kiosk.ui.idle import CountdownOverlay
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label


def _home() -> type[Page]:
    from kiosk.ui.home_page import HomePage

    return HomePage


def _services() -> type[Page]:
    from kiosk.ui.catalog_page import CatalogPage

    return CatalogPage


def _disclosure() -> type[Page]:
    from kiosk.ui.disclosure.browser import DisclosurePage

    return DisclosurePage


def _subsidy() -> type[Page]:
    from kiosk.ui.subsidy_page import SubsidyPage

    return SubsidyPage


def _staff() -> type[Page]:
    from kiosk.ui.staff_page import StaffPage

    return StaffPage


def _disclosure_document() -> type[Page]:
    from kiosk.ui.disclosure.document_view import DisclosureDocumentPage

    return DisclosureDocumentPage


def _ledger() -> type[Page]:
    from kiosk.ui.disclosure.ledger_view import LedgerPage

    return LedgerPage


def _wizard() -> type[Page]:
    from kiosk.ui.wizard.wizard_page import WizardPage

    return WizardPage


def _receipt() -> type[Page]:
    from kiosk.ui.wizard.receipt_page import ReceiptPage

    return ReceiptPage


def _progress() -> type[Page]:
    from kiosk.ui.progress_page import ProgressPage

    return ProgressPage


def _voice(name: str) -> Callable[[], type[Page]]:
    """The villager's voice pages (kiosk/ui/voice_pages): rating, 意见箱, replies, policies."""

    def load() -> type[Page]:
        from kiosk.ui.voice_pages import feedback_page, policies_page, rate_page, reply_page

        return {"rate": rate_page.RatePage, "feedback": feedback_page.FeedbackPage,
                "feedback-reply": reply_page.ReplyPage,
                "policies": policies_page.PoliciesPage}[name]

    return load


# Every page by id, imported and built the first time it is shown: the kiosk's first frame
# needs only the home page (the charts, the form engine and the staff console wait).
PAGE_LOADERS: dict[str, Callable[[], type[Page]]] = {
    "home": _home, "services": _services, "disclosure": _disclosure, "subsidy": _subsidy,
    "staff": _staff, "disclosure-document": _disclosure_document, "ledger": _ledger,
    "wizard": _wizard, "receipt": _receipt, "progress": _progress,
    **{name: _voice(name) for name in ("rate", "feedback", "feedback-reply", "policies")},
}


class PageSet(Mapping[str, Page]):
    """The window's pages by id; a page is built on first access (`pages["ledger"]`).

    Iterating the ids costs nothing; `values()` builds every page (reports, screenshots);
    `built()` is only those that exist, which is all a wipe has to visit.
    """

    def __init__(self, window: MainWindow):
        self._window = window
        self._loaders: dict[str, Callable[[], type[Page]] | None] = dict(PAGE_LOADERS)
        self._built: dict[str, Page] = {}

    def __getitem__(self, page_id: str) -> Page:
        if page_id not in self._built:
            loader = self._loaders[page_id]  # KeyError for an unknown page, as a dict would
            if loader is None:
                raise KeyError(page_id)
            page = loader()(self._window.services, self._window.tasks)
            assert page.page_id == page_id, f"{type(page).__name__} says {page.page_id}"
            self._window.attach(page)
        return self._built[page_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaders)

    def __len__(self) -> int:
        return len(self._loaders)

    def register(self, page_id: str, loader: Callable[[], type[Page]]) -> None:
        """A page of another part (the attract screen), built on first access like the rest."""
        self._loaders[page_id] = loader

    def add(self, page: Page) -> None:
        self._loaders.setdefault(page.page_id, None)
        self._built[page.page_id] = page

    def built(self) -> list[Page]:
        return list(self._built.values())


class MainWindow(QMainWindow):
    page_changed = Signal(str)
    page_created = Signal(object)  # a Page, built the first time it was needed
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
        # a failure no page handled (kiosk.ui.tasks' default on_error), in words, until the
        # villager moves on
        self.problem = text_label("", role="error")
        self.problem.setContentsMargins(32, 4, 32, 4)
        self.problem.hide()
        layout.addWidget(self.problem)
        tasks.problem.connect(self.show_problem)
        layout.addWidget(self._footer())
        self.setCentralWidget(root)
        self.pages = PageSet(self)
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
        self.home_button.clicked.connect(self.go_home)
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
        """Add a page built elsewhere."""
        self.attach(page)

    def add_page_loader(self, page_id: str, loader: Callable[[], type[Page]]) -> None:
        """Add a page that is built the first time it is shown."""
        self.pages.register(page_id, loader)

    def attach(self, page: Page) -> None:
        self.pages.add(page)
        self.stack.addWidget(page)
        page.navigate_requested.connect(
            lambda page_id, argument: self.go_home() if page_id == "home"
            else self.show_page(page_id, argument))
        self.page_created.emit(page)

    @property
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, page_id: str, argument: Any = None) -> None:
        if page_id not in self.pages:
            return
        page = self.pages[page_id]
        current = self.stack.currentWidget()
        if page_id == "home":
            self.history.clear()
        elif isinstance(current, Page) and current.page_id != page_id:
            self.history.append(current.page_id)
        self.stack.setCurrentWidget(page)
        page.on_enter(argument)
        on_home = page_id == "home"
        self.problem.hide()
        self.back_button.setVisible(not on_home)
        self.home_button.setVisible(not on_home)
        self.page_changed.emit(page_id)

    def go_home(self) -> None:
        """The villager's own way home: a finished visit passes by the rating page once."""
        from kiosk.ui.voice_pages.offer import rating_detour

        detour = rating_detour(self)
        if detour is not None:
            self.show_page("rate", detour)
        else:
            self.show_page("home")

    def go_back(self) -> None:
        target = self.history.pop() if self.history else "home"
        page = self.pages[target]
        self.stack.setCurrentWidget(page)
        page.on_enter(None)
        self.problem.hide()
        self.back_button.setVisible(target != "home")
        self.home_button.setVisible(target != "home")
        self.page_changed.emit(target)

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def render_status(self, status: TerminalStatus) -> None:
        self.header.show_status(status)

    def wipe_session(self) -> None:
        """Forget the villager: every page wiped, history gone, clipboard cleared, home shown."""
        for page in self.pages.built():  # a page never built holds nothing to forget
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

"""Starting the Qt side: application, language, theme, window, idle reset, status refresh.

`KioskShell` wires the window to the idle monitor and the services; `run_ui` runs it full
screen (or windowed). Rendering pages to PNG for docs and checks is tooling, in `kiosk.tools`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from kiosk.paths import resource
from kiosk.services.registry import Services
from kiosk.translations import missing as translation_missing
from kiosk.translations import translation_file
from kiosk.ui.assist import Assist
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.keyboard import prepare_environment
from kiosk.ui.main_window import MainWindow
from kiosk.ui.sync_controller import SyncController
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.theme import Theme

if TYPE_CHECKING:
    from kiosk.ui.card_bridge import CardBridge

STATUS_REFRESH_MS = 30_000


def make_application(language: str, argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    install_language(app, language)
    return app


_installed: list[QTranslator] = []  # ours, to replace on a language change


def install_language(app: QApplication, language: str) -> None:
    """Simplified Chinese by default; English is the source language and needs no file."""
    QLocale.setDefault(QLocale(language))
    while _installed:  # (app.findChildren would cost ~30 ms of PySide type set-up at start)
        app.removeTranslator(_installed.pop())
    if language == "en":
        return
    path = translation_file(language)  # a missing one stops start-up: never an English kiosk
    translator = QTranslator(app)
    if path is None or not translator.load(str(path)):
        raise translation_missing(language, resource("translations", f"kiosk_{language}.qm"),
                                  "does not load")
    app.installTranslator(translator)
    _installed.append(translator)


PRIVACY_CHECK_MS = 3_600_000


class KioskShell(QObject):
    """The running kiosk: window, theme, idle reset and the periodic status refresh."""

    def __init__(self, app: QApplication, services: Services, executor: Executor,
                 *, width: int, height: int, voice_engine: str | None = None,
                 status_now: bool = True):
        super().__init__()
        self.app = app
        self.services = services
        self.tasks = TaskRunner(executor, self)
        elderly = bool(services.settings.get("kiosk", "elderly_mode"))
        self.theme = Theme.for_screen(width, height, elderly=elderly)
        self.theme.apply(app)
        self.window = MainWindow(services, self.tasks, elderly=elderly)
        self.window.resize(width, height)
        self.idle = IdleMonitor(services.settings.idle_timeout_s, services.settings.countdown_s,
                                self)
        app.installEventFilter(self.idle)
        self.idle.countdown_started.connect(self._on_countdown_started)
        self.idle.countdown_ticked.connect(self.window.overlay.show_seconds)
        self.idle.countdown_cancelled.connect(self.window.overlay.hide)
        self.idle.session_expired.connect(self.window.wipe_session)
        self.window.overlay.more_time_requested.connect(self.idle.touch)
        self.window.page_changed.connect(self._on_page_changed)
        self.window.elderly_mode_toggled.connect(self.set_elderly)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start(STATUS_REFRESH_MS)
        self.cards: CardBridge | None = None
        self.sync = SyncController(services, self)
        self.sync.sync_finished.connect(lambda _reached: self.refresh_status())
        self.assist = Assist(self, voice_engine=voice_engine)
        self.window.destroyed.connect(self._on_window_destroyed)
        if status_now:  # `run_ui` asks right after the first frame instead
            self.refresh_status()
        self.idle.touch()

    def input_filters(self) -> list[QObject]:
        """The application-wide Python event filters (idle watch, keyboard glue)."""
        return [self.idle, self.assist.keyboard]

    def start_background_work(self) -> None:
        """What may wait for the first frame: the card reader (pyscard, the card protocols),
        periodic sync and the print worker (it watches the printer and sends the queue).
        `run_ui` calls this once the window has painted."""
        services = self.services
        # the staff console takes its services when it is built, and the print queue is built
        # before its worker starts: both are made on the database worker, not here
        def start_printing(_none: None) -> None:
            services.printing.start_worker()  # the print worker and printer watch

        self.tasks.run(lambda: services.prepare("staff", "printing"), start_printing)
        cards = services.open_card_reader()
        self.cards = self._connect_card_reader()
        if cards is not None:
            cards.start()
        self.sync.start()
        self._privacy_timer = QTimer(self)  # retention: the purge runs once a day (hourly check)
        self._privacy_timer.timeout.connect(self._purge_if_due)
        self._privacy_timer.start(PRIVACY_CHECK_MS)
        QTimer.singleShot(60_000, self._purge_if_due)

    def _purge_if_due(self) -> None:
        services = self.services  # the privacy service is built on the worker, not here
        self.tasks.run(lambda: services.privacy.daily(), lambda _report: None)

    def _connect_card_reader(self) -> CardBridge | None:
        """Card events reach the pages that react to a card, on the UI thread."""
        if self.services.cards is None:
            return None
        from kiosk.ui.card_bridge import CardBridge

        bridge = CardBridge(self)
        self.services.cards.set_listener(bridge.listener)

        def attach(page: Any) -> None:
            method = getattr(page, "attach_card_bridge", None)
            if callable(method):
                method(bridge)

        for page in self.window.pages.built():
            attach(page)
        self.window.page_created.connect(attach)
        bridge.card_inserted.connect(self._on_card_inserted)
        self.window.session_wiped.connect(self.services.cards.wipe)
        return bridge

    def _on_card_inserted(self, _reader: str) -> None:
        """A card put in on the home or attract screen means "show my subsidies"."""
        if self.window.current_page.page_id in ("home", "attract"):
            self.window.show_page("subsidy")

    def _on_window_destroyed(self) -> None:
        """The window is gone (a test's teardown, the end of a report) while this shell may live
        on: stop the timers and filters that would still reach the window or the worker."""
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.app.removeEventFilter(self.idle)
        self.app.removeEventFilter(self.assist.keyboard)
        self.services.printing.stop_worker(timeout=1.0)  # started with the background work

    def dispose(self) -> None:
        """Take this shell apart inside a running application (reports, tests): filters off,
        timers stopped, window and shell deleted now rather than at the next event loop."""
        self.app.removeEventFilter(self.idle)
        self.app.removeEventFilter(self.assist.keyboard)
        for timer in self.findChildren(QTimer) + self.window.findChildren(QTimer):
            timer.stop()
        self.window.close()
        self.window.deleteLater()
        self.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def refresh_status(self) -> None:
        self.tasks.run(self.services.status.snapshot, self.window.render_status)

    def set_elderly(self, elderly: bool) -> None:
        self.theme = Theme(self.theme.scale, elderly, self.theme.family)
        self.theme.apply(self.app)

    def _on_countdown_started(self, seconds: int) -> None:
        self.window.overlay.show_seconds(seconds)
        self.window.overlay.cover()

    def _on_page_changed(self, page_id: str) -> None:
        settings = self.services.settings
        form = self.window.current_page.idle_kind == "form"
        self.idle.set_idle_seconds(int(settings.get("kiosk", "form_idle_timeout_s")) if form
                                   else settings.idle_timeout_s)


class _FirstPaint(QObject):
    """Calls back once, after the window's first paint event has been handled."""

    def __init__(self, callback: Callable[[], None]):
        super().__init__()
        self._callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)
        return False


def run_ui(services: Services, executor: Executor, *, windowed: bool,
           smoke: Callable[[], None] | None = None) -> int:
    """Run the kiosk until it is closed; with `smoke`, call it after the first frame and quit."""
    prepare_environment()  # the on-screen Pinyin keyboard, before the QApplication exists
    app = make_application(services.settings.language)
    install_camera(services, app)
    screen = app.primaryScreen().geometry()
    width, height = (1920, 1080) if windowed else (screen.width(), screen.height())
    shell = KioskShell(app, services, executor, width=width, height=height, status_now=False)
    window = shell.window
    # Every event that passes a Python filter makes PySide build the Python types of its
    # class and enums (~60 ms for the first frame's events): the filters start right after.
    for event_filter in shell.input_filters():
        app.removeEventFilter(event_filter)

    def after_first_frame() -> None:
        for event_filter in shell.input_filters():
            app.installEventFilter(event_filter)
        shell.refresh_status()
        if smoke is not None:
            smoke()
            app.quit()
            return
        shell.start_background_work()

    painter_watch = _FirstPaint(after_first_frame)
    window.installEventFilter(painter_watch)
    if windowed:
        window.show()
    else:
        shell.assist.lock_down(app)
    start_watchdog(app)
    try:
        return int(app.exec())
    finally:
        shell.sync.stop()


def install_camera(services: Services, app: QApplication) -> None:
    """The document camera through QtMultimedia, unless the demo runs (its simulated camera)
    or one was chosen already; built on the UI thread, before any page asks for it."""
    if services.demo or services.camera is not None:
        return
    from kiosk.ui.camera import QtDocumentCamera

    services.install_camera(QtDocumentCamera(app))


def start_watchdog(app: QApplication) -> QTimer | None:
    """Under systemd ($NOTIFY_SOCKET): READY=1 now, then WATCHDOG=1 from the event loop, so a
    hung UI stops the heartbeat and systemd restarts the session (kiosk.watchdog)."""
    from kiosk.watchdog import from_environment

    notifier = from_environment()
    if notifier is None:
        return None
    timer = QTimer(app)
    timer.timeout.connect(lambda: notifier.alive())  # a lambda keeps the notifier alive
    timer.start(notifier.interval_ms)
    notifier.ready()
    return timer


LAYOUT_ROUNDS = 8


def _settle(app: QApplication, tasks: TaskRunner, rounds: int = 200) -> None:
    """Let queued service calls come back and layouts settle before a grab."""
    import time

    for _ in range(rounds):
        app.processEvents()
        if tasks.pending == 0:
            break
        time.sleep(0.005)
    for _ in range(LAYOUT_ROUNDS):  # each round settles one more level of nested layouts
        app.processEvents()

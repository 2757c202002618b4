"""The kiosk's help for elderly villagers, attached to a running shell in one place.

Voice guidance (on with the large mode or the `voice` setting), the on-screen keyboard glue,
the attract screen after a long quiet time on the home page, the lockdown, and the parts of
the session wipe the pages cannot do themselves: the input method's composition and learned
words, what voice guidance would read again, selections and scroll positions. `last_wipe_ms`
is how long the last whole wipe took (pages included), for the tests and the log.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.attract_page import AttractPage, AttractTimer
from kiosk.ui.idle import scrub
from kiosk.ui.keyboard import KeyboardGlue
from kiosk.ui.lockdown import Lockdown
from kiosk.ui.voice import Voice, VoiceGuide

log = logging.getLogger(__name__)


class Assist(QObject):
    def __init__(self, shell: Any, *, voice_engine: str | None = None):
        super().__init__(shell)
        # No reference back to the shell: a cycle would keep a finished shell (and its idle
        # and status timers) alive until the garbage collector runs.
        self.window = shell.window
        self.idle = shell.idle
        settings = shell.services.settings
        window = shell.window
        self.keyboard = KeyboardGlue(self)
        shell.app.installEventFilter(self.keyboard)
        self._voice_setting = bool(settings.get("kiosk", "voice"))
        self.voice = Voice(voice_engine, enabled=self._voice_wanted(shell.theme.elderly),
                           parent=self)
        self.guide = VoiceGuide(self.voice, window, self)
        window.elderly_mode_toggled.connect(self._on_elderly_mode_toggled)
        shell.idle.countdown_started.connect(self._on_countdown_started)
        window.add_page_loader("attract", lambda: AttractPage)  # built when first shown
        self.attract = AttractTimer(window, int(settings.get("kiosk", "attract_after_s")), self)
        shell.idle.activity.connect(self._on_activity)
        window.page_changed.connect(self._on_page_changed)
        window.session_wiped.connect(self._on_session_wiped)
        self.lockdown = Lockdown(window, hide_cursor=bool(settings.get("kiosk", "hide_cursor")),
                                 parent=self)
        self.lockdown.admin_gesture.connect(lambda: window.show_page("staff"))
        self.last_wipe_ms = 0.0
        self.attract.restart()

    def _voice_wanted(self, elderly: bool) -> bool:
        return self._voice_setting or elderly

    def lock_down(self, app: QApplication) -> None:
        self.lockdown.apply(app)

    def _on_elderly_mode_toggled(self, elderly: bool) -> None:
        self.guide.set_enabled(self._voice_wanted(elderly))

    def _on_countdown_started(self, _seconds: int) -> None:
        self.guide.announce_countdown(self.window.overlay)

    def _on_activity(self) -> None:
        if self.window.current_page.page_id in ("home", "attract"):
            self.attract.restart()

    def _on_page_changed(self, page_id: str) -> None:
        self.idle.suspended = page_id == "attract"
        footer = self.window.findChild(QWidget, "footer")
        if footer is not None:  # on the attract screen any touch starts: no buttons
            footer.setVisible(page_id != "attract")
        if page_id == "home":
            self.attract.restart()

    def _on_session_wiped(self) -> None:
        """After every page's wipe: the parts no page owns."""
        self.keyboard.forget()
        self.guide.forget()
        scrub(self.window)
        self.attract.restart()
        started = self.idle.expired_at
        if started:
            self.last_wipe_ms = (time.perf_counter() - started) * 1000
            self.idle.expired_at = 0.0
            log.info("session wiped in %.1f ms", self.last_wipe_ms)

"""Lockdown: the villager cannot leave the kiosk, an admin can.

Full screen, frameless, on top; no context menus anywhere; the window manager's close (Alt+F4,
a close button) and the usual application shortcuts are swallowed inside the app; a
minimised or un-fullscreened window goes back to full screen. The cursor is hidden on touch
terminals (setting `hide_cursor`). The desktop session itself (auto-login, no panel, no
switching) is the installer's part.

Leaving takes an admin gesture plus the admin PIN: five touches in the top-left corner
within four seconds emit `admin_gesture`, which the shell answers by opening the staff page;
there the admin signs in with the PIN and chooses "Exit the kiosk" (issue 9's
`authorize_exit` checks the PIN and records it). That exit quits the application, which
closes the window without a spontaneous close event, so the close guard lets it through.
`ExitAuthorizer` is the small interface for any other exit path.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

GESTURE_TAPS = 5
GESTURE_WINDOW_S = 4.0
CORNER_FRACTION = 0.08  # of the window's width, from the top-left corner

BLOCKED_KEYS = {
    QKeySequence.StandardKey.Close, QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.FullScreen, QKeySequence.StandardKey.Print,
}
BLOCKED_WITH_CTRL = {Qt.Key.Key_Q, Qt.Key.Key_W, Qt.Key.Key_Alt, Qt.Key.Key_Escape}
BLOCKED_PLAIN = {Qt.Key.Key_F4, Qt.Key.Key_F11, Qt.Key.Key_Escape, Qt.Key.Key_Super_L,
                 Qt.Key.Key_Super_R, Qt.Key.Key_Meta, Qt.Key.Key_Menu}


class ExitAuthorizer(Protocol):
    """Checks an admin's PIN before the kiosk may be left (issue 9: `authorize_exit`)."""

    def __call__(self, user_id: str, pin: str) -> object:
        """Return on success; raise a KioskError (wrong PIN, locked, not an admin) otherwise."""


class Lockdown(QObject):
    """App-wide event filter for a locked-down window."""

    admin_gesture = Signal()

    def __init__(self, window: QWidget, *, hide_cursor: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.hide_cursor = hide_cursor
        self.active = False
        self._taps: list[float] = []
        self._last_press = -1

    def apply(self, app: QApplication) -> None:
        """Lock the window down and show it full screen."""
        self.active = True
        self.window.setWindowFlags(Qt.WindowType.FramelessWindowHint
                                   | Qt.WindowType.WindowStaysOnTopHint)
        self.window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        if self.hide_cursor:
            app.setOverrideCursor(Qt.CursorShape.BlankCursor)
        app.installEventFilter(self)
        self.window.showFullScreen()

    def release(self, app: QApplication) -> None:
        self.active = False
        app.removeEventFilter(self)
        if self.hide_cursor:
            app.restoreOverrideCursor()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind == QEvent.Type.Close and watched is self.window and event.spontaneous():
            event.ignore()  # Alt+F4 / the window manager; an admin's exit quits the app
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
                and isinstance(event, QKeyEvent) and self._blocked(event):
            return True
        if kind == QEvent.Type.WindowStateChange and watched is self.window and self.active \
                and not self.window.isFullScreen():
            QTimer.singleShot(0, self.window.showFullScreen)
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and isinstance(watched, QWidget) and watched.window() is self.window \
                and event.timestamp() != self._last_press:  # once per touch, not per parent
            self._last_press = event.timestamp()
            self._on_press(event.globalPosition().toPoint())
        return False

    @staticmethod
    def _blocked(event: QKeyEvent) -> bool:
        if any(event.matches(key) for key in BLOCKED_KEYS):
            return True
        key = Qt.Key(event.key())
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return key in BLOCKED_PLAIN or (alt and key == Qt.Key.Key_Tab) \
            or (ctrl and key in BLOCKED_WITH_CTRL)

    def _on_press(self, global_pos: object) -> None:
        from PySide6.QtCore import QPoint

        assert isinstance(global_pos, QPoint)
        local = self.window.mapFromGlobal(global_pos)
        corner = max(60, int(self.window.width() * CORNER_FRACTION))
        if local.x() > corner or local.y() > corner:
            self._taps.clear()
            return
        now = time.monotonic()
        self._taps = [t for t in self._taps if now - t <= GESTURE_WINDOW_S] + [now]
        if len(self._taps) >= GESTURE_TAPS:
            self._taps.clear()
            self.admin_gesture.emit()

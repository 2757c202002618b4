"""Idle reset: a countdown after a quiet period that any touch cancels, then a full wipe.

The monitor watches every touch, click and key in the application. After the page's idle time
it shows the countdown overlay ("还需要更多时间吗?"); a touch anywhere gives the villager more
time; when the countdown ends, `session_expired` fires and the window wipes every page.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets import big_button, text_label

ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
    QEvent.Type.Wheel, QEvent.Type.TabletPress,
}


class CountdownOverlay(QWidget):
    more_time_requested = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        card = self.card = QWidget()
        card.setObjectName("overlayCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(64, 48, 64, 48)
        inner.setSpacing(28)
        inner.addWidget(text_label(self.tr("Do you need more time?"), role="pageTitle"))
        self.countdown = text_label("", role="countdown")
        inner.addWidget(self.countdown)
        inner.addWidget(text_label(self.tr(
            "Touch anywhere to continue. Otherwise the screen returns to the start and "
            "everything you entered is cleared.")))
        button = big_button(self.tr("I need more time"), primary=True)
        button.clicked.connect(self.more_time_requested.emit)
        inner.addWidget(button)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def show_seconds(self, seconds_left: int) -> None:
        self.countdown.setText(self.tr("%n second(s) left", "", seconds_left))

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            width = int(parent.width() * 0.6)
            self.card.setFixedWidth(width)
            layout = self.card.layout()
            if layout is not None:
                self.card.setFixedHeight(layout.totalHeightForWidth(width))
        self.raise_()
        self.show()


class IdleMonitor(QObject):
    activity = Signal()
    countdown_started = Signal(int)
    countdown_ticked = Signal(int)
    countdown_cancelled = Signal()
    session_expired = Signal()

    def __init__(self, idle_s: int, countdown_s: int, parent: QObject | None = None):
        super().__init__(parent)
        self.idle_s = idle_s
        self.countdown_s = countdown_s
        self._left = 0
        self.suspended = False  # on the attract screen there is nothing to wipe
        self.expired_at = 0.0  # perf_counter() when the last session_expired began
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    @property
    def counting_down(self) -> bool:
        return self._tick.isActive()

    def set_idle_seconds(self, seconds: int) -> None:
        self.idle_s = seconds
        self.touch()

    def touch(self) -> None:
        """Activity: cancel any countdown and start the quiet period again."""
        if self._tick.isActive():
            self._tick.stop()
            self.countdown_cancelled.emit()
        self._idle.start(self.idle_s * 1000)
        self.activity.emit()

    def expire_now(self) -> None:
        """End the session at once (the villager pressed "finish", or a test)."""
        self._tick.stop()
        self._idle.stop()
        self.expired_at = time.perf_counter()
        self.session_expired.emit()
        self._idle.start(self.idle_s * 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.touch()
        return False

    def _on_idle(self) -> None:
        if self.suspended:
            return
        self._left = self.countdown_s
        self.countdown_started.emit(self._left)
        self._tick.start()

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown_ticked.emit(self._left)
            return
        self._tick.stop()
        self.expired_at = time.perf_counter()
        self.session_expired.emit()
        self._idle.start(self.idle_s * 1000)


def scrub(root: QWidget) -> None:
    """The wipe's safety net under every page's own `wipe()`: typed text, selections and
    scroll positions anywhere under `root` go back to their start."""
    for edit in root.findChildren(QLineEdit):
        if not edit.isReadOnly():
            edit.clear()
    for text in root.findChildren(QPlainTextEdit):
        if not text.isReadOnly():
            text.clear()
    for rich in root.findChildren(QTextEdit):
        if not rich.isReadOnly():
            rich.clear()
    for view in root.findChildren(QAbstractItemView):
        view.clearSelection()
    for area in root.findChildren(QAbstractScrollArea):
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            bar.setValue(bar.minimum())

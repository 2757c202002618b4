"""The header: village name, date and time, network state and how old the data is.

The network state and the data's age stand on two short lines in one column rather than side by
side: on one line the longest English state ("Network down, working offline · 9999 items
waiting to send") pushed the header past a 1920-pixel screen in 长辈版 and squeezed the text.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.services.status import TerminalStatus


class Header(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        self.village = QLabel()
        self.village.setObjectName("villageName")
        self.network = QLabel()
        self.freshness = QLabel()
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        state = QVBoxLayout()
        state.setSpacing(0)
        state.addWidget(self.network, 0, Qt.AlignmentFlag.AlignRight)
        state.addWidget(self.freshness, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.village)
        layout.addStretch(1)
        layout.addLayout(state)
        layout.addSpacing(40)
        layout.addWidget(self.clock)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()

    def show_status(self, status: TerminalStatus) -> None:
        self.village.setText(status.village_name or self.tr("Village service point"))
        if status.online is None:
            self.network.setText(self.tr("Offline mode"))
        elif status.online:
            self.network.setText(self.tr("Network OK"))
        else:
            self.network.setText(self.tr("Network down, working offline"))
        if status.data_as_of is None:
            age = self.tr("No data yet")
        else:
            local = status.data_as_of.astimezone()
            age = self.tr("Data as of %1").replace("%1", f"{local.month}/{local.day} {local:%H:%M}")
        if status.pending:
            age = self.tr("%n item(s) waiting to send", "", status.pending) + " · " + age
        self.freshness.setText(age)

    def show_time(self, now: datetime) -> None:
        """The clock line; the weekday in the kiosk's language (QLocale's default)."""
        moment = QDateTime(now.year, now.month, now.day, now.hour, now.minute, now.second)
        weekday = QLocale().toString(moment, "dddd")
        self.clock.setText(f"{now:%Y-%m-%d} {weekday} {now:%H:%M}")

    def _tick(self) -> None:
        self.show_time(datetime.now())

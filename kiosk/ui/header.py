"""The header: village name, date and time, network state and how old the data is."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.services.status import TerminalStatus


class Header(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        self.village = QLabel()
        self.village.setObjectName("villageName")
        self.network = QLabel()
        self.freshness = QLabel()
        self.clock = QLabel()
        self.clock.setObjectName("clock")
        layout.addWidget(self.village)
        layout.addStretch(1)
        layout.addWidget(self.network)
        layout.addSpacing(32)
        layout.addWidget(self.freshness)
        layout.addSpacing(32)
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
        if status.pending:
            self.network.setText(self.network.text() + " · " + self.tr(
                "%n item(s) waiting to send", "", status.pending))
        if status.data_as_of is None:
            self.freshness.setText(self.tr("No data yet"))
        else:
            local = status.data_as_of.astimezone()
            self.freshness.setText(self.tr("Data as of %1").replace(
                "%1", f"{local.month}/{local.day} {local:%H:%M}"))

    def _tick(self) -> None:
        now = datetime.now()
        weekday = QLocale().toString(QDateTime.currentDateTime(), "dddd")
        self.clock.setText(f"{now:%Y-%m-%d} {weekday} {now:%H:%M}")

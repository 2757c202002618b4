"""The clerk's queue: filters (status, service, date, channel), counts, and the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.staff.labels import channel_text, date_range_text, outbox_text, status_text
from kiosk.ui.widgets import big_button, text_label

STATUSES = ("received", "accepted", "needs_materials", "in_review", "approved", "rejected",
            "completed", "withdrawn")


class WorkbenchView(QWidget):
    """Dumb: `set_queue(queue)` shows it; filters and choices come out as signals."""

    filters_changed = Signal(object)  # {"status", "service_id", "channel", "date_range"}
    application_opened = Signal(str)
    assisted_entry_requested = Signal(str)  # service id
    console_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.status = self._combo(self.tr("Status"))
        self.status.addItem(self.tr("All statuses"), None)
        for status in STATUSES:
            self.status.addItem(status_text(status), status)
        self.service = self._combo(self.tr("Service"))
        self.service.addItem(self.tr("All services"), None)
        self.channel = self._combo(self.tr("Channel"))
        self.channel.addItem(self.tr("All channels"), None)
        for channel in ("self_service", "clerk_assisted"):
            self.channel.addItem(channel_text(channel), channel)
        self.date_range = self._combo(self.tr("Date"))
        for key in ("all", "today", "7d", "30d"):
            self.date_range.addItem(date_range_text(key), key)
        for combo in (self.status, self.service, self.channel, self.date_range):
            filters.addWidget(combo, 1)
            combo.currentIndexChanged.connect(self._on_filter_changed)
        layout.addLayout(filters)
        self.counts = text_label("", role="hint")
        layout.addWidget(self.counts)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("Submitted"), self.tr("Receipt code"), self.tr("Service"),
            self.tr("Applicant"), self.tr("Status"), self.tr("Sent")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.cellClicked.connect(self._on_cell_clicked)
        layout.addWidget(self.table, 1)
        self.empty = text_label(self.tr("No applications match these filters."), role="hint")
        layout.addWidget(self.empty)
        actions = QHBoxLayout()
        self.assisted_service = QComboBox()
        self.assisted_service.setObjectName("fieldInput")
        self.assisted_service.setAccessibleName(self.tr("Service for assisted entry"))
        actions.addWidget(self.assisted_service, 2)
        self.assisted = big_button(self.tr("Fill in for a villager (代办)"))
        self.assisted.clicked.connect(self._on_assisted_clicked)
        actions.addWidget(self.assisted, 1)
        self.console = big_button(self.tr("Admin console"))
        self.console.clicked.connect(self.console_requested.emit)
        actions.addWidget(self.console)
        layout.addLayout(actions)
        self._ids: list[str] = []

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("fieldInput")
        combo.setAccessibleName(name)
        return combo

    def filters(self) -> dict[str, Any]:
        return {"status": self.status.currentData(), "service_id": self.service.currentData(),
                "channel": self.channel.currentData(),
                "date_range": self.date_range.currentData() or "all"}

    def _on_filter_changed(self) -> None:
        self.filters_changed.emit(self.filters())

    def set_admin(self, is_admin: bool) -> None:
        self.console.setVisible(is_admin)

    def set_services(self, services: list[tuple[str, str]]) -> None:
        """Services a villager can apply for: the choices for assisted entry."""
        self.assisted_service.clear()
        for service_id, name in services:
            self.assisted_service.addItem(name, service_id)
        self.assisted.setEnabled(bool(services))

    def set_queue(self, queue: Any) -> None:
        """Show a `kiosk.services.clerk.Queue`: counts per status and the rows."""
        self._set_service_filter(queue.services)
        parts = [f"{status_text(s)} {n}" for s, n in sorted(queue.counts.items())]
        self.counts.setText(self.tr("Total %1").replace("%1", str(queue.total))
                            + ("  ·  " + "  ·  ".join(parts) if parts else ""))
        self.table.setRowCount(len(queue.rows))
        self._ids = []
        for index, row in enumerate(queue.rows):
            self._ids.append(row.application_id)
            cells = [row.submitted_at.replace("T", " ")[:16], row.receipt_code,
                     row.service_name, row.applicant_name_masked, status_text(row.status),
                     outbox_text(row.outbox_state)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(index, column, item)
        self.empty.setVisible(not queue.rows)

    def _set_service_filter(self, services: list[tuple[str, str]]) -> None:
        chosen = self.service.currentData()
        known = [self.service.itemData(i) for i in range(1, self.service.count())]
        if known == [s for s, _ in services]:
            return
        self.service.blockSignals(True)
        while self.service.count() > 1:
            self.service.removeItem(1)
        for service_id, name in services:
            self.service.addItem(name, service_id)
        index = self.service.findData(chosen)
        self.service.setCurrentIndex(max(0, index))
        self.service.blockSignals(False)

    def application_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _on_cell_clicked(self, row: int, _column: int) -> None:
        application_id = self.application_at(row)
        if application_id:
            self.application_opened.emit(application_id)

    def _on_assisted_clicked(self) -> None:
        service_id = self.assisted_service.currentData()
        if service_id:
            self.assisted_entry_requested.emit(str(service_id))

    def clear(self) -> None:
        self.table.setRowCount(0)
        self._ids = []
        self.counts.clear()
        for combo in (self.status, self.service, self.channel, self.date_range):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)

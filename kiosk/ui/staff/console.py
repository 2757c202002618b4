"""The admin console: device health, sync now, backup and restore, export, setup, exit."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.staff.detail import plain
from kiosk.ui.widgets import big_button

DEFAULT_USB = "/media/usb"
STATUS_COLOURS = {"ok": "#1b5e20", "warn": "#8a5300", "fail": "#b71c1c"}


class ConsoleView(QWidget):
    """Dumb: `show_health(items)`, `set_backups(paths)`; every button is a named signal."""

    refresh_requested = Signal()
    sync_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal(str)
    export_requested = Signal(str)
    setup_requested = Signal()
    workbench_requested = Signal()
    exit_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels([self.tr("Check"), self.tr("State"),
                                              self.tr("Detail")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.message = plain("", role="hint")
        layout.addWidget(self.message)
        grid = QGridLayout()
        buttons = [
            (self.tr("Refresh"), self.refresh_requested.emit),
            (self.tr("Sync now"), self.sync_requested.emit),
            (self.tr("Back up now"), self.backup_requested.emit),
            (self.tr("Setup"), self.setup_requested.emit),
            (self.tr("Workbench"), self.workbench_requested.emit),
            (self.tr("Exit the kiosk"), self.exit_requested.emit),
        ]
        for index, (text, slot) in enumerate(buttons):
            button = big_button(text)
            button.clicked.connect(slot)
            grid.addWidget(button, 0, index)
        self.backups = QComboBox()
        self.backups.setObjectName("fieldInput")
        self.backups.setAccessibleName(self.tr("Backup to restore"))
        grid.addWidget(self.backups, 1, 0, 1, 4)
        restore = big_button(self.tr("Restore…"))
        restore.clicked.connect(self._on_restore_clicked)
        grid.addWidget(restore, 1, 4, 1, 2)
        self.usb = QLineEdit(DEFAULT_USB)
        self.usb.setObjectName("fieldInput")
        self.usb.setMaxLength(255)
        self.usb.setAccessibleName(self.tr("USB folder"))
        grid.addWidget(self.usb, 2, 0, 1, 4)
        export = big_button(self.tr("Export logs and audit"))
        export.clicked.connect(lambda: self.export_requested.emit(self.usb.text().strip()))
        grid.addWidget(export, 2, 4, 1, 2)
        layout.addLayout(grid)
        self._confirm_restore = ""

    def show_health(self, items: list[Any]) -> None:
        self.table.setRowCount(len(items))
        names = {"ok": self.tr("OK"), "warn": self.tr("Warning"), "fail": self.tr("Fault")}
        for row, item in enumerate(items):
            cells = [item.name, names.get(item.status, item.status), item.detail]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if column == 1:
                    cell.setForeground(QColor(STATUS_COLOURS.get(item.status, "#000000")))
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def set_backups(self, paths: list[Any]) -> None:
        self.backups.clear()
        for path in paths:
            self.backups.addItem(path.name, str(path))

    def _on_restore_clicked(self) -> None:
        chosen = self.backups.currentData()
        if not chosen:
            self.show_message(self.tr("There is no backup to restore."))
            return
        if self._confirm_restore != chosen:  # a second press confirms
            self._confirm_restore = str(chosen)
            self.show_message(self.tr(
                "Restoring replaces today's data with the backup and restarts the kiosk. "
                "Press Restore again to confirm."))
            return
        self._confirm_restore = ""
        self.restore_requested.emit(str(chosen))

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def clear(self) -> None:
        self.table.setRowCount(0)
        self.backups.clear()
        self.usb.setText(DEFAULT_USB)
        self.message.clear()
        self._confirm_restore = ""

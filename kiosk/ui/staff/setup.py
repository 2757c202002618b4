"""First-run setup: terminal id, village, province URL and enrollment, printer, card reader,
idle times, language, and clerks' sign-in cards. Values go to the admin service, which
validates and saves them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.staff.detail import plain
from kiosk.ui.widgets import big_button


class SetupView(QWidget):
    """Dumb: `show_settings(values)`; `save_requested(changes)`, `enroll_requested(...)`."""

    save_requested = Signal(object)  # {(section, key): value}
    enroll_requested = Signal(str, str, str)  # url, terminal id, one-time code
    printer_test_requested = Signal()
    reader_test_requested = Signal()
    staff_card_requested = Signal(str)  # staff number: the next card read becomes theirs
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.terminal_id = self._line(16, "T-330110-0001")
        self.village_code = self._line(12, "330110001001")
        self.village_name = self._line(40, "")
        self.url = self._line(255, "https://")
        self.code = self._line(200, "")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.printer = QComboBox()
        self.printer.setObjectName("fieldInput")
        for backend in ("file", "cups", "escpos"):
            self.printer.addItem(backend, backend)
        self.idle = self._spin(15, 3600)
        self.form_idle = self._spin(15, 7200)
        self.language = QComboBox()
        self.language.setObjectName("fieldInput")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.card_for = self._line(12, "1001")
        self.card_for.setValidator(QRegularExpressionValidator(
            QRegularExpression("[0-9]{0,12}"), self.card_for))
        card_button = big_button(self.tr("Enroll staff card"), name="quiet")
        card_button.clicked.connect(self._on_card_clicked)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card_for, 1)
        card_row.addWidget(card_button)
        rows = [(self.tr("Terminal id"), self.terminal_id),
                (self.tr("Village code"), self.village_code),
                (self.tr("Village name"), self.village_name),
                (self.tr("Province URL"), self.url),
                (self.tr("Enrollment code"), self.code),
                (self.tr("Printer"), self.printer),
                (self.tr("Idle seconds"), self.idle),
                (self.tr("Idle seconds in forms"), self.form_idle),
                (self.tr("Language"), self.language)]
        for text, widget in rows:
            widget.setAccessibleName(text)
            form.addRow(plain(text, role="fieldLabel"), widget)
        self.card_for.setAccessibleName(self.tr("Staff card for staff number"))
        form.addRow(plain(self.tr("Staff card for"), role="fieldLabel"), card_row)
        # The form scrolls (it is taller than a 1366x768 screen in 长辈版); the message and the
        # buttons below it stay in sight.
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.message = plain("", role="hint")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("◀ Console"), self.back_requested.emit),
                           (self.tr("Save"), self._on_save_clicked),
                           (self.tr("Enroll"), self._on_enroll_clicked),
                           (self.tr("Printer test page"), self.printer_test_requested.emit),
                           (self.tr("Card reader test"), self.reader_test_requested.emit)):
            button = big_button(text, primary=text == self.tr("Save"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _line(self, length: int, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName("fieldInput")
        line.setMaxLength(length)
        line.setPlaceholderText(placeholder)
        return line

    def _spin(self, low: int, high: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName("fieldInput")
        spin.setRange(low, high)
        return spin

    def show_settings(self, values: dict[tuple[str, str], Any]) -> None:
        self.terminal_id.setText(str(values[("terminal", "id")]))
        self.village_code.setText(str(values[("terminal", "village_code")]))
        self.village_name.setText(str(values[("terminal", "village_name")]))
        self.url.setText(str(values[("province", "url")]))
        self.printer.setCurrentIndex(max(0, self.printer.findData(
            values[("printer", "backend")])))
        self.idle.setValue(int(values[("kiosk", "idle_timeout_s")]))
        self.form_idle.setValue(int(values[("kiosk", "form_idle_timeout_s")]))
        self.language.setCurrentIndex(max(0, self.language.findData(
            values[("kiosk", "language")])))
        self.code.clear()

    def changes(self) -> dict[tuple[str, str], Any]:
        return {("terminal", "id"): self.terminal_id.text().strip(),
                ("terminal", "village_code"): self.village_code.text().strip(),
                ("terminal", "village_name"): self.village_name.text().strip(),
                ("province", "url"): self.url.text().strip(),
                ("printer", "backend"): self.printer.currentData(),
                ("kiosk", "idle_timeout_s"): self.idle.value(),
                ("kiosk", "form_idle_timeout_s"): self.form_idle.value(),
                ("kiosk", "language"): self.language.currentData()}

    def _on_save_clicked(self) -> None:
        self.save_requested.emit(self.changes())

    def _on_enroll_clicked(self) -> None:
        if not self.code.text().strip():
            self.show_message(self.tr("Enter the one-time enrollment code from the province."))
            return
        self.enroll_requested.emit(self.url.text().strip(), self.terminal_id.text().strip(),
                                   self.code.text().strip())

    def _on_card_clicked(self) -> None:
        if not self.card_for.text():
            self.show_message(self.tr("Type the clerk's staff number, then press the button "
                                      "and put their card in the reader."))
            return
        self.staff_card_requested.emit(self.card_for.text())

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def clear(self) -> None:
        for line in (self.terminal_id, self.village_code, self.village_name, self.url,
                     self.code, self.card_for):
            line.clear()
        self.message.clear()

"""Sign-in for clerks and admins: staff number (or an enrolled card) and PIN on the number pad.

The staff number field takes digits only, so a PIN typed into it by mistake is still only a
failed sign-in and is never shown, logged or audited. With a card in the reader that an admin
enrolled for a clerk, the card stands in for the staff number: the PIN is still asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.widgets import NumberPad, big_button, text_label

ID_MAX = 12
PIN_MAX = 12


class SignInView(QWidget):
    """Dumb: emits `sign_in_requested(staff_id, pin)`, or `card_sign_in_requested(pin)` while a
    card is presented; the page holds the card's keys and shows the answer."""

    sign_in_requested = Signal(str, str)
    card_sign_in_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)  # the notice spans both halves: one line even in 长辈版
        column.addWidget(text_label(self.tr(
            "For village clerks and administrators. Villagers: please press Home.")))
        outer = QHBoxLayout()
        outer.setSpacing(48)
        column.addLayout(outer, 1)
        left = QVBoxLayout()
        grid = QGridLayout()
        self.staff_id_label = _field_label(self.tr("Staff number"))
        grid.addWidget(self.staff_id_label, 0, 0)
        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("fieldInput")
        self.staff_id.setMaxLength(ID_MAX)
        self.staff_id.setValidator(QRegularExpressionValidator(
            QRegularExpression("[0-9]{0,12}"), self.staff_id))
        self.staff_id.setAccessibleName(self.tr("Staff number"))
        grid.addWidget(self.staff_id, 0, 1)
        grid.addWidget(_field_label(self.tr("PIN")), 1, 0)
        self.pin = QLineEdit()
        self.pin.setObjectName("fieldInput")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,12}"),
                                                          self.pin))
        self.pin.setAccessibleName(self.tr("PIN"))
        grid.addWidget(self.pin, 1, 1)
        self.card_note = text_label("", role="hint")
        self.card_note.hide()
        left.addWidget(self.card_note)
        left.addLayout(grid)
        self._card = False
        self.message = text_label("", role="error")
        self.message.hide()
        left.addWidget(self.message)
        self.submit = big_button(self.tr("Sign in"), primary=True)
        self.submit.clicked.connect(self._on_submit)
        left.addWidget(self.submit)
        left.addStretch(1)
        outer.addLayout(left, 1)
        self.pad = NumberPad(with_x=False)
        self.pad.key_pressed.connect(self._on_key)
        self.pad.backspace_pressed.connect(self._on_backspace)
        outer.addWidget(self.pad, 1)
        self.staff_id.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._on_submit)
        self._target = self.staff_id
        self.staff_id.installEventFilter(self)
        self.pin.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A touch on a field makes it the one the number pad types into."""
        if event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            if watched is self.pin:
                self._target = self.pin
            elif watched is self.staff_id:
                self._target = self.staff_id
        return False

    def _active(self) -> QLineEdit:
        return self._target

    def _on_key(self, key: str) -> None:
        field = self._active()
        if len(field.text()) < field.maxLength():
            field.setText(field.text() + key)

    def _on_backspace(self) -> None:
        field = self._active()
        field.setText(field.text()[:-1])

    def _on_submit(self) -> None:
        if self._card and self.pin.text():
            self.submit.setEnabled(False)
            self.card_sign_in_requested.emit(self.pin.text())
            return
        if not self.staff_id.text() and not self._card:
            self._target = self.staff_id
            self.show_message(self.tr("Enter your staff number first."))
            return
        if not self.pin.text():
            self._target = self.pin
            self.show_message(self.tr("Now enter your PIN."))
            return
        self.submit.setEnabled(False)
        self.sign_in_requested.emit(self.staff_id.text(), self.pin.text())

    @property
    def card_mode(self) -> bool:
        return self._card

    def card_presented(self) -> None:
        """A card is in the reader: it names the account; the PIN is still needed."""
        self._card = True
        self.staff_id.clear()
        self.staff_id.setEnabled(False)
        self.staff_id.hide()  # the card note takes the staff number's place
        self.staff_id_label.hide()
        self.card_note.setText(self.tr("Card read. Enter your PIN to sign in with it."))
        self.card_note.show()
        self.message.clear()
        self.message.hide()
        self.focus_pin()

    def card_withdrawn(self) -> None:
        self._card = False
        self.staff_id.setEnabled(True)
        self.staff_id.show()
        self.staff_id_label.show()
        self.card_note.clear()
        self.card_note.hide()
        self._target = self.staff_id

    def focus_pin(self) -> None:
        self._target = self.pin
        self.pin.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.submit.setEnabled(True)

    def failed_text(self) -> str:
        """The one message for every refused sign-in (see kiosk.services.auth)."""
        return self.tr("Sign-in failed. Check the staff number (or card) and the PIN.")

    def failed(self, text: str) -> None:
        """A refused sign-in: the PIN is cleared, the staff number kept."""
        self.pin.clear()
        self.focus_pin()
        self.show_message(text)

    def clear(self) -> None:
        self.card_withdrawn()
        self.staff_id.clear()
        self.pin.clear()
        self.message.clear()
        self.message.hide()
        self.submit.setEnabled(True)
        self._target = self.staff_id


def _field_label(text: str) -> QWidget:
    """A short label beside an input: one line, so the grid row is always tall enough for it."""
    label = text_label(text, role="fieldLabel")
    label.setWordWrap(False)
    return label

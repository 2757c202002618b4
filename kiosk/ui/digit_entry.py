"""A typed ID, phone or card number shown so that an elderly villager can check it.

A large box (the `action` size, >= 30 pt) holds the number in the groups printed on the card
(6-8-4 for an ID number), a count under it says how many are typed (已输入 12/18), and the first
mistake is said in words with the position to look at ("第18位校验码不对,请核对") as soon as it
can be known. The rules are in `forms.digit_entry`; these widgets only show them.

`DigitEntry` is the box for a number typed on our own number pad (the subsidy lookup);
`DigitLineEdit` the same box as an editable line for the wizard, where the on-screen keyboard
types into it and the text is regrouped as it grows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from forms.digit_entry import KINDS, EntryProblem, EntryState, entry_state
from forms.identity import clean_number
from kiosk.ui.widgets import text_label


class DigitStatus(QWidget):
    """The two lines under a number: the count, and the first mistake in words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.count = text_label("", role="hint")
        self.message = text_label("", role="error")
        column.addWidget(self.count)
        column.addWidget(self.message)
        self.message.hide()

    def show_state(self, state: EntryState) -> None:
        if state.kind.fixed_length:
            self.count.setText(self.tr("Typed %1/%2").replace("%1", str(state.count))
                               .replace("%2", str(state.kind.max_length)))
        else:
            self.count.setText(self.tr("Typed %n digit(s)", "", state.count))
        self.message.setText(self.explain(state.problem) if state.problem else "")
        self.message.setVisible(state.problem is not None)

    def explain(self, problem: EntryProblem) -> str:
        first = str(problem.first)
        texts = {
            "id_format": self.tr("Character %1 must be a digit; only the last may be X. "
                                 "Please check it.").replace("%1", first),
            "id_birth_date": self.tr("Digits 7 to 14 are not a real birth date. "
                                     "Please check them."),
            "id_checksum": self.tr("Character 18, the check character, does not match. "
                                   "Please check the number."),
            "phone_format": self.tr("Character %1 must be a digit. Please check it.")
            .replace("%1", first),
            "phone_prefix": self.tr("Digit %1 is not right for a mobile number. "
                                    "Please check it.").replace("%1", first),
            "card_format": self.tr("Character %1 must be a digit. Please check it.")
            .replace("%1", first),
            "card_luhn": self.tr("This card number fails its check. Please check it; "
                                 "some old cards do, so go on if it is right."),
        }
        return "⚠ " + texts.get(problem.code, problem.code)


def _boxed(owner: QWidget, box: QWidget) -> DigitStatus:
    """Lay out `box` with the status lines under it; returns the status."""
    column = QVBoxLayout(owner)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(6)
    column.addWidget(box)
    status = DigitStatus()
    column.addWidget(status)
    return status


class DigitEntry(QWidget):
    """The number typed on a number pad, in a large box, with its count and mistakes."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.box = QLabel()
        self.box.setObjectName("digitBox")
        self.box.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.box.setAccessibleName(self.tr("Number typed so far"))
        self.status = _boxed(self, self.box)
        self.state = self.show_typed("")

    def show_typed(self, typed: str) -> EntryState:
        """Show `typed` and return what it amounts to (complete, acceptable, the problem)."""
        self.state = entry_state(self.kind, typed)
        self.box.setText(self.state.grouped or " ")
        self.status.show_state(self.state)
        return self.state


class DigitLineEdit(QWidget):
    """An editable line for the wizard: regrouped as typed, `edited` gives the bare digits."""

    edited = Signal(str)

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.edit = QLineEdit()
        self.edit.setObjectName("digitInput")
        spec = KINDS[kind]
        self.edit.setMaxLength(spec.max_length + spec.max_length // min(spec.groups))
        self.edit.textEdited.connect(self._on_text_edited)
        self.status = _boxed(self, self.edit)
        self.show_number("")

    def show_number(self, text: str) -> EntryState:
        state = entry_state(self.kind, text)
        if self.edit.text() != state.grouped:
            self.edit.setText(state.grouped)
        self.status.show_state(state)
        return state

    def _on_text_edited(self, text: str) -> None:
        digits_before = len(clean_number(text[:self.edit.cursorPosition()]))
        state = self.show_number(text)
        self.edit.setCursorPosition(_position_after(state.grouped, digits_before))
        self.edited.emit(state.typed)


def _position_after(grouped: str, digits: int) -> int:
    """The cursor position in `grouped` just after its first `digits` characters that count."""
    seen = 0
    for index, char in enumerate(grouped):
        if seen == digits:
            return index
        if char != " ":
            seen += 1
    return len(grouped)

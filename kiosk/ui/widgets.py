"""Small dumb widgets shared by pages: data in through setters, intentions out as signals."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

LINE_SPACING = 1.35  # baseline to baseline over the font size; the rule asks for >= 1.3
WRAPS_FROM = 10  # characters: shorter texts (field names, "工号") stay one line, plain text
# Labels whose new text voice guidance reads: errors, results (a lookup's holder and totals
# are instructions on the subsidy page) and instructions that change while a page is shown.
SPOKEN_ROLES = frozenset({"error", "result", "instruction"})


class KioskLabel(QLabel):
    """A text label that keeps line spacing >= 1.3 when its text wraps, whatever the font.

    QSS has no line-height for labels and the CJK fonts we use space lines at about 1.27, so
    a wrapping label renders its text as rich text with a proportional line height. `text()`
    still returns the plain text it was given, and `text_shown` tells voice guidance about
    every new non-empty text (errors, results).
    """

    text_shown = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._plain = ""
        # Plain attributes, not Qt dynamic properties: reading a bool property back through
        # PySide 6.12 loses a reference to Python's True/False and crashes at exit.
        self.spoken = False
        self.voice_connected = False
        self.setText(text)

    def text(self) -> str:
        return self._plain

    def setText(self, text: str) -> None:
        self._plain = text
        self._format()
        if text:
            self.text_shown.emit(text)

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self._format()

    def line_height_px(self) -> int:
        """Pixels from one baseline to the next when the text wraps (as laid out)."""
        if not self._spaced():
            return self.fontMetrics().lineSpacing()
        return math.floor(self.fontMetrics().height() * _line_percent(self.font()) / 100)

    def _spaced(self) -> bool:
        """Rich text with line spacing only for text long enough to wrap: the proportional
        height makes a single line 8% taller too, which tight one-word labels cannot spare.
        (A short text that wraps anyway shows up in `kiosk a11y-report`.)"""
        return self.wordWrap() and (len(self._plain) >= WRAPS_FROM or "\n" in self._plain)

    def _format(self) -> None:
        if not self._spaced():
            self.setTextFormat(Qt.TextFormat.PlainText)
            super().setText(self._plain)
            return
        body = html.escape(self._plain).replace("\n", "<br>")
        self.setTextFormat(Qt.TextFormat.RichText)
        percent = _line_percent(self.font())
        super().setText(f'<p style="line-height:{percent}%">{body}</p>')


def _line_percent(font: QFont) -> int:
    """Qt's proportional line height multiplies the font's own line height; for a family the
    ratio of that height to the font size is the same at every size, so one percentage keeps
    every label of the family at LINE_SPACING whatever size the style sheet gives it."""
    metrics = QFontMetrics(font)
    natural = metrics.height() / max(1, QFontInfo(font).pixelSize())
    return max(100, math.ceil(100 * LINE_SPACING / natural))


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setWordWrap(True)
    return label


def text_label(text: str, role: str = "instruction") -> KioskLabel:
    """A wrapping label styled by `role` (instruction, hint, error, result, ... in the QSS)."""
    label = KioskLabel()
    label.setObjectName(role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.spoken = role in SPOKEN_ROLES
    label.setText(text)
    return label


def big_button(text: str, *, primary: bool = False, name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name or ("primary" if primary else ""))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    button.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return button


PAD_KEYS = {
    "id": "X",      # ID numbers end in a digit or X (GB 11643)
    "digits": "",   # phone numbers, receipt codes
    "money": ".",   # amounts in yuan
}


class NumberPad(QWidget):
    """A large keypad for ID numbers (with X), phone numbers, codes and money; no keyboard.

    `kind` picks the key left of 0: "id" -> X, "money" -> the decimal point, "digits" -> none.
    `with_x` is the older spelling of kind="id" / kind="digits".
    """

    key_pressed = Signal(str)  # a digit, "X" or "."
    backspace_pressed = Signal()

    def __init__(self, *, with_x: bool = True, kind: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind or ("id" if with_x else "digits")
        extra = PAD_KEYS[self.kind]
        grid = QGridLayout(self)
        grid.setSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra, "0", "⌫"]
        for index, key in enumerate(keys):
            if not key:
                continue
            button = big_button(key, name="padKey")
            button.setAccessibleName(self.tr("Delete") if key == "⌫" else key)
            if key == "⌫":
                button.clicked.connect(self.backspace_pressed.emit)
            else:
                button.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
            self.buttons[key] = button
            grid.addWidget(button, index // 3, index % 3)

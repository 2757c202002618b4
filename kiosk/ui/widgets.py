"""Small dumb widgets shared by pages: data in through setters, intentions out as signals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setWordWrap(True)
    return label


def text_label(text: str, role: str = "instruction") -> QLabel:
    label = QLabel(text)
    label.setObjectName(role)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def big_button(text: str, *, primary: bool = False, name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name or ("primary" if primary else ""))
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    button.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return button


class NumberPad(QWidget):
    """A large keypad for ID numbers (with X), phone numbers and codes; no keyboard needed."""

    key_pressed = Signal(str)  # a digit, "X"
    backspace_pressed = Signal()

    def __init__(self, *, with_x: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(12)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X" if with_x else "", "0", "⌫"]
        for index, key in enumerate(keys):
            if not key:
                continue
            button = big_button(key)
            button.setAccessibleName(self.tr("Delete") if key == "⌫" else key)
            if key == "⌫":
                button.clicked.connect(self.backspace_pressed.emit)
            else:
                button.clicked.connect(lambda _=False, k=key: self.key_pressed.emit(k))
            grid.addWidget(button, index // 3, index % 3)

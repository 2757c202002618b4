"""Pieces shared by the voice pages: drawn faces, big toggles, the call-back phone pad."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets import NumberPad, big_button, text_label

FACE_COLOURS = {5: "#1b7a3a", 4: "#3f8f2f", 3: "#8a6d00", 2: "#b35000", 1: "#b71c1c"}


def face_icon(rating: int, side: int = 128) -> QIcon:
    """A round face whose mouth curves from a wide smile (5) to a frown (1)."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(FACE_COLOURS[rating])
    painter.setPen(QPen(colour, side * 0.06))
    painter.setBrush(QColor("#fff6d5"))
    margin = side * 0.06
    painter.drawEllipse(QRectF(margin, margin, side - 2 * margin, side - 2 * margin))
    painter.setBrush(colour)
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(side * x, side * 0.4), side * 0.05, side * 0.05)
    curve = (rating - 3) * 0.09  # + smiles, - frowns
    mouth = QPainterPath(QPointF(side * 0.3, side * 0.66))
    mouth.quadTo(QPointF(side * 0.5, side * (0.66 + 2 * curve)), QPointF(side * 0.7, side * 0.66))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)
    painter.end()
    return QIcon(pixmap)


class FaceButton(QPushButton):
    """A big button with a drawn face over its words (Qt puts an icon beside the text)."""

    def __init__(self, rating: int, words: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("face")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(words)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        column = QVBoxLayout(self)
        self.column = column
        column.setContentsMargins(8, 12, 8, 12)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(face_icon(rating, 160).pixmap(140, 140))
        self.words = text_label(words, role="cardTitle")  # wraps ("Basically satisfied")
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.picture, 1)
        column.addWidget(self.words)

    def sizeHint(self) -> QSize:
        inner = self.column.sizeHint()
        return QSize(max(inner.width(), 120), inner.height())

    def minimumSizeHint(self) -> QSize:
        return self.column.minimumSize()


def scrolled(content: QWidget) -> QScrollArea:
    """Content that may be taller than a small screen in 长辈版 scrolls; buttons stay put."""
    content.setObjectName("wizardContent")
    scroller = QScrollArea()
    scroller.setObjectName("wizardScroll")
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroller.setWidget(content)
    return scroller


class ToggleGrid(QWidget):
    """Big checkable buttons, one per code; `chosen()` lists the codes pressed, in order."""

    changed = Signal()

    def __init__(self, options: Mapping[str, str], columns: int, *, exclusive: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.exclusive = exclusive
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.buttons: dict[str, QPushButton] = {}
        for index, (code, words) in enumerate(options.items()):
            button = big_button(words, name="choice")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self._on_clicked(c))
            self.buttons[code] = button
            grid.addWidget(button, index // columns, index % columns)

    def _on_clicked(self, code: str) -> None:
        if self.exclusive:
            for other, button in self.buttons.items():
                button.setChecked(other == code)
        self.changed.emit()

    def chosen(self) -> list[str]:
        return [code for code, button in self.buttons.items() if button.isChecked()]

    def set_chosen(self, codes: list[str]) -> None:
        for code, button in self.buttons.items():
            button.setChecked(code in codes)

    def clear(self) -> None:
        self.set_chosen([])


class PhoneEntry(QWidget):
    """The call-back phone typed on the number pad, shown in the large grouped box (3-4-4, a
    count, the mistake in words) like every typed number: `finished(number)` ("" for none)."""

    finished = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from kiosk.ui.digit_entry import DigitEntry

        self.typed = ""
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(text_label(self.tr(
            "Type the mobile number we should call you back on (11 digits).")))
        self.digits = DigitEntry("phone")
        self.digits.setAccessibleName(self.tr("Call-back phone"))
        left.addWidget(self.digits)
        self.problem = text_label("", role="error")
        left.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.none = big_button(self.tr("No call-back"))
        self.none.clicked.connect(self._on_none)
        self.ok = big_button(self.tr("OK"), primary=True)
        self.ok.clicked.connect(self._on_ok)
        buttons.addWidget(self.none)
        buttons.addWidget(self.ok)
        left.addLayout(buttons)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.pad = NumberPad(kind="digits")
        self.pad.key_pressed.connect(self._on_key)
        self.pad.backspace_pressed.connect(lambda: self.start(self.typed[:-1]))
        row.addWidget(self.pad, 1)

    def _on_key(self, key: str) -> None:
        if len(self.typed) < 11:
            self.start(self.typed + key)

    def start(self, number: str) -> None:
        self.typed = number
        self.digits.show_typed(number)
        self.problem.setText("")

    def _on_ok(self) -> None:
        number = self.typed
        if number and not self.digits.state.acceptable:
            self.problem.setText(self.tr("A mobile number has 11 digits and starts with 1."))
            return
        self.finished.emit(number)

    def _on_none(self) -> None:
        self.start("")
        self.finished.emit("")

    def clear(self) -> None:
        self.start("")


def refusal_words(error: Exception) -> str:
    """The Chinese half of a service's bilingual refusal ("中文 / English")."""
    words = getattr(error, "words_zh", None)
    if isinstance(words, str) and words:
        return words
    return str(error).split(" / ", 1)[0]

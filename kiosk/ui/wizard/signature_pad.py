"""A signature drawn with a finger on the touch screen, kept as a PNG.

`SignaturePad` records strokes (mouse and touch both arrive as mouse events on a kiosk) and
paints them; `SignatureField` adds "clear" and "confirm": confirming renders the strokes into
a white PNG and hands it to the wizard page (through the `BlobBroker`), which stores it with the
draft and answers the field with its blob reference.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from kiosk.ui.widgets import big_button, text_label
from kiosk.ui.wizard.fields import FieldWidget, register_widget


class SignaturePad(QWidget):
    stroke_finished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.strokes: list[list[QPointF]] = []

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()  # the theme's body size: scales with the screen
        return QSize(line * 20, line * 6)

    @property
    def empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def clear(self) -> None:
        self.strokes = []
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.strokes.append([event.position()])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.strokes:
            self.strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.stroke_finished.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._draw(painter)
        painter.end()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#111111"), max(3.0, self.height() / 60))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        for stroke in self.strokes:
            for start, end in itertools.pairwise(stroke):
                painter.drawLine(start, end)

    def png(self) -> bytes:
        image = QImage(self.size(), QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes; runtime wants str
        return bytes(data.data())


class SignatureField(FieldWidget):
    def build(self) -> None:
        self.pad = SignaturePad()
        self.pad.stroke_finished.connect(self._on_stroke_finished)
        self._layout.addWidget(self.pad)
        row = QHBoxLayout()
        self.state = text_label("", role="instruction")
        row.addWidget(self.state, 1)
        clear = big_button(self.tr("Clear"))
        clear.clicked.connect(self._on_clear)
        row.addWidget(clear)
        self.confirm = big_button(self.tr("Confirm signature"), primary=True)
        self.confirm.clicked.connect(self._on_confirm)
        row.addWidget(self.confirm)
        self._layout.addLayout(row)
        self.set_value(None)

    def _on_stroke_finished(self) -> None:
        self.confirm.setEnabled(not self.pad.empty)

    def _on_clear(self) -> None:
        self.pad.clear()
        self.set_value(None)
        self.changed.emit(None)

    def _on_confirm(self) -> None:
        if not self.pad.empty:
            self.broker.signature_drawn.emit(self, self.pad.png())

    def add_blob(self, entry: dict[str, Any]) -> None:
        self.set_value(entry)
        self.changed.emit(entry)

    def set_value(self, value: Any) -> None:
        signed = isinstance(value, dict)
        if not signed:
            self.pad.clear()
        self.state.setText(self.tr("✔ Signed") if signed
                           else self.tr("Sign in the white box with your finger"))
        self.confirm.setEnabled(not self.pad.empty and not signed)


register_widget("signature", SignatureField)

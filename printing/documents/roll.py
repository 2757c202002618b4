"""A top-down layout for the 80 mm receipt roll, whose page is exactly as long as its content.

A roll has no page height: a fixed A4-like page wastes paper or cuts the receipt. So blocks are
measured first and drawn second; the page height is the sum of the blocks, rounded up to a whole
millimetre so CUPS can be told `media=Custom.80x<len>mm` and keep the receipt its own size.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.documents.text import width, wrap
from printing.fonts import cjk_font

ROLL_WIDTH_MM = 80.0
MARGIN_MM = 4.0
TOP_MM = 4.0
BOTTOM_MM = 8.0  # room above the cutter
MIN_LENGTH_MM = 60.0

Draw = Callable[[Canvas, float], None]  # (canvas, y of the block's top edge in points)


@dataclass
class Block:
    height: float
    draw: Draw


def draw_text(canvas: Canvas, x: float, y: float, text: str, font: str, size: float,
              *, bold: bool = False) -> None:
    """Text at a baseline; `bold` thickens the strokes (the CJK font has one weight only)."""
    if not bold:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    canvas.saveState()  # the text render mode outlives BT/ET: keep it inside this state
    obj = canvas.beginText(x, y)
    obj.setFont(font, size)
    obj.setTextRenderMode(2)
    canvas.setLineWidth(size * 0.04)
    obj.textOut(text)
    canvas.drawText(obj)
    canvas.restoreState()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, side: float) -> None:
    """A QR code (error level M) with its lower-left corner at (x, y).

    Drawn as filled rectangles from the `qrcode` matrix: crisp at any printer resolution, and
    unlike reportlab's QR widget (through renderPDF) it names no unembedded Helvetica.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = side / len(matrix)
    path = canvas.beginPath()
    for row_number, row in enumerate(matrix):
        top = y + side - (row_number + 1) * cell
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                path.rect(x + start * cell, top, (col - start) * cell, cell)
                start = None
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@dataclass
class RollLayout:
    """Blocks stacked from the top of an 80 mm roll."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.font = cjk_font()
        self.left = MARGIN_MM * mm
        self.right = (ROLL_WIDTH_MM - MARGIN_MM) * mm
        self.inner = self.right - self.left

    def space(self, height_mm: float) -> None:
        self.blocks.append(Block(height_mm * mm, lambda c, y: None))

    def text(self, text: str, size: float, *, align: str = "left", bold: bool = False,
             leading: float = 1.35) -> None:
        font = self.font
        for line in wrap(text, font, size, self.inner):
            line_width = width(line, font, size)
            if align == "center":
                x = self.left + (self.inner - line_width) / 2
            elif align == "right":
                x = self.right - line_width
            else:
                x = self.left

            def draw(c: Canvas, y: float, line: str = line, x: float = x) -> None:
                draw_text(c, x, y - size, line, font, size, bold=bold)

            self.blocks.append(Block(size * leading, draw))

    def pair(self, label: str, value: str, size: float = 10, label_width_mm: float = 18) -> None:
        """`label  value` with the value wrapped in its own column."""
        font = self.font
        label_w = label_width_mm * mm
        lines = wrap(value or "-", font, size, self.inner - label_w) or [""]
        leading = size * 1.4

        def draw(c: Canvas, y: float) -> None:
            draw_text(c, self.left, y - size, label, font, size)
            for i, line in enumerate(lines):
                draw_text(c, self.left + label_w, y - size - i * leading, line, font, size)

        self.blocks.append(Block(leading * len(lines), draw))

    def bullets(self, items: tuple[str, ...], size: float = 10) -> None:
        font = self.font
        indent = width("□ ", font, size)
        for item in items:
            lines = wrap(item, font, size, self.inner - indent)
            leading = size * 1.4

            def draw(c: Canvas, y: float, lines: list[str] = lines,
                     leading: float = leading) -> None:
                draw_text(c, self.left, y - size, "□", font, size)
                for i, line in enumerate(lines):
                    draw_text(c, self.left + indent, y - size - i * leading, line, font, size)

            self.blocks.append(Block(leading * len(lines), draw))

    def rule(self, dashed: bool = True) -> None:
        def draw(c: Canvas, y: float) -> None:
            c.saveState()
            c.setLineWidth(0.6)
            if dashed:
                c.setDash(2, 2)
            c.line(self.left, y - 2 * mm, self.right, y - 2 * mm)
            c.restoreState()

        self.blocks.append(Block(4 * mm, draw))

    def qr(self, payload: str, side_mm: float = 30) -> None:
        side = side_mm * mm

        def draw(c: Canvas, y: float) -> None:
            draw_qr(c, payload, self.left + (self.inner - side) / 2, y - side, side)

        self.blocks.append(Block(side + 2 * mm, draw))

    def length_mm(self) -> int:
        content = float(sum(block.height for block in self.blocks) / mm)
        return max(int(MIN_LENGTH_MM), math.ceil(TOP_MM + content + BOTTOM_MM))

    def to_pdf(self) -> tuple[bytes, int]:
        """The PDF bytes and the page length in millimetres."""
        length = self.length_mm()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(ROLL_WIDTH_MM * mm, length * mm),
                        initialFontName=self.font)
        canvas.setTitle(self.title)
        canvas.setCreator("village-kiosk")
        y = (length - TOP_MM) * mm
        for block in self.blocks:
            block.draw(canvas, y)
            y -= block.height
        canvas.showPage()
        canvas.save()
        return buffer.getvalue(), length

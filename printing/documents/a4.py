"""Shared A4 frame: CJK paragraph styles, a header and "第 x 页 / 共 y 页" on every page.

The page total is only known after the last page, so the canvas keeps each page's state and
draws the footers when the document is saved (one pass of layout, not two).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4 as A4_POINTS
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from printing.fonts import cjk_font

MARGIN = 18 * mm
BODY_SIZE = 11.0


def styles() -> dict[str, ParagraphStyle]:
    font = cjk_font()
    base = ParagraphStyle("body", fontName=font, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.45,
                          wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12.5),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=9.5, leading=12.5,
                                     alignment=2),
        "head": ParagraphStyle("head", parent=base, fontSize=9.5, leading=12.5,
                               alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28,
                                alignment=TA_CENTER, spaceAfter=4 * mm),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=15,
                                   alignment=TA_CENTER, textColor=colors.HexColor("#333333"),
                                   spaceAfter=4 * mm),
        "section": ParagraphStyle("section", parent=base, fontSize=12.5, leading=18,
                                  spaceBefore=3 * mm, spaceAfter=1.5 * mm),
    }


def _numbered_canvas(header: str, counter: list[int]) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without this the page stream names Helvetica: an unembedded font in pdffonts.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or cjk_font()
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            counter.append(total)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            font = cjk_font()
            width, height = A4_POINTS
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.drawString(MARGIN, height - 11 * mm, header)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.5)
            self.line(MARGIN, height - 12.5 * mm, width - MARGIN, height - 12.5 * mm)
            self.setFont(font, 9)
            self.drawCentredString(width / 2, 10 * mm,
                                   f"第 {self._pageNumber} 页 / 共 {total} 页")
            self.restoreState()

    return NumberedCanvas


def build_a4(title: str, header: str, story: Sequence[Flowable]) -> tuple[bytes, int]:
    """Lay out `story` on A4 pages; returns the PDF and its page count."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4_POINTS, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=title,
                            creator="village-kiosk", author="village-kiosk")
    counter: list[int] = []
    doc.build(list(story), canvasmaker=_numbered_canvas(header, counter))
    return buffer.getvalue(), counter[-1] if counter else 1


def inner_width() -> float:
    return float(A4_POINTS[0] - 2 * MARGIN)

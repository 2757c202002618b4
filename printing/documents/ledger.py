"""A disclosure ledger (三务公开, e.g. the expense ledger) on A4.

Long tables run over many pages, so the column headers repeat on each page and every page says
"第 x 页 / 共 y 页": a page pinned to a notice board must be identifiable on its own.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from printing.documents.a4 import build_a4, inner_width, styles
from printing.fonts import cjk_font
from printing.model import LedgerData
from printing.rendered import A4, Rendered

KIND = "ledger"
HEAD_SHADE = colors.HexColor("#DDDDDD")
STRIPE = colors.HexColor("#F5F5F5")
PADDING = 4


def render(data: LedgerData) -> Rendered:
    st = styles()
    story: list[Flowable] = [Paragraph(escape(data.title), st["title"])]
    sub = [s for s in (data.village, data.period, data.publisher and f"公开单位 {data.publisher}",
                       data.published_at and f"公开日期 {data.published_at[:10]}") if s]
    if sub:
        story.append(Paragraph(escape("    ".join(sub)), st["subtitle"]))
    story.append(table(data))
    if data.note:
        story += [Spacer(1, 4 * mm), Paragraph(escape(data.note), st["small"])]
    pdf, pages = build_a4(data.title, f"{data.village}  {data.title}", story)
    return Rendered(KIND, data.title, pdf, A4, pages)


def table(data: LedgerData) -> LongTable:
    """The ledger as one long table; the header row repeats on every page.

    A cell that fits its column is a plain string (cheap to lay out); only a cell that needs
    wrapping becomes a CJK-wrapping Paragraph. With Paragraphs everywhere a 3-page ledger took
    7x as long as drawing the same cells by hand; this keeps it near the floor.
    """
    st = styles()
    font = cjk_font()
    size = st["cell"].fontSize
    weights = data.column_weights or tuple(1.0 for _ in data.columns)
    total = sum(weights)
    widths = [inner_width() * w / total for w in weights]
    room = [w - 2 * PADDING for w in widths]

    def cell(text: str, column: int, style: str) -> str | Paragraph:
        if "\n" not in text and stringWidth(text, font, size) <= room[column]:
            return text
        return Paragraph(escape(text), st[style])

    head = [cell(c, i, "head") for i, c in enumerate(data.columns)]
    body = [[cell(text, i, "cell_right" if i in data.numeric_columns else "cell")
             for i, text in enumerate(row)] for row in data.rows]
    result = LongTable([head, *body], colWidths=widths, repeatRows=1)
    result.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), st["cell"].leading),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        *[("ALIGN", (i, 1), (i, -1), "RIGHT") for i in data.numeric_columns],
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return result

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
from reportlab.platypus.tables import CellStyle

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
    # Cell fonts, sizes, padding and alignment go in as ready-made cell styles (three shared
    # ones) instead of whole-table style commands: reportlab applies each such command to every
    # cell again for every page split, which was most of the layout time.
    text, numeric, header = (_cell_style(name, font, size, st["cell"].leading, align)
                             for name, align in (("text", "LEFT"), ("numeric", "RIGHT"),
                                                 ("header", "CENTER")))
    body_styles = [numeric if i in data.numeric_columns else text
                   for i in range(len(data.columns))]
    cell_styles = [[header] * len(data.columns)] + [list(body_styles) for _ in data.rows]
    result = LongTable([head, *body], colWidths=widths, repeatRows=1, cellStyles=cell_styles)
    result.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
    ]))
    return result


def _cell_style(name: str, font: str, size: float, leading: float, align: str) -> CellStyle:
    style = CellStyle(name)
    style.fontname, style.fontsize, style.leading = font, size, leading
    style.leftPadding = style.rightPadding = PADDING
    style.topPadding = style.bottomPadding = 3
    style.valign, style.alignment = "MIDDLE", align
    return style

"""The application form on A4, laid out like the paper form a township office expects.

Boxed label/value cells two to a row (a `wide` field takes the row), a materials checklist, the
truthfulness declaration and signature lines for the applicant and the clerk (代办员): the
signed paper is what the clerk files when a case is handled on the villager's behalf.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from printing.documents.a4 import build_a4, inner_width, styles
from printing.fonts import cjk_font
from printing.model import ApplicationFormData, FormField
from printing.rendered import A4, Rendered

KIND = "application_form"
LABEL_SHADE = colors.HexColor("#EEEEEE")


def render(data: ApplicationFormData) -> Rendered:
    st = styles()
    story: list[Flowable] = [Paragraph(escape(data.title), st["title"])]
    sub = [data.village]
    if data.receipt_code:
        sub.append(f"回执号 {data.receipt_code}")
    if data.submitted_at:
        sub.append(f"提交时间 {data.submitted_at[:16].replace('T', ' ')}")
    story.append(Paragraph(escape("    ".join(s for s in sub if s)), st["subtitle"]))
    for section in data.sections:
        story.append(Paragraph(escape(section.title), st["section"]))
        story.append(_field_table(section.fields))
    if data.materials:
        story.append(Paragraph("提交材料", st["section"]))
        rows = [[Paragraph("□", st["body"]), Paragraph(escape(m), st["body"])]
                for m in data.materials]
        table = Table(rows, colWidths=[8 * mm, inner_width() - 8 * mm])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        story.append(table)
    story.append(Spacer(1, 5 * mm))
    story.append(KeepTogether([Paragraph(escape(data.declaration), st["body"]),
                               Spacer(1, 8 * mm), _signatures(data.signatures)]))
    header = f"{data.village}  {data.title}"
    pdf, pages = build_a4(data.title, header, story)
    return Rendered(KIND, data.title, pdf, A4, pages)


def _field_table(fields: tuple[FormField, ...]) -> Table:
    st = styles()
    full = inner_width()
    label_w = 28 * mm
    value_w = full / 2 - label_w
    rows: list[list[Flowable | str]] = []
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    pending: list[FormField] = []

    def flush() -> None:
        row: list[Flowable | str] = []
        for f in pending:
            row += [Paragraph(escape(f.label), st["cell"]), Paragraph(escape(f.value), st["cell"])]
        while len(row) < 4:
            row.append("")
        rows.append(row)
        pending.clear()

    for f in fields:
        if f.wide:
            if pending:
                flush()
            rows.append([Paragraph(escape(f.label), st["cell"]),
                         Paragraph(escape(f.value), st["cell"]), "", ""])
            spans.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
        else:
            pending.append(f)
            if len(pending) == 2:
                flush()
    if pending:
        flush()
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w])
    wide_rows = {span[1][1] for span in spans}
    shading = [("BACKGROUND", (0, r), (0, r), LABEL_SHADE) for r in range(len(rows))]
    shading += [("BACKGROUND", (2, r), (2, r), LABEL_SHADE) for r, row in enumerate(rows)
                if r not in wide_rows and row[2] != ""]
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
        *shading,
        *spans,
    ]))
    return table


def _signatures(labels: tuple[str, ...]) -> Table:
    st = styles()
    rows = [[Paragraph(escape(label) + ":", st["body"]), "", Paragraph("日期:", st["body"]), ""]
            for label in labels]
    full = inner_width()
    table = Table(rows, colWidths=[45 * mm, full - 45 * mm - 60 * mm, 14 * mm, 46 * mm],
                  rowHeights=[14 * mm] * len(rows))
    table.setStyle(TableStyle([
        ("LINEBELOW", (1, 0), (1, -1), 0.8, colors.black),
        ("LINEBELOW", (3, 0), (3, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
    ]))
    return table

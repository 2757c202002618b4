"""The printer test page: proves the font, the edges, the QR code and the paper size.

An admin replacing a printer prints it first: Chinese in several sizes (a garbled font shows at
once), a border and millimetre ticks at the printable edge (alignment and scaling), a QR code
(scanned with a phone) and the paper size the kiosk asked for.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4 as A4_POINTS
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from printing.documents.roll import RollLayout, draw_qr, draw_text
from printing.fonts import cjk_font
from printing.model import TestPageData
from printing.rendered import A4, Rendered, roll

KIND = "test_page"
SAMPLE = "打印测试 中文字体 一二三四五六七八九十 村务公开 补贴 回执"


def render(data: TestPageData) -> Rendered:
    if data.paper == "a4":
        return Rendered(KIND, "打印测试页", _a4(data), A4)
    page = RollLayout(title="打印测试页")
    page.text("打印测试页 Test page", 16, align="center", bold=True)
    page.rule(dashed=False)
    for size in (8, 10, 12, 16):
        page.text(f"{size}pt {SAMPLE}", size)
    page.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789", 9)
    page.rule()
    page.text("|" + "-" * 34 + "|", 10, align="center")
    page.text("左边缘 ← 72 mm 可打印宽度 → 右边缘", 9, align="center")
    page.qr("KIOSK-TEST-PAGE " + (data.terminal_id or "-"), 26)
    page.text("扫码应显示 KIOSK-TEST-PAGE", 9, align="center")
    page.rule()
    page.pair("打印机", data.printer or "-", 9)
    page.pair("终端", data.terminal_id or "-", 9)
    page.pair("时间", data.generated_at or "-", 9)
    page.pair("纸张", "80 mm 卷纸", 9)
    pdf, length = page.to_pdf()
    return Rendered(KIND, "打印测试页", pdf, roll(length))


def _a4(data: TestPageData) -> bytes:
    font = cjk_font()
    width, height = A4_POINTS
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4_POINTS, initialFontName=font)
    c.setTitle("打印测试页")
    c.setCreator("village-kiosk")
    c.setLineWidth(0.8)
    c.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    for i in range(0, 191, 10):  # ticks every centimetre along the top border
        x = 10 * mm + i * mm
        c.line(x, height - 10 * mm, x, height - (14 if i % 50 == 0 else 12) * mm)
    draw_text(c, 20 * mm, height - 30 * mm, "打印测试页 Test page (A4)", font, 22, bold=True)
    y = height - 45 * mm
    for size in (9, 11, 14, 18, 24):
        draw_text(c, 20 * mm, y, f"{size}pt {SAMPLE}", font, size)
        y -= size * 1.8
    draw_text(c, 20 * mm, y - 5 * mm, "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz",
              font, 11)
    draw_qr(c, "KIOSK-TEST-PAGE " + (data.terminal_id or "-"), 20 * mm, 60 * mm, 40 * mm)
    lines = [f"打印机: {data.printer or '-'}", f"终端: {data.terminal_id or '-'}",
             f"时间: {data.generated_at or '-'}", "纸张: A4 210 x 297 mm",
             "边框距纸边 10 mm; 上边刻度每 1 cm。"]
    for i, line in enumerate(lines):
        draw_text(c, 70 * mm, 92 * mm - i * 7 * mm, line, font, 11)
    c.showPage()
    c.save()
    return buffer.getvalue()

"""The application receipt (申报回执) on the 80 mm roll.

What a villager takes home: where and what they applied for, the receipt code in type large
enough to read without glasses and as a QR code, when it was submitted, what they still have to
bring, and how to ask about progress. The applicant's name and ID number appear masked.
"""

from __future__ import annotations

from printing.documents.roll import RollLayout
from printing.model import ReceiptData
from printing.rendered import Rendered, roll

KIND = "receipt"


def layout(data: ReceiptData) -> RollLayout:
    page = RollLayout(title=f"申报回执 {data.receipt_code}")
    page.text(data.village or "便民服务中心", 12, align="center")
    page.text("申 报 回 执", 18, align="center", bold=True)
    page.rule()
    page.pair("办理事项", data.service, 10.5)
    page.pair("申请人", data.applicant_name, 10.5)
    if data.applicant_id_number:
        page.pair("证件号码", data.applicant_id_number, 10.5)
    page.pair("提交时间", _display_time(data.submitted_at), 10.5)
    if data.clerk:
        page.pair("代办员", data.clerk, 10.5)
    page.rule()
    page.text("回执号", 10, align="center")
    page.text(data.receipt_code, 24 if len(data.receipt_code) <= 12 else 18, align="center",
              bold=True, leading=1.25)
    page.space(1.5)
    page.qr(data.qr_payload, 30)
    if data.materials_to_bring:
        page.rule()
        page.text("还需补交的材料:", 11, bold=True)
        page.bullets(data.materials_to_bring, 10)
    page.rule()
    page.text("如何查询进度:", 11, bold=True)
    page.text(data.progress_hint, 10)
    page.rule()
    page.text("请妥善保管本回执", 9, align="center")
    if data.terminal_id:
        page.text(f"终端 {data.terminal_id}", 8, align="center")
    return page


def render(data: ReceiptData) -> Rendered:
    pdf, length = layout(data).to_pdf()
    return Rendered(KIND, f"申报回执 {data.receipt_code}", pdf, roll(length))


def _display_time(value: str) -> str:
    """`2026-11-30T10:45:04+08:00` -> `2026-11-30 10:45`; other text is shown as given."""
    if len(value) >= 16 and value[10] in "T ":
        return value[:10] + " " + value[11:16]
    return value

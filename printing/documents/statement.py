"""The subsidy statement (惠民惠农补贴"一卡通"明细), on A4 or on the receipt roll.

A villager asks "what was paid to my card?": the A4 version is a table for the family's papers,
the roll version a short list to take away. Only the card's last four digits and the masked
name are printed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from printing.documents import ledger
from printing.documents.a4 import build_a4, styles
from printing.documents.roll import RollLayout
from printing.model import LedgerData, SubsidyStatementData
from printing.rendered import A4, Rendered, roll

KIND_A4 = "subsidy_statement_a4"
KIND_ROLL = "subsidy_statement_roll"
TITLE = "惠民惠农补贴发放明细"


def total(data: SubsidyStatementData) -> str:
    """Sum of the amounts, or "" when one of them is not a number."""
    try:
        value = sum((Decimal(r.amount.replace(",", "")) for r in data.rows), Decimal(0))
    except InvalidOperation:
        return ""
    return f"{value:.2f}"


def render_a4(data: SubsidyStatementData) -> Rendered:
    st = styles()
    story: list[Flowable] = [Paragraph(TITLE, st["title"])]
    printed = data.generated_at[:16].replace("T", " ")
    sub = [data.village, f"持卡人 {data.holder_name}", f"社保卡尾号 {data.card_tail}",
           data.period_label, printed and f"打印时间 {printed}"]
    story.append(Paragraph(escape("    ".join(s for s in sub if s)), st["subtitle"]))
    rows = tuple((r.item, r.period, r.standard, r.amount, r.paid_on, r.department, r.status)
                 for r in data.rows)
    table_data = LedgerData(
        title=TITLE, village=data.village,
        columns=("补贴项目", "期别", "标准", "金额(元)", "发放日期", "主管部门", "状态"),
        rows=rows, column_weights=(2.6, 1.1, 1.4, 1.2, 1.5, 1.8, 1.0), numeric_columns=(3,))
    story.append(ledger.table(table_data))
    story.append(Spacer(1, 3 * mm))
    amount = total(data)
    if amount:
        story.append(Paragraph(f"合计: {amount} 元(共 {len(data.rows)} 笔)", st["body"]))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(escape(data.note), st["small"]))
    pdf, pages = build_a4(TITLE, f"{data.village}  {TITLE}", story)
    return Rendered(KIND_A4, TITLE, pdf, A4, pages)


def render_roll(data: SubsidyStatementData) -> Rendered:
    page = RollLayout(title=TITLE)
    page.text(data.village, 11, align="center")
    page.text(TITLE, 14, align="center", bold=True)
    page.rule()
    page.pair("持卡人", data.holder_name, 10)
    page.pair("卡尾号", data.card_tail, 10)
    if data.period_label:
        page.pair("期间", data.period_label, 10)
    page.rule()
    for row in data.rows:
        page.text(row.item, 10.5, bold=True)
        page.pair("期别", row.period, 9.5)
        page.pair("金额", f"{row.amount} 元  {row.status}", 9.5)
        if row.paid_on:
            page.pair("发放日期", row.paid_on, 9.5)
        page.space(1.5)
    page.rule()
    amount = total(data)
    if amount:
        page.text(f"合计 {amount} 元 ({len(data.rows)} 笔)", 12, bold=True)
    page.text(data.note, 8.5)
    if data.generated_at:
        page.text(f"打印时间 {data.generated_at[:16].replace('T', ' ')}", 8.5)
    pdf, length = page.to_pdf()
    return Rendered(KIND_ROLL, TITLE, pdf, roll(length))

"""Two roll slips of the villager's voice: the 意见回执 (ticket slip) and the paper 评价表.

The ticket slip is what a villager takes home after a question, objection or complaint: the
ticket code large and as a QR code, and how to read the reply later. The 评价表 is for those who
will not touch the screen: the case's code and QR, five boxes to tick, the reasons, a line for
a call-back phone; the clerk enters it with `kiosk evaluations add`.
"""

from __future__ import annotations

from dataclasses import dataclass

from printing.documents.roll import RollLayout
from printing.errors import DocumentDataError
from printing.rendered import Rendered, roll

SLIP_KIND = "feedback_slip"
FORM_KIND = "evaluation_form"
RATINGS = ("5 非常满意", "4 满意", "3 基本满意", "2 不满意", "1 非常不满意")
REASONS = ("办理太慢", "指引不清楚", "跑了好几趟", "服务态度差", "事情没办成",
           "机器有问题", "其他原因")


@dataclass(frozen=True)
class FeedbackSlipData:
    ticket: str
    village: str
    kind_words: str
    subject: str
    submitted_at: str
    terminal_id: str = ""

    def __post_init__(self) -> None:
        if not self.ticket.strip():
            raise DocumentDataError("ticket: a slip needs its ticket code")


@dataclass(frozen=True)
class EvaluationFormData:
    village: str
    service: str = ""
    receipt_code: str = ""
    terminal_id: str = ""


def render_slip(data: FeedbackSlipData) -> Rendered:
    page = RollLayout(title=f"意见回执 {data.ticket}")
    page.text(data.village or "便民服务中心", 12, align="center")
    page.text("意 见 回 执", 18, align="center", bold=True)
    page.rule()
    page.pair("类型", data.kind_words, 10.5)
    page.pair("关于", data.subject, 10.5)
    page.pair("提交时间", data.submitted_at, 10.5)
    page.rule()
    page.text("查询编号", 10, align="center")
    page.text(data.ticket, 24, align="center", bold=True, leading=1.25)
    page.space(1.5)
    page.qr(data.ticket, 28)
    page.rule()
    page.text("如何查看答复:", 11, bold=True)
    page.text("在终端首页点“办事”→“查进度”→“查意见答复”，输入上面的编号；"
              "或把本回执交给村代办员。", 10)
    if data.terminal_id:
        page.text(f"终端 {data.terminal_id}", 8, align="center")
    pdf, length = page.to_pdf()
    return Rendered(SLIP_KIND, f"意见回执 {data.ticket}", pdf, roll(length))


def render_form(data: EvaluationFormData) -> Rendered:
    page = RollLayout(title="评价表")
    page.text(data.village or "便民服务中心", 12, align="center")
    page.text("政务服务评价表", 16, align="center", bold=True)
    page.rule()
    if data.receipt_code:
        page.pair("办理事项", data.service, 10.5)
        page.pair("回执号", data.receipt_code, 10.5)
        page.qr(data.receipt_code, 24)
    else:
        page.text("本次到访（查询、看公开、找代办员）", 10.5)
    page.rule()
    page.text("请在一个方框里打 √:", 11, bold=True)
    page.bullets(RATINGS, 11)
    page.text("不满意的话，是什么原因（可多选）:", 11, bold=True)
    page.bullets(REASONS, 10)
    page.text("想让我们回电话，请留手机号:", 10.5)
    page.text("____________________________", 11)
    page.text("意见（可不写）:", 10.5)
    page.space(16)
    page.rule()
    page.text("填好后交给村代办员。评价不写姓名和身份证号。", 9, align="center")
    if data.terminal_id:
        page.text(f"终端 {data.terminal_id}", 8, align="center")
    pdf, length = page.to_pdf()
    return Rendered(FORM_KIND, "评价表", pdf, roll(length))

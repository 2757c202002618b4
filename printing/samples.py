"""Demo data for every document (labelled as demo data), used by the test page command, the
docs pictures, the tests and the benchmark. Amounts are illustrative, not real standards."""

from __future__ import annotations

from printing.model import (
    ApplicationFormData,
    FormField,
    FormSection,
    LedgerData,
    ReceiptData,
    SubsidyRow,
    SubsidyStatementData,
)


def receipt(code: str = "HZ20261130-0042") -> ReceiptData:
    return ReceiptData(
        receipt_code=code,
        village="杭州市余杭区示范村便民服务中心(演示)",
        service="残疾人两项补贴申请",
        applicant_name="张秀英",
        applicant_id_number="330110195203151226",
        submitted_at="2026-11-30T10:45:04+08:00",
        materials_to_bring=("户口簿原件及复印件", "残疾人证原件", "本人社会保障卡"),
        terminal_id="T-330110-0001",
        clerk="李*",
    )


def application_form() -> ApplicationFormData:
    return ApplicationFormData(
        title="残疾人两项补贴申请表",
        village="杭州市余杭区示范村(演示数据)",
        receipt_code="HZ20261130-0042",
        submitted_at="2026-11-30T10:45:04+08:00",
        sections=(
            FormSection("申请人基本信息", (
                FormField("姓名", "张秀英"), FormField("性别", "女"),
                FormField("公民身份号码", "330110********1226"),
                FormField("联系电话", "138****5678"),
                FormField("户籍地址", "杭州市余杭区示范村3组17号", wide=True),
                FormField("残疾类别", "肢体"), FormField("残疾等级", "二级"),
            )),
            FormSection("申请事项", (
                FormField("申请类别", "困难残疾人生活补贴、重度残疾人护理补贴", wide=True),
                FormField("家庭经济状况", "低保家庭", wide=True),
                FormField("收款方式", "社会保障卡(尾号 5341)"), FormField("代办员", "李*"),
            )),
        ),
        materials=("户口簿", "残疾人证", "社会保障卡", "低保证(如有)"),
    )


def subsidy_statement(rows: int = 8) -> SubsidyStatementData:
    items = [("困难残疾人生活补贴", "90.00", "90 元/月"),
             ("重度残疾人护理补贴", "120.00", "120 元/月"),
             ("耕地地力保护补贴", "364.00", "91 元/亩"),
             ("城乡居民基础养老金(占位)", "0.00", "占位")]
    return SubsidyStatementData(
        holder_name="张秀英", card_tail="6217000000005341", village="示范村(演示数据)",
        period_label="2026年1月-2026年11月", generated_at="2026-11-30T10:50:00+08:00",
        rows=tuple(SubsidyRow(item=item, period=f"2026{(i % 11) + 1:02d}", amount=amount,
                              standard=standard, paid_on=f"2026-{(i % 11) + 1:02d}-15",
                              department="县民政局" if "残" in item else "县农业农村局")
                   for i, (item, amount, standard) in
                   ((i, items[i % len(items)]) for i in range(rows))),
    )


def ledger(rows: int = 75) -> LedgerData:
    """An expense ledger long enough for three A4 pages at the default 75 rows."""
    items = ["村道路灯维修", "垃圾清运服务费", "办公用品采购", "村民活动中心水电费", "河道保洁",
             "防汛物资采购", "老年食堂食材", "村务公开栏制作"]
    sources = ["村级集体经济收入", "上级转移支付", "一事一议财政奖补"]
    return LedgerData(
        title="2026年第三季度村级财务支出公开表",
        village="示范村(演示数据)", period="2026年7月-9月", publisher="示范村村务监督委员会",
        published_at="2026-10-10",
        columns=("序号", "开支项目", "金额(元)", "资金来源", "经手人", "审核意见", "凭证号"),
        column_weights=(0.7, 2.4, 1.3, 2.0, 0.9, 1.1, 1.7), numeric_columns=(2,),
        rows=tuple((str(i + 1), items[i % len(items)], f"{(i * 137) % 9000 + 120}.00",
                    sources[i % len(sources)], ["王*", "陈*", "刘*"][i % 3], "同意",
                    f"2026-{7 + i % 3:02d}-{i + 1:03d}") for i in range(rows)),
        note="以上数据为演示数据。对公开内容有异议的,可向村务监督委员会或乡镇(街道)反映。",
    )

"""Demo three-affairs disclosures (党务, 村务, 财务) for eight quarters, signed by the township.

Items follow the `disclosures` dataset of the province contract; every item is signed with the
demo publisher key exactly as a real township would sign it, so the terminal's verification
path runs on the demo too.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.services.signatures import sign_item

PUBLISHER = "分水镇人民政府(演示)"

INCOME_ITEMS = (
    ("发包及上交收入", "集体资产发包"), ("经营收入", "村集体物业出租"), ("补助收入", "上级转移支付"),
    ("投资收益", "强村公司分红"), ("其他收入", "利息收入"),
)
EXPENSE_ITEMS = (
    ("管理费用", "村干部误工补贴"), ("管理费用", "办公用品"), ("公益事业支出", "村道路灯电费"),
    ("公益事业支出", "垃圾清运"), ("其他支出", "困难户慰问"), ("经营支出", "水利设施维修"),
    ("公益事业支出", "文化礼堂活动"), ("管理费用", "村务监督委员会补贴"),
)
HANDLERS = ("报账员 陈*", "出纳 王*", "村委会 李*", "监委会 徐*")

PARTY_TOPICS = (
    ("组织设置与分工", "村党总支委员会分工调整情况", "村党总支书记负责全面工作,副书记负责村务监督和综治,组织委员负责党员发展与教育。"),
    ("党费交纳", "党员党费交纳情况公示", "本季度全体党员按规定足额交纳党费,具体明细见下表。"),
    ("发展党员公示", "拟发展党员对象公示", "经支部委员会研究,拟确定以下同志为发展对象,公示期5个工作日。如有意见,请向镇党委组织办反映。"),
    ("民主评议党员", "民主评议党员结果公示", "经党员自评、群众测评、支部评议,本次评议结果如下。"),
)
VILLAGE_TOPICS = (
    ("年度计划与村民代表决议", "村民代表会议决议公开", "经村民代表会议讨论通过,同意实施村内道路硬化及路灯改造工程。"),
    ("宅基地审批", "农村宅基地建房审批公示", "下列农户申请建房,经村民小组讨论、村委会审核,现予公示7天。"),
    ("农业补贴", "耕地地力保护补贴发放公示", "本季度耕地地力保护补贴已按核实面积发放到户,标准105元/亩。"),
    ("低保名单", "农村最低生活保障对象公示", "经入户调查、民主评议,以下家庭纳入低保,公示期7天,举报电话见村务公开栏。"),
    ("5万元以上重大事项", "村级工程项目招投标结果公开", "文化礼堂修缮工程经镇公共资源交易中心公开招标,中标情况如下。"),
    ("救助慰问", "困难群众走访慰问情况", "本季度走访慰问困难群众,发放慰问金及慰问品,明细如下。"),
)


def _quarters(today: date, count: int) -> list[tuple[int, int]]:
    year, quarter = today.year, (today.month - 1) // 3  # the last completed quarter
    if quarter == 0:
        year, quarter = year - 1, 4
    result = []
    for _ in range(count):
        result.append((year, quarter))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return result


def _published(year: int, quarter: int, day: int) -> str:
    month = quarter * 3 + 1
    if month > 12:
        year, month = year + 1, 1
    return f"{year}-{month:02d}-{day:02d}T02:00:00Z"


def _ledger(rng: random.Random, year: int, quarter: int) -> list[dict[str, Any]]:
    lines = []
    voucher = 1
    for month in range(quarter * 3 - 2, quarter * 3 + 1):
        for _ in range(rng.randrange(8, 13)):
            income = rng.random() < 0.35
            item, detail = rng.choice(INCOME_ITEMS if income else EXPENSE_ITEMS)
            lines.append({
                "date": f"{year}-{month:02d}-{rng.randrange(1, 29):02d}",
                "item": f"{item}:{detail}",
                "direction": "income" if income else "expense",
                "amount_fen": rng.randrange(300, 80000) * 100 if income else rng.randrange(50, 25000) * 100,
                "fund_source": "村集体资金" if not income else detail,
                "handler": rng.choice(HANDLERS),
                "voucher_no": f"{year}{month:02d}-{voucher:03d}",
            })
            voucher += 1
    lines.sort(key=lambda line: (line["date"], line["voucher_no"]))
    return lines


def disclosures_for(
    rng: random.Random, today: date, key: Ed25519PrivateKey, key_id: str, quarters: int = 8
) -> Iterator[dict[str, Any]]:
    for year, quarter in _quarters(today, quarters):
        period = f"{year}-Q{quarter}"
        ledger = _ledger(rng, year, quarter)
        income = sum(line["amount_fen"] for line in ledger if line["direction"] == "income")
        expense = sum(line["amount_fen"] for line in ledger if line["direction"] == "expense")
        items = [{
            "id": f"fin-{year}q{quarter}",
            "kind": "finance",
            "category": "各项收入与支出",
            "title": f"{year}年第{quarter}季度村级财务收支明细公开",
            "period": period,
            "published_at": _published(year, quarter, 10),
            "publisher": PUBLISHER,
            "body": (f"经村民主理财小组审核,现将{year}年第{quarter}季度村级财务收支情况公开如下。"
                     f"本季度收入合计{income / 100:.2f}元,支出合计{expense / 100:.2f}元。"
                     "如有疑问,请在公开之日起15日内向村务监督委员会反映。"),
            "tables": [],
            "ledger": ledger,
            "attachments": [],
        }, {
            "id": f"fin-debt-{year}q{quarter}",
            "kind": "finance",
            "category": "债权债务",
            "title": f"{year}年第{quarter}季度村集体债权债务情况",
            "period": period,
            "published_at": _published(year, quarter, 12),
            "publisher": PUBLISHER,
            "body": "本季度村集体债权债务情况如下表。",
            "tables": [{
                "title": "债权债务明细",
                "columns": ["项目", "单位", "金额(元)", "备注"],
                "rows": [["应收款", "强村公司", f"{rng.randrange(2, 30) * 1000}", "分红款"],
                         ["应付款", "工程施工方", f"{rng.randrange(5, 60) * 1000}", "质保金"]],
            }],
            "ledger": [],
            "attachments": [],
        }]
        category, title, body = PARTY_TOPICS[(year * 4 + quarter) % len(PARTY_TOPICS)]
        items.append({
            "id": f"party-{year}q{quarter}", "kind": "party", "category": category,
            "title": f"{year}年第{quarter}季度{title}", "period": period,
            "published_at": _published(year, quarter, 5), "publisher": PUBLISHER, "body": body,
            "tables": [{"title": title, "columns": ["序号", "姓名", "情况"],
                        "rows": [[str(i + 1), f"{rng.choice('王陈张李徐周')}*", "合格"] for i in range(5)]}],
            "ledger": [], "attachments": [],
        })
        for offset in range(2):
            category, title, body = VILLAGE_TOPICS[(year * 4 + quarter + offset) % len(VILLAGE_TOPICS)]
            items.append({
                "id": f"village-{year}q{quarter}-{offset}", "kind": "village",
                "category": category, "title": f"{year}年第{quarter}季度{title}",
                "period": period, "published_at": _published(year, quarter, 6 + offset),
                "publisher": PUBLISHER, "body": body,
                "tables": [{"title": title, "columns": ["序号", "户主", "事项", "结果"],
                            "rows": [[str(i + 1), f"{rng.choice('王陈张李徐周')}*", category, "同意"]
                                     for i in range(rng.randrange(2, 6))]}],
                "ledger": [], "attachments": [],
            })
        for item in items:
            yield sign_item(item, key, key_id)

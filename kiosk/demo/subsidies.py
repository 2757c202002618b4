"""Demo subsidy payments in the shape of the province's `subsidies` dataset.

Items and amounts are illustrative (see domain.md); the payments carry holder keys, never plain
ID or card numbers. Older periods are paid; the newest month is still being paid or scheduled;
a few payments failed or came back, with a note saying what to do.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.demo.people import Resident
from kiosk.personal.holder_keys import (
    bank_card_key,
    id_number_key,
    social_security_card_key,
)


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    department: str
    level: str
    monthly: bool
    standard: str
    amount_fen: Callable[[random.Random], int]
    eligible: Callable[[Resident, int, random.Random], bool]  # (resident, age, rng)


def _fixed(fen: int) -> Callable[[random.Random], int]:
    return lambda rng: fen


def _between(low_yuan: int, high_yuan: int) -> Callable[[random.Random], int]:
    return lambda rng: rng.randrange(low_yuan, high_yuan + 1) * 100


ITEMS: tuple[Item, ...] = (
    Item("GDDL", "耕地地力保护补贴", "县农业农村局", "central", False, "105元/亩/年",
         _between(210, 1260), lambda r, age, rng: 30 <= age <= 80 and r.household % 3 == 0
         and r.male),
    Item("GYLB", "国家级公益林补偿", "县林业局", "central", False, "16元/亩/年",
         _between(48, 480), lambda r, age, rng: age >= 35 and r.household % 5 == 1 and r.male),
    Item("TGHL", "退耕还林补助", "县林业局", "central", False, "125元/亩/年",
         _between(125, 750), lambda r, age, rng: age >= 40 and r.household % 17 == 2 and r.male),
    Item("SKYM", "水库移民后期扶持", "县水利局", "central", False, "600元/人/年",
         _fixed(60000), lambda r, age, rng: r.household % 23 == 4),
    Item("DBBZ", "农村最低生活保障金", "县民政局", "county", True, "按档次 250-450元/人/月",
         lambda rng: rng.choice((25000, 35000, 45000)), lambda r, age, rng: r.household % 31 == 7),
    Item("TKGY", "特困人员供养金", "县民政局", "county", True, "约700元/人/月",
         _fixed(70000), lambda r, age, rng: age >= 65 and r.household % 97 == 11),
    Item("KNCJ", "困难残疾人生活补贴", "县残联", "province", True, "90元/人/月",
         _fixed(9000), lambda r, age, rng: r.household % 41 == 5),
    Item("ZDCJ", "重度残疾人护理补贴", "县残联", "province", True, "120元/人/月",
         _fixed(12000), lambda r, age, rng: r.household % 41 == 5 and age >= 18),
    Item("GEJB", "孤儿基本生活费", "县民政局", "province", True, "1200元/人/月",
         _fixed(120000), lambda r, age, rng: age < 18 and r.household % 211 == 13),
    Item("GLJT", "高龄津贴(演示金额)", "县民政局", "county", True, "演示:100元/人/月",
         _fixed(10000), lambda r, age, rng: age >= 85),
    Item("JCYL", "城乡居民基础养老金(演示金额)", "县人力社保局", "province", True,
         "演示:330元/人/月", _fixed(33000), lambda r, age, rng: age >= 60 and r.household % 2 == 0),
    Item("DSZN", "独生子女父母奖励扶助", "县卫健局", "central", False, "960元/人/年",
         _fixed(96000), lambda r, age, rng: 60 <= age <= 75 and r.household % 13 == 3),
)

FAILED_NOTE = "银行卡状态异常,资金已退回。请带身份证和新的社保卡到村便民服务中心更新账户。"


def _periods(today: date, months: int, monthly: bool) -> list[tuple[str, date]]:
    """(period, paid_on) pairs for the last `months` months: every month or once a year."""
    periods: list[tuple[str, date]] = []
    year, month = today.year, today.month
    for _ in range(months):
        if monthly:
            periods.append((f"{year}{month:02d}", date(year, month, 15)))
        elif month == 6:
            periods.append((f"{year}", date(year, 6, 28)))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return periods


def payments_for(
    residents: list[Resident], lookup_key: bytes, rng: random.Random, today: date, months: int
) -> Iterator[dict[str, Any]]:
    """Every demo payment, in the contract's item shape."""
    serial = 0
    for resident in residents:
        age = resident.age_on(today)
        keys = [
            id_number_key(lookup_key, resident.id_number),
            bank_card_key(lookup_key, resident.bank_card),
            social_security_card_key(lookup_key, resident.ssc_number),
        ]
        for item in ITEMS:
            if not item.eligible(resident, age, rng):
                continue
            amount = item.amount_fen(rng)
            for period, paid_on in _periods(today, months, item.monthly):
                serial += 1
                status, note, paid = _status(rng, paid_on, today)
                yield {
                    "payment_id": f"P{serial:09d}",
                    "holder_keys": keys,
                    "holder_name_masked": resident.masked_name,
                    "item_code": item.code,
                    "item_name": item.name,
                    "department": item.department,
                    "level": item.level,
                    "period": period,
                    "standard": item.standard,
                    "amount_fen": amount,
                    "paid_on": paid.isoformat() if paid else None,
                    "bank_card_tail": resident.card_tail,
                    "status": status,
                    "note": note,
                }


def _status(rng: random.Random, paid_on: date, today: date) -> tuple[str, str, date | None]:
    if paid_on > today:
        return "scheduled", "", None
    if (today - paid_on).days < 20:
        return "paying", "", None
    roll = rng.random()
    if roll < 0.004:
        return "returned", FAILED_NOTE, paid_on
    if roll < 0.008:
        return "failed", FAILED_NOTE, None
    return "paid", "", paid_on

"""Fictional residents with real-format numbers: valid ID check digits, Luhn-valid bank cards.

Everything is drawn from one seeded `random.Random`, so a seed always gives the same village.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum import luhn
from stdnum.cn import ric

SURNAMES = "王陈张李徐周吴朱沈胡钱杨金黄孙郑何俞叶蒋许汪施方顾姚潘应"
GIVEN = "建国美丽秀英志强海燕国平丽华伟明春梅桂芳建华晓东振宇雪芬金花永康明辉文斌佳怡子涵雨欣"

DEMO_NOTICE = "演示数据 / demo data"


@dataclass(frozen=True)
class Resident:
    name: str
    id_number: str
    birth: date
    male: bool
    bank_card: str
    ssc_number: str
    household: int

    @property
    def masked_name(self) -> str:
        return self.name[0] + "*" * (len(self.name) - 1)

    @property
    def card_tail(self) -> str:
        return self.bank_card[-4:]

    def age_on(self, day: date) -> int:
        years = day.year - self.birth.year
        return years - ((day.month, day.day) < (self.birth.month, self.birth.day))


def make_id_number(region: str, birth: date, sequence: int) -> str:
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def make_bank_card(rng: random.Random) -> str:
    body = "621700" + "".join(rng.choice("0123456789") for _ in range(12))
    return body + luhn.calc_check_digit(body)


def make_residents(rng: random.Random, count: int, region: str, today: date) -> list[Resident]:
    """`count` residents in households of 1-5 with an ageing rural population's spread."""
    residents: list[Resident] = []
    used_ids: set[str] = set()
    household = 0
    while len(residents) < count:
        household += 1
        for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            if len(residents) >= count:
                break
            age = int(min(100, max(0, rng.triangular(0, 98, 62))))
            birth = today - timedelta(days=age * 365 + rng.randrange(365))
            male = rng.random() < 0.5
            while True:
                sequence = rng.randrange(0, 999)
                sequence = sequence if (sequence % 2 == 1) == male else (sequence + 1) % 1000
                id_number = make_id_number(region, birth, sequence)
                if id_number not in used_ids:
                    used_ids.add(id_number)
                    break
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            residents.append(Resident(
                name=name,
                id_number=id_number,
                birth=birth,
                male=male,
                bank_card=make_bank_card(rng),
                ssc_number=f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**8):08d}",
                household=household,
            ))
    return residents

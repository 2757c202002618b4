"""The "one card" (一卡通) subsidy lookup: from a typed ID number or a card to a holder's payments.

Only holder keys (HMAC with the provisioned lookup key) ever reach the database; the typed ID
number lives in this call's arguments and nowhere else: it is never stored, logged or returned.
Statuses are explained in the words a villager hears at the counter ("已发放到尾号 5341 的社保卡").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from kiosk.errors import KioskError
from kiosk.services.holder_keys import bank_card_key, id_number_key, social_security_card_key
from kiosk.storage import subsidies as store
from kiosk.storage.database import Database


class PrintJobs(Protocol):
    """What printing needs of the print queue (`kiosk.services.print_queue.PrintQueue`)."""

    def print_job(self, kind: str, data: Mapping[str, Any]) -> int: ...


WHOM_TO_ASK = ("村便民服务中心代办员", "the clerk at the village service centre")


class InvalidIdNumber(KioskError):
    """A typed ID number that cannot be right; `code` lets the UI say it in its own language."""

    def __init__(self, code: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.code = code  # length | format | birth_date | check_digit
        self.detail = detail  # e.g. the birth date that does not exist (never the number)


class NotEnrolled(KioskError):
    """No lookup key: the terminal was never provisioned, so no holder key can be computed."""


def validate_id_number(typed: str, today: dt.date | None = None) -> str:
    """The 18-character number (final x upper-cased), or `InvalidIdNumber` saying what is wrong.

    GB 11643-1999: 17 digits, a valid birth date (not in the future) and the ISO 7064 MOD 11-2
    check character. The region is not checked: new county codes appear faster than tables.
    """
    from stdnum.cn import ric

    number = "".join(typed.split()).upper()
    if len(number) != 18:
        raise InvalidIdNumber("length", f"身份证号码应为18位,现在是{len(number)}位 / an ID "
                              f"number has 18 characters, this one has {len(number)}",
                              str(len(number)))
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidIdNumber("format", "身份证号码只有最后一位可以是X / only the last "
                              "character of an ID number can be X")
    text = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born > (today or dt.date.today()) or born.year < 1890:
        raise InvalidIdNumber("birth_date", f"号码中的出生日期 {text} 不存在,请核对第7到14位 / "
                              f"the birth date {text} in the number is not valid (digits 7-14)",
                              text)
    if ric.calc_check_digit(number) != number[17]:
        raise InvalidIdNumber("check_digit", "身份证号码最后一位(校验码)不对,请逐位核对 / the "
                              "last (check) character does not match; please check each digit")
    return number


STATUS_TEXT: dict[str, tuple[str, str]] = {
    "paid": ("已发放到尾号 {tail} 的社保卡", "Paid to the card ending {tail}"),
    "paying": ("正在发放到尾号 {tail} 的社保卡,一般几天内到账",
               "Being paid to the card ending {tail}; it usually arrives within days"),
    "scheduled": ("已批准,等待发放", "Approved, waiting to be paid"),
    "failed": ("发放没有成功,钱还没有到账。请带身份证和社保卡到村便民服务中心问代办员",
               "The payment did not go through. Bring your ID and card to the village clerk"),
    "returned": ("银行把这笔钱退回了,没有到账。请带身份证和社保卡到村便民服务中心问代办员",
                 "The bank returned this payment. Bring your ID and card to the village clerk"),
}


def explain_status(status: str, tail: str, language: str = "zh_CN") -> str:
    zh, en = STATUS_TEXT.get(status, (f"状态:{status}", f"Status: {status}"))
    return (en if language == "en" else zh).format(tail=tail)


@dataclass(frozen=True)
class Payment:
    payment_id: str
    holder_name_masked: str
    item_code: str
    item_name: str
    department: str
    level: str
    period: str
    standard: str
    amount_fen: int
    paid_on: str | None
    bank_card_tail: str
    status: str
    note: str

    @property
    def year(self) -> str:
        return self.period[:4]

    @property
    def period_label(self) -> str:
        """`202610` -> `2026年10月`; a yearly item's `2026` -> `2026年度`."""
        if len(self.period) == 6 and self.period.isdigit():
            return f"{self.period[:4]}年{int(self.period[4:])}月"
        return f"{self.period}年度" if self.period.isdigit() else self.period

    def status_text(self, language: str = "zh_CN") -> str:
        return explain_status(self.status, self.bank_card_tail, language)

    def as_json(self) -> dict[str, Any]:
        """The contract's field names (holder keys left out), plus the status in words."""
        return {"payment_id": self.payment_id, "holder_name_masked": self.holder_name_masked,
                "item_code": self.item_code, "item_name": self.item_name,
                "department": self.department, "level": self.level, "period": self.period,
                "standard": self.standard, "amount_fen": self.amount_fen,
                "paid_on": self.paid_on, "bank_card_tail": self.bank_card_tail,
                "status": self.status, "note": self.note, "status_text": self.status_text()}


@dataclass(frozen=True)
class Totals:
    count: int
    amount_fen: int
    paid_fen: int  # only what has reached the card

    def as_json(self) -> dict[str, int]:
        return {"count": self.count, "amount_fen": self.amount_fen, "paid_fen": self.paid_fen}


def totals_of(payments: Sequence[Payment]) -> Totals:
    return Totals(len(payments), sum(p.amount_fen for p in payments),
                  sum(p.amount_fen for p in payments if p.status == "paid"))


@dataclass(frozen=True)
class LookupResult:
    """One holder's payments, newest period first; filters give new results, never mutate."""

    payments: tuple[Payment, ...]
    data_as_of: str | None
    year: str | None = None
    item: str | None = None
    all_payments: tuple[Payment, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.all_payments or self.payments)

    @property
    def holder_name_masked(self) -> str:
        return next((p.holder_name_masked for p in self._all if p.holder_name_masked), "")

    @property
    def card_tails(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.bank_card_tail for p in self._all if p.bank_card_tail))

    @property
    def _all(self) -> tuple[Payment, ...]:
        return self.all_payments or self.payments

    @property
    def years(self) -> list[str]:
        return sorted({p.year for p in self._all}, reverse=True)

    @property
    def items(self) -> list[str]:
        return sorted({p.item_name for p in self._all})

    def filtered(self, year: str | None = None, item: str | None = None) -> LookupResult:
        chosen = tuple(p for p in self._all
                       if (not year or p.year == year) and (not item or p.item_name == item))
        return replace(self, payments=chosen, year=year, item=item, all_payments=self._all)

    @property
    def totals(self) -> Totals:
        return totals_of(self.payments)

    def by_year(self) -> list[tuple[str, Totals]]:
        years = sorted({p.year for p in self.payments}, reverse=True)
        return [(y, totals_of([p for p in self.payments if p.year == y])) for y in years]

    def groups(self) -> list[tuple[str, str, list[Payment]]]:
        """(year, item name, payments newest first) in the order a statement lists them."""
        grouped: dict[tuple[str, str], list[Payment]] = {}
        for payment in self.payments:
            grouped.setdefault((payment.year, payment.item_name), []).append(payment)
        return [(y, i, rows) for (y, i), rows in
                sorted(grouped.items(), key=lambda kv: (-int(kv[0][0] or 0), kv[0][1]))]

    def as_json(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "holder_name_masked": self.holder_name_masked,
            "card_tails": list(self.card_tails),
            "data_as_of": self.data_as_of,
            "filters": {"year": self.year, "item": self.item},
            "totals": {**self.totals.as_json(),
                       "by_year": [{"year": y, **t.as_json()} for y, t in self.by_year()]},
            "payments": [p.as_json() for p in self.payments],
        }


def yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


class SubsidyService:
    """Lookups run on the database worker thread; nothing about a holder is kept between calls."""

    def __init__(self, db: Database, lookup_key: bytes,
                 print_job: Callable[[str, dict[str, Any]], int] | None = None) -> None:
        self._db = db
        self._lookup_key = lookup_key
        self._print_job = print_job

    def _require_key(self) -> bytes:
        if not self._lookup_key:
            raise NotEnrolled("终端尚未注册,无法查询补贴 / this terminal is not enrolled yet, so "
                              "it cannot look up subsidies (run `kiosk enroll` or `kiosk demo`)")
        return self._lookup_key

    def lookup_id_number(self, typed: str, year: str | None = None) -> LookupResult:
        number = validate_id_number(typed)
        return self.lookup_keys([id_number_key(self._require_key(), number)], year)

    def lookup_card_number(self, typed: str, year: str | None = None) -> LookupResult:
        """A bank card number (digits), or a 9-character social-security card number."""
        key = self._require_key()
        value = "".join(typed.split())
        if len(value) == 9:
            holder = social_security_card_key(key, value)
        elif value.isdigit() and 12 <= len(value) <= 19:
            holder = bank_card_key(key, value)
        else:
            raise KioskError("卡号应为银行卡的12-19位数字或9位社保卡号 / a card number is 12-19 "
                             "digits (bank card) or 9 characters (social security card)")
        return self.lookup_keys([holder], year)

    def lookup_keys(self, keys: Sequence[str], year: str | None = None) -> LookupResult:
        """The payments of the holder with any of these keys (from a card read, or typed)."""
        rows = store.payments_for_keys(self._db, list(dict.fromkeys(keys)), year)
        payments = tuple(Payment(*row) for row in rows)
        return LookupResult(payments, store.synced_at(self._db), year=year,
                            all_payments=payments)

    def data_as_of(self) -> str | None:
        return store.synced_at(self._db)

    def statement(self, result: LookupResult, village: str = "") -> dict[str, Any]:
        """The printing library's `SubsidyStatementData`, as the JSON the print queue stores."""
        label = "、".join(filter(None, [f"{result.year}年" if result.year else "", result.item
                                         or ""])) or "全部"
        return {
            "holder_name": result.holder_name_masked,
            "card_tail": result.card_tails[0] if result.card_tails else "",
            "village": village,
            "period_label": label,
            "generated_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
            "rows": [{"item": p.item_name, "period": p.period_label,
                      "amount": yuan(p.amount_fen) + "元", "paid_on": p.paid_on or "",
                      "standard": p.standard, "department": p.department,
                      "status": p.status_text()} for p in result.payments],
        }

    def print_statement(self, result: LookupResult, paper: str = "a4",
                        village: str = "") -> int:
        """Queue the statement (`a4` or the short `roll` receipt); returns the job id."""
        if self._print_job is None:
            raise KioskError("打印机未配置 / no printer is configured on this terminal")
        kind = "subsidy_statement_roll" if paper == "roll" else "subsidy_statement_a4"
        return self._print_job(kind, self.statement(result, village))


def village_name(db: Database, settings: Any) -> str:
    """The village as the header shows it: configuration first, then enrollment's facts."""
    from kiosk.storage.facts import read_facts

    return str(settings.get("terminal", "village_name") or read_facts(db).get("village_name", ""))


def queue_printer(printer: PrintJobs, db: Database,
                  settings: Any) -> Callable[[str, dict[str, Any]], int]:
    """A `print_job(kind, data)` over the one print queue (`Services.printing`): the job is
    stored with the village filled in and handed to the print worker; no printer I/O here."""

    def print_job(kind: str, data: dict[str, Any]) -> int:
        if "village" in data and not data["village"]:  # every printout names its village
            data = {**data, "village": village_name(db, settings)}
        return printer.print_job(kind, data)

    return print_job

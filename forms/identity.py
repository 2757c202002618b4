"""Checks of the numbers a villager types: resident ID, mobile phone, bank card.

ID numbers follow GB 11643-1999: 17 digits and an ISO 7064 MOD 11-2 check character (0-9 or X),
a real birth date (not in the future) and a known region code. The check character comes from
python-stdnum (`stdnum.cn.ric`). The region check does NOT use `ric.get_birth_place`: that
function rejects a code when the county was created after the person's birth year (余杭区 dates
from 2001), but ID codes record where the number was issued, not where the person was born, so
it would turn away most elderly villagers. Any code the region table has ever known is accepted.

A bank card number that fails the Luhn check is only a warning: some old cards fail it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from stdnum import luhn, numdb
from stdnum.cn import ric

_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_CARD = re.compile(r"^\d{12,19}$")
_SEPARATORS = str.maketrans("", "", " -\u00a0\u3000\t")


@dataclass(frozen=True)
class NumberProblem:
    code: str
    message_zh: str
    message_en: str


def clean_number(raw: str) -> str:
    """Full-width digits to ASCII (Chinese input methods type them), separators out, upper case."""
    return unicodedata.normalize("NFKC", raw).translate(_SEPARATORS).upper()


def id_number_problem(number: str, today: dt.date) -> NumberProblem | None:
    """Why `number` (already cleaned) is not a valid resident ID number, or `None`."""
    if len(number) == 15 and number.isascii() and number.isdigit():
        return NumberProblem(
            "id_old_format",
            "这是 15 位的旧身份证号，请填写 18 位身份证号",
            "This is an old 15-digit ID number; please enter the 18-character one",
        )
    if len(number) != 18:
        return NumberProblem(
            "id_length",
            f"身份证号应为 18 位，现在是 {len(number)} 位",
            f"An ID number has 18 characters; this one has {len(number)}",
        )
    if not _ID_SHAPE.match(number):
        return NumberProblem(
            "id_format",
            "身份证号前 17 位应为数字，最后一位为数字或 X",
            "An ID number is 17 digits followed by a digit or X",
        )
    if ric.calc_check_digit(number) != number[-1]:
        return NumberProblem(
            "id_checksum",
            "身份证号校验位不对，请逐位核对",
            "The ID number's check character is wrong; please check every digit",
        )
    born = id_birth_date(number)
    if born is None or born.year < 1900:
        return NumberProblem(
            "id_birth_date",
            "身份证号中的出生日期不存在，请核对",
            "The birth date inside the ID number does not exist; please check it",
        )
    if born > today:
        return NumberProblem(
            "id_birth_future",
            "身份证号中的出生日期晚于今天，请核对",
            "The birth date inside the ID number is after today; please check it",
        )
    if not region_known(number[:6]):
        return NumberProblem(
            "id_region",
            "身份证号前 6 位的地区代码不存在，请核对",
            "The region code (first 6 digits) of the ID number does not exist; please check it",
        )
    return None


def id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def id_gender(number: str) -> str:
    """`"male"` or `"female"` from the sequence digit (odd: male)."""
    return "male" if int(number[16]) % 2 else "female"


@lru_cache(maxsize=4096)
def region_known(code: str) -> bool:
    """Whether a 6-digit region code was ever in use (any period), per stdnum's table."""
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return False
    parts = numdb.get("cn/loc").info(code)
    return len(parts) == 2 and bool(parts[1][1])


def make_id_number(region: str, born: dt.date, sequence: int) -> str:
    """A valid ID number (for examples and tests): region, birth date, 3-digit sequence."""
    body = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def phone_problem(number: str) -> NumberProblem | None:
    """Why `number` (cleaned, without +86) is not a mainland mobile number, or `None`."""
    if _PHONE.match(number):
        return None
    return NumberProblem(
        "phone_format",
        "手机号应为 11 位数字，以 1 开头",
        "A mobile number has 11 digits and starts with 1",
    )


def strip_country_code(number: str) -> str:
    for prefix in ("+86", "0086"):
        if number.startswith(prefix) and len(number) == len(prefix) + 11:
            return number[len(prefix):]
    return number


def bank_card_problem(number: str) -> tuple[NumberProblem | None, NumberProblem | None]:
    """(error, warning) for a cleaned bank card number: wrong shape is an error, a failed Luhn
    check only a warning."""
    if not _CARD.match(number):
        return NumberProblem(
            "card_format",
            "银行卡号应为 12 到 19 位数字",
            "A bank card number has 12 to 19 digits",
        ), None
    if not luhn.is_valid(number):
        return None, NumberProblem(
            "card_luhn",
            "银行卡号校验未通过，请再核对一遍；如确认无误可继续",
            "The bank card number fails its check; please check it again, "
            "or go on if it is right",
        )
    return None, None


def make_bank_card(prefix: str, length: int = 19) -> str:
    """A Luhn-valid card number (for examples and tests)."""
    body = prefix.ljust(length - 1, "0")[: length - 1]
    return body + luhn.calc_check_digit(body)

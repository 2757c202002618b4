"""Field types about a person: ID number, mobile number, bank card and address.

The checks themselves (GB 11643 check digit, Luhn, mobile prefixes) are in `forms.identity`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from forms import identity
from forms.definition import Field
from forms.fieldbase import (
    ADDRESS_PARTS,
    CONTROL_CHARACTERS,
    ExampleContext,
    FieldType,
    issue,
    type_issue,
)
from forms.issues import Issue


class IdNumberType(FieldType):
    name = "id_number"

    def normalize(self, field: Field, raw: Any) -> Any:
        return identity.clean_number(raw) if isinstance(raw, str) else raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, str):
            return [type_issue(field, path, "18 位身份证号", "an 18-character ID number")]
        problem = identity.id_number_problem(value, today)
        if problem is None:
            return []
        return [issue(path, problem.code, f"“{field.label.zh}”：{problem.message_zh}",
                       f"“{field.label.en}”: {problem.message_en}")]

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        born = dt.date(1958 + 7 * (ctx.index % 6), 3 + ctx.index % 9, 12)
        return identity.make_id_number("330781", born, 121 + 2 * ctx.index)


class PhoneType(FieldType):
    name = "phone"

    def normalize(self, field: Field, raw: Any) -> Any:
        if not isinstance(raw, str):
            return raw
        return identity.strip_country_code(identity.clean_number(raw))

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, str):
            return [type_issue(field, path, "11 位手机号", "an 11-digit mobile number")]
        problem = identity.phone_problem(value)
        if problem is None:
            return []
        return [issue(path, problem.code, f"“{field.label.zh}”：{problem.message_zh}",
                       f"“{field.label.en}”: {problem.message_en}")]

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return f"1390579{1234 + ctx.index:04d}"


class BankCardType(FieldType):
    name = "bank_card"

    def normalize(self, field: Field, raw: Any) -> Any:
        return identity.clean_number(raw) if isinstance(raw, str) else raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, str):
            return [type_issue(field, path, "银行卡号", "a bank card number")]
        error, warning = identity.bank_card_problem(value)
        problem = error or warning
        if problem is None:
            return []
        return [issue(path, problem.code, f"“{field.label.zh}”：{problem.message_zh}",
                       f"“{field.label.en}”: {problem.message_en}",
                       "error" if error else "warning")]

    def display(self, field: Field, value: Any, language: str) -> str:
        text = str(value)
        return " ".join(text[i:i + 4] for i in range(0, len(text), 4))

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return identity.make_bank_card("6217856100" + f"{ctx.index:02d}")


class AddressType(FieldType):
    """An address is `{"township", "village", "detail"}`; plain text is taken as `detail`."""

    name = "address"

    def normalize(self, field: Field, raw: Any) -> Any:
        if isinstance(raw, str):
            raw = {"detail": raw}
        if isinstance(raw, dict) and all(isinstance(part, str) for part in raw.values()):
            return {
                key: " ".join(unicodedata.normalize("NFC", part).split())
                for key, part in raw.items()
                if part.strip()
            }
        return raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if (
            not isinstance(value, dict)
            or set(value) - set(ADDRESS_PARTS)
            or not all(isinstance(part, str) for part in value.values())
        ):
            return [type_issue(field, path, "地址（乡镇、村、详细地址）",
                                "an address (township, village, details)")]
        if not value.get("detail"):
            return [issue(path, "address_detail", f"“{field.label.zh}”请写明详细地址（门牌号）",
                           f"“{field.label.en}”: please give the detailed address")]
        for key, part in value.items():
            if len(part) > 100 or CONTROL_CHARACTERS.search(part):
                return [issue(f"{path}.{key}", "too_long",
                               f"“{field.label.zh}”每一部分最多 100 个字，且不能含特殊字符",
                               f"“{field.label.en}”: each part takes at most 100 plain "
                               "characters")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        if not isinstance(value, dict):
            return str(value)
        parts = [str(value[key]) for key in ADDRESS_PARTS if value.get(key)]
        return ", ".join(reversed(parts)) if language == "en" else "".join(parts)

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return {"township": "诸葛镇", "village": "诸葛村", "detail": f"上塘路{12 + ctx.index}号"}

"""Field types: how a raw answer is tidied, checked, shown and exemplified.

Each type is one small class with four pure functions:
- `normalize(field, raw)` turns what a widget or a JSON file gives into the stored value
  ("12.5" typed in yuan -> 1250 fen, full-width digits -> ASCII, spaces trimmed). It never raises
  and never guesses: a value it cannot read is kept as it is and `check` rejects it.
- `check(field, value, path, today)` returns the issues of a non-empty value.
- `display(field, value, language)` is the text of the review page.
- `example(field, ctx)` is a valid value for `kiosk forms example`.
Required answers, constraints, shown-only-if and repeats are handled by `forms.validation`.
Each also checks its own keys of a form definition (`definition`, called by `forms.schema`).
Plain answers are here, with `FIELD_TYPES`, the registry of every type; the types about a
person are in `forms.personal_types`, choices in `forms.choice_types`, those that refer to
files in `forms.file_types`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from forms.choice_types import ChoiceType, ConsentType, MultiChoiceType, YesNoType
from forms.definition import Field
from forms.fieldbase import (
    CONTROL_CHARACTERS,
    DefinitionChecks,
    ExampleContext,
    FieldType,
    TypeParts,
    is_empty,
    issue,
    type_issue,
    yuan,
)
from forms.file_types import AttachmentType, SignatureType
from forms.issues import Issue
from forms.personal_types import AddressType, BankCardType, IdNumberType, PhoneType
from forms.text import Text

__all__ = ["FIELD_TYPES", "ExampleContext", "FieldType", "is_empty", "required_text", "yuan"]

INTEGER_LIMIT = 10**12
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_YUAN_TEXT = re.compile(r"^(\d{1,12})(?:\.(\d{1,2}))?$")


class TextType(FieldType):
    name = "text"
    keys = frozenset({"min_length", "max_length"})
    default_max = 100
    allow_newlines = False

    def normalize(self, field: Field, raw: Any) -> Any:
        if not isinstance(raw, str):
            return raw
        text = unicodedata.normalize("NFC", raw).strip()
        if not self.allow_newlines:
            text = " ".join(text.split())
        return text.replace("\r\n", "\n")

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, str):
            return [type_issue(field, path, "文字", "text")]
        found: list[Issue] = []
        if CONTROL_CHARACTERS.search(value) or (not self.allow_newlines and "\n" in value):
            found.append(issue(path, "bad_characters",
                                f"“{field.label.zh}”含有无法显示的字符，请删去后重填",
                                f"“{field.label.en}” holds characters that cannot be shown"))
        longest = int(field.params.get("max_length", self.default_max))
        shortest = int(field.params.get("min_length", 0))
        if len(value) > longest:
            found.append(issue(path, "too_long",
                                f"“{field.label.zh}”最多 {longest} 个字，现在有 {len(value)} 个",
                                f"“{field.label.en}” takes at most {longest} characters "
                                f"(now {len(value)})"))
        if len(value) < shortest:
            found.append(issue(path, "too_short",
                                f"“{field.label.zh}”至少要写 {shortest} 个字",
                                f"“{field.label.en}” needs at least {shortest} characters"))
        return found

    def display(self, field: Field, value: Any, language: str) -> str:
        return str(value)

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        if field.prefill == "name" or field.id == "name" or field.id.endswith("_name"):
            return ["王秀英", "李建国", "陈小明", "赵桂兰"][ctx.index % 4]
        text = f"{field.label.zh}（示例）"
        shortest = int(field.params.get("min_length", 0))
        longest = int(field.params.get("max_length", self.default_max))
        return text.ljust(shortest, "。")[:longest]


class LongTextType(TextType):
    name = "long_text"
    default_max = 2000
    allow_newlines = True


class IntegerType(FieldType):
    name = "integer"
    keys = frozenset({"min", "max", "unit"})

    def normalize(self, field: Field, raw: Any) -> Any:
        if isinstance(raw, str):
            text = unicodedata.normalize("NFKC", raw).strip().replace(",", "")
            if re.fullmatch(r"-?\d{1,15}", text):
                return int(text)
        return raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, int) or isinstance(value, bool):
            return [type_issue(field, path, "整数", "a whole number")]
        low = field.params.get("min", -INTEGER_LIMIT)
        high = field.params.get("max", INTEGER_LIMIT)
        if value < low:
            return [issue(path, "too_small", f"“{field.label.zh}”不能小于 {low}",
                           f"“{field.label.en}” cannot be less than {low}")]
        if value > high:
            return [issue(path, "too_large", f"“{field.label.zh}”不能大于 {high}",
                           f"“{field.label.en}” cannot be more than {high}")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        unit = field.unit.get(language) if field.unit else ""
        return f"{value} {unit}".strip() if language == "en" else f"{value}{unit}"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        low = int(field.params.get("min", 0))
        high = int(field.params.get("max", INTEGER_LIMIT))
        return min(max(low, 1), high)


class MoneyType(FieldType):
    """Money is an integer number of fen; text typed by a person is read as yuan."""

    name = "money"
    keys = frozenset({"min_fen", "max_fen"})

    def normalize(self, field: Field, raw: Any) -> Any:
        if not isinstance(raw, str):
            return raw
        text = unicodedata.normalize("NFKC", raw).strip()
        text = text.replace(",", "").replace("¥", "").replace("元", "").strip()
        match = _YUAN_TEXT.match(text)
        if match is None:
            return raw
        return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, int) or isinstance(value, bool):
            return [type_issue(field, path, "金额（如 1200 或 1200.50 元）",
                                "an amount of money (like 1200 or 1200.50 yuan)")]
        low = int(field.params.get("min_fen", 0))
        high = int(field.params.get("max_fen", INTEGER_LIMIT))
        if value < low:
            return [issue(path, "too_small", f"“{field.label.zh}”不能少于 {yuan(low)} 元",
                           f"“{field.label.en}” cannot be less than {yuan(low)} yuan")]
        if value > high:
            return [issue(path, "too_large", f"“{field.label.zh}”不能超过 {yuan(high)} 元",
                           f"“{field.label.en}” cannot be more than {yuan(high)} yuan")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        if not isinstance(value, int):
            return str(value)
        return f"{yuan(value)} 元" if language != "en" else f"¥{yuan(value)}"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        low = int(field.params.get("min_fen", 0))
        high = int(field.params.get("max_fen", INTEGER_LIMIT))
        return min(max(low, 120_000), high)


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def date_limit(spec: Any, today: dt.date) -> dt.date | None:
    """A date limit of a definition: an ISO date or `"today"`."""
    return today if spec == "today" else parse_date(spec)


class DateType(FieldType):
    name = "date"
    keys = frozenset({"min", "max"})

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        """`min` / `max` are dates here (or "today"), not numbers."""
        params: dict[str, Any] = {}
        for key in ("min", "max"):
            if key in raw and not _date_spec(raw[key]):
                checks.fail(f"{where}.{key}", "an ISO date (2026-01-31) or \"today\"")
            elif key in raw:
                params[key] = raw[key]
        return TypeParts(params)

    def normalize(self, field: Field, raw: Any) -> Any:
        if not isinstance(raw, str):
            return raw
        text = unicodedata.normalize("NFKC", raw).strip()
        match = _DATE_TEXT.match(text)
        if match is None:
            return text
        return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}"

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        day = parse_date(value)
        if day is None:
            return [issue(path, "bad_date",
                           f"“{field.label.zh}”不是有效日期，请按 年-月-日 填写",
                           f"“{field.label.en}” is not a valid date (year-month-day)")]
        low = date_limit(field.params.get("min"), today)
        high = date_limit(field.params.get("max"), today)
        if low is not None and day < low:
            return [issue(path, "too_early", f"“{field.label.zh}”不能早于 {low:%Y-%m-%d}",
                           f"“{field.label.en}” cannot be before {low:%Y-%m-%d}")]
        if high is not None and day > high:
            return [issue(path, "too_late", f"“{field.label.zh}”不能晚于 {high:%Y-%m-%d}",
                           f"“{field.label.en}” cannot be after {high:%Y-%m-%d}")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        day = parse_date(value)
        if day is None or language == "en":
            return str(value)
        return f"{day.year}年{day.month}月{day.day}日"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        low = date_limit(field.params.get("min"), ctx.today)
        high = date_limit(field.params.get("max"), ctx.today)
        day = ctx.today - dt.timedelta(days=30)
        if high is not None and day > high:
            day = high
        if low is not None and day < low:
            day = low
        return day.isoformat()


class RepeatType(FieldType):
    """A list of items, each an object of the repeat's own fields (household members)."""

    name = "repeat"
    keys = frozenset({"fields", "min_items", "max_items", "item_label"})

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        parts = super().definition(raw, where, checks)
        if checks.in_repeat:
            checks.fail(where, "a repeat cannot hold another repeat")
        parts.fields = checks.subfields(raw.get("fields"), f"{where}.fields")
        return parts

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return [type_issue(field, path, "一组条目", "a list of entries")]
        label = field.item_label or field.label
        low = int(field.params.get("min_items", 0))
        high = int(field.params.get("max_items", 20))
        if len(value) < low:
            return [issue(path, "too_few_items", f"“{field.label.zh}”至少要填 {low} 个{label.zh}",
                           f"“{field.label.en}” needs at least {low} {label.en} entries")]
        if len(value) > high:
            return [issue(path, "too_many_items", f"“{field.label.zh}”最多 {high} 个{label.zh}",
                           f"“{field.label.en}” takes at most {high} {label.en} entries")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        count = len(value) if isinstance(value, list) else 0
        label = field.item_label or field.label
        return f"{count} × {label.en}" if language == "en" else f"{count} 个{label.zh}"


class ComputedType(FieldType):
    """Calculated from other answers (`expression`); whatever was given is replaced."""

    name = "computed"
    keys = frozenset({"expression", "display"})
    may_be_required = False

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        """An expression over earlier answers, shown as a whole number or as money."""
        expression = raw.get("expression")
        if expression is None:
            checks.fail(f"{where}.expression", "a computed field needs an expression")
        else:
            checks.expression(expression, f"{where}.expression")
        display = raw.get("display", "integer")
        if display not in ("integer", "money"):
            checks.fail(f"{where}.display", "\"integer\" or \"money\"")
        return TypeParts({"display": display})

    def display(self, field: Field, value: Any, language: str) -> str:
        if value is None:
            return "—"
        if field.params.get("display") == "money":
            return MoneyType().display(field, value, language)
        return IntegerType().display(field, value, language)


FIELD_TYPES: dict[str, FieldType] = {
    kind.name: kind
    for kind in (
        TextType(), LongTextType(), IntegerType(), MoneyType(), DateType(), ChoiceType(),
        MultiChoiceType(), YesNoType(), IdNumberType(), PhoneType(), BankCardType(),
        AddressType(), RepeatType(), AttachmentType(), SignatureType(), ConsentType(),
        ComputedType(),
    )
}


def _date_spec(value: Any) -> bool:
    return value == "today" or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    )


def required_text(field: Field) -> Text:
    """The message for a required answer left empty, worded for the kind of field."""
    if field.type == "consent":
        return Text(f"请阅读并同意“{field.label.zh}”后再继续",
                    f"Please read and agree to “{field.label.en}” to go on")
    if field.type == "signature":
        return Text(f"请在“{field.label.zh}”处签名", f"Please sign at “{field.label.en}”")
    if field.type == "attachment":
        return Text(f"请拍照或导入“{field.label.zh}”",
                    f"Please photograph or import “{field.label.en}”")
    if field.type in ("choice", "multi_choice", "yes_no"):
        return Text(f"请选择“{field.label.zh}”", f"Please choose “{field.label.en}”")
    return Text(f"请填写“{field.label.zh}”", f"Please fill in “{field.label.en}”")

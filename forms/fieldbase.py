"""What every field type shares: the base class, the issue helpers, empty answers, yuan.

The types themselves are in `forms.fieldtypes` (plain answers, and the registry of all types),
`forms.personal_types` (ID, phone, bank card, address) and `forms.file_types` (attachments and
signatures).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from forms.definition import Field
from forms.issues import Issue

ADDRESS_PARTS = ("township", "village", "detail")
# What a screen or a printer cannot show: control characters, zero-width and direction marks.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


@dataclass(frozen=True)
class ExampleContext:
    today: dt.date
    index: int = 0


def issue(path: str, code: str, zh: str, en: str, severity: str = "error") -> Issue:
    return Issue(path, code, zh, en, "warning" if severity == "warning" else "error")


def type_issue(field: Field, path: str, zh_kind: str, en_kind: str) -> Issue:
    return issue(
        path, "wrong_type",
        f"“{field.label.zh}”应填写{zh_kind}",
        f"“{field.label.en}” must be {en_kind}",
    )


def is_empty(value: Any) -> bool:
    """An unanswered value: nothing, blank text, an empty list or an address with no parts."""
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict) and set(value) <= set(ADDRESS_PARTS):
        return not any(isinstance(part, str) and part for part in value.values())
    return False


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{cents:02d}"


class FieldType:
    name: ClassVar[str] = ""

    def normalize(self, field: Field, raw: Any) -> Any:
        return raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        return str(value)

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return None

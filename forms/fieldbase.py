"""What every field type shares: the base class, the issue helpers, empty answers, yuan.

The types themselves are in `forms.fieldtypes` (plain answers, and the registry of all types),
`forms.personal_types` (ID, phone, bank card, address) and `forms.file_types` (attachments and
signatures).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from forms.definition import Field, Option
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


# definition keys whose values are whole numbers (limits), whichever type they belong to
WHOLE_NUMBER_KEYS = frozenset({
    "min_length", "max_length", "min", "max", "min_fen", "max_fen", "min_selected",
    "max_selected", "min_items", "max_items", "max_size_bytes", "min_files", "max_files",
})


class DefinitionChecks(Protocol):
    """What a type's definition check may use: the form parser, bound to the one field."""

    in_repeat: bool  # the field is inside a repeat's items

    def fail(self, where: str, message: str) -> None: ...

    def whole_numbers(self, raw: Mapping[str, Any], where: str,
                      keys: frozenset[str]) -> dict[str, Any]: ...

    def expression(self, value: Any, where: str) -> None: ...

    def options(self, raw: Mapping[str, Any], where: str) -> tuple[Option, ...]: ...

    def subfields(self, value: Any, where: str) -> tuple[Field, ...]: ...


@dataclass
class TypeParts:
    """What a type's own definition keys give the field."""

    params: dict[str, Any] = field(default_factory=dict)
    options: tuple[Option, ...] = ()
    fields: tuple[Field, ...] = ()


class FieldType:
    name: ClassVar[str] = ""
    keys: ClassVar[frozenset[str]] = frozenset()  # definition keys of this type only
    may_be_required: ClassVar[bool] = True
    needs_statement: ClassVar[bool] = False

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        """Check this type's own keys of a field definition (`forms.schema` checks the
        common ones); the default takes the whole-number limits among them."""
        return TypeParts(checks.whole_numbers(raw, where, self.keys & WHOLE_NUMBER_KEYS))

    def normalize(self, field: Field, raw: Any) -> Any:
        return raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        return str(value)

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return None

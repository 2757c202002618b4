"""The in-memory shape of a loaded form definition.

A definition arrives as a JSON document (see docs/forms.md); `forms.schema.parse_definition`
checks it and builds these frozen objects. `FormDefinition.document` keeps the exact dict, so
its SHA-256 (`definition_sha256`) is the one the province sees, whatever Python does with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from forms.text import Text

FIELD_TYPES: tuple[str, ...] = (
    "text", "long_text", "integer", "money", "date", "choice", "multi_choice", "yes_no",
    "id_number", "phone", "bank_card", "address", "repeat", "attachment", "signature",
    "consent", "computed",
)
"""Every field type a definition may use; `forms.fieldtypes` implements each one."""

PREFILL_KEYS: tuple[str, ...] = (
    "name", "id_number", "phone", "address", "bank_card_number", "ssc_number",
    "birth_date", "gender",
)
"""What a card read (or the clerk) can hand to `WizardSession.start(prefill=...)`.
`birth_date` and `gender` are derived from `id_number` when not given."""

APPLICANT_KEYS: tuple[str, ...] = ("name", "id_number", "phone")


@dataclass(frozen=True)
class Option:
    value: str
    label: Text


@dataclass(frozen=True)
class Constraint:
    """`rule` is a condition (docs/forms.md) that must hold when the field has a value."""

    rule: Mapping[str, Any]
    message: Text
    severity: str = "error"


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: Text
    help: Text | None = None
    required: bool = False
    shown_if: Mapping[str, Any] | None = None
    constraints: tuple[Constraint, ...] = ()
    default: Any = None
    prefill: str | None = None
    options: tuple[Option, ...] = ()
    fields: tuple[Field, ...] = ()
    expression: Any = None
    statement: Text | None = None
    item_label: Text | None = None
    unit: Text | None = None
    example: Any = None
    has_example: bool = False
    params: Mapping[str, Any] = field(default_factory=dict)
    """Type-specific limits: `min`, `max`, `min_length`, `max_length`, `min_fen`, `max_fen`,
    `min_selected`, `max_selected`, `min_items`, `max_items`, `accept`, `max_size_bytes`,
    `min_files`, `max_files`, `display`."""

    def option(self, value: Any) -> Option | None:
        for candidate in self.options:
            if candidate.value == value:
                return candidate
        return None

    def subfield(self, field_id: str) -> Field | None:
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        return None


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    fields: tuple[Field, ...]
    shown_if: Mapping[str, Any] | None = None
    help: Text | None = None


@dataclass(frozen=True)
class FormDefinition:
    """A checked definition. `sha256` is `definition_sha256(document)`."""

    document: Mapping[str, Any]
    form_id: str
    version: int
    sha256: str
    title: Text
    description: Text | None
    applicant: Mapping[str, str]
    pages: tuple[Page, ...]

    def all_fields(self) -> Iterator[tuple[Page, Field]]:
        """Top-level fields in document order, with their page."""
        for page in self.pages:
            for item in page.fields:
                yield page, item

    def field(self, field_id: str) -> Field | None:
        for _page, item in self.all_fields():
            if item.id == field_id:
                return item
        return None

    def page(self, page_id: str) -> Page | None:
        for page in self.pages:
            if page.id == page_id:
                return page
        return None

    def page_of(self, field_id: str) -> Page | None:
        for page, item in self.all_fields():
            if item.id == field_id:
                return page
        return None

"""Typed validation results: what is wrong, where, in both languages.

Errors stop a page (and the finish); warnings are shown but never block (a bank card that fails
the Luhn check may still be a real old card). The same `Issue` travels to the Qt wizard (shown
next to the field, in words), to the clerk CLI (printed) and to tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from forms.text import Text

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem with one answer.

    `path` names the answer: `income_fen`, or `members[1].id_number` inside a repeat (items
    counted from 0). `code` is stable for programs (`required`, `id_checksum`, ...).
    """

    path: str
    code: str
    message_zh: str
    message_en: str
    severity: Severity = "error"

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_zh

    def to_json(self) -> dict[str, str]:
        return {
            "path": self.path,
            "code": self.code,
            "severity": self.severity,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


def issue(path: str, code: str, text: Text, severity: Severity = "error") -> Issue:
    return Issue(path=path, code=code, message_zh=text.zh, message_en=text.en, severity=severity)


@dataclass(frozen=True)
class Report:
    """Errors and warnings of one page or of the whole form."""

    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors

    def for_path(self, path: str) -> list[Issue]:
        """Issues of one answer and of everything inside it (a repeat's items)."""
        return [
            found
            for found in (*self.errors, *self.warnings)
            if found.path == path
            or found.path.startswith(path + "[")
            or found.path.startswith(path + ".")
        ]

    def to_json(self) -> dict[str, list[dict[str, str]]]:
        return {
            "errors": [found.to_json() for found in self.errors],
            "warnings": [found.to_json() for found in self.warnings],
        }

    @classmethod
    def of(cls, found: list[Issue]) -> Report:
        return cls(
            errors=tuple(item for item in found if item.severity == "error"),
            warnings=tuple(item for item in found if item.severity == "warning"),
        )

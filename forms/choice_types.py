"""Field types that pick among answers: one option, several, yes/no, and consent.

The options come from the definition (`options`, checked by `definition` here); a choice not
among them is refused, never kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from forms.definition import Field
from forms.fieldbase import (
    DefinitionChecks,
    ExampleContext,
    FieldType,
    TypeParts,
    issue,
)
from forms.issues import Issue


class ChoiceType(FieldType):
    name = "choice"
    keys = frozenset({"options"})

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        return TypeParts(options=checks.options(raw, where))

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, str) or field.option(value) is None:
            return [issue(path, "not_an_option", f"“{field.label.zh}”请从给出的选项中选择",
                           f"“{field.label.en}”: please pick one of the options given")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        option = field.option(value)
        return option.label.get(language) if option else str(value)

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return field.options[0].value


class MultiChoiceType(FieldType):
    name = "multi_choice"
    keys = frozenset({"options", "min_selected", "max_selected"})

    def definition(self, raw: Mapping[str, Any], where: str,
                   checks: DefinitionChecks) -> TypeParts:
        parts = super().definition(raw, where, checks)
        parts.options = checks.options(raw, where)
        return parts

    def normalize(self, field: Field, raw: Any) -> Any:
        if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
            chosen = set(raw)
            known = [option.value for option in field.options if option.value in chosen]
            return known + [item for item in dict.fromkeys(raw) if item not in known]
        return raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, list) or not all(
            isinstance(item, str) and field.option(item) for item in value
        ):
            return [issue(path, "not_an_option", f"“{field.label.zh}”请从给出的选项中选择",
                           f"“{field.label.en}”: please pick from the options given")]
        low = int(field.params.get("min_selected", 0))
        high = int(field.params.get("max_selected", len(field.options)))
        if len(value) < low:
            return [issue(path, "too_few", f"“{field.label.zh}”至少选 {low} 项",
                           f"“{field.label.en}”: pick at least {low}")]
        if len(value) > high:
            return [issue(path, "too_many", f"“{field.label.zh}”最多选 {high} 项",
                           f"“{field.label.en}”: pick at most {high}")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        if not isinstance(value, list):
            return str(value)
        labels = [ChoiceType().display(field, item, language) for item in value]
        return ", ".join(labels) if language == "en" else "、".join(labels)

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return [option.value for option in field.options[: max(1, field.params.get(
            "min_selected", 1))]]


_YES = {"yes", "y", "true", "是", "有", "1"}
_NO = {"no", "n", "false", "否", "无", "没有", "0"}


class YesNoType(FieldType):
    name = "yes_no"

    def normalize(self, field: Field, raw: Any) -> Any:
        if isinstance(raw, str):
            text = raw.strip().lower()
            if text in _YES:
                return True
            if text in _NO:
                return False
        return raw

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, bool):
            return [issue(path, "wrong_type", f"“{field.label.zh}”请选择“是”或“否”",
                           f"“{field.label.en}”: please answer yes or no")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        if language == "en":
            return "Yes" if value is True else "No"
        return "是" if value is True else "否"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return False


class ConsentType(FieldType):
    """Agreement to a statement (personal data use, truthfulness): only `true` counts."""

    name = "consent"
    keys = frozenset({"statement"})
    needs_statement = True

    def normalize(self, field: Field, raw: Any) -> Any:
        return YesNoType().normalize(field, raw)

    def check(self, field: Field, value: Any, path: str, today: dt.date) -> list[Issue]:
        if not isinstance(value, bool):
            return [issue(path, "wrong_type", f"“{field.label.zh}”请选择同意或不同意",
                           f"“{field.label.en}”: please agree or decline")]
        return []

    def display(self, field: Field, value: Any, language: str) -> str:
        if language == "en":
            return "Agreed" if value is True else "Not agreed"
        return "已同意" if value is True else "未同意"

    def example(self, field: Field, ctx: ExampleContext) -> Any:
        return True

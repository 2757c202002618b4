"""Filled-in, valid answers for a form: the template clerks start bulk entry from.

A definition may give any field an `example` value (a form whose constraints the generic
values cannot meet, such as an age limit, says what a real answer looks like); every other
field gets a plausible value of its type. Hidden fields are left out and computed ones too
(they are always recomputed). Tests prove every demo form's example validates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from forms.definition import Field, FormDefinition
from forms.fieldtypes import FIELD_TYPES, ExampleContext
from forms.validation import evaluate


def example_answers(definition: FormDefinition, *, today: dt.date | None = None) -> dict[str, Any]:
    """Answers for every shown, non-computed field of the form."""
    day = today or dt.date.today()
    raw: dict[str, Any] = {}
    for _page, field in definition.all_fields():
        if field.type == "computed":
            continue
        raw[field.id] = _example(field, ExampleContext(day, 0))
    shown = evaluate(definition, raw, today=day).answers
    computed = {field.id for _page, field in definition.all_fields() if field.type == "computed"}
    result: dict[str, Any] = {}
    for _page, field in definition.all_fields():
        if field.id in shown and field.id not in computed:
            result[field.id] = _strip_computed(field, shown[field.id])
    return result


def example_document(definition: FormDefinition, *,
                     today: dt.date | None = None) -> dict[str, Any]:
    """An answers document (docs/forms.md) that `check_answers_document` accepts."""
    answers = example_answers(definition, today=today)
    applicant = {key: answers[field_id] for key, field_id in definition.applicant.items()
                 if field_id in answers}
    return {
        "form_id": definition.form_id,
        "form_version": definition.version,
        "applicant": applicant,
        "answers": answers,
    }


def _example(field: Field, ctx: ExampleContext) -> Any:
    if field.has_example:
        return field.example
    if field.type != "repeat":
        return FIELD_TYPES[field.type].example(field, ctx)
    count = max(int(field.params.get("min_items", 0)), min(2, int(field.params.get(
        "max_items", 2))))
    return [
        {sub.id: _example(sub, ExampleContext(ctx.today, number + 1))
         for sub in field.fields if sub.type != "computed"}
        for number in range(count)
    ]


def _strip_computed(field: Field, value: Any) -> Any:
    if field.type != "repeat" or not isinstance(value, list):
        return value
    computed = {sub.id for sub in field.fields if sub.type == "computed"}
    return [{key: item[key] for key in item if key not in computed} for item in value]

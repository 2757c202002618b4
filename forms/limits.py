"""Bounds on a definition's shape, checked before and after it is parsed (finding 4).

A definition is data from the province or a file: a document nested thousands deep used to end
`kiosk forms check` in RecursionError, and computed fields stacked on computed fields multiply
the work of every keystroke. Both are refused here in words.
"""

from __future__ import annotations

from typing import Any

from forms.definition import Field, FormDefinition
from forms.expressions import MAX_COMPUTED_DEPTH, referenced_fields

MAX_JSON_DEPTH = 40  # objects and lists inside each other; the shipped forms use about 10


def json_depth(document: Any) -> int:
    """How deeply objects and lists nest in `document` (without recursion; it stops counting
    just past `MAX_JSON_DEPTH`)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            values: Any = value.values()
        elif isinstance(value, list):
            values = value
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_JSON_DEPTH:
            return depth
        stack.extend((item, depth + 1) for item in values)
    return deepest


def _computed_fields(definition: FormDefinition) -> list[Field]:
    found: list[Field] = []
    for _page, field in definition.all_fields():
        found.extend(f for f in (field, *field.fields) if f.type == "computed")
    return found


def computed_depth_problems(definition: FormDefinition) -> list[str]:
    """Computed fields built on computed fields deeper than `MAX_COMPUTED_DEPTH`."""
    depths: dict[str, int] = {}
    computed = {field.id for field in _computed_fields(definition)}
    for field in _computed_fields(definition):  # document order: references come first
        below = [depths.get(name, 0) for name in referenced_fields(field.expression)
                 if name in computed and name != field.id]
        depths[field.id] = 1 + max(below, default=0)
    return [f"field {field_id!r}: computed from computed fields {depth} deep (at most "
            f"{MAX_COMPUTED_DEPTH}); compute it from the answers directly"
            for field_id, depth in depths.items() if depth > MAX_COMPUTED_DEPTH]

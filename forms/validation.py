"""Validation as pure functions: the same rules at every wizard step and again at finish.

`evaluate(definition, answers, today=...)` walks the form in document order: it tidies each
answer (`FieldType.normalize`), decides what is shown (a page's and a field's `shown_if`, using
only earlier answers, with hidden answers already removed), computes computed fields, then
checks every shown field: required, type rules, constraints. The result holds the cleaned
answers (shown fields only, computed values included) and a `Report`; `pages=` limits the
report to some pages, which is what "next" on one wizard page uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from forms.definition import Field, FormDefinition
from forms.expressions import Budget, Env, evaluate_bounded, holds, round_half_up
from forms.fieldtypes import FIELD_TYPES, is_empty, required_text
from forms.issues import Issue, Report


@dataclass(frozen=True)
class Evaluation:
    """What a set of answers means for a definition.

    `answers`: cleaned values of the fields that are shown (computed ones included);
    `shown_pages`: ids of the pages shown, in order; `report`: errors and warnings.
    """

    answers: dict[str, Any]
    shown_pages: tuple[str, ...]
    report: Report


def evaluate(
    definition: FormDefinition,
    answers: Mapping[str, Any],
    *,
    today: dt.date | None = None,
    pages: Collection[str] | None = None,
    strict_keys: bool = True,
) -> Evaluation:
    """Clean, compute and check `answers`. Never raises for any JSON-like input.

    `pages`: report issues of these page ids only (all when `None`). `strict_keys`: report
    answers for fields the form does not have (a typo in a clerk's file would lose data).
    """
    day = today or dt.date.today()
    raw = answers if isinstance(answers, Mapping) else {}
    cleaned: dict[str, Any] = {}
    shown_pages: list[str] = []
    found: list[Issue] = []
    checks: list[tuple[Field, str]] = []  # (field, page id) to check once all values are known
    budget = Budget()  # every expression of this validation shares one time budget
    for page in definition.pages:
        page_shown = page.shown_if is None or holds(page.shown_if,
                                                    Env(cleaned, day, budget=budget))
        if page_shown:
            shown_pages.append(page.id)
        for field in page.fields:
            if not page_shown:
                continue
            if field.shown_if is not None and not holds(field.shown_if,
                                                        Env(cleaned, day, budget=budget)):
                continue
            if field.type == "computed":
                cleaned[field.id] = _computed(field, Env(cleaned, day, budget=budget),
                                              field.id, found)
            else:
                value = _normalize(field, raw.get(field.id), cleaned, day, budget, found)
                if not is_empty(value):
                    cleaned[field.id] = value
            checks.append((field, page.id))
    for field, page_id in checks:
        if pages is None or page_id in pages:
            found.extend(_check(field, cleaned.get(field.id), field.id, cleaned, None, day))
    if strict_keys and pages is None:
        known = {field.id for _page, field in definition.all_fields()}
        for key in raw:
            if key not in known:
                found.append(Issue(str(key), "unknown_field",
                                   f"表单中没有“{key}”这一项，请检查拼写",
                                   f"The form has no answer called “{key}”; check the spelling"))
    return Evaluation(cleaned, tuple(shown_pages), Report.of(found))


def _normalize(field: Field, value: Any, answers: Mapping[str, Any], today: dt.date,
               budget: Budget, found: list[Issue]) -> Any:
    kind = FIELD_TYPES[field.type]
    if field.type != "repeat":
        return kind.normalize(field, value)
    if not isinstance(value, list):
        return value
    items: list[Any] = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            items.append(item)
            continue
        tidy: dict[str, Any] = {}
        for sub in field.fields:
            if sub.shown_if is not None and not holds(sub.shown_if,
                                                      Env(answers, today, tidy, budget)):
                continue
            if sub.type == "computed":
                tidy[sub.id] = _computed(sub, Env(answers, today, tidy, budget),
                                         f"{field.id}[{index}].{sub.id}", found)
                continue
            sub_value = FIELD_TYPES[sub.type].normalize(sub, item.get(sub.id))
            if not is_empty(sub_value):
                tidy[sub.id] = sub_value
        extra = {key: item[key] for key in item if field.subfield(str(key)) is None}
        items.append({**tidy, **extra})
    return items


def _computed(field: Field, env: Env, path: str, found: list[Issue]) -> int | None:
    """The rounded value; a value past the bounds or the time budget is `None` and an error."""
    value, problem = evaluate_bounded(field.expression, env)
    if problem == "too_large":
        found.append(Issue(path, "computed_too_large",
                           f"“{field.label.zh}”算出的数太大，无法计算，请检查填写的数字",
                           f"“{field.label.en}” comes out too large to compute; please check "
                           "the numbers entered"))
    elif problem == "too_slow":
        found.append(Issue(path, "computed_too_slow",
                           f"“{field.label.zh}”计算太久，已停止，请联系工作人员",
                           f"“{field.label.en}” took too long to compute and was stopped; "
                           "please ask the staff"))
    return round_half_up(value)


def _check(field: Field, value: Any, path: str, answers: Mapping[str, Any],
           item: Mapping[str, Any] | None, today: dt.date) -> list[Issue]:
    if is_empty(value) or (field.type == "consent" and value is not True):
        if field.required and (field.type == "consent" or is_empty(value)):
            text = required_text(field)
            return [Issue(path, "required", text.zh, text.en)]
        if is_empty(value):
            return []
    found = FIELD_TYPES[field.type].check(field, value, path, today)
    if found and any(issue.severity == "error" for issue in found):
        return found
    if field.type == "repeat":
        found.extend(_check_items(field, value, path, answers, today))
    env = Env(answers, today, item)
    for constraint in field.constraints:
        if not holds(constraint.rule, env):
            found.append(Issue(path, "constraint", constraint.message.zh, constraint.message.en,
                               "warning" if constraint.severity == "warning" else "error"))
    return found


def _check_items(field: Field, items: list[Any], path: str, answers: Mapping[str, Any],
                 today: dt.date) -> list[Issue]:
    found: list[Issue] = []
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        for key in item:
            if field.subfield(str(key)) is None:
                found.append(Issue(f"{where}.{key}", "unknown_field",
                                   f"“{field.label.zh}”中没有“{key}”这一项",
                                   f"“{field.label.en}” has no answer called “{key}”"))
        for sub in field.fields:
            if sub.shown_if is not None and not holds(sub.shown_if, Env(answers, today, item)):
                continue
            for problem in _check(sub, item.get(sub.id), f"{where}.{sub.id}", answers, item,
                                  today):
                found.append(_numbered(problem, field, index))
    return found


def _numbered(problem: Issue, field: Field, index: int) -> Issue:
    """Prefix an item's issue with which entry it is: "家庭成员 2：…"."""
    label = field.item_label or field.label
    return Issue(problem.path, problem.code,
                 f"{label.zh} {index + 1}：{problem.message_zh}",
                 f"{label.en} {index + 1}: {problem.message_en}", problem.severity)

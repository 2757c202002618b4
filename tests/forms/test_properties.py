"""Property tests: no input crashes the engine, and every rejection says why in both languages.

Every field type is fed random JSON values and random typed text; every demo form is fed random
answers and random wizard moves; definitions are fed random damage. A crash, an issue without a
Chinese and an English message, or a frozen value that is not canonical JSON fails the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from forms import (
    AnswersInvalid,
    DefinitionError,
    FormDefinition,
    Issue,
    WizardSession,
    canonical_json,
    evaluate,
    load_definition,
    parse_definition,
)
from forms.definition import FIELD_TYPES
from tests.forms.conftest import TODAY, build, field, t

ROOT = Path(__file__).resolve().parents[2]
DEMO_FORMS = [load_definition(path) for path in sorted((ROOT / "resources" / "forms").glob(
    "*.json"))]
CJK = re.compile(r"[\u4e00-\u9fff]")

MEANINGFUL_KEYS = ["detail", "township", "village", "sha256", "media_type", "size", "filename",
                   "n", "m", "d", "a", "f", "s"]
json_scalars = (st.none() | st.booleans() | st.integers(min_value=-10**15, max_value=10**15)
                | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40))
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(MEANINGFUL_KEYS) | st.text(max_size=12), children,
                      max_size=4),
    max_leaves=12,
)
typed_text = st.text(
    alphabet=st.characters(codec="utf-8") | st.sampled_from(list("0123456789Xx-.年月日元¥ ")),
    max_size=30,
)
OPTIONS = [{"value": "a", "label": t("甲", "A")}, {"value": "b", "label": t("乙", "B")}]
EXTRA: dict[str, dict[str, Any]] = {
    "choice": {"options": OPTIONS},
    "multi_choice": {"options": OPTIONS},
    "consent": {"statement": t("同意", "Agree")},
    "computed": {"expression": {"div": [{"field": "name"}, 3]}},
    "repeat": {"fields": [field("n", "integer", required=True), field("m", "money"),
                          field("d", "date"), field("a", "address"),
                          field("f", "attachment"), field("s", "signature")],
               "min_items": 1, "max_items": 3},
}
SINGLE = {
    kind: build({"id": "p", "title": t("页", "Page"), "fields": [
        field("x", kind, required=kind != "computed", **EXTRA.get(kind, {}))]})
    for kind in FIELD_TYPES
}


def assert_explained(issue: Issue) -> None:
    assert CJK.search(issue.message_zh), issue
    assert issue.message_en.strip(), issue
    assert re.search(r"[A-Za-z]{3}", issue.message_en), issue
    assert issue.code
    assert issue.path


def assert_all_explained(definition: FormDefinition, answers: Any) -> None:
    result = evaluate(definition, answers, today=TODAY)
    for issue in (*result.report.errors, *result.report.warnings):
        assert_explained(issue)
    if result.report.ok:
        canonical_json(result.answers)  # a float slipping through would raise here


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values | typed_text | st.dictionaries(
    st.sampled_from(MEANINGFUL_KEYS), json_scalars, min_size=1, max_size=4))
@example(value={"detail": 5, "village": "诸葛村"})
@example(value=[{"sha256": "a" * 64, "media_type": 3, "size": 1, "filename": "x"}])
def test_every_field_type_survives_any_value(value: Any) -> None:
    for definition in SINGLE.values():
        assert_all_explained(definition, {"x": value})


@settings(max_examples=60, deadline=None)
@given(items=st.lists(st.dictionaries(st.sampled_from(["n", "m", "d", "a", "f", "s", "zz"]),
                                      json_values | typed_text, max_size=7), max_size=4))
def test_repeat_items_survive_any_content(items: list[dict[str, Any]]) -> None:
    assert_all_explained(SINGLE["repeat"], {"x": items})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_demo_forms_survive_random_answers(data: st.DataObject) -> None:
    for definition in DEMO_FORMS:
        ids = [item.id for _page, item in definition.all_fields()]
        answers = data.draw(st.dictionaries(st.sampled_from(ids), json_values | typed_text,
                                            max_size=len(ids)))
        assert_all_explained(definition, answers)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_wizard_walks_never_crash(data: st.DataObject) -> None:
    definition = data.draw(st.sampled_from(DEMO_FORMS))
    session = WizardSession.start(definition, today=TODAY)
    inputs = [item.id for _page, item in definition.all_fields() if item.type != "computed"]
    for _ in range(data.draw(st.integers(min_value=1, max_value=15))):
        move = data.draw(st.sampled_from(["set", "set", "next", "back", "review", "finish"]))
        if move == "set":
            session.set_answer(data.draw(st.sampled_from(inputs)),
                               data.draw(json_values | typed_text))
        elif move == "next":
            for issue in session.next().errors:
                assert_explained(issue)
        elif move == "back":
            session.back()
        elif move == "review":
            for item in session.review_items():
                assert isinstance(item.value_zh, str)
                assert isinstance(item.value_en, str)
        else:
            problems: tuple[Issue, ...] = ()
            try:
                frozen = session.finish()
            except AnswersInvalid as error:
                problems = error.report.errors
                assert problems
            else:
                json.loads(frozen.canonical())
            for issue in problems:
                assert_explained(issue)
        assert 1 <= session.step_number <= session.step_count
        restored = WizardSession.from_json(definition, json.loads(json.dumps(
            session.to_json())), today=TODAY)
        assert restored.step_label() == session.step_label()


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_damaged_definitions_load_or_explain(data: st.DataObject) -> None:
    definition = data.draw(st.sampled_from(DEMO_FORMS))
    doc = json.loads(json.dumps(definition.document))
    # Walk to a random place and put a random value there.
    node: Any = doc
    for _ in range(data.draw(st.integers(min_value=0, max_value=5))):
        if isinstance(node, dict) and node:
            key = data.draw(st.sampled_from(sorted(node)))
            if not isinstance(node[key], (dict, list)):
                break
            node = node[key]
        elif isinstance(node, list) and node:
            child = node[data.draw(st.integers(0, len(node) - 1))]
            if not isinstance(child, (dict, list)):
                break
            node = child
    if isinstance(node, dict) and node:
        node[data.draw(st.sampled_from(sorted(node)))] = data.draw(json_values)
    elif isinstance(node, list) and node:
        node[data.draw(st.integers(0, len(node) - 1))] = data.draw(json_values)
    problems: list[str] = []
    try:
        parse_definition(doc)
    except DefinitionError as error:
        problems = error.problems or ["(no problem listed)"]
    assert all(isinstance(problem, str) and problem.strip() for problem in problems)
    assert "(no problem listed)" not in problems

"""Checking a definition document and building a `FormDefinition` from it.

Hand-written checks instead of a JSON-Schema library: every problem is a sentence naming its
place (`pages[1].fields[3].options`), all problems are reported at once, and the checks that a
schema cannot express are here too: field ids unique, conditions naming fields that exist and
come earlier, the applicant mapping pointing at fields of the right type. The format itself is
documented in docs/forms.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from forms.canonical import definition_sha256
from forms.definition import (
    APPLICANT_KEYS,
    FIELD_TYPES,
    PREFILL_KEYS,
    Constraint,
    Field,
    FormDefinition,
    Option,
    Page,
)
from forms.expressions import Scope, check_condition, check_value
from forms.fieldbase import FieldType
from forms.fieldtypes import FIELD_TYPES as TYPE_CLASSES
from forms.limits import MAX_JSON_DEPTH, computed_depth_problems, json_depth
from forms.text import Text

FORMAT_VERSION = 1
_FORM_ID = re.compile(r"^[a-z][a-z0-9-]{1,63}$")
_FIELD_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
_COMMON_KEYS = {
    "id", "type", "label", "help", "required", "shown_if", "constraints", "default", "prefill",
    "example",
}
_APPLICANT_TYPES = {"name": {"text"}, "id_number": {"id_number"}, "phone": {"phone"}}


class DefinitionError(ValueError):
    """A definition that cannot be used; `problems` lists every reason, one sentence each."""

    def __init__(self, problems: list[str], source: str = "form definition") -> None:
        self.problems = problems
        self.source = source
        super().__init__(f"{source}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))


def load_definition(path: str | Path) -> FormDefinition:
    """Read, check and build a definition file (UTF-8 JSON). Raises `DefinitionError`."""
    source = str(path)
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        problem = f"cannot read the file: {error.strerror or error}"
        raise DefinitionError([problem], source) from None
    except UnicodeDecodeError:
        raise DefinitionError(["the file is not UTF-8 text"], source) from None
    except json.JSONDecodeError as error:
        raise DefinitionError(
            [f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"], source
        ) from None
    except RecursionError:  # the JSON reader itself gives up on very deep nesting
        raise DefinitionError([f"the definition is nested too deeply (more than "
                               f"{MAX_JSON_DEPTH} levels of objects and lists)"], source) from None
    return parse_definition(document, source)


def parse_definition(document: Any, source: str = "form definition") -> FormDefinition:
    """Check a definition document and build it. Raises `DefinitionError` with every problem.

    A document nested deeper than `MAX_JSON_DEPTH` is refused in words before any recursive
    walk (it used to end in RecursionError), and so are computed fields built on computed
    fields deeper than `expressions.MAX_COMPUTED_DEPTH`."""
    depth = json_depth(document)
    if depth > MAX_JSON_DEPTH:
        raise DefinitionError([f"the definition is nested too deeply ({depth} levels of "
                               f"objects and lists; at most {MAX_JSON_DEPTH})"], source)
    checker = _Checker()
    definition = checker.definition(document)
    if checker.problems or definition is None:
        raise DefinitionError(checker.problems, source)
    problems = computed_depth_problems(definition)
    if problems:
        raise DefinitionError(problems, source)
    return definition


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    # -- top level --------------------------------------------------------------------------

    def definition(self, doc: Any) -> FormDefinition | None:
        if not isinstance(doc, dict):
            self.fail("", "a definition is a JSON object")
            return None
        for place in _float_places(doc, ""):
            self.fail(place, "floats are not allowed (use whole numbers; money in fen)")
        self._keys(doc, "", required={"format", "form_id", "version", "title", "applicant",
                                      "pages"}, optional={"description"})
        if doc.get("format") != FORMAT_VERSION:
            self.fail("format", f"must be {FORMAT_VERSION}")
        form_id = doc.get("form_id")
        if not isinstance(form_id, str) or not _FORM_ID.match(form_id):
            self.fail("form_id", "lowercase letters, digits and '-', starting with a letter")
        version = doc.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fail("version", "a whole number from 1 up")
        title = self.text(doc.get("title"), "title")
        description = self.text(doc.get("description"), "description", optional=True)
        pages = self.pages(doc.get("pages"))
        applicant = self.applicant(doc.get("applicant"), pages)
        if self.problems or title is None:
            return None
        return FormDefinition(
            document=doc, form_id=str(form_id), version=int(str(version)),
            sha256=definition_sha256(doc), title=title, description=description,
            applicant=applicant, pages=tuple(pages),
        )

    def applicant(self, value: Any, pages: list[Page]) -> dict[str, str]:
        if not isinstance(value, dict):
            self.fail("applicant", "an object naming the fields of name, id_number and phone")
            return {}
        self._keys(value, "applicant", required=set(APPLICANT_KEYS), optional=set())
        fields = {item.id: item for page in pages for item in page.fields}
        for key in APPLICANT_KEYS:
            target = value.get(key)
            if key in value and (not isinstance(target, str) or target not in fields
                                 or fields[target].type not in
                                 _APPLICANT_TYPES[key]):
                kinds = "/".join(sorted(_APPLICANT_TYPES[key]))
                self.fail(f"applicant.{key}", f"must name a top-level {kinds} field, "
                                              f"got {target!r}")
            elif key in value and not fields[str(target)].required:
                self.fail(f"applicant.{key}", f"field {target!r} must be required")
        return {key: str(value[key]) for key in APPLICANT_KEYS if key in value}

    def pages(self, value: Any) -> list[Page]:
        if not isinstance(value, list) or not value:
            self.fail("pages", "a non-empty list of pages")
            return []
        seen_pages: set[str] = set()
        earlier: list[str] = []  # top-level field ids in document order
        repeats: dict[str, frozenset[str]] = {}
        all_ids = _all_top_level_ids(value)
        result: list[Page] = []
        for index, raw in enumerate(value):
            where = f"pages[{index}]"
            if not isinstance(raw, dict):
                self.fail(where, "a page is an object")
                continue
            self._keys(raw, where, required={"id", "title", "fields"},
                       optional={"shown_if", "help"})
            page_id = raw.get("id")
            if not isinstance(page_id, str) or not _FIELD_ID.match(page_id):
                self.fail(f"{where}.id", "lowercase letters, digits and '_'")
            elif page_id in seen_pages:
                self.fail(f"{where}.id", f"page id {page_id!r} is used twice")
            seen_pages.add(str(page_id))
            title = self.text(raw.get("title"), f"{where}.title")
            help_text = self.text(raw.get("help"), f"{where}.help", optional=True)
            shown_if = raw.get("shown_if")
            if shown_if is not None:
                self.condition(shown_if, Scope(frozenset(earlier), repeats), f"{where}.shown_if")
            fields: list[Field] = []
            raw_fields = raw.get("fields")
            if not isinstance(raw_fields, list) or not raw_fields:
                self.fail(f"{where}.fields", "a non-empty list of fields")
                raw_fields = []
            for number, raw_field in enumerate(raw_fields):
                built = self.field(raw_field, f"{where}.fields[{number}]", earlier, repeats,
                                   all_ids, item_scope=None)
                if built is None:
                    continue
                if built.id in earlier:
                    self.fail(f"{where}.fields[{number}].id", f"field id {built.id!r} is used "
                                                              "twice")
                earlier.append(built.id)
                if built.type == "repeat":
                    repeats[built.id] = frozenset(sub.id for sub in built.fields)
                fields.append(built)
            if title is not None:
                result.append(Page(str(page_id), title, tuple(fields), shown_if, help_text))
        return result

    # -- fields -----------------------------------------------------------------------------

    def field(self, raw: Any, where: str, earlier: list[str],
              repeats: dict[str, frozenset[str]], all_ids: set[str],
              item_scope: list[str] | None) -> Field | None:
        """One field: the keys every type shares are checked here, the type's own keys by its
        class (`FieldType.definition`, in forms.fieldtypes and its neighbours)."""
        if not isinstance(raw, dict):
            self.fail(where, "a field is an object")
            return None
        kind = TYPE_CLASSES.get(raw["type"]) if raw.get("type") in FIELD_TYPES else None
        if kind is None:
            self.fail(f"{where}.type", f"unknown field type {raw.get('type')!r} (known: "
                                       f"{', '.join(FIELD_TYPES)})")
            return None
        self._keys(raw, where, required={"id", "type", "label"}, optional=_COMMON_KEYS | kind.keys)
        field_id = raw.get("id")
        if not isinstance(field_id, str) or not _FIELD_ID.match(field_id):
            self.fail(f"{where}.id", "lowercase letters, digits and '_', starting with a letter")
            field_id = "?"
        label = self.text(raw.get("label"), f"{where}.label")
        help_text = self.text(raw.get("help"), f"{where}.help", optional=True)
        required = self._required(raw, where, kind)
        # Shown-only-if and computed values may only use earlier answers: a page never depends
        # on a later one, and evaluation in document order is then exact.
        ordered = Scope(frozenset(earlier), repeats, frozenset(item_scope or ()))
        # Constraints may use any answer of the form.
        anywhere = Scope(frozenset(all_ids), repeats, frozenset(item_scope or ()))
        shown_if = raw.get("shown_if")
        if shown_if is not None:
            self.condition(shown_if, ordered, f"{where}.shown_if")
        constraints = self.constraints(raw.get("constraints"), anywhere, where, str(field_id))
        prefill = raw.get("prefill")
        if prefill is not None and prefill not in PREFILL_KEYS:
            self.fail(f"{where}.prefill", f"unknown prefill key {prefill!r} (known: "
                                          f"{', '.join(PREFILL_KEYS)})")
        checks = _FieldChecks(self, ordered, earlier, repeats, all_ids, item_scope is not None)
        parts = kind.definition(raw, where, checks)
        statement = self.text(raw.get("statement"), f"{where}.statement",
                              optional=not kind.needs_statement)
        item_label = self.text(raw.get("item_label"), f"{where}.item_label", optional=True)
        unit = self.text(raw.get("unit"), f"{where}.unit", optional=True)
        if label is None:
            return None
        return Field(
            id=str(field_id), type=kind.name, label=label, help=help_text,
            required=required, shown_if=shown_if, constraints=constraints,
            default=raw.get("default"), prefill=prefill, options=parts.options,
            fields=parts.fields, expression=raw.get("expression"), statement=statement,
            item_label=item_label, unit=unit, example=raw.get("example"),
            has_example="example" in raw, params=parts.params,
        )

    def _required(self, raw: Mapping[str, Any], where: str, kind: FieldType) -> bool:
        required = raw.get("required", False)
        if not isinstance(required, bool):
            self.fail(f"{where}.required", "true or false")
        if not kind.may_be_required and required:
            self.fail(f"{where}.required", f"a {kind.name} field cannot be required")
        return required is True

    def whole_numbers(self, raw: Mapping[str, Any], where: str,
                      keys: frozenset[str]) -> dict[str, Any]:
        params: dict[str, Any] = {key: raw[key] for key in keys & set(raw)}
        for key, number in params.items():
            if not isinstance(number, int) or isinstance(number, bool):
                self.fail(f"{where}.{key}", "a whole number")
        return params

    def subfields(self, value: Any, where: str, earlier: list[str],
                  repeats: dict[str, frozenset[str]], all_ids: set[str]) -> tuple[Field, ...]:
        if not isinstance(value, list) or not value:
            self.fail(where, "a repeat needs a non-empty list of fields")
            return ()
        siblings: list[str] = []
        sibling_ids = {item.get("id") for item in value if isinstance(item, dict)}
        built: list[Field] = []
        for index, raw in enumerate(value):
            sub = self.field(raw, f"{where}[{index}]", earlier, repeats,
                             all_ids | {str(item) for item in sibling_ids}, item_scope=siblings)
            if sub is None:
                continue
            if sub.id in siblings:
                self.fail(f"{where}[{index}].id", f"field id {sub.id!r} is used twice")
            if sub.type in ("repeat", "consent"):
                self.fail(f"{where}[{index}].type", f"a repeat cannot hold a {sub.type} field")
            siblings.append(sub.id)
            built.append(sub)
        return tuple(built)

    def options(self, raw: Mapping[str, Any], where: str) -> tuple[Option, ...]:
        value = raw.get("options")
        if not isinstance(value, list) or not value:
            self.fail(f"{where}.options", "a non-empty list of {\"value\", \"label\"}")
            return ()
        built: list[Option] = []
        for index, item in enumerate(value):
            place = f"{where}.options[{index}]"
            if not isinstance(item, dict):
                self.fail(place, "an object {\"value\", \"label\"}")
                continue
            self._keys(item, place, required={"value", "label"}, optional=set())
            label = self.text(item.get("label"), f"{place}.label")
            if not isinstance(item.get("value"), str) or not item["value"]:
                self.fail(f"{place}.value", "a non-empty string")
            elif any(option.value == item["value"] for option in built):
                self.fail(f"{place}.value", f"option {item['value']!r} is listed twice")
            elif label is not None:
                built.append(Option(item["value"], label))
        return tuple(built)

    def constraints(self, value: Any, scope: Scope, where: str,
                    field_id: str) -> tuple[Constraint, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(f"{where}.constraints", "a list of {\"rule\", \"message\"}")
            return ()
        built: list[Constraint] = []
        for index, item in enumerate(value):
            place = f"{where}.constraints[{index}]"
            if not isinstance(item, dict):
                self.fail(place, "an object {\"rule\", \"message\", \"severity\"?}")
                continue
            self._keys(item, place, required={"rule", "message"}, optional={"severity"})
            self.condition(item.get("rule"), scope, f"{place}.rule")
            message = self.text(item.get("message"), f"{place}.message")
            severity = item.get("severity", "error")
            if severity not in ("error", "warning"):
                self.fail(f"{place}.severity", "\"error\" or \"warning\"")
            if message is not None and isinstance(item.get("rule"), dict):
                built.append(Constraint(item["rule"], message, str(severity)))
        return tuple(built)

    def condition(self, value: Any, scope: Scope, where: str) -> None:
        self.problems.extend(check_condition(value, scope, where))

    # -- small things -----------------------------------------------------------------------

    def text(self, value: Any, where: str, optional: bool = False) -> Text | None:
        if value is None and optional:
            return None
        if (
            not isinstance(value, dict)
            or set(value) != {"zh", "en"}
            or not all(isinstance(part, str) and part.strip() for part in value.values())
        ):
            self.fail(where, "a text in both languages: {\"zh\": \"…\", \"en\": \"…\"}")
            return None
        return Text.from_json(value)

    def _keys(self, value: Mapping[str, Any], where: str, required: set[str],
              optional: set[str]) -> None:
        for key in sorted(required - set(value)):
            self.fail(where, f"missing {key!r}")
        for key in sorted(set(value) - required - optional):
            self.fail(where, f"unknown key {key!r}")


def _all_top_level_ids(pages: list[Any]) -> set[str]:
    found: set[str] = set()
    for page in pages:
        if isinstance(page, dict) and isinstance(page.get("fields"), list):
            for item in page["fields"]:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    found.add(item["id"])
    return found


def _float_places(value: Any, where: str) -> list[str]:
    """Where floats sit: the definition's SHA-256 is over canonical JSON, which has none."""
    if isinstance(value, float):
        return [where or "(top)"]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _float_places(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _float_places(item, f"{where}[{i}]")]
    return []


class _FieldChecks:
    """The parser as one field's type sees it (`forms.fieldbase.DefinitionChecks`): problems
    go to the same list, expressions are checked against the answers before this field."""

    def __init__(self, parser: _Checker, ordered: Scope, earlier: list[str],
                 repeats: dict[str, frozenset[str]], all_ids: set[str], in_repeat: bool):
        self._parser = parser
        self._ordered = ordered
        self._earlier = earlier
        self._repeats = repeats
        self._all_ids = all_ids
        self.in_repeat = in_repeat

    def fail(self, where: str, message: str) -> None:
        self._parser.fail(where, message)

    def whole_numbers(self, raw: Mapping[str, Any], where: str,
                      keys: frozenset[str]) -> dict[str, Any]:
        return self._parser.whole_numbers(raw, where, keys)

    def expression(self, value: Any, where: str) -> None:
        self._parser.problems.extend(check_value(value, self._ordered, where))

    def options(self, raw: Mapping[str, Any], where: str) -> tuple[Option, ...]:
        return self._parser.options(raw, where)

    def subfields(self, value: Any, where: str) -> tuple[Field, ...]:
        return self._parser.subfields(value, where, self._earlier, self._repeats, self._all_ids)

"""The shipped definitions and catalog, and the checks a definition must pass to load."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from forms import (
    DefinitionError,
    canonical_json,
    check_answers_document,
    definition_sha256,
    example_document,
    load_definition,
    parse_definition,
)
from tests.forms.conftest import TODAY, document, field, t

ROOT = Path(__file__).resolve().parents[2]
FORM_FILES = sorted((ROOT / "resources" / "forms").glob("*.json"))
SERVICES = json.loads((ROOT / "resources" / "demo" / "services.json").read_text("utf-8"))


def _walk(doc: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for page in doc["pages"]:
        for item in page["fields"]:
            found.append(item)
            found.extend(item.get("fields", []))
    return found


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.stem)
def test_every_shipped_form_loads_and_its_example_is_valid(path: Path) -> None:
    definition = load_definition(path)
    assert definition.form_id == path.stem
    assert definition.sha256 == definition_sha256(json.loads(path.read_text("utf-8")))
    example = example_document(definition, today=TODAY)
    frozen, report = check_answers_document(definition, example, today=TODAY)
    assert report.errors == ()
    assert frozen is not None
    assert frozen.applicant == example["applicant"]
    assert set(frozen.applicant) == {"name", "id_number", "phone"}


def test_catalog_has_fifteen_services_each_with_a_form() -> None:
    assert len(SERVICES) >= 15
    keys = {"id", "category", "name", "summary", "materials", "time_limit_days", "fee_fen",
            "legal_basis", "form_id", "eligibility"}
    forms = {path.stem for path in FORM_FILES}
    for service in SERVICES:
        assert set(service) == keys, service["id"]
        assert service["form_id"] in forms
        assert service["materials"]
        assert all(isinstance(m, str) for m in service["materials"])
        assert isinstance(service["fee_fen"], int)
        assert isinstance(service["time_limit_days"], int)
    assert len({service["id"] for service in SERVICES}) == len(SERVICES)
    assert {"低保申请", "特困人员认定", "临时救助", "残疾人证新办", "农机购置补贴"} <= {
        service["name"] for service in SERVICES}
    assert len({service["category"] for service in SERVICES}) >= 6


def test_at_least_five_forms_use_repeats_conditions_computed_values_and_attachments() -> None:
    rich = []
    for path in FORM_FILES:
        doc = json.loads(path.read_text("utf-8"))
        kinds = {item["type"] for item in _walk(doc)}
        conditional = any("shown_if" in item for item in _walk(doc))
        if {"repeat", "computed", "attachment"} <= kinds and conditional:
            rich.append(path.stem)
    assert len(rich) >= 5, rich


def test_sha256_is_of_the_canonical_json() -> None:
    doc = {"b": [1, "低保"], "a": {"z": True, "y": None}}
    assert canonical_json(doc) == '{"a":{"y":null,"z":true},"b":[1,"低保"]}'.encode()
    reordered = {"a": {"z": True, "y": None}, "b": [1, "低保"]}
    assert definition_sha256(doc) == definition_sha256(reordered)
    with pytest.raises(ValueError, match="floats"):
        canonical_json({"x": 1.5})


def _problems(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(doc)
    return caught.value.problems


def test_unknown_type_and_missing_text_are_reported_together() -> None:
    doc = document({"id": "p", "title": {"zh": "只有中文"}, "fields": [field("x", "txt")]})
    problems = _problems(doc)
    assert any("pages[1].title" in p and "both languages" in p for p in problems)
    assert any("unknown field type 'txt'" in p for p in problems)


def test_conditions_must_name_earlier_fields() -> None:
    doc = document({"id": "p", "title": t("页", "Page"), "fields": [
        field("a", "text", shown_if={"eq": [{"field": "b"}, "x"]}),
        field("b", "text"),
        field("c", "text", shown_if={"eq": [{"field": "nope"}, "x"]}),
    ]})
    problems = _problems(doc)
    assert any("fields[0].shown_if" in p and "unknown field 'b'" in p for p in problems)
    assert any("unknown field 'nope'" in p for p in problems)


def test_constraints_may_name_any_field_but_not_unknown_operators() -> None:
    ok = document({"id": "p", "title": t("页", "Page"), "fields": [
        field("a", "integer", constraints=[{"rule": {"le": [{"field": "a"}, {"field": "b"}]},
                                            "message": t("太大", "Too big")}]),
        field("b", "integer"),
    ]})
    parse_definition(ok)
    bad = copy.deepcopy(ok)
    bad["pages"][1]["fields"][0]["constraints"][0]["rule"] = {"eval": "__import__('os')"}
    assert any("unknown condition 'eval'" in p for p in _problems(bad))


def test_duplicate_ids_options_and_bad_applicant_are_refused() -> None:
    doc = document({"id": "p", "title": t("页", "Page"), "fields": [
        field("name", "text"),
        field("c", "choice", options=[{"value": "a", "label": t("甲", "A")},
                                      {"value": "a", "label": t("乙", "B")}]),
    ]})
    doc["applicant"]["phone"] = "c"
    problems = _problems(doc)
    assert any("'name' is used twice" in p for p in problems)
    assert any("option 'a' is listed twice" in p for p in problems)
    assert any(p.startswith("applicant.phone") for p in problems)


def test_load_reports_unreadable_json_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": 1,,}', encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"not valid JSON.*line 1"):
        load_definition(path)
    with pytest.raises(DefinitionError, match="cannot read"):
        load_definition(tmp_path / "missing.json")

"""Fixtures of the form engine tests: a fixed day and small definitions built in code."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from forms import FormDefinition, parse_definition

TODAY = dt.date(2026, 11, 30)


def t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def field(field_id: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"id": field_id, "type": kind, "label": t(f"字段{field_id}", f"Field {field_id}"),
            **extra}


def document(*pages: dict[str, Any], applicant_page: bool = True) -> dict[str, Any]:
    first = {
        "id": "who", "title": t("申请人", "Applicant"),
        "fields": [
            field("name", "text", required=True, prefill="name"),
            field("idno", "id_number", required=True, prefill="id_number"),
            field("phone", "phone", required=True),
        ],
    }
    return {
        "format": 1, "form_id": "test-form", "version": 1, "title": t("测试", "Test"),
        "applicant": {"name": "name", "id_number": "idno", "phone": "phone"},
        "pages": ([first] if applicant_page else []) + list(pages),
    }


def build(*pages: dict[str, Any]) -> FormDefinition:
    return parse_definition(document(*pages))


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def household() -> FormDefinition:
    """Applicant, a household repeat with a per-capita computation and a conditional field,
    an attachment page shown only when someone has a disability, and a consent page."""
    return build(
        {"id": "family", "title": t("家庭", "Family"), "fields": [
            field("members", "repeat", required=True, min_items=1, max_items=5,
                  item_label=t("成员", "Member"), fields=[
                      field("mname", "text", required=True),
                      field("disabled", "yes_no", required=True),
                      field("card_no", "text", required=True,
                            shown_if={"eq": [{"field": "disabled"}, True]}),
                      field("income", "money", required=True),
                  ]),
            field("total", "computed", display="money",
                  expression={"sum": ["members", "income"]}),
            field("per_capita", "computed", display="money",
                  expression={"div": [{"field": "total"}, {"count": "members"}]},
                  constraints=[{"rule": {"le": [{"field": "per_capita"}, 100000]},
                                "severity": "warning",
                                "message": t("人均收入偏高", "Income per person is high")}]),
        ]},
        {"id": "proof", "title": t("材料", "Materials"),
         "shown_if": {"gt": [{"count_if": ["members", {"eq": [{"field": "disabled"}, True]}]},
                             0]},
         "fields": [field("cards", "attachment", required=True, accept=["image/jpeg"],
                          max_size_bytes=1000, max_files=2)]},
        {"id": "sign", "title": t("签名", "Sign"), "fields": [
            field("agree", "consent", required=True, statement=t("同意", "I agree")),
            field("sig", "signature", required=True),
        ]},
    )

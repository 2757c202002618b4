"""Two pages every form gets from the engine, before its own: the privacy notice and "who is
applying" (the applicant in person, a relative, or an authorised agent).

They are defined once here instead of in every form file. `with_shared_pages` puts them in
front of a form's pages (the kiosk's applications service does, for every form it runs); the
form's document (and so its SHA-256 and version) is unchanged. Their
flat answers (`privacy_consent`, `applying_as`, `proxy_*`) are grouped when frozen into
`answers.privacy = {"consent": true, "notice_version": …}` and `answers.agent` (docs/forms.md);
an answers document may carry `answers.agent` as that object, which is spread back first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forms.definition import FormDefinition, Page

NOTICE_VERSION = "2026-12-1"
"""The version of the privacy notice the wizard shows (kiosk.ui.wizard.consent)."""

PRIVACY_PAGE_ID = "privacy_notice"
AGENT_PAGE_ID = "who_applies"
RELATIONS = ("self", "relative", "agent")

_SOMEONE_ELSE = {"in": [{"field": "applying_as"}, ["relative", "agent"]]}
_IMAGES = ["image/jpeg", "image/png", "application/pdf"]

PAGES: list[dict[str, Any]] = [
    {"id": PRIVACY_PAGE_ID,
     "title": {"zh": "个人信息告知", "en": "About your personal information"},
     "fields": [
         {"id": "privacy_consent", "type": "consent",
          "label": {"zh": "同意个人信息告知", "en": "I agree to the privacy notice"},
          "statement": {"zh": "我已了解本机如何使用和保存我的个人信息。",
                        "en": "I know how this terminal uses and keeps my personal data."}},
     ]},
    {"id": AGENT_PAGE_ID,
     "title": {"zh": "谁来办理", "en": "Who is applying"},
     "help": {"zh": "替家人或受委托替别人办理时，请选择并填写您自己的信息；"
                    "后面各页填写申请人本人的信息。",
              "en": "Applying for a family member or as an authorised agent? Choose it and "
                    "give your own details; the pages after this are about the applicant."},
     "fields": [
         {"id": "applying_as", "type": "choice", "default": "self",
          "label": {"zh": "办理人", "en": "Who fills in this form"},
          "options": [
              {"value": "self", "label": {"zh": "本人办理", "en": "The applicant"}},
              {"value": "relative", "label": {"zh": "亲友代办", "en": "A relative or friend"}},
              {"value": "agent", "label": {"zh": "授权代理人", "en": "An authorised agent"}},
          ]},
         {"id": "proxy_kinship", "type": "text", "required": True, "max_length": 20,
          "shown_if": _SOMEONE_ELSE, "example": "子女",
          "label": {"zh": "与申请人的关系", "en": "Relation to the applicant"}},
         {"id": "proxy_name", "type": "text", "required": True, "max_length": 30,
          "shown_if": _SOMEONE_ELSE,
          "label": {"zh": "代办人姓名", "en": "Your name (the one applying)"}},
         {"id": "proxy_id_number", "type": "id_number", "required": True,
          "shown_if": _SOMEONE_ELSE,
          "label": {"zh": "代办人身份证号", "en": "Your ID number"}},
         {"id": "proxy_phone", "type": "phone", "required": True, "shown_if": _SOMEONE_ELSE,
          "label": {"zh": "代办人电话", "en": "Your mobile phone"}},
         {"id": "proxy_letter", "type": "attachment", "required": True,
          "accept": _IMAGES, "max_size_bytes": 8388608, "min_files": 1, "max_files": 4,
          "shown_if": {"eq": [{"field": "applying_as"}, "agent"]},
          "label": {"zh": "授权委托书（申请人签名）",
                    "en": "Letter of authorisation (signed by the applicant)"}},
     ]},
]

_AGENT_KEYS = {"kinship": "proxy_kinship", "name": "proxy_name",
               "id_number": "proxy_id_number", "phone": "proxy_phone",
               "authorisation_letter": "proxy_letter"}
FIELD_IDS = frozenset({"privacy_consent", "applying_as", *_AGENT_KEYS.values()})
GROUPED_KEYS = frozenset({"agent", "privacy"})
"""Keys of the frozen answers the shared pages own: no form field may be called so."""


def group(answers: Mapping[str, Any]) -> dict[str, Any]:
    """Frozen answers: the shared pages' flat answers become `privacy` and `agent`.

    `agent` is there only when someone else applies; without it the applicant applied in
    person. `privacy` is there when the villager agreed to the notice in the wizard."""
    result = {k: v for k, v in answers.items() if k not in FIELD_IDS}
    if answers.get("privacy_consent") is True:
        result["privacy"] = {"consent": True, "notice_version": NOTICE_VERSION}
    relation = answers.get("applying_as") or "self"
    if relation != "self":
        agent: dict[str, Any] = {"relation": relation}
        for key, field_id in _AGENT_KEYS.items():
            if answers.get(field_id) is not None:
                agent[key] = answers[field_id]
        result["agent"] = agent
    return result


def spread(answers: Mapping[str, Any]) -> dict[str, Any]:
    """An answers document's `agent` / `privacy` objects as the shared pages' flat answers
    (anything else in them is left for validation to report)."""
    result = dict(answers)
    agent = result.pop("agent", None)
    if isinstance(agent, dict):
        result["applying_as"] = agent.get("relation")
        for key, field_id in _AGENT_KEYS.items():
            if key in agent:
                result[field_id] = agent[key]
    elif agent is not None:
        result["applying_as"] = agent
    privacy = result.pop("privacy", None)
    if isinstance(privacy, dict) and privacy.get("consent") is True:
        result["privacy_consent"] = True
    return result


@cache
def _pages() -> tuple[Page, ...]:
    from forms.schema import DefinitionError, _Checker

    checker = _Checker()  # the same checks as any form's pages
    pages = checker.pages(PAGES)
    if checker.problems:
        raise DefinitionError(checker.problems, "forms.shared_pages")
    return tuple(pages)


def with_shared_pages(definition: FormDefinition) -> FormDefinition:
    """The form with the privacy notice and "who is applying" first (idempotent).

    Raises `DefinitionError` when the form itself uses an id these pages own."""
    from forms.schema import DefinitionError

    if definition.page(PRIVACY_PAGE_ID) is not None:
        return definition
    own = {f.id for _p, f in definition.all_fields()} | {p.id for p in definition.pages}
    taken = sorted(own & (FIELD_IDS | GROUPED_KEYS | {str(p["id"]) for p in PAGES}))
    if taken:
        raise DefinitionError([f"id {t!r} is reserved for the pages every form gets "
                               "(docs/forms.md)" for t in taken], definition.form_id)
    return dataclasses.replace(definition, pages=(*_pages(), *definition.pages))

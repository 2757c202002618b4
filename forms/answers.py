"""Frozen answers and the answers document that clerks and `kiosk applications submit` use.

Freezing is the finish line of a form: every rule checked once more, hidden answers dropped,
computed values filled in, the applicant block and the list of blobs (attachments and
signatures) derived from the answers. The frozen object is what the lead's submission writes
(as `canonical_json`) and what the province receives, so it is built in one place.

The answers document (docs/forms.md):
    {"form_id": "dibao-apply", "form_version": 1,
     "applicant": {"name": "…", "id_number": "…", "phone": "…"},   # optional; must match
     "answers": {"field_id": value, …}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from forms.canonical import canonical_json, sha256_hex
from forms.definition import APPLICANT_KEYS, Field, FormDefinition
from forms.issues import Issue, Report
from forms.validation import evaluate


class AnswersInvalid(ValueError):
    """Answers that cannot be frozen; `report.errors` says why, field by field."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [f"{issue.path}: {issue.message_zh} / {issue.message_en}"
                 for issue in report.errors]
        super().__init__(f"{len(report.errors)} error(s):\n  " + "\n  ".join(lines))


@dataclass(frozen=True)
class FrozenAnswers:
    """A finished form: what a submission stores and sends (with its own envelope)."""

    form_id: str
    form_version: int
    form_sha256: str
    applicant: dict[str, str]
    answers: dict[str, Any]
    attachments: list[dict[str, Any]]
    warnings: tuple[Issue, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "form_id": self.form_id,
            "form_version": self.form_version,
            "form_sha256": self.form_sha256,
            "applicant": dict(self.applicant),
            "answers": self.answers,
            "attachments": list(self.attachments),
        }

    def canonical(self) -> bytes:
        return canonical_json(self.to_json())

    @property
    def sha256(self) -> str:
        return sha256_hex(self.canonical())


def freeze(definition: FormDefinition, answers: Mapping[str, Any], *,
           today: dt.date | None = None) -> FrozenAnswers:
    """Check everything and freeze; raises `AnswersInvalid` with every error."""
    result = evaluate(definition, answers, today=today)
    if not result.report.ok:
        raise AnswersInvalid(result.report)
    from forms.shared_pages import group

    return FrozenAnswers(
        form_id=definition.form_id,
        form_version=definition.version,
        form_sha256=definition.sha256,
        applicant=applicant_of(definition, result.answers),
        answers=group(result.answers),
        attachments=attachments_of(definition, result.answers),
        warnings=result.report.warnings,
    )


def applicant_of(definition: FormDefinition, answers: Mapping[str, Any]) -> dict[str, str]:
    """The contract's `applicant` block, read from the fields the definition names."""
    return {
        key: str(answers.get(definition.applicant[key], ""))
        for key in APPLICANT_KEYS
        if key in definition.applicant
    }


def attachments_of(definition: FormDefinition, answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every blob the answers refer to (materials and signatures), once each, in form order:
    the province asks for these (`412 missing_blobs`) before it accepts the application."""
    seen: dict[str, dict[str, Any]] = {}
    for field, value in _blob_values(definition, answers):
        blobs = value if field.type == "attachment" else [value]
        for blob in blobs:
            if isinstance(blob, dict) and blob.get("sha256") not in seen:
                entry = {
                    "sha256": blob["sha256"],
                    "filename": blob.get("filename") or f"{field.id}.png",
                    "media_type": blob["media_type"],
                    "size": blob["size"],
                }
                seen[str(blob["sha256"])] = entry
    return list(seen.values())


def _blob_values(definition: FormDefinition,
                 answers: Mapping[str, Any]) -> Iterator[tuple[Field, Any]]:
    for _page, field in definition.all_fields():
        value = answers.get(field.id)
        if value is None:
            continue
        if field.type in ("attachment", "signature"):
            yield field, value
        elif field.type == "repeat" and isinstance(value, list):
            for item in value:
                for sub in field.fields:
                    if sub.type in ("attachment", "signature") and isinstance(item, dict) \
                            and item.get(sub.id) is not None:
                        yield sub, item[sub.id]


def check_answers_document(
    definition: FormDefinition, document: Any, *, today: dt.date | None = None
) -> tuple[FrozenAnswers | None, Report]:
    """Check an answers document against its form: the frozen answers, or every error."""
    found: list[Issue] = []
    if not isinstance(document, dict):
        return None, Report.of([Issue("", "not_an_object", "答案文件应为 JSON 对象",
                                      "An answers document is a JSON object")])
    for key in sorted(set(document) - {"form_id", "form_version", "applicant", "answers"}):
        found.append(Issue(key, "unknown_key", f"答案文件中不应有“{key}”",
                           f"An answers document has no “{key}”"))
    if document.get("form_id") != definition.form_id:
        found.append(Issue("form_id", "wrong_form",
                           f"答案文件属于表单“{document.get('form_id')}”，"
                           f"而不是“{definition.form_id}”",
                           f"The answers are for form “{document.get('form_id')}”, "
                           f"not “{definition.form_id}”"))
    if document.get("form_version") != definition.version:
        found.append(Issue("form_version", "wrong_version",
                           f"答案文件是第 {document.get('form_version')} 版表单的，"
                           f"现行为第 {definition.version} 版",
                           f"The answers are for version {document.get('form_version')} of the "
                           f"form; the current one is {definition.version}"))
    answers = document.get("answers")
    if not isinstance(answers, dict):
        found.append(Issue("answers", "not_an_object", "“answers”应为 JSON 对象",
                           "“answers” must be a JSON object"))
        return None, Report.of(found)
    from forms.shared_pages import spread

    answers = spread(answers)
    result = evaluate(definition, answers, today=today)
    found.extend(result.report.errors)
    found.extend(result.report.warnings)
    derived = applicant_of(definition, result.answers)
    given = document.get("applicant")
    if given is not None:
        if not isinstance(given, dict):
            found.append(Issue("applicant", "not_an_object", "“applicant”应为 JSON 对象",
                               "“applicant” must be a JSON object"))
        else:
            for key, value in given.items():
                expected = derived.get(str(key))
                if expected is None or not isinstance(value, str) or value.strip().upper() \
                        != expected.upper():
                    found.append(Issue(f"applicant.{key}", "applicant_mismatch",
                                       f"“applicant.{key}”与表单中的答案不一致",
                                       f"“applicant.{key}” differs from the form's answer"))
    report = Report.of(found)
    if not report.ok:
        return None, report
    return freeze(definition, answers, today=today), report

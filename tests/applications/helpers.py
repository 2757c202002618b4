"""Filling a form the way the wizard does: example answers with real photographed blobs."""

from __future__ import annotations

from typing import Any

from forms import FormDefinition, WizardSession, example_document
from kiosk.services.applications import ApplicationService, Draft
from kiosk.services.document_camera import png_page


def _real(apps: ApplicationService, application_id: str, kind: str, value: Any,
          counter: list[int]) -> Any:
    counter[0] += 1
    if kind == "attachment" and isinstance(value, list):
        return [apps.add_photo(application_id, "page") for _ in value]
    if kind == "signature":
        return apps.add_blob(application_id, png_page(60, 30, counter[0]), "image/png")
    return value


def filled_answers(apps: ApplicationService, draft: Draft) -> dict[str, Any]:
    """Valid answers for the draft's form whose materials and signature really exist."""
    definition: FormDefinition = draft.definition
    answers = dict(example_document(definition)["answers"])
    counter = [0]
    for _page, field in definition.all_fields():
        if field.id not in answers:
            continue
        if field.type == "repeat":
            answers[field.id] = [
                {key: _real(apps, draft.application_id, sub.type, value, counter)
                 if (sub := field.subfield(key)) else value for key, value in item.items()}
                for item in answers[field.id]]
        else:
            answers[field.id] = _real(apps, draft.application_id, field.type,
                                      answers[field.id], counter)
    return answers


def filled_session(apps: ApplicationService, draft: Draft) -> WizardSession:
    session = draft.session()
    for key, value in filled_answers(apps, draft).items():
        if draft.definition.field(key) is not None and \
                draft.definition.field(key).type != "computed":  # type: ignore[union-attr]
            session.set_answer(key, value)
    return session

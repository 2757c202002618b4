"""Form definitions, field types, validation and wizard sessions.

A library beneath the app: it never imports `kiosk` or Qt. The public API (docs/forms.md):

- `load_definition(path)` / `parse_definition(document)` -> `FormDefinition`
  (`.document`, `.form_id`, `.version`, `.sha256`), raising `DefinitionError`;
- `definition_sha256(document)`, `canonical_json(obj)`;
- `evaluate(definition, answers, today=, pages=)` -> `Evaluation` (cleaned answers and a
  `Report` of `Issue`s: path, code, message_zh, message_en; errors apart from warnings);
- `freeze(definition, answers)` -> `FrozenAnswers`, raising `AnswersInvalid`;
- `check_answers_document(definition, document)` and `example_document(definition)` for the
  answers files of `kiosk applications submit` and `kiosk forms example`;
- `WizardSession`: the wizard's state machine, saved and restored as JSON.
"""

from forms.answers import (
    AnswersInvalid,
    FrozenAnswers,
    applicant_of,
    attachments_of,
    check_answers_document,
    freeze,
)
from forms.canonical import canonical_json, definition_sha256
from forms.definition import FIELD_TYPES, PREFILL_KEYS, Field, FormDefinition, Option, Page
from forms.examples import example_answers, example_document
from forms.issues import Issue, Report
from forms.schema import DefinitionError, load_definition, parse_definition
from forms.session import ReviewItem, SessionMismatch, WizardSession
from forms.text import Text
from forms.validation import Evaluation, evaluate

__all__ = [
    "FIELD_TYPES", "PREFILL_KEYS", "AnswersInvalid", "DefinitionError", "Evaluation", "Field",
    "FormDefinition", "FrozenAnswers", "Issue", "Option", "Page", "Report", "ReviewItem",
    "SessionMismatch", "Text", "WizardSession", "applicant_of", "attachments_of",
    "canonical_json", "check_answers_document", "definition_sha256", "evaluate",
    "example_answers", "example_document", "freeze", "load_definition", "parse_definition",
]

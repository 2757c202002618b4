"""`WizardSession`: the wizard as a pure state machine, for the Qt wizard to drive.

It knows the current page, the step numbers ("第 2 步 / 共 5 步"), moves next (only when the
current page has no errors) and back (always, keeping answers), builds the review list (label,
shown value, page to edit), and finishes into `FrozenAnswers`. It never touches Qt, files or the
database: `to_json()` is what the draft table stores after every step, and `from_json()` brings
a draft back after a power cut. A draft remembers the SHA-256 of the definition it started on;
restoring it against another version is refused, so the caller keeps that version's definition
and the villager finishes on the form they began.

Answers of fields that are hidden again stay in the session (the villager may switch back), but
are never validated nor frozen.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from forms import identity
from forms.answers import AnswersInvalid, FrozenAnswers, freeze
from forms.definition import Field, FormDefinition, Page
from forms.expressions import Env, holds
from forms.fieldtypes import FIELD_TYPES, is_empty
from forms.issues import Report
from forms.text import Text
from forms.validation import Evaluation, evaluate

State = Literal["filling", "review", "finished"]
SESSION_FORMAT = 1


class SessionMismatch(ValueError):
    """A saved session belongs to another form or another version of it."""


@dataclass(frozen=True)
class ReviewItem:
    """One line of the review page. `path` is the answer (`members[0].name`), `page_id` the page
    to go back to (`session.edit(page_id)`)."""

    path: str
    label: Text
    value_zh: str
    value_en: str
    page_id: str
    step_number: int

    def value(self, language: str) -> str:
        return self.value_en if language == "en" else self.value_zh


class WizardSession:
    def __init__(self, definition: FormDefinition, *, answers: Mapping[str, Any] | None = None,
                 page_id: str | None = None, state: State = "filling",
                 return_to_review: bool = False, today: dt.date | None = None) -> None:
        self.definition = definition
        self.today = today or dt.date.today()
        self._answers: dict[str, Any] = dict(answers or {})
        self._state: State = state
        self._page_id = page_id or definition.pages[0].id
        self._return_to_review = return_to_review
        if self.definition.page(self._page_id) is None:
            raise SessionMismatch(f"page {self._page_id!r} is not in form "
                                  f"{definition.form_id!r}")
        if state == "filling" and self.current_page not in self.shown_pages():
            self._page_id = self.shown_pages()[0].id

    @classmethod
    def start(cls, definition: FormDefinition, *, prefill: Mapping[str, str] | None = None,
              today: dt.date | None = None) -> WizardSession:
        """A new session on the first page, with defaults and answers prefilled from the card
        (`prefill` keys: see `forms.definition.PREFILL_KEYS`)."""
        session = cls(definition, today=today)
        known = _with_derived(dict(prefill or {}))
        for _page, field in definition.all_fields():
            if field.prefill and not is_empty(known.get(field.prefill)):
                session.set_answer(field.id, known[field.prefill])
            elif field.default is not None:
                session.set_answer(field.id, field.default)
        session._page_id = session.shown_pages()[0].id
        return session

    # -- where we are -----------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def current_page(self) -> Page:
        """The page being filled (in review: the last page shown)."""
        page = self.definition.page(self._page_id)
        assert page is not None
        return page

    def shown_pages(self) -> list[Page]:
        shown = set(self.evaluation().shown_pages)
        return [page for page in self.definition.pages if page.id in shown]

    @property
    def step_count(self) -> int:
        """Pages shown plus the review page."""
        return len(self.shown_pages()) + 1

    @property
    def step_number(self) -> int:
        if self._state != "filling":
            return self.step_count
        pages = self.shown_pages()
        return pages.index(self.current_page) + 1 if self.current_page in pages else 1

    def step_label(self, language: str = "zh") -> str:
        if language == "en":
            return f"Step {self.step_number} of {self.step_count}"
        return f"第 {self.step_number} 步 / 共 {self.step_count} 步"

    def shown_fields(self) -> list[Field]:
        """Fields of the current page that are shown now (this changes as answers change)."""
        day = self.today
        answers = self.evaluation().answers
        return [
            field for field in self.current_page.fields
            if field.shown_if is None or holds(field.shown_if, Env(answers, day))
        ]

    # -- answers ----------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, Any]:
        """The answers as entered (hidden ones included); a copy."""
        return json.loads(json.dumps(self._answers))  # type: ignore[no-any-return]

    def value(self, field_id: str) -> Any:
        """A field's current value; computed fields are computed from the answers."""
        field = self.definition.field(field_id)
        if field is not None and field.type == "computed":
            return self.evaluation().answers.get(field_id)
        return self._answers.get(field_id)

    def set_answer(self, field_id: str, value: Any) -> None:
        """Store a top-level answer (for a repeat, the whole list of item objects), tidied.

        Raises `KeyError` for a field the form does not have and `TypeError` for a value
        that JSON cannot hold: both are programming errors, not villager errors."""
        field = self.definition.field(field_id)
        if field is None or field.type == "computed":
            raise KeyError(f"form {self.definition.form_id!r} has no input field {field_id!r}")
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise TypeError(f"answer of {field_id!r} is not JSON: {error}") from None
        if field.type != "repeat":
            value = FIELD_TYPES[field.type].normalize(field, value)
        if is_empty(value):
            self._answers.pop(field_id, None)
        else:
            self._answers[field_id] = value
        if self._state == "finished":
            self._state = "review"

    def evaluation(self, pages: list[str] | None = None) -> Evaluation:
        return evaluate(self.definition, self._answers, today=self.today, pages=pages)

    def check_page(self) -> Report:
        """Errors and warnings of the current page: show them next to the fields."""
        return self.evaluation(pages=[self._page_id]).report

    # -- moving -----------------------------------------------------------------------------

    def next(self) -> Report:
        """Go on when the current page has no errors (warnings never block). Returns the
        page's report; the caller shows its issues when `report.ok` is false."""
        if self._state != "filling":
            return Report()
        report = self.check_page()
        if not report.ok:
            return report
        later = self._shown_after(self._page_id)
        if self._return_to_review or later is None:
            self._state = "review"
            self._return_to_review = False
        else:
            self._page_id = later.id
        return report

    def back(self) -> bool:
        """Go to the previous shown page (from review: the last one); answers are kept.
        False when already on the first page."""
        pages = self.shown_pages()
        if self._state != "filling":
            self._state = "filling"
            self._return_to_review = False
            self._page_id = pages[-1].id
            return True
        ids = [page.id for page in self.definition.pages]
        here = ids.index(self._page_id)
        earlier = [page for page in pages if ids.index(page.id) < here]
        if not earlier:
            return False
        self._page_id = earlier[-1].id
        return True

    def edit(self, page_id: str) -> None:
        """From the review page, change the answers of one page; "next" returns to review."""
        page = self.definition.page(page_id)
        if page is None or page not in self.shown_pages():
            raise KeyError(f"page {page_id!r} is not shown in this form")
        self._page_id = page_id
        self._state = "filling"
        self._return_to_review = True

    def review_items(self) -> list[ReviewItem]:
        """Every shown answer in form order, with its display value in both languages."""
        result = self.evaluation()
        steps = {page.id: number for number, page in enumerate(self.shown_pages(), start=1)}
        items: list[ReviewItem] = []
        for page, field in self.definition.all_fields():
            if page.id not in steps or field.id not in result.answers:
                continue
            value = result.answers[field.id]
            step = steps[page.id]
            if field.type == "repeat" and isinstance(value, list):
                label = field.item_label or field.label
                for index, entry in enumerate(value):
                    for sub in field.fields:
                        if isinstance(entry, dict) and sub.id in entry:
                            items.append(_item(
                                f"{field.id}[{index}].{sub.id}",
                                Text(f"{label.zh} {index + 1} · {sub.label.zh}",
                                     f"{label.en} {index + 1} · {sub.label.en}"),
                                sub, entry[sub.id], page.id, step))
                continue
            items.append(_item(field.id, field.label, field, value, page.id, step))
        return items

    def finish(self) -> FrozenAnswers:
        """Check every page again and freeze. On errors the session goes to the first page
        that has one and `AnswersInvalid` carries the report."""
        try:
            frozen = freeze(self.definition, self._answers, today=self.today)
        except AnswersInvalid as error:
            first = error.report.errors[0].path
            top = first.split("[", 1)[0].split(".", 1)[0]
            page = self.definition.page_of(top)
            if page is not None:
                self._page_id = page.id
                self._state = "filling"
                self._return_to_review = True
            raise
        self._state = "finished"
        return frozen

    # -- drafts -----------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "forms.wizard_session",
            "format": SESSION_FORMAT,
            "form_id": self.definition.form_id,
            "form_version": self.definition.version,
            "form_sha256": self.definition.sha256,
            "state": self._state,
            "page_id": self._page_id,
            "return_to_review": self._return_to_review,
            "answers": self.answers,
        }

    @classmethod
    def from_json(cls, definition: FormDefinition, data: Mapping[str, Any], *,
                  today: dt.date | None = None) -> WizardSession:
        """Restore a draft. Raises `SessionMismatch` if it was made on another definition."""
        if data.get("kind") != "forms.wizard_session" or data.get("format") != SESSION_FORMAT:
            raise SessionMismatch("not a saved wizard session of a known format")
        if data.get("form_sha256") != definition.sha256:
            raise SessionMismatch(
                f"the draft was started on {data.get('form_id')} version "
                f"{data.get('form_version')} ({str(data.get('form_sha256'))[:12]}…), not on "
                f"{definition.form_id} version {definition.version}: load that definition"
            )
        state = data.get("state")
        if state not in ("filling", "review", "finished"):
            raise SessionMismatch(f"unknown session state {state!r}")
        answers = data.get("answers")
        if not isinstance(answers, dict):
            raise SessionMismatch("the saved answers are not an object")
        return cls(definition, answers=answers, page_id=str(data.get("page_id")),
                   state=state, return_to_review=bool(data.get("return_to_review")),
                   today=today)

    def _shown_after(self, page_id: str) -> Page | None:
        ids = [page.id for page in self.definition.pages]
        here = ids.index(page_id)
        for page in self.shown_pages():
            if ids.index(page.id) > here:
                return page
        return None


def _item(path: str, label: Text, field: Field, value: Any, page_id: str,
          step: int) -> ReviewItem:
    kind = FIELD_TYPES[field.type]
    return ReviewItem(path, label, kind.display(field, value, "zh"),
                      kind.display(field, value, "en"), page_id, step)


def _with_derived(prefill: dict[str, str]) -> dict[str, str]:
    """Birth date and gender follow from a valid ID number when the card did not give them."""
    number = prefill.get("id_number")
    if isinstance(number, str):
        cleaned = identity.clean_number(number)
        if identity.id_number_problem(cleaned, dt.date.today()) is None:
            born = identity.id_birth_date(cleaned)
            if born is not None:
                prefill.setdefault("birth_date", born.isoformat())
            prefill.setdefault("gender", identity.id_gender(cleaned))
    return prefill

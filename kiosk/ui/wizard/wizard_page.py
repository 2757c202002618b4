"""The guided form (办事向导): one small group of questions per step, then review and submit.

The page drives a `forms.WizardSession` and reaches the services only through the task runner.
Answers change on the UI thread, but what they imply (questions shown, computed values) is
evaluated through the task runner off the UI thread, on a snapshot of the session, so a heavy
definition can never freeze the screen (docs/security.md, finding 4); only the newest result
is applied. The services are reached through the task runner too: a new draft when a
service is chosen, the draft saved after every step, photos and signatures stored with the
draft, the submission. Entering the page with no
argument resumes the draft in memory, or else the newest villager draft in the database (the
kiosk was restarted mid-form). "Start over" and the idle reset delete the villager's draft.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from forms import ReviewItem, WizardSession
from forms.fieldtypes import FIELD_TYPES
from kiosk.services.applications import Draft, SubmissionInvalid
from kiosk.services.masking import mask_card_number, mask_id_number
from kiosk.services.registry import Services
from kiosk.ui.page import Page
from kiosk.ui.tasks import TaskRunner
from kiosk.ui.widgets import big_button, text_label
from kiosk.ui.wizard import consent
from kiosk.ui.wizard.fields import BlobBroker, FieldWidget, make_field, ui_language
from kiosk.ui.wizard.repeat import RepeatField
from kiosk.ui.wizard.review import ReviewView
from kiosk.ui.wizard.signature_pad import SignatureField

__all__ = ["SignatureField", "WizardPage", "value_text"]  # imported: it registers its widget

SAVE_RETRY_MS = 15_000  # a failed draft save is tried again this often until it succeeds


class WizardPage(Page):
    page_id = "wizard"
    idle_kind = "form"
    step_shown = Signal(str, float)  # step label, milliseconds to build it (benchmarks, tests)
    submitted = Signal(object)  # the Submission

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(services, tasks, parent)
        self.language = ui_language()
        self.draft: Draft | None = None
        self.session: WizardSession | None = None
        self.widgets: dict[str, FieldWidget] = {}
        self.busy = False
        self._refreshes = 0  # the newest off-thread refresh; older results are dropped
        self.unsaved = False  # the last draft save failed: the session holds the only copy
        self.save_retry = self._save_retry_timer()
        self.declined = False  # the villager declined the privacy notice
        self.broker = BlobBroker(self)
        self.broker.photo_requested.connect(self._on_photo_requested)
        self.broker.signature_drawn.connect(self._on_signature_drawn)
        top = QHBoxLayout()
        self.step = text_label("", role="step")
        top.addWidget(self.step)
        self.form_title = text_label("", role="hint")
        top.addWidget(self.form_title, 1, Qt.AlignmentFlag.AlignRight)
        self.layout_.insertLayout(0, top)
        self.help = text_label("", role="instruction")
        self.help.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.layout_.addWidget(self.help)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setObjectName("wizardScroll")
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # one lasting holder: swapping its child is cheap, while QScrollArea.takeWidget()
        # turns the old step into a top-level window first (tens of milliseconds)
        holder = QWidget()
        holder.setObjectName("wizardContent")
        self.holder = QVBoxLayout(holder)
        self.holder.setContentsMargins(0, 0, 0, 0)
        self.scroller.setWidget(holder)
        self.content: QWidget | None = None
        self.layout_.addWidget(self.scroller, 1)
        self.message = text_label("", role="error")
        self.message.hide()
        self.layout_.addWidget(self.message)
        buttons = QHBoxLayout()
        self.back = big_button(self.tr("◀ Previous step"))
        self.back.clicked.connect(self._on_back)
        self.restart = big_button(self.tr("Start over"), name="quiet")
        self.restart.clicked.connect(self._on_restart)
        self.next = big_button(self.tr("Next step ▶"), primary=True)
        self.next.clicked.connect(self._on_next)
        buttons.addWidget(self.back)
        buttons.addWidget(self.restart)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        self.layout_.addLayout(buttons)

    def title_text(self) -> str:
        return self.tr("Apply")

    def _save_retry_timer(self) -> QTimer:
        """While unsaved, the save is tried again on its own: a villager reading a long step
        is not left with the only copy in memory once the clerk has freed the disk."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(SAVE_RETRY_MS)
        timer.timeout.connect(self._retry_save)
        return timer

    # -- entering ------------------------------------------------------------------------------

    def on_enter(self, argument: Any = None) -> None:
        if isinstance(argument, dict) and argument.get("service_id"):
            self._forget()
            service_id = str(argument["service_id"])
            prefill = argument.get("prefill")
            clerk = argument.get("clerk_id")
            self._run(lambda: self.services.applications.start_draft(
                service_id, prefill=prefill, clerk_id=clerk), self._on_draft_ready)
        elif self.session is None:
            self._run(lambda: self.services.applications.latest_draft(), self._on_draft_ready)

    def _on_draft_ready(self, draft: Draft | None) -> None:
        if draft is None:
            self.navigate_requested.emit("services", None)
            return
        self.draft = draft
        self.session = draft.session()
        self.form_title.setText(draft.definition.title.get(self.language))
        self.show_step()

    # -- showing a step ---------------------------------------------------------------------

    def show_step(self) -> None:
        """Build the current step (or the review) from the session."""
        assert self.session is not None
        assert self.draft is not None
        started = time.perf_counter()
        session = self.session
        self._refreshes += 1  # a refresh still on its way belongs to the step before
        label = session.step_label(self.language)
        self.step.setText(label)
        self.message.hide()
        # built inside its final parent, hidden: a subtree reparented later is styled twice
        content = QWidget(self.holder.parentWidget())
        content.hide()
        content.setObjectName("wizardContent")
        column = QVBoxLayout(content)
        column.setSpacing(28)
        self.widgets = {}
        self.restart.setText(self.tr("Start over"))
        self.scroller.show()
        self.next.setMinimumWidth(0)
        if session.state == "filling" and consent.is_notice(session.current_page.id):
            self._show_notice()
        elif session.state == "filling":
            page = session.current_page
            self.title.setText(page.title.get(self.language))
            self.help.setText(page.help.get(self.language) if page.help else "")
            self.help.setVisible(page.help is not None)
            for field in page.fields:
                widget = make_field(field, self.broker, content)
                widget.set_value(session.value(field.id))
                widget.changed.connect(lambda value, f=field.id: self._on_changed(f, value))
                column.addWidget(widget)
                self.widgets[field.id] = widget
            column.addStretch(1)
            self.next.setText(self.tr("Next step ▶"))
            self._refresh()
        else:
            self.title.setText(self.tr("Check your answers"))
            self.help.hide()
            review = ReviewView(content)
            titles = {p.id: p.title.get(self.language) for p in self.draft.definition.pages}
            review.show_items(self._masked(session.review_items()), titles, self.language)
            review.edit_requested.connect(self._on_edit_requested)
            column.addWidget(review)
            self.next.setText(self.tr("Submit ✔"))
        self.back.setEnabled(session.state != "filling" or session.step_number > 1)
        self._swap_content(content)
        self.scroller.verticalScrollBar().setValue(0)
        self.step_shown.emit(label, (time.perf_counter() - started) * 1000)

    def _show_notice(self) -> None:
        """The privacy notice step: the notice as the spoken instruction, 同意 / 不同意."""
        self.title.setText(consent.notice_title())
        self.help.setText(consent.notice_text(int(self.services.settings.get("privacy",
                                                                             "keep_days"))))
        self.help.show()
        self.scroller.hide()  # no questions here: the notice gets the whole page
        self.next.setText(consent.agree_label())
        self.next.setMinimumWidth(max(320, self.width() // 4))  # one large 同意 button
        self.restart.setText(consent.decline_label())

    def _on_declined(self) -> None:
        """No consent: the draft goes at once and the villager is sent to the clerk."""
        if self.draft is not None:
            application_id = self.draft.application_id
            self.tasks.run(lambda: self.services.applications.discard_draft(application_id),
                           lambda _gone: None)
        self._forget()
        self.declined = True
        self.title.setText(consent.declined_title())
        self.help.setText(consent.declined_text())
        self.help.show()
        self.scroller.hide()
        self.back.hide()
        self.restart.hide()
        self.next.setText(consent.home_label())

    def _swap_content(self, content: QWidget | None) -> None:
        if self.content is not None:
            self.content.hide()
            self.holder.removeWidget(self.content)
            self.content.deleteLater()
        self.content = content
        if content is not None:
            self.holder.addWidget(content)
            content.show()

    def _masked(self, items: list[ReviewItem]) -> list[ReviewItem]:
        assert self.draft is not None
        result = []
        for item in items:
            top, _, rest = item.path.partition("[")
            field = self.draft.definition.field(top)
            if field is not None and rest:
                field = field.subfield(rest.split(".", 1)[-1]) or field
            if field is not None and field.type == "id_number":
                item = dataclasses.replace(item, value_zh=mask_id_number(item.value_zh),
                                           value_en=mask_id_number(item.value_en))
            elif field is not None and field.type == "bank_card":
                digits = item.value_zh.replace(" ", "")
                item = dataclasses.replace(item, value_zh=mask_card_number(digits),
                                           value_en=mask_card_number(digits))
            result.append(item)
        return result

    def _refresh(self) -> None:
        """Questions shown now (they follow the answers), computed values, repeat cards."""
        assert self.session is not None
        self._apply(*_implied(self.session))

    def _refresh_later(self) -> None:
        """`_refresh` with the evaluation off the UI thread (after every change)."""
        assert self.session is not None
        assert self.draft is not None
        definition, snapshot, today = self.draft.definition, self.session.to_json(), \
            self.session.today
        self._refreshes += 1
        number = self._refreshes

        def done(result: tuple[set[str], dict[str, Any]]) -> None:
            if number == self._refreshes and self.session is not None:
                self._apply(*result)

        self.tasks.run(lambda: _implied(WizardSession.from_json(definition, snapshot,
                                                                today=today)), done)

    def _apply(self, shown: set[str], answers: dict[str, Any]) -> None:
        for field_id, widget in self.widgets.items():
            widget.setVisible(field_id in shown)
            if widget.field.type == "computed":
                widget.set_value(answers.get(field_id))
            elif isinstance(widget, RepeatField):
                widget.refresh_shown(answers)

    def _show_report(self) -> None:
        assert self.session is not None
        report = self.session.check_page()
        for field_id, widget in self.widgets.items():
            issues = report.for_path(field_id)
            if isinstance(widget, RepeatField):
                widget.route_issues(issues, self.language)
            else:
                widget.show_issues([i.message(self.language) for i in issues])
        if not report.ok:
            self.message.setText(self.tr("⚠ Please correct the answers marked above."))
            self.message.show()

    # -- the villager's actions ---------------------------------------------------------------

    def _on_changed(self, field_id: str, value: Any) -> None:
        if self.session is None:
            return
        self.session.set_answer(field_id, value)
        self.widgets[field_id].clear_issues()
        self._refresh_later()

    def _on_next(self) -> None:
        if self.declined:
            self._forget()
            self.navigate_requested.emit("home", None)
            return
        if self.session is None or self.busy:
            return
        if self.session.state == "filling" and consent.is_notice(self.session.current_page.id):
            self.session.set_answer("privacy_consent", True)
        if self.session.state != "filling":
            self._submit()
            return
        report = self.session.next()
        if not report.ok:
            self._show_report()
            return
        self._save_and_show()

    def _on_back(self) -> None:
        if self.session is not None and self.session.back():
            self._save_and_show()

    def _on_edit_requested(self, page_id: str) -> None:
        if self.session is not None:
            self.session.edit(page_id)
            self._save_and_show()

    def _save_and_show(self) -> None:
        self.show_step()
        self._save_draft()

    def _save_draft(self) -> None:
        """Store the answers after a step. The session in memory is the villager's copy: a
        failed save (a full disk) keeps it, says so, and saves everything again (each save
        writes the whole session) at the next step, every `SAVE_RETRY_MS` meanwhile, and with
        the submission."""
        assert self.session is not None
        assert self.draft is not None
        application_id, data = self.draft.application_id, self.session.to_json()

        def failed(error: Exception) -> None:
            self._on_save_failed(application_id, error)

        self.tasks.run(lambda: self.services.applications.save_draft(application_id, data),
                       self._on_draft_saved, failed)

    def _on_draft_saved(self, _saved: bool) -> None:
        if self.unsaved and self.message.text() == self._save_warning():
            self.message.hide()  # the warning was about this draft; it is stored now
        self.unsaved = False
        self.save_retry.stop()

    def _retry_save(self) -> None:
        if self.unsaved and self.session is not None and self.draft is not None:
            self._save_draft()

    def _on_save_failed(self, application_id: str, error: Exception) -> None:
        if self.draft is None or self.draft.application_id != application_id:
            return  # the villager left (or started over) meanwhile
        self.unsaved = True
        self.save_retry.start()
        self.message.setText(self._save_warning())
        self.message.show()

    def _save_warning(self) -> str:
        return self.tr("⚠ Your answers could not be saved just now. They are kept on this "
                       "screen and saved again at the next step; please tell the clerk.")

    def _on_restart(self) -> None:
        if self.session is not None and self.session.state == "filling" \
                and consent.is_notice(self.session.current_page.id):
            self._on_declined()
            return
        if self.draft is not None:
            application_id = self.draft.application_id
            self.tasks.run(lambda: self.services.applications.discard_draft(application_id),
                           lambda _gone: None)
        self._forget()
        self.navigate_requested.emit("services", None)

    def _submit(self) -> None:
        assert self.session is not None
        assert self.draft is not None
        application_id, data = self.draft.application_id, self.session.to_json()
        self._run(lambda: self.services.applications.submit_draft(application_id, data),
                  self._on_submitted, self._on_submit_failed)

    def _on_submitted(self, submission: Any) -> None:
        self._forget()
        self.submitted.emit(submission)
        self.navigate_requested.emit("receipt", submission)

    def _on_submit_failed(self, error: Exception) -> None:
        if isinstance(error, SubmissionInvalid) and self.session is not None:
            with contextlib.suppress(Exception):  # the service already said what is wrong
                self.session.finish()  # moves to the first step with an error
            self.show_step()
            self._show_report()
            return
        self.message.setText(self.tr("⚠ The application could not be saved. Please ask the "
                                     "clerk for help."))
        self.message.show()

    def _on_photo_requested(self, widget: FieldWidget) -> None:
        if self.draft is None:
            return
        application_id = self.draft.application_id
        label = widget.field.label.zh
        self._run(lambda: self.services.applications.add_photo(application_id, label),
                  lambda entry: widget.add_blob(entry), self._on_device_failed)

    def _on_signature_drawn(self, widget: FieldWidget, png: bytes) -> None:
        if self.draft is None:
            return
        application_id = self.draft.application_id
        self._run(lambda: self.services.applications.add_blob(application_id, png,
                                                              "image/png", "signature.png"),
                  lambda entry: widget.add_blob(entry), self._on_device_failed)

    def _on_device_failed(self, error: Exception) -> None:
        self.message.setText(self.tr("⚠ The document camera is not available. Please hand the "
                                     "papers to the clerk."))
        self.message.show()

    def _run(self, work: Any, on_done: Any, on_error: Any = None) -> None:
        self.busy = True
        self.next.setEnabled(False)

        def done(result: Any) -> None:
            self.busy = False
            self.next.setEnabled(True)
            on_done(result)

        def failed(error: Exception) -> None:
            self.busy = False
            self.next.setEnabled(True)
            (on_error or self._on_device_failed)(error)

        self.tasks.run(work, done, failed)

    # -- forgetting ------------------------------------------------------------------------------

    def _forget(self) -> None:
        self.declined = False
        self.back.show()
        self.restart.show()
        self.scroller.show()
        self.next.setMinimumWidth(0)
        self.draft = None
        self.unsaved = False
        self.save_retry.stop()
        self.session = None
        self.widgets = {}
        self._swap_content(None)
        self.step.setText("")
        self.form_title.setText("")
        self.help.setText("")
        self.title.setText(self.title_text())
        self.message.hide()

    def wipe(self) -> None:
        """The idle reset: forget the screen and delete every villager draft (clerk drafts
        stay in the database)."""
        self._forget()
        self.tasks.run(lambda: self.services.applications.discard_villager_drafts(),
                       lambda _n: None)


def value_text(widget: FieldWidget, value: Any, language: str) -> str:
    """How a field's answer reads (used by tests and screenshots)."""
    return FIELD_TYPES[widget.field.type].display(widget.field, value, language)


def _implied(session: WizardSession) -> tuple[set[str], dict[str, Any]]:
    """What the answers imply on the current page: ids shown, and every cleaned answer
    (computed values included). Pure; runs on whichever thread calls it."""
    return {field.id for field in session.shown_fields()}, session.evaluation().answers

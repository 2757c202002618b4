"""Applications: start a draft, save it after every step, submit it, find it again.

The wizard (Qt) drives a `forms.WizardSession` and hands its JSON here after every step; a
killed process resumes from the last saved step. A draft keeps the definition it started on,
so a form that changes meanwhile is finished on its old version. Villager drafts are deleted
by an idle reset or "start over"; clerk drafts persist.

Submission is ONE transaction: the frozen application (canonical JSON and its SHA-256), its
outbox row (`sync.outbox.enqueue`, the payload of contract section 3; `application_id` is the
idempotency key), its audit event, the receipt print job, and the draft's deletion. Invalid
answers raise `SubmissionInvalid` with every field error, and nothing is stored.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from forms import (
    AnswersInvalid,
    FormDefinition,
    FrozenAnswers,
    Report,
    WizardSession,
    canonical_json,
    check_answers_document,
    parse_definition,
)
from forms.shared_pages import spread, with_shared_pages
from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.services import receipt_codes
from kiosk.services.application_payload import application_payload
from kiosk.services.catalog import ServiceDetail, detail_of
from kiosk.services.document_camera import DocumentCamera, NoDocumentCamera
from kiosk.services.masking import mask_name
from kiosk.services.receipts import ReceiptPrinter, receipt_for
from kiosk.storage import applications as store
from kiosk.storage import audit as audit_store
from kiosk.storage import drafts as draft_store
from kiosk.storage.database import Database

SUBMITTED_EVENT = "application_submitted"
log = logging.getLogger(__name__)


class ApplicationError(KioskError):
    """An application cannot go on as asked (unknown service, draft, or receipt code)."""

    exit_code = 1


class SubmissionInvalid(ApplicationError):
    """Answers with errors: `report.errors` lists every one; nothing was stored."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [f"{i.path}: {i.message_zh} / {i.message_en}" for i in report.errors]
        super().__init__(f"答案有 {len(report.errors)} 处错误，未保存 / {len(report.errors)} "
                         "error(s) in the answers; nothing was stored:\n  " + "\n  ".join(lines))


@dataclass(frozen=True)
class Draft:
    application_id: str
    service: ServiceDetail
    definition: FormDefinition
    session_data: dict[str, Any]
    owner: str
    clerk_id: str | None
    updated_at: str = ""

    def session(self) -> WizardSession:
        return WizardSession.from_json(self.definition, self.session_data)


@dataclass(frozen=True)
class Submission:
    application_id: str
    receipt_code: str
    service_name: str
    submitted_at: str
    materials_to_bring: tuple[str, ...]
    payload_sha256: str
    receipt_queued: bool
    warnings: tuple[str, ...] = ()

    @property
    def receipt_code_display(self) -> str:
        return receipt_codes.display(self.receipt_code)

    def to_json(self) -> dict[str, Any]:
        return {"application_id": self.application_id, "receipt_code": self.receipt_code,
                "receipt_code_display": self.receipt_code_display,
                "service": self.service_name, "submitted_at": self.submitted_at,
                "materials_to_bring": list(self.materials_to_bring),
                "payload_sha256": self.payload_sha256, "receipt_queued": self.receipt_queued,
                "warnings": list(self.warnings)}


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def applicant_key(id_number: str) -> str:
    """The lookup key of an applicant ("show my cases" by card): never the plain number."""
    return hashlib.sha256(f"kiosk-applicant:ID:{id_number.strip().upper()}".encode()).hexdigest()


def materials_to_bring(service: ServiceDetail, definition: FormDefinition,
                       frozen: FrozenAnswers) -> tuple[str, ...]:
    """Materials of the guide still to bring: the ones not photographed here, and not the
    application form or declarations that the wizard itself filled and signed."""
    filled_here = ("申请书", "申请表", "申报表", "承诺书", "授权书", "登记表")
    photographed = [field.label.zh.split("（")[0]
                    for _page, field in definition.all_fields()
                    if field.type == "attachment" and frozen.answers.get(field.id)]
    result = []
    for material in service.materials:
        if any(word in material for word in filled_here):
            continue
        if any(label and (label in material or material in label) for label in photographed):
            continue
        result.append(material)
    return tuple(result)


class ApplicationService:
    def __init__(self, db: Database, settings: Settings, *,
                 printer: ReceiptPrinter | None = None,
                 camera: DocumentCamera | None = None,
                 now: Callable[[], str] = utc_now, demo: bool = False) -> None:
        self.db = db
        self.settings = settings
        self.printer = printer
        self.camera: DocumentCamera = camera or NoDocumentCamera()
        self.now = now
        self.demo = demo  # only the demo takes pages of the simulated camera

    # -- catalog items and their forms -----------------------------------------------------

    def _service(self, service_id: str) -> tuple[ServiceDetail, FormDefinition]:
        from kiosk.storage.catalog import get_service

        item = get_service(self.db, service_id)
        if item is None:
            raise ApplicationError(f"没有这项服务 / no service {service_id!r} in the catalog")
        return self._with_form(item)

    def _service_for_form(self, form_id: str) -> tuple[ServiceDetail, FormDefinition]:
        from kiosk.storage.catalog import find_by_form

        item = find_by_form(self.db, form_id)
        if item is None:
            raise ApplicationError(f"目录中没有表单“{form_id}” / no service in the catalog uses "
                                   f"form {form_id!r} (see `kiosk services list`)")
        return self._with_form(item)

    @staticmethod
    def _with_form(item: dict[str, Any]) -> tuple[ServiceDetail, FormDefinition]:
        from forms import DefinitionError

        detail = detail_of(item)
        if not detail.can_apply:
            raise ApplicationError(f"“{detail.name}”不能在本机申请 / {detail.id} has no form")
        try:
            return detail, with_shared_pages(parse_definition(item["form"]))
        except DefinitionError as error:
            raise ApplicationError(f"“{detail.name}”的表单有误，请联系管理员 / the form of "
                                   f"{detail.id} is invalid: {error}") from None

    # -- drafts ----------------------------------------------------------------------------

    def start_draft(self, service_id: str, *, prefill: Mapping[str, str] | None = None,
                    clerk_id: str | None = None) -> Draft:
        """A new draft with a new application id, saved before the first page shows."""
        detail, definition = self._service(service_id)
        session = WizardSession.start(definition, prefill=prefill)
        application_id = str(uuid.uuid4())
        owner: draft_store.Owner = "clerk" if clerk_id else "villager"
        draft_store.create(self.db, application_id=application_id, service_id=detail.id,
                           owner=owner, clerk_id=clerk_id, definition=dict(definition.document),
                           form_id=definition.form_id, form_version=definition.version,
                           form_sha256=definition.sha256, session=session.to_json())
        return Draft(application_id, detail, definition, session.to_json(), owner, clerk_id)

    def resume_draft(self, application_id: str) -> Draft:
        """The draft as last saved, on the definition it started with."""
        row = draft_store.get(self.db, application_id)
        if row is None:
            raise ApplicationError(f"草稿不存在 / no draft {application_id}")
        from kiosk.storage.catalog import get_service

        item = get_service(self.db, row.service_id)
        detail = detail_of({**(item or {"id": row.service_id, "category": "", "name": ""}),
                            "form": row.definition})
        definition = with_shared_pages(parse_definition(row.definition))
        return Draft(row.application_id, detail, definition, row.session, row.owner,
                     row.clerk_id, row.updated_at)

    def latest_draft(self, owner: draft_store.Owner = "villager") -> Draft | None:
        """The newest draft of an owner: what the wizard resumes after a restart."""
        rows = draft_store.list_drafts(self.db, owner)
        return self.resume_draft(rows[0].application_id) if rows else None

    def list_drafts(self, owner: draft_store.Owner | None = None) -> list[dict[str, Any]]:
        return [{"application_id": r.application_id, "service_id": r.service_id,
                 "owner": r.owner, "clerk_id": r.clerk_id, "form_id": r.form_id,
                 "form_version": r.form_version, "updated_at": r.updated_at}
                for r in draft_store.list_drafts(self.db, owner)]

    def save_draft(self, application_id: str, session: Mapping[str, Any]) -> bool:
        """Store the wizard after a step; False when the draft was deleted meanwhile."""
        return draft_store.save_session(self.db, application_id, dict(session))

    def discard_draft(self, application_id: str) -> bool:
        """"Start over": the draft and its photos are deleted at once, leaving no bytes in
        free pages or the WAL (docs/privacy.md)."""
        from kiosk.storage.privacy import secure_deletion

        with secure_deletion(self.db):
            return draft_store.delete(self.db, application_id)

    def discard_villager_drafts(self) -> int:
        """The idle reset: every villager draft goes (without traces); clerk drafts stay."""
        from kiosk.storage.privacy import secure_deletion

        with secure_deletion(self.db):
            return draft_store.delete_owned_by(self.db, "villager")

    def add_photo(self, application_id: str, label: str) -> dict[str, Any]:
        """Photograph one page of a material; returns the attachment entry for the answers.

        No camera raises `CameraUnavailable` in words; the wizard then asks for the papers."""
        photo = self.camera.capture(label)
        return self.add_blob(application_id, photo.data, photo.media_type, photo.filename)

    def add_blob(self, application_id: str, data: bytes, media_type: str,
                 filename: str | None = None) -> dict[str, Any]:
        """Keep a material or a signature with the draft; returns its blob reference."""
        self._refuse_simulated([data])
        sha256 = hashlib.sha256(data).hexdigest()
        draft_store.add_blob(self.db, application_id, sha256, media_type, data)
        entry: dict[str, Any] = {"sha256": sha256, "media_type": media_type, "size": len(data)}
        if filename:
            entry["filename"] = filename
        return entry

    # -- submission ------------------------------------------------------------------------

    def submit_draft(self, application_id: str, session: Mapping[str, Any] | None = None
                     ) -> Submission:
        """Freeze the draft (every rule checked again) and submit it."""
        if session is not None:
            self.save_draft(application_id, session)
        draft = self.resume_draft(application_id)
        wizard = draft.session()
        try:
            frozen = wizard.finish()
        except AnswersInvalid as error:
            raise SubmissionInvalid(error.report) from None
        blobs = {sha: blob.data for sha, blob in draft_store.blobs(self.db, application_id).items()}
        return self._submit(draft.application_id, draft.service, draft.definition, frozen, blobs,
                            clerk_id=draft.clerk_id, draft_id=application_id)

    def submit_answers(self, form_id: str, document: Any, *, clerk_id: str | None = None,
                       files: Mapping[str, bytes] | None = None,
                       base_dir: Path | None = None) -> Submission:
        """Bulk entry of a paper form (`kiosk applications submit`): check, then submit.

        Attachments and signatures may be given as `{"file": "scan.jpg"}` (inside
        `base_dir`): they are read under the rules of `kiosk.services.answer_files`
        (contained, no links, size and content type checked), hashed and turned into blob
        references here; a refused file raises `AnswerFileRefused` and nothing is stored."""
        detail, definition = self._service_for_form(form_id)
        blob_data = dict(files or {})
        if isinstance(document, dict) and isinstance(document.get("answers"), dict):
            document = {**document, "answers": spread(document["answers"])}  # answers.agent
        if base_dir is not None and isinstance(document, dict) \
                and isinstance(document.get("answers"), dict):
            from kiosk.services.answer_files import resolve_files

            document = {**document, "answers": resolve_files(definition, document["answers"],
                                                             base_dir, blob_data)}
        frozen, report = check_answers_document(definition, document)
        if frozen is None:
            raise SubmissionInvalid(report)
        return self._submit(str(uuid.uuid4()), detail, definition, frozen, blob_data,
                            clerk_id=clerk_id, draft_id=None)

    def _submit(self, application_id: str, service: ServiceDetail, definition: FormDefinition,
                frozen: FrozenAnswers, blob_data: Mapping[str, bytes], *,
                clerk_id: str | None, draft_id: str | None) -> Submission:
        from kiosk.storage.database import transaction
        from sync import outbox

        missing = [a["filename"] for a in frozen.attachments if a["sha256"] not in blob_data]
        if missing:
            raise ApplicationError(
                "找不到这些材料文件的内容 / the bytes of these attachments are not here: "
                + ", ".join(missing) + '. In an answers file give each scan as {"file": '
                '"scan.jpg"} (next to the answers file) instead of a sha256 reference.')
        blobs = [outbox.BlobRef(a["sha256"], a["media_type"], data=blob_data[a["sha256"]])
                 for a in frozen.attachments]
        self._refuse_simulated([blob.data for blob in blobs if blob.data is not None])
        submitted_at = self.now()
        bring = materials_to_bring(service, definition, frozen)
        with transaction(self.db):
            if store.exists(self.db, application_id):
                raise ApplicationError(f"已提交过 / application {application_id} was already "
                                       "submitted")
            code = receipt_codes.first_free_code(
                application_id, lambda taken: store.code_taken(self.db, taken))
            payload = application_payload(application_id, frozen, self.settings, submitted_at,
                                          clerk_id)
            payload_sha256 = hashlib.sha256(payload).hexdigest()
            store.insert_application(self.db, store.ApplicationRow(
                application_id, code, service.id, service.name, frozen.form_id,
                frozen.form_version, frozen.form_sha256,
                "clerk_assisted" if clerk_id else "self_service", clerk_id,
                mask_name(frozen.applicant.get("name")), list(bring), payload, payload_sha256,
                submitted_at, None, None), applicant_key(frozen.applicant.get("id_number", "")))
            outbox_id = outbox.enqueue(self.db.conn, "application", application_id, payload,
                                       blobs=blobs)
            store.set_outbox_id(self.db, application_id, outbox_id)
            event = audit_store.append(
                self.db, at=submitted_at, actor=clerk_id or "villager", action=SUBMITTED_EVENT,
                subject=application_id,
                details={"receipt_code": code, "form_id": frozen.form_id,
                         "form_version": frozen.form_version, "payload_sha256": payload_sha256})
            outbox.enqueue(self.db.conn, "audit_event", str(event["seq"]),
                           canonical_json(event))
            if draft_id is not None:
                draft_store.delete(self.db, draft_id)
            queued = self._queue_receipt(code, service, frozen, submitted_at, bring, clerk_id)
        return Submission(application_id, code, service.name, submitted_at, bring,
                          payload_sha256, queued,
                          tuple(w.message_zh for w in frozen.warnings))

    def _refuse_simulated(self, blobs: list[bytes]) -> None:
        """Pages of the simulated camera are demo material: refused on a real terminal."""
        from kiosk.services.document_camera import is_simulated

        if not self.demo and any(is_simulated(data) for data in blobs):
            raise ApplicationError(
                "这是演示相机拍的页面，不是真实材料，未保存 / this page comes from the "
                "simulated (demo) document camera, not a real scan; nothing was stored")

    def _queue_receipt(self, code: str, service: ServiceDetail, frozen: FrozenAnswers,
                       submitted_at: str, bring: tuple[str, ...], clerk_id: str | None) -> bool:
        """Queue the receipt in the same transaction (a savepoint: a refused receipt never
        undoes the submission; `kiosk print reprint CODE` can print it later)."""
        if self.printer is None:
            return False
        from kiosk.storage.database import transaction

        receipt = receipt_for(self.settings, code, service.name, frozen.applicant,
                              submitted_at, bring, clerk_id)
        try:
            with transaction(self.db):
                self.printer.enqueue_receipt(receipt)
        except KioskError:
            return False
        return True

    def print_receipts(self) -> str:
        """Send queued receipts to the printer now; the villager's message when it waits
        (out of paper, off), or "" when printed or there is no printer."""
        if self.printer is None:
            return ""
        try:
            report = self.printer.process_queue()
        except Exception as error:  # a broken printer must never lose the receipt page
            log.warning("receipt printing failed: %s", type(error).__name__)
            return "回执暂时无法打印，请向村代办员索取。"
        messages = getattr(report, "messages", {}) or {}
        return str(next(iter(messages.values()), ""))

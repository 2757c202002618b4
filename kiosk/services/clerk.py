"""The clerk workbench: the queue, an application's detail, and the clerk's actions.

Each action (accept, request_materials, reject, forward, complete) is checked against the state
machine below, then written as ONE transaction: the `clerk_actions` row, its audit event, and
its outbox item (contract section 4, `PUT /v1/applications/{id}/actions/{action_id}`). When the
province answers `409 invalid_transition` the sync engine quarantines the item; `detail` shows
the clerk that quarantine with the province's own status.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.errors import KioskError
from kiosk.services.audit import AuditLog, canonical, utc_now
from kiosk.services.auth import AuthService
from kiosk.storage import workbench as store
from kiosk.storage.database import Database, transaction

ACTIONS = ("accept", "request_materials", "reject", "forward", "complete")
STATUSES = ("received", "accepted", "needs_materials", "in_review", "approved", "rejected",
            "completed", "withdrawn")
CHANNELS = ("self_service", "clerk_assisted")
# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": (("received", "needs_materials"), "accepted"),
    "request_materials": (("received", "accepted", "in_review"), "needs_materials"),
    "reject": (("received", "accepted", "needs_materials", "in_review"), "rejected"),
    "forward": (("accepted",), "in_review"),
    "complete": (("approved",), "completed"),
}
NOTE_MAX = 500
DATE_RANGES = ("today", "7d", "30d", "all")


class ClerkError(KioskError):
    """An action that cannot be taken as asked; the message says why, in both languages."""

    exit_code = 1


PrintJob = Callable[[str, dict[str, Any]], int]  # (kind, document data) -> job id


def allowed_actions(status: str) -> list[str]:
    return [action for action, (sources, _) in TRANSITIONS.items() if status in sources]


def since_for(date_range: str, now: datetime | None = None) -> str | None:
    """The start of a date range ('today', '7d', '30d', 'all') as RFC 3339 UTC."""
    now = now or datetime.now(UTC)
    if date_range == "all":
        return None
    if date_range == "today":
        local = now.astimezone(UTC) + timedelta(hours=8)  # the terminal serves China time
        start = local.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(hours=8)
    elif date_range in ("7d", "30d"):
        start = now - timedelta(days=int(date_range[:-1]))
    else:
        raise ClerkError(f"未知的日期范围 / unknown date range {date_range!r}")
    return start.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Queue:
    rows: list[store.QueueRow]
    counts: dict[str, int]
    services: list[tuple[str, str]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Detail:
    row: store.QueueRow
    applicant: dict[str, str]
    answers: dict[str, Any]
    attachments: list[dict[str, Any]]
    history: list[dict[str, str]]
    outbox: list[dict[str, Any]]
    allowed: list[str]
    province_rejections: list[dict[str, str]] = field(default_factory=list)
    applied_by: dict[str, Any] | None = None  # a relative or agent (kiosk.services.agent_view)


@dataclass(frozen=True)
class ActionResult:
    action_id: str
    application_id: str
    action: str
    from_status: str
    to_status: str
    outbox_id: int


def _mask_id(number: str) -> str:
    return number[:6] + "*" * max(0, len(number) - 10) + number[-4:] if len(number) > 10 else "***"


def _mask_phone(number: str) -> str:
    return number[:3] + "****" + number[-4:] if len(number) >= 11 else "***"


class ClerkService:
    def __init__(self, db: Database, auth: AuthService, audit: AuditLog,
                 printer: PrintJob | None = None,
                 village: Callable[[], str] = lambda: "",
                 clock: Callable[[], str] = utc_now):
        self.db = db
        self.auth = auth
        self.audit = audit
        self.printer = printer
        self.village = village
        self.clock = clock

    def queue(self, *, status: str | None = None, service_id: str | None = None,
              channel: str | None = None, date_range: str = "all") -> Queue:
        self.auth.require("clerk")
        if status is not None and status not in STATUSES:
            raise ClerkError(f"未知状态 / unknown status {status[:40]!r}")
        if channel is not None and channel not in CHANNELS:
            raise ClerkError(f"未知渠道 / unknown channel {channel[:40]!r}")
        filters = store.QueueFilter(status, service_id, channel, since_for(date_range))
        return Queue(store.queue(self.db, filters), store.counts(self.db, filters),
                     store.services_in_queue(self.db))

    def detail(self, application_id: str) -> Detail:
        self.auth.require("clerk")
        row = store.current(self.db, application_id)
        payload = store.payload_of(self.db, application_id)
        if row is None or payload is None:
            raise ClerkError(f"没有这份申请 / no application {application_id[:40]}")
        document = json.loads(payload)
        applicant = {str(k): str(v) for k, v in (document.get("applicant") or {}).items()}
        if "id_number" in applicant:
            applicant["id_number"] = _mask_id(applicant["id_number"])
        if "phone" in applicant:
            applicant["phone"] = _mask_phone(applicant["phone"])
        history = [{"at": str(h.get("at", "")), "status": str(h.get("status", "")),
                    "note": str(h.get("note", "")), "by": "province"}
                   for h in store.province_history(self.db, application_id)]
        history += [{"at": a.at, "status": a.to_status, "note": a.note,
                     "by": f"{a.clerk_id}: {a.action}"}
                    for a in store.actions_of(self.db, application_id)]
        history.insert(0, {"at": row.submitted_at, "status": "submitted", "note": row.channel,
                           "by": row.clerk_id or "villager"})
        history.sort(key=lambda h: h["at"])
        outbox = store.outbox_rows(self.db, application_id)
        rejections = []
        for item in outbox:
            if item["state"] == "quarantined":
                rejections.append({"item": str(item["item_id"]), "kind": str(item["kind"]),
                                   "reason": str(item["reason"] or ""),
                                   "province_status": _province_status(item["detail"])})
        from kiosk.services.agent_view import applied_by, masked_answers

        answers = dict(document.get("answers") or {})
        return Detail(row, applicant, masked_answers(answers),
                      list(document.get("attachments") or []), history, outbox,
                      allowed_actions(row.status), rejections, applied_by(answers))

    def attachment(self, sha256: str) -> tuple[bytes, str]:
        self.auth.require("clerk")
        found = store.blob(self.db, sha256)
        if found is None:
            raise ClerkError("附件不在本机 / that attachment is not stored on this terminal")
        self.audit.record(self.auth.require("clerk").user_id, "attachment_viewed", sha256, {})
        return found

    def act(self, application_id: str, action: str, note: str = "") -> ActionResult:
        """Validate and record one action; its audit event and outbox item commit with it."""
        from sync import outbox

        session = self.auth.require("clerk")
        if action not in TRANSITIONS:
            raise ClerkError(f"未知操作 / unknown action {action[:40]!r}")
        note = note.strip()
        if len(note) > NOTE_MAX:
            raise ClerkError(f"说明太长（最多 {NOTE_MAX} 字）/ the note is too long "
                             f"({len(note)} characters, at most {NOTE_MAX})")
        if action in ("reject", "request_materials") and not note:
            raise ClerkError("请写明原因或所需材料 / write the reason or the materials needed"
                             if action == "reject" else
                             "请列出需补充的材料 / list the materials needed")
        with transaction(self.db):
            row = store.current(self.db, application_id)
            if row is None:
                raise ClerkError(f"没有这份申请 / no application {application_id[:40]}")
            sources, target = TRANSITIONS[action]
            if row.status not in sources:
                raise ClerkError(
                    f"当前状态为「{row.status}」，不能执行「{action}」/ an application that is "
                    f"{row.status} cannot be {action}; allowed: "
                    f"{', '.join(allowed_actions(row.status)) or 'none'}")
            action_id = str(uuid.uuid4())
            at = self.clock()
            payload = canonical({"action_id": action_id, "action": action, "note": note,
                                 "clerk_id": session.user_id, "at": at})
            store.insert_action(self.db, store.ActionRow(
                action_id, application_id, action, note, session.user_id, at, row.status,
                target), payload)
            outbox_id = outbox.enqueue(self.db.conn, "clerk_action", action_id, payload,
                                       parent_id=application_id)
            self.audit.record(session.user_id, "clerk_action", application_id,
                              {"action": action, "action_id": action_id, "from": row.status,
                               "to": target, "note": note})
        return ActionResult(action_id, application_id, action, row.status, target, outbox_id)

    def print_form(self, application_id: str) -> int:
        """Queue the application laid out as the paper form, for the villager to sign."""
        from printing.model import ApplicationFormData, FormField, FormSection

        session = self.auth.require("clerk")
        if self.printer is None:
            raise ClerkError("没有配置打印机 / no printer is configured")
        detail = self.detail(application_id)
        applicant = [FormField(k, v) for k, v in detail.applicant.items()]
        answers = [FormField(str(k), _plain(v), wide=len(_plain(v)) > 30)
                   for k, v in detail.answers.items()]
        data = ApplicationFormData(
            title=detail.row.service_name, village=self.village(),
            sections=(FormSection("申请人 Applicant", tuple(applicant)),
                      FormSection("填报内容 Answers", tuple(answers))),
            receipt_code=detail.row.receipt_code, submitted_at=detail.row.submitted_at)
        from printing.model import to_dict

        job = self.printer("application_form", to_dict(data))
        self.audit.record(session.user_id, "application_form_printed", application_id,
                          {"job": job})
        return job


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _province_status(detail: Any) -> str:
    """The province's status from a quarantined item's answer (`409 invalid_transition`)."""
    try:
        body = json.loads(str(detail or ""))
    except ValueError:
        return ""
    return str(body.get("status", "")) if isinstance(body, dict) else ""

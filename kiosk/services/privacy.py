"""Retention of personal data on the terminal (issue 18; docs/privacy.md).

Two moments clear data, and nothing is cleared before the province confirmed the application
(its PUT answered 201 or 200, the outbox row is `sent`):

1. Once confirmed, the copies kept only for sending go: the outbox payload is reduced to the
   ids, and the uploaded attachments are deleted unless an unconfirmed item still names them.
2. Once the application has also reached a final status (rejected, completed, withdrawn) and
   `[privacy] keep_days` have passed since both, the answers document is reduced to what the
   terminal still needs (receipt code, case no., service, status history, masked name).

Clerk drafts go after `[privacy] draft_days` without a save. Each application's work is
done inside ONE transaction together with its audit event (a batch of up to `BATCH`
applications commits together, so 10,000 do not cost 20,000 fsyncs); all of it runs under
`secure_delete` and ends with a WAL checkpoint, so the bytes survive neither in free pages
nor in the WAL.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from forms import canonical_json
from kiosk.config import Settings
from kiosk.services.audit import AuditLog
from kiosk.storage import applications as app_store
from kiosk.storage import privacy as store
from kiosk.storage.database import Database, transaction
from kiosk.storage.sealing import codec_of, seal

DAY_S = 86400
BATCH = 100  # applications per transaction (each one whole inside it)
LAST_PURGE_KEY = "last_purge_at"
PURGED_EVENT = "application_purged"
CLEARED_EVENT = "application_copies_cleared"
DRAFT_EVENT = "clerk_draft_expired"


@dataclass
class PurgeReport:
    dry_run: bool
    keep_days: int
    draft_days: int
    copies_cleared: list[str] = field(default_factory=list)
    blobs_deleted: int = 0
    answers_reduced: list[str] = field(default_factory=list)
    clerk_drafts_deleted: list[str] = field(default_factory=list)
    unconfirmed_kept: int = 0
    checkpointed: bool = False
    print_jobs: int | str = "not run (dry run, or no print queue)"

    def as_json(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, "keep_days": self.keep_days,
                "draft_days": self.draft_days,
                "copies_cleared": len(self.copies_cleared), "blobs_deleted": self.blobs_deleted,
                "answers_reduced": len(self.answers_reduced),
                "clerk_drafts_deleted": len(self.clerk_drafts_deleted),
                "unconfirmed_kept": self.unconfirmed_kept,
                "checkpointed": self.checkpointed, "print_jobs": self.print_jobs}


def reduced_document(row: app_store.ApplicationRow, case_no: str | None,
                     purged_at: str) -> bytes:
    """What stays of an application after its retention: no answers, no attachments, no ID
    number; the status history stays in `application_status`."""
    original = json.loads(row.payload)
    return canonical_json({
        "application_id": row.application_id, "receipt_code": row.receipt_code,
        "case_no": case_no, "service_id": row.service_id, "service_name": row.service_name,
        "form_id": row.form_id, "form_version": row.form_version,
        "submitted_at": row.submitted_at, "channel": row.channel, "clerk_id": row.clerk_id,
        "terminal_id": original.get("terminal_id"), "village_code": original.get("village_code"),
        "applicant": {"name_masked": row.applicant_name_masked},
        "answers": {}, "attachments": [], "payload_sha256": row.payload_sha256,
        "purged_at": purged_at,
    })


def _stamp(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class PrivacyService:
    def __init__(self, db: Database, settings: Settings, *,
                 clock: Callable[[], float] = time.time,
                 on_committed: Callable[[str, str], None] | None = None,
                 batch: int = BATCH, print_purge: Callable[[], int] | None = None):
        """`print_purge`: the print queue's deletion of printed or cancelled jobs' personal
        content (the printing area's function, returning how many jobs it cleared); the
        daily purge calls it and reports the count."""
        self.db = db
        self.print_purge = print_purge
        self.batch = max(1, batch)
        self.settings = settings
        self.clock = clock
        self.on_committed = on_committed  # (what, application id): tests kill here
        self.audit = AuditLog(db, clock=lambda: _stamp(self.clock()))

    @property
    def keep_days(self) -> int:
        return int(self.settings.get("privacy", "keep_days"))

    @property
    def draft_days(self) -> int:
        return int(self.settings.get("privacy", "draft_days"))

    def _cutoffs(self) -> tuple[float, str]:
        now = self.clock()
        drafts_before = datetime.fromtimestamp(now, UTC) - timedelta(days=self.draft_days)
        return (now - self.keep_days * DAY_S,
                drafts_before.isoformat(timespec="seconds").replace("+00:00", "Z"))

    def backlog(self) -> store.Backlog:
        cutoff, drafts_before = self._cutoffs()
        return store.backlog(self.db, cutoff, drafts_before)

    def purge(self, *, dry_run: bool = False) -> PurgeReport:
        report = PurgeReport(dry_run, self.keep_days, self.draft_days)
        backlog = self.backlog()
        report.unconfirmed_kept = backlog.unconfirmed
        if dry_run:
            cutoff, drafts_before = self._cutoffs()
            report.copies_cleared = store.confirmed_not_cleared(self.db, 1_000_000)
            report.answers_reduced = store.expired(self.db, cutoff, 1_000_000)
            report.clerk_drafts_deleted = store.stale_clerk_drafts(self.db, drafts_before)
            return report
        with store.secure_deletion(self.db):
            self._clear_confirmed_copies(report)
            self._reduce_expired(report)
            self._expire_clerk_drafts(report)
            if self.print_purge is not None:
                report.print_jobs = self.print_purge()
            with transaction(self.db):
                store.set_state(self.db, LAST_PURGE_KEY, _stamp(self.clock()))
        report.checkpointed = store.checkpoint(self.db)
        return report

    def _clear_confirmed_copies(self, report: PurgeReport) -> None:
        """Batches of applications, each batch one transaction (an application is never
        half-cleared: its whole work and its audit event are inside one batch)."""
        while batch := store.confirmed_not_cleared(self.db, self.batch):
            with transaction(self.db):
                for application_id in batch:
                    report.blobs_deleted += self._clear_copies(application_id)
            report.copies_cleared.extend(batch)
            self._committed("copies", batch)

    def _committed(self, what: str, batch: list[str]) -> None:
        store.checkpoint(self.db)  # a WAL of the whole purge would slow every page lookup
        if self.on_committed is not None:
            for application_id in batch:
                self.on_committed(what, application_id)

    def _clear_copies(self, application_id: str) -> int:
        """One confirmed application: its outbox payload reduced, its uploaded blobs gone."""
        at = _stamp(self.clock())
        with transaction(self.db):
            if not store.is_confirmed(self.db, application_id):
                return 0
            shas = store.releasable_blobs(self.db, application_id)
            deleted = store.delete_blobs(self.db, shas)
            stub = canonical_json({"application_id": application_id, "cleared_at": at})
            from sync.codec import codec_of, item_aad

            store.set_outbox_payload(self.db, application_id, codec_of(self.db.conn).seal(
                item_aad("application", application_id), stub))
            store.mark_confirmed_cleared(self.db, application_id, at)
            self.audit.record("privacy", CLEARED_EVENT, application_id,
                              {"blobs_deleted": deleted})
        return deleted

    def _reduce_expired(self, report: PurgeReport) -> None:
        cutoff, _ = self._cutoffs()
        while batch := store.expired(self.db, cutoff, self.batch):
            with transaction(self.db):
                for application_id in batch:
                    self._reduce(application_id)
            report.answers_reduced.extend(batch)
            self._committed("answers", batch)

    def _reduce(self, application_id: str) -> None:
        at = _stamp(self.clock())
        with transaction(self.db):
            row = app_store.by_id(self.db, application_id)
            if row is None or not store.is_confirmed(self.db, application_id):
                return
            status = app_store.status_of(self.db, application_id)
            case_no = status.case_no if status else None
            document = reduced_document(row, case_no, at)
            store.set_reduced_answers(self.db, application_id, seal(
                self.db, app_store.payload_aad(application_id), document), at)
            self.audit.record("privacy", PURGED_EVENT, application_id,
                              {"receipt_code": row.receipt_code, "case_no": case_no,
                               "status": status.status if status else None,
                               "keep_days": self.keep_days})

    def _expire_clerk_drafts(self, report: PurgeReport) -> None:
        _, drafts_before = self._cutoffs()
        for application_id in store.stale_clerk_drafts(self.db, drafts_before):
            with transaction(self.db):
                store.delete_draft(self.db, application_id)
                self.audit.record("privacy", DRAFT_EVENT, application_id,
                                  {"draft_days": self.draft_days})
            report.clerk_drafts_deleted.append(application_id)

    def daily(self) -> PurgeReport | None:
        """What the kiosk runs every hour: a purge when none ran for a day, then sealing of
        any row still in plaintext (from before encryption). None when nothing was due."""
        if not self.purge_due():
            return None
        report = self.purge()
        from kiosk.services.key_rotation import reseal

        if codec_of(self.db) is not None:
            reseal(self.db)
        return report

    def last_purge(self) -> str | None:
        return store.get_state(self.db, LAST_PURGE_KEY)

    def purge_due(self) -> bool:
        """True when no purge ran in the last day (the kiosk runs one daily)."""
        last = self.last_purge()
        if last is None:
            return True
        try:
            moment = datetime.fromisoformat(last.replace("Z", "+00:00")).timestamp()
        except ValueError:
            return True
        return self.clock() - moment >= DAY_S

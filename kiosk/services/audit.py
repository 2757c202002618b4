"""The tamper-evident audit log: every security-relevant event, hash-chained and pushed.

`AuditLog.record` appends one event (contract section 5 shape) and queues it in the outbox as an
`audit_event` item in the same transaction, so the province receives the chain exactly as
written; a record edited afterwards no longer matches the province's copy (`chain_mismatch`).
`verify` walks the local chain and names the first bad seq; `export` writes it as JSON lines with
the verification result beside it.

Actions recorded (names `<subject>_<verb past>`): staff_signed_in, staff_sign_in_failed,
staff_locked_out, staff_signed_out, staff_session_expired, session_wiped, user_added,
user_disabled, user_enabled, pin_reset, application_submitted (by the applications service),
application_<action>ed via `clerk_action`, application_form_printed, config_changed,
terminal_enrolled, backup_made, database_restored, logs_exported, audit_exported,
sync_requested, kiosk_exited.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError
from kiosk.storage import audit as store
from kiosk.storage.database import Database, transaction

MAX_TEXT = 2000  # longer values in details are cut: the log records facts, not documents


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical(event: Mapping[str, Any]) -> bytes:
    return json.dumps(event, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _bounded(value: Any) -> Any:
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + "…"
    if isinstance(value, Mapping):
        return {str(k)[:100]: _bounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_bounded(v) for v in value]
    return value


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int
    report: store.ChainReport

    def as_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "records": self.records, **self.report.as_json()}


class AuditLog:
    def __init__(self, db: Database, clock: Callable[[], str] = utc_now):
        self.db = db
        self.clock = clock

    def record(self, actor: str, action: str, subject: str = "",
               details: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Append and queue one event; joins the caller's transaction when there is one."""
        from sync import outbox

        with transaction(self.db):
            event = store.append(self.db, at=self.clock(), actor=actor[:100],
                                 action=action, subject=subject[:200],
                                 details=_bounded(dict(details or {})))
            outbox.enqueue(self.db.conn, "audit_event", str(event["seq"]), canonical(event))
        return event

    def verify(self) -> store.ChainReport:
        return store.verify_chain(self.db)

    def recent(self, limit: int = 100, subject: str | None = None) -> list[dict[str, Any]]:
        return store.events(self.db, subject=subject, limit=limit)

    def export(self, folder: Path, *, actor: str = "admin") -> ExportResult:
        """Write `audit-<time>.jsonl` (one event a line) and its verification to `folder`."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise KioskError(f"无法写入 / cannot write to {folder}: {error.strerror}") from None
        report = self.verify()
        stamp = self.clock().replace(":", "").replace("-", "")
        path = folder / f"audit-{stamp}.jsonl"
        records = 0
        try:
            with path.open("w", encoding="utf-8") as handle:
                for event in store.iter_events(self.db):
                    handle.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
                    records += 1
            (folder / f"audit-{stamp}.verify.json").write_text(
                json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8")
        except OSError as error:
            raise KioskError(f"导出失败 / export to {folder} failed: {error.strerror}") from None
        self.record(actor, "audit_exported", str(path), {"records": records, "ok": report.ok})
        return ExportResult(path, records, report)

"""SQL behind the clerk workbench: the application queue, its counts, and clerk actions.

An application's *current status* is the newer of two facts: the province's `application_status`
item (pulled) and the last action a clerk took here (`clerk_actions`, not yet pulled back). One
the province has not answered and no clerk has touched is `received`: it is at the desk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kiosk.storage.database import Database

_CURRENT = """
SELECT a.application_id, a.receipt_code, a.service_id, a.service_name, a.channel, a.clerk_id,
       a.applicant_name_masked, a.submitted_at, s.case_no, s.status AS province_status,
       s.updated_at AS province_at, la.to_status AS local_status, la.at AS local_at,
       o.state AS outbox_state,
       CASE
         WHEN la.at IS NOT NULL AND (s.updated_at IS NULL OR la.at > s.updated_at)
           THEN la.to_status
         WHEN s.status IS NOT NULL THEN s.status
         ELSE 'received'
       END AS status
FROM applications a
LEFT JOIN application_status s USING (application_id)
LEFT JOIN (SELECT application_id, to_status, at, max(rowid) FROM clerk_actions
           GROUP BY application_id) la USING (application_id)
LEFT JOIN sync_outbox o ON o.kind = 'application' AND o.item_id = a.application_id
"""


@dataclass(frozen=True)
class QueueFilter:
    status: str | None = None
    service_id: str | None = None
    channel: str | None = None
    since: str | None = None  # RFC 3339, inclusive
    until: str | None = None  # RFC 3339, exclusive


@dataclass(frozen=True)
class QueueRow:
    application_id: str
    receipt_code: str
    service_id: str
    service_name: str
    channel: str
    clerk_id: str | None
    applicant_name_masked: str
    submitted_at: str
    case_no: str | None
    province_status: str | None
    status: str
    outbox_state: str | None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _where(filters: QueueFilter, *, with_status: bool) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if with_status and filters.status:
        clauses.append("status = ?")
        params.append(filters.status)
    if filters.service_id:
        clauses.append("service_id = ?")
        params.append(filters.service_id)
    if filters.channel:
        clauses.append("channel = ?")
        params.append(filters.channel)
    if filters.since:
        clauses.append("submitted_at >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("submitted_at < ?")
        params.append(filters.until)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def queue(db: Database, filters: QueueFilter, limit: int = 500) -> list[QueueRow]:
    where, params = _where(filters, with_status=True)
    rows = db.execute(
        f"SELECT application_id, receipt_code, service_id, service_name, channel, clerk_id,"
        f" applicant_name_masked, submitted_at, case_no, province_status, status, outbox_state"
        f" FROM ({_CURRENT}){where} ORDER BY submitted_at DESC, application_id LIMIT ?",
        (*params, limit)).fetchall()
    return [QueueRow(*row) for row in rows]


def counts(db: Database, filters: QueueFilter) -> dict[str, int]:
    """Applications per current status under every filter but the status one."""
    where, params = _where(filters, with_status=False)
    rows = db.execute(f"SELECT status, count(*) FROM ({_CURRENT}){where} GROUP BY status",
                      params).fetchall()
    return {str(status): int(n) for status, n in rows}


def current(db: Database, application_id: str) -> QueueRow | None:
    row = db.execute(
        f"SELECT application_id, receipt_code, service_id, service_name, channel, clerk_id,"
        f" applicant_name_masked, submitted_at, case_no, province_status, status, outbox_state"
        f" FROM ({_CURRENT}) WHERE application_id = ?", (application_id,)).fetchone()
    return QueueRow(*row) if row else None


def services_in_queue(db: Database) -> list[tuple[str, str]]:
    rows = db.execute("SELECT DISTINCT service_id, service_name FROM applications"
                      " ORDER BY service_name").fetchall()
    return [(str(a), str(b)) for a, b in rows]


@dataclass(frozen=True)
class ActionRow:
    action_id: str
    application_id: str
    action: str
    note: str
    clerk_id: str
    at: str
    from_status: str
    to_status: str


def insert_action(db: Database, row: ActionRow, payload: bytes) -> None:
    """No commit: the caller writes the action, its audit event and outbox item together."""
    db.execute(
        "INSERT INTO clerk_actions (action_id, application_id, action, note, clerk_id, at,"
        " from_status, to_status, payload) VALUES (?,?,?,?,?,?,?,?,?)",
        (row.action_id, row.application_id, row.action, row.note, row.clerk_id, row.at,
         row.from_status, row.to_status, payload))


def actions_of(db: Database, application_id: str) -> list[ActionRow]:
    rows = db.execute(
        "SELECT action_id, application_id, action, note, clerk_id, at, from_status, to_status"
        " FROM clerk_actions WHERE application_id = ? ORDER BY at, rowid",
        (application_id,)).fetchall()
    return [ActionRow(*row) for row in rows]


def payload_of(db: Database, application_id: str) -> bytes | None:
    from kiosk.storage.applications import payload_aad
    from kiosk.storage.sealing import unseal

    row = db.execute("SELECT payload FROM applications WHERE application_id = ?",
                     (application_id,)).fetchone()
    return unseal(db, payload_aad(application_id), bytes(row[0])) if row else None


def province_history(db: Database, application_id: str) -> list[dict[str, Any]]:
    row = db.execute("SELECT data FROM application_status WHERE application_id = ?",
                     (application_id,)).fetchone()
    if not row:
        return []
    try:
        history = json.loads(row[0]).get("history") or []
    except (ValueError, AttributeError):
        return []
    return [dict(h) for h in history if isinstance(h, dict)]


def outbox_rows(db: Database, application_id: str) -> list[dict[str, Any]]:
    """The application's own outbox item and those of its clerk actions."""
    rows = db.execute(
        "SELECT id, kind, item_id, state, attempts, last_error, reason, detail, created_at,"
        " sent_at FROM sync_outbox WHERE (kind = 'application' AND item_id = ?)"
        " OR (kind = 'clerk_action' AND parent_id = ?) ORDER BY id",
        (application_id, application_id)).fetchall()
    keys = ("id", "kind", "item_id", "state", "attempts", "last_error", "reason", "detail",
            "created_at", "sent_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def blob(db: Database, sha256: str) -> tuple[bytes, str] | None:
    """An attachment's bytes, from the outbox's blob store (where a submission puts them)."""
    row = db.execute("SELECT data, path, media_type FROM sync_blobs WHERE sha256 = ?",
                     (sha256,)).fetchone()
    if not row:
        return None
    if row[0] is not None:
        from sync.codec import blob_aad, codec_of

        return codec_of(db.conn).open(blob_aad(sha256), bytes(row[0])), str(row[2])
    from pathlib import Path

    try:
        return Path(str(row[1])).read_bytes(), str(row[2])
    except OSError:
        return None

"""SQL of submitted applications and their province status (migration 0002).

`insert_application` only executes statements: the submission calls it inside ONE
`transaction(db)` together with `sync.outbox.enqueue` and `kiosk.storage.audit.append`, so the
application, its outbox row and its audit event commit together or not at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kiosk.storage.applicant_index import indexed
from kiosk.storage.database import Database
from kiosk.storage.sealing import seal, unseal


@dataclass(frozen=True)
class ApplicationRow:
    application_id: str
    receipt_code: str
    service_id: str
    service_name: str
    form_id: str
    form_version: int
    form_sha256: str
    channel: str
    clerk_id: str | None
    applicant_name_masked: str
    materials_to_bring: list[str]
    payload: bytes
    payload_sha256: str
    submitted_at: str
    supersedes: str | None
    outbox_id: int | None


@dataclass(frozen=True)
class StatusRow:
    """The province's `application_status` item for one application."""

    application_id: str
    case_no: str | None
    status: str
    updated_at: str
    data: dict[str, Any]


_COLUMNS = ("application_id, receipt_code, service_id, service_name, form_id, form_version, "
            "form_sha256, channel, clerk_id, applicant_name_masked, materials_to_bring, payload, "
            "payload_sha256, submitted_at, supersedes, outbox_id")


def payload_aad(application_id: str) -> str:
    """The associated data the answers document of one application is sealed with."""
    return f"applications/{application_id}"


def _row(db: Database, row: tuple[Any, ...]) -> ApplicationRow:
    payload = unseal(db, payload_aad(row[0]), bytes(row[11]))
    return ApplicationRow(row[0], row[1], row[2], row[3], row[4], int(row[5]), row[6], row[7],
                          row[8], row[9], json.loads(row[10]), payload, row[12], row[13],
                          row[14], row[15])


def insert_application(db: Database, row: ApplicationRow, applicant_key: str) -> None:
    """Insert the frozen application; runs inside the caller's transaction (no commit)."""
    db.conn.execute(
        f"INSERT INTO applications ({_COLUMNS}, applicant_key) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (row.application_id, row.receipt_code, row.service_id, row.service_name, row.form_id,
         row.form_version, row.form_sha256, row.channel, row.clerk_id,
         row.applicant_name_masked, json.dumps(row.materials_to_bring, ensure_ascii=False),
         seal(db, payload_aad(row.application_id), row.payload), row.payload_sha256,
         row.submitted_at, row.supersedes, row.outbox_id,
         indexed(db, applicant_key)))


def set_outbox_id(db: Database, application_id: str, outbox_id: int) -> None:
    db.conn.execute("UPDATE applications SET outbox_id = ? WHERE application_id = ?",
                    (outbox_id, application_id))


def exists(db: Database, application_id: str) -> bool:
    return db.conn.execute("SELECT 1 FROM applications WHERE application_id = ?",
                           (application_id,)).fetchone() is not None


def code_taken(db: Database, receipt_code: str) -> bool:
    return db.conn.execute("SELECT 1 FROM applications WHERE receipt_code = ?",
                           (receipt_code,)).fetchone() is not None


def by_code(db: Database, receipt_code: str) -> ApplicationRow | None:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM applications WHERE receipt_code = ?",
                          (receipt_code,)).fetchone()
    return _row(db, row) if row else None


def by_id(db: Database, application_id: str) -> ApplicationRow | None:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM applications WHERE application_id = ?",
                          (application_id,)).fetchone()
    return _row(db, row) if row else None


def by_applicant(db: Database, applicant_key: str, limit: int = 50) -> list[ApplicationRow]:
    if not applicant_key:  # a purged row's key is empty: it is found by receipt code only
        return []
    rows = db.conn.execute(
        f"SELECT {_COLUMNS} FROM applications WHERE applicant_key = ? "
        "ORDER BY submitted_at DESC LIMIT ?", (indexed(db, applicant_key), limit)).fetchall()
    return [_row(db, row) for row in rows]


def list_applications(db: Database, status: str | None = None,
                      limit: int = 1000) -> list[tuple[ApplicationRow, StatusRow | None]]:
    """Newest first, each with its province status when one has arrived.

    `status`: a province status (`received`, ...), or `pending` for those the province has not
    answered yet."""
    sql = (f"SELECT {', '.join('a.' + c.strip() for c in _COLUMNS.split(','))}, "
           "s.application_id, s.case_no, s.status, s.updated_at, s.data "
           "FROM applications a LEFT JOIN application_status s USING (application_id)")
    params: tuple[Any, ...] = ()
    if status == "pending":
        sql += " WHERE s.status IS NULL"
    elif status is not None:
        sql += " WHERE s.status = ?"
        params = (status,)
    sql += " ORDER BY a.submitted_at DESC, a.rowid DESC LIMIT ?"
    rows = db.conn.execute(sql, (*params, limit)).fetchall()
    return [(_row(db, row[:16]), _status(row[16:]) if row[16] else None) for row in rows]


def _status(row: tuple[Any, ...]) -> StatusRow:
    return StatusRow(row[0], row[1], row[2], row[3], json.loads(row[4]))


def status_of(db: Database, application_id: str) -> StatusRow | None:
    row = db.conn.execute(
        "SELECT application_id, case_no, status, updated_at, data FROM application_status "
        "WHERE application_id = ?", (application_id,)).fetchone()
    return _status(row) if row else None


def count(db: Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM applications").fetchone()[0])



"""SQL of wizard drafts (`application_drafts`, `draft_blobs`; migration 0002).

A draft is saved after every wizard step, in its own small committed transaction, so a power
cut loses at most the page being typed. It carries the whole definition it started on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from kiosk.storage.database import Database, transaction
from kiosk.storage.sealing import seal, unseal

Owner = Literal["villager", "clerk"]


@dataclass(frozen=True)
class DraftRow:
    application_id: str
    service_id: str
    owner: Owner
    clerk_id: str | None
    form_id: str
    form_version: int
    form_sha256: str
    definition: dict[str, Any]
    session: dict[str, Any]
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class DraftBlob:
    sha256: str
    media_type: str
    size: int
    data: bytes


_COLUMNS = ("application_id, service_id, owner, clerk_id, form_id, form_version, form_sha256, "
            "definition, session, created_at, updated_at")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _session_aad(application_id: str) -> str:
    return f"application_drafts/{application_id}"


def _blob_aad(application_id: str, sha256: str) -> str:
    return f"draft_blobs/{application_id}/{sha256}"


def _sealed_session(db: Database, application_id: str, session: dict[str, Any]) -> bytes | str:
    """The session as stored: sealed bytes under a data key, else the JSON text as before."""
    text = json.dumps(session, ensure_ascii=False)
    sealed = seal(db, _session_aad(application_id), text.encode("utf-8"))
    return text if sealed == text.encode("utf-8") else sealed


def _row(db: Database, row: tuple[Any, ...]) -> DraftRow:
    session = row[8]
    if isinstance(session, bytes):
        session = unseal(db, _session_aad(row[0]), session).decode("utf-8")
    return DraftRow(row[0], row[1], row[2], row[3], row[4], int(row[5]), row[6],
                    json.loads(row[7]), json.loads(session), row[9], row[10])


def create(db: Database, *, application_id: str, service_id: str, owner: Owner,
           clerk_id: str | None, definition: dict[str, Any], form_id: str, form_version: int,
           form_sha256: str, session: dict[str, Any]) -> None:
    now = _now()
    with transaction(db):
        db.conn.execute(
            f"INSERT INTO application_drafts ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (application_id, service_id, owner, clerk_id, form_id, form_version, form_sha256,
             json.dumps(definition, ensure_ascii=False),
             _sealed_session(db, application_id, session), now, now))


def save_session(db: Database, application_id: str, session: dict[str, Any]) -> bool:
    """Store the wizard's state; False when the draft is gone (wiped meanwhile)."""
    with transaction(db):
        cursor = db.conn.execute(
            "UPDATE application_drafts SET session = ?, updated_at = ? WHERE application_id = ?",
            (_sealed_session(db, application_id, session), _now(), application_id))
    return cursor.rowcount == 1


def get(db: Database, application_id: str) -> DraftRow | None:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM application_drafts WHERE application_id = ?",
                          (application_id,)).fetchone()
    return _row(db, row) if row else None


def list_drafts(db: Database, owner: Owner | None = None) -> list[DraftRow]:
    if owner is None:
        rows = db.conn.execute(
            f"SELECT {_COLUMNS} FROM application_drafts ORDER BY updated_at DESC").fetchall()
    else:
        rows = db.conn.execute(
            f"SELECT {_COLUMNS} FROM application_drafts WHERE owner = ? "
            "ORDER BY updated_at DESC", (owner,)).fetchall()
    return [_row(db, row) for row in rows]


def delete(db: Database, application_id: str) -> bool:
    """Delete a draft and its blobs (the foreign key cascades)."""
    with transaction(db):
        db.conn.execute("DELETE FROM draft_blobs WHERE application_id = ?", (application_id,))
        cursor = db.conn.execute("DELETE FROM application_drafts WHERE application_id = ?",
                                 (application_id,))
    return cursor.rowcount == 1


def delete_owned_by(db: Database, owner: Owner) -> int:
    """Delete every draft of one owner (the idle reset: all villager drafts)."""
    with transaction(db):
        db.conn.execute(
            "DELETE FROM draft_blobs WHERE application_id IN "
            "(SELECT application_id FROM application_drafts WHERE owner = ?)", (owner,))
        cursor = db.conn.execute("DELETE FROM application_drafts WHERE owner = ?", (owner,))
    return cursor.rowcount


def add_blob(db: Database, application_id: str, sha256: str, media_type: str,
             data: bytes) -> None:
    with transaction(db):
        db.conn.execute(
            "INSERT OR IGNORE INTO draft_blobs (application_id, sha256, media_type, size, data)"
            " VALUES (?, ?, ?, ?, ?)", (application_id, sha256, media_type, len(data),
                                         seal(db, _blob_aad(application_id, sha256), data)))


def blobs(db: Database, application_id: str) -> dict[str, DraftBlob]:
    rows = db.conn.execute(
        "SELECT sha256, media_type, size, data FROM draft_blobs WHERE application_id = ?",
        (application_id,)).fetchall()
    return {row[0]: DraftBlob(row[0], row[1], int(row[2]),
                              unseal(db, _blob_aad(application_id, row[0]), bytes(row[3])))
            for row in rows}

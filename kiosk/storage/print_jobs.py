"""SQL of the print queue (table `print_jobs`, migrations 0004 and 0008).

Each state change is its own committed transaction, because the order of commits against the
printer is what makes printing exactly once: `claim` commits "sending" before anything leaves,
`record_ref` commits the printer's id before the job is released, `finish` commits the end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from kiosk.storage.database import Database, transaction

JobState = Literal["queued", "sending", "done", "failed", "cancelled"]
_COLUMNS = ("id, kind, paper, reference, data, pdf IS NOT NULL, state, attempts, backend, "
            "printer, backend_ref, message, created_at, updated_at, done_at, target, purged_at")
# What a job keeps once its personal content is deleted (the CHECK of 0004 wants data or pdf).
PURGED: dict[str, Any] = {"purged": True}


@dataclass(frozen=True)
class PrintJob:
    id: int
    kind: str
    paper: str
    reference: str
    data: dict[str, Any] | None
    has_pdf: bool
    state: JobState
    attempts: int
    backend: str
    printer: str
    backend_ref: str | None
    message: str
    created_at: str
    updated_at: str
    done_at: str | None
    target: str = ""
    purged_at: str | None = None

    @property
    def purged(self) -> bool:
        return self.purged_at is not None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "paper": self.paper,
                "reference": self.reference, "state": self.state, "attempts": self.attempts,
                "backend": self.backend, "printer": self.printer,
                "backend_ref": self.backend_ref, "message": self.message,
                "created_at": self.created_at, "updated_at": self.updated_at,
                "done_at": self.done_at, "target": self.target,
                "purged_at": self.purged_at}


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _job(row: tuple[Any, ...]) -> PrintJob:
    return PrintJob(row[0], row[1], row[2], row[3], json.loads(row[4]) if row[4] else None,
                    bool(row[5]), row[6], row[7], row[8], row[9], row[10], row[11], row[12],
                    row[13], row[14], row[15], row[16])


def add_job(db: Database, *, kind: str, paper: str, reference: str = "",
            data: dict[str, Any] | None = None, pdf: bytes | None = None,
            message: str = "", target: str = "", printer: str = "") -> int:
    """Store a queued job; `target` is the printer it was explicitly sent to ("" = settings),
    `printer` where it will go as far as the queuing process knows."""
    now = _now()
    with transaction(db):
        cursor = db.conn.execute(
            "INSERT INTO print_jobs (kind, paper, reference, data, pdf, message, created_at,"
            " updated_at, target, printer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, paper, reference,
             json.dumps(data, ensure_ascii=False, sort_keys=True) if data is not None else None,
             pdf, message, now, now, target, printer))
        return int(cursor.lastrowid or 0)


def get_job(db: Database, job_id: int) -> PrintJob | None:
    row = db.conn.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?",
                          (job_id,)).fetchone()
    return _job(row) if row else None


def job_pdf(db: Database, job_id: int) -> bytes | None:
    row = db.conn.execute("SELECT pdf FROM print_jobs WHERE id = ?", (job_id,)).fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def list_jobs(db: Database, states: tuple[JobState, ...] = (), limit: int = 200) -> list[PrintJob]:
    """Newest first; all states unless `states` is given."""
    if states:
        marks = ", ".join("?" for _ in states)
        rows = db.conn.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE state IN ({marks}) ORDER BY id DESC"
            " LIMIT ?", (*states, limit)).fetchall()
    else:
        rows = db.conn.execute(f"SELECT {_COLUMNS} FROM print_jobs ORDER BY id DESC LIMIT ?",
                               (limit,)).fetchall()
    return [_job(row) for row in rows]


def jobs_in_state(db: Database, state: JobState) -> list[PrintJob]:
    """Oldest first: the order they are sent in."""
    rows = db.conn.execute(f"SELECT {_COLUMNS} FROM print_jobs WHERE state = ? ORDER BY id",
                           (state,)).fetchall()
    return [_job(row) for row in rows]


def known_refs(db: Database) -> set[str]:
    rows = db.conn.execute("SELECT backend_ref FROM print_jobs WHERE backend_ref IS NOT NULL")
    return {str(row[0]) for row in rows}


def latest_by_reference(db: Database, kind: str, reference: str) -> PrintJob | None:
    """The newest job for `reference` whose content is still stored (not yet printed)."""
    row = db.conn.execute(
        f"SELECT {_COLUMNS} FROM print_jobs WHERE kind = ? AND reference = ? AND data IS NOT NULL"
        " AND purged_at IS NULL ORDER BY id DESC LIMIT 1", (kind, reference)).fetchone()
    return _job(row) if row else None


def claim(db: Database, job_id: int, *, backend: str, printer: str) -> bool:
    """queued -> sending (attempts + 1); False if another process took it first."""
    with transaction(db):
        cursor = db.conn.execute(
            "UPDATE print_jobs SET state = 'sending', attempts = attempts + 1, backend = ?,"
            " printer = ?, backend_ref = NULL, message = '', updated_at = ?"
            " WHERE id = ? AND state = 'queued'", (backend, printer, _now(), job_id))
        return cursor.rowcount == 1


def record_ref(db: Database, job_id: int, ref: str) -> None:
    with transaction(db):
        db.conn.execute("UPDATE print_jobs SET backend_ref = ?, updated_at = ? WHERE id = ?",
                        (ref, _now(), job_id))


def set_message(db: Database, job_id: int, message: str) -> None:
    with transaction(db):
        db.conn.execute("UPDATE print_jobs SET message = ?, updated_at = ? WHERE id = ?",
                        (message, _now(), job_id))


def finish(db: Database, job_id: int, state: JobState, message: str = "") -> None:
    """Move a job to done, failed, or back to queued (clearing its printer reference)."""
    now = _now()
    with transaction(db):
        if state == "queued":
            db.conn.execute(
                "UPDATE print_jobs SET state = 'queued', backend_ref = NULL, message = ?,"
                " updated_at = ? WHERE id = ?", (message, now, job_id))
        else:
            db.conn.execute(
                "UPDATE print_jobs SET state = ?, message = ?, updated_at = ?,"
                " done_at = CASE WHEN ? = 'done' THEN ? ELSE done_at END WHERE id = ?",
                (state, message, now, state, now, job_id))


def cancel(db: Database, job_id: int, message: str) -> PrintJob | None:
    """An admin withdraws a job that has not printed (queued, sending or failed)."""
    with transaction(db):
        db.conn.execute(
            "UPDATE print_jobs SET state = 'cancelled', message = ?, updated_at = ?"
            " WHERE id = ? AND state IN ('queued', 'sending', 'failed')",
            (message, _now(), job_id))
    return get_job(db, job_id)


def requeue(db: Database, job_id: int, message: str = "") -> PrintJob | None:
    """An admin retries a failed job (or one whose content is still stored): back to queued,
    as a fresh attempt."""
    with transaction(db):
        db.conn.execute(
            "UPDATE print_jobs SET state = 'queued', backend_ref = NULL, message = ?,"
            " updated_at = ? WHERE id = ? AND state IN ('failed', 'cancelled', 'done')"
            " AND purged_at IS NULL", (message, _now(), job_id))
    return get_job(db, job_id)


def finished_unpurged(db: Database) -> list[int]:
    """Printed or cancelled jobs whose personal content is still stored."""
    rows = db.conn.execute("SELECT id FROM print_jobs WHERE state IN ('done', 'cancelled')"
                           " AND purged_at IS NULL ORDER BY id")
    return [int(row[0]) for row in rows]


def purge_content(db: Database, job_ids: list[int], *, checkpoint: bool = True) -> list[int]:
    """Delete the personal content (data JSON, PDF bytes) of printed or cancelled jobs.

    `secure_delete` overwrites the freed bytes in the database pages, and a checkpoint
    (`checkpoint_wal`; the queue does one per pass rather than per job) moves the change out of
    the WAL and truncates it, so the names, card tails and payment lists are not left in free
    pages or the log. Jobs still queued, sending or failed keep everything (nothing a villager
    asked for is lost). Returns the ids purged.
    """
    if not job_ids:
        return []
    db.conn.execute("PRAGMA secure_delete = ON")
    purged: list[int] = []
    with transaction(db):
        for job_id in job_ids:
            cursor = db.conn.execute(
                "UPDATE print_jobs SET data = ?, pdf = NULL, purged_at = ?"
                " WHERE id = ? AND state IN ('done', 'cancelled') AND purged_at IS NULL",
                (json.dumps(PURGED), _now(), job_id))
            if cursor.rowcount == 1:
                purged.append(job_id)
    if purged and checkpoint:
        checkpoint_wal(db)
    return purged


def checkpoint_wal(db: Database) -> None:
    """Copy the WAL into the database and truncate it (old page images hold deleted rows)."""
    if not db.conn.in_transaction:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()


def counts(db: Database) -> dict[str, int]:
    rows = db.conn.execute("SELECT state, count(*) FROM print_jobs GROUP BY state")
    return {str(state): int(n) for state, n in rows}

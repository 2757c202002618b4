"""The durable print queue: every job is a row before anything is sent to a printer.

`state` moves queued -> sending -> done | failed (or cancelled by an admin). `backend_ref` is
the printer's own id for the job (a CUPS request id, a file name) written *before* the job is
allowed to print, so a restart can ask the printer what became of it instead of printing again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0004_print_queue"


def apply(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE print_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            paper TEXT NOT NULL CHECK (paper IN ('roll', 'a4')),
            reference TEXT NOT NULL DEFAULT '',
            data TEXT,
            pdf BLOB,
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'done', 'failed', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            backend TEXT NOT NULL DEFAULT '',
            printer TEXT NOT NULL DEFAULT '',
            backend_ref TEXT,
            message TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            done_at TEXT,
            CHECK (data IS NOT NULL OR pdf IS NOT NULL)
        );
        CREATE INDEX print_jobs_by_state ON print_jobs (state, id);
        CREATE INDEX print_jobs_by_reference ON print_jobs (reference, id);
        """
    )

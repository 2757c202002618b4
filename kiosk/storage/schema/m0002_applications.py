"""Applications made at this terminal, their drafts, and the audit log of submissions.

- `applications`: the frozen application exactly as sent (`payload` is the canonical JSON, its
  SHA-256 beside it), with the receipt code and a lookup key of the applicant's ID number (a
  SHA-256, so the index never holds a plain ID number) for "show my cases" by card.
- `application_drafts`: one row per wizard in progress, saved after every step; it keeps the
  whole form definition it started on, so a catalog update never changes an open draft.
  `owner` is `villager` (deleted by an idle reset or "start over") or `clerk` (kept).
- `draft_blobs`: photographed materials and signatures of a draft, until it is submitted (then
  they move to the outbox's blob store) or discarded (deleted with the draft).
- `audit_log`: the terminal's hash-chained audit events (contract section 5 shape). The clerk and
  admin work may grow this table; submissions append `application_submitted`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0002_applications"


def apply(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE applications (
            application_id TEXT PRIMARY KEY,
            receipt_code TEXT NOT NULL UNIQUE,
            service_id TEXT NOT NULL,
            service_name TEXT NOT NULL,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            form_sha256 TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN ('self_service', 'clerk_assisted')),
            clerk_id TEXT,
            applicant_key TEXT NOT NULL DEFAULT '',
            applicant_name_masked TEXT NOT NULL DEFAULT '',
            materials_to_bring TEXT NOT NULL DEFAULT '[]',
            payload BLOB NOT NULL,
            payload_sha256 TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            supersedes TEXT,
            outbox_id INTEGER
        );
        CREATE INDEX applications_by_applicant ON applications (applicant_key, submitted_at);
        CREATE INDEX applications_by_time ON applications (submitted_at);

        CREATE TABLE application_drafts (
            application_id TEXT PRIMARY KEY,
            service_id TEXT NOT NULL,
            owner TEXT NOT NULL CHECK (owner IN ('villager', 'clerk')),
            clerk_id TEXT,
            form_id TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            form_sha256 TEXT NOT NULL,
            definition TEXT NOT NULL,
            session TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX application_drafts_by_owner ON application_drafts (owner, updated_at);

        CREATE TABLE draft_blobs (
            application_id TEXT NOT NULL
                REFERENCES application_drafts (application_id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (application_id, sha256)
        );

        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        """
    )

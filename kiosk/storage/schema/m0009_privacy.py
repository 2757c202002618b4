"""Retention and key rotation bookkeeping (issue 18, docs/privacy.md).

- `applications.confirmed_purged_at`: when the copies kept only for sending (the outbox payload
  and the uploaded attachments) were cleared after the province confirmed receipt.
- `applications.purged_at`: when the answers were reduced to what the terminal still needs
  (receipt code, case no., service, status history, masked name) after the final status and
  `[privacy] keep_days`.
- `privacy_state`: small key/value facts of the privacy jobs (last purge, a key rotation in
  progress), so a killed rotation resumes instead of starting over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0009_privacy"


def apply(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE applications ADD COLUMN confirmed_purged_at TEXT;
        ALTER TABLE applications ADD COLUMN purged_at TEXT;
        CREATE TABLE privacy_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )

"""Staff accounts, clerk actions on applications, and the audit log's head.

- `staff_users`: clerks and admins. The PIN is never stored: `pin_hash` is scrypt over it with a
  per-row random `pin_salt`, and `pin_params` records the scrypt cost (n, r, p, dklen) used for
  that row, so the cost can be raised later without locking anyone out. `failed_count` and
  `locked_until` live here (not in memory) so a restart does not reset a lockout.
- `clerk_actions`: every accept / request_materials / reject / forward / complete a clerk made,
  with the status it moved the application from and to; the row, its audit event and its outbox
  item (contract section 4) are written in one transaction.
- `audit_head`: the last seq and hash of `audit_log` (table from migration 0002), kept by a
  trigger on every insert whoever appends. `kiosk audit verify` compares the chain's end with
  it, so deleting the newest records is caught like any other deletion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0006_users_audit"


def apply(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE staff_users (
            user_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'admin')),
            pin_hash TEXT NOT NULL,
            pin_salt TEXT NOT NULL,
            pin_params TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_count INTEGER NOT NULL DEFAULT 0,
            locked_until REAL NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE clerk_actions (
            action_id TEXT PRIMARY KEY,
            application_id TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN
                ('accept', 'request_materials', 'reject', 'forward', 'complete')),
            note TEXT NOT NULL DEFAULT '',
            clerk_id TEXT NOT NULL,
            at TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE INDEX clerk_actions_by_application ON clerk_actions (application_id, at);

        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO audit_head (id, seq, hash)
            SELECT 1, seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1;
        CREATE TRIGGER audit_head_follows AFTER INSERT ON audit_log
        BEGIN
            INSERT INTO audit_head (id, seq, hash) VALUES (1, NEW.seq, NEW.hash)
                ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                WHERE excluded.seq >= audit_head.seq;
        END;
        """
    )

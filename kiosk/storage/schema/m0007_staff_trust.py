"""Staff sign-in hardening, staff cards and disclosure versions (issue 17 findings 5 and 6).

- `staff_users.lockout_level`: how many lockouts in a row this account has had since its last
  good sign-in or an admin's reset; each one is longer (1 min, 5 min, 30 min, then until an admin
  resets it), so guessing does not go on for ever at five tries per lock.
- `staff_cards`: social-security or ID cards an admin enrolled for a clerk, to sign in with card
  + PIN. Only a keyed hash (HMAC with the PIN pepper) of the card's contract holder key is kept,
  so the table cannot be joined with the subsidy dataset's holder keys.
- `sync_disclosure_versions` (SQL of the `sync` library): the newest `published_at` accepted
  for each disclosure id, kept even after a delete, so an older signed copy never comes back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0007_staff_trust"


def apply(db: Database) -> None:
    from sync.versions import create_schema  # paid only when the migration runs

    db.executescript(
        """
        ALTER TABLE staff_users ADD COLUMN lockout_level INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE staff_cards (
            card_key TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES staff_users (user_id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('ID', 'SSC')),
            label TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            enrolled_by TEXT NOT NULL
        );
        CREATE INDEX staff_cards_by_user ON staff_cards (user_id);
        """
    )
    create_schema(db.conn)

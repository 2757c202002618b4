"""Print jobs remember where they go, and say when their personal content was deleted.

`target` is the printer a job was explicitly sent to (`kiosk print test --printer Q`), empty
for "the printer the `[printer]` settings name". Without it a job queued on a paused queue Q
would later be sent by another process to the default printer. `purged_at` is set when the
job's personal content (names, card tails, payments, the PDF) was deleted after it printed or
was cancelled; the row itself stays as the record that it printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0008_print_targets"


def apply(db: Database) -> None:
    db.executescript(
        """
        ALTER TABLE print_jobs ADD COLUMN target TEXT NOT NULL DEFAULT '';
        ALTER TABLE print_jobs ADD COLUMN purged_at TEXT;
        """
    )

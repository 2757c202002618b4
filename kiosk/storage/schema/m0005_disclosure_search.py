"""Search over disclosures (two-character Chinese terms included) and items that failed checks.

SQLite's trigram tokenizer cannot find a two-character term, and most Chinese search words are
two characters (低保, 路灯, 党费). So we keep our own bigram index: every pair of neighbouring
characters of a title or body, plus the last character of each run (so a one-character query
is a range scan). `disclosure_text` holds the normalised text that confirms a longer term is
really contiguous, and the fingerprint (the item's signature) that tells when to re-index.
These are plain tables derived from `disclosures`, refreshed by the storage layer whenever the
dataset's cursor moves; they never take part in the pull's shadow swap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0005_disclosure_search"


def apply(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE disclosure_text (
            id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            verified INTEGER NOT NULL,
            text TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE disclosure_terms (
            term TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (term, id)
        ) WITHOUT ROWID;
        CREATE INDEX disclosure_terms_by_id ON disclosure_terms (id);
        CREATE TABLE disclosure_index_state (
            one INTEGER PRIMARY KEY CHECK (one = 1),
            marker TEXT NOT NULL
        );
        CREATE TABLE disclosure_rejected (
            id TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            seen_at TEXT NOT NULL
        );
        """
    )

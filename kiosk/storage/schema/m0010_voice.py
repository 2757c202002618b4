"""The villager's voice (contract sections 9-11): ratings, feedback, replies, subsidy policies.

- `evaluations`: every 好差评 given here (screen or paper), with the frozen payload that went into
  the outbox. No ID number is ever kept with a rating; `application_id` is unique, so a case is
  rated once (a replacement before sending updates the row in place).
- `feedback`: questions, objections and complaints (意见箱) with the ticket code given out; the
  call-back phone is kept masked here (the frozen payload carries it to the province).
- `feedback_replies`, `subsidy_policies`: the two pulled datasets of section 11.
- `sync_outbox` is rebuilt so its kind CHECK accepts `evaluation` and `feedback`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0010_voice"


def apply(db: Database) -> None:
    from sync.outbox import widen_kinds  # paid only when the migration runs

    widen_kinds(db.conn)
    db.executescript(
        """
        CREATE TABLE evaluations (
            evaluation_id TEXT PRIMARY KEY,
            subject_kind TEXT NOT NULL CHECK (subject_kind IN ('visit', 'application')),
            application_id TEXT UNIQUE,
            case_no TEXT,
            service_id TEXT,
            channel TEXT NOT NULL CHECK (channel IN ('self_service', 'clerk_assisted')),
            clerk_id TEXT,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            reasons TEXT NOT NULL DEFAULT '[]',
            has_comment INTEGER NOT NULL DEFAULT 0,
            wants_call INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL CHECK (source IN ('screen', 'paper')),
            at TEXT NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE INDEX evaluations_by_time ON evaluations (at);
        CREATE TABLE feedback (
            feedback_id TEXT PRIMARY KEY,
            ticket TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('question', 'objection', 'complaint')),
            subject_type TEXT NOT NULL
                CHECK (subject_type IN ('disclosure', 'payment', 'subsidy', 'general')),
            subject_id TEXT,
            subject_line INTEGER,
            reasons TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL DEFAULT '',
            phone_masked TEXT,
            anonymous INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL CHECK (source IN ('screen', 'clerk')),
            at TEXT NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE INDEX feedback_by_subject ON feedback (subject_type, subject_id);
        CREATE TABLE feedback_replies (
            feedback_id TEXT PRIMARY KEY,
            ticket TEXT,
            status TEXT NOT NULL,
            updated_at TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX feedback_replies_by_ticket ON feedback_replies (ticket);
        CREATE TABLE subsidy_policies (
            item_code TEXT PRIMARY KEY,
            item_name TEXT NOT NULL,
            department TEXT,
            level TEXT,
            updated_at TEXT,
            data TEXT NOT NULL
        );
        """
    )

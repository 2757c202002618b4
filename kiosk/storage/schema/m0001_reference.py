"""Reference data pulled from the province (contract section 7), and the terminal's own facts."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

NAME = "0001_reference_datasets"


def apply(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE terminal_facts (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE dataset_state (
            dataset TEXT PRIMARY KEY,
            cursor TEXT NOT NULL DEFAULT '0',
            total INTEGER,
            synced_at TEXT
        );
        CREATE TABLE services (
            id TEXT PRIMARY KEY,
            category TEXT NOT NULL,
            name TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            form_id TEXT,
            form_version INTEGER,
            form_sha256 TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX services_by_category ON services (category, name);
        CREATE TABLE disclosures (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            period TEXT NOT NULL,
            published_at TEXT NOT NULL,
            publisher TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX disclosures_by_kind ON disclosures (kind, published_at DESC);
        CREATE TABLE subsidy_payments (
            payment_id TEXT PRIMARY KEY,
            holder_name_masked TEXT NOT NULL,
            item_code TEXT NOT NULL,
            item_name TEXT NOT NULL,
            department TEXT NOT NULL,
            level TEXT NOT NULL,
            period TEXT NOT NULL,
            standard TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            paid_on TEXT,
            bank_card_tail TEXT NOT NULL,
            status TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID;
        CREATE TABLE subsidy_holder_keys (
            holder_key TEXT NOT NULL,
            payment_id TEXT NOT NULL,
            PRIMARY KEY (holder_key, payment_id)
        ) WITHOUT ROWID;
        CREATE INDEX subsidy_keys_by_payment ON subsidy_holder_keys (payment_id);
        CREATE TABLE application_status (
            application_id TEXT PRIMARY KEY,
            case_no TEXT,
            status TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            data TEXT NOT NULL
        );
        """
    )

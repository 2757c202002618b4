"""Small facts about this terminal (village name, township, county) kept as key/value rows."""

from __future__ import annotations

from kiosk.storage.database import Database, transaction


def read_facts(db: Database) -> dict[str, str]:
    return {k: v for k, v in db.conn.execute("SELECT key, value FROM terminal_facts")}


def write_facts(db: Database, facts: dict[str, str]) -> None:
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO terminal_facts (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            list(facts.items()),
        )

"""The ordered list of schema migrations and the rules around them.

Migrations are named and applied once each, in order, each in its own transaction together with
the record that it ran (sqlite-utils `Migrations`). A database that has a migration this build
does not know was written by a newer kiosk: it is refused, never silently downgraded.
"""

from __future__ import annotations

import sqlite3
from types import ModuleType
from typing import TYPE_CHECKING

from kiosk.errors import SchemaTooNew
from kiosk.storage.connection import Database
from kiosk.storage.schema import (
    m0001_reference,
    m0002_applications,
    m0003_outbox,
    m0004_print_queue,
    m0005_disclosure_search,
    m0006_users_audit,
    m0007_staff_trust,
    m0008_print_targets,
    m0009_privacy,
    m0010_voice,
)

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "kiosk"
MIGRATIONS_TABLE = "_sqlite_migrations"

# Append new areas at the end; never reorder or rename what has shipped.
SCHEMA_MODULES: list[ModuleType] = [
    m0001_reference,
    m0003_outbox,
    m0004_print_queue,
    m0002_applications,
    m0005_disclosure_search,
    m0006_users_audit,
    m0007_staff_trust,
    m0008_print_targets,
    m0009_privacy,
    m0010_voice,
]


def _migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for module in SCHEMA_MODULES:
        migrations(name=module.NAME)(module.apply)
    return migrations


def known_names() -> list[str]:
    return [module.NAME for module in SCHEMA_MODULES]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """Migrations recorded in the file, read with plain SQL (cheap: no sqlite-utils import)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        (MIGRATION_SET,),
    )
    return [str(row[0]) for row in rows]


def pending_names(db: Database) -> list[str]:
    applied = set(applied_names(db.conn))
    return [name for name in known_names() if name not in applied]


def migrate(db: Database) -> None:
    """Bring the schema up to date, refusing a database from a newer build."""
    applied = applied_names(db.conn)
    unknown = sorted(set(applied) - set(known_names()))
    if unknown:
        raise SchemaTooNew(
            "数据库版本较新 / this database was written by a newer kiosk version (schema "
            f"{', '.join(unknown)}). Install that version again; this one will not open it, "
            "so nothing is lost."
        )
    if len(applied) < len(known_names()):
        from sqlite_utils import Database as MigrationDatabase

        _migrations().apply(MigrationDatabase(db.conn, execute_plugins=False))

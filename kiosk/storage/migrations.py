"""The ordered list of schema migrations and the rules around them.

Migrations are named and applied once each, in order, each in its own transaction together with
the record that it ran (sqlite-utils `Migrations`). A database that has a migration this build
does not know was written by a newer kiosk: it is refused, never silently downgraded.
"""

from __future__ import annotations

from types import ModuleType

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from kiosk.errors import SchemaTooNew
from kiosk.storage.schema import m0001_reference, m0003_outbox, m0004_print_queue

MIGRATION_SET = "kiosk"

# Append new areas at the end; never reorder or rename what has shipped.
SCHEMA_MODULES: list[ModuleType] = [
    m0001_reference,
    m0003_outbox,
    m0004_print_queue,
]


def _migrations() -> Migrations:
    migrations = Migrations(MIGRATION_SET)
    for module in SCHEMA_MODULES:
        migrations(name=module.NAME)(module.apply)
    return migrations


def known_names() -> list[str]:
    return [module.NAME for module in SCHEMA_MODULES]


def pending_names(db: Database) -> list[str]:
    return [m.name for m in _migrations().pending(db)]


def migrate(db: Database) -> None:
    """Bring the schema up to date, refusing a database from a newer build."""
    migrations = _migrations()
    applied = [m.name for m in migrations.applied(db)]
    unknown = sorted(set(applied) - set(known_names()))
    if unknown:
        raise SchemaTooNew(
            "数据库版本较新 / this database was written by a newer kiosk version (schema "
            f"{', '.join(unknown)}). Install that version again; this one will not open it, "
            "so nothing is lost."
        )
    if len(applied) < len(known_names()):
        migrations.apply(db)

"""Appliers for the province's reference datasets (contract section 7).

One applier per dataset turns pages of `{"key", "op", "data"}` changes into rows. A page and the
cursor after it are applied in one transaction, so a crash never leaves the cursor ahead of the
rows. The demo generator feeds its data through exactly this code, so the demo exercises the
same path as a real pull.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlite_utils import Database

from kiosk.storage.database import transaction

Change = Mapping[str, Any]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class DatasetApplier(Protocol):
    """Writes one dataset's items; every method runs inside the caller's transaction."""

    @property
    def name(self) -> str: ...

    def upsert(self, conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]]) -> None: ...

    def delete(self, conn: sqlite3.Connection, keys: Sequence[str]) -> None: ...

    def count(self, conn: sqlite3.Connection) -> int: ...

    def clear(self, conn: sqlite3.Connection) -> None: ...


@dataclass(frozen=True)
class JsonTableApplier:
    """A dataset kept as one row per item: a few indexed columns plus the whole item as JSON."""

    name: str
    table: str
    key_column: str
    columns: tuple[str, ...]

    def upsert(self, conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]]) -> None:
        names = (self.key_column, *self.columns, "data")
        sql = (
            f"INSERT OR REPLACE INTO {self.table} ({', '.join(names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        conn.executemany(
            sql,
            (
                (item[self.key_column], *(_column(item, c) for c in self.columns), _json(item))
                for item in items
            ),
        )

    def delete(self, conn: sqlite3.Connection, keys: Sequence[str]) -> None:
        conn.executemany(f"DELETE FROM {self.table} WHERE {self.key_column} = ?",
                         ((k,) for k in keys))

    def count(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def clear(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"DELETE FROM {self.table}")


def _column(item: Mapping[str, Any], column: str) -> Any:
    value = item.get(column)
    return _json(value) if isinstance(value, (dict, list)) else value


SUBSIDY_COLUMNS = (
    "payment_id", "holder_name_masked", "item_code", "item_name", "department", "level",
    "period", "standard", "amount_fen", "paid_on", "bank_card_tail", "status", "note",
)


class SubsidyApplier:
    """Payments as plain columns (a million rows: no JSON copy) and their holder keys."""

    name = "subsidies"

    def upsert(self, conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]]) -> None:
        ids = [(item["payment_id"],) for item in items]
        conn.executemany("DELETE FROM subsidy_holder_keys WHERE payment_id = ?", ids)
        placeholders = ", ".join("?" for _ in SUBSIDY_COLUMNS)
        conn.executemany(
            f"INSERT OR REPLACE INTO subsidy_payments ({', '.join(SUBSIDY_COLUMNS)}) "
            f"VALUES ({placeholders})",
            (tuple(item.get(c, "") if c == "note" else item[c] for c in SUBSIDY_COLUMNS)
             for item in items),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO subsidy_holder_keys (holder_key, payment_id) VALUES (?, ?)",
            ((key, item["payment_id"]) for item in items for key in item["holder_keys"]),
        )

    def delete(self, conn: sqlite3.Connection, keys: Sequence[str]) -> None:
        rows = [(k,) for k in keys]
        conn.executemany("DELETE FROM subsidy_holder_keys WHERE payment_id = ?", rows)
        conn.executemany("DELETE FROM subsidy_payments WHERE payment_id = ?", rows)

    def count(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute("SELECT count(*) FROM subsidy_payments").fetchone()[0])

    def clear(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM subsidy_holder_keys")
        conn.execute("DELETE FROM subsidy_payments")


def default_appliers() -> dict[str, DatasetApplier]:
    appliers: list[DatasetApplier] = [
        JsonTableApplier("services", "services", "id",
                         ("category", "name", "summary", "form_version", "form_sha256")),
        JsonTableApplier("disclosures", "disclosures", "id",
                         ("kind", "category", "title", "period", "published_at", "publisher")),
        SubsidyApplier(),
        JsonTableApplier("application_status", "application_status", "application_id",
                         ("case_no", "status", "updated_at")),
    ]
    return {a.name: a for a in appliers}


@dataclass(frozen=True)
class DatasetState:
    dataset: str
    cursor: str
    total: int | None
    synced_at: str | None


class DatasetStore:
    """Applies pages of changes and keeps each dataset's cursor next to its rows."""

    def __init__(self, db: Database, appliers: Mapping[str, DatasetApplier] | None = None):
        self._db = db
        self._appliers = dict(appliers or default_appliers())

    @property
    def names(self) -> list[str]:
        return list(self._appliers)

    def apply_page(
        self,
        dataset: str,
        changes: Iterable[Change],
        *,
        next_cursor: str,
        total: int | None,
        synced_at: str,
    ) -> None:
        """Apply one page and move the cursor, atomically."""
        applier = self._appliers[dataset]
        upserts: list[Mapping[str, Any]] = []
        deletes: list[str] = []
        for change in changes:
            if change["op"] == "delete":
                deletes.append(str(change["key"]))
            else:
                upserts.append(change["data"])
        conn = self._db.conn
        with transaction(self._db):
            if deletes:
                applier.delete(conn, deletes)
            if upserts:
                applier.upsert(conn, upserts)
            conn.execute(
                "INSERT INTO dataset_state (dataset, cursor, total, synced_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (dataset) DO UPDATE SET cursor = excluded.cursor,"
                " total = excluded.total, synced_at = excluded.synced_at",
                (dataset, next_cursor, total, synced_at),
            )

    def clear(self, dataset: str) -> None:
        with transaction(self._db):
            self._appliers[dataset].clear(self._db.conn)
            self._db.conn.execute("DELETE FROM dataset_state WHERE dataset = ?", (dataset,))

    def count(self, dataset: str) -> int:
        return self._appliers[dataset].count(self._db.conn)

    def state(self, dataset: str) -> DatasetState:
        row = self._db.conn.execute(
            "SELECT cursor, total, synced_at FROM dataset_state WHERE dataset = ?", (dataset,)
        ).fetchone()
        if row is None:
            return DatasetState(dataset, "0", None, None)
        return DatasetState(dataset, row[0], row[1], row[2])

    def states(self) -> list[DatasetState]:
        return [self.state(name) for name in self._appliers]

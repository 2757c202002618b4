"""Appliers for the province's reference datasets (contract section 7).

One applier per dataset turns pages of `{"key", "op", "data"}` changes into rows. A page and the
cursor after it are applied in one transaction, so a crash never leaves the cursor ahead of the
rows. The demo generator feeds its data through exactly this code, so the demo exercises the
same path as a real pull.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from operator import itemgetter
from typing import Any, Protocol, runtime_checkable

from kiosk.storage.database import Database, transaction

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


SHADOW_SUFFIX = "__shadow"
REBUILD_PREFIX = "rebuild:"


@runtime_checkable
class ShadowCapable(Protocol):
    """An applier that can write the same rows into other tables (a shadow copy to swap in)."""

    @property
    def tables(self) -> tuple[str, ...]: ...

    def on_tables(self, names: Mapping[str, str]) -> DatasetApplier: ...


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

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.table,)

    def on_tables(self, names: Mapping[str, str]) -> JsonTableApplier:
        """The same applier writing to other (shadow) tables."""
        return replace(self, table=names[self.table])


def _column(item: Mapping[str, Any], column: str) -> Any:
    value = item.get(column)
    return _json(value) if isinstance(value, (dict, list)) else value


SUBSIDY_COLUMNS = (
    "payment_id", "holder_name_masked", "item_code", "item_name", "department", "level",
    "period", "standard", "amount_fen", "paid_on", "bank_card_tail", "status", "note",
)


_PAYMENT_FIELDS = itemgetter(*SUBSIDY_COLUMNS)


def _payment_rows(items: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Each item's columns in order: `note` may be left out, every other field is required."""
    try:
        return list(map(_PAYMENT_FIELDS, items))
    except KeyError:
        return [_PAYMENT_FIELDS({"note": "", **item}) for item in items]


def insert_rows(conn: sqlite3.Connection, head: str, width: int,
                rows: Iterable[tuple[Any, ...]], *, per_statement: int = 500) -> None:
    """`head` (``INSERT ... INTO t (cols)``) with many rows per multi-row `VALUES` statement.

    One statement writes hundreds of rows in a single step, without the GIL: an `executemany`
    takes the GIL back after every row, so the pull's prefetch thread, which decodes the next
    page meanwhile, kept it waiting; a page of payments costs a quarter less this way.
    """
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_statement = max(1, min(per_statement, limit // width))
    one = "(" + ", ".join("?" * width) + ")"
    batch = list(rows)
    for start in range(0, len(batch), per_statement):
        chunk = batch[start:start + per_statement]
        conn.execute(f"{head} VALUES {', '.join([one] * len(chunk))}",
                     list(chain.from_iterable(chunk)))


class SubsidyApplier:
    """Payments as plain columns (a million rows: no JSON copy) and their holder keys."""

    name = "subsidies"

    def __init__(self, payments_table: str = "subsidy_payments",
                 keys_table: str = "subsidy_holder_keys"):
        self.payments = payments_table
        self.keys = keys_table

    def upsert(self, conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]]) -> None:
        # A changed payment may have lost a holder key: drop the old keys of payments already
        # stored. One query finds them, instead of a DELETE per payment (most pages are new).
        stored = conn.execute(
            f"SELECT p.payment_id FROM json_each(?) AS j JOIN {self.payments} AS p"
            " ON p.payment_id = j.value",
            (json.dumps([item["payment_id"] for item in items]),),
        ).fetchall()
        if stored:
            conn.executemany(f"DELETE FROM {self.keys} WHERE payment_id = ?", stored)
        insert_rows(conn, f"INSERT OR REPLACE INTO {self.payments} ({', '.join(SUBSIDY_COLUMNS)})",
                    len(SUBSIDY_COLUMNS), _payment_rows(items))
        insert_rows(conn, f"INSERT OR IGNORE INTO {self.keys} (holder_key, payment_id)", 2,
                    ((key, item["payment_id"]) for item in items for key in item["holder_keys"]))

    def delete(self, conn: sqlite3.Connection, keys: Sequence[str]) -> None:
        rows = [(k,) for k in keys]
        conn.executemany(f"DELETE FROM {self.keys} WHERE payment_id = ?", rows)
        conn.executemany(f"DELETE FROM {self.payments} WHERE payment_id = ?", rows)

    def count(self, conn: sqlite3.Connection) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {self.payments}").fetchone()[0])

    def clear(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"DELETE FROM {self.keys}")
        conn.execute(f"DELETE FROM {self.payments}")

    @property
    def tables(self) -> tuple[str, ...]:
        return (self.payments, self.keys)

    def on_tables(self, names: Mapping[str, str]) -> SubsidyApplier:
        return SubsidyApplier(names[self.payments], names[self.keys])


def default_appliers() -> dict[str, DatasetApplier]:
    appliers: list[DatasetApplier] = [
        JsonTableApplier("services", "services", "id",
                         ("category", "name", "summary", "form_version", "form_sha256")),
        JsonTableApplier("disclosures", "disclosures", "id",
                         ("kind", "category", "title", "period", "published_at", "publisher")),
        SubsidyApplier(),
        JsonTableApplier("application_status", "application_status", "application_id",
                         ("case_no", "status", "updated_at")),
        JsonTableApplier("feedback_replies", "feedback_replies", "feedback_id",
                         ("ticket", "status", "updated_at")),
        JsonTableApplier("subsidy_policies", "subsidy_policies", "item_code",
                         ("item_name", "department", "level", "updated_at")),
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
        shadow: bool = False,
    ) -> None:
        """Apply one page and move the cursor, atomically.

        With `shadow=True` the page goes into the dataset's shadow copy (a rebuild begun with
        `begin_rebuild`) and moves the rebuild's cursor; lookups keep reading the live tables.
        """
        applier = self._shadow_applier(dataset) if shadow else self._appliers[dataset]
        if shadow:
            dataset = REBUILD_PREFIX + dataset
        changes = list(changes)
        upserts = [change["data"] for change in changes if change["op"] != "delete"]
        deletes = [str(change["key"]) for change in changes if change["op"] == "delete"]
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

    def count(self, dataset: str, *, shadow: bool = False) -> int:
        applier = self._shadow_applier(dataset) if shadow else self._appliers[dataset]
        return applier.count(self._db.conn)

    # --- shadow rebuild (contract section 7: 410 or a wrong count) ------------------------
    def _shadow_applier(self, dataset: str) -> DatasetApplier:
        applier = self._appliers[dataset]
        if not isinstance(applier, ShadowCapable):
            raise TypeError(f"the {dataset} applier cannot write to shadow tables")
        return applier.on_tables({t: t + SHADOW_SUFFIX for t in applier.tables})

    def _tables(self, dataset: str) -> tuple[str, ...]:
        applier = self._appliers[dataset]
        if not isinstance(applier, ShadowCapable):
            raise TypeError(f"the {dataset} applier cannot write to shadow tables")
        return applier.tables

    def rebuild_cursor(self, dataset: str) -> str | None:
        """The cursor of an unfinished rebuild (it survives a restart), or None."""
        row = self._db.conn.execute("SELECT cursor FROM dataset_state WHERE dataset = ?",
                                    (REBUILD_PREFIX + dataset,)).fetchone()
        if row is None:
            return None
        present = {r[0] for r in self._db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not all(t + SHADOW_SUFFIX in present for t in self._tables(dataset)):
            return None
        return str(row[0])

    def begin_rebuild(self, dataset: str) -> None:
        """Start an empty shadow copy of the dataset's tables, same columns and indexes."""
        conn = self._db.conn
        generation = time.time_ns()
        with transaction(self._db):
            for table in self._tables(dataset):
                shadow = table + SHADOW_SUFFIX
                conn.execute(f"DROP TABLE IF EXISTS {shadow}")
                rows = conn.execute(
                    "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ?"
                    " AND sql IS NOT NULL ORDER BY type = 'index'", (table,)).fetchall()
                for kind, name, sql in rows:
                    if kind == "table":
                        conn.execute(re.sub(r"^CREATE TABLE\s+[\"`\[]?\w+[\"`\]]?",
                                            f"CREATE TABLE {shadow}", sql))
                    elif kind == "index":
                        base = re.sub(r"__g\d+$", "", name)
                        head = re.match(r"^CREATE (UNIQUE )?INDEX\s+\S+\s+ON\s+"
                                        r"[\"`\[]?\w+[\"`\]]?", sql)
                        if head is None:
                            raise ValueError(f"cannot copy index {name}: {sql}")
                        unique = head.group(1) or ""
                        conn.execute(f"CREATE {unique}INDEX {base}__g{generation} ON {shadow}"
                                     + sql[head.end():])
            conn.execute(
                "INSERT INTO dataset_state (dataset, cursor, total, synced_at)"
                " VALUES (?, '0', NULL, NULL) ON CONFLICT (dataset) DO UPDATE SET"
                " cursor = '0', total = NULL, synced_at = NULL", (REBUILD_PREFIX + dataset,))

    def finish_rebuild(self, dataset: str) -> None:
        """Swap the shadow copy in at once: readers see the old rows until this commits."""
        conn = self._db.conn
        with transaction(self._db):
            row = conn.execute("SELECT cursor, total, synced_at FROM dataset_state"
                               " WHERE dataset = ?", (REBUILD_PREFIX + dataset,)).fetchone()
            if row is None:
                raise ValueError(f"no rebuild of {dataset} in progress")
            conn.execute("PRAGMA legacy_alter_table = ON")  # leave views and triggers alone
            try:
                for table in self._tables(dataset):
                    conn.execute(f"DROP TABLE {table}")
                    conn.execute(f"ALTER TABLE {table}{SHADOW_SUFFIX} RENAME TO {table}")
            finally:
                conn.execute("PRAGMA legacy_alter_table = OFF")
            conn.execute("DELETE FROM dataset_state WHERE dataset = ?", (REBUILD_PREFIX + dataset,))
            conn.execute(
                "INSERT INTO dataset_state (dataset, cursor, total, synced_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (dataset) DO UPDATE SET cursor = excluded.cursor,"
                " total = excluded.total, synced_at = excluded.synced_at",
                (dataset, row[0], row[1], row[2]))

    def abort_rebuild(self, dataset: str) -> None:
        with transaction(self._db):
            for table in self._tables(dataset):
                self._db.conn.execute(f"DROP TABLE IF EXISTS {table}{SHADOW_SUFFIX}")
            self._db.conn.execute("DELETE FROM dataset_state WHERE dataset = ?",
                                  (REBUILD_PREFIX + dataset,))

    def state(self, dataset: str) -> DatasetState:
        row = self._db.conn.execute(
            "SELECT cursor, total, synced_at FROM dataset_state WHERE dataset = ?", (dataset,)
        ).fetchone()
        if row is None:
            return DatasetState(dataset, "0", None, None)
        return DatasetState(dataset, row[0], row[1], row[2])

    def states(self) -> list[DatasetState]:
        return [self.state(name) for name in self._appliers]

"""Reading disclosures, and the bigram search index that makes two-character terms findable.

The `disclosures` table is written by the dataset applier (a pull or the demo). This module
keeps the derived search tables (migration 0005) in step with it: `refresh_index` compares a
cheap marker of the dataset (cursor, count, newest rowid) with the one it last indexed and
re-indexes only items whose signature changed. Because the index is derived, the pull's shadow
rebuild never has to know about it; the first read after the swap brings it up to date.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kiosk.storage.database import Database, transaction

Verifier = Callable[[dict[str, Any]], str]  # "" when the item verifies, else the reason
LAST = "\U0010ffff"


def normalise(text: str) -> str:
    """NFKC and case-folded, so full-width digits and letters match what a villager types."""
    return unicodedata.normalize("NFKC", text).casefold()


def _is_separator(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PZSC"


def runs(text: str) -> list[str]:
    """Runs of searchable characters: punctuation and spaces split a text (and a query)."""
    result: list[str] = []
    current: list[str] = []
    for ch in normalise(text):
        if _is_separator(ch):
            if current:
                result.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        result.append("".join(current))
    return result


def terms_of(text: str) -> set[str]:
    """Every neighbouring pair in each run, plus each run's last character."""
    terms: set[str] = set()
    for run in runs(text):
        terms.update(run[i:i + 2] for i in range(len(run) - 1))
        terms.add(run[-1])
    return terms


def searchable_text(item: dict[str, Any]) -> str:
    """Title, category, body and table cells: what a villager would expect a search to cover."""
    parts = [str(item.get("title", "")), str(item.get("category", "")), str(item.get("body", ""))]
    for table in item.get("tables") or []:
        if isinstance(table, dict):
            parts.append(str(table.get("title", "")))
            parts.extend(str(c) for c in table.get("columns") or [])
            parts.extend(str(cell) for row in table.get("rows") or [] for cell in row)
    return normalise("\n".join(parts))


QUERY_CHARS = 40  # kiosk.services.search_limits.MAX_QUERY_CHARS (a test keeps them equal)


@dataclass(frozen=True)
class Query:
    """A parsed search: each run must occur as a substring; the SQL that finds candidates."""

    runs: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        """Only the first `QUERY_CHARS` characters count: the SQL stays within SQLite's limit
        of terms in a compound SELECT whatever the caller passes (the services refuse longer
        searches in words before they get here)."""
        return cls(tuple(dict.fromkeys(runs(text[:QUERY_CHARS]))))

    def candidate_sql(self) -> tuple[str, list[str]]:
        parts: list[str] = []
        params: list[str] = []
        for run in self.runs:
            if len(run) == 1:
                parts.append("SELECT id FROM disclosure_terms WHERE term >= ? AND term < ?")
                params += [run, run + LAST]
            else:
                for i in range(len(run) - 1):
                    parts.append("SELECT id FROM disclosure_terms WHERE term = ?")
                    params.append(run[i:i + 2])
        return " INTERSECT ".join(parts), params


def _marker(db: Database) -> str:
    row = db.conn.execute(
        "SELECT (SELECT coalesce(cursor, '') || '|' || coalesce(synced_at, '') || '|' ||"
        " coalesce(total, '') FROM dataset_state WHERE dataset = 'disclosures'),"
        " (SELECT count(*) FROM disclosures), (SELECT max(rowid) FROM disclosures)").fetchone()
    return f"{row[0]}|{row[1]}|{row[2]}"


def refresh_index(db: Database, verify: Verifier, *, force: bool = False) -> int:
    """Bring the search index up to date; returns how many items were (re)indexed."""
    marker = _marker(db)
    conn = db.conn
    row = conn.execute("SELECT marker FROM disclosure_index_state WHERE one = 1").fetchone()
    if row is not None and row[0] == marker and not force:
        return 0
    with transaction(db):
        conn.execute("DELETE FROM disclosure_terms WHERE id IN (SELECT t.id FROM"
                     " disclosure_text t LEFT JOIN disclosures d ON d.id = t.id"
                     " WHERE d.id IS NULL)")
        conn.execute("DELETE FROM disclosure_text WHERE id NOT IN (SELECT id FROM disclosures)")
        stale = conn.execute(
            "SELECT d.id, d.data FROM disclosures d LEFT JOIN disclosure_text t ON t.id = d.id"
            " WHERE t.id IS NULL OR t.fingerprint IS NOT"
            " coalesce(json_extract(d.data, '$.signature.value'), '')"
            + ("" if not force else " OR 1")).fetchall()
        for item_id, data in stale:
            item = json.loads(data)
            problem = verify(item)
            conn.execute("DELETE FROM disclosure_terms WHERE id = ?", (item_id,))
            conn.execute(
                "INSERT OR REPLACE INTO disclosure_text (id, fingerprint, verified, text)"
                " VALUES (?, ?, ?, ?)",
                (item_id, str((item.get("signature") or {}).get("value", "")),
                 0 if problem else 1, searchable_text(item)))
            if problem:
                record_rejected(db, item_id, problem, str(item.get("title", "")))
                continue
            conn.executemany("INSERT OR IGNORE INTO disclosure_terms (term, id) VALUES (?, ?)",
                             ((term, item_id) for term in terms_of(
                                 searchable_text(item))))
        conn.execute("INSERT INTO disclosure_index_state (one, marker) VALUES (1, ?)"
                     " ON CONFLICT (one) DO UPDATE SET marker = excluded.marker", (marker,))
    return len(stale)


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    category: str | None = None
    period: str | None = None  # a period as published, or a year prefix ("2026")
    search: str = ""


def list_sql(filters: Filters, limit: int) -> tuple[str, list[Any]]:
    """The one query behind browsing and searching, newest first (also the bench's floor)."""
    where = ["t.verified = 1"]
    params: list[Any] = []
    query = Query.parse(filters.search) if filters.search.strip() else None
    if query is not None and query.runs:
        candidates, terms = query.candidate_sql()
        where.insert(0, f"d.id IN ({candidates})")
        params += terms
        for run in query.runs:
            if len(run) > 2:
                where.append("instr(t.text, ?) > 0")
                params.append(run)
    if filters.kind:
        where.append("d.kind = ?")
        params.append(filters.kind)
    if filters.category:
        where.append("d.category = ?")
        params.append(filters.category)
    if filters.period:
        where.append("(d.period = ? OR substr(d.period, 1, 4) = ?)")
        params += [filters.period, filters.period]
    sql = ("SELECT d.id, d.data FROM disclosures d JOIN disclosure_text t ON t.id = d.id"
           f" WHERE {' AND '.join(where)} ORDER BY d.published_at DESC, d.id LIMIT ?")
    return sql, [*params, limit]


def list_items(db: Database, filters: Filters, limit: int = 100) -> list[tuple[str, str]]:
    """(id, data JSON) of matching items; an empty search matches nothing but browsing."""
    if filters.search.strip() and not Query.parse(filters.search).runs:
        return []
    sql, params = list_sql(filters, limit)
    return [(str(r[0]), str(r[1])) for r in db.conn.execute(sql, params)]


def get_item(db: Database, item_id: str) -> str | None:
    row = db.conn.execute("SELECT data FROM disclosures WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else str(row[0])


def finance_items(db: Database, year: str) -> list[str]:
    """Every finance item of a year (its data JSON), oldest first: the ledger's source."""
    return [str(r[0]) for r in db.conn.execute(
        "SELECT data FROM disclosures WHERE kind = 'finance' AND substr(period, 1, 4) = ?"
        " ORDER BY published_at, id", (year,))]


def facets(db: Database) -> list[tuple[str, str, str, int]]:
    """(kind, category, period, count) of verified items, for the browse filters."""
    return [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in db.conn.execute(
        "SELECT d.kind, d.category, d.period, count(*) FROM disclosures d"
        " JOIN disclosure_text t ON t.id = d.id WHERE t.verified = 1"
        " GROUP BY d.kind, d.category, d.period ORDER BY d.kind, d.category, d.period DESC")]


def all_items(db: Database) -> Iterator[tuple[str, str]]:
    yield from ((str(r[0]), str(r[1]))
                for r in db.conn.execute("SELECT id, data FROM disclosures ORDER BY id"))


def record_rejected(db: Database, item_id: str, reason: str, title: str) -> None:
    """Remember an item that failed verification, for the admin and the heartbeat."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with transaction(db):
        db.conn.execute(
            "INSERT INTO disclosure_rejected (id, reason, title, seen_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, title = excluded.title,"
            " seen_at = excluded.seen_at", (item_id, reason, title, now))


def clear_rejected(db: Database, ids: Sequence[str]) -> None:
    with transaction(db):
        db.conn.executemany("DELETE FROM disclosure_rejected WHERE id = ?", ((i,) for i in ids))


def rejected(db: Database) -> list[dict[str, str]]:
    return [{"id": r[0], "reason": r[1], "title": r[2], "seen_at": r[3]} for r in db.conn.execute(
        "SELECT id, reason, title, seen_at FROM disclosure_rejected ORDER BY seen_at, id")]


def synced_at(db: Database, dataset: str) -> str | None:
    row = db.conn.execute("SELECT synced_at FROM dataset_state WHERE dataset = ?",
                          (dataset,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])

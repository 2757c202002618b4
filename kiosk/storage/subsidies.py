"""Finding one holder's subsidy payments by holder key (never by a plain ID or card number).

`subsidy_holder_keys` is keyed (holder_key, payment_id) WITHOUT ROWID, so a lookup is a range
scan of that key followed by primary-key fetches of each payment: the same plan whether the
terminal holds ten thousand payments or a county's million.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.storage.database import Database

PAYMENT_COLUMNS = (
    "payment_id", "holder_name_masked", "item_code", "item_name", "department", "level",
    "period", "standard", "amount_fen", "paid_on", "bank_card_tail", "status", "note",
)


def lookup_sql(key_count: int, *, with_year: bool) -> str:
    """The lookup query (the benchmark runs exactly this as its raw floor)."""
    marks = ", ".join("?" for _ in range(key_count))
    year = " AND substr(p.period, 1, 4) = ?" if with_year else ""
    return (f"SELECT {', '.join('p.' + c for c in PAYMENT_COLUMNS)} FROM subsidy_payments p"
            f" WHERE p.payment_id IN (SELECT payment_id FROM subsidy_holder_keys"
            f" WHERE holder_key IN ({marks})){year}"
            " ORDER BY p.period DESC, p.item_code, p.payment_id")


def payments_for_keys(db: Database, keys: Sequence[str],
                      year: str | None = None) -> list[tuple[Any, ...]]:
    """Rows in `PAYMENT_COLUMNS` order, newest period first."""
    if not keys:
        return []
    params: list[Any] = list(keys)
    if year:
        params.append(year)
    return db.conn.execute(lookup_sql(len(keys), with_year=bool(year)), params).fetchall()


def synced_at(db: Database) -> str | None:
    row = db.conn.execute(
        "SELECT synced_at FROM dataset_state WHERE dataset = 'subsidies'").fetchone()
    return None if row is None or row[0] is None else str(row[0])

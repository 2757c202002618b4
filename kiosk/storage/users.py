"""SQL of staff accounts (migrations 0006, 0007): clerks and admins, PIN hashes, lockouts, cards.

Only hashes, salts and the scrypt parameters are stored; the service (`kiosk.services.auth`)
does the hashing. Each function runs inside the caller's transaction when there is one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from kiosk.storage.database import Database


@dataclass(frozen=True)
class UserRow:
    user_id: str
    name: str
    role: str
    pin_hash: str
    pin_salt: str
    pin_params: dict[str, int]
    disabled: bool
    failed_count: int
    locked_until: float
    created_at: str
    updated_at: str
    lockout_level: int = 0


_COLUMNS = ("user_id, name, role, pin_hash, pin_salt, pin_params, disabled, failed_count, "
            "locked_until, created_at, updated_at, lockout_level")


def _row(row: tuple[Any, ...]) -> UserRow:
    return UserRow(str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]),
                   json.loads(row[5]), bool(row[6]), int(row[7]), float(row[8]), str(row[9]),
                   str(row[10]), int(row[11]))


def get(db: Database, user_id: str) -> UserRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM staff_users WHERE user_id = ?",
                     (user_id,)).fetchone()
    return _row(row) if row else None


def list_users(db: Database) -> list[UserRow]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM staff_users ORDER BY user_id").fetchall()
    return [_row(row) for row in rows]


def insert(db: Database, user: UserRow) -> None:
    db.execute(
        f"INSERT INTO staff_users ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (user.user_id, user.name, user.role, user.pin_hash, user.pin_salt,
         json.dumps(user.pin_params, sort_keys=True), int(user.disabled), user.failed_count,
         user.locked_until, user.created_at, user.updated_at, user.lockout_level))


def set_pin(db: Database, user_id: str, pin_hash: str, pin_salt: str,
            pin_params: dict[str, int], now: str) -> bool:
    """A new PIN also clears failures and any lockout."""
    cursor = db.execute(
        "UPDATE staff_users SET pin_hash = ?, pin_salt = ?, pin_params = ?, failed_count = 0,"
        " locked_until = 0, lockout_level = 0, updated_at = ? WHERE user_id = ?",
        (pin_hash, pin_salt, json.dumps(pin_params, sort_keys=True), now, user_id))
    return cursor.rowcount > 0


def set_disabled(db: Database, user_id: str, disabled: bool, now: str) -> bool:
    cursor = db.execute("UPDATE staff_users SET disabled = ?, updated_at = ? WHERE user_id = ?",
                        (int(disabled), now, user_id))
    return cursor.rowcount > 0


def record_attempt(db: Database, user_id: str, failed_count: int, locked_until: float,
                   lockout_level: int) -> None:
    """The counters after a sign-in attempt (a missing account matches no row: same cost)."""
    db.execute("UPDATE staff_users SET failed_count = ?, locked_until = ?, lockout_level = ?"
               " WHERE user_id = ?", (failed_count, locked_until, lockout_level, user_id))


def clear_failures(db: Database, user_id: str) -> bool:
    """Good sign-in or an admin's unlock: no failures, no lock, lockouts start again short."""
    cursor = db.execute("UPDATE staff_users SET failed_count = 0, locked_until = 0,"
                        " lockout_level = 0 WHERE user_id = ?", (user_id,))
    return cursor.rowcount > 0


def upgrade_pin_hash(db: Database, user_id: str, pin_hash: str, pin_salt: str,
                     pin_params: dict[str, int]) -> None:
    """A hash recomputed at sign-in with today's parameters (pepper, cost)."""
    db.execute("UPDATE staff_users SET pin_hash = ?, pin_salt = ?, pin_params = ?"
               " WHERE user_id = ?",
               (pin_hash, pin_salt, json.dumps(pin_params, sort_keys=True), user_id))


# --- staff cards (migration 0007) ----------------------------------------------------------
@dataclass(frozen=True)
class CardRow:
    card_key: str
    user_id: str
    kind: str
    label: str
    enrolled_at: str
    enrolled_by: str


def add_cards(db: Database, cards: list[CardRow]) -> None:
    """Enroll (or move to this account) each card key."""
    db.conn.executemany(
        "INSERT INTO staff_cards (card_key, user_id, kind, label, enrolled_at, enrolled_by)"
        " VALUES (?,?,?,?,?,?) ON CONFLICT (card_key) DO UPDATE SET user_id = excluded.user_id,"
        " kind = excluded.kind, label = excluded.label, enrolled_at = excluded.enrolled_at,"
        " enrolled_by = excluded.enrolled_by",
        [(c.card_key, c.user_id, c.kind, c.label, c.enrolled_at, c.enrolled_by) for c in cards])


def card_owner(db: Database, card_keys: list[str]) -> str | None:
    """The account one of these card keys belongs to (the first enrolled), or None."""
    for key in card_keys:
        row = db.execute("SELECT user_id FROM staff_cards WHERE card_key = ?", (key,)).fetchone()
        if row is not None:
            return str(row[0])
    return None


def cards_of(db: Database, user_id: str) -> list[CardRow]:
    rows = db.execute("SELECT card_key, user_id, kind, label, enrolled_at, enrolled_by"
                      " FROM staff_cards WHERE user_id = ? ORDER BY enrolled_at, kind",
                      (user_id,)).fetchall()
    return [CardRow(*(str(v) for v in row)) for row in rows]


def remove_cards(db: Database, user_id: str) -> int:
    return int(db.execute("DELETE FROM staff_cards WHERE user_id = ?", (user_id,)).rowcount)


def count_by_role(db: Database) -> dict[str, int]:
    rows = db.execute("SELECT role, count(*) FROM staff_users WHERE disabled = 0 GROUP BY role")
    return {str(role): int(n) for role, n in rows}

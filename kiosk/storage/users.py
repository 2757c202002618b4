"""SQL of staff accounts (migration 0006): clerks and admins, their PIN hashes and lockouts.

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


_COLUMNS = ("user_id, name, role, pin_hash, pin_salt, pin_params, disabled, failed_count, "
            "locked_until, created_at, updated_at")


def _row(row: tuple[Any, ...]) -> UserRow:
    return UserRow(str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]),
                   json.loads(row[5]), bool(row[6]), int(row[7]), float(row[8]), str(row[9]),
                   str(row[10]))


def get(db: Database, user_id: str) -> UserRow | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM staff_users WHERE user_id = ?",
                     (user_id,)).fetchone()
    return _row(row) if row else None


def list_users(db: Database) -> list[UserRow]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM staff_users ORDER BY user_id").fetchall()
    return [_row(row) for row in rows]


def insert(db: Database, user: UserRow) -> None:
    db.execute(
        f"INSERT INTO staff_users ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (user.user_id, user.name, user.role, user.pin_hash, user.pin_salt,
         json.dumps(user.pin_params, sort_keys=True), int(user.disabled), user.failed_count,
         user.locked_until, user.created_at, user.updated_at))


def set_pin(db: Database, user_id: str, pin_hash: str, pin_salt: str,
            pin_params: dict[str, int], now: str) -> bool:
    """A new PIN also clears failures and any lockout."""
    cursor = db.execute(
        "UPDATE staff_users SET pin_hash = ?, pin_salt = ?, pin_params = ?, failed_count = 0,"
        " locked_until = 0, updated_at = ? WHERE user_id = ?",
        (pin_hash, pin_salt, json.dumps(pin_params, sort_keys=True), now, user_id))
    return cursor.rowcount > 0


def set_disabled(db: Database, user_id: str, disabled: bool, now: str) -> bool:
    cursor = db.execute("UPDATE staff_users SET disabled = ?, updated_at = ? WHERE user_id = ?",
                        (int(disabled), now, user_id))
    return cursor.rowcount > 0


def record_failure(db: Database, user_id: str, failed_count: int, locked_until: float) -> None:
    db.execute("UPDATE staff_users SET failed_count = ?, locked_until = ? WHERE user_id = ?",
               (failed_count, locked_until, user_id))


def clear_failures(db: Database, user_id: str) -> None:
    db.execute("UPDATE staff_users SET failed_count = 0, locked_until = 0 WHERE user_id = ?",
               (user_id,))


def count_by_role(db: Database) -> dict[str, int]:
    rows = db.execute("SELECT role, count(*) FROM staff_users WHERE disabled = 0 GROUP BY role")
    return {str(role): int(n) for role, n in rows}

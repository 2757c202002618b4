"""Reading the service catalog (the `services` dataset)."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database


def list_services(db: Database) -> list[dict[str, Any]]:
    """Every service item, ordered by category then name."""
    rows = db.conn.execute("SELECT data FROM services ORDER BY category, name").fetchall()
    return [json.loads(row[0]) for row in rows]


def get_service(db: Database, service_id: str) -> dict[str, Any] | None:
    row = db.conn.execute("SELECT data FROM services WHERE id = ?", (service_id,)).fetchone()
    return json.loads(row[0]) if row else None

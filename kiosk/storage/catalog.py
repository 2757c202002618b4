"""Reading the service catalog (the `services` dataset)."""

from __future__ import annotations

import json
from typing import Any

from kiosk.storage.database import Database


def list_services(db: Database) -> list[dict[str, Any]]:
    """Every service item, ordered by category then name."""
    rows = db.conn.execute("SELECT data FROM services ORDER BY category, name").fetchall()
    return [json.loads(row[0]) for row in rows]


def get_service(db: Database, service_id: str) -> dict[str, Any] | None:
    row = db.conn.execute("SELECT data FROM services WHERE id = ?", (service_id,)).fetchone()
    return json.loads(row[0]) if row else None


def catalog_fingerprint(db: Database) -> tuple[int, str]:
    """Changes whenever the services dataset changes: (count, dataset cursor + newest edit).

    The search index is rebuilt only when this changes, not on every keystroke."""
    count = int(db.conn.execute("SELECT count(*) FROM services").fetchone()[0])
    row = db.conn.execute(
        "SELECT cursor || '|' || coalesce(synced_at, '') FROM dataset_state "
        "WHERE dataset = 'services'").fetchone()
    checksum = db.conn.execute(
        "SELECT coalesce(sum(length(data)), 0) || ':' || coalesce(group_concat(form_sha256), '')"
        " FROM (SELECT data, form_sha256 FROM services ORDER BY id)").fetchone()
    return count, f"{row[0] if row else ''}|{checksum[0]}"


def find_by_form(db: Database, form_id: str) -> dict[str, Any] | None:
    """The service whose form is `form_id` (the CLI's `--form`)."""
    row = db.conn.execute(
        "SELECT data FROM services WHERE coalesce(form_id, json_extract(data, '$.form.form_id'))"
        " = ? ORDER BY id LIMIT 1", (form_id,)).fetchone()
    return json.loads(row[0]) if row else None

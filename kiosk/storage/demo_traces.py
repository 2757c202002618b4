"""What in a database tells a demo folder from a real terminal's (read only).

`kiosk.services.demo_guard` asks these before `kiosk demo` / `kiosk run --demo` write
anything, and `kiosk doctor` asks them on an enrolled terminal.
"""

from __future__ import annotations

from kiosk.storage.database import Database


def province_datasets(db: Database) -> list[str]:
    """Datasets pulled from the province (a cursor the demo build never writes)."""
    return [str(row[0]) for row in db.conn.execute(
        "SELECT dataset FROM dataset_state WHERE synced_at IS NOT NULL"
        " AND cursor NOT LIKE 'demo-%' AND dataset NOT LIKE 'rebuild:%' ORDER BY dataset")]


def demo_datasets(db: Database) -> list[str]:
    """Datasets written by the demo build."""
    return [str(row[0]) for row in db.conn.execute(
        "SELECT dataset FROM dataset_state WHERE cursor LIKE 'demo-%' ORDER BY dataset")]


def staff_made_by(db: Database) -> dict[str, str]:
    """Every staff account and who last set its PIN (`demo` for the demo's own accounts)."""
    accounts = {str(row[0]): "" for row in db.conn.execute("SELECT user_id FROM staff_users")}
    for subject, actor in db.conn.execute(
            "SELECT subject, actor FROM audit_log WHERE action IN ('user_added', 'pin_reset')"
            " ORDER BY seq"):
        if subject in accounts:
            accounts[str(subject)] = str(actor)
    return accounts


def application_count(db: Database) -> int:
    return int(db.conn.execute("SELECT count(*) FROM applications").fetchone()[0])

"""Application statuses the province sends back to the terminal that submitted them.

Used by the contract side of the server (a submission, a withdrawal) and by the control panel
(an official changes a status); a module of its own so the control panel need not import the
server that imports it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sync.emulator.server import ProvinceServer

FINAL_STATUS = frozenset({"rejected", "completed", "withdrawn"})


def publish_status(server: ProvinceServer, conn: sqlite3.Connection, application_id: str) -> None:
    """Put the application's current status into its terminal's `application_status` scope."""
    row = conn.execute("SELECT terminal_id, case_no, status, history FROM applications"
                       " WHERE application_id = ?", (application_id,)).fetchone()
    history = json.loads(row[3])
    item = {"application_id": application_id, "case_no": row[1], "status": row[2],
            "updated_at": history[-1]["at"], "history": history,
            "next_step": "等待审核" if row[2] not in FINAL_STATUS else "",
            "pickup": None}
    server.store.put_changes("application_status", [item], scope=str(row[0]), conn=conn)

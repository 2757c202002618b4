"""Application statuses the province sends back to the terminal that submitted them.

Used by the contract side of the server (a submission, a withdrawal) and by the control panel
(an official changes a status); a module of its own so the control panel need not import the
server that imports it.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from sync.emulator.documents import parse_object
from sync.emulator.replies import Reply, error
from sync.signing import rfc3339

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


ACTION_STATUS = {"accept": "accepted", "request_materials": "needs_materials",
                 "reject": "rejected", "forward": "in_review", "complete": "completed"}


def record_action(server: ProvinceServer, body: bytes, application_id: str,
                  action_id: str) -> Reply:
    """A clerk's action (contract section 4): stored once, replayed by id, refused when the
    application is already final; the new status goes to the terminal's feed."""
    with server.store.write() as conn:
        row = conn.execute("SELECT body, response FROM actions WHERE application_id = ?"
                           " AND action_id = ?", (application_id, action_id)).fetchone()
        if row is not None:
            if bytes(row[0]) == body:
                return Reply(200, bytes(row[1]))
            return error(409, "conflict", "this action id arrived before with another body")
        document = parse_object(body)
        action = document.get("action")
        problems = {}
        if document.get("action_id") != action_id:
            problems["action_id"] = "must equal the action id in the path"
        if action not in ACTION_STATUS:
            problems["action"] = "unknown action"
        for name in ("clerk_id", "at"):
            if not isinstance(document.get(name), str):
                problems[name] = "required"
        if problems:
            return error(422, "invalid", "the action was rejected", fields=problems)
        app = conn.execute("SELECT status, history FROM applications"
                           " WHERE application_id = ?", (application_id,)).fetchone()
        if app is None:
            return error(422, "invalid", "unknown application",
                         fields={"application_id": "unknown"})
        if app[0] in FINAL_STATUS:
            return error(409, "invalid_transition", f"the application is {app[0]}",
                         status=app[0])
        status = ACTION_STATUS[str(action)]
        history = json.loads(app[1])
        history.append({"at": rfc3339(server.now()), "status": status,
                        "note": str(document.get("note", ""))})
        response = json.dumps({"action_id": action_id, "status": status}).encode()
        conn.execute("INSERT INTO actions (application_id, action_id, body, response)"
                     " VALUES (?, ?, ?, ?)", (application_id, action_id, body, response))
        conn.execute("UPDATE applications SET status = ?, history = ? WHERE application_id = ?",
                     (status, json.dumps(history, ensure_ascii=False), application_id))
        publish_status(server, conn, application_id)
    return Reply(201, response)

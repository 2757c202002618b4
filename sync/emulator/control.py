"""The emulator's unsigned control panel under `/_emulator/` (tests and demos only).

POST /_emulator/faults {name: value}       change fault injection live
GET  /_emulator/faults                     the current faults
POST /_emulator/datasets/{name}            {"upsert": [items], "delete": [keys], "scope": ""}
POST /_emulator/expire                     {"dataset": name or null}: every older cursor -> 410
POST /_emulator/commands                   {"terminal_id", "command": {...}} for the heartbeat
POST /_emulator/terminals                  {"terminal_id", "village_code", "secret", "lookup_key",
                                            "enrollment_code", "disabled"}
POST /_emulator/files                      raw bytes -> {"sha256"}
POST /_emulator/provisioning               {"publisher_keys": [...], "publisher_key_list": {...}}:
                                            what enrollment (and heartbeats: the list) hand out
POST /_emulator/applications/{id}/status   {"status", "note"}: the province moves a case
POST /_emulator/feedback/{id}/reply        {"text", "replied_by", "status"}: the township answers
GET  /_emulator/stats                      counts of what arrived
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sync.emulator.replies import Reply, error
from sync.emulator.statuses import publish_status
from sync.signing import rfc3339

if TYPE_CHECKING:
    from sync.emulator.server import ProvinceServer


def control(server: ProvinceServer, method: str, path: str, body: bytes) -> Reply:
    store = server.store
    document: Any = {}
    if body and path != "/_emulator/files":
        document = json.loads(body.decode("utf-8"))
    parts = path.strip("/").split("/")[1:]
    if parts == ["faults"]:
        if method == "POST":
            try:
                server.faults.update(document)
            except ValueError as problem:
                return error(400, "invalid", str(problem))
        return Reply(200, server.faults.as_json())
    if method == "POST" and len(parts) == 2 and parts[0] == "datasets":
        store.put_changes(parts[1], document.get("upsert", []), document.get("delete", []),
                          str(document.get("scope", "")))
        return Reply(200, {"max_seq": store.max_seq(parts[1])})
    if method == "POST" and parts == ["expire"]:
        store.expire_cursors(document.get("dataset"))
        return Reply(200, {"ok": True})
    if method == "POST" and parts == ["commands"]:
        with store.write() as conn:
            conn.execute("INSERT INTO commands (terminal_id, body) VALUES (?, ?)",
                         (document["terminal_id"], json.dumps(document["command"])))
        return Reply(200, {"ok": True})
    if method == "POST" and parts == ["terminals"]:
        if "secret" in document:
            store.add_terminal(document["terminal_id"], document["village_code"],
                               bytes.fromhex(document["secret"]),
                               bytes.fromhex(document["lookup_key"]),
                               document.get("enrollment_code"))
        if "disabled" in document:
            with store.write() as conn:
                conn.execute("UPDATE terminals SET disabled = ? WHERE terminal_id = ?",
                             (int(bool(document["disabled"])), document["terminal_id"]))
        return Reply(200, {"ok": True})
    if method == "POST" and parts == ["provisioning"]:
        with store.write() as conn:
            for key in ("publisher_keys", "publisher_key_list", "village"):
                if key in document:
                    store.set_meta(conn, key, json.dumps(document[key], ensure_ascii=False))
        return Reply(200, {"ok": True})
    if method == "POST" and parts == ["files"]:
        return Reply(200, {"sha256": store.put_file(body, "application/octet-stream")})
    if method == "POST" and len(parts) == 3 and parts[0] == "applications":
        with store.write() as conn:
            row = conn.execute("SELECT history FROM applications WHERE application_id = ?",
                               (parts[1],)).fetchone()
            if row is None:
                return error(404, "not_found")
            history = json.loads(row[0])
            history.append({"at": rfc3339(server.now()), "status": document["status"],
                            "note": document.get("note", "")})
            conn.execute("UPDATE applications SET status = ?, history = ?"
                         " WHERE application_id = ?",
                         (document["status"], json.dumps(history, ensure_ascii=False), parts[1]))
            publish_status(server, conn, parts[1])
        return Reply(200, {"ok": True})
    if method == "POST" and len(parts) == 3 and parts[0] == "feedback" and parts[2] == "reply":
        from sync.emulator.voice import post_reply

        try:
            found = post_reply(store, parts[1], str(document.get("text", "")),
                               at=rfc3339(server.now()),
                               replied_by=str(document.get("replied_by") or "镇便民服务中心"),
                               status=str(document.get("status") or "answered"))
        except ValueError as problem:
            return error(400, "invalid", str(problem))
        return Reply(200, {"ok": True}) if found else error(404, "not_found")
    if method == "GET" and parts == ["stats"]:
        conn = store.conn
        counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("applications", "actions", "blobs", "events", "nonces",
                                "evaluations", "feedback")}
        return Reply(200, counts)
    return error(404, "not_found", f"no control route {method} {path}")

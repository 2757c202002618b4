"""The emulator's HTTP side: the contract's server, request by request, with injected faults.

Authentication order for every signed request: the terminal must be known (`unknown_terminal`),
the body hash and HMAC must match (`bad_signature`), the timestamp must be within 300 s of the
server clock (`clock_skew`), the nonce must be new (`replayed_nonce`), and the terminal must not
be disabled (`403 terminal_disabled`). Paths under `/_emulator/` are an unsigned control panel
for tests and demos; they are not part of the contract.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sqlite3
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sync.emulator.documents import application_problems, parse_object
from sync.emulator.faults import Faults
from sync.emulator.replies import Drop, Reply, error
from sync.emulator.statuses import publish_status, record_action
from sync.emulator.store import DATASETS, EmulatorStore
from sync.signing import (
    MAX_SKEW_S,
    SIGNED_HEADERS,
    header_problem,
    rfc3339,
    sha256_hex,
    verify_headers,
)
from sync.transport import is_loopback_host

MAX_BLOB = 10 * 1024 * 1024
MAX_BODY = 16 * 1024 * 1024
NONCE_KEEP_S = 3 * MAX_SKEW_S

_ROUTES = [
    ("PUT", re.compile(r"/v1/applications/([^/]+)"), "put_application"),
    ("PUT", re.compile(r"/v1/applications/([^/]+)/actions/([^/]+)"), "put_action"),
    ("PUT", re.compile(r"/v1/blobs/([0-9a-f]{64})"), "put_blob"),
    ("HEAD", re.compile(r"/v1/blobs/([0-9a-f]{64})"), "head_blob"),
    ("POST", re.compile(r"/v1/terminals/([^/]+)/events"), "post_events"),
    ("POST", re.compile(r"/v1/terminals/([^/]+)/heartbeat"), "post_heartbeat"),
    ("GET", re.compile(r"/v1/datasets/([a-z_]+)/changes"), "get_changes"),
    ("GET", re.compile(r"/v1/files/([0-9a-f]{64})"), "get_file"),
    ("PUT", re.compile(r"/v1/evaluations/([^/]+)"), "put_evaluation"),
    ("PUT", re.compile(r"/v1/feedback/([^/]+)"), "put_feedback"),
]


class ProvinceServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: EmulatorStore, faults: Faults,
                 prefix: str = ""):
        super().__init__(address, Handler)
        self.store = store
        self.faults = faults
        self.prefix = prefix.rstrip("/")
        self.case_counter = 0

    def now(self) -> float:
        return time.time() + self.faults.clock_skew_s


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK stalls
    server: ProvinceServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return formatdate(self.server.now() if timestamp is None else timestamp, usegmt=True)

    def do_GET(self) -> None:
        self._handle("GET")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    # --- plumbing -----------------------------------------------------------------------
    def _handle(self, method: str) -> None:
        faults = self.server.faults
        target = self.path
        path = urlsplit(target).path
        if self.server.prefix and path.startswith(self.server.prefix):
            path = path[len(self.server.prefix):]
        try:
            if path.startswith("/_emulator/"):
                self._control(method, path, self._read_body())
                return
            faulty = not any(path.startswith(p) for p in faults.disabled_paths)
            if faulty and path.startswith("/v1/blobs/") and method == "PUT" \
                    and faults.blob_latency_s:
                time.sleep(faults.blob_latency_s)
            body = self._read_body()
            if faulty:
                self._before(faults)
            result = self._route(method, path, target, body)
            if faulty and faults.roll(faults.commit_drop_rate):
                raise Drop()
            if faulty and faults.after_commit_s:
                time.sleep(faults.after_commit_s)
            raise result
        except Reply as reply:
            self._send(reply, method)
        except Drop:
            self._drop()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def _before(self, faults: Faults) -> None:
        if faults.latency_s:
            time.sleep(faults.latency_s)
        if faults.roll(faults.drop_rate):
            raise Drop()
        if faults.roll(faults.stall_rate):
            time.sleep(faults.stall_s)
        if faults.roll(faults.error_rate):
            status = faults.choice([500, 502, 503, 504, 429])
            headers = {"Retry-After": faults.retry_after} if (
                faults.retry_after and status in (429, 503)) else {}
            raise Reply(status, {"error": "unavailable", "message": "injected fault"}, headers)

    def _read_body(self) -> bytes:
        declared = str(self.headers.get("Content-Length") or "0")
        if not re.fullmatch(r"[0-9]{1,12}", declared):
            self.close_connection = True
            raise error(400, "invalid", "Content-Length is not a number")
        length = int(declared)
        if length > MAX_BODY:
            self.close_connection = True
            raise error(413, "too_large", "body over the limit")
        return self.rfile.read(length) if length else b""

    def _send(self, reply: Reply, method: str) -> None:
        if isinstance(reply.body, bytes):
            payload = reply.body
        elif reply.body is None:
            payload = b""
        else:
            payload = json.dumps(reply.body, ensure_ascii=False).encode("utf-8")
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if (payload or reply.status not in (204, 304)) and "Content-Type" not in reply.headers:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if method != "HEAD" and reply.status != 304:
            self.wfile.write(payload)

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    # --- authentication -----------------------------------------------------------------
    def _authenticate(self, method: str, target: str, body: bytes) -> sqlite3.Row:
        store = self.server.store
        headers = self._signing_headers()
        if header_problem(headers):
            raise error(401, "bad_signature", header_problem(headers))
        terminal = store.terminal(headers["X-Terminal-Id"])
        if terminal is None:
            raise error(401, "unknown_terminal")
        if not verify_headers(key=bytes(terminal["secret"]), method=method,
                              path_and_query=target, body=body, headers=headers):
            raise error(401, "bad_signature")
        self._check_time_and_nonce(headers)
        if terminal["disabled"]:
            raise error(403, "terminal_disabled")
        return terminal

    def _signing_headers(self) -> dict[str, str]:
        return {k: str(self.headers.get(k, "")) for k in SIGNED_HEADERS}

    def _check_time_and_nonce(self, headers: dict[str, str]) -> None:
        now = self.server.now()
        if not re.fullmatch(r"[0-9]{1,12}", headers["X-Timestamp"]):
            raise error(401, "bad_signature", "X-Timestamp is not unix seconds")
        stamp = int(headers["X-Timestamp"])
        if abs(stamp - now) > MAX_SKEW_S:
            raise error(401, "clock_skew", server_time=rfc3339(now))
        nonce = headers["X-Nonce"]
        if not re.fullmatch(r"[0-9a-f]{32}", nonce):
            raise error(401, "bad_signature", "X-Nonce must be 32 lowercase hex characters")
        with self.server.store.write() as conn:
            conn.execute("DELETE FROM nonces WHERE at < ?", (now - NONCE_KEEP_S,))
            try:
                conn.execute("INSERT INTO nonces (terminal_id, nonce, at) VALUES (?, ?, ?)",
                             (headers["X-Terminal-Id"], nonce, now))
            except sqlite3.IntegrityError:
                raise error(401, "replayed_nonce") from None

    # --- routing ------------------------------------------------------------------------
    def _route(self, method: str, path: str, target: str, body: bytes) -> Reply:
        if method == "POST" and path == "/v1/terminals/enroll":
            return self._enroll(target, body)
        for route_method, pattern, name in _ROUTES:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                terminal = self._authenticate(method, target, body)
                handler = getattr(self, name)
                result: Reply = handler(terminal, body, *match.groups())
                return result
        return error(404, "not_found", f"no route {method} {path}")

    def _enroll(self, target: str, body: bytes) -> Reply:
        store = self.server.store
        try:
            document = json.loads(body)
            terminal_id = str(document["terminal_id"])
            village_code = str(document["village_code"])
        except (ValueError, KeyError, TypeError):
            return error(400, "invalid", "terminal_id, village_code and enrollment_code needed")
        headers = self._signing_headers()
        if header_problem(headers):
            return error(401, "bad_signature", header_problem(headers))
        if not self._may_hand_out_secrets():
            return error(403, "insecure_transport",
                         "enrollment over plain http is refused except from this machine")
        terminal = store.terminal(terminal_id)
        code = terminal["enrollment_code"] if terminal is not None else None
        if (terminal is None or not code or terminal["code_used"]
                or terminal["village_code"] != village_code
                or headers["X-Terminal-Id"] != terminal_id
                or document.get("enrollment_code") != code
                or not verify_headers(key=code.encode("utf-8"), method="POST",
                                      path_and_query=target, body=body, headers=headers)):
            return error(403, "enrollment_code_invalid")
        self._check_time_and_nonce(headers)
        with store.write() as conn:
            conn.execute("UPDATE terminals SET code_used = 1 WHERE terminal_id = ?",
                         (terminal_id,))
        return Reply(200, {
            "terminal_secret": bytes(terminal["secret"]).hex(),
            "lookup_key": bytes(terminal["lookup_key"]).hex(),
            "publisher_keys": json.loads(store.meta("publisher_keys", "[]") or "[]"),
            "village": json.loads(store.meta("village", "{}") or "{}"),
            **self._key_list(),
        })

    def _may_hand_out_secrets(self) -> bool:
        """The emulator speaks plain http: it hands out a terminal secret only to a client on
        this machine, the same rule the terminal keeps (https, or loopback)."""
        return is_loopback_host(str(self.client_address[0]))

    # --- push ---------------------------------------------------------------------------
    def put_application(self, terminal: sqlite3.Row, body: bytes, application_id: str) -> Reply:
        store = self.server.store
        if self.headers.get("Idempotency-Key") != application_id:
            return error(400, "invalid", "Idempotency-Key must equal the application id")
        with store.write() as conn:
            row = conn.execute("SELECT body, response FROM applications WHERE application_id = ?",
                               (application_id,)).fetchone()
            if row is not None:
                if bytes(row[0]) == body:
                    return Reply(200, bytes(row[1]))
                return error(409, "conflict", "this id arrived before with another body")
            document = parse_object(body)
            fields = application_problems(document, application_id, terminal)
            if fields:
                return error(422, "invalid", "the application was rejected", fields=fields)
            missing = []
            for attachment in document["attachments"]:
                sha = str(attachment["sha256"])
                if conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone() is None:
                    missing.append(sha)
            if missing:
                return error(412, "missing_blobs", missing=missing)
            self.server.case_counter += 1
            count = conn.execute("SELECT count(*) FROM applications").fetchone()[0]
            case_no = f"ZJ{time.strftime('%Y%m%d', time.gmtime(self.server.now()))}{count + 1:06d}"
            received_at = rfc3339(self.server.now())
            response = json.dumps({"application_id": application_id, "case_no": case_no,
                                   "status": "received", "received_at": received_at},
                                  ensure_ascii=False).encode("utf-8")
            history = [{"at": received_at, "status": "received", "note": "已受理申报"}]
            conn.execute(
                "INSERT INTO applications (application_id, terminal_id, body, response, case_no,"
                " status, received_at, history) VALUES (?, ?, ?, ?, ?, 'received', ?, ?)",
                (application_id, terminal["terminal_id"], body, response, case_no, received_at,
                 json.dumps(history, ensure_ascii=False)))
            publish_status(self.server, conn, application_id)
        return Reply(201, response)

    def put_action(self, terminal: sqlite3.Row, body: bytes, application_id: str,
                   action_id: str) -> Reply:
        return record_action(self.server, body, application_id, action_id)

    def put_blob(self, terminal: sqlite3.Row, body: bytes, sha: str) -> Reply:
        if len(body) > MAX_BLOB:
            return error(413, "too_large", "blobs are at most 10 MiB")
        if sha256_hex(body) != sha:
            return error(400, "hash_mismatch")
        with self.server.store.write() as conn:
            cursor = conn.execute("INSERT OR IGNORE INTO blobs (sha256, media_type, data)"
                                  " VALUES (?, ?, ?)",
                                  (sha, self.headers.get("Content-Type", ""), body))
        return Reply(201 if cursor.rowcount else 200, {"sha256": sha})

    def head_blob(self, terminal: sqlite3.Row, body: bytes, sha: str) -> Reply:
        row = self.server.store.conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?",
                                             (sha,)).fetchone()
        return Reply(200 if row else 404)

    def post_events(self, terminal: sqlite3.Row, body: bytes, terminal_id: str) -> Reply:
        if terminal_id != terminal["terminal_id"]:
            return error(403, "terminal_disabled", "events of another terminal")
        document = parse_object(body)
        events = document.get("events")
        if not isinstance(events, list) or not all(
                isinstance(e, dict) and isinstance(e.get("seq"), int)
                and isinstance(e.get("hash"), str) for e in events):
            return error(422, "invalid", "events must be a list of {seq, hash, ...}",
                         fields={"events": "invalid"})
        with self.server.store.write() as conn:
            for event in events:
                row = conn.execute("SELECT hash FROM events WHERE terminal_id = ? AND seq = ?",
                                   (terminal_id, event["seq"])).fetchone()
                if row is not None and row[0] != event["hash"]:
                    return error(409, "chain_mismatch", seq=event["seq"])
            conn.executemany(
                "INSERT OR IGNORE INTO events (terminal_id, seq, hash, body) VALUES (?, ?, ?, ?)",
                [(terminal_id, e["seq"], e["hash"], json.dumps(e, ensure_ascii=False))
                 for e in events])
        through = max((int(e["seq"]) for e in events), default=0)
        return Reply(200, {"acknowledged_through": through})

    def post_heartbeat(self, terminal: sqlite3.Row, body: bytes, terminal_id: str) -> Reply:
        document = parse_object(body)
        with self.server.store.write() as conn:
            conn.execute("INSERT OR REPLACE INTO heartbeats (terminal_id, body, at)"
                         " VALUES (?, ?, ?)", (terminal_id, json.dumps(document),
                                               rfc3339(self.server.now())))
            rows = conn.execute("SELECT id, body FROM commands WHERE terminal_id = ?"
                                " AND delivered = 0 ORDER BY id", (terminal_id,)).fetchall()
            conn.executemany("UPDATE commands SET delivered = 1 WHERE id = ?",
                             [(r[0],) for r in rows])
        return Reply(200, {"server_time": rfc3339(self.server.now()),
                           "commands": [json.loads(r[1]) for r in rows],
                           **self._key_list()})

    def _key_list(self) -> dict[str, Any]:
        """The signed publisher key list, when the province has one (an addition to the
        contract, docs/sync.md "Publisher key rotation"): sent with enrollment and heartbeats."""
        signed = json.loads(self.server.store.meta("publisher_key_list", "null") or "null")
        return {"publisher_key_list": signed} if signed else {}

    def put_evaluation(self, terminal: sqlite3.Row, body: bytes, evaluation_id: str) -> Reply:
        from sync.emulator import voice

        return voice.put_evaluation(self.server, self.headers.get("Idempotency-Key"), terminal,
                                    body, evaluation_id)

    def put_feedback(self, terminal: sqlite3.Row, body: bytes, feedback_id: str) -> Reply:
        from sync.emulator import voice

        return voice.put_feedback(self.server, self.headers.get("Idempotency-Key"), terminal,
                                  body, feedback_id)

    # --- pull ---------------------------------------------------------------------------
    def get_changes(self, terminal: sqlite3.Row, body: bytes, dataset: str) -> Reply:
        store = self.server.store
        if dataset not in DATASETS:
            return error(404, "unknown_dataset")
        query = parse_qs(urlsplit(self.path).query)
        since_text = query.get("since", ["0"])[0]
        epoch = store.epoch(dataset)
        try:
            limit = max(1, min(1000, int(query.get("limit", ["1000"])[0])))
            if since_text == "0":
                since = 0
            else:
                cursor_epoch, _, seq_text = since_text.partition("-")
                since = int(seq_text)
                if int(cursor_epoch) != epoch:
                    raise ValueError("an older epoch")
        except ValueError:
            return error(410, "cursor_expired", "start again from 0")
        if since < 0 or since > store.max_seq(dataset):
            return error(410, "cursor_expired", "start again from 0")
        rows, has_more, total = store.page(dataset, terminal["terminal_id"], since, limit)
        next_cursor = rows[-1][0] if rows else since
        items = [self._maybe_tamper(key, item) if dataset == "disclosures" and op == "upsert"
                 else item for _, key, op, item in rows]
        more = b"true" if has_more else b"false"
        return Reply(200, b"".join((
            f'{{"dataset":"{dataset}","items":['.encode(), b",".join(items),
            f'],"next_cursor":"{epoch}-{next_cursor}","has_more":'.encode(), more,
            f',"total":{total}}}'.encode())))

    def _maybe_tamper(self, key: str, item: bytes) -> bytes:
        faults = self.server.faults
        if key in faults.tamper_ids or faults.roll(faults.tamper_rate):
            change = json.loads(item)
            change["data"]["title"] = str(change["data"].get("title", "")) + "（已改）"
            return json.dumps(change, ensure_ascii=False).encode("utf-8")
        return item

    def get_file(self, terminal: sqlite3.Row, body: bytes, sha: str) -> Reply:
        etag = f'"{sha}"'
        row = self.server.store.conn.execute("SELECT media_type, data FROM files"
                                             " WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            return error(404, "not_found")
        if self.headers.get("If-None-Match") == etag:
            return Reply(304, None, {"ETag": etag})
        return Reply(200, bytes(row[1]), {"ETag": etag,
                                          "Content-Type": row[0] or "application/octet-stream"})

    # --- control panel (not part of the contract) ----------------------------------------
    def _control(self, method: str, path: str, body: bytes) -> None:
        from sync.emulator.control import control

        raise control(self.server, method, path, body)

"""The emulator's own database: terminals, nonces, received items and the dataset change log.

Datasets are kept as a compacted change log: one row per (dataset, scope, key) holding its latest
change, with a sequence number that is the cursor. A delete leaves a tombstone row. Expiring
cursors purges tombstones and starts a new epoch: any older cursor then gets `410`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

DATASETS = ("services", "disclosures", "subsidies", "application_status", "feedback_replies",
            "subsidy_policies")
KEY_FIELD = {"services": "id", "disclosures": "id", "subsidies": "payment_id",
             "application_status": "application_id", "feedback_replies": "feedback_id",
             "subsidy_policies": "item_code"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, village_code TEXT NOT NULL, secret BLOB NOT NULL,
    lookup_key BLOB NOT NULL, enrollment_code TEXT, code_used INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS nonces (
    terminal_id TEXT NOT NULL, nonce TEXT NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (terminal_id, nonce)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS applications (
    application_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, body BLOB NOT NULL,
    response BLOB NOT NULL, case_no TEXT NOT NULL, status TEXT NOT NULL, received_at TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS actions (
    application_id TEXT NOT NULL, action_id TEXT NOT NULL, body BLOB NOT NULL,
    response BLOB NOT NULL, PRIMARY KEY (application_id, action_id));
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, media_type TEXT, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (sha256 TEXT PRIMARY KEY, media_type TEXT, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (terminal_id, seq));
CREATE TABLE IF NOT EXISTS heartbeats (terminal_id TEXT PRIMARY KEY, body TEXT, at TEXT);
CREATE TABLE IF NOT EXISTS commands (
    id INTEGER PRIMARY KEY, terminal_id TEXT NOT NULL, body TEXT NOT NULL,
    delivered INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, dataset TEXT NOT NULL, scope TEXT NOT NULL,
    key TEXT NOT NULL, op TEXT NOT NULL, data TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS changes_by_key ON changes (dataset, scope, key);
CREATE INDEX IF NOT EXISTS changes_by_seq ON changes (dataset, seq);
CREATE TABLE IF NOT EXISTS live_counts (
    dataset TEXT NOT NULL, scope TEXT NOT NULL, live INTEGER NOT NULL,
    PRIMARY KEY (dataset, scope));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS evaluations (
    evaluation_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, application_id TEXT,
    body BLOB NOT NULL, response BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS evaluations_per_application ON evaluations (application_id)
    WHERE application_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS feedback (
    feedback_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, ticket TEXT NOT NULL,
    body BLOB NOT NULL, response BLOB NOT NULL, received_at TEXT NOT NULL);
"""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class EmulatorStore:
    """One SQLite file; a connection per thread, writes serialized by one lock."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self.write_lock = threading.RLock()
        conn = self.conn
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(SCHEMA)

    @property
    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self.write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # --- meta ---------------------------------------------------------------------------
    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_meta(self, conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # --- terminals ----------------------------------------------------------------------
    def add_terminal(self, terminal_id: str, village_code: str, secret: bytes, lookup_key: bytes,
                     enrollment_code: str | None) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO terminals (terminal_id, village_code, secret, lookup_key,"
                " enrollment_code) VALUES (?, ?, ?, ?, ?)",
                (terminal_id, village_code, secret, lookup_key, enrollment_code))

    def terminal(self, terminal_id: str) -> sqlite3.Row | None:
        conn = self.conn
        conn.row_factory = sqlite3.Row
        try:
            row: sqlite3.Row | None = conn.execute(
                "SELECT * FROM terminals WHERE terminal_id = ?", (terminal_id,)).fetchone()
        finally:
            conn.row_factory = None
        return row

    # --- datasets -----------------------------------------------------------------------
    def put_changes(self, dataset: str, items: Iterable[Mapping[str, Any]] = (),
                    deletes: Iterable[str] = (), scope: str = "",
                    conn: sqlite3.Connection | None = None) -> None:
        """Upsert whole items and delete keys, each getting a new sequence number."""
        if conn is None:
            with self.write() as own:
                self.put_changes(dataset, items, deletes, scope, own)
            return
        key_field = KEY_FIELD[dataset]
        delta = 0
        for item in items:
            delta += self._change(conn, dataset, scope, str(item[key_field]), "upsert",
                                  _json(item))
        for key in deletes:
            delta += self._change(conn, dataset, scope, str(key), "delete", None)
        conn.execute(
            "INSERT INTO live_counts (dataset, scope, live) VALUES (?, ?, ?) ON CONFLICT"
            " (dataset, scope) DO UPDATE SET live = live + excluded.live", (dataset, scope, delta))

    @staticmethod
    def _change(conn: sqlite3.Connection, dataset: str, scope: str, key: str, op: str,
                data: str | None) -> int:
        row = conn.execute("SELECT op FROM changes WHERE dataset = ? AND scope = ? AND key = ?",
                           (dataset, scope, key)).fetchone()
        was_live = row is not None and row[0] == "upsert"
        if row is None and op == "delete":
            return 0
        conn.execute("DELETE FROM changes WHERE dataset = ? AND scope = ? AND key = ?",
                     (dataset, scope, key))
        conn.execute("INSERT INTO changes (dataset, scope, key, op, data) VALUES (?, ?, ?, ?, ?)",
                     (dataset, scope, key, op, data))
        return (op == "upsert") - was_live

    def bulk_load(self, dataset: str, rows: Iterable[tuple[str, str]], scope: str = "") -> int:
        """Fast seeding of many new items: (key, data JSON text) pairs, keys not present yet."""
        count = 0

        def numbered() -> Iterator[tuple[str, str, str, str]]:
            nonlocal count
            for key, data in rows:
                count += 1
                yield dataset, scope, key, data

        with self.write() as conn:
            conn.executemany("INSERT INTO changes (dataset, scope, key, op, data)"
                             " VALUES (?, ?, ?, 'upsert', ?)", numbered())
            conn.execute(
                "INSERT INTO live_counts (dataset, scope, live) VALUES (?, ?, ?) ON CONFLICT"
                " (dataset, scope) DO UPDATE SET live = live + excluded.live",
                (dataset, scope, count))
        return count

    def epoch(self, dataset: str) -> int:
        """Cursors are `<epoch>-<seq>`; expiring a dataset's cursors starts a new epoch."""
        return int(self.meta(f"epoch:{dataset}", "1") or 1)

    def expire_cursors(self, dataset: str | None = None) -> None:
        """Forget tombstones; every cursor handed out so far now answers `410`."""
        with self.write() as conn:
            for name in [dataset] if dataset else list(DATASETS):
                conn.execute("DELETE FROM changes WHERE dataset = ? AND op = 'delete'", (name,))
                self.set_meta(conn, f"epoch:{name}", str(self.epoch(name) + 1))

    def page(self, dataset: str, terminal_id: str, since: int, limit: int
             ) -> tuple[list[tuple[int, str, str, bytes]], bool, int]:
        """Changes after `since` in the terminal's scope, has_more, and the live total.

        Each change comes as `(seq, key, op, item)`, the item already the page's JSON object
        `{"key", "op", "data"}` in UTF-8, built by SQLite: building it here in Python was half
        the emulator's time per page, and the emulator shares the benchmark's machine.
        """
        conn = self.conn
        conn.execute("BEGIN")
        try:
            rows = conn.execute(
                "SELECT seq, key, op, CAST('{\"key\":' || json_quote(key) || ',\"op\":'"
                " || json_quote(op) || ',\"data\":' || coalesce(data, 'null') || '}' AS BLOB)"
                " FROM changes WHERE dataset = ? AND seq > ? AND scope IN ('', ?)"
                " ORDER BY seq LIMIT ?",
                (dataset, since, terminal_id, limit + 1)).fetchall()
            total = conn.execute(
                "SELECT coalesce(sum(live), 0) FROM live_counts WHERE dataset = ?"
                " AND scope IN ('', ?)", (dataset, terminal_id)).fetchone()[0]
        finally:
            conn.execute("COMMIT")
        return rows[:limit], len(rows) > limit, int(total)

    def max_seq(self, dataset: str) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM changes"
                                     " WHERE dataset = ?", (dataset,)).fetchone()[0])

    def live_items(self, dataset: str, scope: str = "") -> dict[str, Any]:
        rows = self.conn.execute(
            "SELECT key, data FROM changes WHERE dataset = ? AND op = 'upsert'"
            " AND scope IN ('', ?)", (dataset, scope)).fetchall()
        return {str(k): json.loads(d) for k, d in rows}

    # --- seeding from `kiosk demo --export DIR` -------------------------------------------
    def load_seed(self, folder: Path) -> None:
        provisioning = json.loads((folder / "provisioning.json").read_text(encoding="utf-8"))
        self.add_terminal(provisioning["terminal_id"], provisioning["village_code"],
                          bytes.fromhex(provisioning["terminal_secret"]),
                          bytes.fromhex(provisioning["lookup_key"]),
                          provisioning.get("enrollment_code"))
        with self.write() as conn:
            self.set_meta(conn, "publisher_keys", _json(provisioning.get("publisher_keys", [])))
            self.set_meta(conn, "village", _json(provisioning.get("village", {})))
            if provisioning.get("publisher_key_list"):
                self.set_meta(conn, "publisher_key_list",
                              _json(provisioning["publisher_key_list"]))
        for dataset in ("services", "disclosures", "subsidies", "subsidy_policies"):
            source = folder / f"{dataset}.jsonl"
            if not source.exists():
                continue
            with source.open(encoding="utf-8") as lines:
                items = [json.loads(line) for line in lines if line.strip()]
            with self.write() as conn:
                self.put_changes(dataset, items, conn=conn)
        files = folder / "files"
        if files.is_dir():
            for path in files.iterdir():
                self.put_file(path.read_bytes(), "application/octet-stream")

    def put_file(self, data: bytes, media_type: str) -> str:
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
        with self.write() as conn:
            conn.execute("INSERT OR IGNORE INTO files (sha256, media_type, data) VALUES (?, ?, ?)",
                         (sha, media_type, data))
        return sha

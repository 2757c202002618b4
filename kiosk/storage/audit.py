"""SQL of the hash-chained audit log (`audit_log`, migration 0002; `audit_head`, 0006).

Each record holds the hash of the one before it (`prev_hash`) and its own `hash`: SHA-256 over
the canonical JSON of the record without `hash` (keys sorted, separators `,` `:`, UTF-8), the
same rule as `kiosk.storage.applications.event_hash`, so events appended by a submission and by
a clerk form one chain. `verify_chain` reads the rows with plain SQL and names the first bad
seq: an edited record (hash mismatch), a deleted one (a gap, or a head beyond the last row) and
a reordered one (its seq no longer matches what was hashed) are all caught.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.storage.database import Database

GENESIS_HASH = "0" * 64


def event_hash(event: Mapping[str, Any]) -> str:
    body = {key: value for key, value in event.items() if key != "hash"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(db: Database, *, at: str, actor: str, action: str, subject: str,
           details: Mapping[str, Any]) -> dict[str, Any]:
    """Append one record after the current last one; no commit (caller's transaction)."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq = int(last[0]) + 1 if last else 1
    event: dict[str, Any] = {"seq": seq, "at": at, "actor": actor, "action": action,
                             "subject": subject, "details": dict(details),
                             "prev_hash": str(last[1]) if last else GENESIS_HASH}
    event["hash"] = event_hash(event)
    db.execute(
        "INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, subject, json.dumps(event["details"], ensure_ascii=False),
         event["prev_hash"], event["hash"]))
    return event


def _event(row: tuple[Any, ...]) -> dict[str, Any]:
    try:
        details = json.loads(row[5])
    except (TypeError, ValueError):
        details = row[5]  # an edited, unparsable record: kept as text so verify can name it
    return {"seq": row[0], "at": row[1], "actor": row[2], "action": row[3], "subject": row[4],
            "details": details, "prev_hash": row[6], "hash": row[7]}


_SELECT = "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit_log"


def iter_events(db: Database) -> Iterator[dict[str, Any]]:
    """Every record in seq order (the storage order, whatever the rowids say)."""
    for row in db.execute(_SELECT + " ORDER BY seq"):
        yield _event(row)


def events(db: Database, *, subject: str | None = None, actor: str | None = None,
           limit: int = 200) -> list[dict[str, Any]]:
    sql, params = _SELECT, []
    where = []
    if subject is not None:
        where.append("subject = ?")
        params.append(subject)
    if actor is not None:
        where.append("actor = ?")
        params.append(actor)
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = db.execute(sql + " ORDER BY seq DESC LIMIT ?", (*params, limit)).fetchall()
    return [_event(row) for row in reversed(rows)]


def head(db: Database) -> tuple[int, str] | None:
    row = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    records: int
    first_bad_seq: int | None
    problem: str

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "records": self.records, "first_bad_seq": self.first_bad_seq,
                "problem": self.problem}


def verify_chain(db: Database) -> ChainReport:
    """Walk the chain from seq 1; the first record that breaks it is named."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    records = 0
    for event in iter_events(db):
        records += 1
        seq = event["seq"]
        if not isinstance(seq, int) or seq != expected_seq:
            return ChainReport(False, records, expected_seq,
                               f"record {expected_seq} is missing (next stored is {seq})")
        if event["prev_hash"] != prev_hash:
            return ChainReport(False, records, seq,
                               f"record {seq} does not follow record {seq - 1} (prev_hash differs)")
        if event_hash(event) != event["hash"]:
            return ChainReport(False, records, seq,
                               f"record {seq} was changed after it was written (hash differs)")
        prev_hash = str(event["hash"])
        expected_seq += 1
    stored_head = head(db)
    if stored_head is not None:
        head_seq, head_hash = stored_head
        if head_seq >= expected_seq:
            return ChainReport(False, records, expected_seq,
                               f"records {expected_seq}..{head_seq} were deleted")
        if head_seq == expected_seq - 1 and head_hash != prev_hash:
            return ChainReport(False, records, head_seq,
                               f"record {head_seq} differs from the one first written")
    return ChainReport(True, records, None, "")

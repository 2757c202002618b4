"""Heartbeat (contract section 6) and enrollment (section 8).

The heartbeat tells the province how the terminal is (outbox depth, dataset ages, printer,
card reader, disk) and brings back commands; the only one so far, `full_resync`, starts a
shadow rebuild of one dataset that the next pull completes.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync import outbox
from sync.client import Answer, ProvinceClient
from sync.pull import DATASETS, DatasetSink
from sync.signing import Clock, parse_rfc3339
from sync.transport import transport_problem

_STARTED = time.monotonic()


class EnrollmentError(Exception):
    """Enrollment failed; the message says why (code refused, network, server)."""


@dataclass(frozen=True)
class Enrollment:
    terminal_secret: bytes
    lookup_key: bytes
    publisher_keys: dict[str, bytes]
    village: dict[str, str]
    key_list: dict[str, Any] | None = None  # signed publisher key list (an addition)


@dataclass
class HeartbeatResult:
    answer: Answer
    commands: list[dict[str, Any]] = field(default_factory=list)
    resync: list[str] = field(default_factory=list)
    key_list: dict[str, Any] | None = None  # signed publisher key list, when the answer has one


def health_body(conn: sqlite3.Connection, sink: DatasetSink, *, app_version: str, now: float,
                datasets: Sequence[str] = DATASETS,
                printer: Mapping[str, Any] | None = None,
                card_reader: Mapping[str, Any] | None = None,
                data_dir: Path | None = None) -> dict[str, Any]:
    stats = outbox.stats(conn)
    states: dict[str, Any] = {}
    for name in datasets:
        state = sink.state(name)
        states[name] = {"cursor": state.cursor, "synced_at": getattr(state, "synced_at", None)}
    disk_free_mb = None
    if data_dir is not None:
        try:
            disk_free_mb = shutil.disk_usage(data_dir).free // (1024 * 1024)
        except OSError:
            disk_free_mb = None
    return {
        "app_version": app_version,
        "outbox_pending": stats.pending + stats.sending,
        "oldest_pending_age_s": stats.oldest_pending_age_s(now),
        "quarantined": stats.quarantined,
        "datasets": states,
        "printer": dict(printer or {"state": "unknown", "reasons": []}),
        "card_reader": dict(card_reader or {"state": "unknown"}),
        "disk_free_mb": disk_free_mb,
        "uptime_s": int(time.monotonic() - _STARTED),
    }


def heartbeat(client: ProvinceClient, sink: DatasetSink, body: Mapping[str, Any]
              ) -> HeartbeatResult:
    """Send the heartbeat; a `full_resync` command begins that dataset's rebuild."""
    answer = client.request("POST", f"/v1/terminals/{client.terminal_id}/heartbeat",
                            body=json.dumps(body, ensure_ascii=False).encode("utf-8"))
    result = HeartbeatResult(answer)
    if not answer.ok:
        return result
    try:
        document = answer.json()
        client.clock.learn(parse_rfc3339(str(document["server_time"])))
        result.commands = [c for c in document.get("commands", []) if isinstance(c, dict)]
        key_list = document.get("publisher_key_list")
        result.key_list = key_list if isinstance(key_list, dict) else None
    except (KeyError, TypeError, ValueError, AttributeError):
        return result
    for command in result.commands:
        dataset = command.get("dataset")
        if command.get("command") == "full_resync" and dataset in DATASETS:
            sink.begin_rebuild(str(dataset))
            result.resync.append(str(dataset))
    return result


def enroll(base_url: str, terminal_id: str, village_code: str, code: str, *,
           clock: Clock | None = None, timeout_s: float = 15.0) -> Enrollment:
    """Trade the one-time enrollment code for the terminal's secrets."""
    body = json.dumps({"terminal_id": terminal_id, "village_code": village_code,
                       "enrollment_code": code}, ensure_ascii=False).encode("utf-8")
    problem = transport_problem(base_url)
    if problem:
        raise EnrollmentError(f"{problem}. 注册会收到终端密钥，不能明文传输 / enrollment receives "
                              "the terminal secret and is never done in clear")
    with ProvinceClient(base_url, terminal_id, code.encode("utf-8"), clock=clock,
                        timeout_s=timeout_s) as client:
        answer = client.request("POST", "/v1/terminals/enroll", body=body)
    if answer.status == 403:
        raise EnrollmentError("注册码无效 / the enrollment code was refused (wrong, used, or for "
                              "another terminal or village)")
    if not answer.ok:
        raise EnrollmentError(f"注册失败 / enrollment failed: {answer.reason}")
    try:
        import base64

        document = answer.json()
        return Enrollment(
            terminal_secret=bytes.fromhex(document["terminal_secret"]),
            lookup_key=bytes.fromhex(document["lookup_key"]),
            publisher_keys={str(k["key_id"]): base64.b64decode(k["public_key"])
                            for k in document["publisher_keys"]},
            village={str(k): str(v) for k, v in document.get("village", {}).items()},
            key_list=document.get("publisher_key_list") if isinstance(
                document.get("publisher_key_list"), dict) else None,
        )
    except (KeyError, TypeError, ValueError) as problem:
        raise EnrollmentError(f"注册应答有误 / the province's answer is malformed: {problem}"
                              ) from None

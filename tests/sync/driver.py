"""A sync process the crash tests kill with SIGKILL at an exact stage.

    python -m tests.sync.driver push DB URL [--kill-at STAGE] [--nth N] [--delay S]
    python -m tests.sync.driver pull DB URL [--kill-in-page N]
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.storage.database import open_database
from kiosk.storage.datasets import DatasetStore, SubsidyApplier, default_appliers
from sync.client import ProvinceClient
from sync.outbox import OutboxItem
from sync.pull import pull
from sync.push import push
from tests.sync.support import SECRET, TERMINAL_ID


def die(delay: float = 0.0) -> None:
    if delay:
        threading.Timer(delay, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
    else:
        os.kill(os.getpid(), signal.SIGKILL)


class DyingSubsidies(SubsidyApplier):
    """Applies half of the n-th page, then the process dies inside the transaction."""

    def __init__(self, nth: int):
        super().__init__()
        self.calls = 0
        self.nth = nth

    def upsert(self, conn: sqlite3.Connection, items: Sequence[Mapping[str, Any]]) -> None:
        self.calls += 1
        if self.calls == self.nth:
            super().upsert(conn, items[: len(items) // 2])
            die()
        super().upsert(conn, items)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["push", "pull"])
    parser.add_argument("db", type=Path)
    parser.add_argument("url")
    parser.add_argument("--kill-at")
    parser.add_argument("--nth", type=int, default=1)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--kill-in-page", type=int, default=0)
    args = parser.parse_args()
    db = open_database(args.db)
    with ProvinceClient(args.url, TERMINAL_ID, SECRET, timeout_s=10) as client:
        if args.mode == "push":
            seen = {"count": 0}

            def stage(name: str, item: OutboxItem) -> None:
                if name == args.kill_at:
                    seen["count"] += 1
                    if seen["count"] == args.nth:
                        die(args.delay)
                        if args.delay:
                            time.sleep(0)  # let the request go out; the timer kills us

            for _ in range(10):
                report = push(db.conn, client, ignore_backoff=True, on_stage=stage)
                if not any(o.result == "retry" for o in report.outcomes):
                    break
        else:
            appliers = default_appliers()
            if args.kill_in_page:
                appliers["subsidies"] = DyingSubsidies(args.kill_in_page)
            pull(client, DatasetStore(db, appliers), db.conn, datasets=["subsidies"], limit=10)
    db.close()


if __name__ == "__main__":
    main()

"""Sync benchmarks, each against a floor measured in the same run on the same emulator.

push: records/s through the whole sender (outbox claim, signed PUT, mark sent) against raw
      `requests.Session` PUTs of the same bodies, signed the same way (goal: >= 0.5x).
pull: N subsidy payments pulled page by page into the kiosk database against a raw
      `executemany` of the same rows into the same tables (goal: <= 2x), the two in turns and
      compared by their medians. A timer probe thread
      records the longest stall a UI thread would see while the pull runs (goal: <= 50 ms).

    .venv/bin/python bench/bench_sync.py [--apps 500] [--payments 20000] [--million] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from kiosk.collector import tune_collector
from kiosk.storage.database import open_database, transaction
from kiosk.storage.datasets import SUBSIDY_COLUMNS, DatasetStore
from sync import outbox
from sync.client import ProvinceClient
from sync.emulator.store import EmulatorStore
from sync.pull import pull
from sync.push import push
from sync.signing import signed_headers
from tests.sync.support import SECRET, TERMINAL_ID, application, start_emulator, subsidy, write_seed


class Probe:
    """A 'UI thread' that wakes every 5 ms and records how late it was woken."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            time.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - start - 0.005)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_push(folder: Path, count: int) -> dict[str, float]:
    emulator = start_emulator(folder / "push-province", seed=write_seed(folder / "seed"))
    try:
        bodies = [application(i) for i in range(count)]
        raw_bodies = [application(i) for i in range(count)]
        session = requests.Session()
        start = time.perf_counter()
        for app_id, body in raw_bodies:
            path = f"/v1/applications/{app_id}"
            headers = signed_headers(key=SECRET, terminal_id=TERMINAL_ID, method="PUT",
                                     path_and_query=path, body=body, timestamp=int(time.time()))
            headers.update({"Idempotency-Key": app_id, "Content-Type": "application/json"})
            response = session.put(emulator.url + path, data=body, headers=headers, timeout=10)
            assert response.status_code == 201, response.text
        raw = count / (time.perf_counter() - start)
        session.close()
        db = open_database(folder / "push-terminal" / "kiosk.sqlite3")
        with transaction(db):
            for app_id, body in bodies:
                outbox.enqueue(db.conn, "application", app_id, body)
        with ProvinceClient(emulator.url, TERMINAL_ID, SECRET) as client:
            start = time.perf_counter()
            report = push(db.conn, client)
            engine = count / (time.perf_counter() - start)
        assert report.sent == count
        db.close()
    finally:
        emulator.stop()
    return {"raw_per_s": raw, "engine_per_s": engine, "ratio": engine / raw}


def floor_insert(folder: Path, count: int) -> float:
    """Seconds for a raw `executemany` of `count` payments and their keys, one transaction."""
    rows = [subsidy(i) for i in range(count)]
    floor_db = open_database(folder / "kiosk.sqlite3")
    start = time.perf_counter()
    with transaction(floor_db):
        floor_db.conn.executemany(
            f"INSERT INTO subsidy_payments ({', '.join(SUBSIDY_COLUMNS)}) VALUES "
            f"({', '.join('?' for _ in SUBSIDY_COLUMNS)})",
            (tuple(r[c] for c in SUBSIDY_COLUMNS) for r in rows))
        floor_db.conn.executemany(
            "INSERT INTO subsidy_holder_keys (holder_key, payment_id) VALUES (?, ?)",
            ((k, r["payment_id"]) for r in rows for k in r["holder_keys"]))
    took = time.perf_counter() - start
    floor_db.close()
    return took


def timed_pull(folder: Path, url: str, count: int) -> tuple[float, float]:
    """Seconds for the whole pull into a new terminal database, and the probe's worst stall."""
    # The floor's rows are gone by now: a million live dicts would make every collection of
    # the cyclic GC walk them and stall the probe (the kiosk holds no such list).
    gc.collect()
    db = open_database(folder / "kiosk.sqlite3")
    with ProvinceClient(url, TERMINAL_ID, SECRET, timeout_s=60) as client, Probe() as probe:
        start = time.perf_counter()
        report = pull(client, DatasetStore(db), db.conn, datasets=["subsidies"])
        took = time.perf_counter() - start
    assert report.ok, report.as_json()
    assert DatasetStore(db).count("subsidies") == count
    db.close()
    return took, probe.worst


def bench_pull(folder: Path, count: int, rounds: int) -> dict[str, float]:
    """Floor and pull in turns, `rounds` times, each into a new database: this disk's write
    speed wanders by half from one minute to the next, so one pair of runs proves little.
    The medians are compared."""
    data = folder / "pull-province"
    store = EmulatorStore(data / "province.sqlite3")
    store.bulk_load("subsidies", ((r["payment_id"], json.dumps(r, ensure_ascii=False))
                                  for r in map(subsidy, range(count))))
    store.close()
    emulator = start_emulator(data, seed=write_seed(folder / "pull-seed", subsidies=0))
    floors: list[float] = []
    pulls: list[float] = []
    stalls: list[float] = []
    try:
        for turn in range(rounds):
            floors.append(floor_insert(folder / f"floor-{turn}", count))
            took, stall = timed_pull(folder / f"pull-{turn}", emulator.url, count)
            pulls.append(took)
            stalls.append(stall)
            print(f"  round {turn + 1}: executemany {floors[-1]:.2f} s, pull {took:.2f} s,"
                  f" ratio {took / floors[-1]:.2f}x", flush=True)
            shutil.rmtree(folder / f"floor-{turn}")
            shutil.rmtree(folder / f"pull-{turn}")
    finally:
        emulator.stop()
    floor, took = statistics.median(floors), statistics.median(pulls)
    return {"executemany_s": floor, "pull_s": took, "ratio": took / floor,
            "worst_stall_ms": max(stalls) * 1000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", type=int, default=500)
    parser.add_argument("--payments", type=int, default=20_000)
    parser.add_argument("--million", action="store_true", help="pull 1,000,000 payments")
    parser.add_argument("--rounds", type=int, default=3, help="floor and pull in turns")
    args = parser.parse_args()
    tune_collector()  # as `kiosk` sets it: the floor and the pull both run under it
    payments = 1_000_000 if args.million else args.payments
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        p = bench_push(folder, args.apps)
        print(f"push {args.apps} applications: engine {p['engine_per_s']:.0f}/s, raw requests "
              f"{p['raw_per_s']:.0f}/s, ratio {p['ratio']:.2f}x (goal >= 0.5x)")
        q = bench_pull(folder, payments, args.rounds)
        print(f"pull {payments} payments (medians of {args.rounds} rounds): {q['pull_s']:.2f} s,"
              f" raw executemany "
              f"{q['executemany_s']:.2f} s, ratio {q['ratio']:.2f}x (goal <= 2x; the pull includes"
              f" HTTP, JSON and the emulator serving on the same machine); worst probe stall "
              f"{q['worst_stall_ms']:.1f} ms (goal <= 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

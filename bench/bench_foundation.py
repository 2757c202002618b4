"""Foundation benchmarks, each against a floor measured in the same run:

- start-up to the first painted frame and peak memory of `kiosk run --demo --smoke` against a
  bare PySide6 window with the same page stack (bench/bare_window.py); goals: <= 1.5x, < 150 MB;
- building the demo village against raw `executemany` of the same rows into the same tables.

Usage: .venv/bin/python bench/bench_foundation.py [--runs N] [--scale village|county]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(first_frame_s printed by the child, its peak RSS in MB) for one run."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.stdout.close()
    if status != 0:
        raise SystemExit(f"{command} failed with status {status}")
    seconds = json.loads(output[output.index("{"):])["first_frame_s"]
    return float(seconds), usage.ru_maxrss / 1024


def startup(runs: int) -> list[tuple[str, float, float, float, str]]:
    data = tempfile.mkdtemp(prefix="bench-kiosk-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": data,
           "KIOSK_CONFIG": str(Path(data) / "none.toml")}
    subprocess.run([sys.executable, "-m", "kiosk", "demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    ours_cmd = [sys.executable, "-m", "kiosk", "run", "--demo", "--smoke", "--json"]
    bare_cmd = [sys.executable, str(REPO / "bench" / "bare_window.py")]
    ours, bare = [], []
    for _ in range(runs):  # interleaved, so drift in machine load hits both alike
        bare.append(run_measured(bare_cmd, env))
        ours.append(run_measured(ours_cmd, env))
    ours_s = statistics.median(r[0] for r in ours)
    bare_s = statistics.median(r[0] for r in bare)
    ours_mb = max(r[1] for r in ours)
    bare_mb = max(r[1] for r in bare)
    return [
        ("start-up to first frame (s)", ours_s, bare_s, ours_s / bare_s, "<= 1.5x"),
        ("peak memory (MB)", ours_mb, bare_mb, ours_mb / bare_mb, "< 150 MB"),
    ]


def demo_build(scale: str) -> list[tuple[str, float, float, float, str]]:
    from kiosk.demo.village import DemoVillage, build_demo
    from kiosk.storage.database import open_database
    from kiosk.storage.datasets import SUBSIDY_COLUMNS

    folder = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    village = DemoVillage.make(scale=scale)
    started = time.perf_counter()
    db = open_database(folder / "ours.sqlite3")
    build_demo(db, village)
    ours = time.perf_counter() - started
    db.close()

    # Floor: generate the same rows, then raw executemany into the same tables, one transaction.
    started = time.perf_counter()
    raw = open_database(folder / "raw.sqlite3")
    conn = raw.conn
    residents = village.residents()
    payments = list(village.payments(residents))
    disclosures = list(village.disclosures())
    conn.execute("BEGIN")
    conn.executemany(
        f"INSERT INTO subsidy_payments ({', '.join(SUBSIDY_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in SUBSIDY_COLUMNS)})",
        [tuple(p[c] for c in SUBSIDY_COLUMNS) for p in payments])
    conn.executemany("INSERT INTO subsidy_holder_keys VALUES (?, ?)",
                     [(k, p["payment_id"]) for p in payments for k in p["holder_keys"]])
    conn.executemany(
        "INSERT INTO disclosures (id, kind, category, title, period, published_at, publisher, "
        "data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(d["id"], d["kind"], d["category"], d["title"], d["period"], d["published_at"],
          d["publisher"], json.dumps(d, ensure_ascii=False)) for d in disclosures])
    conn.execute("COMMIT")
    floor = time.perf_counter() - started
    raw.close()
    return [(f"demo build, {scale} ({len(payments)} payments) (s)", ours, floor, ours / floor,
             "minutes, not hours")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", choices=("village", "county"), default="village")
    args = parser.parse_args()
    rows = startup(args.runs) + demo_build(args.scale)
    print(f"{'benchmark':<48} {'ours':>10} {'floor':>10} {'ratio':>7}  goal")
    for name, ours, floor, ratio, goal in rows:
        print(f"{name:<48} {ours:>10.3f} {floor:>10.3f} {ratio:>6.2f}x  {goal}")


if __name__ == "__main__":
    main()

"""Foundation benchmarks, each against a floor measured in the same run:

- start-up, wall time from exec to the first painted frame (bench/startup_timing.py), and peak
  memory of `kiosk run --demo --smoke` against a bare PySide6 window with the same page stack
  (bench/bare_window.py), interleaved; goals: <= 1.5x, < 150 MB;
- the frozen bundle's size (dist/kiosk, if built) against its goal of 200 MB;
- building the demo village against raw `executemany` of the same rows into the same tables.

Usage: .venv/bin/python bench/bench_foundation.py [--runs N] [--scale village|county]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


BUNDLE = REPO / "dist" / "kiosk"
BUNDLE_GOAL_MB = 200.0


def startup(runs: int) -> list[tuple[str, float, float, float, str]]:
    """Exec -> first frame, the kiosk against the bare window, interleaved (startup_timing)."""
    from startup_timing import interleaved, median

    data = tempfile.mkdtemp(prefix="bench-kiosk-")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_DATA_DIR": data,
           "KIOSK_CONFIG": str(Path(data) / "none.toml")}
    subprocess.run([sys.executable, "-m", "kiosk", "demo"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    commands = {"bare": [sys.executable, str(REPO / "bench" / "bare_window.py")],
                "ours": [sys.executable, "-m", "kiosk", "run", "--demo", "--smoke", "--json"]}
    results = interleaved(commands, env, runs)
    ours_s, bare_s = (median(results[n], "to_first_frame_s") for n in ("ours", "bare"))
    ours_p, bare_p = (median(results[n], "reported_s") for n in ("ours", "bare"))
    ours_mb = max(r.peak_rss_mb for r in results["ours"])
    bare_mb = max(r.peak_rss_mb for r in results["bare"])
    return [
        ("start-up, exec to first frame, wall (s)", ours_s, bare_s, ours_s / bare_s, "<= 1.5x"),
        ("  as the process reports it (s)", ours_p, bare_p, ours_p / bare_p, "(same)"),
        ("peak memory (MB)", ours_mb, bare_mb, ours_mb / bare_mb, "< 150 MB"),
    ]


def bundle_size() -> list[tuple[str, float, float, float, str]]:
    """The frozen bundle's size against the goal, if one is built (bench_frozen.py builds)."""
    if not (BUNDLE / "kiosk").exists():
        print(f"(no frozen bundle in {BUNDLE}: `python bench/bench_frozen.py --build` measures"
              " its size and start-up)")
        return []
    from bench_frozen import folder_bytes

    size = folder_bytes(BUNDLE) / 1e6
    return [("frozen bundle on disk (MB)", size, BUNDLE_GOAL_MB, size / BUNDLE_GOAL_MB,
             "<= 200 MB")]


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
    rows = startup(args.runs) + bundle_size() + demo_build(args.scale)
    print(f"{'benchmark':<48} {'ours':>10} {'floor':>10} {'ratio':>7}  goal")
    for name, ours, floor, ratio, goal in rows:
        print(f"{name:<48} {ours:>10.3f} {floor:>10.3f} {ratio:>6.2f}x  {goal}")


if __name__ == "__main__":
    main()

"""Run the benchmarks, one after another, each in its own process; every one prints its own
table of our time next to a floor measured in the same run and the ratio.

    .venv/bin/python bench/run.py                 # the quick set (a few minutes)
    .venv/bin/python bench/run.py --all           # also county-scale lookup and the frozen build
    .venv/bin/python bench/run.py foundation printing   # just these

The card benchmark needs pcscd with the virtual reader (scripts/services.sh starts it).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = [  # one a line: several branches add theirs
    "foundation",
    "forms",
    "expressions",
    "applications",
    "printing",
    "cards",
    "idcard",
    "sync",
    "ui_stall",
    "wipe",
    "auth",
    "privacy",
]
SLOW = ["lookup", "frozen"]  # county-scale demo (~2 minutes to build); a PyInstaller build


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"any of {', '.join(QUICK + SLOW)}")
    parser.add_argument("--all", action="store_true", help="include the slow benchmarks")
    args = parser.parse_args()
    names = args.names or (QUICK + SLOW if args.all else QUICK)
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    failed = []
    for name in names:
        script = HERE / f"bench_{name}.py"
        if not script.exists():
            print(f"no benchmark named {name!r}", file=sys.stderr)
            failed.append(name)
            continue
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], env=env, cwd=HERE.parent)
        print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

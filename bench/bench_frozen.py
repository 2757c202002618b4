"""Frozen kiosk against the unfrozen one: bundle size and start-up to the first painted frame.

    .venv/bin/python bench/bench_frozen.py [--bundle dist/kiosk] [--runs 7] [--build]

Floors measured in the same run: the unfrozen app (`python -m kiosk run --demo --smoke`, same
data folder, same machine) for start-up, and the installed size of the unfrozen app's runtime
(its own packages plus every third-party distribution it depends on, in site-packages) for size.
Prints a table of medians and the frozen/unfrozen ratios; writes bench/results/frozen.json.
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
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def runtime_bytes() -> int:
    """Bytes on disk of the unfrozen app's runtime: our packages and resources plus every
    distribution it requires, transitively (not the dev tools)."""
    seen: set[str] = set()
    todo = ["village-kiosk"]
    total = 0
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if name != "village-kiosk":
            for file in dist.files or []:
                path = Path(str(dist.locate_file(file)))
                if path.is_file():
                    total += path.stat().st_size
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue
            todo.append(requirement.split(";")[0].split("[")[0].split("<")[0].split(">")[0]
                        .split("=")[0].split("!")[0].split("~")[0].strip())
    for package in ("kiosk", "sync", "forms", "printing", "resources"):
        total += folder_bytes(REPO / package)
    return total


def first_frame(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds to first frame as the app reports it, wall seconds of the whole process)."""
    started = time.perf_counter()
    result = subprocess.run([*command, "run", "--demo", "--smoke", "--json"], env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    wall = time.perf_counter() - started
    return float(json.loads(result.stdout)["first_frame_s"]), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "kiosk")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    args = parser.parse_args()
    build_s = None
    if args.build or not (args.bundle / "kiosk").exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "installer" / "build.py"), "bundle",
                        "--dist", str(args.bundle.parent)], check=True)
        build_s = time.perf_counter() - started

    frozen = [str(args.bundle / "kiosk")]
    unfrozen = [sys.executable, "-m", "kiosk"]
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK")}
        env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(Path(scratch) / "data"),
                   KIOSK_CONFIG=str(Path(scratch) / "kiosk.toml"))
        first_frame(unfrozen, env)  # builds the demo village once; warms the disk cache
        first_frame(frozen, env)
        times: dict[str, list[tuple[float, float]]] = {"frozen": [], "unfrozen": []}
        for _ in range(args.runs):  # alternate, so drift hits both alike
            times["unfrozen"].append(first_frame(unfrozen, env))
            times["frozen"].append(first_frame(frozen, env))

    def median(name: str, index: int) -> float:
        return statistics.median(run[index] for run in times[name])

    bundle_mb = folder_bytes(args.bundle) / 1e6
    runtime_mb = runtime_bytes() / 1e6
    rows = [
        ("size on disk (MB)", bundle_mb, runtime_mb),
        ("first frame (s, median)", median("frozen", 0), median("unfrozen", 0)),
        ("process wall time (s, median)", median("frozen", 1), median("unfrozen", 1)),
    ]
    print(f"{'':32}{'frozen':>10}{'unfrozen':>10}{'ratio':>8}")
    for label, value, floor in rows:
        print(f"{label:32}{value:10.2f}{floor:10.2f}{value / floor:8.2f}")
    if build_s is not None:
        print(f"bundle build: {build_s:.0f} s")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "frozen.json").write_text(json.dumps({
        "runs": args.runs, "build_s": build_s,
        "rows": [{"metric": m, "frozen": v, "unfrozen": f, "ratio": v / f} for m, v, f in rows],
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

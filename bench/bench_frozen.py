"""The frozen kiosk: bundle size and start-up, exec to the first painted frame.

    .venv/bin/python bench/bench_frozen.py [--bundle dist/kiosk] [--runs 7] [--build]

Goals: the bundle <= 200 MB on disk; start-up <= 1.5x the floor, a bare PySide6 window with the
kiosk's page stack (bench/bare_window.py), both timed by the parent from exec to the line the
child prints at its first paint (bench/startup_timing.py), interleaved in the same run with
the unfrozen kiosk. The unfrozen runtime's size (our packages plus every third-party
distribution it depends on, in site-packages) is printed for comparison. Prints medians and
ratios; writes bench/results/frozen.json.
"""

from __future__ import annotations

import argparse
import json
import os
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


BUNDLE_GOAL_MB = 200.0
STARTUP_GOAL = 1.5


def main() -> int:
    from startup_timing import interleaved, median

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

    smoke = ["run", "--demo", "--smoke", "--json"]
    commands = {"bare": [sys.executable, str(REPO / "bench" / "bare_window.py")],
                "frozen": [str(args.bundle / "kiosk"), *smoke],
                "unfrozen": [sys.executable, "-m", "kiosk", *smoke]}
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK")}
        env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(Path(scratch) / "data"),
                   KIOSK_CONFIG=str(Path(scratch) / "kiosk.toml"))
        subprocess.run([sys.executable, "-m", "kiosk", "demo"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times = interleaved(commands, env, args.runs)

    bundle_mb = folder_bytes(args.bundle) / 1e6
    runtime_mb = runtime_bytes() / 1e6
    bare = median(times["bare"], "to_first_frame_s")
    rows = [
        ("bundle on disk (MB)", bundle_mb, BUNDLE_GOAL_MB, f"goal <= {BUNDLE_GOAL_MB:.0f} MB"),
        ("unfrozen runtime on disk (MB)", runtime_mb, bundle_mb, "for comparison"),
        ("frozen: exec to first frame (s)", median(times["frozen"], "to_first_frame_s"), bare,
         f"goal <= {STARTUP_GOAL}x the bare window"),
        ("unfrozen: exec to first frame (s)", median(times["unfrozen"], "to_first_frame_s"),
         bare, "against the bare window"),
        ("frozen: as it reports it (s)", median(times["frozen"], "reported_s"),
         median(times["bare"], "reported_s"), "since its process started"),
        ("frozen: whole process (s)", median(times["frozen"], "process_s"),
         median(times["bare"], "process_s"), "exec to exit"),
    ]
    print(f"bare window, exec to first frame: {bare:.3f} s (median of {args.runs}, "
          "interleaved with the kiosk's runs)")
    print(f"{'':36}{'ours':>10}{'floor':>10}{'ratio':>8}  note")
    for label, value, floor, note in rows:
        print(f"{label:36}{value:10.3f}{floor:10.3f}{value / floor:8.2f}  {note}")
    if build_s is not None:
        print(f"bundle build: {build_s:.0f} s")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "frozen.json").write_text(json.dumps({
        "runs": args.runs, "build_s": build_s,
        "rows": [{"metric": m, "ours": v, "floor": f, "ratio": v / f, "note": n}
                 for m, v, f, n in rows],
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

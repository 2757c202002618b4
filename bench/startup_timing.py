"""Start-up as a person sees it: wall time from exec until the first frame is painted.

Both the kiosk (`kiosk run --demo --smoke --json`, frozen or not) and the floor
(bench/bare_window.py) print `first_frame_s` and flush the moment their window's first paint
event has been handled. The parent takes the time just before it execs the child and again
when that line arrives on the pipe, so interpreter start-up, imports, the bundle's unpacking
and everything before the paint count, and nothing after it (teardown) does. The child's own
figure (from the kernel's start time of the process) and the whole-process wall time are kept
alongside, for comparison.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Start:
    to_first_frame_s: float  # exec -> first frame line, measured by the parent
    reported_s: float  # what the child says (seconds since its process started)
    process_s: float  # exec -> exit
    peak_rss_mb: float


def measure(command: list[str], env: dict[str, str]) -> Start:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True)
    assert process.stdout is not None
    seen: float | None = None
    lines = []
    for line in process.stdout:
        if seen is None and "first_frame_s" in line:
            seen = time.perf_counter()
        lines.append(line)
    _, status, usage = os.wait4(process.pid, 0)
    ended = time.perf_counter()
    process.stdout.close()
    output = "".join(lines)
    if status != 0 or seen is None:
        raise SystemExit(f"{command} failed (status {status}): {output[-500:]}")
    reported = float(json.loads(output[output.index("{"):])["first_frame_s"])
    return Start(seen - started, reported, ended - started, usage.ru_maxrss / 1024)


def interleaved(commands: dict[str, list[str]], env: dict[str, str],
                runs: int) -> dict[str, list[Start]]:
    """Every command once per round, round after round, so drift in the machine's load hits
    all alike; one warm-up round first (disk cache, the demo database)."""
    for command in commands.values():
        measure(command, env)
    results: dict[str, list[Start]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            results[name].append(measure(command, env))
    return results


def median(starts: list[Start], field: str) -> float:
    return statistics.median(float(getattr(start, field)) for start in starts)

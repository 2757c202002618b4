"""`kiosk run`: the kiosk itself, and `kiosk screenshots`: every page rendered to PNG."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError


def register(subparsers: Any) -> None:
    run = subparsers.add_parser(
        "run", help="start the kiosk",
        description="Start the kiosk full screen (or in a window). With --demo it uses, and if "
        "empty first builds, the demo village in the data folder (with its simulated document "
        "camera); it refuses a folder that is enrolled or holds non-demo data.")
    run.add_argument("--demo", action="store_true",
                     help="use the demo village (never in a real terminal's data folder)")
    run.add_argument("--windowed", action="store_true", help="a 1920x1080 window, not full screen")
    run.add_argument("--smoke", action="store_true",
                     help="show the home page, print seconds from process start to the first "
                     "painted frame, exit 0")
    run.add_argument("--json", action="store_true", help="with --smoke: print JSON")
    run.set_defaults(handler=run_kiosk)
    shots = subparsers.add_parser(
        "screenshots", help="render every page to PNG files",
        description="Render every page of the UI offscreen to DIR/<page>.png.")
    shots.add_argument("dir", metavar="DIR")
    shots.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT (default 1920x1080)")
    shots.add_argument("--elderly", action="store_true", help="the large 长辈版 mode")
    shots.add_argument("--demo", action="store_true", help="build the demo village if empty")
    shots.add_argument("--json", action="store_true")
    shots.set_defaults(handler=run_screenshots)


def run_kiosk(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.app import build_runtime

    if args.smoke and "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise KioskError(
            "没有屏幕 / no screen to show the kiosk on: start it inside an X or Wayland session "
            "(the installed kiosk's systemd unit does), or set QT_QPA_PLATFORM=offscreen for a "
            "test without a screen (kiosk run --smoke needs none).")
    runtime = build_runtime(ctx, demo=args.demo)
    from kiosk.ui.shell import run_ui

    smoke = None
    if args.smoke:
        from kiosk.startup import seconds_since_process_start

        def smoke() -> None:
            seconds = round(seconds_since_process_start(), 3)
            if args.json:
                emit_json({"first_frame_s": seconds})
            else:
                print(f"first frame after {seconds} s")
            sys.stdout.flush()  # now, not at exit: bench/ times the line's arrival

    try:
        return run_ui(runtime.services, runtime.executor,
                      windowed=args.windowed or args.smoke, smoke=smoke)
    finally:
        runtime.close()


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text)
    if not match:
        raise KioskError(f"--size {text!r}: write it as WIDTHxHEIGHT, for example 1366x768")
    return int(match[1]), int(match[2])


def run_screenshots(ctx: Context, args: argparse.Namespace) -> int:
    width, height = parse_size(args.size)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import build_runtime
    from kiosk.commands.tooling import load

    render_screenshots = load("screenshots").render_screenshots
    runtime = build_runtime(ctx, demo=args.demo)

    try:
        written, clipped = render_screenshots(runtime.services, runtime.executor, Path(args.dir),
                                     width=width, height=height, elderly=args.elderly)
    finally:
        runtime.close()
    if args.json:
        emit_json({"screenshots": [str(p) for p in written], "clipped": clipped})
    else:
        for path in written:
            print(path)
        for problem in clipped:
            print(f"text does not fit: {problem}", file=sys.stderr)
    return 1 if clipped else 0

"""`kiosk a11y-report`: text sizes, touch targets, line spacing and contrast, as rendered.

Walks every page (and the idle countdown) in the normal and the large 长辈版 mode at each
screen size and prints the smallest text, action text and target, the tightest line spacing
and the lowest contrast per page, naming the widget. Exits 1 on any breach of the floors in
`kiosk.ui.theme`, so an installer or CI can rely on it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context

DEFAULT_SIZES = ("1920x1080", "1366x768")


def register(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "a11y-report", help="check text sizes, touch targets and contrast on every page",
        description="Render every page offscreen in both modes and measure the smallest text "
        "(pt at the 1920x1080 reference), the smallest touch target, the line spacing and the "
        "lowest contrast, naming the widget. Exit 1 when any floor is breached.")
    report.add_argument("--size", action="append", metavar="WxH",
                        help="screen size; repeat for several (default: 1920x1080 and 1366x768)")
    report.add_argument("--mode", choices=["normal", "elderly", "both"], default="both",
                        help="which mode to check (default both)")
    report.add_argument("--demo", action="store_true", help="build the demo village if empty")
    report.add_argument("--json", action="store_true", help="print JSON")
    report.set_defaults(handler=run_a11y_report)


def run_a11y_report(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.commands.run import parse_size

    sizes = [parse_size(text) for text in (args.size or DEFAULT_SIZES)]
    modes = {"normal": [False], "elderly": [True], "both": [False, True]}[args.mode]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import build_runtime
    from kiosk.commands.tooling import load

    run_report = load("a11y").run_report
    runtime = build_runtime(ctx, demo=args.demo)

    try:
        reports = [run_report(runtime.services, runtime.executor, width=w, height=h,
                              elderly=elderly) for w, h in sizes for elderly in modes]
    finally:
        runtime.close()
    breaches = [f"{r.width}x{r.height} {r.mode} {b}" for r in reports for b in r.breaches]
    if args.json:
        emit_json({"ok": not breaches, "runs": [r.as_json() for r in reports]})
    else:
        for report in reports:
            print(f"== {report.width}x{report.height} {report.mode} "
                  f"({len(report.pages)} pages, {report.seconds:.1f} s)")
            for page in report.pages:
                print(f"  {page.page}:")
                for label, measure, unit in (
                    ("smallest text", page.smallest_text, "pt"),
                    ("smallest action text", page.smallest_action_text, "pt"),
                    ("smallest target", page.smallest_target, "px"),
                    ("line spacing", page.tightest_line_spacing, "x"),
                    ("lowest contrast", page.lowest_contrast, ":1"),
                ):
                    if measure is not None:
                        mark = "ok" if measure.ok else "BREACH"
                        print(f"    {label:<21} {measure.value:7.2f}{unit:<3} "
                              f"(floor {measure.floor:g}) {mark}  {measure.widget}")
        for breach in breaches:
            print(f"breach: {breach}", file=sys.stderr)
        print("a11y: ok" if not breaches else f"a11y: {len(breaches)} breach(es)")
    return 1 if breaches else 0

"""`kiosk doctor`: run every health check and exit non-zero when one fails."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context

MARK = {"ok": "✓", "warn": "!", "fail": "✗"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor", help="check database, settings, disk and devices",
        description="Check database integrity and settings (WAL, synchronous=FULL), the "
        "configuration, free disk space, secrets and the devices.")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(handler=run_doctor)


def run_doctor(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.doctor import run_checks

    results = run_checks(ctx)
    failed = any(r.status == "fail" for r in results)
    if args.json:
        emit_json({"ok": not failed, "checks": [r.as_json() for r in results]})
    else:
        for result in results:
            print(f"{MARK[result.status]} {result.name:<28} {result.detail}")
        print("一切正常 / all good" if not failed else "发现问题 / problems found")
    return 1 if failed else 0

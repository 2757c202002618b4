"""`kiosk audit verify` and `kiosk audit export`: check and take out the hash-chained log."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser(
        "audit", help="verify or export the tamper-evident audit log",
        description="The audit log is a hash chain: each record holds the hash of the one "
        "before. verify finds an edited, deleted or reordered record and names the first bad "
        "sequence number (exit code 1).")
    sub = audit.add_subparsers(dest="audit_command", required=True, metavar="COMMAND")
    verify = sub.add_parser("verify", help="check the whole chain")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=run_verify)
    export = sub.add_parser("export", help="write the log as JSON lines to a folder")
    export.add_argument("folder", metavar="DIR", help="e.g. the USB stick's folder")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=run_export)


def run_verify(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.audit import AuditLog

    report = AuditLog(ctx.database()).verify()
    if args.json:
        emit_json(report.as_json())
    elif report.ok:
        print(f"审计日志完好 / audit log intact: {report.records} records")
    else:
        print(f"审计日志被改动 / audit log broken at seq {report.first_bad_seq}: {report.problem}")
    return 0 if report.ok else 1


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.audit import AuditLog

    result = AuditLog(ctx.database()).export(Path(args.folder), actor="cli-admin")
    if args.json:
        emit_json(result.as_json())
    else:
        state = "intact" if result.report.ok else f"BROKEN at seq {result.report.first_bad_seq}"
        print(f"已导出 / exported {result.records} records to {result.path} ({state})")
    return 0 if result.report.ok else 1

"""`kiosk backup` and `kiosk restore`: online copies with the SQLite backup API, rotated."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the database while the kiosk runs",
        description="Copy the live database with SQLite's backup API; keeps the newest 10.")
    backup.add_argument("--to", metavar="DIR", help="folder for the copy (default: data/backups)")
    backup.add_argument("--keep", type=int, default=10, help="how many backups to keep")
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the database with a checked backup",
        description="Check FILE with integrity_check, keep a copy of the current database, then "
        "restore FILE. A damaged or foreign file is refused and nothing changes.")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=run_restore)


def run_backup(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.storage.maintenance import backup_to

    folder = Path(args.to) if args.to else ctx.paths.backups
    target = backup_to(ctx.database(), folder, keep=max(1, args.keep))
    if args.json:
        emit_json({"backup": str(target), "bytes": target.stat().st_size})
    else:
        print(f"备份完成 / backup written: {target}")
    return 0


def run_restore(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.privacy_status import check_backup_keys
    from kiosk.storage.maintenance import restore_from

    check_backup_keys(Path(args.file), ctx.paths.secrets)
    safety = restore_from(Path(args.file), ctx.paths.database, ctx.paths.backups)
    if args.json:
        emit_json({"restored": args.file, "previous_saved_as": str(safety) if safety else None})
    else:
        print(f"已恢复 / restored from {args.file}")
        if safety:
            print(f"the previous database was kept as {safety}")
    return 0

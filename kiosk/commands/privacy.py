"""`kiosk privacy purge` and `kiosk privacy rotate-key` (docs/privacy.md)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    privacy = subparsers.add_parser(
        "privacy", help="retention of personal data and the data key",
        description="Personal data stays on the terminal only as long as docs/privacy.md says; "
        "it is encrypted at rest with a data key kept in secrets.toml.")
    sub = privacy.add_subparsers(dest="privacy_command", required=True, metavar="COMMAND")
    purge = sub.add_parser(
        "purge", help="clear what is past its date (the kiosk runs this daily)",
        description="Clear the copies of confirmed applications, reduce the answers of final "
        "applications older than [privacy] keep_days, delete clerk drafts older than "
        "[privacy] draft_days. Nothing the province has not confirmed is touched.")
    purge.add_argument("--dry-run", action="store_true", help="only count what would go")
    purge.add_argument("--json", action="store_true")
    purge.set_defaults(handler=run_purge)
    rotate = sub.add_parser(
        "rotate-key", help="make a new data key and re-encrypt every record with it",
        description="Saves a new data key to secrets.toml, then re-encrypts in batches; a run "
        "that was stopped resumes with the same key. Old keys stay in secrets.toml so older "
        "backups still restore.")
    rotate.add_argument("--batch", type=int, default=500, help="records per transaction")
    rotate.add_argument("--json", action="store_true")
    rotate.set_defaults(handler=run_rotate)


def run_purge(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.key_rotation import reseal
    from kiosk.services.privacy import PrivacyService

    db = ctx.database()

    def print_purge() -> int:  # the print queue's own retention (kiosk.services.print_service)
        from kiosk.services.print_service import purge_print_data

        return len(purge_print_data(db, ctx.settings, ctx.paths))

    report = PrivacyService(db, ctx.settings, print_purge=print_purge).purge(
        dry_run=args.dry_run)
    sealed = {} if args.dry_run else reseal(db)
    if args.json:
        emit_json({**report.as_json(), "sealed": sealed})
        return 0
    verb = "将清除 / would clear" if args.dry_run else "已清除 / cleared"
    print(f"{verb}: {len(report.copies_cleared)} confirmed application copies "
          f"({report.blobs_deleted} attachments), {len(report.answers_reduced)} answers "
          f"(final, older than {report.keep_days} days), {len(report.clerk_drafts_deleted)} "
          f"clerk drafts (older than {report.draft_days} days)")
    print(f"保留 / kept: {report.unconfirmed_kept} applications the province has not confirmed")
    print(f"打印队列 / print jobs cleared: {report.print_jobs}")
    return 0


def run_rotate(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.key_rotation import rotate_key

    def progress(column: str, done: int) -> None:
        if not args.json:
            print(f"  {column}: {done}", flush=True)
        else:
            print(f"progress {column} {done}", file=sys.stderr, flush=True)

    report = rotate_key(ctx.database(), ctx.paths.secrets, batch=max(1, args.batch),
                        on_batch=progress)
    if args.json:
        emit_json(report.as_json())
    else:
        how = "继续 / resumed" if report.resumed else "新密钥 / new key"
        print(f"{how} {report.key_id}: re-encrypted {sum(report.resealed.values())} records")
    return 0

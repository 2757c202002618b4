"""`kiosk applications` (submit, show, list, drafts) and `kiosk services list`.

`submit` is the clerks' bulk entry of paper forms: the answers document is the one
`kiosk forms example FORM_ID --json` prints; materials may be given as `{"file": "scan.jpg"}`
next to the answers file. Invalid answers print every field error, exit non-zero and store
nothing. `show CODE` and `list` read the same progress the villager sees on screen.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError

STATUSES = ("pending", "received", "accepted", "needs_materials", "in_review", "approved",
            "rejected", "completed", "withdrawn")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "applications", help="applications: submit paper forms, show, list",
        description="Applications made at this terminal (申请): submit a filled-in answers "
        "document (bulk entry of paper forms), show one by receipt code, list them.")
    commands = parser.add_subparsers(dest="applications_command", metavar="ACTION",
                                     required=True)
    submit = commands.add_parser(
        "submit", help="submit an answers document",
        description="Check an answers document against the form and submit it: prints the "
        "application id and receipt code. Invalid answers print every field error, exit 1 and "
        "store nothing.")
    submit.add_argument("--form", required=True, metavar="ID", help="the form id (dibao-apply)")
    submit.add_argument("--answers", required=True, metavar="FILE.json",
                        help="the answers document (see `kiosk forms example ID --json`)")
    submit.add_argument("--clerk", metavar="ID", help="clerk id: the application is "
                        "clerk-assisted (代办)")
    submit.add_argument("--json", action="store_true", help="print the result as JSON")
    submit.set_defaults(handler=run_submit)

    show = commands.add_parser("show", help="show one application by receipt code")
    show.add_argument("code", metavar="CODE", help="the receipt code (K7M-29Q-XD4)")
    show.add_argument("--json", action="store_true", help="print as JSON")
    show.set_defaults(handler=run_show)

    listing = commands.add_parser("list", help="list applications, newest first")
    listing.add_argument("--status", choices=STATUSES, metavar="S",
                         help="only this province status (or `pending`: not answered yet)")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.set_defaults(handler=run_list)

    drafts = commands.add_parser("drafts", help="list open drafts (villager and clerk)")
    drafts.add_argument("--json", action="store_true", help="print as JSON")
    drafts.set_defaults(handler=run_drafts)

    services = subparsers.add_parser("services", help="the service catalog",
                                     description="The service catalog (办事指南).")
    service_commands = services.add_subparsers(dest="services_command", metavar="ACTION",
                                               required=True)
    service_list = service_commands.add_parser(
        "list", help="list services: id, name, category, form id and version")
    service_list.add_argument("--json", action="store_true", help="print as JSON")
    service_list.set_defaults(handler=run_services_list)


def _applications(ctx: Context) -> Any:
    from kiosk.services.applications import ApplicationService

    return ApplicationService(ctx.database(), ctx.settings)


def _require_enabled_clerk(ctx: Context, clerk_id: str | None) -> None:
    """`--clerk` must name an enabled clerk or admin: the id goes to the province as the
    clerk who assisted, so a made-up or disabled one is refused before anything is read."""
    if clerk_id is None:
        return
    from kiosk.services.audit import AuditLog
    from kiosk.services.auth import AuthService

    db = ctx.database()
    if AuthService(db, AuditLog(db)).enabled_staff(clerk_id) is None:
        raise KioskError(f"没有这个可用的办事员 / --clerk {clerk_id!r} is not an enabled clerk "
                         "or admin on this terminal (see `kiosk users list`); nothing was "
                         "submitted")


def run_submit(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.answer_files import read_answers_text
    from kiosk.services.applications import SubmissionInvalid

    _require_enabled_clerk(ctx, args.clerk)
    path = Path(args.answers)
    try:
        document = json.loads(read_answers_text(path))
    except ValueError as error:
        raise KioskError(f"答案文件不是有效的 JSON / {path} is not valid JSON: {error}") from None
    except RecursionError:
        raise KioskError(f"答案文件嵌套太深 / {path} is nested too deeply to be an answers "
                         "file") from None
    try:
        submission = _applications(ctx).submit_answers(
            args.form, document, clerk_id=args.clerk, base_dir=path.resolve().parent)
    except SubmissionInvalid as error:
        if args.json:
            emit_json({"ok": False, "form_id": args.form,
                       "errors": [i.to_json() for i in error.report.errors],
                       "warnings": [i.to_json() for i in error.report.warnings]})
            return 1
        raise
    if args.json:
        emit_json({"ok": True, **submission.to_json()})
    else:
        print(f"✓ 已提交 / submitted {submission.service_name}")
        print(f"  回执号 / receipt code  {submission.receipt_code_display}")
        print(f"  application_id        {submission.application_id}")
        for warning in submission.warnings:
            print(f"  ! {warning}")
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.progress import STATUS_WORDS_ZH, ProgressService

    progress = ProgressService(ctx.database()).by_code(args.code)
    if progress is None:
        raise KioskError(f"本机没有回执号为 {args.code} 的申请 / no application with receipt code "
                         f"{args.code} was made at this terminal")
    if args.json:
        emit_json(progress.to_json())
        return 0
    print(f"{progress.service_name}  {progress.receipt_code_display}  "
          f"{STATUS_WORDS_ZH.get(progress.status, progress.status)}")
    for step in progress.steps:
        words = STATUS_WORDS_ZH.get(step.status, step.status)
        print(f"  {step.at or '—':<22} {words}  {step.note}")
    print(f"  下一步 / next: {progress.next_step}")
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.progress import STATUS_WORDS_ZH, ProgressService

    rows = ProgressService(ctx.database()).list(args.status)
    if args.json:
        emit_json([row.to_json() for row in rows])
        return 0
    for row in rows:
        print(f"{row.receipt_code_display}  {row.submitted_at}  "
              f"{STATUS_WORDS_ZH.get(row.status, row.status):<8} {row.service_name}")
    if not rows:
        print("没有申请 / no applications")
    return 0


def run_drafts(ctx: Context, args: argparse.Namespace) -> int:
    rows = _applications(ctx).list_drafts()
    if args.json:
        emit_json(rows)
        return 0
    for row in rows:
        print(f"{row['application_id']}  {row['owner']:<8} {row['form_id']} "
              f"v{row['form_version']}  {row['updated_at']}")
    if not rows:
        print("没有草稿 / no drafts")
    return 0


def run_services_list(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.catalog import CatalogService

    rows = CatalogService(ctx.database()).listing()
    if args.json:
        emit_json(rows)
        return 0
    for row in rows:
        form = f"{row['form_id']} v{row['form_version']}" if row["form_id"] else "—"
        print(f"{row['id']:<26} {row['category']:<8} {row['name']}  ({form})")
    return 0

"""`kiosk evaluations add|list|export`: paper 好差评 entered by the clerk, and the ratings kept.

`add` runs the same checks and the same outbox as the screen: a rating out of range, a bad
rating without reasons, a long comment or a malformed phone is refused in words (exit 1) and
nothing is stored. `list` never shows a phone number or a comment; `export` adds the comments
for the township's follow-up (still no phone, never an ID number).
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError

EXPORT_FIELDS = ("evaluation_id", "at", "subject_kind", "application_id", "case_no",
                 "service_id", "channel", "clerk_id", "rating", "rating_words", "reasons",
                 "wants_call", "source", "outbox_state", "comment")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evaluations", help="好差评 ratings: enter paper ratings, list, export",
        description="Ratings of visits and cases (政务服务好差评, contract section 9).")
    commands = parser.add_subparsers(dest="evaluations_command", metavar="ACTION",
                                     required=True)
    add = commands.add_parser(
        "add", help="enter a rating from a paper 评价表",
        description="Enter one rating (5 非常满意 ... 1 非常不满意) for a case (--receipt) or a "
        "visit (--visit). A rating of 2 or 1 needs at least one --reason; 3 to 5 take none.")
    subject = add.add_mutually_exclusive_group(required=True)
    subject.add_argument("--receipt", metavar="CODE", help="the case's receipt code")
    subject.add_argument("--visit", action="store_true", help="a visit with no case")
    add.add_argument("--service", metavar="ID", help="with --visit: the service it was about")
    add.add_argument("--rating", required=True, type=int, metavar="N", help="5 (best) to 1")
    add.add_argument("--reason", action="append", default=[], metavar="R",
                     help="slow, unclear_guidance, repeated_visits, attitude, not_handled, "
                     "device_problem or other (repeat for several)")
    add.add_argument("--comment", default="", metavar="T", help="at most 500 characters")
    add.add_argument("--phone", metavar="P", help="11-digit mobile number to call back")
    add.add_argument("--clerk", metavar="ID", help="the clerk who served: a clerk-assisted visit")
    add.add_argument("--json", action="store_true", help="print the result as JSON")
    add.set_defaults(handler=run_add)

    listing = commands.add_parser("list", help="ratings given here, newest first")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.set_defaults(handler=run_list)

    export = commands.add_parser(
        "export", help="every rating with its comment, as CSV (or JSON)",
        description="Export every rating with its comment (no phone numbers) as CSV on "
        "standard output, or as JSON with --json.")
    export.add_argument("--json", action="store_true", help="JSON instead of CSV")
    export.set_defaults(handler=run_export)


def _service(ctx: Context) -> Any:
    from kiosk.services.evaluations import EvaluationService

    return EvaluationService(ctx.database(), ctx.settings)


def refuse_json(error: Any) -> int:
    """Print a refusal (`VoiceInvalid`) as JSON: every field with its words; exit 1."""
    emit_json({"error": "invalid", "message": str(error),
               "fields": {name: {"zh": zh, "en": en} for name, (zh, en) in
                          error.problems.items()}})
    return 1


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.voice_rules import VoiceInvalid

    if args.service and not args.visit:
        raise KioskError("--service 只能和 --visit 一起用 / --service goes with --visit; a case "
                         "names its service itself")
    service = _service(ctx)
    try:
        if args.visit:
            result = service.rate_visit(args.rating, args.reason, args.comment, args.phone,
                                        service_id=args.service, clerk_id=args.clerk,
                                        source="paper")
        else:
            result = service.rate_case(args.receipt, args.rating, args.reason, args.comment,
                                       args.phone, clerk_id=args.clerk, source="paper")
    except VoiceInvalid as error:
        if args.json:
            return refuse_json(error)
        raise
    if args.json:
        emit_json(result.to_json())
    else:
        print(f"已记录评价 / rating recorded: {result.rating} "
              f"{result.to_json()['rating_words']} ({result.evaluation_id})"
              + ("，替换了未发出的上一次评价 / replaced the unsent earlier one"
                 if result.replaced else ""))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    entries = _service(ctx).entries()
    if args.json:
        emit_json(entries)
        return 0
    if not entries:
        print("还没有评价 / no ratings yet")
    for entry in entries:
        subject = entry["subject"]
        what = subject["case_no"] or subject["application_id"] or subject["service_id"] or "-"
        print(f"{entry['at']}  {entry['rating']} {entry['rating_words']:6}  "
              f"{subject['kind']:11} {what}  {','.join(entry['reasons'])}  "
              f"[{entry['outbox_state']}]")
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    entries = _service(ctx).export()
    if args.json:
        emit_json(entries)
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        subject = entry["subject"]
        writer.writerow({**{k: entry.get(k) for k in EXPORT_FIELDS},
                         "subject_kind": subject["kind"],
                         "application_id": subject["application_id"],
                         "case_no": subject["case_no"], "service_id": subject["service_id"],
                         "reasons": " ".join(entry["reasons"])})
    return 0

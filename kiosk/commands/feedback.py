"""`kiosk feedback add|list|show`: questions, objections and complaints (意见箱, section 10).

`add` is for a question brought to the clerk on paper or by phone: the same checks and outbox as
the screen, and it prints the ticket code to give the villager. `show TICKET` includes the
township's reply once the `feedback_replies` dataset has brought it. An anonymous entry never
shows a phone; shown phones are masked.
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "feedback", help="意见箱: questions, objections, complaints and their replies",
        description="Questions and objections on disclosures, complaints about payments "
        "(contract section 10), with ticket codes and the province's replies.")
    commands = parser.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    add = commands.add_parser(
        "add", help="enter a question brought on paper or by phone; prints the ticket code",
        description="Enter one question, objection or complaint. Give --reason or --text (or "
        "both). --anonymous leaves no phone.")
    add.add_argument("--kind", required=True, metavar="K",
                     help="question, objection or complaint")
    add.add_argument("--subject-type", required=True, metavar="T",
                     help="disclosure, payment, subsidy (a payment expected but missing: the "
                     "item code) or general")
    add.add_argument("--subject-id", metavar="ID",
                     help="disclosure id, payment id or subsidy item code (none for general)")
    add.add_argument("--line", type=int, metavar="N",
                     help="with a disclosure: the ledger line index (0 is the first)")
    add.add_argument("--reason", action="append", default=[], metavar="R",
                     help="amount_unclear, item_unclear, not_received, amount_wrong, "
                     "wrong_person, late or other (repeat for several)")
    add.add_argument("--text", default="", metavar="T", help="at most 1,000 characters")
    add.add_argument("--phone", metavar="P", help="11-digit mobile number to call back")
    add.add_argument("--anonymous", action="store_true", help="no name, no phone")
    add.add_argument("--json", action="store_true", help="print the result as JSON")
    add.set_defaults(handler=run_add)

    listing = commands.add_parser("list", help="feedback given here, newest first, with status")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", help="one feedback by ticket code, with its reply")
    show.add_argument("ticket", metavar="TICKET", help="the ticket code (F7K-29Q-XD4)")
    show.add_argument("--json", action="store_true", help="print as JSON")
    show.set_defaults(handler=run_show)


def _service(ctx: Context) -> Any:
    from kiosk.services.feedback import FeedbackService

    return FeedbackService(ctx.database(), ctx.settings)


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.commands.evaluations import refuse_json
    from kiosk.services.voice_rules import VoiceInvalid

    try:
        ticket = _service(ctx).submit(
            args.kind, args.subject_type, args.subject_id, line=args.line, reasons=args.reason,
            text=args.text, phone=args.phone, anonymous=args.anonymous, source="clerk")
    except VoiceInvalid as error:
        if args.json:
            return refuse_json(error)
        raise
    if args.json:
        emit_json(ticket.to_json())
    else:
        print(ticket.display)
    return 0


def _line(entry: dict[str, Any]) -> str:
    subject = entry["subject"]
    what = subject["type"] + (f" {subject['id']}" if subject["id"] else "")
    return (f"{entry['ticket']}  {entry['at']}  {entry['kind_words']}  {what}  "
            f"{entry['status_words']}")


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    entries = _service(ctx).entries()
    if args.json:
        emit_json(entries)
        return 0
    if not entries:
        print("还没有意见 / no feedback yet")
    for entry in entries:
        print(_line(entry))
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    entry = _service(ctx).show(args.ticket)
    if args.json:
        emit_json(entry)
        return 0
    print(_line(entry))
    if entry["text"]:
        print(f"内容 / text: {entry['text']}")
    if entry["reply"]:
        print(f"答复 / reply ({entry['replied_by']}, {entry['replied_at']}): {entry['reply']}")
    return 0

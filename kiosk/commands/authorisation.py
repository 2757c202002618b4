"""`kiosk authorisation-letter SERVICE --to FILE`: the blank 授权委托书 of one service as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError


def register(subparsers: Any) -> None:
    letter = subparsers.add_parser(
        "authorisation-letter", help="a blank letter of authorisation for one service (PDF)",
        description="Write the blank 授权委托书 an applicant signs when an agent applies for "
        "them (docs/forms.md, 'Applying for someone else'). Print it on A4.")
    letter.add_argument("service", metavar="SERVICE", help="service id (kiosk services list)")
    letter.add_argument("--to", metavar="FILE", required=True, help="the PDF file to write")
    letter.add_argument("--json", action="store_true")
    letter.set_defaults(handler=run_letter)


def run_letter(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.authorisation_letter import render_letter
    from kiosk.storage.catalog import get_service
    from kiosk.storage.facts import read_facts

    db = ctx.database()
    item = get_service(db, args.service)
    if item is None:
        raise KioskError(f"没有这项服务 / no service {args.service!r} in the catalog "
                         "(see `kiosk services list`)")
    village = ctx.settings.village_name or read_facts(db).get("village_name", "")
    rendered = render_letter(str(item.get("name", args.service)), village)
    target = Path(args.to)
    target.write_bytes(rendered.pdf)
    if args.json:
        emit_json({"service": args.service, "file": str(target), "pages": rendered.pages,
                   "bytes": len(rendered.pdf)})
    else:
        print(f"已写入授权委托书 / wrote the letter of authorisation to {target}")
    return 0

"""`kiosk idcard read`: the second-generation ID card reader from the command line.

For admins checking a newly installed reader and for the system tests. Output is masked
unless `--reveal` (an admin diagnostic; it never goes to a log). Exit 1 with a message in
words for no reader, no card in time, a failed read or a garbled answer.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context

LABELS = {
    "name": "姓名 / name", "sex": "性别 / sex", "nation": "民族 / nation",
    "birth_date": "出生 / born", "address": "住址 / address", "id_number": "公民身份号码 / ID",
    "issuer": "签发机关 / issued by", "valid_from": "有效期起 / valid from",
    "valid_to": "有效期至 / valid to",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("idcard", help="read a second-generation ID card",
                                   description="ID card reader (GA/T 467, serial) diagnostics.")
    idcard = parser.add_subparsers(dest="idcard_command", metavar="IDCARD_COMMAND",
                                   required=True)
    read = idcard.add_parser(
        "read", help="wait for an ID card on the reader and print it (masked)",
        description="Wait for an ID card on the reader and print its holder's fields. Names, "
        "numbers, address and birth date are masked unless --reveal.")
    read.add_argument("--device", metavar="PATH",
                      help="serial device of the reader (default: [id_reader] device)")
    read.add_argument("--baud", metavar="N", type=int,
                      help="baud rate (default: [id_reader] baud, 115200)")
    read.add_argument("--timeout", metavar="S", type=float, default=10.0,
                      help="seconds to wait for a card (default 10)")
    read.add_argument("--json", action="store_true", help="print the result as JSON")
    read.add_argument("--reveal", action="store_true",
                      help="show full names, numbers and address (admin diagnostic)")
    read.set_defaults(handler=run_read)


def run_read(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.devices.errors import CardError
    from kiosk.devices.idcard.basic_info import warnings
    from kiosk.devices.idcard.card import as_json
    from kiosk.devices.idcard.reader import IdCardReader

    device = args.device or str(ctx.settings.get("id_reader", "device") or "")
    baud = args.baud or int(ctx.settings.get("id_reader", "baud"))
    reader = IdCardReader(device, baud)
    try:
        info = reader.wait_and_read(args.timeout)
    except CardError as error:
        print(f"kiosk idcard read: {error}", file=sys.stderr)
        return 1
    finally:
        reader.close()
    value = as_json(info, reveal=args.reveal)
    found = warnings(info)
    for warning in found:
        print(f"! {warning}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        emit_json(value)
        return 0
    for key, label in LABELS.items():
        print(f"{label}: {value[key]}")
    print("照片为 WLT 格式，不解码 / photo in WLT format, not decoded")
    return 0

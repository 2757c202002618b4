"""`kiosk card read` and `kiosk card readers`: the card reader from the command line.

For admins checking a newly installed reader and for the system tests. Output is masked
unless `--reveal` (an admin diagnostic; it never goes to a log).
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("card", help="read a card, list card readers",
                                   description="Smart-card reader diagnostics.")
    card = parser.add_subparsers(dest="card_command", metavar="CARD_COMMAND", required=True)

    read = card.add_parser(
        "read", help="wait for a card and print what it holds (masked)",
        description="Wait for a social-security or bank card and print its kind, numbers, "
        "holder and lookup keys. Numbers and names are masked unless --reveal.")
    read.add_argument("--reader", metavar="NAME",
                      help="reader to use (default: [card_reader] name, else any reader)")
    read.add_argument("--timeout", metavar="S", type=float, default=10.0,
                      help="seconds to wait for a card (default 10)")
    read.add_argument("--json", action="store_true", help="print the result as JSON")
    read.add_argument("--reveal", action="store_true",
                      help="show full numbers and names (admin diagnostic)")
    read.set_defaults(handler=run_read)

    readers = card.add_parser("readers", help="list card readers and whether a card is in them")
    readers.add_argument("--json", action="store_true", help="print the list as JSON")
    readers.set_defaults(handler=run_readers)


def _reader_setting(ctx: Context, args: argparse.Namespace) -> str | None:
    if getattr(args, "reader", None):
        return str(args.reader)
    configured = str(ctx.settings.get("card_reader", "name") or "")
    return configured or None


LABELS = {
    "kind": "卡类型 / kind", "card_number": "卡号 / card number", "id_number": "身份证号 / ID",
    "id_type": "证件类型 / ID type", "name": "姓名 / name", "region": "发卡地 / region",
    "bank_card_number": "金融账户 / bank card", "expiry": "有效期 / expiry",
    "spec_version": "规范版本 / spec", "application": "应用 / AID",
}


def run_read(ctx: Context, args: argparse.Namespace) -> int:
    import time

    from kiosk.devices.backends import create_backend
    from kiosk.secrets import load_secrets
    from kiosk.services.card_service import CardService

    lookup_key = load_secrets(ctx.paths.secrets).lookup_key
    service = CardService(create_backend("pcsc"), lookup_key, reader=_reader_setting(ctx, args))
    started = time.perf_counter()
    try:
        reader, result = service.read_once(timeout=args.timeout)
    finally:
        service.stop()
    elapsed_ms = (time.perf_counter() - started) * 1000
    value = result.as_json(reveal=args.reveal)
    if args.json:
        emit_json({"reader": reader, **value, "elapsed_ms": round(elapsed_ms, 1)})
        return 0
    print(f"读卡器 / reader: {reader}")
    for key, label in LABELS.items():
        if value.get(key):
            print(f"{label}: {value[key]}")
    for key in value["lookup_keys"]:
        print(f"查询键 / lookup key: {key}")
    for warning in value["warnings"]:
        print(f"! {warning}")
    print(f"{value['apdu_count']} APDUs, {elapsed_ms:.0f} ms")
    return 0


def run_readers(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.devices.backends import create_backend

    backend = create_backend("pcsc")
    try:
        snapshot = backend.wait_for_change(None, 0)
    finally:
        backend.close()
    rows = [{"name": name, "card_present": present} for name, present in snapshot.items()]
    if args.json:
        emit_json({"readers": rows})
        return 0
    if not rows:
        print("没有读卡器 / no card readers")
    for row in rows:
        print(f"{row['name']}: {'有卡 / card present' if row['card_present'] else '空 / empty'}")
    return 0

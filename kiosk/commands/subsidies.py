"""`kiosk subsidies lookup`: a holder's "one card" payments from the command line.

The number given is turned into a holder key at once and never printed, stored or logged; the
answer carries the contract's field names (`payment_id`, `amount_fen`, ...) and the totals.
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "subsidies", help="look up a holder's subsidy payments",
        description='"One card" (一卡通) subsidy payments, found by holder key.')
    commands = parser.add_subparsers(dest="subsidies_command", metavar="SUBSIDIES_COMMAND",
                                     required=True)
    lookup = commands.add_parser(
        "lookup", help="payments of one holder, by ID number or card number",
        description="Find every payment of the holder of an ID number (18 characters, check "
        "digit and birth date validated) or a card number (bank card digits, or the 9-character "
        "social-security card number). The number itself is never stored or printed.")
    who = lookup.add_mutually_exclusive_group(required=True)
    who.add_argument("--id-number", metavar="N", help="the holder's 18-character ID number")
    who.add_argument("--card-number", metavar="N",
                     help="bank card number, or 9-character social-security card number")
    lookup.add_argument("--year", metavar="Y", help="only payments of this year (e.g. 2026)")
    lookup.add_argument("--json", action="store_true", help="print the result as JSON")
    lookup.set_defaults(handler=run_lookup)
    policies = commands.add_parser(
        "policies", help="the pulled subsidy policy list (补贴政策)",
        description="What each subsidy is, who qualifies, the standard, how to apply and whom "
        "to call (the `subsidy_policies` dataset).")
    policies.add_argument("--json", action="store_true", help="print as JSON")
    policies.set_defaults(handler=run_policies)


def run_policies(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.commands.voice_policies import print_policies

    return print_policies(ctx, args.json)


def service(ctx: Context) -> Any:
    from kiosk.secrets import load_secrets
    from kiosk.services.subsidies import SubsidyService

    return SubsidyService(ctx.database(), load_secrets(ctx.paths.secrets).lookup_key)


def run_lookup(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.subsidies import yuan

    subsidies = service(ctx)
    if args.id_number:
        result = subsidies.lookup_id_number(args.id_number, args.year)
    else:
        result = subsidies.lookup_card_number(args.card_number, args.year)
    if args.json:
        emit_json(result.as_json())
        return 0
    print(f"数据截至 / data as of: {result.data_as_of or '未同步 / never synced'}")
    if not result.found:
        print("没有查到补贴发放记录 / no payments found for this holder. "
              "如有疑问请问村便民服务中心代办员 / ask the village service centre clerk.")
        return 0
    print(f"{result.holder_name_masked}  尾号 / card ending {', '.join(result.card_tails)}")
    for year, totals in result.by_year():
        print(f"{year}: {totals.count} 笔 / payments, {yuan(totals.amount_fen)} 元")
    for payment in result.payments:
        print(f"  {payment.period_label:10} {payment.item_name:16} {yuan(payment.amount_fen):>10} "
              f"元  {payment.status_text()}")
    return 0

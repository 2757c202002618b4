"""`kiosk disclosures list|show|verify`: the three-affairs disclosures from the command line.

`verify` checks every stored Ed25519 signature with the provisioned publisher keys and exits
non-zero when any fails (failures are also recorded for the doctor and the heartbeat).
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "disclosures", help="browse, show and verify three-affairs disclosures",
        description="Three-affairs disclosures (党务/村务/财务) held by this terminal.")
    commands = parser.add_subparsers(dest="disclosures_command", metavar="DISCLOSURES_COMMAND",
                                     required=True)
    listing = commands.add_parser("list", help="list disclosures, newest first",
                                  description="List verified disclosures, newest first.")
    listing.add_argument("--kind", choices=("party", "village", "finance"),
                         help="only this kind (party 党务, village 村务, finance 财务)")
    listing.add_argument("--period", metavar="P",
                         help="only this period (2026-Q3, 2026-10, ...) or year (2026)")
    listing.add_argument("--search", metavar="TEXT",
                         help="words that must all occur in the title or text (2+ characters)")
    listing.add_argument("--limit", metavar="N", type=int, default=100,
                         help="at most N items (default 100)")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", help="one disclosure with its tables and ledger",
                               description="Show one disclosure (only if its signature verifies).")
    show.add_argument("id", metavar="ID", help="the disclosure id")
    show.add_argument("--json", action="store_true", help="print the item as JSON")
    show.set_defaults(handler=run_show)

    verify = commands.add_parser(
        "verify", help="check every stored signature (exit 1 if any fails)",
        description="Verify the Ed25519 signature of every stored disclosure with the "
        "publisher keys from provisioning. Exit status 1 when any item fails.")
    verify.add_argument("--json", action="store_true", help="print the report as JSON")
    verify.set_defaults(handler=run_verify)


def service(ctx: Context) -> Any:
    from kiosk.secrets import load_secrets
    from kiosk.services.disclosures import DisclosureService

    return DisclosureService(ctx.database(), load_secrets(ctx.paths.secrets).publisher_keys,
                             ctx.paths.root / "files")


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    items = service(ctx).browse(kind=args.kind, period=args.period, search=args.search or "",
                                limit=args.limit)
    if args.json:
        emit_json([item.as_json() for item in items])
        return 0
    for item in items:
        print(f"{item.published_at[:10]}  {item.id:24} [{item.kind}] {item.title}")
    if not items:
        print("没有找到 / nothing found")
    return 0


def run_show(ctx: Context, args: argparse.Namespace) -> int:
    document = service(ctx).show(args.id)
    if args.json:
        emit_json({key: value for key, value in document.item.items()})
        return 0
    s = document.summary
    print(f"{s.title}\n{s.publisher}  {s.published_at[:10]}  {s.period}\n\n{document.body}")
    for table in document.tables:
        print(f"\n{table.get('title', '')}")
        print(" | ".join(str(c) for c in table.get("columns") or []))
        for row in table.get("rows") or []:
            print(" | ".join(str(c) for c in row))
    for line in document.ledger:
        sign = "+" if line.get("direction") == "income" else "-"
        print(f"{line.get('date')}  {sign}{int(line['amount_fen']) / 100:,.2f}  {line.get('item')}")
    return 0


def run_verify(ctx: Context, args: argparse.Namespace) -> int:
    report = service(ctx).verify_all()
    if args.json:
        emit_json({"checked": report.checked, "failed": report.failed, "ok": report.ok})
    else:
        print(f"已检查 / checked {report.checked}, 未通过 / failed {len(report.failed)}")
        for failure in report.failed:
            print(f"  {failure['id']}: {failure['reason']}  {failure['title']}")
    return 0 if report.ok else 1

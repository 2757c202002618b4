"""`kiosk demo`: build the demo village in the data folder, or export it for the emulator.

It refuses a real terminal's data folder (`kiosk.services.demo_guard`) and builds only when
the folder has no demo of this seed and scale yet, or with `--rebuild`: `kiosk demo --json`
lists demo people without resetting anything."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.demo.setup import build, ensure_demo, existing

__all__ = ["build", "ensure_demo", "existing", "register", "run_demo"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="(re)build the demo village data set",
        description="Build the fictional demo village (演示数据): residents with valid-format "
        "numbers, five years of subsidy payments, eight quarters of disclosures and the service "
        "catalog, written through the same code that applies data pulled from the province.")
    parser.add_argument("--scale", choices=("village", "county"), default="village",
                        help="village: ~1,500 residents; county: 300,000 holders, ~1,000,000 "
                        "payments (for benchmarks)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--export", metavar="DIR",
                        help="write the datasets as JSON lines and provisioning.json to DIR "
                        "(seeds the province emulator) instead of the database")
    parser.add_argument("--rebuild", action="store_true",
                        help="build the demo again even when this folder already holds it "
                        "(resets the demo data and the demo staff PINs)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run_demo)


def run_demo(ctx: Context, args: argparse.Namespace) -> int:
    if args.export:
        from kiosk.demo.village import DemoVillage, export_demo

        counts = export_demo(Path(args.export), DemoVillage.make(seed=args.seed, scale=args.scale))
        if args.json:
            emit_json({"exported": str(args.export), "counts": counts})
        else:
            print(f"exported demo datasets to {args.export}: {counts}")
        return 0
    from kiosk.services.demo_guard import refuse_unless_demo_folder

    refuse_unless_demo_folder(ctx)
    result = None if args.rebuild else existing(ctx, args.scale, args.seed)
    if result is None:
        result = build(ctx, args.scale, args.seed)
    if args.json:
        emit_json(result)
        return 0
    counts = result["counts"]
    if result["built"]:
        print(f"演示村已生成 / demo village built in {result['seconds']} s "
              f"({result['residents']} residents): {counts.get('services', 0)} services, "
              f"{counts.get('disclosures', 0)} disclosures, "
              f"{counts.get('subsidies', 0)} payments.")
    else:
        print(f"演示村已在此文件夹，未重建 / the demo village is already here, not rebuilt "
              f"({counts.get('subsidies', 0)} payments); --rebuild builds it again.")
    print("Try a subsidy lookup with these demo ID numbers (fictional people):")
    for sample in result["samples"]:
        print(f"  {sample['id_number']}  card {sample['bank_card']}")
    return 0

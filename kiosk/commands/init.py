"""`kiosk init`: write a starter configuration for a real terminal and say what comes next."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.context import Context
from kiosk.errors import ConfigError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "init", help="write a starter configuration for a real terminal",
        description="Write a commented configuration file (terminal id, village code, province "
        "URL, printer, idle timeout, language) and print the next steps.")
    parser.add_argument("--terminal-id", help="e.g. T-330122-0001")
    parser.add_argument("--village-code", help="12-digit village code")
    parser.add_argument("--province-url", help="base URL of the provincial platform")
    parser.add_argument("--printer", choices=("cups", "escpos", "file"), default="cups",
                        help="printer back end (default cups; file only writes PDFs into a "
                        "folder and is for the demo, so init refuses it)")
    parser.add_argument("--language", choices=("zh_CN", "en"))
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(handler=run_init)


def run_init(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.config import parse_settings, starter_file

    target = ctx.config_file
    if args.printer == "file":
        raise ConfigError(
            "打印机 file 只用于演示，真实终端请用 cups 或 escpos / --printer file only writes "
            "PDFs into a folder (the demo's printer): a real terminal prints with --printer cups "
            "(a CUPS queue) or --printer escpos (a thermal receipt printer)")
    if target.exists() and not args.force:
        raise ConfigError(f"{target} already exists; use --force to overwrite it.")
    overrides = {
        ("terminal", "id"): args.terminal_id,
        ("terminal", "village_code"): args.village_code,
        ("province", "url"): args.province_url,
        ("printer", "backend"): args.printer,
        ("kiosk", "language"): args.language,
    }
    text = starter_file({k: v for k, v in overrides.items() if v is not None})
    parse_settings(text, "the new configuration", environ={})  # never write a refused file
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    print(f"配置已写入 / configuration written to {target}")
    print("Next steps:")
    print(f"  1. Check the values in {target} (terminal id, village code, printer queues).")
    print("  2. Enroll with the province:  kiosk enroll URL --terminal-id T --code CODE")
    print("  3. Add a clerk and an admin:  kiosk users add ...")
    print("  4. Check the terminal:        kiosk doctor")
    print("  5. Start the kiosk:           kiosk run")
    return 0

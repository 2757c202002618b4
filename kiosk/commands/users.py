"""`kiosk users add|disable|enable|reset-pin|list`: staff accounts, managed by an admin.

A PIN is never taken from the command line (it would show in `ps` and the shell history): it is
asked for twice on the terminal, or read from standard input with `--pin-stdin` for scripts.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError

ACTOR = "cli-admin"


def register(subparsers: Any) -> None:
    users = subparsers.add_parser(
        "users", help="add, disable or reset the PIN of clerk and admin accounts",
        description="Staff accounts. There is no default account or PIN: an admin adds each "
        "clerk and admin here. PINs are 6-12 digits, stored only as salted scrypt hashes.")
    sub = users.add_subparsers(dest="users_command", required=True, metavar="COMMAND")
    add = sub.add_parser("add", help="add a clerk or admin")
    add.add_argument("user_id", metavar="ID", help="staff number, e.g. 1001")
    add.add_argument("--name", required=True, help="the person's name")
    add.add_argument("--role", choices=("clerk", "admin"), required=True)
    add.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    for name, handler, text in (("disable", run_disable, "stop an account signing in"),
                                ("enable", run_enable, "allow a disabled account again")):
        parser = sub.add_parser(name, help=text)
        parser.add_argument("user_id", metavar="ID")
        parser.add_argument("--json", action="store_true")
        parser.set_defaults(handler=handler)
    reset = sub.add_parser("reset-pin", help="set a new PIN (also clears a lockout)")
    reset.add_argument("user_id", metavar="ID")
    reset.add_argument("--pin-stdin", action="store_true", help="read the PIN from stdin")
    reset.add_argument("--json", action="store_true")
    reset.set_defaults(handler=run_reset)
    listing = sub.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def _auth(ctx: Context) -> Any:
    from kiosk.services.audit import AuditLog
    from kiosk.services.auth import AuthService

    from kiosk.secrets import pin_pepper

    db = ctx.database()
    return AuthService(db, AuditLog(db), pepper=pin_pepper(ctx.paths.secrets))


def read_pin(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().strip()
    import getpass

    first = getpass.getpass("PIN (6-12 位数字 / digits): ")
    if getpass.getpass("PIN again / 再输一次: ") != first:
        raise KioskError("两次输入不一致 / the two PINs differ; nothing was changed")
    return first


def run_add(ctx: Context, args: argparse.Namespace) -> int:
    info = _auth(ctx).add_user(args.user_id, args.name, args.role, read_pin(args.pin_stdin),
                               actor=ACTOR)
    if args.json:
        emit_json(info.as_json())
    else:
        print(f"已添加 / added {info.role} {info.user_id} ({info.name})")
    return 0


def _simple(ctx: Context, args: argparse.Namespace, disabled: bool) -> int:
    _auth(ctx).set_disabled(args.user_id, disabled, actor=ACTOR)
    if args.json:
        emit_json({"user_id": args.user_id, "disabled": disabled})
    else:
        print(f"{'已停用 / disabled' if disabled else '已启用 / enabled'} {args.user_id}")
    return 0


def run_disable(ctx: Context, args: argparse.Namespace) -> int:
    return _simple(ctx, args, True)


def run_enable(ctx: Context, args: argparse.Namespace) -> int:
    return _simple(ctx, args, False)


def run_reset(ctx: Context, args: argparse.Namespace) -> int:
    _auth(ctx).reset_pin(args.user_id, read_pin(args.pin_stdin), actor=ACTOR)
    if args.json:
        emit_json({"user_id": args.user_id, "pin_reset": True})
    else:
        print(f"已重设 PIN / PIN reset for {args.user_id}")
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    users = _auth(ctx).users()
    if args.json:
        emit_json([u.as_json() for u in users])
        return 0
    for user in users:
        flags = " disabled" if user.disabled else ""
        flags += " locked" if user.locked else ""
        print(f"{user.user_id}\t{user.role}\t{user.name}{flags}")
    return 0

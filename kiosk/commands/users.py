"""`kiosk users add|disable|enable|reset-pin|unlock|enroll-card|remove-cards|list`: staff
accounts, managed by an admin.

A PIN (or a clerk's ID number) is never taken from the command line (it would show in `ps` and
the shell history): a PIN is asked for twice on the terminal, or read from standard input with
`--pin-stdin` for scripts; an ID number with `--id-number-stdin`.
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
    unlock = sub.add_parser("unlock", help="end a lockout (the last lockout step needs this)")
    unlock.add_argument("user_id", metavar="ID")
    unlock.add_argument("--json", action="store_true")
    unlock.set_defaults(handler=run_unlock)
    card = sub.add_parser(
        "enroll-card", help="let a clerk sign in with their social-security or ID card + PIN",
        description="Read the clerk's card in the reader (or take their ID number from stdin) "
        "and bind it to the account. The card then stands in for the staff number at sign-in; "
        "the PIN is always asked for.")
    card.add_argument("user_id", metavar="ID")
    card.add_argument("--id-number-stdin", action="store_true",
                      help="read the clerk's 18-character ID number from stdin instead of a "
                      "card (any of their cards carrying it then works, an ID card too)")
    card.add_argument("--reader", metavar="NAME", help="card reader name (default: any)")
    card.add_argument("--timeout", type=float, default=20.0, metavar="S",
                      help="seconds to wait for the card (default 20)")
    card.add_argument("--json", action="store_true")
    card.set_defaults(handler=run_enroll_card)
    remove = sub.add_parser("remove-cards", help="forget every card enrolled for an account")
    remove.add_argument("user_id", metavar="ID")
    remove.add_argument("--json", action="store_true")
    remove.set_defaults(handler=run_remove_cards)
    listing = sub.add_parser("list", help="list the accounts")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def _auth(ctx: Context) -> Any:
    from kiosk.secrets import pin_pepper
    from kiosk.services.audit import AuditLog
    from kiosk.services.auth import AuthService

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


def run_unlock(ctx: Context, args: argparse.Namespace) -> int:
    _auth(ctx).unlock(args.user_id, actor=ACTOR)
    if args.json:
        emit_json({"user_id": args.user_id, "unlocked": True})
    else:
        print(f"已解锁 / unlocked {args.user_id}")
    return 0


def _card_keys(ctx: Context, args: argparse.Namespace) -> list[Any]:
    from kiosk.secrets import load_secrets
    from kiosk.services import staff_cards

    lookup_key = load_secrets(ctx.paths.secrets).lookup_key
    if args.id_number_stdin:
        from kiosk.services.subsidies import validate_id_number

        number = validate_id_number(sys.stdin.readline().strip())
        return staff_cards.keys_from_numbers(lookup_key, id_number=number)
    from kiosk.commands.card import _reader_setting
    from kiosk.devices.backends import create_backend
    from kiosk.services.card_service import CardService

    service = CardService(create_backend("pcsc"), lookup_key, reader=_reader_setting(ctx, args))
    try:
        _reader, card = service.read_once(timeout=args.timeout)
    finally:
        service.stop()
    return staff_cards.keys_from_card(lookup_key, card)


def run_enroll_card(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services import staff_cards

    auth = _auth(ctx)
    if auth.enabled_staff(args.user_id) is None:  # before waiting for a card
        raise KioskError(f"没有这个可用的工号 / no enabled staff number {args.user_id}")
    keys = _card_keys(ctx, args)
    staff_cards.enroll_card(auth, args.user_id, keys, actor=ACTOR)
    labels = [k.label for k in keys]
    if args.json:
        emit_json({"user_id": args.user_id, "cards": labels})
    else:
        print(f"已登记卡 / card enrolled for {args.user_id}: {', '.join(labels)} "
              "(登录时仍需 PIN / the PIN is still needed to sign in)")
    return 0


def run_remove_cards(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services import staff_cards

    removed = staff_cards.remove_cards(_auth(ctx), args.user_id, actor=ACTOR)
    if args.json:
        emit_json({"user_id": args.user_id, "removed": removed})
    else:
        print(f"已移除 {removed} 张卡 / removed {removed} card key(s) of {args.user_id}")
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    users = _auth(ctx).users()
    if args.json:
        emit_json([u.as_json() for u in users])
        return 0
    for user in users:
        flags = " disabled" if user.disabled else ""
        flags += " locked" if user.locked else ""
        flags += f" cards={user.cards}" if user.cards else ""
        print(f"{user.user_id}\t{user.role}\t{user.name}{flags}")
    return 0

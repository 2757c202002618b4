"""`kiosk sync`, `kiosk outbox`, `kiosk enroll` and `kiosk keys`: the admin's handles on province
sync and on the keys it trusts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.commands.output import emit_json
from kiosk.context import Context
from kiosk.errors import KioskError


def register(subparsers: Any) -> None:
    sync = subparsers.add_parser(
        "sync", help="send the outbox to the province and pull its datasets",
        description="Push pending applications, clerk actions and audit events, send a "
        "heartbeat, and pull the datasets. Prints what was sent, quarantined, pulled, and the "
        "datasets' cursors.")
    sync.add_argument("--once", action="store_true",
                      help="send now: try every pending item, ignoring backoff delays")
    only = sync.add_mutually_exclusive_group()
    only.add_argument("--push-only", action="store_true", help="only send the outbox")
    only.add_argument("--pull-only", action="store_true", help="only pull the datasets")
    sync.add_argument("--json", action="store_true", help="print the result as JSON")
    sync.set_defaults(handler=run_sync)

    box = subparsers.add_parser(
        "outbox", help="show the outbox; retry or export an item",
        description="List pending and quarantined items with their reasons.")
    box.add_argument("--json", action="store_true", help="print the items as JSON")
    box.add_argument("--all", action="store_true", help="include items already sent")
    actions = box.add_subparsers(dest="outbox_action", metavar="ACTION")
    retry = actions.add_parser("retry", help="send a quarantined or waiting item again now")
    retry.add_argument("id", type=int, help="the outbox id (first column of `kiosk outbox`)")
    retry.add_argument("--json", action="store_true")
    export = actions.add_parser("export", help="write an item's exact payload to a file")
    export.add_argument("id", type=int)
    export.add_argument("--to", type=Path, required=True, metavar="FILE")
    export.add_argument("--json", action="store_true")
    box.set_defaults(handler=run_outbox)

    enroll = subparsers.add_parser(
        "enroll", help="enroll this terminal with the province",
        description="Trade the one-time enrollment code for the terminal secret, lookup key and "
        "publisher keys (saved to the 0600 secrets file) and save the province URL.")
    enroll.add_argument("url", help="province base URL, e.g. https://province.example/vt")
    enroll.add_argument("--terminal-id", required=True, metavar="T")
    enroll.add_argument("--code", required=True, metavar="C", help="one-time enrollment code")
    enroll.add_argument("--village-code", metavar="CODE",
                        help="12-digit village code (default: [terminal] village_code)")
    enroll.add_argument("--accept-key-changes", action="store_true",
                        help="re-enrollment: take publisher keys that differ from the ones "
                        "trusted now at once (otherwise they wait for `kiosk keys accept`)")
    enroll.add_argument("--json", action="store_true")
    enroll.set_defaults(handler=run_enroll)

    keys = subparsers.add_parser(
        "keys", help="the publishers' signing keys: list, accept or reject a change",
        description="The Ed25519 keys that disclosures must be signed with, by fingerprint. "
        "Keys a re-enrollment brought wait here until an admin accepts or rejects them; a "
        "signed key list from the province rotates them without this step.")
    keys.add_argument("--json", action="store_true", help="print the keys as JSON")
    key_actions = keys.add_subparsers(dest="keys_action", metavar="ACTION")
    for name, text in (("accept", "trust the keys waiting for confirmation"),
                       ("reject", "keep the keys trusted now, drop the waiting ones")):
        action = key_actions.add_parser(name, help=text)
        action.add_argument("--json", action="store_true")
    keys.set_defaults(handler=run_keys)


def run_sync(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.sync_service import SyncService

    result = SyncService(ctx.paths, ctx.settings).run(
        push=not args.pull_only, pull=not args.push_only, once=args.once)
    document = result.as_json()
    if args.json:
        emit_json(document)
    else:
        _print_sync(document)
    failed = bool(result.push and result.push.get("paused")) or bool(
        result.pull and not result.pull.get("ok"))
    return 1 if failed else 0


def _print_sync(document: dict[str, Any]) -> None:
    push = document.get("push")
    if push is not None:
        print(f"发送 / sent: {push['sent']}, 稍后重试 / retry later: {push['retry']}, "
              f"隔离 / quarantined: {len(push['quarantined'])}")
        for item in push["quarantined"]:
            print(f"  ✗ #{item['outbox_id']} {item['kind']} {item['item_id']}: {item['reason']}")
        if push["paused"]:
            print(f"  暂停发送 / pushing paused: {push['paused']}")
    pull = document.get("pull")
    if pull is not None:
        for data in pull["datasets"]:
            extra = " rebuilt" if data["rebuilt"] else ""
            extra += f" rejected={data['rejected']}" if data["rejected"] else ""
            extra += f" error: {data['error']}" if data["error"] else ""
            print(f"拉取 / pulled {data['dataset']}: +{data['upserts']} -{data['deletes']} "
                  f"({data['count']} items){extra}")
    for dataset, cursor in document.get("cursors", {}).items():
        print(f"  cursor {dataset}: {cursor}")


def run_outbox(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.sync_service import SyncService

    service = SyncService(ctx.paths, ctx.settings)
    if args.outbox_action == "retry":
        if not service.retry(args.id):
            raise KioskError(f"没有可重试的项 / no quarantined or pending outbox item {args.id}")
        if args.json:
            emit_json({"retried": args.id})
        else:
            print(f"已重新排队 / item {args.id} will be sent at the next sync")
        return 0
    if args.outbox_action == "export":
        summary, payload = service.export(args.id)
        args.to.write_bytes(payload)
        if args.json:
            emit_json({**summary, "exported_to": str(args.to), "bytes": len(payload)})
        else:
            print(f"已导出 / wrote {len(payload)} bytes of item {args.id} to {args.to}")
        return 0
    items = service.outbox_items(include_sent=args.all)
    status = service.status()
    if args.json:
        emit_json({"pending": status.pending, "quarantined": status.quarantined,
                   "oldest_pending_age_s": status.oldest_pending_age_s,
                   "paused": status.paused, "items": items, "rejected": status.rejected})
        return 0
    print(f"待发送 / pending: {status.pending} (oldest {status.oldest_pending_age_s} s), "
          f"隔离 / quarantined: {status.quarantined}"
          + (f", 暂停 / paused: {status.paused}" if status.paused else ""))
    for item in items:
        why = item["reason"] or item["last_error"] or ""
        print(f"  #{item['id']:<6} {item['state']:<12} {item['kind']:<13} {item['item_id']} "
              f"tries={item['attempts']} {why}")
    for rejected in status.rejected:
        print(f"  未通过验签 / rejected {rejected['dataset']} {rejected['key']}: "
              f"{rejected['reason']}")
    return 0


def run_enroll(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services.sync_service import enroll

    result = enroll(ctx.paths, ctx.settings, ctx.config_file, args.url, args.terminal_id,
                    args.code, args.village_code, accept_key_changes=args.accept_key_changes)
    if args.json:
        emit_json(result)
    else:
        village = json.dumps(result["village"], ensure_ascii=False)
        print(f"注册成功 / enrolled {result['terminal_id']} for {village}")
        print(f"  secrets: {result['secrets']}  config: {result['config']}")
        if result["pending_confirmation"]:
            print("  ⚠ 发布者密钥有变化，尚未启用 / the publisher keys changed and are NOT in use "
                  "yet: check them with `kiosk keys`, then `kiosk keys accept` or `reject`")
            _print_changes(result["publisher_key_changes"])
    return 0


def _print_changes(changes: dict[str, Any]) -> None:
    for label, name in (("新增 / added", "added"), ("移除 / removed", "removed"),
                        ("更换 / replaced", "replaced")):
        for key_id, fingerprint in (changes.get(name) or {}).items():
            print(f"    {label} {key_id}: {fingerprint}")


def run_keys(ctx: Context, args: argparse.Namespace) -> int:
    from kiosk.services import publisher_keys

    if args.keys_action in ("accept", "reject"):
        from kiosk.services.audit import AuditLog
        from kiosk.storage.database import transaction

        db = ctx.database()
        with transaction(db):
            result = publisher_keys.decide_pending(ctx.paths.secrets,
                                                   args.keys_action == "accept", AuditLog(db),
                                                   "cli-admin")
        if args.json:
            emit_json(result)
        else:
            print("已启用新密钥 / the new publisher keys are in use" if result["accepted"]
                  else "已保留原密钥 / the waiting keys were dropped; the old ones stay")
        return 0
    state = publisher_keys.pending(ctx.paths.secrets)
    if args.json:
        emit_json(state)
        return 0
    print(f"发布者密钥 / publisher keys (key list version {state['key_list_version']}):")
    for key_id, fingerprint in state["keys"].items():
        print(f"  {key_id}: {fingerprint}")
    if state["changes"]:
        print("待确认的变化 / waiting for an admin (kiosk keys accept|reject):")
        _print_changes(state["changes"])
    return 0

"""`kiosk subsidies policies`: the pulled `subsidy_policies` list (contract section 11)."""

from __future__ import annotations

from kiosk.commands.output import emit_json
from kiosk.context import Context


def print_policies(ctx: Context, as_json: bool) -> int:
    from kiosk.services.feedback import PolicyService

    policies = PolicyService(ctx.database()).entries()
    if as_json:
        emit_json(policies)
        return 0
    if not policies:
        print("还没有补贴政策，请先同步 / no policies yet: run `kiosk sync`")
    for policy in policies:
        print(f"{policy['item_code']}  {policy['item_name']}  ({policy['department']}, "
              f"{policy['standard']})")
        print(f"    对象 / who qualifies: {policy['who_qualifies']}")
        print(f"    办理 / how to apply: {policy['how_to_apply']}")
        print(f"    咨询 / contact: {policy['contact']}")
    return 0

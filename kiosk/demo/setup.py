"""Putting the demo village into a data folder: `kiosk demo`, and `kiosk run --demo` through
the composition root (`kiosk.app`), which must not import the command layer that imports it.
"""

from __future__ import annotations

import time
from typing import Any

from kiosk.context import Context


def ensure_demo(ctx: Context, seed: int = 2026) -> bool:
    """Build the demo village when the database holds none yet; True when it built one."""
    from kiosk.storage.facts import read_facts

    if read_facts(ctx.database()).get("demo") == "1":
        return False
    build(ctx, "village", seed)
    return True


def build(ctx: Context, scale: str, seed: int) -> dict[str, Any]:
    from kiosk.demo.village import DemoVillage, build_demo
    from kiosk.secrets import save_secrets

    village = DemoVillage.make(seed=seed, scale=scale)
    save_secrets(ctx.paths.secrets, village.keys.secrets())
    started = time.perf_counter()
    result = build_demo(ctx.database(), village)
    result["seconds"] = round(time.perf_counter() - started, 2)
    from kiosk.services.auth import add_demo_staff  # demo clerk and admin (docs/staff.md)

    result["staff"] = add_demo_staff(ctx.database())
    result["scale"] = scale
    result["seed"] = seed
    return result

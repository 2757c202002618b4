"""Putting the demo village into a data folder: `kiosk demo`, and `kiosk run --demo` through
the composition root (`kiosk.app`), which must not import the command layer that imports it.

Both refuse a real terminal's data folder (`kiosk.services.demo_guard`) before writing a byte.
"""

from __future__ import annotations

import time
from typing import Any

from kiosk.context import Context


def ensure_demo(ctx: Context, seed: int = 2026) -> bool:
    """Build the demo village when the database holds none yet; True when it built one.

    Refuses (`DemoRefused`, nothing written) a data folder of a real terminal."""
    from kiosk.services.demo_guard import refuse_unless_demo_folder
    from kiosk.storage.facts import read_facts

    refuse_unless_demo_folder(ctx)
    if read_facts(ctx.database()).get("demo") == "1":
        return False
    build(ctx, "village", seed)
    return True


def build(ctx: Context, scale: str, seed: int) -> dict[str, Any]:
    from kiosk.demo.village import DemoVillage, build_demo
    from kiosk.secrets import save_secrets
    from kiosk.services.demo_guard import refuse_unless_demo_folder
    from kiosk.storage.facts import write_facts

    refuse_unless_demo_folder(ctx)  # before the first byte is written
    village = DemoVillage.make(seed=seed, scale=scale)
    save_secrets(ctx.paths.secrets, village.keys.secrets())
    started = time.perf_counter()
    result = build_demo(ctx.database(), village)
    result["seconds"] = round(time.perf_counter() - started, 2)
    from kiosk.services.auth import add_demo_staff  # demo clerk and admin (docs/staff.md)

    result["staff"] = add_demo_staff(ctx.database())
    write_facts(ctx.database(), {"demo_scale": scale})
    result["scale"] = scale
    result["seed"] = seed
    result["built"] = True
    return result


def existing(ctx: Context, scale: str, seed: int) -> dict[str, Any] | None:
    """The demo already in this folder with this scale and seed (no rebuild), else None."""
    from kiosk.demo.village import DemoVillage, sample_holders
    from kiosk.services.demo_keys import DEMO_STAFF
    from kiosk.storage.datasets import DatasetStore
    from kiosk.storage.facts import read_facts

    facts = read_facts(ctx.database())
    if facts.get("demo") != "1" or facts.get("demo_seed") != str(seed) \
            or facts.get("demo_scale", "village") != scale:
        return None
    village = DemoVillage.make(seed=seed, scale=scale)
    store = DatasetStore(ctx.database())
    counts = {name: store.count(name) for name in ("services", "disclosures", "subsidies",
                                                   "subsidy_policies")}
    residents = village.residents()
    return {"built": False, "counts": counts, "residents": len(residents),
            "samples": sample_holders(residents), "scale": scale, "seed": seed,
            "staff": [{"user_id": u, "name": n, "role": r, "pin": p}
                      for u, n, r, p in DEMO_STAFF]}

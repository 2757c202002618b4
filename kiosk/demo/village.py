"""Building the demo village: one seeded generator, written through the real dataset appliers.

`build_demo` makes residents, subsidy payments, disclosures and services, provisions demo
secrets (lookup key, publisher key) and applies everything page by page through
`DatasetStore.apply_page`, exactly as pulled pages are applied. `export_demo` writes the same
items as JSON lines plus a provisioning file, which seeds the province emulator.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from kiosk.demo import catalog, disclosures, policies, subsidies
from kiosk.demo.people import Resident, make_residents
from kiosk.services.demo_keys import PUBLISHER_KEY_ID, DemoKeys
from kiosk.storage.database import Database, transaction
from kiosk.storage.datasets import DatasetStore
from kiosk.storage.facts import write_facts

REGION = "330122"
VILLAGE = {"code": "330122105201", "name": "桐溪村", "township": "分水镇", "county": "桐庐县"}
TERMINAL_ID = "T-330122-0001"
PAGE = 5000


@dataclass(frozen=True)
class Scale:
    residents: int
    subsidy_months: int
    disclosure_quarters: int


SCALES = {
    "village": Scale(residents=1500, subsidy_months=60, disclosure_quarters=8),
    "county": Scale(residents=300_000, subsidy_months=10, disclosure_quarters=8),
}


@dataclass(frozen=True)
class DemoVillage:
    seed: int
    scale: Scale
    today: date
    keys: DemoKeys

    @classmethod
    def make(cls, seed: int = 2026, scale: str = "village", today: date | None = None) -> DemoVillage:
        return cls(seed, SCALES[scale], today or date.today(), DemoKeys.for_seed(seed))

    def _rng(self, part: str) -> random.Random:
        return random.Random(f"{self.seed}/{part}")

    def residents(self) -> list[Resident]:
        return make_residents(self._rng("people"), self.scale.residents, REGION, self.today)

    def payments(self, residents: list[Resident]) -> Iterator[dict[str, Any]]:
        return subsidies.payments_for(residents, self.keys.lookup_key, self._rng("subsidies"),
                                      self.today, self.scale.subsidy_months)

    def disclosures(self) -> Iterator[dict[str, Any]]:
        return disclosures.disclosures_for(self._rng("disclosures"), self.today,
                                           self.keys.publisher, PUBLISHER_KEY_ID,
                                           self.scale.disclosure_quarters)

    def datasets(self, residents: list[Resident]) -> dict[str, Iterable[dict[str, Any]]]:
        return {
            "services": catalog.services(),
            "disclosures": self.disclosures(),
            "subsidies": self.payments(residents),
            "subsidy_policies": policies.policies(),
        }


_KEY_FIELD = {"services": "id", "disclosures": "id", "subsidies": "payment_id",
              "subsidy_policies": "item_code"}


def _pages(items: Iterable[dict[str, Any]], key: str) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(items)
    while page := list(islice(iterator, PAGE)):
        yield [{"key": item[key], "op": "upsert", "data": item} for item in page]


def build_demo(db: Database, village: DemoVillage) -> dict[str, Any]:
    """(Re)build every demo dataset in the database; returns counts and sample holders."""
    residents = village.residents()
    store = DatasetStore(db)
    synced_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    counts: dict[str, int] = {}
    for name, items in village.datasets(residents).items():
        with transaction(db):  # one transaction per dataset: bulk speed, all or nothing
            store.clear(name)
            pages = 0
            for page in _pages(items, _KEY_FIELD[name]):
                pages += 1
                store.apply_page(name, page, next_cursor=f"demo-{pages}", total=None,
                                 synced_at=synced_at)
            counts[name] = store.count(name)
            store.apply_page(name, [], next_cursor=f"demo-{pages}", total=counts[name],
                             synced_at=synced_at)
    write_facts(db, {
        "village_code": VILLAGE["code"], "village_name": VILLAGE["name"],
        "township": VILLAGE["township"], "county": VILLAGE["county"],
        "demo": "1", "demo_seed": str(village.seed),
    })
    return {"counts": counts, "residents": len(residents), "samples": sample_holders(residents)}


def sample_holders(residents: list[Resident], count: int = 5) -> list[dict[str, str]]:
    """A few demo people to try lookups with (fake numbers, labelled as demo data)."""
    chosen = [r for r in residents if r.age_on(date.today()) >= 62][:count]
    return [{"name": r.name, "id_number": r.id_number, "bank_card": r.bank_card,
             "ssc_number": r.ssc_number} for r in chosen]


def export_demo(folder: Path, village: DemoVillage) -> dict[str, int]:
    """Write the datasets as JSON lines and `provisioning.json` (seeds the province emulator)."""
    folder.mkdir(parents=True, exist_ok=True)
    residents = village.residents()
    counts = {}
    for name, items in village.datasets(residents).items():
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            count = 0
            for item in items:
                handle.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
                count += 1
        counts[name] = count
    import base64

    keys = village.keys
    provisioning = {
        "terminal_id": TERMINAL_ID,
        "village_code": VILLAGE["code"],
        "enrollment_code": keys.enrollment_code,
        "terminal_secret": keys.terminal_secret.hex(),
        "lookup_key": keys.lookup_key.hex(),
        "publisher_keys": [{"key_id": PUBLISHER_KEY_ID,
                            "public_key": base64.b64encode(keys.publisher_public).decode()}],
        "publisher_private_keys": {PUBLISHER_KEY_ID: base64.b64encode(
            keys.publisher.private_bytes_raw()).decode()},
        "village": VILLAGE,
    }
    (folder / "provisioning.json").write_text(
        json.dumps(provisioning, ensure_ascii=False, indent=2), encoding="utf-8")
    return counts

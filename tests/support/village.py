"""A small demo village per test: real appliers, signed disclosures, provisioned keys, and the
services built over it, as the kiosk builds them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config import load_settings
from kiosk.demo.people import Resident
from kiosk.demo.village import DemoVillage, Scale, build_demo
from kiosk.paths import DataPaths
from kiosk.secrets import save_secrets
from kiosk.services.card_service import CardService
from kiosk.services.demo_keys import DemoKeys
from kiosk.services.registry import Services
from kiosk.storage.database import Database, open_database

TODAY = dt.date(2026, 11, 30)


@dataclass
class Village:
    db: Database
    paths: DataPaths
    services: Services
    residents: list[Resident]
    demo: DemoVillage

    def holder_with_payments(self) -> Resident:
        for resident in self.residents:
            if self.services.subsidies.lookup_id_number(resident.id_number).found:
                return resident
        raise AssertionError("no demo resident has payments")

    def tamper(self, item_id: str, **changes: Any) -> None:
        """Change a stored item behind the applier's back, as an attacker with the file would."""
        data = json.loads(self.db.conn.execute("SELECT data FROM disclosures WHERE id = ?",
                                               (item_id,)).fetchone()[0])
        data.update(changes)
        self.db.conn.execute("UPDATE disclosures SET data = ?, title = ? WHERE id = ?",
                             (json.dumps(data, ensure_ascii=False), data["title"], item_id))


def demo_village(data_dir: Path, scale: Scale, *,
                 card_factory: Callable[[bytes], CardService] | None = None,
                 **settings: Any) -> Iterator[Village]:
    """Build the village into `data_dir`, yield it, close its database (a fixture's body).
    Idle times are short (15 s, 5 s countdown) unless `settings` say otherwise.
    `card_factory(lookup_key)`: the card service the kiosk opens after its first frame
    (Services is immutable once built, as the composition root builds it)."""
    paths = DataPaths(data_dir)
    demo = DemoVillage(2026, scale, TODAY, DemoKeys.for_seed(2026))
    save_secrets(paths.secrets, demo.keys.secrets())
    db = open_database(paths.database, check_same_thread=False)
    build_demo(db, demo)
    values = {"kiosk__idle_timeout_s": 15, "kiosk__countdown_s": 5, **settings}
    config = load_settings(None, environ={}).with_values(**values)
    # demo: as `kiosk run --demo` wires it, the simulated document camera
    key = demo.keys.lookup_key
    services = Services.build(db, config, paths, demo=True, card_factory=(
        (lambda: card_factory(key)) if card_factory is not None else None))
    yield Village(db, paths, services, demo.residents(), demo)
    db.close()

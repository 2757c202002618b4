"""A small demo village (real appliers, signed disclosures, provisioned keys) per test."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from kiosk.demo.people import Resident
from kiosk.demo.village import DemoKeys, DemoVillage, Scale, build_demo
from kiosk.paths import DataPaths
from kiosk.secrets import save_secrets
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


@pytest.fixture
def village(data_dir: Path) -> Iterator[Village]:
    paths = DataPaths(data_dir)
    demo = DemoVillage(2026, Scale(residents=300, subsidy_months=24, disclosure_quarters=8),
                       TODAY, DemoKeys.for_seed(2026))
    save_secrets(paths.secrets, demo.keys.secrets())
    db = open_database(paths.database, check_same_thread=False)
    build_demo(db, demo)
    settings = load_settings(None, environ={}).with_values(kiosk__idle_timeout_s=15,
                                                           kiosk__countdown_s=5)
    yield Village(db, paths, Services.build(db, settings, paths), demo.residents(), demo)
    db.close()


@pytest.fixture
def shell(qtbot: QtBot, village: Village):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell, install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    kiosk = KioskShell(app, village.services, pool, width=1920, height=1080)
    qtbot.addWidget(kiosk.window)
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    yield kiosk
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()  # no timer of this shell may fire into the next test
    pool.shutdown(wait=True)

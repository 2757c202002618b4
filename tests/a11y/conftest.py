"""A kiosk over a small demo village (subsidies, disclosures), with the mock speech engine."""

from __future__ import annotations

import datetime as dt
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

    def holder_with_payments(self) -> Resident:
        for resident in self.residents:
            if self.services.subsidies.lookup_id_number(resident.id_number).found:
                return resident
        raise AssertionError("no demo resident has payments")


def _village(data_dir: Path, **settings: Any) -> Iterator[Village]:
    paths = DataPaths(data_dir)
    demo = DemoVillage(2026, Scale(residents=120, subsidy_months=12, disclosure_quarters=4),
                       TODAY, DemoKeys.for_seed(2026))
    save_secrets(paths.secrets, demo.keys.secrets())
    db = open_database(paths.database, check_same_thread=False)
    build_demo(db, demo)
    values = {"kiosk__idle_timeout_s": 15, "kiosk__countdown_s": 5, **settings}
    config = load_settings(None, environ={}).with_values(**values)
    yield Village(db, paths, Services.build(db, config, paths), demo.residents())
    db.close()


@pytest.fixture
def village(data_dir: Path) -> Iterator[Village]:
    yield from _village(data_dir)


def make_shell(qtbot: QtBot, services: Services, pool: ThreadPoolExecutor, *,
               width: int = 1920, height: int = 1080) -> Any:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell, install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    kiosk = KioskShell(app, services, pool, width=width, height=height, voice_engine="mock")
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    return kiosk


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    yield executor
    executor.shutdown(wait=True)


@pytest.fixture
def shell(qtbot: QtBot, village: Village, pool: ThreadPoolExecutor) -> Iterator[Any]:
    kiosk = make_shell(qtbot, village.services, pool)
    yield kiosk
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()

"""A kiosk over a small demo village (subsidies, disclosures), with the mock speech engine."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo.village import Scale
from kiosk.services.registry import Services
from tests.support.village import Village, demo_village


@pytest.fixture
def village(data_dir: Path) -> Iterator[Village]:
    yield from demo_village(data_dir, Scale(residents=120, subsidy_months=12,
                                            disclosure_quarters=4))


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

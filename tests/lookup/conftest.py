"""A small demo village (real appliers, signed disclosures, provisioned keys) per test."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.demo.village import Scale
from tests.support.village import Village, demo_village


@pytest.fixture
def village(data_dir: Path) -> Iterator[Village]:
    yield from demo_village(data_dir, Scale(residents=300, subsidy_months=24,
                                            disclosure_quarters=8))


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

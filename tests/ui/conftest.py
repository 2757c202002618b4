"""A kiosk window over a real database with a few reference items, for pytest-qt tests."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from kiosk.paths import DataPaths
from kiosk.services.registry import Services
from kiosk.storage.database import open_database
from kiosk.storage.datasets import DatasetStore
from kiosk.storage.facts import write_facts


def _service(i: int, category: str) -> dict[str, object]:
    return {"id": f"svc-{i}", "category": category, "name": f"测试服务{i}", "summary": "说明",
            "materials": ["身份证"], "form": {}, "form_version": 1, "form_sha256": "0" * 64}


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    paths = DataPaths(data_dir)
    db = open_database(paths.database, check_same_thread=False)
    DatasetStore(db).apply_page(
        "services",
        [{"key": f"svc-{i}", "op": "upsert", "data": _service(i, c)}
         for i, c in enumerate(["社会救助", "社会救助", "残疾人服务"])],
        next_cursor="1", total=3, synced_at="2026-11-30T02:00:00Z")
    write_facts(db, {"village_name": "桐溪村"})
    settings = load_settings(None, environ={}).with_values(kiosk__idle_timeout_s=15,
                                                           kiosk__countdown_s=5)
    yield Services.build(db, settings, paths)
    db.close()


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    yield pool
    pool.shutdown(wait=True)


@pytest.fixture
def shell(qtbot: QtBot, services: Services, executor: ThreadPoolExecutor):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell, install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    kiosk = KioskShell(app, services, executor, width=1920, height=1080)
    qtbot.addWidget(kiosk.window)
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    yield kiosk
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()  # no timer of this shell may fire into the next test

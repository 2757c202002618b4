"""The terminal status has one writer: the sync worker reports whether the province answered,
from its own thread, and everyone else reads a frozen snapshot."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from kiosk.paths import DataPaths
from kiosk.services.registry import Services
from kiosk.services.status import StatusService
from kiosk.storage.database import open_database


def test_only_the_sync_worker_writes_online(qtbot: QtBot, data_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.ui.sync_controller import SyncController

    writers: list[str] = []
    report = StatusService.report_online

    def recording(self: StatusService, reached: bool) -> None:
        writers.append(threading.current_thread().name)
        report(self, reached)

    monkeypatch.setattr(StatusService, "report_online", recording)
    settings = load_settings(None, environ={}).with_values(
        province__url="http://127.0.0.1:9")  # nothing listens there
    db = open_database(data_dir / "kiosk.sqlite3", check_same_thread=False)
    services = Services.build(db, settings, DataPaths(data_dir))
    controller = SyncController(services)
    try:
        with qtbot.waitSignal(controller.sync_finished, timeout=30_000) as finished:
            controller.sync_now()
        assert finished.args == [False]
        assert writers
        assert all(name.startswith("kiosk-sync") for name in writers)
        status = services.status.snapshot()
        assert status.online is False
        with pytest.raises(AttributeError):
            services.status.online = True  # type: ignore[misc]  # read-only: one writer
    finally:
        controller.stop()
        db.close()

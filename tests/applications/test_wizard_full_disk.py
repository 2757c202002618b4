"""A full disk in the middle of a wizard: the villager is told, and the answers survive.

The database lives on a real, small tmpfs (as in tests/foundation/test_failures.py); the disk is
filled with a plain file after the first step, so the next draft save fails inside SQLite the
way it would on a terminal. The next step's save fails too; once space is freed, the page's
own retry stores everything that was kept in memory.
"""

from __future__ import annotations

import contextlib
import errno
import json
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.paths import DataPaths
from kiosk.services.registry import Services
from kiosk.storage import drafts as draft_store
from kiosk.storage.database import Database, open_database
from kiosk.storage.facts import write_facts
from tests.applications.conftest import RecordingPrinter, demo_catalog, load_catalog
from tests.applications.test_wizard_ui import settle, start


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
                   check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path) -> Path:
    """Write until the file system says ENOSPC; returns the filler to free it later."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out:
        assert _write_until_error(out) == errno.ENOSPC
    return filler


def _write_until_error(out: Any) -> int | None:
    try:
        while True:
            out.write(b"\0" * 4096)
    except OSError as error:
        return error.errno


@pytest.fixture
def full_disk_shell(qtbot: QtBot, small_disk: Path, settings: Settings,
                    printer: RecordingPrinter) -> Iterator[tuple[Any, Database, Path]]:
    from kiosk.ui.shell import KioskShell, install_language

    data = small_disk / "data"
    db = open_database(data / "kiosk.sqlite3", check_same_thread=False)
    load_catalog(db, demo_catalog())
    write_facts(db, {"village_name": "桐溪村"})
    services = Services.build(db, settings, DataPaths(data))
    services.applications.printer = printer
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    kiosk = KioskShell(app, services, pool, width=1920, height=1080)
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    yield kiosk, db, small_disk
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()
    pool.shutdown(wait=True)
    with contextlib.suppress(Exception):
        db.close()


def test_a_full_disk_tells_the_villager_and_keeps_the_draft(
        qtbot: QtBot, full_disk_shell: tuple[Any, Database, Path]) -> None:
    from kiosk.tools.demo_fill import fill_current_step

    shell, db, disk = full_disk_shell
    page = start(qtbot, shell, "svc-dibao", past_shared_pages=True)  # on the form's own page
    session = page.session
    assert session is not None
    assert page.draft is not None
    first = session.step_number
    application_id = page.draft.application_id
    fill_current_step(page, lambda: settle(qtbot, shell))
    answers = session.to_json()["answers"]
    assert answers  # the first step holds the villager's answers now

    filler = fill(disk)
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    settle(qtbot, shell)
    # the villager is told, in Chinese, and moves on: the answers stay on screen and in memory
    assert page.unsaved
    assert page.message.isVisible()
    assert "无法保存" in page.message.text(), page.message.text()
    assert page.session is session
    assert session.step_number == first + 1
    assert session.to_json()["answers"] == answers
    stored = draft_store.get(db, application_id)
    assert stored is not None
    assert stored.session.get("answers", {}) != answers  # the save really failed

    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)  # the next save: still full
    settle(qtbot, shell)
    assert page.unsaved
    assert page.message.isVisible()
    assert page.save_retry.isActive()  # and it keeps trying on its own

    filler.unlink()  # the clerk frees space; the retry stores what was kept in memory
    page.save_retry.start(50)  # (every 15 s on a terminal)
    qtbot.waitUntil(lambda: not page.unsaved, timeout=10_000)
    settle(qtbot, shell)
    assert not page.message.isVisible()
    assert not page.save_retry.isActive()
    stored = draft_store.get(db, application_id)
    assert stored is not None
    assert json.dumps(stored.session["answers"], sort_keys=True) == \
        json.dumps(answers, sort_keys=True)

"""Nothing slow on the UI thread: pictures decode on the images worker, the speech socket is
probed on the speech worker, and a page's first call builds its service on the database worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from kiosk.paths import DataPaths
from kiosk.services.disclosures import Attachment, Document, Summary
from kiosk.services.registry import Services
from kiosk.storage.database import open_database


@pytest.fixture
def shell(qtbot: QtBot, data_dir: Path) -> Iterator[Any]:
    from kiosk.ui.shell import KioskShell, install_language

    db = open_database(data_dir / "kiosk.sqlite3", check_same_thread=False)
    services = Services.build(db, load_settings(None, environ={}), DataPaths(data_dir))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    kiosk = KioskShell(app, services, pool, width=1920, height=1080)
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    yield kiosk
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()
    pool.shutdown(wait=True)
    db.close()


def test_attachment_pictures_are_decoded_off_the_ui_thread(
        qtbot: QtBot, shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.ui.disclosure import document_view

    photo = QImage(1600, 1200, QImage.Format.Format_RGB32)
    photo.fill(QColor("#2a6"))
    path = tmp_path / "board.png"
    assert photo.save(str(path))
    threads: list[str] = []
    decode = document_view.decode_picture
    placeholders_seen = threading.Event()  # the worker decodes only once they were checked

    def recording(content: bytes, width: int = document_view.PICTURE_WIDTH) -> QImage:
        threads.append(threading.current_thread().name)
        placeholders_seen.wait(5)
        return decode(content, width)

    monkeypatch.setattr(document_view, "decode_picture", recording)
    page = shell.window.pages["disclosure-document"]
    summary = Summary("d-1", "village", "公告", "村务公开栏", "2026Q3", "2026-10-01", "分水镇",
                      False, 2)
    page.show_document(Document(summary, "正文", (), (), (
        Attachment("0" * 64, "board.png", "image/png", path.stat().st_size, path,
                   path.read_bytes()),
        Attachment("1" * 64, "broken.png", "image/png", 3, tmp_path / "broken.png",
                   b"not")), {}))
    pictures = [w for w in page.findChildren(QLabel) if w.objectName() == "picture"]
    assert len(pictures) == 2
    assert all(p.pixmap().isNull() for p in pictures)  # placeholders while decoding
    placeholders_seen.set()
    qtbot.waitUntil(lambda: not pictures[0].pixmap().isNull())
    assert pictures[0].pixmap().width() == document_view.PICTURE_WIDTH
    assert threads
    assert all(name.startswith("kiosk-images") for name in threads)
    qtbot.waitUntil(lambda: "broken.png" in pictures[1].text() and "…" not in pictures[1].text())


def test_a_picture_decoded_after_the_wipe_is_not_shown(
        qtbot: QtBot, shell: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    photo = QImage(64, 64, QImage.Format.Format_RGB32)
    photo.fill(QColor("#000"))
    path = tmp_path / "p.png"
    assert photo.save(str(path))
    page = shell.window.pages["disclosure-document"]
    summary = Summary("d-2", "village", "公告", "t", "p", "2026-10-01", "x", False, 1)
    page.show_document(Document(summary, "正文", (), (), (
        Attachment("2" * 64, "p.png", "image/png", 1, path, path.read_bytes()),), {}))
    page.wipe()  # before the worker answers: its picture label is gone with the content
    qtbot.waitUntil(lambda: page._images.pending == 0)
    assert "task callback failed" not in caplog.text  # the late answer is dropped, not used
    assert not [w for w in page.findChildren(QLabel) if w.objectName() == "picture"]


def test_the_speech_socket_is_probed_off_the_ui_thread(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.services import speech_check
    from kiosk.ui.voice import Voice

    threads: list[str] = []
    release = threading.Event()

    def stuck_daemon(timeout_s: float = 1.0) -> str:
        threads.append(threading.current_thread().name)
        release.wait(5)
        return "no answer within 1 s"

    monkeypatch.setattr(speech_check, "speechd_responds", stuck_daemon)
    voice = Voice("mock")
    voice._enabled = True
    voice._probe_then_open()  # what opening "speechd" does
    assert voice.probing  # the UI thread is already back here, the probe still out
    voice.say("请插入社保卡")
    release.set()
    qtbot.waitUntil(lambda: not voice.probing)
    assert threads
    assert threads[0].startswith("kiosk-speech")
    assert "no answer" in voice.problem
    assert not voice.available


def test_the_subsidy_page_builds_its_service_on_the_database_worker(
        qtbot: QtBot, shell: Any) -> None:
    services = shell.services
    assert "subsidies" not in services.__dict__
    shell.window.show_page("subsidy")
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    assert services.__dict__["built_on"]["subsidies"].startswith("kiosk-db")


def test_no_page_builds_a_service_on_the_ui_thread(qtbot: QtBot, shell: Any) -> None:
    """Every page shown once (after the first frame's background start, as `kiosk run` does):
    each service a page reached was built on the database worker."""
    shell.start_background_work()
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    window = shell.window
    for page_id in list(window.pages):
        window.show_page(page_id)
        qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    built = shell.services.__dict__.get("built_on", {})
    assert built  # the pages did reach services
    on_the_ui_thread = {name: thread for name, thread in built.items()
                        if not thread.startswith("kiosk-db")}
    assert on_the_ui_thread == {}

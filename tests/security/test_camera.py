"""Finding 2: no grey ruled page stands in for a villager's 户口簿 on a real terminal.

Outside the demo the kiosk has no simulated camera (no camera at all until the UI installs the
QtMultimedia one); a page of the simulated camera carries a mark and is refused, in words,
whether it arrives by the wizard, a draft or an answers file, with nothing stored. The
QtMultimedia adapter on this machine (which has no camera) says so in plain words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from forms import example_document
from kiosk.demo.village import Scale
from kiosk.services.applications import ApplicationError
from kiosk.services.document_camera import (
    CameraUnavailable,
    NoDocumentCamera,
    Photo,
    SimulatedDocumentCamera,
    is_simulated,
    png_page,
)
from kiosk.services.registry import Services
from tests.applications.helpers import filled_session
from tests.support.village import Village, demo_village

SERVICE = "svc-dibao"


@pytest.fixture
def village(data_dir: Path) -> Iterator[Village]:
    yield from demo_village(data_dir, Scale(residents=30, subsidy_months=1,
                                            disclosure_quarters=1))


def real_terminal(village: Village) -> Services:
    """The services as `kiosk run` (not --demo) builds them over the same database."""
    services = Services.build(village.db, village.services.settings, village.paths)
    assert services.demo is False
    return services


def counts(village: Village) -> tuple[int, ...]:
    return tuple(int(village.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                 for table in ("applications", "sync_outbox", "draft_blobs"))


def test_only_the_demo_has_the_simulated_camera(village: Village) -> None:
    assert isinstance(village.services.applications.camera, SimulatedDocumentCamera)
    apps = real_terminal(village).applications
    assert isinstance(apps.camera, NoDocumentCamera)
    draft = apps.start_draft(SERVICE)
    before = counts(village)
    with pytest.raises(CameraUnavailable, match="no document camera is connected"):
        apps.add_photo(draft.application_id, "户口簿")
    assert counts(village) == before


def test_simulated_pages_are_marked(village: Village) -> None:
    page = SimulatedDocumentCamera().capture("户口簿")
    assert is_simulated(page.data)
    assert page.data.startswith(b"\x89PNG")
    assert not is_simulated(png_page(60, 80, 1))


def test_a_simulated_page_is_refused_outside_the_demo(village: Village) -> None:
    apps = real_terminal(village).applications
    draft = apps.start_draft(SERVICE)
    grey = SimulatedDocumentCamera().capture("户口簿").data
    before = counts(village)
    with pytest.raises(ApplicationError, match="simulated") as refused:
        apps.add_blob(draft.application_id, grey, "image/png")
    assert "演示相机" in str(refused.value)
    assert counts(village) == before


def test_a_draft_photographed_in_the_demo_does_not_submit_on_a_real_terminal(
        village: Village) -> None:
    demo_apps = village.services.applications
    draft = demo_apps.start_draft(SERVICE)
    session = filled_session(demo_apps, draft)  # its photos come from the simulated camera
    before = counts(village)
    with pytest.raises(ApplicationError, match="simulated"):
        real_terminal(village).applications.submit_draft(draft.application_id,
                                                         session.to_json())
    assert counts(village)[:2] == before[:2]  # no application, nothing queued for the province


def test_an_answers_file_with_a_simulated_page_is_refused(village: Village,
                                                          tmp_path: Path) -> None:
    apps = real_terminal(village).applications
    definition = apps.resume_draft(apps.start_draft(SERVICE).application_id).definition
    document = example_document(definition)
    (tmp_path / "grey.png").write_bytes(SimulatedDocumentCamera().capture("x").data)
    for _page, field in definition.all_fields():
        if field.type == "attachment" and document["answers"].get(field.id):
            document["answers"][field.id] = [{"file": "grey.png"}]
        elif field.type == "signature" and document["answers"].get(field.id):
            document["answers"][field.id] = {"file": "grey.png"}
    (tmp_path / "answers.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    before = counts(village)
    with pytest.raises(ApplicationError, match="simulated"):
        apps.submit_answers(definition.form_id, document, base_dir=tmp_path)
    assert counts(village) == before


def test_the_qtmultimedia_camera_says_in_words_that_there_is_none(qtbot: QtBot) -> None:
    """This machine has no camera: QMediaDevices lists none, and capture says so."""
    from PySide6.QtMultimedia import QMediaDevices

    from kiosk.ui.camera import QtDocumentCamera

    if QMediaDevices.videoInputs():
        pytest.skip("a camera is attached here; this test is about a terminal without one")
    camera = QtDocumentCamera(timeout_s=5.0)
    with pytest.raises(RuntimeError, match="task runner"):
        camera.capture("户口簿")  # on the UI thread it would wait for itself
    with ThreadPoolExecutor(max_workers=1) as pool:
        future: Future[object] = pool.submit(camera.capture, "户口簿")
        qtbot.waitUntil(future.done, timeout=10_000)
        error = future.exception()
    assert isinstance(error, CameraUnavailable)
    assert "no document camera is connected" in str(error)
    assert "高拍仪" in str(error)


def test_the_kiosk_installs_the_qt_camera_only_outside_the_demo(village: Village) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.camera import QtDocumentCamera
    from kiosk.ui.shell import install_camera

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_camera(village.services, app)
    assert village.services.camera is None  # the demo keeps its simulated camera
    services = real_terminal(village)
    install_camera(services, app)
    assert isinstance(services.camera, QtDocumentCamera)
    assert services.applications.camera is services.camera
    assert services.applications.demo is False


def test_the_wizard_on_a_terminal_without_a_camera_says_so(qtbot: QtBot,
                                                           village: Village) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from kiosk.tools.demo_fill import fill_current_step
    from kiosk.ui.shell import KioskShell, _settle, install_language
    from kiosk.ui.wizard.fields import AttachmentField
    from kiosk.ui.wizard.wizard_page import WizardPage

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    services = real_terminal(village)
    shell = KioskShell(app, services, pool, width=1920, height=1080)
    try:
        shell.window.show()
        shell.window.show_page("wizard", {"service_id": SERVICE})
        _settle(app, shell.tasks)
        page = shell.window.pages["wizard"]
        assert isinstance(page, WizardPage)
        for _ in range(10):  # to the first step that asks for a photograph
            photos = [w for w in page.widgets.values()
                      if isinstance(w, AttachmentField) and w.isVisibleTo(page)]
            if photos:
                break
            fill_current_step(page, lambda: _settle(app, shell.tasks))
            page.next.click()
            _settle(app, shell.tasks)
        assert photos
        before = counts(village)
        qtbot.mouseClick(photos[0].take, Qt.MouseButton.LeftButton)
        _settle(app, shell.tasks)
        assert page.message.isVisible()
        assert "高拍仪" in page.message.text()
        assert "代办员" in page.message.text()
        assert counts(village)[2] == before[2]  # no blob stored
    finally:
        _settle(app, shell.tasks)
        shell.dispose()
        pool.shutdown(wait=True)


def test_a_captured_picture_crosses_to_the_worker_as_jpeg_and_is_kept(
        qtbot: QtBot, village: Village) -> None:
    """The adapter's hand-off and encoding, with Qt's capture replaced by a picture delivered
    the way `QImageCapture.imageCaptured` delivers it (this machine has no camera; the real
    QtMultimedia path without one is the test above). A real photo is not a simulated page:
    a real terminal keeps it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QColor, QImage

    from kiosk.services.answer_files import sniff_media_type
    from kiosk.ui.camera import QtDocumentCamera

    class DeliveringCamera(QtDocumentCamera):
        def _open(self) -> bool:
            return True

        def _capture_if_ready(self) -> None:
            image = QImage(640, 480, QImage.Format.Format_RGB32)
            image.fill(QColor(250, 248, 240))
            QTimer.singleShot(10, lambda: self._on_image(1, image))

    camera = DeliveringCamera(timeout_s=5.0)
    with ThreadPoolExecutor(max_workers=1) as pool:
        delivered: Future[Photo] = pool.submit(camera.capture, "户口簿")
        qtbot.waitUntil(delivered.done, timeout=10_000)
        photo = delivered.result()
    assert photo.media_type == "image/jpeg"
    assert sniff_media_type(photo.data) == "image/jpeg"
    assert photo.filename == "page-1.jpg"
    apps = real_terminal(village).applications
    draft = apps.start_draft(SERVICE)
    entry = apps.add_blob(draft.application_id, photo.data,
                          photo.media_type, photo.filename)
    assert entry["media_type"] == "image/jpeg"

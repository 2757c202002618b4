"""The privacy notice before the first personal question, and applying for someone else."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from forms.identity import make_id_number
from forms.shared_pages import NOTICE_VERSION
from kiosk.services.applications import ApplicationService
from kiosk.storage import applications as app_store
from kiosk.storage.database import Database
from tests.applications.helpers import filled_session
from tests.applications.test_wizard_ui import settle, shell, start, ui_services, visible_texts

__all__ = ["shell", "ui_services"]  # fixtures, used by name


def test_notice_comes_first_and_agreeing_goes_into_the_application(
        qtbot: QtBot, shell: Any, db: Database) -> None:
    page = start(qtbot, shell, "svc-dibao")
    assert page.session.current_page.id == "privacy_notice"
    text = visible_texts(shell.window)
    for words in ("收集", "为什么", "谁会收到", "保存多久", "30", "代办员"):
        assert words in text, words
    assert not page.widgets  # no personal question on this step
    assert page.next.text() == "同意"
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    settle(qtbot, shell)
    assert page.session.current_page.id == "who_applies"
    assert page.session.value("privacy_consent") is True


def test_declining_deletes_the_draft_and_offers_the_clerk(qtbot: QtBot, shell: Any,
                                                          db: Database) -> None:
    page = start(qtbot, shell, "svc-dibao")
    qtbot.mouseClick(page.restart, Qt.MouseButton.LeftButton)
    settle(qtbot, shell)
    assert "代办员" in page.help.text()
    assert db.execute("SELECT count(*) FROM application_drafts").fetchone()[0] == 0
    qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    settle(qtbot, shell)
    assert shell.window.current_page.page_id == "home"


def _agent_answers(apps: ApplicationService, draft: Any, relation: str) -> dict[str, Any]:
    session = filled_session(apps, draft)
    session.set_answer("privacy_consent", True)
    session.set_answer("applying_as", relation)
    session.set_answer("proxy_kinship", "儿子")
    session.set_answer("proxy_name", "王建国")
    session.set_answer("proxy_id_number", make_id_number("330781", dt.date(
        1970, 3, 4), 51))
    session.set_answer("proxy_phone", "13905790001")
    if relation == "agent":
        session.set_answer("proxy_letter", [apps.add_photo(draft.application_id, "委托书")])
    return session.to_json()


def test_an_authorised_agent_is_carried_as_answers_agent(apps: ApplicationService,
                                                         db: Database) -> None:
    draft = apps.start_draft("svc-temporary-relief")
    done = apps.submit_draft(draft.application_id, _agent_answers(apps, draft, "agent"))
    row = app_store.by_id(db, done.application_id)
    assert row is not None
    document = json.loads(row.payload)
    agent = document["answers"]["agent"]
    assert agent["relation"] == "agent"
    assert agent["name"] == "王建国"
    assert agent["kinship"] == "儿子"
    letter = agent["authorisation_letter"][0]["sha256"]
    assert letter in [a["sha256"] for a in document["attachments"]]
    assert document["answers"]["privacy"] == {"consent": True, "notice_version": NOTICE_VERSION}
    assert not any(k.startswith("proxy_") or k == "applying_as" for k in document["answers"])
    assert document["applicant"]["name"] != "王建国"  # the applicant stays the applicant


def test_an_agent_without_the_letter_is_refused(apps: ApplicationService) -> None:
    from kiosk.services.applications import SubmissionInvalid

    draft = apps.start_draft("svc-temporary-relief")
    data = _agent_answers(apps, draft, "relative")
    data["answers"]["applying_as"] = "agent"  # an agent, but no letter photographed
    with pytest.raises(SubmissionInvalid) as refused:
        apps.submit_draft(draft.application_id, data)
    assert any(i.path == "proxy_letter" for i in refused.value.report.errors)


def test_bulk_entry_takes_answers_agent_as_an_object(apps: ApplicationService) -> None:
    from forms import check_answers_document

    draft = apps.start_draft("svc-temporary-relief")
    answers = dict(filled_session(apps, draft).to_json()["answers"])
    answers["agent"] = {"relation": "relative", "kinship": "女儿", "name": "王丽华",
                        "phone": "13905790002",
                        "id_number": make_id_number("330781", dt.date(1975, 1, 2), 33)}
    document = {"form_id": draft.definition.form_id,
                "form_version": draft.definition.version, "answers": answers}
    frozen, report = check_answers_document(draft.definition, document)
    assert report.errors == ()
    assert frozen is not None
    assert frozen.answers["agent"]["name"] == "王丽华"
    assert frozen.answers["agent"]["relation"] == "relative"


def test_the_running_kiosk_purges_once_a_day(qtbot: QtBot, shell: Any, db: Database) -> None:
    from kiosk.services.privacy import PrivacyService

    service = PrivacyService(db, shell.services.settings)
    assert service.last_purge() is None
    shell._purge_if_due()  # what the hourly timer calls
    settle(qtbot, shell)
    assert service.last_purge() is not None
    assert not service.purge_due()  # the next hourly check does nothing until a day passed
    assert shell.services.privacy.daily() is None


def test_bulk_entry_resolves_the_letter_file_inside_answers_agent(
        apps: ApplicationService, db: Database, tmp_path: Path) -> None:
    from kiosk.services.document_camera import png_page
    from kiosk.storage import drafts as draft_store

    draft = apps.start_draft("svc-temporary-relief")
    answers = dict(filled_session(apps, draft).to_json()["answers"])
    blobs = {sha: blob.data for sha, blob in draft_store.blobs(db, draft.application_id).items()}
    apps.discard_draft(draft.application_id)
    (tmp_path / "letter.png").write_bytes(png_page(30, 40, 7))
    answers["agent"] = {"relation": "agent", "kinship": "侄子", "name": "王建国",
                        "phone": "13905790003", "authorisation_letter": [{"file": "letter.png"}],
                        "id_number": make_id_number("330781", dt.date(1980, 5, 6), 71)}
    done = apps.submit_answers(draft.definition.form_id, {
        "form_id": draft.definition.form_id, "form_version": draft.definition.version,
        "answers": answers}, files=blobs, base_dir=tmp_path)
    row = app_store.by_id(db, done.application_id)
    assert row is not None
    letter = json.loads(row.payload)["answers"]["agent"]["authorisation_letter"][0]
    assert letter["filename"] == "letter.png"

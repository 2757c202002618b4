"""The voice pages on a real kiosk window (pytest-qt, offscreen) over a real database: touch
counts of a rating, the home detour after a visit, the idle wipe, feedback with its ticket and
slip, replies by ticket code, and every view measured in both modes and sizes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import load_settings
from kiosk.paths import DataPaths
from kiosk.services.registry import Services
from kiosk.services.villager_voice import VoiceServices
from kiosk.storage.database import open_database
from kiosk.storage.datasets import DatasetStore
from tests.voice.support import count

PRINTED: list[tuple[str, dict[str, Any]]] = []


@pytest.fixture
def services(data_dir: Path) -> Iterator[Services]:
    from kiosk.demo.policies import policies

    paths = DataPaths(data_dir)
    db = open_database(paths.database, check_same_thread=False)
    items = list(policies())
    DatasetStore(db).apply_page("subsidy_policies", [
        {"key": p["item_code"], "op": "upsert", "data": p} for p in items],
        next_cursor="1", total=len(items), synced_at="2026-12-01T00:00:00Z")
    settings = load_settings(None, environ={}).with_values(kiosk__idle_timeout_s=15,
                                                           kiosk__countdown_s=5)
    built = Services.build(db, settings, paths)
    PRINTED.clear()

    def print_job(kind: str, data: dict[str, Any]) -> int:
        PRINTED.append((kind, data))
        return len(PRINTED)

    built.__dict__["voice"] = VoiceServices(db, settings, print_job=print_job)
    yield built
    db.close()


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    yield pool
    pool.shutdown(wait=True)


def _shell(qtbot: QtBot, services: Services, executor: ThreadPoolExecutor, width: int = 1920,
           height: int = 1080, *, register: bool = True, language: str = "zh_CN") -> Any:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell, install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, language)
    kiosk = KioskShell(app, services, executor, width=width, height=height)
    if register:  # (a test that disposes the window itself must not hand it to qtbot)
        qtbot.addWidget(kiosk.window)
    kiosk.window.setFixedSize(width, height)
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    return kiosk


@pytest.fixture
def shell(qtbot: QtBot, services: Services, executor: ThreadPoolExecutor) -> Iterator[Any]:
    kiosk = _shell(qtbot, services, executor)
    yield kiosk
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    kiosk.dispose()


def _touch(qtbot: QtBot, shell: Any, button: Any, touches: list[str]) -> None:
    from PySide6.QtCore import Qt

    assert button.isVisible(), button.text() or button.accessibleName()
    touches.append(button.text() or button.accessibleName())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)


def _ratings(services: Services) -> list[dict[str, Any]]:
    rows = services.db.conn.execute("SELECT payload FROM evaluations").fetchall()
    return [json.loads(row[0]) for row in rows]


def test_a_good_rating_takes_one_touch_and_leaves_by_itself(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    shell.window.show_page("rate", {"next": "home", "about": "查补贴"})
    page = shell.window.pages["rate"]
    touches: list[str] = []
    _touch(qtbot, shell, page.face_buttons[4], touches)
    assert len(touches) == 1
    assert [(r["rating"], r["reasons"], r["subject"]["kind"]) for r in _ratings(services)] == [
        (4, [], "visit")]
    assert "满意" in page.thanks.text()
    assert page.leave_timer.isActive()  # never waits for the next villager
    page.leave_timer.timeout.emit()
    assert shell.window.current_page.page_id == "home"


def test_a_bad_rating_takes_three_touches_and_asks_for_reasons_first(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    shell.window.show_page("rate", {"next": "home"})
    page = shell.window.pages["rate"]
    touches: list[str] = []
    _touch(qtbot, shell, page.face_buttons[1], touches)
    _touch(qtbot, shell, page.submit, touches)  # no reason yet: refused in words
    assert "原因" in page.problem.text()
    assert _ratings(services) == []
    _touch(qtbot, shell, page.reasons.buttons["attitude"], touches)
    _touch(qtbot, shell, page.submit, touches)
    assert [(r["rating"], r["reasons"]) for r in _ratings(services)] == [(1, ["attitude"])]
    assert len(touches) - 1 <= 4  # face, reason, submit (the refused try aside)


def test_the_call_back_phone_comes_from_the_number_pad(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    shell.window.show_page("rate", {"next": "home"})
    page = shell.window.pages["rate"]
    touches: list[str] = []
    _touch(qtbot, shell, page.face_buttons[2], touches)
    _touch(qtbot, shell, page.reasons.buttons["slow"], touches)
    _touch(qtbot, shell, page.phone_button, touches)
    from kiosk.ui.widgets import NumberPad

    [pad] = page.phone_entry.findChildren(NumberPad)
    for digit in "13905791234":
        _touch(qtbot, shell, pad.buttons[digit], [])
    _touch(qtbot, shell, page.phone_entry.ok, touches)
    assert "139****1234" in page.phone_button.text()
    _touch(qtbot, shell, page.submit, touches)
    assert [r["contact_phone"] for r in _ratings(services)] == ["13905791234"]


def test_skip_is_one_touch_and_the_idle_reset_wipes_a_half_given_rating(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    window = shell.window
    window.show_page("rate", {"next": "home"})
    page = window.pages["rate"]
    touches: list[str] = []
    _touch(qtbot, shell, page.face_buttons[2], touches)
    _touch(qtbot, shell, page.reasons.buttons["slow"], touches)
    page.comment.setText("排队太久")
    window.wipe_session()
    assert window.current_page.page_id == "home"
    assert (page.reasons.chosen(), page.comment.text(), page.views.currentIndex()) == (
        [], "", 0)
    assert _ratings(services) == []
    window.show_page("rate", {"next": "home"})
    _touch(qtbot, shell, _skip(page), touches)
    assert window.current_page.page_id == "home"
    assert _ratings(services) == []


def _skip(page: Any) -> Any:
    return next(b for b in page.findChildren(type(page.submit)) if b.text() == "跳过，不评价")


def test_going_home_after_a_visit_offers_the_rating_once_but_the_idle_reset_never_does(
        qtbot: QtBot, shell: Any) -> None:
    window = shell.window
    window.show_page("policies")
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    window.go_home()  # browsing the policy list is no visit
    assert window.current_page.page_id == "home"
    window.show_page("progress")
    window.pages["progress"].views.setCurrentIndex(1)  # an answer was shown
    window.wipe_session()
    assert window.current_page.page_id == "home"  # the idle reset goes straight home
    window.show_page("progress")
    window.pages["progress"].views.setCurrentIndex(1)
    window.go_home()
    assert window.current_page.page_id == "rate"
    window.show_page("progress")
    window.pages["progress"].views.setCurrentIndex(1)
    window.go_home()
    assert window.current_page.page_id == "home"  # once per villager


def test_feedback_gets_a_ticket_and_a_printed_slip_and_its_reply_shows_by_code(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    window = shell.window
    window.show_page("feedback", {
        "kind": "objection", "kinds": ["question", "objection"], "subject_type": "disclosure",
        "subject_id": "D-2026Q3-07", "about": "三季度财务公开",
        "choices": [{"label": "整份", "subject_type": "disclosure", "subject_id": "D-2026Q3-07",
                     "line": None},
                    {"label": "10-03 道路维修 12,500.00", "subject_type": "disclosure",
                     "subject_id": "D-2026Q3-07", "line": 0}]})
    page = window.pages["feedback"]
    page.choices.setCurrentRow(1)
    touches: list[str] = []
    _touch(qtbot, shell, page.reasons.buttons["amount_unclear"], touches)
    _touch(qtbot, shell, page.anonymous, touches)
    _touch(qtbot, shell, page.submit, touches)
    code = page.code.text()
    assert len(code) == 11
    row = services.db.conn.execute("SELECT payload FROM feedback").fetchone()
    sent = json.loads(row[0])
    assert (sent["kind"], sent["subject"], sent["anonymous"], sent["contact_phone"]) == (
        "objection", {"type": "disclosure", "id": "D-2026Q3-07", "line": 0}, True, None)
    assert [(kind, data["ticket"]) for kind, data in PRINTED] == [("feedback_slip", code)]
    DatasetStore(services.db).apply_page("feedback_replies", [{
        "key": sent["feedback_id"], "op": "upsert", "data": {
            "feedback_id": sent["feedback_id"], "ticket": code, "status": "answered",
            "updated_at": "2026-12-02T08:00:00Z", "reply": "这是道路硬化的工程款。",
            "replied_by": "分水镇"}}], next_cursor="1", total=1,
        synced_at="2026-12-02T08:00:00Z")
    window.wipe_session()
    assert page.code.text() == ""
    window.show_page("feedback-reply", code.replace("-", "").lower())
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    reply = window.pages["feedback-reply"]
    assert "这是道路硬化的工程款。" in reply.reply.text()
    assert "已答复" in reply.status.text()


def test_feedback_refused_in_words_stores_nothing(qtbot: QtBot, shell: Any,
                                                  services: Services) -> None:
    shell.window.show_page("feedback", {"kind": "question", "subject_type": "general"})
    page = shell.window.pages["feedback"]
    _touch(qtbot, shell, page.submit, [])
    assert "原因" in page.problem.text()
    assert count(services.db, "SELECT count(*) FROM feedback") == 0


VIEWS = [("rate", None, 0), ("rate", None, 1), ("rate", None, 2), ("rate", None, 3),
         ("feedback", {"kind": "complaint", "subject_type": "payment", "subject_id": "p-1",
                       "about": "2026年10月 高龄津贴 100.00",
                       "choices": [{"label": f"2026年{m}月 高龄津贴 100.00 已发放",
                                    "subject_type": "payment", "subject_id": f"p-{m}",
                                    "line": None} for m in range(1, 13)]}, 0),
         ("feedback", None, 1), ("feedback", None, 2), ("feedback-reply", None, 0),
         ("feedback-reply", None, 1), ("policies", None, 0)]


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
@pytest.mark.parametrize("elderly", [False, True])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_voice_view_fits_and_meets_the_size_and_contrast_floors(
        qtbot: QtBot, services: Services, executor: ThreadPoolExecutor, width: int,
        height: int, elderly: bool, language: str) -> None:
    from kiosk.tools.a11y import audit_widgets
    from kiosk.tools.layout_check import clipped_widgets
    from kiosk.ui.shell import _settle, install_language

    kiosk = _shell(qtbot, services, executor, width, height, register=False, language=language)
    window = kiosk.window
    if elderly:
        window.large_button.setChecked(True)
    problems: list[str] = []
    try:
        for page_id, argument, view in VIEWS:
            window.show_page(page_id, argument)
            page = window.pages[page_id]
            if hasattr(page, "views"):
                page.views.setCurrentIndex(view)
            _settle(kiosk.app, kiosk.tasks)
            where = f"{page_id}#{view}"
            problems += [f"{where}: {p}" for p in clipped_widgets(window)]
            problems += [f"{where}: {b}" for b in
                         audit_widgets(window, kiosk.theme, where).breaches]
    finally:
        kiosk.dispose()
        from PySide6.QtWidgets import QApplication

        install_language(QApplication.instance(), "zh_CN")  # type: ignore[arg-type]
    assert problems == []


def test_in_the_large_mode_the_rating_page_reads_out_the_five_choices(
        qtbot: QtBot, shell: Any) -> None:
    shell.window.large_button.setChecked(True)
    shell.window.show_page("rate", {"next": "home"})
    spoken = shell.assist.guide.page_text()
    assert spoken.startswith("请为本次服务评价")
    for words in ("非常满意", "基本满意", "不满意", "非常不满意"):
        assert words in spoken


def test_a_clerks_service_is_rated_for_that_clerk(qtbot: QtBot, shell: Any,
                                                   services: Services) -> None:
    services.staff.auth.add_user("1001", "王代办", "clerk", "258036")
    window = shell.window
    window.show_page("staff")
    staff = window.pages["staff"]
    staff._on_sign_in_requested("1001", "258036")
    qtbot.waitUntil(lambda: staff.session is not None)
    window.go_home()
    rate = window.pages["rate"]
    assert window.current_page is rate
    _touch(qtbot, shell, rate.face_buttons[5], [])
    [given] = _ratings(services)
    assert (given["channel"], given["clerk_id"], given["subject"]["kind"]) == (
        "clerk_assisted", "1001", "visit")


def test_a_case_on_the_progress_page_is_rated_or_gets_a_paper_form(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    from tests.voice.support import submitted_application

    submission = submitted_application(services.db, services.settings)
    window = shell.window
    window.show_page("progress", submission.receipt_code_display)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)
    progress = window.pages["progress"]
    buttons = {b.text(): b for b in progress.findChildren(_button_type()) if b.isVisible()}
    _touch(qtbot, shell, buttons["打印评价表"], [])
    assert [(kind, data["receipt_code"]) for kind, data in PRINTED] == [
        ("evaluation_form", submission.receipt_code_display)]
    _touch(qtbot, shell, buttons["评价这件事"], [])
    rate = window.pages["rate"]
    assert window.current_page is rate
    _touch(qtbot, shell, rate.face_buttons[3], [])
    [given] = _ratings(services)
    assert given["subject"]["application_id"] == submission.application_id
    rate.leave_timer.timeout.emit()
    assert window.current_page.page_id == "progress"  # back where the case was rated


def _button_type() -> Any:
    from PySide6.QtWidgets import QPushButton

    return QPushButton


def test_a_subsidy_expected_but_missing_is_complained_about_from_the_lookup(
        qtbot: QtBot, shell: Any, services: Services) -> None:
    from kiosk.ui.voice_pages.hooks import _open_payment_feedback

    window = shell.window
    subsidy = window.pages["subsidy"]
    window.show_page("subsidy")
    _open_payment_feedback(subsidy)  # nothing paid to this holder: every policy item is offered
    qtbot.waitUntil(lambda: window.current_page.page_id == "feedback")
    page = window.pages["feedback"]
    labels = [page.choices.item(i).text() for i in range(page.choices.count())]
    assert len(labels) == 12
    assert "没有收到：高龄津贴(演示金额)" in labels
    page.choices.setCurrentRow(labels.index("没有收到：高龄津贴(演示金额)"))
    _touch(qtbot, shell, page.reasons.buttons["not_received"], [])
    _touch(qtbot, shell, page.submit, [])
    sent = json.loads(services.db.conn.execute("SELECT payload FROM feedback").fetchone()[0])
    assert (sent["kind"], sent["subject"]) == (
        "complaint", {"type": "subsidy", "id": "GLJT", "line": None})

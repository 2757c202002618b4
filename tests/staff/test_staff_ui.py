"""pytest-qt: sign-in on the pad, lockout (also after a restart), the session timeout, every
clerk action through to the outbox, hostile input, and that no villager path reaches staff."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from sync import outbox
from tests.staff.conftest import ADMIN, CLERK


def staff_page(shell: Any) -> Any:
    return shell.window.pages["staff"]


def settle(qtbot: QtBot, shell: Any) -> None:
    qtbot.waitUntil(lambda: shell.tasks.pending == 0, timeout=10_000)


def type_on_pad(qtbot: QtBot, page: Any, field: Any, digits: str) -> None:
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    pad = page.sign_in_view.pad
    for digit in digits:
        button = next(b for b in pad.findChildren(QPushButton) if b.text() == digit)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sign_in(qtbot: QtBot, shell: Any, user: tuple[str, str, str, str]) -> Any:
    shell.window.show_page("staff")
    page = staff_page(shell)
    view = page.sign_in_view
    type_on_pad(qtbot, page, view.staff_id, user[0])
    type_on_pad(qtbot, page, view.pin, user[3])
    assert view.staff_id.text() == user[0]
    assert view.pin.text() == user[3]
    qtbot.mouseClick(view.submit, Qt.MouseButton.LeftButton)
    settle(qtbot, shell)
    return page


def test_clerk_signs_in_on_the_pad_and_sees_the_queue(qtbot: QtBot, staff_shell: Any) -> None:
    page = sign_in(qtbot, staff_shell, CLERK)
    assert page.current_view == "workbench"
    assert page.workbench.table.rowCount() == 3
    assert "3" in page.workbench.counts.text()
    assert not page.workbench.console.isVisible()  # a clerk has no admin console
    page._show("console")
    assert page.current_view == "sign_in" or page.current_view != "console"


def test_admin_lands_on_device_health(qtbot: QtBot, staff_shell: Any) -> None:
    page = sign_in(qtbot, staff_shell, ADMIN)
    assert page.current_view == "console"
    settle(qtbot, staff_shell)
    names = [page.console.table.item(r, 0).text() for r in range(page.console.table.rowCount())]
    assert {"database.integrity", "disk", "outbox.depth", "app.version"} <= set(names)


def test_wrong_pins_lock_and_the_lock_survives_a_new_shell(qtbot: QtBot, staff_shell: Any,
                                                          ui_services: Any) -> None:
    page = staff_page(staff_shell)
    for _ in range(5):
        sign_in(qtbot, staff_shell, (CLERK[0], "", "", "470215"))
    assert page.session is None
    failed_text = page.sign_in_view.message.text()
    assert failed_text == page.sign_in_view.failed_text()  # the one message: no tries left
    sign_in(qtbot, staff_shell, CLERK)  # the right PIN, but locked
    assert page.current_view == "sign_in"
    assert page.sign_in_view.message.text() == failed_text  # locked reads like any failure
    from kiosk.services.audit import AuditLog
    from kiosk.services.auth import AuthService

    fresh = AuthService(ui_services.staff.auth.db, AuditLog(ui_services.staff.auth.db))
    assert [u.locked for u in fresh.users() if u.user_id == CLERK[0]] == [True]


def test_the_session_ends_after_the_idle_time(qtbot: QtBot, staff_shell: Any,
                                              ui_services: Any) -> None:
    ui_services.staff.auth.session_idle_s = 1
    page = sign_in(qtbot, staff_shell, CLERK)
    assert page.current_view == "workbench"
    qtbot.waitUntil(lambda: page.current_view == "sign_in", timeout=5000)
    settle(qtbot, staff_shell)
    assert page.session is None
    assert ui_services.staff.auth.current() is None
    assert page.workbench.table.rowCount() == 0  # nothing of the queue stays on screen


def test_sign_out_and_leaving_the_page_end_the_session(qtbot: QtBot, staff_shell: Any) -> None:
    page = sign_in(qtbot, staff_shell, CLERK)
    qtbot.mouseClick(page.sign_out_button, Qt.MouseButton.LeftButton)
    assert page.current_view == "sign_in"
    page = sign_in(qtbot, staff_shell, CLERK)
    qtbot.mouseClick(staff_shell.window.home_button, Qt.MouseButton.LeftButton)
    staff_shell.window.show_page("staff")
    assert page.current_view == "sign_in"
    page = sign_in(qtbot, staff_shell, CLERK)
    staff_shell.window.wipe_session()
    staff_shell.window.show_page("staff")
    assert page.current_view == "sign_in"


def test_every_action_from_the_detail_reaches_the_outbox(qtbot: QtBot, staff_shell: Any,
                                                         ui_services: Any) -> None:
    page = sign_in(qtbot, staff_shell, CLERK)
    first, second = ui_services.ids[0], ui_services.ids[1]
    page.open_application(first)
    settle(qtbot, staff_shell)
    assert page.current_view == "detail"
    detail = page.detail
    steps = [("request_materials", "请补交户口簿"), ("accept", ""), ("forward", "转镇街道")]
    for action, note in steps:
        detail.note.setPlainText(note)
        qtbot.mouseClick(detail.action_buttons[action], Qt.MouseButton.LeftButton)
        settle(qtbot, staff_shell)
        assert not detail.message.isVisible(), detail.message.text()
    db = ui_services.staff.auth.db
    db.execute("INSERT INTO application_status VALUES (?, 'C1', 'approved', ?, '{}')",
               (first, "2099-01-01T00:00:00Z"))
    page.open_application(first)
    settle(qtbot, staff_shell)
    qtbot.mouseClick(detail.action_buttons["complete"], Qt.MouseButton.LeftButton)
    settle(qtbot, staff_shell)
    page.open_application(second)
    settle(qtbot, staff_shell)
    assert not detail.action_buttons["forward"].isVisible()  # not allowed from 'received'
    detail.note.setPlainText("收入超过标准")
    qtbot.mouseClick(detail.action_buttons["reject"], Qt.MouseButton.LeftButton)
    settle(qtbot, staff_shell)
    sent = [json.loads(i.payload) for i in outbox.list_items(db.conn, ("pending",))
            if i.kind == "clerk_action"]
    assert [s["action"] for s in sent] == ["request_materials", "accept", "forward",
                                           "complete", "reject"]
    assert {s["clerk_id"] for s in sent} == {CLERK[0]}


def test_hostile_and_huge_input_is_refused_with_a_message(qtbot: QtBot, staff_shell: Any,
                                                          ui_services: Any) -> None:
    page = staff_page(staff_shell)
    staff_shell.window.show_page("staff")
    view = page.sign_in_view
    view.staff_id.setText("9" * 10_000)
    view.pin.setText("9" * 10_000)
    assert len(view.staff_id.text()) <= 12
    view.staff_id.clear()
    qtbot.keyClicks(view.staff_id, "1' OR '1'='1 258036")
    assert view.staff_id.text() == "111258036"  # digits only: the rest never reaches the field
    assert len(view.pin.text()) <= 12
    view.staff_id.setText("1001")
    view.pin.setText("1" * 12)
    qtbot.mouseClick(view.submit, Qt.MouseButton.LeftButton)
    settle(qtbot, staff_shell)
    assert page.current_view == "sign_in"
    assert view.message.text() == view.failed_text()
    page = sign_in(qtbot, staff_shell, CLERK)
    page.open_application(ui_services.ids[0])
    settle(qtbot, staff_shell)
    page.detail.note.setPlainText("'); DROP TABLE applications; --" + "字" * 10_000)
    qtbot.mouseClick(page.detail.action_buttons["reject"], Qt.MouseButton.LeftButton)
    settle(qtbot, staff_shell)
    assert "500" in page.detail.message.text()  # the limit is named, in either language
    db = ui_services.staff.auth.db
    assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 3


def test_admin_setup_refuses_bad_values_with_the_reason(qtbot: QtBot, staff_shell: Any,
                                                        ui_services: Any) -> None:
    page = sign_in(qtbot, staff_shell, ADMIN)
    page._show("setup")
    page.setup.terminal_id.setText("'; DROP TABLE staff_users; --" + "x" * 10_000)
    page.setup.url.setText("x" * 10_000)
    page.setup._on_save_clicked()
    settle(qtbot, staff_shell)
    assert "T-330110-0001" in page.setup.message.text()  # the config error names the format
    page.setup.terminal_id.setText("T-330110-0042")
    page.setup.url.setText("")
    page.setup._on_save_clicked()
    settle(qtbot, staff_shell)
    assert "restart" in page.setup.message.text().lower() or "重启" in page.setup.message.text()
    config = ui_services.staff.admin.config_file.read_text(encoding="utf-8")
    assert 'id = "T-330110-0042"' in config


def _buttons(widget: Any) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if b.isVisible() and b.isEnabled()]


def test_no_villager_button_reaches_a_staff_view(qtbot: QtBot, staff_shell: Any) -> None:
    """Press every visible button on every page (and the footer) without signing in: the
    staff page never shows anything but its sign-in, and no session ever starts."""
    window = staff_shell.window
    page = staff_page(staff_shell)
    pressed = 0
    for page_id in list(window.pages):
        window.show_page(page_id)
        settle(qtbot, staff_shell)
        count = len(_buttons(window))
        for index in range(count):
            window.show_page(page_id)
            settle(qtbot, staff_shell)
            buttons = _buttons(window)
            if index >= len(buttons):
                break
            qtbot.mouseClick(buttons[index], Qt.MouseButton.LeftButton)
            pressed += 1
            settle(qtbot, staff_shell)
            assert page.session is None
            assert page.current_view == "sign_in", (page_id, buttons[index].text())
            if window.current_page is page:
                assert page.stack.currentWidget() is page.sign_in_view
    assert pressed > 20
    assert staff_shell.services.staff.auth.current() is None

"""Voice guidance on the mock engine, number pads, lockdown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import NumberPad
from tests.support.village import Village


def _spoken(shell: Any) -> list[str]:
    said: list[str] = []
    shell.assist.voice.spoken.connect(said.append)
    return said


def test_large_mode_turns_voice_on_and_reads_titles(qtbot: QtBot, shell: Any) -> None:
    voice = shell.assist.voice
    assert not voice.enabled  # normal mode, `voice` setting off
    said = _spoken(shell)
    shell.window.show_page("disclosure")
    assert said == []
    shell.window.large_button.setChecked(True)
    assert voice.enabled
    assert voice.available, voice.problem
    assert shell.assist.guide.read_again_button.isVisibleTo(shell.window)
    shell.window.show_page("subsidy")
    page = shell.window.current_page
    assert said
    assert said[-1].startswith(page.title_text())
    tts = voice._tts
    qtbot.waitUntil(lambda: tts.state() == tts.State.Speaking, timeout=2000)  # the engine got it
    said.clear()
    qtbot.mouseClick(shell.assist.guide.read_again_button, Qt.MouseButton.LeftButton)
    assert said
    assert said[0].startswith(page.title_text())
    shell.window.large_button.setChecked(False)
    assert not voice.enabled
    assert not shell.assist.guide.read_again_button.isVisibleTo(shell.window)


def test_errors_and_lookup_results_are_read(qtbot: QtBot, shell: Any, village: Village) -> None:
    shell.window.large_button.setChecked(True)
    said = _spoken(shell)
    shell.window.show_page("subsidy")
    page = shell.window.current_page
    resident = village.holder_with_payments()
    keys = {b.text(): b for b in page.pad.findChildren(QPushButton)}
    wrong = resident.id_number[:17] + ("1" if resident.id_number[17] != "1" else "2")
    for ch in wrong:
        qtbot.mouseClick(keys[ch], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("第18位校验码不对" in s for s in said), timeout=3000)
    assert not any(wrong in s for s in said)  # the number itself is never read out
    said.clear()
    qtbot.mouseClick(keys["⌫"], Qt.MouseButton.LeftButton)
    for ch in resident.id_number[17]:
        qtbot.mouseClick(keys[ch], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(resident.masked_name in s for s in said), timeout=3000)
    assert any("元" in s for s in said)  # the totals are read too
    shell.idle.expire_now()
    assert shell.assist.guide._messages == []


def test_countdown_is_announced(qtbot: QtBot, shell: Any) -> None:
    shell.window.large_button.setChecked(True)
    said = _spoken(shell)
    shell.idle.countdown_started.emit(5)
    assert said
    assert "需要更多时间" in said[-1]


def test_no_engine_means_silence_and_a_note_for_the_admin(qtbot: QtBot) -> None:
    from kiosk.ui.voice import Voice

    voice = Voice("no-such-engine", enabled=True)
    assert not voice.available
    assert "no speech engine" in voice.problem  # logged once for the admin
    said: list[str] = []
    voice.spoken.connect(said.append)
    voice.say("你好")
    assert said == []  # silently nothing, no error


def test_number_pads_for_ids_phones_and_money(qtbot: QtBot) -> None:
    typed: list[str] = []
    for kind, extra in (("id", "X"), ("digits", None), ("money", ".")):
        pad = NumberPad(kind=kind)
        qtbot.addWidget(pad)
        pad.key_pressed.connect(typed.append)
        pad.backspace_pressed.connect(lambda: typed.append("<"))
        labels = set(pad.buttons)
        assert set("0123456789") <= labels
        assert "⌫" in labels
        assert (extra in labels) if extra else not (labels & {"X", "."})
        for key in ["1", "3", extra or "0", "⌫"]:
            qtbot.mouseClick(pad.buttons[key], Qt.MouseButton.LeftButton)
    assert typed == ["1", "3", "X", "<", "1", "3", "0", "<", "1", "3", ".", "<"]


def test_lockdown_blocks_menus_shortcuts_and_window_close(qtbot: QtBot, shell: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lockdown = shell.assist.lockdown
    app.installEventFilter(lockdown)
    try:
        window = shell.window
        menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
        assert lockdown.eventFilter(window.header, menu)
        alt_f4 = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        assert lockdown.eventFilter(window, alt_f4)
        quit_key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Q,
                             Qt.KeyboardModifier.ControlModifier)
        assert lockdown.eventFilter(window, quit_key)
        digit = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier, "1")
        assert not lockdown.eventFilter(window, digit)
        # five touches in the top-left corner open the staff page (admin PIN there)
        with qtbot.waitSignal(lockdown.admin_gesture, timeout=2000):
            for _ in range(5):
                qtbot.mouseClick(window.header, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        assert window.current_page.page_id == "staff"
        window.show_page("home")
        for _ in range(5):  # elsewhere: nothing
            qtbot.mouseClick(window.header, Qt.MouseButton.LeftButton,
                             pos=QPoint(window.header.width() // 2, 5))
        assert window.current_page.page_id == "home"
    finally:
        app.removeEventFilter(lockdown)

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.shell import KioskShell


def _button(shell: KioskShell, text: str) -> QPushButton:
    for button in shell.window.findChildren(QPushButton):
        if button.text().replace("\n", "") == text and button.isVisible():
            return button
    raise AssertionError(f"no visible button {text!r}")


def test_home_shows_three_tiles_in_chinese(shell: KioskShell) -> None:
    assert shell.window.current_page.page_id == "home"
    for text in ("办事申请", "三务公开", "一卡通补贴查询"):
        assert _button(shell, text).height() >= 96
    assert shell.window.header.village.text() == "桐溪村"
    assert "数据更新于" in shell.window.header.freshness.text()


def test_tiles_back_and_home(qtbot: QtBot, shell: KioskShell) -> None:
    qtbot.mouseClick(_button(shell, "办事申请"), Qt.MouseButton.LeftButton)
    assert shell.window.current_page.page_id == "services"
    qtbot.waitUntil(lambda: "残疾人服务" in _all_text(shell))  # categories from the database
    qtbot.mouseClick(_button(shell, "⌂ 首页"), Qt.MouseButton.LeftButton)
    assert shell.window.current_page.page_id == "home"
    qtbot.mouseClick(_button(shell, "一卡通补贴查询"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_button(shell, "◀ 返回"), Qt.MouseButton.LeftButton)
    assert shell.window.current_page.page_id == "home"


def test_idle_countdown_is_cancelled_by_a_touch(qtbot: QtBot, shell: KioskShell) -> None:
    shell.idle.idle_s = 0
    shell.idle.touch()
    qtbot.waitUntil(lambda: shell.window.overlay.isVisible(), timeout=2000)
    assert "还剩" in shell.window.overlay.countdown.text()
    shell.idle.idle_s = 60
    qtbot.mouseClick(shell.window.header, Qt.MouseButton.LeftButton)
    assert not shell.window.overlay.isVisible()
    assert not shell.idle.counting_down


def _all_text(shell: KioskShell) -> str:
    """Every text any page holds, shown or not."""
    parts = []
    for widget in shell.window.findChildren(QWidget):
        for getter in ("text", "toPlainText"):
            value = getattr(widget, getter, None)
            if callable(value):
                parts.append(str(value()))
    return "\n".join(parts).replace(" ", "")


def test_idle_reset_wipes_the_villager(qtbot: QtBot, shell: KioskShell) -> None:
    qtbot.mouseClick(_button(shell, "一卡通补贴查询"), Qt.MouseButton.LeftButton)
    for key in "3301229":
        qtbot.mouseClick(_button(shell, key), Qt.MouseButton.LeftButton)
    assert "3301229" in _all_text(shell)
    shell.idle.countdown_s = 1
    shell.idle.idle_s = 0
    with qtbot.waitSignal(shell.window.session_wiped, timeout=5000):
        shell.idle.touch()
    assert shell.window.current_page.page_id == "home"
    assert "3301229" not in _all_text(shell)
    assert shell.window.history == []


def test_elderly_mode_makes_text_larger(qtbot: QtBot, shell: KioskShell) -> None:
    tile = _button(shell, "办事申请")
    before = tile.fontInfo().pixelSize()
    qtbot.mouseClick(_button(shell, "长辈版"), Qt.MouseButton.LeftButton)
    assert shell.theme.elderly
    assert tile.fontInfo().pixelSize() > before

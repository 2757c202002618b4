"""Idle countdown, the session wipe (complete, and under 100 ms), the attract screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.masking import mask_id_number
from kiosk.ui.subsidy_page import SubsidyPage
from tests.support.village import Village


def _type(qtbot: QtBot, page: SubsidyPage, number: str) -> None:
    keys = {b.text(): b for b in page.pad.findChildren(QPushButton)}
    for ch in number:
        qtbot.mouseClick(keys[ch], Qt.MouseButton.LeftButton)


def _model_texts(model: QAbstractItemModel) -> list[str]:
    from PySide6.QtCore import QModelIndex

    texts = []
    for row in range(min(model.rowCount(), 500)):
        column = 0
        while (index := model.index(row, column, QModelIndex())).isValid() and column < 20:
            value = index.data()
            column += 1
            if value is not None:
                texts.append(str(value))
    return texts


def visible_strings(root: QWidget) -> list[str]:
    """Every text a widget under `root` holds: labels, buttons, inputs, item models."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QPushButton | QLineEdit):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _model_texts(widget.model())
        combo = getattr(widget, "currentText", None)
        if callable(combo):
            found.append(str(combo()))
    return found


def held_strings(obj: object, depth: int = 0, seen: set[int] | None = None) -> list[str]:
    """Strings in the Python attributes the UI objects hold (results, typed text, caches)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen or depth > 4:
        return []
    seen.add(id(obj))
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, bytes | int | float | bool) or obj is None:
        return []
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in held_strings(k, depth + 1, seen)
                + held_strings(v, depth + 1, seen)]
    if isinstance(obj, list | tuple | set | frozenset):
        return [s for item in obj for s in held_strings(item, depth + 1, seen)]
    attrs = getattr(obj, "__dict__", None)
    if attrs is None or (isinstance(obj, QObject) and depth > 0 and not _ui_owned(obj)):
        return []
    return [s for value in attrs.values() for s in held_strings(value, depth + 1, seen)]


def _ui_owned(obj: QObject) -> bool:
    return type(obj).__module__.startswith("kiosk.ui")


def test_countdown_appears_and_a_touch_cancels_it(qtbot: QtBot, shell: Any) -> None:
    overlay = shell.window.overlay
    shell.idle.set_idle_seconds(1)
    qtbot.waitUntil(overlay.isVisible, timeout=3000)
    assert "5" in overlay.countdown.text() or "4" in overlay.countdown.text()
    with qtbot.waitSignal(shell.idle.countdown_cancelled, timeout=2000):
        qtbot.mouseClick(shell.window.header, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    assert shell.idle.idle_s == 1  # restarted, not expired
    shell.idle.set_idle_seconds(1)
    shell.idle.countdown_s = 1
    with qtbot.waitSignal(shell.window.session_wiped, timeout=5000):
        pass
    assert shell.window.current_page.page_id == "home"


def test_form_pages_get_the_longer_idle_time(shell: Any) -> None:
    settings = shell.services.settings
    forms = [p for p in shell.window.pages.values() if p.idle_kind == "form"]
    assert forms, "the wizard is a form page"
    shell.window.show_page(forms[0].page_id)
    assert shell.idle.idle_s == settings.get("kiosk", "form_idle_timeout_s")
    browse = next(p for p in shell.window.pages.values() if p.idle_kind == "browse"
                  and p.page_id != "home")
    shell.window.show_page(browse.page_id)
    assert shell.idle.idle_s == settings.idle_timeout_s


def test_after_the_wipe_nothing_of_the_villager_remains(qtbot: QtBot, shell: Any,
                                                        village: Village) -> None:
    resident = village.holder_with_payments()
    window = shell.window
    window.show_page("subsidy")
    page = window.pages["subsidy"]
    assert isinstance(page, SubsidyPage)
    _type(qtbot, page, resident.id_number)
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() > 0)
    QGuiApplication.clipboard().setText(resident.id_number)
    area = page.table.verticalScrollBar()
    area.setValue(area.maximum())
    result = village.services.subsidies.lookup_id_number(resident.id_number)
    needles = {resident.id_number, mask_id_number(resident.id_number), resident.masked_name}
    shown = " ".join(visible_strings(window))
    assert resident.masked_name in shown  # the needles are really there before the wipe
    assert resident.card_tail in shown
    before = visible_strings(window) + held_strings(page)
    assert any(resident.masked_name in s for s in before), "the scan finds the villager"
    assert result.found

    shell.idle.expire_now()
    qtbot.waitUntil(lambda: shell.tasks.pending == 0)

    assert window.current_page.page_id == "home"
    assert window.history == []
    assert page.table.verticalScrollBar().value() == 0
    assert QGuiApplication.clipboard().text() == ""
    for page_obj in window.pages.values():  # every page, shown as the next villager sees it
        window.show_page(page_obj.page_id)
        qtbot.waitUntil(lambda: shell.tasks.pending == 0)
        strings = visible_strings(window) + held_strings(page_obj)
        leaks = [s for s in strings for needle in needles if needle and needle in s]
        assert leaks == [], f"{page_obj.page_id} still shows {leaks[:3]}"
    held = held_strings(shell.assist) + held_strings(shell.assist.guide) + held_strings(window)
    assert not [s for s in held for needle in needles if needle in s]
    assert shell.assist.last_wipe_ms > 0  # measured for bench/bench_wipe.py (goal < 100 ms)


def test_attract_screen_after_a_long_quiet_time(qtbot: QtBot, shell: Any) -> None:
    window = shell.window
    attract = shell.assist.attract
    attract.seconds = 1
    window.show_page("home")
    attract.restart()
    qtbot.waitUntil(lambda: window.current_page.page_id == "attract", timeout=3000)
    page = window.pages["attract"]
    qtbot.waitUntil(lambda: len(page.notice_titles()) > 0, timeout=3000)
    latest = shell.services.disclosures.browse(limit=1)[0].title
    assert any(latest in title for title in page.notice_titles())
    assert shell.idle.suspended  # no countdown over the attract screen
    qtbot.mouseClick(page, Qt.MouseButton.LeftButton)
    assert window.current_page.page_id == "home"
    assert not shell.idle.suspended

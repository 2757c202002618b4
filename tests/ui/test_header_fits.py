"""The header fits the screen with its longest state, in both languages, modes and sizes.

`kiosk screenshots` shows the header as the demo leaves it; the longest state (network down,
thousands waiting, a two-digit date, the longest weekday) must fit too: on one line it pushed
the English header past 1920 pixels in 长辈版.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.services.registry import Services
from kiosk.services.status import TerminalStatus
from kiosk.tools.layout_check import clipped_widgets
from kiosk.ui.shell import KioskShell, install_language

LONGEST = TerminalStatus(village_name="桐溪村", online=False, pending=9999,
                         data_as_of=datetime(2026, 12, 13, 15, 59, tzinfo=UTC))
A_WEDNESDAY = datetime(2026, 12, 30, 23, 59)


@pytest.fixture
def app() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield app
    install_language(app, "zh_CN")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
@pytest.mark.parametrize("elderly", [False, True])
def test_the_longest_header_fits(qtbot: QtBot, app: QApplication, services: Services,
                                 executor: ThreadPoolExecutor, language: str, width: int,
                                 height: int, elderly: bool) -> None:
    install_language(app, language)
    shell = KioskShell(app, services, executor, width=width, height=height, status_now=False)
    try:
        _check_header(qtbot, app, shell, language, width, height, elderly)
    finally:
        shell.dispose()


def _check_header(qtbot: QtBot, app: QApplication, shell: KioskShell, language: str,
                  width: int, height: int, elderly: bool) -> None:
    window = shell.window
    if elderly:
        window.large_button.setChecked(True)
    window.setFixedSize(width, height)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    header = window.header
    header.show_status(LONGEST)
    header.show_time(A_WEDNESDAY)
    qtbot.waitUntil(lambda: header.width() == width)
    for _ in range(8):
        app.processEvents()
    assert ("Wednesday" if language == "en" else "星期三") in header.clock.text()
    assert "9999" in header.freshness.text()
    assert clipped_widgets(header) == []
    assert header.minimumSizeHint().width() <= width
    assert header.height() < height // 8  # the pages keep the room they had

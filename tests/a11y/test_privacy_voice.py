"""In 长辈版 the privacy notice is read aloud before the first question of an application."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot


def test_the_notice_is_voiced_in_large_mode(qtbot: QtBot, shell: Any) -> None:
    shell.window.large_button.setChecked(True)
    said: list[str] = []
    shell.assist.voice.spoken.connect(said.append)
    shell.window.show_page("wizard", {"service_id": "svc-dibao"})
    page = shell.window.pages["wizard"]
    qtbot.waitUntil(lambda: page.session is not None, timeout=10_000)
    qtbot.waitUntil(lambda: shell.tasks.pending == 0, timeout=10_000)
    QApplication.processEvents()
    text = " ".join(said)
    for words in ("收集什么", "谁会收到", "保存多久", "代办员"):
        assert words in text, (words, said)

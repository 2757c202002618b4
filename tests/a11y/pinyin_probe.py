"""Type a name through Qt's virtual keyboard with Pinyin, as a villager would; print JSON.

Runs in its own process on a real X server (Xvfb): the input method is chosen when the
QApplication is made, and on the offscreen platform the keyboard's own window takes the
focus and closes itself. Usage: xvfb-run -a python tests/a11y/pinyin_probe.py zhang san
"""

from __future__ import annotations

import json
import os
import sys
import time

from kiosk.ui.keyboard import KeyboardGlue, prepare_environment

prepare_environment()
os.environ["QT_QPA_PLATFORM"] = "xcb"

from PySide6.QtCore import QLocale, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget  # noqa: E402


def main(syllables: list[str]) -> dict[str, object]:
    QLocale.setDefault(QLocale("zh_CN"))
    app = QApplication(sys.argv[:1])
    glue = KeyboardGlue()
    app.installEventFilter(glue)

    def pump(rounds: int = 30) -> None:
        for _ in range(rounds):
            app.processEvents()
            time.sleep(0.01)

    form = QWidget()
    layout = QVBoxLayout(form)
    name = QLineEdit()
    layout.addWidget(name)
    form.resize(900, 300)
    form.show()
    form.activateWindow()
    pump()
    name.setFocus()  # the glue opens the keyboard on focus; nobody calls show() here
    pump(80)
    method = QGuiApplication.inputMethod()
    opened = method.isVisible()
    views = [w for w in QGuiApplication.topLevelWindows() if isinstance(w, QQuickWindow)]
    if not views:
        return {"ok": False, "problem": "no keyboard window", "opened": opened}
    view = views[0]

    def items(item: QQuickItem) -> list[QQuickItem]:
        found = []
        for child in item.childItems():
            found.append(child)
            found += items(child)
        return found

    def key(text: str | None = None, code: int | None = None) -> QQuickItem | None:
        for item in items(view.contentItem()):
            if not item.isVisible() or item.width() <= 0 or item.property("key") is None:
                continue
            if (text is not None and item.property("text") == text) or \
                    (code is not None and item.property("key") == code):
                return item
        return None

    def touch(item: QQuickItem) -> None:
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        pump(5)

    candidates = []
    for syllable in syllables:
        for letter in syllable:
            found = key(text=letter)
            if found is None:
                return {"ok": False, "problem": f"no key {letter!r}", "opened": opened}
            touch(found)
        candidates.append(name.text())
        space = key(code=int(Qt.Key.Key_Space))
        if space is None:
            return {"ok": False, "problem": "no space key", "opened": opened}
        touch(space)  # the first candidate
    typed = name.text()
    glue.forget()
    pump(20)
    result = {"ok": True, "opened": opened, "text": typed, "locale": method.locale().name(),
              "keyboard_hidden_after_forget": not method.isVisible()}
    form.close()
    return result


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:] or ["zhang", "san"]), ensure_ascii=False), flush=True)
    os._exit(0)  # skip Qt's teardown of the keyboard's QML engine: it is not under test

"""The floor for start-up: a bare PySide6 window with the kiosk's page stack, and nothing else.

The same widgets the kiosk's first frame shows, made with the same Qt calls: a header of four
labels, a stack of five pages (title, word-wrapped instruction, three large expanding tiles, a
hint and a small button), a footer of three buttons; the same style sheet text
(resources/styles/kiosk.qss at its 1920x1080 sizes), the same font family, focus and context
menu policies, styled backgrounds, and the same translation file loaded. What it leaves out is
everything the kiosk does besides painting: configuration, the database, services, the idle
watch, voice, the lockdown, the task runner. Prints seconds from process start to first paint.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from string import Template

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

REPO = Path(__file__).resolve().parent.parent


def seconds_since_process_start() -> float:
    """As kiosk.startup measures it: from the kernel's start time of this process."""
    import os

    with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as handle:
        start_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as handle:
        uptime = float(handle.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")

SIZES = {"body": 30, "small": 26, "button": 34, "action": 42, "heading": 34, "title": 48,
         "tile": 64, "target": 96, "pad": 12, "padwide": 28, "radius": 14, "border": 3,
         "scroll": 40, "inner": 66}  # kiosk/ui/theme.py BASE at 1920x1080


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"first_frame_s": round(seconds_since_process_start(), 3)}),
                  flush=True)
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def label(text: str, name: str, wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


def button(text: str, name: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    return widget


def page(number: int) -> QWidget:
    widget = QWidget()
    widget.setObjectName("page")
    layout = QVBoxLayout(widget)
    layout.addWidget(label(f"欢迎使用村便民服务终端 {number}", "pageTitle", wrap=True))
    layout.addWidget(label("请点击下面的按钮开始办理。", "instruction", wrap=True))
    row = QHBoxLayout()
    for kind, text in (("services", "办事\n申请"), ("disclosure", "三务\n公开"),
                       ("subsidy", "一卡通\n补贴查询")):
        tile = button(text, "tile")
        tile.setProperty("tileKind", kind)
        tile.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        row.addWidget(tile, 1)
    layout.addLayout(row, 1)
    bottom = QHBoxLayout()
    bottom.addWidget(label("需要帮助?请找服务台的工作人员。", "hint", wrap=True), 1)
    bottom.addWidget(button("工作人员", "quiet"))
    layout.addLayout(bottom)
    return widget


def main() -> None:
    app = QApplication(sys.argv[:1])
    QLocale.setDefault(QLocale("zh_CN"))
    translator = QTranslator(app)
    translator.load(str(REPO / "resources" / "translations" / "kiosk_zh_CN.qm"))
    app.installTranslator(translator)
    sheet = Template((REPO / "resources" / "styles" / "kiosk.qss").read_text(encoding="utf-8"))
    app.setStyleSheet(sheet.substitute(SIZES, family="WenQuanYi Zen Hei"))
    window = QMainWindow()
    window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    root = QWidget()
    layout = QVBoxLayout(root)
    header = QWidget()
    header.setObjectName("header")
    header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    row = QHBoxLayout(header)
    for text, name in (("桐溪村", "villageName"), ("离线运行", ""), ("数据更新于 11/30 10:00", ""),
                       ("2026-11-30 星期一 10:00", "clock")):
        row.addWidget(label(text, name))
    layout.addWidget(header)
    stack = QStackedWidget()
    for number in range(5):
        stack.addWidget(page(number))
    layout.addWidget(stack, 1)
    footer = QWidget()
    footer.setObjectName("footer")
    footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    row = QHBoxLayout(footer)
    for text in ("◀ 返回", "⌂ 首页", "长辈版"):
        row.addWidget(button(text))
    layout.addWidget(footer)
    window.setCentralWidget(root)
    window.resize(1920, 1080)
    window.installEventFilter(FirstPaint(window))
    window.show()
    app.exec()


if __name__ == "__main__":
    main()

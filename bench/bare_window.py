"""The floor for start-up: a bare PySide6 window with the same page stack shape as the kiosk.

Five pages of labels and large buttons in a QStackedWidget under a header and a footer, the
same CJK font and a style sheet; prints seconds from process start to the first paint.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from kiosk.startup import seconds_since_process_start  # pure, no Qt, tiny


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"first_frame_s": round(seconds_since_process_start(), 3)}))
            QTimer.singleShot(0, QApplication.quit)
            watched.removeEventFilter(self)
        return False


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet("QWidget { font-family: 'WenQuanYi Zen Hei'; font-size: 30px; }"
                      "QPushButton { min-height: 96px; border: 3px solid #0b3d78; }")
    window = QMainWindow()
    root = QWidget()
    layout = QVBoxLayout(root)
    header = QHBoxLayout()
    for text in ("桐溪村", "离线运行", "数据更新于 11/30 10:00", "2026-11-30 星期一 10:00"):
        header.addWidget(QLabel(text))
    layout.addLayout(header)
    stack = QStackedWidget()
    for page_number in range(5):
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(QLabel(f"欢迎使用村便民服务终端 {page_number}"))
        page_layout.addWidget(QLabel("请点击下面的按钮开始办理。"))
        row = QHBoxLayout()
        for text in ("办事申请", "三务公开", "一卡通补贴查询"):
            row.addWidget(QPushButton(text))
        page_layout.addLayout(row)
        stack.addWidget(page)
    layout.addWidget(stack, 1)
    footer = QHBoxLayout()
    for text in ("◀ 返回", "⌂ 首页", "长辈版"):
        footer.addWidget(QPushButton(text))
    layout.addLayout(footer)
    window.setCentralWidget(root)
    window.resize(1920, 1080)
    window.installEventFilter(FirstPaint(window))
    window.show()
    app.exec()


if __name__ == "__main__":
    main()

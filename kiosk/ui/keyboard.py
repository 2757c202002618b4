"""The on-screen keyboard: Qt's virtual keyboard with Pinyin, in a widgets application.

No physical keyboard is needed in the villager's path: digits come from `NumberPad`, Chinese
text from the Qt virtual keyboard (the pyside6-addons plugin). It is an input-method plugin,
chosen by `QT_IM_MODULE=qtvirtualkeyboard` before the QApplication exists, with its layouts
limited to Simplified Chinese (Pinyin) and English. In a widgets app it does not always open
by itself when a text field gets focus, so `KeyboardGlue` opens it explicitly.

The Pinyin engine learns what was typed (a user dictionary on disk, used to rank the next
candidates): `forget()` drops the current composition and tells the engine to reset that
learned data, so the next villager's candidates do not reveal the previous villager's name.
A frozen build must carry the plugin and its QML (Qt/qml/QtQuick/VirtualKeyboard).
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"
LOCALES = ("zh_CN", "en_US")
SETTINGS_MODULE = "QtQuick.VirtualKeyboard.Settings"


def prepare_environment(environ: dict[str, str] | None = None) -> None:
    """Choose the virtual keyboard before the QApplication is made (unless the environment
    already names an input method, e.g. a developer's ibus)."""
    env = os.environ if environ is None else environ
    env.setdefault("QT_IM_MODULE", IM_MODULE)


def keyboard_active() -> bool:
    return os.environ.get("QT_IM_MODULE") == IM_MODULE


def _is_text_input(widget: object) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return False


class KeyboardGlue(QObject):
    """Opens the keyboard when a text field is touched; forgets its state on a wipe."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._configured = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonRelease) \
                and _is_text_input(watched):
            self.show()
        return False

    def show(self) -> None:
        method = QGuiApplication.inputMethod()
        method.show()
        self._configure()

    def forget(self) -> None:
        """Drop the composition, hide the keyboard and reset what Pinyin learned."""
        method = QGuiApplication.inputMethod()
        method.reset()
        method.hide()
        settings = self._settings()
        if settings is not None:
            QMetaObject.invokeMethod(settings, "userDataReset",
                                     Qt.ConnectionType.DirectConnection)

    def _configure(self) -> None:
        """Limit the layouts to Chinese and English, once the keyboard's QML exists."""
        if self._configured:
            return
        settings = self._settings()
        if settings is not None:
            settings.setProperty("activeLocales", list(LOCALES))
            settings.setProperty("locale", LOCALES[0])
            self._configured = True

    @staticmethod
    def _settings() -> QObject | None:
        """The keyboard's VirtualKeyboardSettings singleton, if its window exists yet."""
        try:
            from PySide6.QtQuick import QQuickView
        except ImportError:  # pragma: no cover
            return None
        for window in QGuiApplication.topLevelWindows():
            if isinstance(window, QQuickView) and window.engine() is not None:
                try:
                    found = window.engine().singletonInstance(SETTINGS_MODULE,
                                                              "VirtualKeyboardSettings")
                except (RuntimeError, TypeError):
                    continue
                if isinstance(found, QObject):
                    return found
        return None


def text_inputs(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if _is_text_input(w)]

"""The Qt half of `kiosk selftest`: what only a running QApplication can prove.

Each check returns `(ok, detail)`. They are written for the frozen bundle, where a file that
PyInstaller left out shows up only at run time: a translation that does not load, a plugin
whose libraries are missing, QML modules the virtual keyboard cannot find, a page that renders
blank. The application must be created with `QT_IM_MODULE=qtvirtualkeyboard` already set.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QLibraryInfo,
    QMessageLogContext,
    QPluginLoader,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.bundle_manifest import REQUIRED_PLATFORMS_LINUX, keeps_plugin
from kiosk.paths import resource
from kiosk.ui.shell import KioskShell

Result = tuple[bool, str]

# Checked from source too: what a real screen, touch and the keyboard need.
SCREEN_PLUGIN_DIRS = ("platforms", "platforminputcontexts", "xcbglintegrations", "imageformats",
                      "iconengines")

# Messages that mean a QML module, plugin or library is missing from the bundle.
_MISSING = ("is not installed", "Cannot load library", "cannot be loaded", "not found",
            "Failed to load", "failed to load", "Could not load")


@contextmanager
def captured_messages() -> Iterator[list[str]]:
    """Collect Qt's warnings while the block runs (the keyboard reports QML errors this way)."""
    messages: list[str] = []

    def handler(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
        if kind != QtMsgType.QtDebugMsg:
            messages.append(text)

    previous = qInstallMessageHandler(handler)
    try:
        yield messages
    finally:
        qInstallMessageHandler(previous)


def check_translations(app: QApplication) -> Result:
    folder = resource("translations")
    sources = sorted(folder.glob("*.ts"))
    loaded = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        translator = QTranslator(app)
        if not qm.is_file() or not translator.load(str(qm)) or translator.isEmpty():
            return False, f"{qm.name} is missing or does not load (run python -m kiosk.i18n_build)"
        loaded.append(qm.name)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if Path(qt_dir, "qtbase_zh_CN.qm").is_file() and not qt_base.load("qtbase_zh_CN", qt_dir):
        return False, f"Qt's own qtbase_zh_CN.qm in {qt_dir} does not load"
    if not loaded:
        return False, f"no translations in {folder}"
    return True, ", ".join(loaded)


def check_fonts() -> Result:
    """A font that writes Simplified Chinese: the system's (fonts-wqy-zenhei); none is bundled."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not chinese:
        return False, ("no font for Simplified Chinese: install fonts-wqy-zenhei "
                       "(Chinese would show as boxes)")
    from kiosk.ui.theme import pick_family

    family = pick_family()
    if family not in chinese:
        return False, f"the theme picked {family!r}, which has no Chinese glyphs"
    return True, f"{family} ({len(chinese)} Chinese families)"


def check_plugins(app: QApplication) -> Result:
    """Every Qt plugin we ship loads (its libraries are all there), and the platforms we need."""
    import sys

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    frozen = bool(getattr(sys, "frozen", False))
    failed = []
    count = 0
    for path in sorted(plugins.glob("*/*")):
        if path.suffix not in (".so", ".dll", ".dylib") or not keeps_plugin(path.parent.name,
                                                                           path.name):
            continue
        if not frozen and path.parent.name not in SCREEN_PLUGIN_DIRS:
            continue  # from source Qt has every plugin; which ones ship is PyInstaller's call
        loader = QPluginLoader(str(path))
        count += 1
        if not loader.load():
            failed.append(f"{path.parent.name}/{path.name}: {loader.errorString()}")
    if failed:
        return False, "; ".join(failed)
    if sys.platform.startswith("linux"):
        names = {p.name for p in plugins.glob("platforms/*")}
        missing = [name for name in REQUIRED_PLATFORMS_LINUX
                   if not any(f"q{name}." in n for n in names)]
        if missing:
            return False, f"platform plugins missing: {', '.join(missing)}"
    scope = "every plugin shipped" if frozen else "screen plugins (from source)"
    return True, f"{count} plugins load, {scope}, from {plugins} (platform: {app.platformName()})"


def check_virtual_keyboard(app: QApplication, settle_s: float = 3.0) -> Result:
    """Focus a text field, ask for the keyboard, and wait for its QML input panel to exist."""
    from kiosk.bundle_manifest import VIRTUAL_KEYBOARD_IM_MODULE

    with captured_messages() as messages:
        field = QLineEdit()
        field.show()
        field.activateWindow()
        field.setFocus()
        method = QGuiApplication.inputMethod()
        deadline = time.monotonic() + settle_s
        view = None
        while time.monotonic() < deadline and view is None:
            method.show()
            app.processEvents()
            view = next((w for w in QGuiApplication.topLevelWindows()
                         if w.metaObject().className() == "QtVirtualKeyboard::InputView"), None)
            time.sleep(0.02)
        for _ in range(20):  # let the panel's QML finish loading and report any error
            app.processEvents()
            time.sleep(0.01)
        method.hide()
        field.close()
        field.deleteLater()
    problems = [m for m in messages if any(token in m for token in _MISSING)]
    if view is None:
        return False, (f"the {VIRTUAL_KEYBOARD_IM_MODULE} input panel did not appear"
                       + (f": {problems[0]}" if problems else " (is QT_IM_MODULE set?)"))
    if problems:
        return False, "; ".join(problems[:3])
    qml = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.QmlImportsPath))
    pinyin = qml / "QtQuick" / "VirtualKeyboard" / "Plugins" / "Pinyin"
    if not pinyin.is_dir():
        return False, f"the Pinyin input method is missing ({pinyin})"
    return True, "input panel loaded, Pinyin present"


def check_render(app: QApplication, build_shell: Callable[[], KioskShell],
                 save_to: Path | None,
                 width: int = 1920, height: int = 1080) -> Result:
    """Render the home page offscreen and check that it is a picture, not an empty frame."""
    from PySide6.QtCore import Qt

    from kiosk.ui.shell import _settle

    shell = build_shell()
    window = shell.window
    window.setFixedSize(width, height)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    _settle(app, shell.tasks)
    image = window.grab().toImage()
    window.close()
    if image.isNull() or image.width() != width:
        return False, f"the home page rendered as a null or wrong-sized image ({image.size()})"
    colours = _distinct_colours(image)
    if colours < 16:
        return False, f"the home page is nearly blank ({colours} colours)"
    if save_to is not None:
        image.save(str(save_to))
    return True, f"home page {width}x{height}, {colours} colours" + (
        f", saved to {save_to}" if save_to else "")


def _distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
            if len(seen) > 256:
                return len(seen)
    return len(seen)

"""What the frozen bundle carries of Qt, in one place: read by the PyInstaller spec that builds
it and by `kiosk selftest` that checks it, so the two cannot drift apart.

Plugins are filtered by a *drop* list: whatever Qt module another part of the kiosk starts to
import brings its plugins along (PyInstaller's hooks collect them), and only the families we
know we never want are removed. QML is the other way round, a *keep* list: importing QtQml or
QtQuick from Python would make PyInstaller copy every QML module there is (3D, Controls, Pdf...),
while the kiosk only needs what the Qt virtual keyboard loads at run time (measured with
`QML_IMPORT_TRACE=1` while the keyboard shows). Pure data: no Qt import.
"""

from __future__ import annotations

# Qt plugin folders dropped wholesale: other windowing systems, desktop themes, debugging.
DROPPED_PLUGIN_DIRS: tuple[str, ...] = (
    "egldeviceintegrations",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-graphics-integration-server",
    "wayland-shell-integration",
    "platformthemes",  # gtk3 drags GTK and its themes in; the kiosk draws its own style
    "qmltooling",  # QML debugger and profiler
    "sqldrivers",  # we use Python's sqlite3, not QtSql
    "designer",
    "webview",
)

# Platform plugins dropped by name stem: (lib)q<name>; xcb, offscreen, minimal, windows stay.
DROPPED_PLATFORMS: tuple[str, ...] = (
    "wayland", "wayland-egl", "wayland-generic", "vnc", "eglfs", "linuxfb", "vkkhrdisplay",
    "minimalegl",
)

# Single plugins dropped as "<folder>/<stem>" (stem without lib prefix and suffix).
DROPPED_PLUGINS: tuple[str, ...] = (
    "imageformats/qpdf",  # needs QtPdf, which PySide6-Essentials/Addons do not carry
    # image formats the kiosk never reads (scans are JPEG/PNG, built in or qjpeg; the
    # keyboard's icons are SVG, qsvg): Apple icons, Windows icons, TGA, TIFF, WBMP, WebP, GIF
    "imageformats/qicns", "imageformats/qico", "imageformats/qtga", "imageformats/qtiff",
    "imageformats/qwbmp", "imageformats/qwebp", "imageformats/qgif",
)

# Platform plugins that must be present in a Linux bundle (selftest checks they load).
REQUIRED_PLATFORMS_LINUX: tuple[str, ...] = ("xcb", "offscreen")

# QML module folders (relative to Qt's qml folder) the virtual keyboard needs. A folder ending
# in "/**" is kept with everything below it; the others only with their own files.
KEPT_QML_DIRS: tuple[str, ...] = (
    "QtQml",
    "QtQml/Models",
    "QtQml/WorkerScript",
    "QtQuick",
    "QtQuick/Layouts",
    "QtQuick/Window",
    "QtQuick/VirtualKeyboard/**",
    "Qt/labs/folderlistmodel",
)

VIRTUAL_KEYBOARD_IM_MODULE = "qtvirtualkeyboard"

# Python modules left out although something in the import graph names them:
# * setuptools & co.: nothing imports them at run time, but once collected PyInstaller adds
#   a runtime hook that imports setuptools before our first line (~85 ms of every start);
# * Pillow's AVIF and WebP codecs (libavif alone is 5 MB): the kiosk rasterises its own
#   receipts and reads PNG/JPEG scans; Pillow treats a missing codec as unsupported;
# * PyYAML's C accelerator (2.3 MB): python-escpos reads one small capabilities file with it,
#   and PyYAML falls back to its pure-Python loader;
# * multiprocessing: only concurrent.futures' process pool names it (the kiosk uses threads),
#   and once collected a runtime hook imports it at every start.
NEVER_LOADED_MODULES: tuple[str, ...] = (
    "setuptools", "pkg_resources", "_distutils_hack", "distutils", "multiprocessing",
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp",
    "yaml._yaml",
)

# Qt's own translations (dialog buttons...), kept for the kiosk's two languages only.
KEPT_QT_TRANSLATION_LOCALES: tuple[str, ...] = ("zh_CN", "en")


def keeps_qt_translation(filename: str) -> bool:
    """Whether one of Qt's `<catalog>_<locale>.qm` files is bundled."""
    stem = filename.rsplit(".", 1)[0]
    return any(stem.endswith("_" + locale) for locale in KEPT_QT_TRANSLATION_LOCALES)


def keeps_qml(relative_dir: str) -> bool:
    """Whether a file in this folder (relative to the qml folder, '/'-separated) is bundled."""
    relative_dir = relative_dir.strip("/")
    for kept in KEPT_QML_DIRS:
        if kept.endswith("/**"):
            root = kept[:-3]
            if relative_dir == root or relative_dir.startswith(root + "/"):
                return True
        elif relative_dir == kept:
            return True
    return False


def keeps_plugin(category: str, filename: str) -> bool:
    """Whether the plugin file `filename` in the plugin folder `category` is bundled."""
    if category in DROPPED_PLUGIN_DIRS:
        return False
    stem = filename.split(".", 1)[0]
    if f"{category}/{stem[3:] if stem.startswith('lib') else stem}" in DROPPED_PLUGINS:
        return False
    if category == "platforms":
        stem = filename.split(".", 1)[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        stem = stem[1:] if stem.startswith("q") else stem
        return stem not in DROPPED_PLATFORMS
    return True

"""Measuring what a villager sees: text sizes, touch targets, line spacing and contrast.

`audit_window` walks every page of a rendered window and every visible widget on it, and
measures what is on screen rather than what the style sheet meant: the font each widget ended
up with (in pt at the 1920x1080 reference, see `Theme.pt_equivalent`), each button's size, the
line spacing of wrapped text, and the contrast between the text colour and the background as
rendered (the window is grabbed and the widget's pixels counted, so overlays, inherited
backgrounds and translucent colours are measured as they are). `kiosk a11y-report` and the
tests use it; a breach names the page and the widget.
"""

from __future__ import annotations

import array
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from kiosk.services.registry import Services
from kiosk.ui.theme import (
    MIN_ACTION_PT,
    MIN_BODY_CONTRAST,
    MIN_BODY_PT,
    MIN_CONTRAST,
    MIN_LINE_SPACING,
    Theme,
)

ACTION_NAMES = frozenset({"primary", "tile"})  # object names of the main actions
DISTINCT = 1.5  # a pixel colour this far (in contrast) from the background is ink, not bg


@dataclass(frozen=True)
class Measure:
    """One measured value and the widget it belongs to."""

    page: str
    widget: str
    value: float
    floor: float

    @property
    def ok(self) -> bool:
        return self.value + 1e-6 >= self.floor


@dataclass
class PageReport:
    page: str
    smallest_text: Measure | None = None
    smallest_action_text: Measure | None = None
    smallest_target: Measure | None = None
    tightest_line_spacing: Measure | None = None
    lowest_contrast: Measure | None = None
    breaches: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"page": self.page, "breaches": list(self.breaches)}
        for name in ("smallest_text", "smallest_action_text", "smallest_target",
                     "tightest_line_spacing", "lowest_contrast"):
            value = getattr(self, name)
            out[name] = None if value is None else {
                "widget": value.widget, "value": round(value.value, 2), "floor": value.floor}
        return out


@dataclass
class ModeReport:
    width: int
    height: int
    elderly: bool
    pages: list[PageReport]
    seconds: float = 0.0

    @property
    def breaches(self) -> list[str]:
        return [f"{page.page}: {b}" for page in self.pages for b in page.breaches]

    def as_json(self) -> dict[str, object]:
        return {"size": f"{self.width}x{self.height}", "mode": self.mode,
                "breaches": self.breaches, "pages": [p.as_json() for p in self.pages],
                "seconds": round(self.seconds, 2)}

    @property
    def mode(self) -> str:
        return "elderly" if self.elderly else "normal"


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(rgb: tuple[int, int, int]) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
        r, g, bl = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _rgb(value: int) -> tuple[int, int, int]:
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def text_and_background(image: QImage, rect: QRect) -> tuple[tuple[int, int, int],
                                                               tuple[int, int, int]] | None:
    """The ink and background colours inside `rect` of a grabbed window, as rendered.

    The background is the commonest colour; the ink is a common colour clearly distinct from
    it (anti-aliased edge pixels are many different colours, solid strokes one).
    """
    rect = rect.intersected(image.rect())
    if rect.width() < 2 or rect.height() < 2:
        return None
    part = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    data = array.array("I")
    data.frombytes(bytes(part.constBits())[: part.sizeInBytes()])
    stride = part.bytesPerLine() // 4
    if stride != part.width():
        data = array.array("I", (v for row in range(part.height())
                                 for v in data[row * stride: row * stride + part.width()]))
    counts = Counter(v & 0xFFFFFF for v in data)
    background = _rgb(counts.most_common(1)[0][0])
    distinct = [(_rgb(value), count) for value, count in counts.most_common(400)
                if contrast_ratio(_rgb(value), background) >= DISTINCT]
    if not distinct:
        return None
    # Solid strokes share one colour; grid lines or borders may be commoner but fainter, so
    # of the colours that are common enough take the one that stands out most.
    enough = distinct[0][1] * 0.2
    ink = max((colour for colour, count in distinct if count >= enough),
              key=lambda colour: contrast_ratio(colour, background))
    return ink, background


def describe(widget: QWidget) -> str:
    """`Type#name 'text'` with the nearest named ancestors, to find the widget in the code."""
    text = ""
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        text = widget.text()
    text = text.replace("\n", " ")[:24]
    names: list[str] = []
    parent = widget.parentWidget()
    while parent is not None and len(names) < 2:
        if parent.objectName() and parent.objectName() != "page":
            names.append(parent.objectName())
        parent = parent.parentWidget()
    where = f" in {'/'.join(reversed(names))}" if names else ""
    name = f"#{widget.objectName()}" if widget.objectName() else ""
    return f"{type(widget).__name__}{name} {text!r}{where}"


def _shown_text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return "" if widget.pixmap() is not None and not widget.pixmap().isNull() \
            else widget.text()
    if isinstance(widget, QAbstractButton | QLineEdit):
        return widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractItemView):
        model = widget.model()
        return "items" if model is not None and model.rowCount() else ""
    return ""


def _visible_rect(widget: QWidget, root: QWidget) -> QRect | None:
    """The widget's rectangle in `root` coordinates, clipped by its scrolling ancestors."""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        rect = rect.intersected(QRect(parent.mapTo(root, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    rect = rect.intersected(root.rect())
    return rect if rect.width() > 0 and rect.height() > 0 else None


def audit_widgets(root: QWidget, theme: Theme, page: str,
                  image: QImage | None = None) -> PageReport:
    """Measure every visible text and touch target under `root` (a window, already shown)."""
    image = image if image is not None else root.grab().toImage()
    report = PageReport(page)
    factor = theme.floor_factor()

    def keep(attr: str, measure: Measure, lower: bool = True) -> None:
        current = getattr(report, attr)
        if current is None or measure.value < current.value:
            setattr(report, attr, measure)
        if not measure.ok:
            report.breaches.append(f"{attr.replace('_', ' ')} {measure.value:.2f} < "
                                   f"{measure.floor:.2f}: {measure.widget}")

    for widget in _walk(root):
        rect = _visible_rect(widget, root)
        if rect is None:
            continue
        name = describe(widget)
        if isinstance(widget, QAbstractButton) and widget.isEnabled():
            keep("smallest_target", Measure(page, name, min(widget.width(), widget.height()),
                                            round(theme.min_target_px(), 1)))
        if isinstance(widget, QAbstractItemView):
            _measure_rows(widget, theme, page, name, keep)
        text = _shown_text(widget)
        if not text.strip():
            continue
        pixels = QFontInfo(widget.font()).pixelSize()
        points = theme.pt_equivalent(pixels)
        if isinstance(widget, QAbstractButton) and widget.objectName() in ACTION_NAMES:
            keep("smallest_action_text", Measure(page, name, points, MIN_ACTION_PT * factor))
        keep("smallest_text", Measure(page, name, points, MIN_BODY_PT * factor))
        if isinstance(widget, QLabel) and widget.wordWrap():
            spacing = _line_spacing(widget)
            lines = widget.heightForWidth(widget.width()) / max(1, spacing)
            if lines >= 1.5:
                keep("tightest_line_spacing",
                     Measure(page, name, spacing / max(1, pixels), MIN_LINE_SPACING))
        inset = 0 if isinstance(widget, QLabel) else theme.px("border") + 1
        colours = text_and_background(image, rect.adjusted(inset, inset, -inset, -inset))
        if colours is not None:
            floor = MIN_BODY_CONTRAST if isinstance(widget, QLabel) else MIN_CONTRAST
            keep("lowest_contrast", Measure(page, name, contrast_ratio(*colours), floor))
    return report


def _walk(root: QWidget) -> Iterable[QWidget]:
    for widget in root.findChildren(QWidget):
        if widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0:
            yield widget


def _line_spacing(label: QLabel) -> int:
    measure = getattr(label, "line_height_px", None)
    return int(measure()) if callable(measure) else label.fontMetrics().lineSpacing()


def _measure_rows(view: QAbstractItemView, theme: Theme, page: str, name: str,
                  keep: Callable[..., None]) -> None:
    """Rows of a list are touch targets too: their height counts, the width is the list's."""
    model = view.model()
    selectable = view.selectionMode() != QAbstractItemView.SelectionMode.NoSelection
    if model is None or not view.isEnabled() or not selectable:
        return
    for row in range(min(model.rowCount(), 50)):
        rect = view.visualRect(model.index(row, 0))
        if rect.isValid() and rect.intersects(view.viewport().rect()):
            keep("smallest_target", Measure(page, f"{name} row {row}", rect.height(),
                                            round(theme.min_target_px(), 1)))


def audit_window(window: QWidget, pages: dict[str, Callable[[], QWidget | None]],
                 theme: Theme, settle: Callable[[], None]) -> list[PageReport]:
    """Show each page (the callables do it, returning what covers the window, if anything),
    let it settle, and measure what the villager can see and touch."""
    reports = []
    for page_id, show in pages.items():
        cover = show()
        settle()
        image = window.grab().toImage()
        if cover is None:
            reports.append(audit_widgets(window, theme, page_id, image))
        else:  # only the covering layer is readable and touchable
            where = QRect(cover.mapTo(window, QPoint(0, 0)), cover.size())
            reports.append(audit_widgets(cover, theme, page_id, image.copy(where)))
    return reports


def run_report(services: Services, executor: Executor, *, width: int, height: int,
               elderly: bool) -> ModeReport:
    """Build the kiosk at `width`x`height` in one mode and measure every page and overlay."""
    from kiosk.ui.shell import KioskShell, _settle, make_application

    start = time.perf_counter()
    app = make_application(services.settings.language)
    # the mock speech engine: silent here, but the footer shows "Read again" as with voice on
    shell = KioskShell(app, services, executor, width=width, height=height, voice_engine="mock")
    window = shell.window
    if elderly != shell.theme.elderly:
        window.large_button.setChecked(elderly)
    window.setFixedSize(width, height)
    window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    try:
        def settle() -> None:
            _settle(app, shell.tasks)

        def shower(page_id: str) -> Callable[[], QWidget | None]:
            return lambda: window.show_page(page_id)

        def countdown() -> QWidget:
            window.show_page("home")
            shell.idle.countdown_started.emit(services.settings.countdown_s)
            return window.overlay

        pages = {page_id: shower(page_id) for page_id in window.pages}
        pages["idle-countdown"] = countdown
        reports = audit_window(window, pages, shell.theme, settle)
        window.overlay.hide()
    finally:
        _settle(app, shell.tasks)
        shell.dispose()
    return ModeReport(width, height, elderly, reports, time.perf_counter() - start)

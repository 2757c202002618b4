"""Sizes, fonts and the style sheet, scaled to the screen and the mode (normal or 长辈版).

Every size is designed for a 1920x1080 terminal and scaled by the smaller of the two ratios to
the actual screen. The large (elderly) mode multiplies everything again. The numbers come from
the elderly-friendly rules in domain.md: body text >= 18 pt, main actions >= 30 pt, touch
targets >= 60 px.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.paths import resource

BASE = {  # pixels at 1920x1080, normal mode
    "body": 30, "small": 26, "button": 34, "action": 42, "heading": 34, "title": 48, "tile": 64,
    "target": 96, "pad": 12, "padwide": 28, "radius": 14, "border": 3, "scroll": 40,
}
ELDERLY_FACTOR = 1.3

# The floors `kiosk a11y-report` checks (domain.md, "Elderly-friendly rules"). A point is 1/72
# inch; at the 1920x1080 reference one CSS pixel is 0.75 pt, and a smaller screen of the same
# physical size shows bigger pixels, so pixels are scaled back to the reference first.
REFERENCE = (1920, 1080)
MIN_BODY_PT = 18.0       # any text
MIN_ACTION_PT = 30.0     # main actions: home tiles and primary buttons
MIN_TARGET_PX = 60       # touch targets at 1920x1080, proportionally elsewhere
MIN_LINE_SPACING = 1.3   # wrapped text, baseline to baseline over the font size
MIN_CONTRAST = 4.5       # any text
MIN_BODY_CONTRAST = 7.0  # body text: our own bar (AAA)
ELDERLY_FLOOR_FACTOR = 1.2  # the large mode must be larger still: floors x 1.2 there
FAMILIES = ("WenQuanYi Zen Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")


@dataclass(frozen=True)
class Theme:
    scale: float
    elderly: bool
    family: str

    @classmethod
    def for_screen(cls, width: int, height: int, *, elderly: bool) -> Theme:
        scale = min(width / 1920, height / 1080)
        return cls(scale=max(scale, 0.6), elderly=elderly, family=pick_family())

    def pt_equivalent(self, pixels: float) -> float:
        """Points a text of `pixels` would measure on the 1920x1080 reference terminal."""
        return pixels / self.scale * 0.75

    def min_target_px(self) -> float:
        floor = MIN_TARGET_PX * self.scale
        return floor * ELDERLY_FLOOR_FACTOR if self.elderly else floor

    def floor_factor(self) -> float:
        return ELDERLY_FLOOR_FACTOR if self.elderly else 1.0

    def px(self, name: str) -> int:
        factor = self.scale * (ELDERLY_FACTOR if self.elderly else 1.0)
        return max(1, round(BASE[name] * factor))

    def style_sheet(self) -> str:
        template = Template(resource("styles", "kiosk.qss").read_text(encoding="utf-8"))
        sizes = {name: self.px(name) for name in BASE}
        # QSS min-height counts the content box only: take padding and border off, so that a
        # whole button is exactly one touch target high.
        sizes["inner"] = max(8, sizes["target"] - 2 * (sizes["pad"] + sizes["border"]))
        return template.substitute(sizes, family=self.family)

    def apply(self, app: QApplication) -> None:
        font = QFont(self.family)
        font.setPixelSize(self.px("body"))
        app.setFont(font)
        app.setStyleSheet(self.style_sheet())


def pick_family() -> str:
    """The first CJK family installed; bundled fonts in resources/fonts are added first."""
    fonts_dir = resource("fonts")
    if fonts_dir.is_dir():
        for path in sorted(fonts_dir.glob("*.tt[cf]")):
            QFontDatabase.addApplicationFont(str(path))
    installed = set(QFontDatabase.families())
    for family in FAMILIES:
        if family in installed:
            return family
    return QApplication.font().family()

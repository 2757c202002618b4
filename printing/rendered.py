"""What a renderer produces: PDF bytes plus the paper they are meant for.

The back ends need the paper to pick the queue (roll or A4) and to tell CUPS the media size, so
that an 80 mm receipt is not scaled onto A4.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PaperKind = Literal["roll", "a4"]


@dataclass(frozen=True)
class Paper:
    kind: PaperKind
    width_mm: float
    height_mm: float

    @property
    def cups_media(self) -> str:
        """The `lp -o media=` value that keeps this page its own size."""
        if self.kind == "a4":
            return "A4"
        return f"Custom.{self.width_mm:g}x{self.height_mm:g}mm"


A4 = Paper("a4", 210, 297)


def roll(length_mm: int) -> Paper:
    return Paper("roll", 80, length_mm)


@dataclass(frozen=True)
class Rendered:
    kind: str
    title: str
    pdf: bytes
    paper: Paper
    pages: int = 1

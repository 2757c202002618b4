"""Where photographed materials come from: the document camera (高拍仪), behind a Protocol.

A real terminal plugs a UVC document camera; until its driver is written the kiosk uses
`SimulatedDocumentCamera`, which "photographs" a plain grey page with ruled lines (a real PNG,
made without Qt or Pillow), so the whole path — draft blob, size and type limits at finish,
outbox blob, upload before the application — runs end to end in the demo and in tests.
`NoDocumentCamera` says there is none: the wizard then asks the villager to hand the papers to
the clerk.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Photo:
    data: bytes
    media_type: str
    filename: str


class DocumentCamera(Protocol):
    @property
    def available(self) -> bool: ...

    def capture(self, label: str) -> Photo: ...


class CameraUnavailable(RuntimeError):
    """No document camera is attached."""


class NoDocumentCamera:
    available = False

    def capture(self, label: str) -> Photo:
        raise CameraUnavailable("no document camera")


@dataclass
class SimulatedDocumentCamera:
    width: int = 240
    height: int = 340
    _count: int = field(default=0, init=False)

    available = True

    def capture(self, label: str) -> Photo:
        self._count += 1
        return Photo(png_page(self.width, self.height, self._count), "image/png",
                     f"page-{self._count}.png")


def png_page(width: int, height: int, seed: int) -> bytes:
    """A grey-scale PNG of a page with ruled lines; `seed` moves the lines so pages differ."""
    rows = []
    for y in range(height):
        ruled = y > 20 and (y + seed * 3) % 18 == 0
        value = 70 if ruled else 245
        line = bytes([value]) * width
        rows.append(b"\x00" + line)
    raw = b"".join(rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))

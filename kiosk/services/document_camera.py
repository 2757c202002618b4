"""Where photographed materials come from: the document camera (高拍仪), behind a Protocol.

A real terminal plugs a UVC document camera, captured through QtMultimedia by the Qt-side
adapter `kiosk.ui.camera.QtDocumentCamera` (the UI installs it; this module stays Qt-free).
`NoDocumentCamera` is what every terminal starts with: it says in words that there is none,
and the wizard asks the villager to hand the papers to the clerk.

`SimulatedDocumentCamera` "photographs" a grey page with ruled lines (a real PNG, made without
Qt or Pillow) so the whole path runs in the demo and in tests. It is wired only when the demo
runs (docs/security.md, finding 2), and every page it makes carries a mark (a PNG text chunk,
`SIMULATED_MARK`): `ApplicationService` refuses a marked blob outside the demo, so a grey page
can never stand in for a villager's 户口簿.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field
from typing import Protocol

SIMULATED_MARK = b"village-kiosk simulated document camera"
_TEXT_KEY = b"Software"


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
    """No document camera is attached (or it did not answer); the message is in words."""


NO_CAMERA = ("本机没有连接高拍仪，请把材料交给代办员 / no document camera is connected to this "
             "terminal; please hand the papers to the clerk")


class NoDocumentCamera:
    available = False

    def capture(self, label: str) -> Photo:
        raise CameraUnavailable(NO_CAMERA)


@dataclass
class SimulatedDocumentCamera:
    width: int = 240
    height: int = 340
    _count: int = field(default=0, init=False)

    available = True

    def capture(self, label: str) -> Photo:
        self._count += 1
        return Photo(mark_simulated(png_page(self.width, self.height, self._count)),
                     "image/png", f"page-{self._count}.png")


def mark_simulated(png: bytes) -> bytes:
    """`png` with a text chunk saying it came from the simulated camera (after IHDR)."""
    end_of_header = 8 + 8 + 13 + 4
    return png[:end_of_header] + _chunk(b"tEXt", _TEXT_KEY + b"\x00" + SIMULATED_MARK) \
        + png[end_of_header:]


def is_simulated(data: bytes) -> bool:
    """Whether a blob is a page of the simulated camera (its mark sits in the first bytes)."""
    return data.startswith(b"\x89PNG") and SIMULATED_MARK in data[:128]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (struct.pack(">I", len(body)) + kind + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


def png_page(width: int, height: int, seed: int) -> bytes:
    """A grey-scale PNG of a page with ruled lines; `seed` moves the lines so pages differ."""
    rows = []
    for y in range(height):
        ruled = y > 20 and (y + seed * 3) % 18 == 0
        value = 70 if ruled else 245
        line = bytes([value]) * width
        rows.append(b"\x00" + line)
    raw = b"".join(rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b""))

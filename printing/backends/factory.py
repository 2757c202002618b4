"""Back ends from plain configuration, one per paper (roll, A4).

With `escpos` the roll goes to the thermal printer and A4 still goes to the CUPS A4 queue.
With `ipp` the two queues are printer URIs (`ipp://host:631/ipp/print`) or local CUPS queues.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from printing.backends.base import PrinterBackend
from printing.errors import PrintingError
from printing.rendered import PaperKind


@dataclass(frozen=True)
class PrinterConfig:
    backend: str  # file | cups | escpos | ipp
    receipt_queue: str = "kiosk-receipt"
    a4_queue: str = "kiosk-pdf"
    escpos_device: str = "/dev/usb/lp0"
    folder: Path = Path("printed")


def make_backends(config: PrinterConfig) -> dict[PaperKind, PrinterBackend]:
    if config.backend == "file":
        from printing.backends.folder import FolderBackend

        folder = FolderBackend(config.folder)
        return {"roll": folder, "a4": folder}
    if config.backend == "ipp":
        from printing.backends.ipp_printer import IppPrinter

        ipp = IppPrinter(config.receipt_queue, config.a4_queue)
        return {"roll": ipp, "a4": ipp}
    from printing.backends.cups import CupsBackend

    cups = CupsBackend(config.receipt_queue, config.a4_queue)
    if config.backend == "cups":
        return {"roll": cups, "a4": cups}
    if config.backend == "escpos":
        from printing.backends.escpos import EscposBackend

        return {"roll": EscposBackend(config.escpos_device), "a4": cups}
    raise PrintingError(f"unknown printer backend {config.backend!r}: "
                        "use file, cups, escpos or ipp")

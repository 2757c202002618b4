"""Raw ESC/POS thermal receipt printer (python-escpos), fed a picture of the receipt.

A device file cannot take a job "on hold" nor say afterwards whether it printed. So staging
only keeps the rendered page in memory and committing writes it; after a crash between the two
the outcome is "unknown" and the queue asks a person to check the paper and retry, rather than
risk a second copy (at most once, said out loud). Paper sensors need a two-way link that a
plain device file does not give; the status is the device being present and writable.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from printing.backends.base import JobOutcome, PrinterStatus
from printing.backends.raster import rasterize
from printing.errors import PrinterUnavailable
from printing.rendered import PaperKind, Rendered

PROFILE = "TM-T20II"


class EscposBackend:
    name = "escpos"

    def __init__(self, device: Path) -> None:
        self.device = device
        self._staged: dict[str, Rendered] = {}

    def printer_for(self, paper: PaperKind) -> str:
        return str(self.device)

    def status(self, paper: PaperKind) -> PrinterStatus:
        where = str(self.device)
        if paper != "roll":
            return PrinterStatus(where, False, "offline", (), "offline",
                                 "an ESC/POS printer takes only the 80 mm roll")
        if not self.device.exists():
            return PrinterStatus(where, False, "offline", (), "offline",
                                 f"{self.device} does not exist (printer off or unplugged?)")
        if not os.access(self.device, os.W_OK):
            return PrinterStatus(where, False, "offline", (), "offline",
                                 f"{self.device} is not writable by this user (group lp?)")
        return PrinterStatus(where, True, "idle")

    def stage(self, document: Rendered, title: str) -> str:
        if document.paper.kind != "roll":
            raise PrinterUnavailable("ESC/POS prints only roll documents")
        ref = f"escpos-{uuid.uuid4().hex[:12]}"
        self._staged[ref] = document
        return ref

    def commit(self, ref: str) -> JobOutcome:
        from escpos.printer import File

        document = self._staged.pop(ref, None)
        if document is None:
            return JobOutcome("unknown", f"{ref} was staged by a process that ended")
        image = rasterize(document.pdf)
        # A generic 80 mm / 203 dpi / 576-dot profile; the default profile has no width and
        # python-escpos then prints a complaint to stdout.
        printer = File(devfile=str(self.device), auto_flush=False, profile=PROFILE)
        try:
            printer.open()
            printer.image(image, impl="bitImageRaster")
            printer.cut()
            printer.flush()
        except OSError as error:
            raise PrinterUnavailable(f"{self.device}: {error.strerror}") from None
        finally:
            printer.close()
        return JobOutcome("done", f"{image.height} dot rows to {self.device}")

    def outcome(self, ref: str) -> JobOutcome:
        if ref in self._staged:
            return JobOutcome("staged")
        return JobOutcome("unknown", "an ESC/POS printer cannot report whether a job printed")

    def discard(self, ref: str) -> None:
        self._staged.pop(ref, None)

    def orphans(self, known: set[str]) -> list[str]:
        return []

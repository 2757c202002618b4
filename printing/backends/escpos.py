"""ESC/POS thermal receipt printer (python-escpos), fed a picture of the receipt.

Where the printer is (`[printer] escpos_device`):
- `serial:/dev/ttyS0[:baud]`, `tcp:HOST[:PORT]` (port 9100) or `usb:VID:PID` (hex): a two-way
  link. The printer answers real-time status (`DLE EOT`, printing.backends.escpos_status), so
  paper out and cover open are seen *before* a job is sent (it waits in the queue, nothing is
  lost or doubled) and the printer is asked again right after: it answered and reports no
  problem -> printed. Exactly once, like CUPS and the folder, except for one gap no ESC/POS
  printer closes: a crash while the bytes are on their way leaves the outcome "unknown".
- a plain path (`/dev/usb/lp0`): a device file, write-only. It cannot say whether it has
  paper or whether a job printed, so a job is written once and after a crash mid-job the
  queue asks a person to check the paper (at most once, said in `status().detail`).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from printing.backends.base import JobOutcome, PrinterStatus
from printing.backends.escpos_status import DLE_EOT, interpret
from printing.backends.raster import rasterize
from printing.errors import PrinterUnavailable, PrintingError
from printing.rendered import PaperKind, Rendered

PROFILE = "TM-T20II"
AT_MOST_ONCE = ("device file: no status from the printer, so a job is sent at most once "
                "(use serial:, tcp: or usb: for paper and cover status)")


@dataclass(frozen=True)
class Address:
    kind: str  # file | serial | tcp | usb
    where: str
    number: int = 0  # baud rate, TCP port
    product: int = 0  # USB product id (vendor id in `number`)

    @property
    def two_way(self) -> bool:
        return self.kind != "file"


def parse_address(text: str) -> Address:
    """`serial:/dev/ttyS0:19200`, `tcp:10.0.0.5:9100`, `usb:04b8:0202`, or a device path."""
    kind, _, rest = text.partition(":")
    try:
        if kind == "serial":
            path, _, baud = rest.partition(":")
            return Address("serial", path, int(baud or 9600))
        if kind == "tcp":
            host, _, port = rest.partition(":")
            return Address("tcp", host, int(port or 9100))
        if kind == "usb":
            vendor, _, product = rest.partition(":")
            return Address("usb", text, int(vendor, 16), int(product, 16))
    except ValueError:
        raise PrintingError(f"bad ESC/POS printer address {text!r}: use serial:/dev/ttyS0:9600,"
                            " tcp:HOST:9100, usb:VID:PID or a device path") from None
    return Address("file", text)


class EscposBackend:
    name = "escpos"

    def __init__(self, device: Path | str, *, timeout: float = 2.0) -> None:
        self.address = parse_address(str(device))
        self.device = str(device)
        self.timeout = timeout
        self._staged: dict[str, Any] = {}
        self._printing: set[str] = set()

    def printer_for(self, paper: PaperKind) -> str:
        return self.device

    # ---- status ------------------------------------------------------------------------

    def status(self, paper: PaperKind) -> PrinterStatus:
        if paper != "roll":
            return PrinterStatus(self.device, False, "offline", (), "offline",
                                 "an ESC/POS printer takes only the 80 mm roll")
        if not self.address.two_way:
            return self._file_status()
        try:
            printer = self._open()
        except PrinterUnavailable as error:
            return PrinterStatus(self.device, False, "offline", (), "offline", str(error))
        try:
            return self._ask_status(printer)
        finally:
            _close(printer)

    def _file_status(self) -> PrinterStatus:
        path = Path(self.device)
        if not path.exists():
            return PrinterStatus(self.device, False, "offline", (), "offline",
                                 f"{path} does not exist (printer off or unplugged?)")
        if not os.access(path, os.W_OK):
            return PrinterStatus(self.device, False, "offline", (), "offline",
                                 f"{path} is not writable by this user (group lp?)")
        return PrinterStatus(self.device, True, "idle", (), None, AT_MOST_ONCE)

    def _ask_status(self, printer: Any) -> PrinterStatus:
        answers: dict[int, int | None] = {}
        for n in (1, 2, 3, 4):
            answers[n] = self._ask(printer, n)
            if answers[n] is None:
                break
        return interpret(self.device, answers)

    def _ask(self, printer: Any, n: int) -> int | None:
        try:
            if self.address.kind == "serial":
                printer.device.reset_input_buffer()
            printer._raw(DLE_EOT + bytes([n]))
            if self.address.kind == "serial":
                data = printer.device.read(1)
            elif self.address.kind == "tcp":
                data = printer.device.recv(1)
            else:
                data = bytes(printer.device.read(printer.in_ep, 1, int(self.timeout * 1000)))
        except Exception:  # OSError, or pyserial's / pyusb's own errors on a lost link
            return None
        return data[0] if data else None

    # ---- sending -----------------------------------------------------------------------

    def stage(self, document: Rendered, title: str) -> str:
        """Rasterise, and on a two-way link check paper and cover now: a printer that cannot
        print refuses the job, which then waits in the queue."""
        if document.paper.kind != "roll":
            raise PrinterUnavailable("ESC/POS prints only roll documents")
        image = rasterize(document.pdf)
        if self.address.two_way:
            status = self.status("roll")
            if not status.ready:
                raise PrinterUnavailable(status.admin_message())
        ref = f"escpos-{uuid.uuid4().hex[:12]}"
        self._staged[ref] = image
        return ref

    def commit(self, ref: str) -> JobOutcome:
        image = self._staged.pop(ref, None)
        if image is None:
            return JobOutcome("unknown", f"{ref} was staged by a process that ended")
        printer = self._open()
        try:
            printer.image(image, impl="bitImageRaster")
            printer.cut()
            if hasattr(printer, "flush"):
                printer.flush()
            if not self.address.two_way:
                return JobOutcome("done", f"{image.height} dot rows to {self.device}")
            self._printing.add(ref)
            return self._after(ref, self._ask_status(printer), image.height)
        except OSError as error:
            raise PrinterUnavailable(f"{self.device}: {error.strerror or error}") from None
        finally:
            _close(printer)

    def _after(self, ref: str, status: PrinterStatus, rows: int) -> JobOutcome:
        """What the printer says right after the job: fine -> printed; paper ran out or the
        cover opened -> it holds the rest and prints it when fixed (ask again later)."""
        if status.ready:
            self._printing.discard(ref)
            return JobOutcome("done", f"{rows} dot rows to {self.device}; printer reports ok")
        if status.problem == "offline":
            self._printing.discard(ref)
            return JobOutcome("unknown", f"no status after the job: {status.admin_message()}")
        return JobOutcome("pending", status.admin_message())

    def outcome(self, ref: str) -> JobOutcome:
        if ref in self._staged:
            return JobOutcome("staged")
        if ref in self._printing:
            return self._after(ref, self.status("roll"), 0)
        return JobOutcome("unknown", "an ESC/POS printer cannot report whether a job printed")

    def discard(self, ref: str) -> None:
        self._staged.pop(ref, None)
        self._printing.discard(ref)

    def orphans(self, known: set[str]) -> list[str]:
        return []

    # ---- the link ----------------------------------------------------------------------

    def _open(self) -> Any:
        address = self.address
        try:
            if address.kind == "serial":
                from escpos.printer import Serial

                printer: Any = Serial(devfile=address.where, baudrate=address.number,
                                      timeout=self.timeout, dsrdtr=False, profile=PROFILE)
            elif address.kind == "tcp":
                from escpos.printer import Network

                printer = Network(address.where, address.number, timeout=self.timeout,
                                  profile=PROFILE)
            elif address.kind == "usb":
                from escpos.printer import Usb

                printer = Usb(address.number, address.product, timeout=int(self.timeout * 1000),
                              profile=PROFILE)
            else:
                from escpos.printer import File

                # A generic 80 mm / 203 dpi / 576-dot profile; the default profile has no
                # width and python-escpos then prints a complaint to stdout.
                printer = File(devfile=address.where, auto_flush=False, profile=PROFILE)
            printer.open()
        except ImportError as error:
            raise PrinterUnavailable(f"{address.kind} printers need {error.name}: "
                                     "pip install python-escpos[serial,usb]") from None
        except Exception as error:  # escpos wraps every open failure in its own types
            raise PrinterUnavailable(f"cannot open {self.device}: {error}") from None
        return printer


def _close(printer: Any) -> None:
    try:
        printer.close()
    except Exception:  # closing a link that already broke
        return

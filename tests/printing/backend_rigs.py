"""Real printers for the back-end contract: a folder, a private CUPS queue with cups-pdf (by
`lp`), a network IPP printer (a private cupsd), an ESC/POS printer on a pty (serial link,
with status) and the same pty as a bare device file.

Each rig can say how many documents came out (`out`), only once the printer is idle: the
CUPS rig waits until the queue has no unfinished job, the pty rig until every byte sent has
been read. So a duplicate that comes late is counted, not missed by a sleep that ended early.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from printing.backends.base import PrinterBackend
from printing.backends.cups import CupsBackend
from printing.backends.escpos import EscposBackend
from printing.backends.folder import FolderBackend
from printing.backends.ipp import CupsIpp
from printing.backends.ipp_printer import GET_JOBS, IppPrinter
from tests.printing.escpos_pty import PtyPrinter
from tests.printing.ipp_server import PrivateCupsd

CUPS_OUT = Path.home() / "PDF"  # cups-pdf.conf: Out ${HOME}/PDF
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


def wait_until(check: object, timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not callable(check) or not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(0.05)


class Rig:
    name = ""
    can_block = True
    keeps_staged = True  # a staged job outlives the process (orphans finds it)
    backend: PrinterBackend

    def out(self) -> int:
        raise NotImplementedError

    def block(self) -> None:
        raise NotImplementedError

    def unblock(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        return None


class FolderRig(Rig):
    name = "folder"

    def __init__(self, tmp: Path) -> None:
        self.folder = tmp / "printed"
        self.backend = FolderBackend(self.folder)

    def out(self) -> int:
        return len(list(self.folder.glob("*.pdf"))) if self.folder.is_dir() else 0

    def block(self) -> None:  # the folder's place taken by a file: cannot be written
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.rename(self.folder.with_name("printed.away"))
        self.folder.write_text("not a folder")

    def unblock(self) -> None:
        self.folder.unlink()
        self.folder.with_name("printed.away").rename(self.folder)


class CupsRig(Rig):
    name = "cups"

    def __init__(self, tmp: Path) -> None:
        self.queue = f"kiosk-printing-{os.getpid()}-{time.monotonic_ns() % 100000}"
        subprocess.run(["lpadmin", "-p", self.queue, "-E", "-v", "cups-pdf:/", "-m", PPD],
                       check=True)
        self.backend = CupsBackend(self.queue, self.queue)

    def idle(self) -> bool:
        """No job waiting or printing (held jobs stay held: they are not going to print)."""
        states = CupsIpp().unfinished_jobs(self.queue).values()
        return all(state == "pending-held" for state in states)

    def completed(self) -> list[int]:
        listed = subprocess.run(["lpstat", "-W", "completed", "-o", self.queue],
                                capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"})
        return [int(line.split()[0].rpartition("-")[2]) for line in listed.stdout.splitlines()
                if line.strip()]

    def outputs(self) -> list[Path]:
        return [p for n in self.completed() for p in CUPS_OUT.glob(f"*job_{n}.pdf")]

    def out(self) -> int:
        wait_until(self.idle, 60, f"CUPS queue {self.queue} to finish its jobs")
        return len(self.outputs())

    def block(self) -> None:
        subprocess.run(["cupsdisable", self.queue], check=True)

    def unblock(self) -> None:
        subprocess.run(["cupsenable", self.queue], check=True)

    def close(self) -> None:
        for path in self.outputs():
            path.unlink(missing_ok=True)
        subprocess.run(["lpadmin", "-x", self.queue], capture_output=True)


class IppRig(Rig):
    """A network IPP printer: a private cupsd on 127.0.0.1 (tests/printing/ipp_server.py)
    with one raw queue; what printed is the printer's own list of completed jobs."""

    name = "ipp"

    def __init__(self, tmp: Path) -> None:
        self.server = PrivateCupsd(tmp / "ipp-printer")
        try:
            self.uri = self.server.add_queue("office")
        except BaseException:
            self.server.stop()
            raise
        self.printer = IppPrinter(self.uri, self.uri)
        self.backend = self.printer

    def jobs(self, which: str) -> dict[int, int]:
        response = self.printer._call(self.uri, GET_JOBS, [
            (0x44, "which-jobs", which.encode()), (0x44, "requested-attributes", b"job-id"),
            (0x44, "", b"job-state")])
        return {int(a["job-id"][0]): int(a.get("job-state", [0])[0])
                for tag, a in response.groups if tag == 0x02 and "job-id" in a}

    def out(self) -> int:
        wait_until(lambda: all(state == 4 for state in self.jobs("not-completed").values()),
                   60, "the IPP printer to finish its jobs")
        return sum(1 for state in self.jobs("completed").values() if state == 9)

    def block(self) -> None:
        assert self.server.tool("cupsdisable", "office").returncode == 0

    def unblock(self) -> None:
        assert self.server.tool("cupsenable", "office").returncode == 0

    def close(self) -> None:
        self.server.stop()


class SerialRig(Rig):
    name = "escpos-serial"
    keeps_staged = False

    def __init__(self, tmp: Path) -> None:
        self.printer = PtyPrinter()
        self.backend = EscposBackend(f"serial:{self.printer.path}:9600", timeout=1.0)

    def out(self) -> int:
        for _ in range(2):  # twice: a chunk may be between the pty and the reader
            wait_until(self.printer.drained, 10, "the pty printer to read everything")
            time.sleep(0.05)
        return self.printer.cuts

    def block(self) -> None:
        self.printer.paper = False

    def unblock(self) -> None:
        self.printer.paper = True

    def close(self) -> None:
        self.printer.close()


class DeviceFileRig(SerialRig):
    """The same printer written as a plain device file: no status, at most once."""

    name = "escpos-device-file"
    can_block = False

    def __init__(self, tmp: Path) -> None:
        self.printer = PtyPrinter()
        self.backend = EscposBackend(self.printer.path)


RIGS = {rig.name: rig for rig in (FolderRig, CupsRig, IppRig, SerialRig, DeviceFileRig)}

"""A folder of PDFs as a printer: demo mode, tests, and a terminal without a printer.

Staging writes a hidden `.partial` file (flushed to disk); committing renames it into place,
which is atomic. So after a crash a job is either fully in the folder (done) or only staged
(commit it), never half-written or there twice. The folder is the terminal's paper: its PDFs
hold names and card tails, so `expire` deletes the printed ones after a short look.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from printing.backends.base import JobOutcome, PrinterStatus
from printing.rendered import PaperKind, Rendered

PARTIAL = ".partial"


class FolderBackend:
    name = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def printer_for(self, paper: PaperKind) -> str:
        return str(self.folder)

    def status(self, paper: PaperKind) -> PrinterStatus:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return PrinterStatus(str(self.folder), False, "offline", (), "offline",
                                 f"cannot create {self.folder}: {error.strerror}")
        if not os.access(self.folder, os.W_OK):
            return PrinterStatus(str(self.folder), False, "offline", (), "offline",
                                 f"{self.folder} is not writable")
        return PrinterStatus(str(self.folder), True, "idle")

    def _partial(self, ref: str) -> Path:
        return self.folder / f".{ref}{PARTIAL}"

    def stage(self, document: Rendered, title: str) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        ref = re.sub(r"[^\w.-]+", "_", title) + ".pdf"
        partial = self._partial(ref)
        with open(partial, "wb") as handle:
            handle.write(document.pdf)
            handle.flush()
            os.fsync(handle.fileno())
        return ref

    def commit(self, ref: str) -> JobOutcome:
        os.replace(self._partial(ref), self.folder / ref)
        _fsync_dir(self.folder)
        return JobOutcome("done", str(self.folder / ref))

    def outcome(self, ref: str) -> JobOutcome:
        if (self.folder / ref).exists():
            return JobOutcome("done", str(self.folder / ref))
        if self._partial(ref).exists():
            return JobOutcome("staged", str(self._partial(ref)))
        return JobOutcome("unknown", f"{ref} is not in {self.folder}")

    def discard(self, ref: str) -> None:
        self._partial(ref).unlink(missing_ok=True)

    def orphans(self, known: set[str]) -> list[str]:
        if not self.folder.is_dir():
            return []
        refs = [p.name[1:-len(PARTIAL)] for p in self.folder.glob(f".*{PARTIAL}")]
        return sorted(ref for ref in refs if ref not in known)


    def expire(self, older_than_s: float) -> list[str]:
        """Delete printed PDFs written more than `older_than_s` seconds ago (never partials:
        those are jobs still being sent). Returns the names deleted."""
        if not self.folder.is_dir():
            return []
        cutoff = time.time() - older_than_s
        gone: list[str] = []
        for path in sorted(self.folder.glob("*.pdf")):
            try:
                if path.stat().st_mtime <= cutoff:
                    path.unlink()
                    gone.append(path.name)
            except FileNotFoundError:
                continue
        return gone


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""CUPS back end: `lp` to submit, IPP (printing.backends.ipp) to ask.

Exactly once: a job is submitted on hold (`lp -H indefinite`), its CUPS id is recorded by the
queue, and only then released (`lp -i ID -H resume`). A crash before the id is recorded leaves
a held job that never prints; `orphans` finds it and the queue cancels it before sending again.
The roll keeps its own size with `-o media=Custom.80x<len>mm`. Subprocesses run with LC_ALL=C
so their messages parse the same on a Chinese-language terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence

from printing.backends.base import JobOutcome, PrinterStatus, interpret_cups
from printing.backends.ipp import CupsIpp, IppError
from printing.errors import PrinterUnavailable
from printing.rendered import PaperKind, Rendered

Runner = Callable[..., "subprocess.CompletedProcess[bytes]"]
IPP_NOT_FOUND = 0x0406
_REQUEST_ID = re.compile(rb"request id is (\S+)")


class CupsBackend:
    name = "cups"

    def __init__(self, receipt_queue: str, a4_queue: str, ipp: CupsIpp | None = None,
                 run: Runner = subprocess.run) -> None:
        self.queues: dict[PaperKind, str] = {"roll": receipt_queue, "a4": a4_queue}
        self.ipp = ipp or CupsIpp()
        self._run = run

    def printer_for(self, paper: PaperKind) -> str:
        return self.queues[paper]

    def status(self, paper: PaperKind) -> PrinterStatus:
        return self.queue_status(self.queues[paper])

    def queue_status(self, queue: str) -> PrinterStatus:
        try:
            attrs = self.ipp.printer_attributes(queue)
        except IppError as error:
            if error.status == IPP_NOT_FOUND:
                return PrinterStatus(queue, False, "offline", (), "offline",
                                     f"no CUPS queue named {queue} (lpstat -p lists them)")
            return PrinterStatus(queue, False, "offline", (), "offline", str(error))
        return interpret_cups(
            queue,
            int(attrs.get("printer-state", [3])[0]),
            tuple(str(r) for r in attrs.get("printer-state-reasons", ["none"])),
            bool(attrs.get("printer-is-accepting-jobs", [True])[0]),
            str(attrs.get("printer-state-message", [""])[0]),
        )

    def _lp(self, args: Sequence[str], stdin: bytes | None = None) -> bytes:
        if shutil.which("lp") is None:
            raise PrinterUnavailable("找不到 lp 命令 / `lp` is missing: install cups-client")
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        result = self._run(["lp", *args], input=stdin, capture_output=True, env=env,
                           timeout=60, check=False)
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace").strip()
            raise PrinterUnavailable(f"lp {' '.join(args[:2])} failed: {message}")
        return result.stdout

    def stage(self, document: Rendered, title: str) -> str:
        queue = self.queues[document.paper.kind]
        out = self._lp(["-d", queue, "-t", title, "-H", "indefinite",
                        "-o", f"media={document.paper.cups_media}", "-o", "job-sheets=none",
                        "-"], stdin=document.pdf)
        match = _REQUEST_ID.search(out)
        if not match:
            raise PrinterUnavailable(f"lp gave no job id: {out!r}")
        return match.group(1).decode()

    def commit(self, ref: str) -> JobOutcome:
        self._lp(["-i", ref, "-H", "resume"])
        return self.outcome(ref)

    def outcome(self, ref: str) -> JobOutcome:
        queue, job_id = split_ref(ref)
        try:
            state, reasons = self.ipp.job_state(queue, job_id)
        except IppError as error:
            if error.status == IPP_NOT_FOUND:
                return JobOutcome("unknown", f"CUPS has no record of job {ref}")
            return JobOutcome("pending", str(error))  # cannot tell now: ask again later
        detail = f"{ref}: {state} [{', '.join(reasons)}]"
        if state == "pending-held":
            return JobOutcome("staged", detail)
        if state == "completed":
            return JobOutcome("done", detail)
        if state in ("canceled", "aborted"):
            return JobOutcome("failed", detail)
        return JobOutcome("pending", detail)

    def discard(self, ref: str) -> None:
        env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
        self._run(["cancel", ref], capture_output=True, env=env, timeout=30, check=False)

    def orphans(self, known: set[str]) -> list[str]:
        found: list[str] = []
        for queue in sorted(set(self.queues.values())):
            try:
                held = self.ipp.held_jobs(queue)
            except IppError:
                continue
            found += [f"{queue}-{job_id}" for job_id in held if f"{queue}-{job_id}" not in known]
        return found


def split_ref(ref: str) -> tuple[str, int]:
    """`kiosk-pdf-12` -> ("kiosk-pdf", 12): CUPS request ids are `<queue>-<number>`."""
    queue, _, number = ref.rpartition("-")
    if not queue or not number.isdigit():
        raise ValueError(f"not a CUPS request id: {ref!r}")
    return queue, int(number)

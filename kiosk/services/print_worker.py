"""The one thread that talks to printers: `lp`, IPP and device files, never the database worker.

A stuck cupsd can hold `lp` for a minute and an IPP question for seconds; on the `kiosk-db`
worker that froze every draft save and lookup. So the running kiosk sends its print queue
here, on a thread of its own with its own database connection (SQLite in WAL mode lets the
two connections work side by side), as `SyncController` does for the network.

The worker is also the printer watch: every `interval_s` seconds (and at once when kicked
after a job is queued) it runs a pass over the queue, so a job that waited for paper or a
paused queue prints by itself, exactly once, when the printer is back. While it runs it holds
`print-watch.lock`, which tells other processes (`kiosk print test`, ...) that what they leave
queued will print without anyone typing a command. Each pass also deletes what printed jobs
no longer need (`PrintService.purge`).
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.services.print_report import QueueReport
    from kiosk.services.print_service import PrintService
    from printing.backends.base import PrinterStatus

log = logging.getLogger(__name__)


class PrintWorker:
    def __init__(self, open_service: Callable[[], PrintService], watch_lock: Path, *,
                 interval_s: float = 5.0, keep_printed_s: float | None = None) -> None:
        self._open_service = open_service
        self._watch_lock = watch_lock
        self.interval_s = interval_s
        self.keep_printed_s = keep_printed_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._statuses: dict[str, PrinterStatus] = {}
        self.last: QueueReport | None = None
        self.passes = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-print", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end after its current pass. A pass stuck in `lp` is left to
        finish on its daemon thread: the queue's recovery makes that safe after exit."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def kick(self) -> None:
        """Run a pass now (a job was just queued), without waiting for it."""
        self._wake.set()

    def status(self, paper: str) -> PrinterStatus | None:
        """The printer's state as the last pass saw it (None before the first)."""
        with self._changed:
            return self._statuses.get(paper)

    def wait_passes(self, count: int, timeout: float) -> bool:
        """Block until `count` passes have completed in total (tests, `kiosk run --smoke`)."""
        with self._changed:
            return self._changed.wait_for(lambda: self.passes >= count, timeout)

    def _run(self) -> None:
        watch = _hold(self._watch_lock)
        try:
            service = self._open_service()
        except Exception as error:  # no database or printer settings: nothing to watch
            log.warning("print worker cannot start: %s", error)
            _release(watch)
            return
        try:
            while not self._stopping.is_set():
                self._pass(service)
                self._wake.wait(self.interval_s)
                self._wake.clear()
        finally:
            service.db.close()
            _release(watch)

    def _pass(self, service: PrintService) -> None:
        report: QueueReport | None = None
        statuses: dict[str, PrinterStatus] = {}
        try:
            report = service.process_queue()
            statuses = dict(report.statuses)
            for paper in ("roll", "a4"):
                if paper not in statuses and not self._stopping.is_set():
                    statuses[paper] = service.printer_status(paper)
            service.purge(self.keep_printed_s)
        except Exception as error:  # one bad pass must not end the watch
            log.warning("print pass failed: %s: %s", type(error).__name__, error)
        with self._changed:
            if report is not None:
                self.last = report
            self._statuses.update(statuses)
            self.passes += 1
            self._changed.notify_all()


def _hold(path: Path) -> IO[bytes] | None:
    """Take the watch lock shared: several watchers may run, each says "it prints by itself"."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+b")  # noqa: SIM115  (held for the thread's lifetime)
    except OSError:
        return None
    fcntl.flock(handle.fileno(), fcntl.LOCK_SH)
    return handle


def _release(handle: IO[bytes] | None) -> None:
    if handle is not None:
        handle.close()

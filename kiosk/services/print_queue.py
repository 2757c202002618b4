"""The one printer wrapper every service prints through (receipts, statements, ledgers, forms).

Services call it on the database worker, so it does only database work there: a job is stored
(validated, with its printer and paper) and the print worker (`kiosk.services.print_worker`)
is kicked to send it on its own thread. Without a running worker (a command, a test) the
queue is sent in the caller's thread, as before. What the villager is told about a waiting
printer comes from what the worker last saw, never from a new question to the printer.

Built once by the registry (`Services.printing`); the print service under it is built on first
use, so start-up does no printer work.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kiosk.config import Settings
from kiosk.paths import DataPaths
from kiosk.storage.database import Database
from printing.backends.base import PrinterStatus

if TYPE_CHECKING:
    from kiosk.services.print_report import QueueReport
    from kiosk.services.print_service import PrintService, PrintTicket
    from kiosk.services.print_worker import PrintWorker
    from printing.model import ReceiptData


class PrintQueue:
    def __init__(self, db: Database, settings: Settings, paths: DataPaths) -> None:
        self.db = db
        self.settings = settings
        self.paths = paths
        self.worker: PrintWorker | None = None
        self._service: PrintService | None = None
        self._lock = threading.Lock()

    def service(self) -> PrintService:
        """The print service over the caller's database connection (enqueue, look-ups)."""
        with self._lock:
            if self._service is None:
                self._service = self._build(self.db)
            return self._service

    def _build(self, db: Database) -> PrintService:
        from kiosk.services.print_service import build_print_service

        return build_print_service(db, self.settings, self.paths)

    # ---- what services call (database worker) -----------------------------------------

    def print_job(self, kind: str, data: Mapping[str, Any]) -> int:
        """Store a document job and have it sent; returns the job id."""
        job_id = self.service().enqueue(kind, data)
        self.process_queue()
        return job_id

    def enqueue_receipt(self, receipt: ReceiptData) -> PrintTicket:
        return self.service().enqueue_receipt(receipt)

    def process_queue(self) -> QueueReport:
        """Send what is queued: on the print worker when it runs (returns at once, with the
        villager's message for every job waiting on a printer the worker saw not ready),
        otherwise here and now."""
        worker = self.worker
        if worker is None or not worker.running:
            return self.service().process_queue()
        worker.kick()
        return self._known_waiting(worker)

    def _known_waiting(self, worker: PrintWorker) -> QueueReport:
        from kiosk.services.print_report import QueueReport
        from kiosk.storage import print_jobs as store

        report = QueueReport()
        last = worker.last.messages if worker.last is not None else {}
        for job in store.jobs_in_state(self.db, "queued"):
            status = worker.status(job.paper)
            if job.id in last:  # the worker's own word for this job (its printer, its code)
                message = last[job.id]
            elif status is not None and not status.ready and not job.target:
                message = status.villager_message(job.reference)
            else:
                continue
            report.waiting.append(job.id)
            report.messages[job.id] = message
        return report

    def message_for(self, job_id: int) -> str:
        """The villager's word for a job just queued: "" when it is on its way to the
        printer, else why it waits (no paper, off) and what happens next. Never a promise
        that is not true: the worker's own message says whether it prints by itself."""
        worker = self.worker
        if worker is not None and worker.running:
            report = self._known_waiting(worker)
        else:
            report = self.service().process_queue()
        return str(report.messages.get(job_id, ""))

    def known_status(self, paper: str) -> PrinterStatus | None:
        """The printer as the running print worker last saw it ("unknown" before its first
        answer: never a new question from here); None without a worker (then ask)."""
        worker = self.worker
        if worker is None or not worker.running:
            return None
        return worker.status(paper) or PrinterStatus(
            "", False, "unknown", (), None, "the print worker has no answer from the printer yet")

    # ---- the running kiosk (composition root / shell) ---------------------------------

    def start_worker(self) -> PrintWorker:
        """Start the print worker and printer watch (once); it opens its own connection."""
        from kiosk.services.print_worker import PrintWorker

        with self._lock:
            if self.worker is None:
                keep = int(self.settings.get("printer", "keep_printed_min")) * 60
                self.worker = PrintWorker(
                    self._open_own, self.paths.root / "print-watch.lock",
                    interval_s=float(self.settings.get("printer", "watch_interval_s")),
                    keep_printed_s=keep)
        self.worker.start()
        return self.worker

    def stop_worker(self, timeout: float = 5.0) -> None:
        if self.worker is not None:
            self.worker.stop(timeout)

    def _open_own(self) -> PrintService:
        from kiosk.storage.database import open_database

        return self._build(open_database(self.paths.database, check_same_thread=False))

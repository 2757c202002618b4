"""What the UI and other services call to print: enqueue, process the queue, printer status.

Every job is stored (kind + data as JSON, or PDF bytes) before anything is sent. Sending is
`claim` (commit "sending") -> `stage` on the printer (nothing prints yet) -> commit the
printer's reference -> `commit` on the printer -> record the outcome. After a crash the
"sending" jobs are recovered from what the printer says about their reference, and staged
orphans (reference never recorded) are discarded before the job is sent again: nothing prints
twice. A printer that is off, paused or out of paper leaves jobs queued with a message for the
villager in words; the next `process_queue` prints them. One process sends at a time (a lock
file), so recovery never mistakes another process's job in flight for a crashed one.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.context import Context
from kiosk.errors import KioskError
from kiosk.services.print_report import QueueReport
from kiosk.services.receipts import receipt_from_print_jobs
from kiosk.storage import print_jobs as store
from kiosk.storage.database import Database
from kiosk.storage.print_jobs import PrintJob
from printing.backends.base import JobOutcome, PrinterBackend, PrinterStatus
from printing.backends.folder import FolderBackend
from printing.errors import PrintingError
from printing.model import ReceiptData, to_dict
from printing.render import paper_of, parse, render
from printing.rendered import A4, PaperKind, Rendered, roll

ReceiptLookup = Callable[[Database, str], ReceiptData | None]


class PrintFailed(KioskError):
    """Printing cannot go on as asked (unknown job, bad data, no printer)."""


@dataclass(frozen=True)
class PrintTicket:
    job_id: int
    reference: str


NamedBackend = Callable[[str], PrinterBackend]
WATCH_LOCK = "print-watch.lock"


class PrintService:
    """The queue over one database connection. `backends` print by paper as configured;
    `named` builds the back end of a printer a job was explicitly sent to (its `target`),
    `target` is what this service's own jobs are sent to ("" = by paper)."""

    def __init__(self, db: Database, backends: Mapping[PaperKind, PrinterBackend],
                 lock_path: Path, *, terminal_id: str = "",
                 receipt_lookup: ReceiptLookup = receipt_from_print_jobs,
                 named: NamedBackend | None = None, target: str = "") -> None:
        self.db = db
        self.backends = dict(backends)
        self.lock_path = lock_path
        self.terminal_id = terminal_id
        self.receipt_lookup = receipt_lookup
        self.target = target
        self._named = named
        self._by_name: dict[str, PrinterBackend] = {}

    # ---- what the UI calls -------------------------------------------------------------

    def enqueue(self, kind: str, data: Any, *, reference: str = "") -> int:
        """Store a document job (validated now, rendered when sent); returns the job id."""
        typed = parse(kind, data) if isinstance(data, Mapping) else data
        try:
            paper = paper_of(kind, typed)
            printer = self.backend_for(self.target, paper).printer_for(paper)
            return store.add_job(self.db, kind=kind, paper=paper, reference=reference,
                                 data=to_dict(typed), target=self.target, printer=printer)
        except PrintingError as error:
            raise PrintFailed(f"无法打印 / cannot print {kind}: {error}") from None

    def enqueue_receipt(self, receipt: ReceiptData | Mapping[str, Any]) -> PrintTicket:
        typed = receipt if isinstance(receipt, ReceiptData) else parse("receipt", receipt)
        job_id = self.enqueue("receipt", typed, reference=typed.receipt_code)
        return PrintTicket(job_id, typed.receipt_code)

    def enqueue_pdf(self, rendered: Rendered, *, reference: str = "") -> int:
        """Store an already rendered PDF (its bytes are what will print)."""
        paper = rendered.paper.kind
        return store.add_job(self.db, kind=rendered.kind, paper=paper, reference=reference,
                             pdf=rendered.pdf, target=self.target,
                             printer=self.backend_for(self.target, paper).printer_for(paper),
                             data={"paper_height_mm": rendered.paper.height_mm,
                                   "title": rendered.title, "pre_rendered": True})

    def printer_status(self, paper: PaperKind = "roll") -> PrinterStatus:
        return self.backend_for(self.target, paper).status(paper)

    def backend_for(self, target: str, paper: PaperKind) -> PrinterBackend:
        """The back end of the printer `target` ("" = the configured one for `paper`)."""
        if not target:
            return self.backends[paper]
        if target not in self._by_name:
            if self._named is None:
                raise PrintFailed(f"打印机 {target} 无法使用 / this terminal cannot send to a "
                                  f"named printer ({target}): set [printer] backend = cups")
            self._by_name[target] = self._named(target)
        return self._by_name[target]

    def watched(self) -> bool:
        """Is a running kiosk watching the printer (holding the watch lock)? Then a job that
        waits for the printer prints by itself once it is back."""
        path = self.lock_path.parent / WATCH_LOCK
        if not path.exists():
            return False
        with open(path, "a+b") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        return False

    def process_queue(self) -> QueueReport:
        """Recover interrupted jobs, then send every queued job whose printer is ready."""
        report = QueueReport()
        with self._sender_lock() as acquired:
            if not acquired:
                report.busy = True
                return report
            self._recover(report)
            automatic: bool | None = None
            statuses: dict[tuple[str, PaperKind], PrinterStatus] = {}
            for job in store.jobs_in_state(self.db, "queued"):
                key = (job.target, self._paper(job))
                backend = self._backend(job)
                if key not in statuses:
                    statuses[key] = backend.status(key[1])
                status = statuses[key]
                report.statuses[key[1]] = status
                if not status.ready:
                    if automatic is None:
                        automatic = self.watched()
                    self._wait(job, status, report, automatic)
                    continue
                if not self._send(job, report):
                    statuses[key] = backend.status(key[1])
        if report.printed:
            store.checkpoint_wal(self.db)
        return report

    def resume(self, timeout: float = 0.0, interval: float = 0.5) -> QueueReport:
        """Send every queued job, oldest first; wait up to `timeout` seconds for a printer that
        is not ready yet and for jobs at the printer to finish (`kiosk print resume`)."""
        total = QueueReport()
        deadline = time.monotonic() + timeout
        while True:
            report = self.process_queue()
            total.merge(report)
            if not store.jobs_in_state(self.db, "queued") and not store.jobs_in_state(
                    self.db, "sending"):
                return total
            if time.monotonic() >= deadline:
                return total
            time.sleep(interval)

    def wait_for(self, job_id: int, timeout: float = 30.0, interval: float = 0.3) -> PrintJob:
        """Process the queue until the job is done, failed, or waiting on the printer."""
        deadline = time.monotonic() + timeout
        while True:
            report = self.process_queue()
            job = self.job(job_id)
            if job.state in ("done", "failed", "cancelled") or job_id in report.waiting:
                return job
            if time.monotonic() >= deadline:
                return job
            time.sleep(interval)

    # ---- admin ----------------------------------------------------------------------------

    def job(self, job_id: int) -> PrintJob:
        job = store.get_job(self.db, job_id)
        if job is None:
            raise PrintFailed(f"没有这个打印任务 / no print job {job_id} (kiosk print queue)")
        return job

    def list_jobs(self, limit: int = 200) -> list[PrintJob]:
        return store.list_jobs(self.db, limit=limit)

    def cancel(self, job_id: int) -> PrintJob:
        job = self.job(job_id)
        if job.state in ("done", "cancelled"):
            raise PrintFailed(f"打印任务 {job_id} 已{'完成' if job.state == 'done' else '取消'} / "
                              f"job {job_id} is already {job.state}")
        if job.backend_ref:
            self._backend(job).discard(job.backend_ref)
        cancelled = store.cancel(self.db, job_id, "cancelled by admin")
        assert cancelled is not None
        self.purge()
        return self.job(job_id)

    def retry(self, job_id: int) -> PrintJob:
        """Send a job (again): a queued or sending job is simply sent now (the caller then
        processes the queue); a failed one goes back to the queue. A printed or cancelled job
        whose content was deleted cannot be printed from here again."""
        job = self.job(job_id)
        if job.state in ("queued", "sending"):
            return job
        if job.purged:
            raise PrintFailed(
                f"打印任务 {job_id} 的内容已在{'打印' if job.state == 'done' else '取消'}后删除 / "
                f"job {job_id} was {job.state} and its personal content deleted: print it "
                "again from where it came from (e.g. kiosk print receipt CODE --data FILE)")
        retried = store.requeue(self.db, job_id, f"retry requested by admin (was {job.state})")
        assert retried is not None
        return retried

    def purge(self, keep_printed_s: float | None = None) -> list[int]:
        """Retention of printed matter (issue 18): delete the personal content of every printed
        or cancelled job (`print_jobs.purge_content`: secure_delete + WAL checkpoint) and, when
        `keep_printed_s` is given, the file back end's PDFs older than that. Returns the job
        ids purged. Queued, sending and failed jobs keep everything."""
        purged = store.purge_content(self.db, store.finished_unpurged(self.db))
        if keep_printed_s is not None:
            for backend in {id(b): b for b in self.backends.values()}.values():
                if isinstance(backend, FolderBackend):
                    backend.expire(keep_printed_s)
        return purged

    def reprint_receipt(self, code: str) -> PrintTicket:
        receipt = self.receipt_lookup(self.db, code)
        if receipt is None:
            raise PrintFailed(f"找不到回执号 {code} / no receipt with code {code} is stored")
        return self.enqueue_receipt(receipt)

    def render_job(self, job: PrintJob) -> Rendered:
        if job.has_pdf:
            pdf = store.job_pdf(self.db, job.id) or b""
            height = float((job.data or {}).get("paper_height_mm", 297))
            paper = A4 if job.paper == "a4" else roll(int(height))
            return Rendered(job.kind, str((job.data or {}).get("title", job.kind)), pdf, paper)
        return render(job.kind, job.data or {})

    # ---- the sending protocol ---------------------------------------------------------

    @staticmethod
    def _paper(job: PrintJob) -> PaperKind:
        return "a4" if job.paper == "a4" else "roll"

    def _backend(self, job: PrintJob) -> PrinterBackend:
        return self.backend_for(job.target, self._paper(job))

    def _wait(self, job: PrintJob, status: PrinterStatus, report: QueueReport,
              automatic: bool) -> None:
        villager = status.villager_message(job.reference, automatic=automatic)
        store.set_message(self.db, job.id, f"{villager} ({status.admin_message()})")
        report.waiting.append(job.id)
        report.messages[job.id] = villager

    def _send(self, job: PrintJob, report: QueueReport) -> bool:
        """Send one job; False when the printer turned out not to take it (job stays queued)."""
        paper = self._paper(job)
        backend = self._backend(job)
        try:
            document = self.render_job(job)
        except PrintingError as error:
            store.finish(self.db, job.id, "failed", f"cannot render: {error}")
            report.failed.append(job.id)
            return True
        if not store.claim(self.db, job.id, backend=backend.name,
                           printer=backend.printer_for(paper)):
            return True
        title = f"kiosk-{job.id}-{job.kind}-{job.attempts + 1}-{os.urandom(3).hex()}"
        try:
            ref = backend.stage(document, title)
        except PrintingError as error:
            store.finish(self.db, job.id, "queued", f"printer refused the job: {error}")
            report.waiting.append(job.id)
            return False
        store.record_ref(self.db, job.id, ref)
        try:
            outcome = backend.commit(ref)
        except PrintingError as error:
            store.set_message(self.db, job.id, f"release failed, will retry: {error}")
            report.sending.append(job.id)
            return False
        self._apply(job.id, outcome, report)
        return True

    def _apply(self, job_id: int, outcome: JobOutcome, report: QueueReport) -> None:
        if outcome.state == "done":
            store.finish(self.db, job_id, "done", outcome.detail)
            store.purge_content(self.db, [job_id], checkpoint=False)  # once, after the pass
            report.printed.append(job_id)
        elif outcome.state in ("pending", "staged"):
            store.set_message(self.db, job_id, f"at the printer: {outcome.detail}")
            report.sending.append(job_id)
        elif outcome.state == "failed":
            store.finish(self.db, job_id, "failed", f"printer dropped the job: {outcome.detail}")
            report.failed.append(job_id)
        else:
            store.finish(self.db, job_id, "failed",
                         "打印结果未知,请查看打印机后重试 / outcome unknown (it may have "
                         f"printed): check the paper, then `kiosk print retry {job_id}`. "
                         f"{outcome.detail}")
            report.failed.append(job_id)

    def _recover(self, report: QueueReport) -> None:
        sending = store.jobs_in_state(self.db, "sending")
        if not sending:
            return
        if any(job.backend_ref is None for job in sending):
            known = store.known_refs(self.db)
            for backend in {id(b): b for b in self.backends.values()}.values():
                for orphan in backend.orphans(known):
                    backend.discard(orphan)
                    report.discarded_orphans.append(orphan)
        for job in sending:
            backend = self._backend(job)
            if job.backend_ref is None:
                store.finish(self.db, job.id, "queued", "interrupted before it reached the "
                             "printer; sending again")
                report.recovered.append(job.id)
                continue
            outcome = backend.outcome(job.backend_ref)
            if outcome.state == "staged":
                try:
                    outcome = backend.commit(job.backend_ref)
                except PrintingError as error:
                    outcome = JobOutcome("pending", f"release failed, will retry: {error}")
                report.recovered.append(job.id)
            self._apply(job.id, outcome, report)

    @contextmanager
    def _sender_lock(self) -> Iterator[bool]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def build_print_service(db: Database, settings: Any, paths: Any, *, backend: str | None = None,
                        printer: str | None = None,
                        receipt_lookup: ReceiptLookup | None = None) -> PrintService:
    """The print service over `db`, back ends chosen by the `[printer]` settings.

    `printer` (the `--printer NAME` of the CLI) sends both papers to that one CUPS queue.
    Other services build theirs here instead of repeating the configuration.
    """
    from kiosk.services.receipts import receipt_lookup as from_applications
    from printing.backends.factory import PrinterConfig, make_backends

    config = PrinterConfig(backend or str(settings.get("printer", "backend")),
                           str(settings.get("printer", "receipt_queue")),
                           str(settings.get("printer", "a4_queue")),
                           str(settings.get("printer", "escpos_device")), paths.printed_pdfs)
    try:
        backends = make_backends(config)
    except PrintingError as error:
        raise PrintFailed(str(error)) from None
    return PrintService(db, backends, paths.root / "print-queue.lock",
                        terminal_id=str(settings.get("terminal", "id")),
                        receipt_lookup=receipt_lookup or from_applications(settings),
                        named=_cups_queue, target=printer or "")


def _cups_queue(name: str) -> PrinterBackend:
    """A job sent to a named printer (`--printer NAME`) goes to that CUPS queue, both papers."""
    from printing.backends.cups import CupsBackend

    return CupsBackend(name, name)


def service_from_context(ctx: Context, *, backend: str | None = None,
                         printer: str | None = None) -> PrintService:
    """The print service for a command (`kiosk.context.Context`)."""
    return build_print_service(ctx.database(), ctx.settings, ctx.paths, backend=backend,
                               printer=printer)


def purge_print_data(db: Database, settings: Any, paths: Any, *,
                     keep_printed_s: float | None = 0) -> list[int]:
    """Retention for `kiosk privacy purge` and the daily run: delete the personal content of
    every printed or cancelled print job (secure_delete + WAL checkpoint) and the file back
    end's printed PDFs older than `keep_printed_s` (None: leave the folder). Returns job ids."""
    return build_print_service(db, settings, paths).purge(keep_printed_s)

"""The durable queue: stored before sent, waits with a message while the printer cannot print,
prints once when it can, and after a crash at any step prints exactly once."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest

from kiosk.services.print_service import PrintFailed, PrintService
from kiosk.storage import print_jobs as store
from kiosk.storage.database import Database
from printing import samples
from printing.backends.base import JobOutcome, PrinterStatus
from printing.backends.escpos import EscposBackend
from printing.backends.folder import FolderBackend
from printing.render import render
from printing.rendered import PaperKind, Rendered


class SwitchableFolder(FolderBackend):
    """A folder printer whose status a test can set (paper out, paused)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.current: PrinterStatus | None = None

    def status(self, paper: PaperKind) -> PrinterStatus:
        return self.current or super().status(paper)


def printed(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.pdf") if not p.name.startswith("."))


def test_job_is_stored_before_it_is_sent(service: PrintService, db: Database,
                                         folder: FolderBackend) -> None:
    ticket = service.enqueue_receipt(samples.receipt())
    job = store.get_job(db, ticket.job_id)
    assert job is not None
    assert job.state == "queued"
    assert job.data is not None
    assert job.reference == "HZ20261130-0042"
    assert not folder.folder.exists() or not printed(folder.folder)

    report = service.process_queue()
    assert report.printed == [ticket.job_id]
    assert service.job(ticket.job_id).state == "done"
    assert len(printed(folder.folder)) == 1
    assert service.process_queue().printed == []  # nothing printed twice
    assert len(printed(folder.folder)) == 1


def test_out_of_paper_keeps_the_job_with_a_message(db: Database, tmp_path: Path) -> None:
    backend = SwitchableFolder(tmp_path / "printed")
    svc = PrintService(db, {"roll": backend, "a4": backend}, tmp_path / "lock")
    backend.current = PrinterStatus("kiosk-receipt", False, "stopped", ("media-empty-error",),
                                    "media-empty")
    ticket = svc.enqueue_receipt(samples.receipt("R-77"))
    report = svc.process_queue()
    assert report.waiting == [ticket.job_id]
    assert report.message_for(ticket.job_id).startswith(
        "打印机缺纸,请联系工作人员,您的回执号是 R-77")
    job = svc.job(ticket.job_id)
    assert job.state == "queued"
    assert "打印机缺纸" in job.message
    assert "out of paper" in job.message
    assert printed(backend.folder) == []

    backend.current = None  # paper loaded
    assert svc.process_queue().printed == [ticket.job_id]
    assert len(printed(backend.folder)) == 1


def _claim_and_stage(svc: PrintService, job_id: int) -> tuple[FolderBackend, str]:
    job = svc.job(job_id)
    backend = svc.backends["roll"]
    assert isinstance(backend, FolderBackend)
    assert store.claim(svc.db, job_id, backend=backend.name, printer="x")
    ref = backend.stage(svc.render_job(job), f"kiosk-{job_id}-crash")
    return backend, ref


def test_crash_after_staging_before_recording_prints_once(service: PrintService) -> None:
    ticket = service.enqueue_receipt(samples.receipt())
    backend, ref = _claim_and_stage(service, ticket.job_id)  # then the process dies
    report = service.process_queue()
    assert report.discarded_orphans == [ref]
    assert report.recovered == [ticket.job_id]
    assert report.printed == [ticket.job_id]
    assert len(printed(backend.folder)) == 1
    assert not list(backend.folder.glob(".*.partial"))


def test_crash_after_recording_before_release_prints_once(service: PrintService) -> None:
    ticket = service.enqueue_receipt(samples.receipt())
    backend, ref = _claim_and_stage(service, ticket.job_id)
    store.record_ref(service.db, ticket.job_id, ref)  # then the process dies
    report = service.process_queue()
    assert report.discarded_orphans == []
    assert report.printed == [ticket.job_id]
    assert [p.name for p in printed(backend.folder)] == [ref]


def test_crash_after_release_before_done_does_not_print_again(service: PrintService) -> None:
    ticket = service.enqueue_receipt(samples.receipt())
    backend, ref = _claim_and_stage(service, ticket.job_id)
    store.record_ref(service.db, ticket.job_id, ref)
    backend.commit(ref)  # printed, then the process dies before writing "done"
    report = service.process_queue()
    assert report.printed == [ticket.job_id]
    assert service.job(ticket.job_id).state == "done"
    assert len(printed(backend.folder)) == 1


def test_escpos_outcome_after_a_crash_is_left_to_a_person(db: Database, tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    svc = PrintService(db, {"roll": EscposBackend(device), "a4": FolderBackend(tmp_path)},
                       tmp_path / "lock")
    ticket = svc.enqueue_receipt(samples.receipt())
    assert store.claim(db, ticket.job_id, backend="escpos", printer=str(device))
    store.record_ref(db, ticket.job_id, "escpos-deadbeef")  # staged by a process that died
    report = svc.process_queue()
    assert report.failed == [ticket.job_id]
    job = svc.job(ticket.job_id)
    assert "kiosk print retry" in job.message
    assert job.state == "failed"
    assert device.read_bytes() == b""  # at most once: not sent blindly

    svc.retry(ticket.job_id)
    assert svc.process_queue().printed == [ticket.job_id]
    data = device.read_bytes()
    assert data.startswith(b"\x1dv0")
    assert data.endswith(b"\x1dV\x00")


def test_admin_cancel_and_retry(service: PrintService, db: Database,
                                folder: FolderBackend) -> None:
    queued = service.enqueue_receipt(samples.receipt("R-Q"))
    assert service.retry(queued.job_id).state == "queued"  # a queued job is simply taken
    assert service.process_queue().printed == [queued.job_id]

    ticket = service.enqueue_receipt(samples.receipt())
    assert service.cancel(ticket.job_id).state == "cancelled"
    assert service.process_queue().printed == []
    with pytest.raises(PrintFailed, match="already cancelled"):
        service.cancel(ticket.job_id)
    with pytest.raises(PrintFailed, match="content deleted"):
        service.retry(ticket.job_id)  # cancelled: its personal content is gone

    failed = service.enqueue_receipt(samples.receipt("R-F"))
    store.finish(db, failed.job_id, "failed", "printer dropped the job")
    assert service.retry(failed.job_id).state == "queued"
    assert service.process_queue().printed == [failed.job_id]
    with pytest.raises(PrintFailed, match="no print job 999"):
        service.job(999)


def test_printed_and_cancelled_jobs_lose_their_personal_content(
        service: PrintService, db: Database, folder: FolderBackend) -> None:
    name = samples.receipt().applicant_name
    printed_job = service.enqueue_receipt(samples.receipt("R-P")).job_id
    cancelled_job = service.enqueue_receipt(samples.receipt("R-C")).job_id
    failed_job = service.enqueue_pdf(render("receipt", samples.receipt("R-W")))
    service.cancel(cancelled_job)
    store.finish(db, failed_job, "failed", "jam")  # failed, not printed: kept for a retry
    service.process_queue()
    assert service.job(printed_job).state == "done"
    for job_id in (printed_job, cancelled_job):
        job = service.job(job_id)
        assert job.purged
        assert job.data == store.PURGED
        assert not job.has_pdf
    assert service.job(failed_job).has_pdf
    assert not service.job(failed_job).purged
    rows = db.conn.execute("SELECT data FROM print_jobs WHERE id IN (?, ?)",
                           (printed_job, cancelled_job)).fetchall()
    assert all(name not in str(row[0]) for row in rows)
    assert db.conn.execute("PRAGMA secure_delete").fetchone()[0] == 1

    assert len(printed(folder.folder)) == 1
    assert service.purge(keep_printed_s=3600) == []  # printed/ keeps a fresh PDF a while
    assert len(printed(folder.folder)) == 1
    service.purge(keep_printed_s=0)
    assert printed(folder.folder) == []


def test_reprint_receipt_by_code(service: PrintService) -> None:
    first = service.enqueue_receipt(samples.receipt("R-5"))  # not printed yet: data stored
    again = service.reprint_receipt("R-5")
    assert again.job_id != first.job_id
    assert again.reference == "R-5"
    with pytest.raises(PrintFailed, match="R-404"):
        service.reprint_receipt("R-404")


def test_pre_rendered_pdf_prints_its_bytes(service: PrintService, folder: FolderBackend) -> None:
    rendered: Rendered = render("ledger", samples.ledger(10))
    job_id = service.enqueue_pdf(rendered)
    assert service.process_queue().printed == [job_id]
    assert printed(folder.folder)[0].read_bytes() == rendered.pdf


def test_only_one_process_sends_at_a_time(service: PrintService) -> None:
    service.enqueue_receipt(samples.receipt())
    service.lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(service.lock_path, "a+b") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        assert service.process_queue().busy
    assert service.process_queue().printed


def test_bad_stored_data_fails_the_job_not_the_queue(service: PrintService, db: Database) -> None:
    bad = store.add_job(db, kind="receipt", paper="roll", data={"receipt_code": "X"})
    good = service.enqueue_receipt(samples.receipt()).job_id
    report = service.process_queue()
    assert report.failed == [bad]
    assert report.printed == [good]
    assert "missing field" in service.job(bad).message


def test_job_outcome_unknown_is_failed_with_advice(service: PrintService) -> None:
    ticket = service.enqueue_receipt(samples.receipt())
    assert store.claim(service.db, ticket.job_id, backend="file", printer="x")
    store.record_ref(service.db, ticket.job_id, "vanished.pdf")
    report = service.process_queue()
    assert report.failed == [ticket.job_id]
    assert JobOutcome("unknown").state == "unknown"

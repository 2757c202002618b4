"""Through the real CUPS with cups-pdf: documents come out at their own size with embedded
fonts; a disabled queue keeps the job queued with a clear message and prints it once after
`cupsenable`; a process killed at any step of sending prints exactly once after restart.

`scripts/services.sh` starts cupsd and adds the `kiosk-pdf` queue. The disable and kill tests
use a private cups-pdf queue of their own so they never stop a queue someone else is using.
cups-pdf writes `<title>...job_<N>.pdf` into ~/PDF (`Out ${HOME}/PDF` in cups-pdf.conf).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.print_service import PrintService
from kiosk.storage.database import Database
from printing import samples
from printing.backends.cups import CupsBackend, split_ref
from printing.backends.ipp import CupsIpp
from tests.printing.backend_rigs import wait_until
from tests.printing.conftest import pdf_fonts, pdf_page_size_pt

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
OUT = Path.home() / "PDF"
MM = 72 / 25.4
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


@pytest.fixture
def private_queue(cups: None) -> Iterator[str]:
    name = f"kiosk-test-{os.getpid()}-{time.monotonic_ns() % 100000}"
    subprocess.run(["lpadmin", "-p", name, "-E", "-v", "cups-pdf:/", "-m", PPD], check=True)
    try:
        yield name
    finally:
        subprocess.run(["lpadmin", "-x", name], capture_output=True)


def cups_service(db: Database, tmp_path: Path, queue: str) -> PrintService:
    backend = CupsBackend(queue, queue)
    return PrintService(db, {"roll": backend, "a4": backend}, tmp_path / "print-queue.lock")


def output_of(ref: str, timeout: float = 30) -> Path:
    """The file cups-pdf wrote for the CUPS job `ref`, once CUPS says the job completed (so
    the file is whole)."""
    queue, number = split_ref(ref)
    wait_until(lambda: CupsIpp().job_state(queue, number)[0] == "completed", timeout,
               f"CUPS job {ref} to complete")
    found = list(OUT.glob(f"*job_{number}.pdf"))
    assert found, f"cups-pdf wrote nothing for {ref} in {OUT}"
    return found[0]


def outputs_for(job_id: int, since: set[Path], queue: str) -> list[Path]:
    """The PDFs cups-pdf wrote for our job `job_id`, counted once CUPS has finished every job
    of the queue (a duplicate sent late is still counted: no sleep decides when to look)."""
    wait_until(lambda: not CupsIpp().unfinished_jobs(queue), 60, f"{queue} to be empty")
    return [p for p in OUT.glob(f"kiosk-{job_id}-*") if p not in since]


def test_receipt_and_form_come_out_at_their_own_size(cups: None, db: Database,
                                                     tmp_path: Path) -> None:
    service = cups_service(db, tmp_path, "kiosk-pdf")
    receipt_job = service.enqueue_receipt(samples.receipt(f"SYS-{os.getpid()}")).job_id
    expected_height = service.render_job(service.job(receipt_job)).paper.height_mm
    form_job = service.enqueue("application_form", samples.application_form())
    assert service.wait_for(receipt_job).state == "done"
    assert service.wait_for(form_job).state == "done"

    receipt = service.job(receipt_job)
    assert receipt.backend_ref is not None
    receipt_pdf = output_of(receipt.backend_ref)
    width, height = pdf_page_size_pt(receipt_pdf)
    assert width == pytest.approx(80 * MM, abs=1.5)
    assert height == pytest.approx(expected_height * MM, abs=1.5)  # not scaled onto A4

    form = service.job(form_job)
    assert form.backend_ref is not None
    form_pdf = output_of(form.backend_ref)
    assert pdf_page_size_pt(form_pdf) == pytest.approx((595, 842), abs=1.5)
    for pdf in (receipt_pdf, form_pdf):
        fonts = pdf_fonts(pdf)
        assert fonts
        assert all(emb == "yes" for _, emb in fonts), fonts


def test_disabled_queue_waits_with_a_message_then_prints_once(private_queue: str, db: Database,
                                                              tmp_path: Path) -> None:
    service = cups_service(db, tmp_path, private_queue)
    before = set(OUT.glob("kiosk-*"))
    subprocess.run(["cupsdisable", private_queue], check=True)
    code = f"OFF-{os.getpid()}"
    ticket = service.enqueue_receipt(samples.receipt(code))
    report = service.process_queue()
    assert report.waiting == [ticket.job_id]
    assert report.message_for(ticket.job_id).startswith(
        f"打印机暂停服务,请联系工作人员,您的回执号是 {code}")
    job = service.job(ticket.job_id)
    assert job.state == "queued"
    assert job.backend_ref is None  # nothing handed to CUPS while it is stopped
    assert "paused" in job.message
    assert service.process_queue().waiting == [ticket.job_id]  # asking again changes nothing

    subprocess.run(["cupsenable", private_queue], check=True)
    assert service.wait_for(ticket.job_id).state == "done"
    done = service.job(ticket.job_id)
    assert done.backend_ref is not None
    output_of(done.backend_ref)
    service.process_queue()
    assert len(outputs_for(ticket.job_id, before, private_queue)) == 1


KILLER = """
import os, signal, sys
from pathlib import Path
from kiosk.services.print_service import PrintService
from kiosk.storage.database import open_database
from printing.backends.cups import CupsBackend

database, queue, point, lock = sys.argv[1:5]
backend = CupsBackend(queue, queue)
real_stage, real_commit = backend.stage, backend.commit

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def stage_then_die(document, title):
    real_stage(document, title)
    die()

def die_before_release(ref):
    die()

def release_then_die(ref):
    real_commit(ref)
    die()

if point == "after-stage":
    backend.stage = stage_then_die
elif point == "before-release":
    backend.commit = die_before_release
else:
    backend.commit = release_then_die
PrintService(open_database(Path(database)), {"roll": backend, "a4": backend},
             Path(lock)).process_queue()
"""


@pytest.mark.parametrize("point", ["after-stage", "before-release", "after-release"])
def test_killed_mid_job_prints_exactly_once(point: str, private_queue: str, db: Database,
                                           tmp_path: Path) -> None:
    service = cups_service(db, tmp_path, private_queue)
    before = set(OUT.glob("kiosk-*"))
    ticket = service.enqueue_receipt(samples.receipt(f"KILL-{point}"))
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(tmp_path / "kiosk.sqlite3"), private_queue, point,
         str(service.lock_path)], cwd=ROOT, capture_output=True, timeout=60)
    assert killed.returncode == -9, killed.stderr.decode()
    assert service.job(ticket.job_id).state == "sending"

    report = service.process_queue()  # the restart
    assert ticket.job_id in report.recovered + report.printed + report.sending
    assert service.wait_for(ticket.job_id).state == "done"
    if point == "after-stage":
        assert len(report.discarded_orphans) == 1  # the held job that never got recorded
    done = service.job(ticket.job_id)
    assert done.backend_ref is not None
    output_of(done.backend_ref)
    service.process_queue()
    assert len(outputs_for(ticket.job_id, before, private_queue)) == 1
    assert CupsIpp().held_jobs(private_queue) == []

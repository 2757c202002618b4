"""The print worker of the running kiosk: it sends what services queue, on its own thread,
and watches the printer, so a job that waited prints by itself, once, when it is back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.demo.village import Scale
from kiosk.storage import print_jobs as store
from printing.backends.base import PROMISE_AUTOMATIC
from tests.printing.backend_rigs import wait_until
from tests.support.village import Village, demo_village


@pytest.fixture
def village(tmp_path: Path) -> Iterator[Village]:
    yield from demo_village(tmp_path / "data", Scale(residents=30, subsidy_months=6,
                                                     disclosure_quarters=1),
                            printer__watch_interval_s=1)


def state(village: Village, job_id: int) -> str:
    job = store.get_job(village.db, job_id)
    return job.state if job else ""


def page() -> dict[str, str]:
    return {"printer": "file", "terminal_id": "T-1", "paper": "roll",
            "generated_at": datetime.now().isoformat(timespec="seconds")}


def test_services_queue_and_the_worker_prints(village: Village) -> None:
    printing = village.services.printing
    worker = printing.start_worker()
    try:
        job_id = printing.print_job("test_page", page())
        wait_until(lambda: state(village, job_id) == "done", 30, "the worker to print")
        assert len(list(village.paths.printed_pdfs.glob("*.pdf"))) == 1
    finally:
        printing.stop_worker(timeout=10)
    assert not worker.running


def test_a_job_that_waited_prints_by_itself_once(village: Village) -> None:
    printing = village.services.printing
    folder = village.paths.printed_pdfs
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("the printer is unplugged")  # the folder printer cannot take a job
    worker = printing.start_worker()
    try:
        job_id = printing.print_job("test_page", page())
        wait_until(lambda: job_id in printing.process_queue().waiting, 30,
                   "the worker to see the printer waiting")
        message = printing.process_queue().message_for(job_id)
        assert message.startswith("打印机未连接")
        assert message.endswith(PROMISE_AUTOMATIC)  # true: the worker watches
        folder.unlink()  # plugged in again; nobody asks for anything
        wait_until(lambda: state(village, job_id) == "done", 30, "the watch to print the job")
        passes = worker.passes
        assert worker.wait_passes(passes + 2, 30)
        assert len(list(folder.glob("*.pdf"))) == 1
    finally:
        printing.stop_worker(timeout=10)

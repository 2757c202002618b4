"""A cupsd that never answers must not hold the database worker (issue 15).

The CUPS server for this test is a socket of our own on 127.0.0.1 that accepts connections
and never replies (`CUPS_SERVER`, which `lp` and the IPP client both follow). The services are
built as the running kiosk builds them, with the print worker started and a `kiosk-db` worker
of one thread. A statement is printed; while the print worker is stuck on the silent cupsd,
a draft save, a subsidy lookup and the admin's device-health page on the database worker
still answer.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from kiosk.demo.village import Scale
from kiosk.services.registry import Services
from kiosk.storage import print_jobs as store
from tests.support.village import Village, demo_village


class SilentCupsd:
    """Accepts every connection, reads what comes, never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.asked = threading.Event()  # a client is waiting on us
        self.gave_up = threading.Event()  # a client closed its side (timed out)
        self._held: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._held.append(conn)
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    def _drain(self, conn: socket.socket) -> None:
        try:
            while data := conn.recv(65536):
                del data
                self.asked.set()
        except OSError:
            pass
        self.gave_up.set()

    def close(self) -> None:
        self.sock.close()
        for conn in self._held:
            conn.close()


def admin_health(services: Services) -> list[Any]:
    """The admin's device-health page, as the staff console asks for it."""
    staff = services.staff
    staff.auth.add_user("9001", "李建国", "admin", "369147")
    staff.auth.sign_in("9001", "369147")
    return staff.admin.health(probe_province=False)


@pytest.fixture
def silent(monkeypatch: pytest.MonkeyPatch) -> Iterator[SilentCupsd]:
    server = SilentCupsd()
    monkeypatch.setenv("CUPS_SERVER", f"127.0.0.1:{server.port}")
    yield server
    server.close()


@pytest.fixture
def village(tmp_path: Path, silent: SilentCupsd) -> Iterator[Village]:
    yield from demo_village(tmp_path / "data", Scale(residents=60, subsidy_months=12,
                                                     disclosure_quarters=1),
                            printer__backend="cups", printer__receipt_queue="kiosk-stuck",
                            printer__a4_queue="kiosk-stuck", printer__watch_interval_s=1)


def test_draft_saves_and_lookups_answer_while_cupsd_is_stuck(village: Village,
                                                             silent: SilentCupsd) -> None:
    services = village.services
    db_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    worker = services.printing.start_worker()
    try:
        resident = village.holder_with_payments()
        found = db_worker.submit(services.subsidies.lookup_id_number, resident.id_number)
        job_id = db_worker.submit(services.subsidies.print_statement, found.result(30),
                                  "roll").result(30)
        assert silent.asked.wait(30), "the print worker never asked the (silent) cupsd"

        draft = db_worker.submit(services.applications.start_draft, "svc-dibao").result(30)
        session = draft.session()
        session.set_answer("phone", "13905791234")
        saved = db_worker.submit(services.applications.save_draft, draft.application_id,
                                 session.to_json()).result(30)
        looked_up = db_worker.submit(services.subsidies.lookup_id_number,
                                     resident.id_number).result(30)
        health = db_worker.submit(admin_health, services).result(30)
        still_stuck = not silent.gave_up.is_set()

        assert saved is True
        assert looked_up.found
        assert any(item.name == "printer.queue" for item in health)  # the admin's page too
        assert still_stuck, "the database work waited until the cupsd question timed out"
        job = store.get_job(village.db, job_id)
        assert job is not None
        assert job.state == "queued"  # nothing lost: it waits for a cupsd that answers
    finally:
        services.printing.stop_worker(timeout=30)  # ends after its pass
        db_worker.shutdown(wait=True)
    assert not worker.running

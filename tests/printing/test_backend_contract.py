"""One contract, every printer back end (issue 15): folder, CUPS (cups-pdf), IPP (a private
cupsd on 127.0.0.1 standing for a network IPP printer), ESC/POS on a serial link (a pty that
answers DLE EOT) and ESC/POS as a bare device file.

A staged job does not print; committed, it prints once; discarded, never; a printer that
cannot print says why in words and the queue keeps the job until it can, then prints it once.
What a back end cannot do is part of the contract too: a device file cannot refuse a job for
want of paper and says "at most once"; ESC/POS keeps staged jobs only in memory.

The CUPS and IPP rigs are system tests (the shared cupsd with cups-pdf, run under
`flock /tmp/cups.lock`; a cupsd of the test's own).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services.print_service import PrintService
from kiosk.storage.database import Database
from printing import samples
from printing.backends.escpos import AT_MOST_ONCE, EscposBackend
from printing.render import render
from printing.rendered import Rendered
from tests.printing.backend_rigs import RIGS, Rig, wait_until

PARAMS = [pytest.param(name, marks=[pytest.mark.system] if name in ("cups", "ipp") else [],
                       id=name) for name in RIGS]  # system: a real cupsd


@pytest.fixture(params=PARAMS)
def rig(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Rig]:
    if request.param == "cups":
        request.getfixturevalue("cups")  # tests/printing/conftest.py: cupsd + kiosk-pdf
    made = RIGS[request.param](tmp_path)
    yield made
    made.close()


def receipt(code: str) -> Rendered:
    return render("receipt", samples.receipt(code))


def title(rig: Rig, what: str) -> str:
    return f"contract-{rig.name}-{what}"


def settle(rig: Rig, ref: str) -> str:
    """Ask until the job is no longer at the printer (CUPS jobs take a moment)."""
    state = ""

    def finished() -> bool:
        nonlocal state
        state = rig.backend.outcome(ref).state
        return state not in ("pending",)

    wait_until(finished, 60, f"job {ref} to finish")
    return state


def test_a_ready_printer_says_so(rig: Rig) -> None:
    status = rig.backend.status("roll")
    assert status.ready, status.admin_message()
    assert status.villager_message() == ""
    assert rig.backend.printer_for("roll")


def test_staged_does_not_print_committed_prints_once(rig: Rig) -> None:
    ref = rig.backend.stage(receipt("C-1"), title(rig, "once"))
    assert rig.backend.outcome(ref).state == "staged"
    assert rig.out() == 0
    outcome = rig.backend.commit(ref)
    state = settle(rig, ref) if outcome.state == "pending" else outcome.state
    assert state == "done", outcome.detail
    assert rig.out() == 1


def test_discarded_never_prints(rig: Rig) -> None:
    ref = rig.backend.stage(receipt("C-2"), title(rig, "discarded"))
    rig.backend.discard(ref)
    assert rig.out() == 0
    assert rig.backend.orphans(set()) == []


def test_a_job_staged_by_a_process_that_died(rig: Rig) -> None:
    ref = rig.backend.stage(receipt("C-3"), title(rig, "orphan"))
    if rig.keeps_staged:
        assert rig.backend.orphans(set()) == [ref]  # found, so it can be discarded
        assert rig.backend.orphans({ref}) == []
        rig.backend.discard(ref)
    else:
        fresh = EscposBackend(rig.backend.printer_for("roll"))  # "after a restart"
        assert fresh.outcome(ref).state == "unknown"  # never sent twice: a person checks
    assert rig.out() == 0


def test_a_blocked_printer_keeps_the_job_then_prints_it_once(rig: Rig, db: Database,
                                                             tmp_path: Path) -> None:
    service = PrintService(db, {"roll": rig.backend, "a4": rig.backend}, tmp_path / "lock")
    if not rig.can_block:
        status = rig.backend.status("roll")
        assert status.ready
        assert status.detail == AT_MOST_ONCE  # says what it cannot promise
        return
    rig.block()
    status = rig.backend.status("roll")
    assert not status.ready
    assert status.problem is not None
    assert status.villager_message("R-9").startswith("打印机")
    ticket = service.enqueue_receipt(samples.receipt("R-9"))
    assert service.process_queue().waiting == [ticket.job_id]
    assert service.job(ticket.job_id).state == "queued"
    assert rig.out() == 0
    rig.unblock()
    report = service.resume(timeout=60)
    assert service.job(ticket.job_id).state == "done", service.job(ticket.job_id).message
    assert report.printed == [ticket.job_id]
    assert rig.out() == 1
    assert service.resume().printed == []
    assert rig.out() == 1


def test_escpos_address_forms() -> None:
    assert EscposBackend("serial:/dev/ttyS0:19200").address.number == 19200
    assert EscposBackend("tcp:10.0.0.5").address.number == 9100
    assert EscposBackend("usb:04b8:0202").address.product == 0x0202
    assert not EscposBackend("/dev/usb/lp0").address.two_way

"""ESC/POS status over a serial link (a pty printer that answers DLE EOT): every bit the queue
acts on, and a job during which the paper runs out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from printing import samples
from printing.backends.escpos import EscposBackend
from printing.backends.escpos_status import interpret
from printing.render import render
from tests.printing.escpos_pty import PtyPrinter


@pytest.fixture
def pty_printer() -> Iterator[PtyPrinter]:
    printer = PtyPrinter()
    yield printer
    printer.close()


def test_status_bits_become_problems_in_words() -> None:
    ok = {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12}
    assert interpret("p", ok).ready
    assert interpret("p", {**ok, 4: 0x12 | 0x0C}).ready  # near end: still prints
    assert interpret("p", {**ok, 4: 0x12 | 0x0C}).reasons == ("media-low-warning",)
    cover = interpret("p", {**ok, 1: 0x1E, 2: 0x16})
    assert cover.problem == "door-open"
    assert cover.villager_message().startswith("打印机盖未关好")
    assert interpret("p", {**ok, 4: 0x72}).problem == "media-empty"
    assert interpret("p", {**ok, 3: 0x1A}).problem == "jam"  # auto-cutter error
    assert interpret("p", {1: None}).problem == "offline"
    assert interpret("p", {**ok, 1: 0xFF}).problem == "offline"  # not an ESC/POS answer


def test_cover_open_and_silence_are_seen_before_sending(pty_printer: PtyPrinter) -> None:
    backend = EscposBackend(f"serial:{pty_printer.path}", timeout=0.5)
    pty_printer.cover_open = True
    assert backend.status("roll").problem == "door-open"
    pty_printer.cover_open = False
    pty_printer.answering = False
    assert backend.status("roll").problem == "offline"
    assert backend.status("a4").problem == "offline"  # a roll printer takes no A4


def test_paper_running_out_mid_job_is_waited_for(pty_printer: PtyPrinter) -> None:
    backend = EscposBackend(f"serial:{pty_printer.path}", timeout=1.0)
    ref = backend.stage(render("receipt", samples.receipt()), "mid-job")
    pty_printer.paper = False  # runs out while the job is on its way
    assert backend.commit(ref).state == "pending"
    assert backend.outcome(ref).state == "pending"  # holds the rest until paper is in
    pty_printer.paper = True
    assert backend.outcome(ref).state == "done"
    assert pty_printer.cuts == 1

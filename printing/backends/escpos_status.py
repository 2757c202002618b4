"""ESC/POS real-time status (`DLE EOT n`): what a thermal printer says about itself.

A printer on a two-way link (serial, network, USB) answers `DLE EOT 1..4` with one byte each,
even while it is offline or its buffer is full. The bits (Epson ESC/POS reference, TM series):

- n=1 printer status: bit 3 offline;
- n=2 offline cause: bit 2 cover open, bit 3 paper being fed by the button, bit 5 printing
  stopped by paper end, bit 6 an error;
- n=3 error cause: bit 3 auto-cutter error, bit 5 unrecoverable, bit 6 auto-recoverable error;
- n=4 roll paper sensor: bits 2-3 paper near end, bits 5-6 paper end.

Every answer has bits 1 and 4 set and bits 0 and 7 clear; anything else is not an answer
(noise, a printer that does not speak ESC/POS) and counts as no answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from printing.backends.base import PrinterStatus, Problem

DLE_EOT = b"\x10\x04"


def is_answer(byte: int) -> bool:
    return byte & 0x93 == 0x12


def interpret(where: str, answers: Mapping[int, int | None]) -> PrinterStatus:
    """Turn the four answers (None = no answer) into the status the queue acts on."""
    online = answers.get(1)
    if online is None or not is_answer(online):
        return PrinterStatus(where, False, "offline", ("offline-report",), "offline",
                             "the printer did not answer its status (DLE EOT): off, "
                             "unplugged or not an ESC/POS printer")
    cause = answers.get(2) or 0
    error = answers.get(3) or 0
    paper = answers.get(4) or 0
    reasons: list[str] = []
    problem: Problem | None = None
    if paper & 0x60 or cause & 0x20:
        reasons.append("media-empty-error")
        problem = "media-empty"
    if cause & 0x04:
        reasons.append("cover-open-error")
        problem = problem or "door-open"
    if error & 0x08:
        reasons.append("cutter-error")
        problem = problem or "jam"
    if error & 0x60 or (cause & 0x40 and problem is None):
        reasons.append("other-error")
        problem = problem or "error"
    if online & 0x08 and problem is None:
        reasons.append("offline-report")
        problem = "offline"
    if paper & 0x0C and problem is None:
        reasons.append("media-low-warning")  # still prints
    state = "stopped" if problem else "idle"
    return PrinterStatus(where, problem is None, state, tuple(reasons), problem,
                         "ESC/POS DLE EOT status")

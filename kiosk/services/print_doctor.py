"""`kiosk doctor`'s printer checks: the font, each printer's state reasons, the queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.context import Context
from kiosk.errors import KioskError
from kiosk.services.print_service import service_from_context
from kiosk.storage import print_jobs as store
from printing.errors import PrintingError
from printing.rendered import PaperKind

if TYPE_CHECKING:
    from printing.backends.base import PrinterStatus


KnownStatus = Callable[[str], "PrinterStatus | None"]


def printer_check_results(ctx: Context, known: KnownStatus | None = None
                          ) -> list[tuple[str, str, str]]:
    """`kiosk doctor`: the printers, their CUPS state reasons, the font and the queue.

    `known` gives what the running kiosk's print worker last saw (`PrintQueue.known_status`);
    then nothing here asks a printer, so the admin's health page never waits on a stuck
    cupsd from the database worker."""
    from printing.fonts import find_font_file

    results: list[tuple[str, str, str]] = []
    try:
        results.append(("printer.font", "ok", str(find_font_file())))
    except PrintingError as error:
        results.append(("printer.font", "fail", str(error)))
    try:
        service = service_from_context(ctx)
    except KioskError as error:
        return [*results, ("printer", "fail", str(error))]
    seen: set[str] = set()
    papers: tuple[PaperKind, ...] = ("roll", "a4")
    for paper in papers:
        backend = service.backends[paper]
        where = f"{backend.name}:{backend.printer_for(paper)}"
        if where in seen:
            continue
        seen.add(where)
        status = (known(paper) if known else None) or service.printer_status(paper)
        results.append((f"printer.{paper}", "ok" if status.ready else "fail",
                        f"{backend.name} {status.admin_message()}"))
    counts = store.counts(service.db)
    stuck = counts.get("queued", 0) + counts.get("sending", 0)
    failed = counts.get("failed", 0)
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items())) or "empty"
    results.append(("printer.queue", "warn" if stuck or failed else "ok", summary))
    return results

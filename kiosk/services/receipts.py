"""The printed receipt of a submission: what goes on it, and how to find it again by code.

Receipts are queued on the one printer wrapper (`kiosk.services.print_queue.PrintQueue`).
A printed job's content is deleted (retention), so a reprint rebuilds the receipt from the
stored application (`receipt_lookup`), falling back to a job still in the queue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from kiosk.config import Settings
from kiosk.services import receipt_codes
from kiosk.storage.database import Database
from printing.model import ReceiptData


class ReceiptPrinter(Protocol):
    """What submission needs of the print service (`kiosk.services.print_service`)."""

    def enqueue_receipt(self, receipt: ReceiptData) -> Any: ...

    def process_queue(self) -> Any: ...


def receipt_lookup(settings: Settings) -> Callable[[Database, str], ReceiptData | None]:
    """`PrintService.receipt_lookup`: the receipt of the application with this code (masked
    name, service, time, what to bring), else the data of a receipt job not yet printed."""

    def lookup(db: Database, code: str) -> ReceiptData | None:
        from kiosk.storage import applications

        row = applications.by_code(db, receipt_codes.normalize(code))
        if row is None:
            return receipt_from_print_jobs(db, code)
        receipt = receipt_for(settings, row.receipt_code, row.service_name,
                              {"name": row.applicant_name_masked}, row.submitted_at,
                              tuple(row.materials_to_bring), row.clerk_id)
        return receipt

    return lookup


def receipt_from_print_jobs(db: Database, code: str) -> ReceiptData | None:
    """The receipt data stored with the newest receipt job for `code` not yet printed (a
    printed job's content is deleted). `kiosk.services.receipts.receipt_lookup` asks the
    applications first and falls back to this."""
    from kiosk.storage import print_jobs as store
    from printing.model import from_dict

    job = store.latest_by_reference(db, "receipt", code)
    if job is None or job.data is None:
        return None
    return from_dict(ReceiptData, job.data, where="receipt")


def receipt_for(settings: Settings, code: str, service_name: str, applicant: Mapping[str, str],
                submitted_at: str, bring: tuple[str, ...], clerk_id: str | None) -> ReceiptData:
    """The receipt of one submission, with the village and terminal it was made at."""
    return ReceiptData(
        receipt_code=receipt_codes.display(code),
        village=settings.village_name or str(settings.get("terminal", "village_code")),
        service=service_name, applicant_name=applicant.get("name", ""),
        submitted_at=_local_time(submitted_at),
        applicant_id_number=applicant.get("id_number", ""),
        materials_to_bring=bring, terminal_id=str(settings.get("terminal", "id")),
        clerk=clerk_id or "")


def _local_time(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")

"""The printed receipt of a submission: what goes on it, and the printer it is queued on.

The print service (`kiosk.services.print_service`: reportlab, CUPS) is built on first use, so
start-up does no printer work.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from kiosk.config import Settings
from kiosk.paths import DataPaths
from kiosk.services import receipt_codes
from kiosk.storage.database import Database
from printing.model import ReceiptData


class ReceiptPrinter(Protocol):
    """What submission needs of the print service (`kiosk.services.print_service`)."""

    def enqueue_receipt(self, receipt: ReceiptData) -> Any: ...

    def process_queue(self) -> Any: ...


class QueuedReceiptPrinter:
    """The print service, built on first use from `[printer]` (no printer work at start-up)."""

    def __init__(self, db: Database, settings: Settings, paths: DataPaths) -> None:
        self._args = (db, settings, paths)
        self._service: Any = None

    def _built(self) -> Any:
        if self._service is None:
            from kiosk.services.print_service import build_print_service

            self._service = build_print_service(*self._args)
        return self._service

    def enqueue_receipt(self, receipt: ReceiptData) -> Any:
        return self._built().enqueue_receipt(receipt)

    def process_queue(self) -> Any:
        return self._built().process_queue()


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

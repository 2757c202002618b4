"""Fixtures: a fresh database holding the demo catalog (16 services with their forms)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings, load_settings
from kiosk.demo.catalog import services as demo_services
from kiosk.services.applications import ApplicationService
from kiosk.services.document_camera import SimulatedDocumentCamera
from kiosk.storage.database import Database, open_database
from kiosk.storage.datasets import DatasetStore
from kiosk.storage.facts import write_facts

_CATALOG: list[dict[str, Any]] = []


def demo_catalog() -> list[dict[str, Any]]:
    if not _CATALOG:
        _CATALOG.extend(demo_services())
    return _CATALOG


def load_catalog(db: Database, items: list[dict[str, Any]], cursor: str = "1") -> None:
    DatasetStore(db).apply_page(
        "services", [{"key": item["id"], "op": "upsert", "data": item} for item in items],
        next_cursor=cursor, total=len(items), synced_at="2026-11-30T02:00:00Z")


@pytest.fixture
def settings() -> Settings:
    return load_settings(None, environ={}).with_values(
        terminal__id="T-330110-0001", terminal__village_code="330110001001",
        terminal__village_name="桐溪村", kiosk__idle_timeout_s=60, kiosk__countdown_s=5)


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir / "kiosk.sqlite3", check_same_thread=False)
    load_catalog(database, demo_catalog())
    write_facts(database, {"village_name": "桐溪村"})
    yield database
    database.close()


class RecordingPrinter:
    """Stands in for the print service: remembers receipts, prints nothing."""

    def __init__(self) -> None:
        self.receipts: list[Any] = []
        self.processed = 0

    def enqueue_receipt(self, receipt: Any) -> int:
        self.receipts.append(receipt)
        return len(self.receipts)

    def process_queue(self) -> Any:
        self.processed += 1
        return None


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


@pytest.fixture
def apps(db: Database, settings: Settings, printer: RecordingPrinter) -> ApplicationService:
    return ApplicationService(db, settings, printer=printer, camera=SimulatedDocumentCamera(),
                              demo=True)

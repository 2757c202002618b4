"""A terminal with its data key, the demo catalog, and applications made through the wizard's
service, confirmed by the real province emulator."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import Settings, load_settings
from kiosk.data_key import open_protected
from kiosk.paths import DataPaths
from kiosk.services.applications import ApplicationService, Submission
from kiosk.services.document_camera import SimulatedDocumentCamera
from kiosk.storage.database import Database
from kiosk.storage.datasets import DatasetStore
from kiosk.storage.facts import write_facts
from sync.client import ProvinceClient
from sync.push import push
from tests.applications.conftest import demo_catalog, load_catalog
from tests.applications.helpers import filled_session
from tests.sync.support import SECRET, TERMINAL_ID, Emulator, start_emulator, write_seed

FORM_SERVICE = "svc-temporary-relief"


@dataclass
class Terminal:
    paths: DataPaths
    db: Database
    settings: Settings
    apps: ApplicationService

    def submit(self, overrides: dict[str, Any] | None = None,
               service_id: str = FORM_SERVICE) -> Submission:
        """One application as the wizard makes it: draft, photos, answers, submit."""
        draft = self.apps.start_draft(service_id)
        session = filled_session(self.apps, draft)
        for field_type, value in (overrides or {}).items():
            for _page, field in draft.definition.all_fields():
                if field.type == field_type:
                    session.set_answer(field.id, value)
        return self.apps.submit_draft(draft.application_id, session.to_json())

    def confirm(self, emulator: Emulator) -> None:
        """Push the outbox to the province; every application gets its 201."""
        with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, timeout_s=5.0) as client:
            report = push(self.db.conn, client, ignore_backoff=True)
        assert not report.quarantined, report.as_json()

    def set_status(self, application_id: str, status: str, updated_at: str,
                   case_no: str = "ZJ-2026-0001") -> None:
        data = {"application_id": application_id, "case_no": case_no, "status": status,
                "updated_at": updated_at, "next_step": "", "pickup": "",
                "history": [{"at": updated_at, "status": status, "note": "办结"}]}
        DatasetStore(self.db).apply_page(
            "application_status", [{"key": application_id, "op": "upsert", "data": data}],
            next_cursor=application_id, total=1, synced_at=updated_at)


def settings_for(**values: Any) -> Settings:
    return load_settings(None, environ={}).with_values(
        terminal__id=TERMINAL_ID, terminal__village_code="330110001001",
        terminal__village_name="桐溪村", **values)


def open_terminal(folder: Path, settings: Settings | None = None, *,
                  receipts: bool = False) -> Terminal:
    """The terminal in `folder`; `receipts` queues each submission's receipt as the kiosk
    does (the file printer back end)."""
    paths = DataPaths(folder)
    db = open_protected(paths, check_same_thread=False)
    if not db.conn.execute("SELECT 1 FROM services LIMIT 1").fetchone():
        load_catalog(db, demo_catalog())
        write_facts(db, {"village_name": "桐溪村"})
    config = settings or settings_for()
    printer = None
    if receipts:
        from kiosk.services.print_queue import PrintQueue

        printer = PrintQueue(db, config, paths)
    apps = ApplicationService(db, config, camera=SimulatedDocumentCamera(), printer=printer,
                              demo=True)  # the simulated camera's pages are demo material
    return Terminal(paths, db, config, apps)


@pytest.fixture
def terminal(data_dir: Path) -> Iterator[Terminal]:
    opened = open_terminal(data_dir)
    yield opened
    opened.db.close()


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[Emulator]:
    running = start_emulator(tmp_path / "province", "--random-seed", "7",
                             seed=write_seed(tmp_path / "seed"))
    yield running
    running.stop()

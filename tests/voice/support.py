"""Helpers of the voice tests: an application submitted the real way, and counting rows."""

from __future__ import annotations

from typing import Any

from kiosk.config import Settings
from kiosk.services.applications import ApplicationService, Submission
from kiosk.storage.database import Database
from tests.applications.conftest import demo_catalog, load_catalog

SERVICE_ID = "svc-elderly-allowance"


def submitted_application(db: Database, settings: Settings) -> Submission:
    """A 低保 application through the real service, photos and all (catalog loaded first)."""
    from kiosk.services.document_camera import SimulatedDocumentCamera
    from tests.applications.helpers import filled_session

    load_catalog(db, demo_catalog())
    service = ApplicationService(db, settings, camera=SimulatedDocumentCamera(), demo=True)
    draft = service.start_draft(SERVICE_ID)
    session = filled_session(service, draft)
    return service.submit_draft(draft.application_id, session.to_json())


def count(db: Database, sql: str, *params: Any) -> int:
    return int(db.conn.execute(sql, params).fetchone()[0])

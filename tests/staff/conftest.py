"""Staff fixtures: a fresh database with a clerk, an admin and a few submitted applications."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.services.audit import AuditLog
from kiosk.services.auth import AuthService
from kiosk.services.clerk import ClerkService
from kiosk.storage.database import Database, open_database, transaction
from sync import outbox
from sync.outbox import BlobRef

CLERK = ("1001", "王晓梅", "clerk", "258036")
ADMIN = ("9001", "李建国", "admin", "369147")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def add_application(db: Database, *, service_id: str = "dibao", service_name: str = "低保申请",
                    channel: str = "self_service", clerk_id: str | None = None,
                    submitted_at: str = "2026-11-30T02:00:00Z",
                    attachment: bytes | None = None) -> str:
    """A submitted application as the applications service stores it, with its outbox row."""
    application_id = str(uuid.uuid4())
    attachments: list[dict[str, Any]] = []
    blobs = []
    if attachment is not None:
        blob = BlobRef.from_bytes(attachment, "image/png")
        blobs.append(blob)
        attachments.append({"sha256": blob.sha256, "filename": "hukou.png",
                            "media_type": "image/png", "size": len(attachment)})
    payload = json.dumps({
        "application_id": application_id, "form_id": service_id, "form_version": 1,
        "form_sha256": "0" * 64, "terminal_id": "T-330110-0001", "village_code": "330110001001",
        "submitted_at": submitted_at, "channel": channel, "clerk_id": clerk_id,
        "applicant": {"name": "张三", "id_number": "330102199001011234", "phone": "13800138000"},
        "answers": {"income": 1200, "reason": "因病致贫"}, "attachments": attachments,
        "supersedes": None}, ensure_ascii=False, sort_keys=True).encode()
    with transaction(db):
        db.execute(
            "INSERT INTO applications (application_id, receipt_code, service_id, service_name,"
            " form_id, form_version, form_sha256, channel, clerk_id, applicant_name_masked,"
            " payload, payload_sha256, submitted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (application_id, application_id[:12], service_id, service_name, service_id, 1,
             "0" * 64, channel, clerk_id, "张*", payload, hashlib.sha256(payload).hexdigest(),
             submitted_at))
        outbox.enqueue(db.conn, "application", application_id, payload, blobs=blobs)
    return application_id


@pytest.fixture
def db(data_dir: Path) -> Iterator[Database]:
    database = open_database(data_dir / "kiosk.sqlite3")
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def audit(db: Database) -> AuditLog:
    return AuditLog(db)


@pytest.fixture
def auth(db: Database, audit: AuditLog, clock: Clock) -> AuthService:
    service = AuthService(db, audit, clock)
    for user_id, name, role, pin in (CLERK, ADMIN):
        service.add_user(user_id, name, role, pin)
    return service


@pytest.fixture
def clerk(db: Database, auth: AuthService, audit: AuditLog) -> ClerkService:
    printed: list[tuple[str, dict[str, Any]]] = []

    def print_job(kind: str, data: dict[str, Any]) -> int:
        printed.append((kind, data))
        return len(printed)

    service = ClerkService(db, auth, audit, print_job, village=lambda: "桐溪村")
    service.printed = printed  # type: ignore[attr-defined]
    return service


@pytest.fixture
def ui_services(data_dir: Path) -> Iterator[Any]:
    """Services over a real database with the demo staff and three applications."""
    from kiosk.config import load_settings
    from kiosk.paths import DataPaths
    from kiosk.services.auth import add_demo_staff
    from kiosk.services.registry import Services

    paths = DataPaths(data_dir)
    database = open_database(paths.database, check_same_thread=False)
    add_demo_staff(database)
    for i in range(3):
        add_application(database, submitted_at=f"2026-11-2{i}T02:00:00Z",
                        attachment=b"\x89PNG" if i == 0 else None)
    settings = load_settings(None, environ={})
    services = Services.build(database, settings, paths)
    # test bookkeeping riding on the (otherwise immutable) services: the ids, newest first
    object.__setattr__(services, "ids", [r[0] for r in database.execute(
        "SELECT application_id FROM applications ORDER BY submitted_at DESC")])
    yield services
    database.close()


@pytest.fixture
def staff_shell(qtbot: Any, ui_services: Any) -> Iterator[Any]:
    from concurrent.futures import ThreadPoolExecutor

    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import KioskShell, install_language

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "zh_CN")
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    kiosk = KioskShell(app, ui_services, pool, width=1920, height=1080)
    qtbot.addWidget(kiosk.window)
    kiosk.window.show()
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    yield kiosk
    import shiboken6
    from PySide6.QtCore import QTimer

    app.removeEventFilter(kiosk.idle)
    qtbot.waitUntil(lambda: kiosk.tasks.pending == 0)
    for owner in (kiosk, kiosk.window):  # no timer may reach the pool once it is shut down
        if shiboken6.isValid(owner):
            for timer in owner.findChildren(QTimer):
                timer.stop()
    if shiboken6.isValid(kiosk.window):
        app.removeEventFilter(kiosk.window.pages["staff"])
    pool.shutdown(wait=True)

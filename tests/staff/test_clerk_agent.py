"""The clerk sees who applied for whom (answers.agent), with the agent's numbers masked."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QLabel

from kiosk.services.auth import AuthService
from kiosk.services.clerk import ClerkService
from kiosk.storage.database import Database, transaction
from tests.staff.conftest import add_application
from tests.staff.test_clerk import signed_in

__all__ = ["signed_in"]  # the fixture, used by name

AGENT = {"relation": "agent", "kinship": "儿子", "name": "王建国",
         "id_number": "330781197003040512", "phone": "13905790001",
         "authorisation_letter": [{"sha256": "a" * 64, "filename": "letter.jpg",
                                   "media_type": "image/jpeg", "size": 10}]}


def _with_agent(db: Database, application_id: str) -> None:
    payload = json.loads(db.execute("SELECT payload FROM applications WHERE application_id = ?",
                                    (application_id,)).fetchone()[0])
    payload["answers"]["agent"] = AGENT
    with transaction(db):
        db.execute("UPDATE applications SET payload = ? WHERE application_id = ?",
                   (json.dumps(payload, ensure_ascii=False).encode(), application_id))


def test_detail_says_who_applied_for_whom_and_masks_the_agent(
        db: Database, clerk: ClerkService, signed_in: AuthService) -> None:
    app = add_application(db)
    assert clerk.detail(app).applied_by is None  # in person
    _with_agent(db, app)
    detail = clerk.detail(app)
    assert detail.applied_by == {"relation": "agent", "kinship": "儿子", "name": "王**",
                                 "id_number": "330781********0512", "phone": "139****0001",
                                 "letters": 1}
    shown = json.dumps(detail.answers, ensure_ascii=False)
    assert "330781197003040512" not in shown
    assert "13905790001" not in shown
    assert "王建国" not in shown


def test_workbench_detail_shows_the_agent_masked(qtbot: Any, staff_shell: Any,
                                                 ui_services: Any) -> None:
    from tests.staff.conftest import CLERK
    from tests.staff.test_staff_ui import settle, sign_in

    db = ui_services.staff.auth.db
    first = ui_services.ids[0]
    _with_agent(db, first)
    page = sign_in(qtbot, staff_shell, CLERK)
    page.open_application(first)
    settle(qtbot, staff_shell)
    texts = "\n".join(label.text() for label in page.detail.findChildren(QLabel)
                      if label.isVisibleTo(page.detail))
    assert "办理人" in texts
    assert "王**（儿子，授权代理人）代申请人办理" in texts
    assert "330781********0512" in texts
    assert "授权委托书 1 页" in texts
    assert "330781197003040512" not in texts

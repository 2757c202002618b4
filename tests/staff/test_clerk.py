"""The workbench queue and filters, the action state machine, one transaction per action with
its outbox item (contract section 4) and audit event, and a province `invalid_transition`."""

from __future__ import annotations

import json

import pytest

from kiosk.services.audit import AuditLog
from kiosk.services.auth import AuthService, NotSignedIn
from kiosk.services.clerk import ClerkError, ClerkService
from kiosk.storage.database import Database
from sync import outbox
from tests.staff.conftest import CLERK, add_application


@pytest.fixture
def signed_in(auth: AuthService) -> AuthService:
    auth.sign_in(CLERK[0], CLERK[3])
    return auth


def test_nothing_without_a_signed_in_clerk(db: Database, clerk: ClerkService) -> None:
    app = add_application(db)
    with pytest.raises(NotSignedIn):
        clerk.queue()
    with pytest.raises(NotSignedIn):
        clerk.detail(app)
    with pytest.raises(NotSignedIn):
        clerk.act(app, "accept")


def test_queue_filters_and_counts(db: Database, clerk: ClerkService,
                                  signed_in: AuthService) -> None:
    a = add_application(db, submitted_at="2026-11-29T01:00:00Z")
    add_application(db, service_id="canji", service_name="残疾人两项补贴",
                    channel="clerk_assisted", clerk_id="1001",
                    submitted_at="2026-11-30T01:00:00Z")
    add_application(db, submitted_at="2020-01-01T00:00:00Z")
    clerk.act(a, "accept")
    queue = clerk.queue()
    assert queue.counts == {"received": 2, "accepted": 1}
    assert queue.total == 3
    assert [r.service_id for r in clerk.queue(status="received").rows] == ["canji", "dibao"]
    assert len(clerk.queue(service_id="dibao").rows) == 2
    assert [r.channel for r in clerk.queue(channel="clerk_assisted").rows] == ["clerk_assisted"]
    assert clerk.queue(service_id="x' OR '1'='1").rows == []
    assert {s for s, _ in queue.services} == {"dibao", "canji"}
    with pytest.raises(ClerkError):
        clerk.queue(status="'; DROP TABLE applications; --")


def test_every_action_reaches_the_outbox_with_its_audit_event(
        db: Database, clerk: ClerkService, signed_in: AuthService, audit: AuditLog) -> None:
    app = add_application(db)
    steps = [("request_materials", "请补户口簿", "needs_materials"), ("accept", "", "accepted"),
             ("forward", "转镇街", "in_review")]
    for action, note, status in steps:
        result = clerk.act(app, action, note)
        assert result.to_status == status
        item = outbox.get_item(db.conn, result.outbox_id)
        assert item is not None
        assert item.kind == "clerk_action"
        assert item.parent_id == app
        body = json.loads(item.payload)
        assert body == {"action_id": result.action_id, "action": action, "note": note,
                        "clerk_id": CLERK[0], "at": body["at"]}
    db.execute("INSERT INTO application_status VALUES (?, 'C1', 'approved', ?, ?)",
               (app, "2099-01-01T00:00:00Z", json.dumps({"history": [
                   {"at": "2099-01-01T00:00:00Z", "status": "approved", "note": "县审批"}]})))
    assert clerk.act(app, "complete").to_status == "completed"
    second = add_application(db)
    assert clerk.act(second, "reject", "不符合条件").to_status == "rejected"
    actions = [e["details"]["action"] for e in audit.recent() if e["action"] == "clerk_action"]
    assert actions == ["request_materials", "accept", "forward", "complete", "reject"]
    kinds = [i.kind for i in outbox.list_items(db.conn, ("pending",))]
    assert kinds.count("clerk_action") == 5
    assert audit.verify().ok
    history = clerk.detail(app).history
    assert [h["status"] for h in history][:1] == ["submitted"]
    assert "approved" in [h["status"] for h in history]


@pytest.mark.parametrize(("action", "note"), [("forward", ""), ("complete", ""),
                                              ("reject", ""), ("request_materials", ""),
                                              ("explode", "x")])
def test_invalid_actions_are_refused_and_nothing_is_written(
        db: Database, clerk: ClerkService, signed_in: AuthService, action: str, note: str) -> None:
    app = add_application(db)
    before = outbox.stats(db.conn).pending
    with pytest.raises(ClerkError):
        clerk.act(app, action, note)
    assert outbox.stats(db.conn).pending == before
    assert db.execute("SELECT count(*) FROM clerk_actions").fetchone()[0] == 0


def test_a_failed_audit_append_leaves_no_action_and_no_outbox_row(
        db: Database, clerk: ClerkService, signed_in: AuthService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = add_application(db)
    before = outbox.stats(db.conn).pending

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr(clerk.audit, "record", broken)
    with pytest.raises(RuntimeError):
        clerk.act(app, "accept")
    assert outbox.stats(db.conn).pending == before
    assert db.execute("SELECT count(*) FROM clerk_actions").fetchone()[0] == 0


def test_long_and_hostile_notes(db: Database, clerk: ClerkService,
                                signed_in: AuthService) -> None:
    app = add_application(db)
    with pytest.raises(ClerkError, match="too long"):
        clerk.act(app, "reject", "x" * 10_000)
    note = "'); DROP TABLE applications; --"
    clerk.act(app, "reject", note)
    assert clerk.detail(app).history[-1]["note"] == note
    assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 1


def test_province_invalid_transition_is_shown_with_the_province_status(
        db: Database, clerk: ClerkService, signed_in: AuthService) -> None:
    app = add_application(db)
    result = clerk.act(app, "accept")
    outbox.quarantine(db.conn, result.outbox_id, "invalid_transition",
                      json.dumps({"error": "invalid_transition", "status": "withdrawn"}))
    detail = clerk.detail(app)
    assert detail.province_rejections == [{"item": result.action_id, "kind": "clerk_action",
                                           "reason": "invalid_transition",
                                           "province_status": "withdrawn"}]


def test_detail_masks_the_applicant_and_serves_attachments(
        db: Database, clerk: ClerkService, signed_in: AuthService) -> None:
    app = add_application(db, attachment=b"\x89PNG fake")
    detail = clerk.detail(app)
    assert detail.applicant["id_number"] == "330102********1234"
    assert detail.applicant["phone"] == "138****8000"
    assert detail.answers == {"income": 1200, "reason": "因病致贫"}
    data, media_type = clerk.attachment(detail.attachments[0]["sha256"])
    assert data == b"\x89PNG fake"
    assert media_type == "image/png"
    assert detail.allowed == ["accept", "request_materials", "reject"]


def test_print_form_for_signature(db: Database, clerk: ClerkService,
                                  signed_in: AuthService, audit: AuditLog) -> None:
    app = add_application(db)
    assert clerk.print_form(app) == 1
    kind, data = clerk.printed[0]  # type: ignore[attr-defined]
    assert kind == "application_form"
    assert data["village"] == "桐溪村"
    assert "330102199001011234" not in json.dumps(data, ensure_ascii=False)
    assert audit.recent()[-1]["action"] == "application_form_printed"

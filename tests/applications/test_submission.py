"""Drafts and submission through the service layer, against a real database."""

from __future__ import annotations

import hashlib
import json

import pytest

from forms import canonical_json, example_document, parse_definition
from kiosk.services.applications import (
    ApplicationError,
    ApplicationService,
    SubmissionInvalid,
)
from kiosk.services.progress import BadReceiptCode, ProgressService
from kiosk.storage import applications as store
from kiosk.storage import audit
from kiosk.storage.database import Database
from sync import outbox
from tests.applications.conftest import RecordingPrinter, demo_catalog, load_catalog
from tests.applications.helpers import filled_session

SERVICES = ["svc-dibao", "svc-disability-card", "svc-homestead", "svc-birth", "svc-funeral"]


def outbox_rows(db: Database, kind: str) -> list[outbox.OutboxItem]:
    return [i for i in outbox.list_items(db.conn, ("pending", "sending", "sent",
                                                   "quarantined")) if i.kind == kind]


@pytest.mark.parametrize("service_id", SERVICES)
def test_submit_writes_application_outbox_row_and_audit_event_together(
        apps: ApplicationService, db: Database, printer: RecordingPrinter,
        service_id: str) -> None:
    draft = apps.start_draft(service_id)
    session = filled_session(apps, draft)
    submission = apps.submit_draft(draft.application_id, session.to_json())

    assert submission.application_id == draft.application_id  # made at draft time
    [row] = outbox_rows(db, "application")
    assert row.item_id == draft.application_id
    payload = json.loads(row.payload)
    assert row.payload == canonical_json(payload)
    assert hashlib.sha256(row.payload).hexdigest() == submission.payload_sha256
    assert payload["channel"] == "self_service"
    assert payload["clerk_id"] is None
    assert payload["terminal_id"] == "T-330110-0001"
    assert payload["form_sha256"] == draft.definition.sha256
    assert set(row.blobs) == {a["sha256"] for a in payload["attachments"]}
    for sha in row.blobs:  # every blob's bytes are in the outbox's store, hashing right
        data, _type = outbox.blob_bytes(db.conn, sha) or (b"", "")
        assert hashlib.sha256(data).hexdigest() == sha
    stored = store.by_id(db, draft.application_id)
    assert stored is not None
    assert stored.payload == row.payload
    [event] = [e for e in audit.iter_events(db) if e["action"] == "application_submitted"]
    assert event["subject"] == draft.application_id
    assert event["details"]["payload_sha256"] == submission.payload_sha256
    assert len(outbox_rows(db, "audit_event")) == 1
    assert apps.list_drafts() == []  # the draft and its photos are gone
    assert db.conn.execute("SELECT count(*) FROM draft_blobs").fetchone()[0] == 0
    [receipt] = printer.receipts
    assert receipt.receipt_code == submission.receipt_code_display
    assert "*" in receipt.applicant_name


def test_invalid_answers_store_nothing_and_list_every_error(apps: ApplicationService,
                                                            db: Database) -> None:
    definition = parse_definition(next(i for i in demo_catalog()
                                       if i["id"] == "svc-dibao")["form"])
    document = example_document(definition)
    document["answers"]["applicant_id"] = "330781195803121234"  # wrong check digit
    document["answers"]["phone"] = "123"
    with pytest.raises(SubmissionInvalid) as caught:
        apps.submit_answers("dibao-apply", document)
    paths = {issue.path for issue in caught.value.report.errors}
    assert {"applicant_id", "phone"} <= paths
    assert store.count(db) == 0
    assert outbox_rows(db, "application") == []
    assert list(audit.iter_events(db)) == []


def test_a_second_submit_of_the_same_draft_is_refused(apps: ApplicationService,
                                                      db: Database) -> None:
    draft = apps.start_draft("svc-elderly-allowance")
    session = filled_session(apps, draft)
    apps.submit_draft(draft.application_id, session.to_json())
    with pytest.raises(ApplicationError):
        apps.submit_draft(draft.application_id, session.to_json())
    assert len(outbox_rows(db, "application")) == 1


def test_draft_resumes_after_restart_and_finishes_on_its_own_version(
        apps: ApplicationService, db: Database, settings: object) -> None:
    draft = apps.start_draft("svc-dibao", prefill={"name": "王秀英"})
    session = draft.session()
    assert session.value("applicant_name") == "王秀英"
    session.set_answer("phone", "13905791234")
    assert apps.save_draft(draft.application_id, session.to_json())
    old_sha = draft.definition.sha256
    # the province publishes version 2 of the form while the draft is open
    item = dict(next(i for i in demo_catalog() if i["id"] == "svc-dibao"))
    form = json.loads(json.dumps(item["form"]))
    form["version"] = 2
    form["pages"][0]["fields"][0]["label"]["zh"] = "申请人姓名（新版）"
    load_catalog(db, [dict(item, form=form, form_version=2)], cursor="2")

    again = ApplicationService(db, apps.settings, camera=apps.camera,
                               demo=apps.demo)  # a new process
    resumed = again.latest_draft()
    assert resumed is not None
    assert resumed.application_id == draft.application_id
    assert resumed.definition.sha256 == old_sha
    assert resumed.definition.version == 1
    assert resumed.session().value("phone") == "13905791234"
    session = filled_session(again, resumed)
    submission = again.submit_draft(resumed.application_id, session.to_json())
    payload = json.loads(outbox_rows(db, "application")[0].payload)
    assert payload["form_version"] == 1
    assert payload["form_sha256"] == old_sha
    assert submission.receipt_code


def test_idle_reset_deletes_villager_drafts_and_keeps_clerk_drafts(
        apps: ApplicationService, db: Database) -> None:
    villager = apps.start_draft("svc-dibao")
    apps.add_photo(villager.application_id, "户口簿")
    session = villager.session()
    session.set_answer("applicant_name", "李秘密")
    apps.save_draft(villager.application_id, session.to_json())
    clerk = apps.start_draft("svc-funeral", clerk_id="c-01")
    assert apps.discard_villager_drafts() == 1
    assert [d["application_id"] for d in apps.list_drafts()] == [clerk.application_id]
    dump = "\n".join(db.conn.iterdump())
    assert "李秘密" not in dump
    assert db.conn.execute("SELECT count(*) FROM draft_blobs").fetchone()[0] == 0
    assert not apps.save_draft(villager.application_id, session.to_json())


def test_progress_by_code_and_by_id_number(apps: ApplicationService, db: Database) -> None:
    draft = apps.start_draft("svc-elderly-allowance")
    session = filled_session(apps, draft)
    submission = apps.submit_draft(draft.application_id, session.to_json())
    progress = ProgressService(db)
    found = progress.by_code(submission.receipt_code_display.lower())
    assert found is not None
    assert found.status == "waiting"
    with pytest.raises(BadReceiptCode):
        progress.by_code(submission.receipt_code[:-1] + ("0" if submission.receipt_code[-1]
                                                         != "0" else "1"))
    id_number = json.loads(outbox_rows(db, "application")[0].payload)["applicant"]["id_number"]
    assert [p.application_id for p in progress.by_id_number(id_number)] == [
        draft.application_id]
    # the province's status arrives through the application_status dataset
    from kiosk.storage.datasets import DatasetStore

    DatasetStore(db).apply_page("application_status", [{
        "key": draft.application_id, "op": "upsert", "data": {
            "application_id": draft.application_id, "case_no": "ZJ-2026-0001",
            "status": "needs_materials", "updated_at": "2026-12-02T08:00:00Z",
            "history": [{"at": "2026-11-30T11:00:00Z", "status": "received", "note": ""},
                        {"at": "2026-12-02T08:00:00Z", "status": "needs_materials",
                         "note": "请补充户口簿复印件"}],
            "next_step": "请带户口簿原件到村便民服务中心", "pickup": ""}}],
        next_cursor="1", total=1, synced_at="2026-12-02T08:00:00Z")
    found = progress.by_code(submission.receipt_code)
    assert found is not None
    assert found.status == "needs_materials"
    assert found.case_no == "ZJ-2026-0001"
    assert [s.status for s in found.steps] == ["submitted", "sent", "received",
                                               "needs_materials"]
    assert found.next_step == "请带户口簿原件到村便民服务中心"
    assert [p.status for p in progress.list("needs_materials")] == ["needs_materials"]
    assert progress.list("pending") == []

"""Retention: what a purge clears, and what it never touches."""

from __future__ import annotations

import json
import time
import uuid

from kiosk.services.audit import AuditLog
from kiosk.services.privacy import PrivacyService
from kiosk.storage import applications as app_store
from kiosk.storage.database import transaction
from sync import outbox
from tests.privacy.conftest import Terminal
from tests.sync.support import Emulator

DAY = 86400.0


def _later(days: float) -> float:
    return time.time() + days * DAY


def _blob_count(terminal: Terminal) -> int:
    return int(terminal.db.execute("SELECT count(*) FROM sync_blobs").fetchone()[0])


def test_confirmed_final_application_past_keep_days_keeps_only_receipt_and_status(
        terminal: Terminal, emulator: Emulator) -> None:
    done = terminal.submit()
    before = app_store.by_id(terminal.db, done.application_id)
    assert before is not None
    assert json.loads(before.payload)["answers"]
    assert _blob_count(terminal) > 0
    terminal.confirm(emulator)
    terminal.set_status(done.application_id, "completed", "2026-12-01T08:00:00Z")

    report = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(31)).purge()

    assert report.answers_reduced == [done.application_id]
    assert _blob_count(terminal) == 0
    after = app_store.by_code(terminal.db, done.receipt_code)
    assert after is not None
    document = json.loads(after.payload)
    assert document["answers"] == {}
    assert document["attachments"] == []
    assert document["receipt_code"] == done.receipt_code
    assert document["case_no"] == "ZJ-2026-0001"
    assert document["applicant"] == {"name_masked": before.applicant_name_masked}
    assert "id_number" not in after.payload.decode()
    assert after.payload_sha256 == before.payload_sha256
    status = app_store.status_of(terminal.db, done.application_id)
    assert status is not None
    assert status.status == "completed"
    assert status.data["history"]
    key = terminal.db.execute("SELECT applicant_key FROM applications").fetchone()[0]
    assert key == ""
    actions = [e["action"] for e in AuditLog(terminal.db).recent(subject=done.application_id)]
    assert "application_purged" in actions
    assert "application_copies_cleared" in actions
    assert AuditLog(terminal.db).verify().ok


def test_unconfirmed_application_older_than_keep_days_keeps_everything(
        terminal: Terminal) -> None:
    done = terminal.submit()
    terminal.set_status(done.application_id, "completed", "2026-01-01T08:00:00Z")
    payload = app_store.by_id(terminal.db, done.application_id).payload  # type: ignore[union-attr]
    blobs = _blob_count(terminal)

    report = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(400)).purge()

    assert report.answers_reduced == []
    assert report.copies_cleared == []
    assert report.unconfirmed_kept == 1
    assert app_store.by_id(terminal.db, done.application_id).payload == payload  # type: ignore[union-attr]
    assert _blob_count(terminal) == blobs
    item = outbox.list_items(terminal.db.conn)[0]
    assert json.loads(item.payload)["answers"]


def test_confirmed_but_not_final_keeps_answers_and_drops_only_the_sending_copies(
        terminal: Terminal, emulator: Emulator) -> None:
    done = terminal.submit()
    terminal.confirm(emulator)
    terminal.set_status(done.application_id, "in_review", "2026-01-01T08:00:00Z")

    report = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(400)).purge()

    assert report.copies_cleared == [done.application_id]
    assert report.answers_reduced == []
    assert _blob_count(terminal) == 0
    row = app_store.by_id(terminal.db, done.application_id)
    assert row is not None
    assert json.loads(row.payload)["answers"]
    sent = outbox.list_items(terminal.db.conn, ("sent",))
    application = next(i for i in sent if i.kind == "application")
    assert set(json.loads(application.payload)) == {"application_id", "cleared_at"}


def test_final_application_inside_keep_days_is_kept(terminal: Terminal,
                                                    emulator: Emulator) -> None:
    done = terminal.submit()
    terminal.confirm(emulator)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    terminal.set_status(done.application_id, "rejected", stamp)
    report = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(29)).purge()
    assert report.answers_reduced == []
    report = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(31)).purge()
    assert report.answers_reduced == [done.application_id]


def test_a_blob_shared_with_an_unconfirmed_application_stays(terminal: Terminal,
                                                            emulator: Emulator) -> None:
    first = terminal.submit()
    terminal.confirm(emulator)
    sha = json.loads(terminal.db.execute(
        "SELECT blobs FROM sync_outbox WHERE item_id = ?", (first.application_id,)
    ).fetchone()[0])[0]
    stored = outbox.blob_bytes(terminal.db.conn, sha)
    assert stored is not None
    # a second application, not sent yet, names the same photo (blobs are kept once by hash)
    with transaction(terminal.db):
        outbox.enqueue(terminal.db.conn, "application", str(uuid.uuid4()), b"{}",
                       blobs=[outbox.BlobRef(sha, stored[1], data=stored[0])])
    PrivacyService(terminal.db, terminal.settings).purge()
    assert outbox.blob_bytes(terminal.db.conn, sha) == stored


def test_dry_run_counts_and_changes_nothing(terminal: Terminal, emulator: Emulator) -> None:
    done = terminal.submit()
    terminal.confirm(emulator)
    terminal.set_status(done.application_id, "withdrawn", "2026-01-01T08:00:00Z")
    blobs = _blob_count(terminal)
    report = PrivacyService(terminal.db, terminal.settings,
                            clock=lambda: _later(400)).purge(dry_run=True)
    assert report.answers_reduced == [done.application_id]
    assert report.copies_cleared == [done.application_id]
    assert _blob_count(terminal) == blobs
    row = app_store.by_id(terminal.db, done.application_id)
    assert row is not None
    assert json.loads(row.payload)["answers"]


def test_clerk_drafts_expire_after_draft_days_and_villager_drafts_are_not_touched(
        terminal: Terminal) -> None:
    clerk = terminal.apps.start_draft("svc-temporary-relief", clerk_id="1001")
    villager = terminal.apps.start_draft("svc-temporary-relief")
    service = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(6))
    assert service.purge().clerk_drafts_deleted == []
    service = PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(8))
    assert service.purge().clerk_drafts_deleted == [clerk.application_id]
    left = {d["application_id"] for d in terminal.apps.list_drafts()}
    assert left == {villager.application_id}


def test_purge_runs_daily(terminal: Terminal) -> None:
    service = PrivacyService(terminal.db, terminal.settings)
    assert service.purge_due()
    service.purge()
    assert not service.purge_due()
    assert PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(1.01)).purge_due()


def test_status_pages_keep_working_after_purge(terminal: Terminal, emulator: Emulator) -> None:
    done = terminal.submit()
    terminal.confirm(emulator)
    terminal.set_status(done.application_id, "completed", "2026-01-01T08:00:00Z")
    PrivacyService(terminal.db, terminal.settings, clock=lambda: _later(400)).purge()
    rows = app_store.list_applications(terminal.db)
    assert [r.receipt_code for r, _s in rows] == [done.receipt_code]
    assert rows[0][1] is not None
    assert rows[0][1].status == "completed"


def test_idle_wipe_leaves_no_draft_bytes_in_the_file_or_the_wal(terminal: Terminal) -> None:
    """Drafts are sealed, so the check looks for the sealed bytes themselves: after the wipe
    neither the database file nor the WAL holds them (secure_delete + checkpoint)."""
    draft = terminal.apps.start_draft("svc-temporary-relief")
    terminal.apps.add_photo(draft.application_id, "page")
    sealed = bytes(terminal.db.execute("SELECT data FROM draft_blobs").fetchone()[0])
    probe = sealed[40:72]
    assert terminal.apps.discard_villager_drafts() == 1
    database = terminal.paths.database
    wal = database.with_name(database.name + "-wal")
    assert probe not in database.read_bytes()
    assert not wal.exists() or probe not in wal.read_bytes()


def test_the_print_queue_purge_runs_with_the_daily_purge(terminal: Terminal) -> None:
    calls: list[int] = []

    def print_purge() -> int:
        calls.append(1)
        return 3

    report = PrivacyService(terminal.db, terminal.settings, print_purge=print_purge).purge()
    assert calls == [1]
    assert report.as_json()["print_jobs"] == 3
    dry = PrivacyService(terminal.db, terminal.settings, print_purge=print_purge).purge(
        dry_run=True)
    assert calls == [1]  # a dry run deletes nothing, print jobs included
    assert isinstance(dry.print_jobs, str)

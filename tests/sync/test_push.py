"""Push over real HTTP against the emulator: replays, conflicts, blobs, auth pauses."""

from __future__ import annotations

import json

import sqlite_utils

from kiosk.storage.database import Database, transaction
from sync import outbox
from sync.client import ProvinceClient
from sync.outbox import BlobRef
from sync.push import push
from tests.sync.support import Emulator, application


def _enqueue(db: Database, app_id: str, body: bytes, blobs: tuple[BlobRef, ...] = ()) -> None:
    with transaction(db):
        outbox.enqueue(db.conn, "application", app_id, body, blobs=blobs)


def test_applications_arrive_once_and_byte_identical(db: Database, emulator: Emulator,
                                                     client: ProvinceClient) -> None:
    sent = dict(application(i) for i in range(5))
    for app_id, body in sent.items():
        _enqueue(db, app_id, body)
    report = push(db.conn, client)
    assert report.sent == 5
    assert not report.quarantined
    stored = dict(emulator.query("SELECT application_id, body FROM applications"))
    assert stored == sent
    assert outbox.stats(db.conn).pending == 0
    assert push(db.conn, client).outcomes == []


def test_same_id_different_body_is_quarantined_and_queue_flows(
        db: Database, emulator: Emulator, client: ProvinceClient) -> None:
    app_id, first = application(0)
    _enqueue(db, app_id, first)
    push(db.conn, client)
    # another database, same id, another body (a corrupted copy or a reused id)
    other = sqlite_utils.Database(memory=True)
    outbox.create_schema(other.conn)
    _, changed = application(1, application_id=app_id)
    outbox.enqueue(other.conn, "application", app_id, changed)
    others = dict(application(i) for i in range(2, 6))
    for key, body in others.items():
        outbox.enqueue(other.conn, "application", key, body)
    report = push(other.conn, client)
    assert [o.item_id for o in report.quarantined] == [app_id]
    assert report.quarantined[0].reason.startswith("HTTP 409 conflict")
    assert report.sent == 4
    item = outbox.list_items(other.conn, ("quarantined",))[0]
    assert item.reason == "conflict"
    assert item.item_id == app_id
    stored = dict(emulator.query("SELECT application_id, body FROM applications"))
    assert stored[app_id] == first
    assert all(stored[k] == v for k, v in others.items())


def test_blobs_are_uploaded_before_the_item(db: Database, emulator: Emulator,
                                            client: ProvinceClient) -> None:
    photo = BlobRef.from_bytes(b"\xff\xd8jpeg.." * 1000, "image/jpeg")
    app_id, body = application(0, attachments=[{"sha256": photo.sha256, "filename": "a.jpg",
                                                "media_type": "image/jpeg", "size": 8000}])
    _enqueue(db, app_id, body, (photo,))
    report = push(db.conn, client)
    assert report.sent == 1
    assert emulator.query("SELECT sha256, length(data) FROM blobs") == [(photo.sha256, 8000)]
    assert outbox.blob_uploaded(db.conn, photo.sha256)


def test_invalid_content_is_quarantined_with_the_fields(db: Database, emulator: Emulator,
                                                        client: ProvinceClient) -> None:
    bad_id, bad = application(0, income=-5)
    good_id, good = application(1)
    _enqueue(db, bad_id, bad)
    _enqueue(db, good_id, good)
    report = push(db.conn, client)
    assert report.sent == 1
    item = outbox.list_items(db.conn, ("quarantined",))[0]
    assert item.item_id == bad_id
    assert item.reason == "invalid"
    assert json.loads(item.detail or "{}")["fields"] == {"answers.income": "must not be negative"}


def test_disabled_terminal_pauses_without_losing_items(db: Database, emulator: Emulator,
                                                       client: ProvinceClient) -> None:
    apps = dict(application(i) for i in range(3))
    for app_id, body in apps.items():
        _enqueue(db, app_id, body)
    emulator.control("terminals", {"terminal_id": client.terminal_id, "disabled": True})
    report = push(db.conn, client)
    assert report.paused is not None
    assert "terminal_disabled" in report.paused
    assert outbox.stats(db.conn).pending == 3
    assert outbox.get_state(db.conn, "push_paused") == report.paused
    emulator.control("terminals", {"terminal_id": client.terminal_id, "disabled": False})
    assert push(db.conn, client).sent == 3
    assert outbox.get_state(db.conn, "push_paused") is None


def test_wrong_secret_pauses(db: Database, emulator: Emulator) -> None:
    app_id, body = application(0)
    _enqueue(db, app_id, body)
    with ProvinceClient(emulator.url, "T-330110-0001", b"wrong" * 4) as wrong:
        report = push(db.conn, wrong)
    assert report.paused is not None
    assert "bad_signature" in report.paused
    assert outbox.stats(db.conn).pending == 1

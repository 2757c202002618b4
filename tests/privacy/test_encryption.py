"""Encryption at rest: sealed rows, byte-identical pushes, no personal number in the raw files,
and backups that restore only where their key is."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.demo.people import Resident
from kiosk.demo.village import DemoVillage
from kiosk.storage import applications as app_store
from kiosk.storage.database import transaction
from kiosk.storage.maintenance import backup_to
from kiosk.storage.sealing import MAGIC, SealError, is_sealed
from sync import outbox
from tests.privacy.conftest import Terminal, open_terminal
from tests.sync.support import Emulator


def _raw(terminal: Terminal, sql: str) -> list[bytes]:
    return [bytes(r[0]) if isinstance(r[0], bytes) else str(r[0]).encode()
            for r in terminal.db.execute(sql).fetchall()]


def test_every_personal_column_is_sealed_and_reads_back(terminal: Terminal) -> None:
    draft = terminal.apps.start_draft("svc-temporary-relief")
    terminal.apps.add_photo(draft.application_id, "page")
    assert all(is_sealed(v) for v in _raw(terminal, "SELECT session FROM application_drafts"))
    assert all(is_sealed(v) for v in _raw(terminal, "SELECT data FROM draft_blobs"))
    done = terminal.submit()
    for sql in ("SELECT payload FROM applications", "SELECT payload FROM sync_outbox",
                "SELECT data FROM sync_blobs"):
        values = _raw(terminal, sql)
        assert values, sql
        assert all(v.startswith(MAGIC) for v in values), sql
    row = app_store.by_id(terminal.db, done.application_id)
    assert row is not None
    assert hashlib.sha256(row.payload).hexdigest() == row.payload_sha256


def test_a_sealed_value_moved_to_another_row_does_not_open(terminal: Terminal) -> None:
    first, second = terminal.submit(), terminal.submit()
    stolen = terminal.db.execute("SELECT payload FROM applications WHERE application_id = ?",
                                 (first.application_id,)).fetchone()[0]
    with transaction(terminal.db):
        terminal.db.execute("UPDATE applications SET payload = ? WHERE application_id = ?",
                            (stolen, second.application_id))
    with pytest.raises(SealError, match="does not verify"):
        app_store.by_id(terminal.db, second.application_id)


def test_the_province_receives_the_exact_frozen_bytes(terminal: Terminal,
                                                     emulator: Emulator) -> None:
    done = terminal.submit()
    frozen = app_store.by_id(terminal.db, done.application_id)
    assert frozen is not None
    terminal.confirm(emulator)
    body = emulator.query("SELECT body FROM applications WHERE application_id = ?",
                          done.application_id)[0][0]
    body = body if isinstance(body, bytes) else body.encode()
    assert body == frozen.payload
    assert hashlib.sha256(body).hexdigest() == done.payload_sha256
    attachments = json.loads(frozen.payload)["attachments"]
    for entry in attachments:
        stored = emulator.query("SELECT sha256 FROM blobs WHERE sha256 = ?", entry["sha256"])
        assert stored, entry


def _people() -> list[Resident]:
    return DemoVillage.make(seed=2026, scale="village").residents()  # as `kiosk demo` builds


def _phone(index: int) -> str:
    return f"139{index:08d}"


def _hits(path: Path, needles: list[bytes]) -> list[bytes]:
    """Every needle found in the file: each run of digits and capitals is cut into windows
    of the needles' lengths (one pass over the file, not one per needle)."""
    wanted = set(needles)
    lengths = {len(n) for n in needles}
    found: set[bytes] = set()
    for run in re.findall(rb"[0-9A-Z]{%d,}" % min(lengths), path.read_bytes()):
        for size in lengths:
            found.update(run[i:i + size] for i in range(len(run) - size + 1)
                         if run[i:i + size] in wanted)
    return sorted(found)


def test_raw_database_wal_and_backup_hold_no_personal_number(tmp_path: Path) -> None:
    people = _people()
    assert main(["--data-dir", str(tmp_path / "t"), "demo"]) == 0  # the whole demo village
    terminal = open_terminal(tmp_path / "t", receipts=True)  # receipts queued, as the kiosk
    try:
        for index, person in enumerate(people[:12]):
            terminal.submit({"id_number": person.id_number, "phone": _phone(index),
                             "bank_card": person.bank_card})
        # a clerk's draft in progress holds them too
        draft = terminal.apps.start_draft("svc-temporary-relief", clerk_id="1001")
        session = draft.session()
        for _page, field in draft.definition.all_fields():
            if field.type == "id_number":
                session.set_answer(field.id, people[20].id_number)
        terminal.apps.save_draft(draft.application_id, session.to_json())
        assert terminal.db.execute("SELECT count(*) FROM print_jobs").fetchone()[0] == 12
        backup = backup_to(terminal.db, tmp_path / "backups")
        database = terminal.paths.database
        wal = database.with_name(database.name + "-wal")
        assert wal.exists()
        assert wal.stat().st_size > 0
        needles = [n.encode() for p in people
                   for n in (p.id_number, p.bank_card, p.ssc_number)]
        needles += [_phone(i).encode() for i in range(12)]
        for path in (database, wal, backup):
            assert _hits(path, needles) == [], path
        control = tmp_path / "control.bin"  # the search does find a number stored in clear
        control.write_bytes(b"\x00\x01" + needles[7] + b"\xff")
        assert _hits(control, needles) == [needles[7]]
        # and the numbers really went in: the same submission with the key reads them back
        row = app_store.list_applications(terminal.db)[0][0]
        assert any(p.id_number.encode() in row.payload for p in people[:12])
    finally:
        terminal.db.close()


def test_backup_restores_here_and_is_refused_clearly_elsewhere(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    terminal = open_terminal(tmp_path / "here")
    done = terminal.submit()
    backup = backup_to(terminal.db, tmp_path / "backups")
    terminal.db.close()

    assert main(["--data-dir", str(tmp_path / "here"), "restore", str(backup)]) == 0
    again = open_terminal(tmp_path / "here")
    try:
        row = app_store.by_id(again.db, done.application_id)
        assert row is not None
        assert json.loads(row.payload)["answers"]
    finally:
        again.db.close()

    capsys.readouterr()
    elsewhere = open_terminal(tmp_path / "elsewhere")  # its own, different data key
    elsewhere.db.close()
    before = (tmp_path / "elsewhere" / "kiosk.sqlite3").read_bytes()
    assert main(["--data-dir", str(tmp_path / "elsewhere"), "restore", str(backup)]) != 0
    message = capsys.readouterr().err
    key_id = open_key_id(tmp_path / "here")
    assert "缺少数据密钥" in message
    assert key_id in message
    assert "secrets.toml" in message
    assert (tmp_path / "elsewhere" / "kiosk.sqlite3").read_bytes() == before


def open_key_id(folder: Path) -> str:
    from kiosk.secrets import load_secrets

    return load_secrets(folder / "secrets.toml").data_key_id


def test_plaintext_rows_from_before_encryption_are_sealed_by_the_daily_job(
        tmp_path: Path) -> None:
    from kiosk.services.key_rotation import reseal
    from kiosk.storage.database import open_database

    plain = open_database(tmp_path / "t" / "kiosk.sqlite3")  # no key attached: as before 0009
    with transaction(plain):
        outbox.enqueue(plain.conn, "application", "a-1", b'{"id_number":"330106199001011234"}',
                       blobs=[outbox.BlobRef.from_bytes(b"photo of an ID card", "image/jpeg")])
    plain.close()
    terminal = open_terminal(tmp_path / "t")
    try:
        assert not is_sealed(_raw(terminal, "SELECT payload FROM sync_outbox")[0])
        assert reseal(terminal.db)["sync_outbox.payload"] == 1
        assert is_sealed(_raw(terminal, "SELECT payload FROM sync_outbox")[0])
        item = outbox.list_items(terminal.db.conn)[0]
        assert item.payload == b'{"id_number":"330106199001011234"}'
        assert outbox.blob_bytes(terminal.db.conn, item.blobs[0]) == (
            b"photo of an ID card", "image/jpeg")
        conn = sqlite3.connect(terminal.paths.database)
        assert b"330106199001011234" not in b"".join(
            bytes(r[0]) for r in conn.execute("SELECT payload FROM sync_outbox"))
        conn.close()
    finally:
        terminal.db.close()


def test_applicant_lookup_keys_are_keyed_and_lookups_still_work(tmp_path: Path) -> None:
    from kiosk.paths import DataPaths
    from kiosk.services.applications import ApplicationService, applicant_key
    from kiosk.services.document_camera import SimulatedDocumentCamera
    from kiosk.services.progress import ProgressService
    from kiosk.storage.database import open_database
    from tests.applications.conftest import demo_catalog, load_catalog
    from tests.privacy.conftest import settings_for

    person = _people()[3]
    plain = open_database(tmp_path / "t" / "kiosk.sqlite3")  # as before encryption existed
    load_catalog(plain, demo_catalog())
    apps = ApplicationService(plain, settings_for(), camera=SimulatedDocumentCamera(),
                              demo=True)
    Terminal(DataPaths(tmp_path / "t"), plain, settings_for(), apps).submit(
        {"id_number": person.id_number})
    unkeyed = applicant_key(person.id_number)  # a SHA-256 anyone can recompute from a guess
    assert plain.execute("SELECT applicant_key FROM applications").fetchone()[0] == unkeyed
    plain.close()

    terminal = open_terminal(tmp_path / "t")  # the key is attached: existing rows converted
    try:
        terminal.submit({"id_number": person.id_number})
        stored = {k for (k,) in terminal.db.execute("SELECT applicant_key FROM applications")}
        assert len(stored) == 1
        assert unkeyed not in stored
        assert len(ProgressService(terminal.db).by_id_number(person.id_number)) == 2
    finally:
        terminal.db.close()


def test_a_progress_lookup_does_not_open_the_payload(terminal: Terminal) -> None:
    done = terminal.submit()
    row = app_store.by_id(terminal.db, done.application_id)
    assert row is not None
    assert row.outbox_id is not None
    full = outbox.get_item(terminal.db.conn, row.outbox_id)
    bare = outbox.get_item(terminal.db.conn, row.outbox_id, with_payload=False)
    assert full is not None
    assert bare is not None
    assert json.loads(full.payload)["application_id"] == done.application_id
    assert bare.payload == b""
    assert (bare.state, bare.kind, bare.item_id) == (full.state, full.kind, full.item_id)

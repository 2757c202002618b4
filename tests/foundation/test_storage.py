from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.errors import DatabaseCorrupt, SchemaTooNew
from kiosk.storage.database import integrity_problems, open_database
from kiosk.storage.datasets import DatasetStore
from kiosk.storage.maintenance import backup_to, list_backups, restore_from
from kiosk.storage.migrations import known_names


def _service(i: int) -> dict[str, object]:
    return {"id": f"s{i}", "category": "社会救助", "name": f"服务{i}", "summary": "",
            "materials": [], "form": {}, "form_version": 1, "form_sha256": "0" * 64}


def test_pragmas_and_migrations(data_dir: Path) -> None:
    db = open_database(data_dir / "k.sqlite3")
    conn = db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert applied == known_names()
    db.close()


def test_newer_schema_is_refused(data_dir: Path) -> None:
    path = data_dir / "k.sqlite3"
    open_database(path).close()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('kiosk', '9999_from_the_future', 'x')")
    raw.commit()
    raw.close()
    with pytest.raises(SchemaTooNew, match="newer kiosk"):
        open_database(path)


def test_page_and_cursor_apply_together(data_dir: Path) -> None:
    db = open_database(data_dir / "k.sqlite3")
    store = DatasetStore(db)
    store.apply_page("services", [{"key": "s1", "op": "upsert", "data": _service(1)}],
                     next_cursor="c1", total=1, synced_at="2026-11-30T10:00:00Z")
    bad_page = [{"key": "s2", "op": "upsert", "data": _service(2)},
                {"key": "s3", "op": "upsert", "data": {"id": "s3"}}]  # missing columns
    with pytest.raises(sqlite3.IntegrityError):
        store.apply_page("services", bad_page, next_cursor="c2", total=3, synced_at="x")
    assert store.state("services").cursor == "c1"
    assert store.count("services") == 1
    store.apply_page("services", [{"key": "s1", "op": "delete", "data": None}],
                     next_cursor="c3", total=0, synced_at="2026-11-30T11:00:00Z")
    assert store.count("services") == 0
    assert store.state("services").cursor == "c3"


def test_subsidy_holder_keys_follow_their_payment(data_dir: Path) -> None:
    db = open_database(data_dir / "k.sqlite3")
    store = DatasetStore(db)
    payment = {"payment_id": "P1", "holder_keys": ["a", "b"], "holder_name_masked": "王*",
               "item_code": "X", "item_name": "补贴", "department": "县民政局",
               "level": "county", "period": "202610", "standard": "90元/月",
               "amount_fen": 9000, "paid_on": "2026-10-15", "bank_card_tail": "5341",
               "status": "paid", "note": ""}
    store.apply_page("subsidies", [{"key": "P1", "op": "upsert", "data": payment}],
                     next_cursor="1", total=1, synced_at="t")
    store.apply_page("subsidies", [{"key": "P1", "op": "upsert",
                                    "data": {**payment, "holder_keys": ["c"]}}],
                     next_cursor="2", total=1, synced_at="t")
    keys = [r[0] for r in db.conn.execute("SELECT holder_key FROM subsidy_holder_keys")]
    assert keys == ["c"]
    store.apply_page("subsidies", [{"key": "P1", "op": "delete", "data": None}],
                     next_cursor="3", total=0, synced_at="t")
    assert db.conn.execute("SELECT count(*) FROM subsidy_holder_keys").fetchone()[0] == 0


def test_a_full_page_of_payments_lands_row_for_row(data_dir: Path) -> None:
    """Pages are written many rows per statement: every row and key of a page larger than one
    statement must land, columns in their places, `note` defaulting when left out."""
    db = open_database(data_dir / "k.sqlite3")
    store = DatasetStore(db)
    payments = [{"payment_id": f"P{i:04d}", "holder_keys": [f"k{i}-{j}" for j in range(i % 4)],
                 "holder_name_masked": "王*", "item_code": f"I{i % 7}", "item_name": "补贴",
                 "department": "县民政局", "level": "county", "period": "202610",
                 "standard": "90元/月", "amount_fen": 9000 + i,
                 "paid_on": None if i % 5 else "2026-10-15", "bank_card_tail": "5341",
                 "status": "paid", **({"note": f"第{i}笔"} if i % 2 else {})}
                for i in range(1203)]
    store.apply_page("subsidies", [{"key": p["payment_id"], "op": "upsert", "data": p}
                                   for p in payments], next_cursor="1", total=1203, synced_at="t")
    assert store.count("subsidies") == 1203
    assert db.conn.execute("SELECT count(*) FROM subsidy_holder_keys").fetchone()[0] == \
        sum(i % 4 for i in range(1203))
    row = db.conn.execute("SELECT item_code, amount_fen, paid_on, note FROM subsidy_payments"
                          " WHERE payment_id = 'P1201'").fetchone()
    assert tuple(row) == ("I4", 10201, None, "第1201笔")
    row = db.conn.execute("SELECT paid_on, note FROM subsidy_payments"
                          " WHERE payment_id = 'P1200'").fetchone()
    assert tuple(row) == ("2026-10-15", "")
    keys = [r[0] for r in db.conn.execute(
        "SELECT holder_key FROM subsidy_holder_keys WHERE payment_id = 'P1203' OR"
        " payment_id = 'P1199' ORDER BY holder_key")]
    assert keys == ["k1199-0", "k1199-1", "k1199-2"]
    db.close()


def test_backup_rotation_and_restore(data_dir: Path) -> None:
    live = data_dir / "k.sqlite3"
    db = open_database(live)
    store = DatasetStore(db)
    store.apply_page("services", [{"key": "s1", "op": "upsert", "data": _service(1)}],
                     next_cursor="c1", total=1, synced_at="t")
    folder = data_dir / "backups"
    first = backup_to(db, folder, keep=3)
    for _ in range(4):
        backup_to(db, folder, keep=3)
    assert len(list_backups(folder)) == 3
    assert not first.exists()
    kept = list_backups(folder)[0]
    store.apply_page("services", [{"key": "s2", "op": "upsert", "data": _service(2)}],
                     next_cursor="c2", total=2, synced_at="t")
    db.close()
    safety = restore_from(kept, live, folder)
    assert safety is not None
    assert safety.exists()
    db = open_database(live)
    assert DatasetStore(db).count("services") == 1
    assert integrity_problems(db.conn) == []


def test_restore_refuses_a_damaged_file(data_dir: Path, tmp_path: Path) -> None:
    live = data_dir / "k.sqlite3"
    db = open_database(live)
    db.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(live.read_bytes()[:4096] + b"\x00garbage" * 2000)
    before = live.read_bytes()
    with pytest.raises(DatabaseCorrupt):
        restore_from(damaged, live, data_dir / "backups")
    assert live.read_bytes() == before


def test_garbage_file_is_reported_as_corrupt(data_dir: Path) -> None:
    path = data_dir / "k.sqlite3"
    data_dir.mkdir(parents=True)
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseCorrupt, match="kiosk restore"):
        open_database(path)
    assert path.read_bytes().startswith(b"this is not")  # nothing was overwritten

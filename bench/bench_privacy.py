"""Benchmark: what encryption at rest costs, and a purge of 10,000 applications.

Same run, same machine: N submissions through `ApplicationService.submit_answers` (answers
checked, frozen, outbox row with its blobs, audit event; one transaction each) into a database
without a data key (the floor) and into one opened with the terminal's key (AES-256-GCM on the
answers document, the outbox payload and every blob), in alternated chunks; then the villager's
progress lookups (by receipt code and by ID number) on both, alternated, best of each. Goal:
encrypted / plain <= 1.2x.

Then 10,000 confirmed, completed applications older than keep_days (each with its outbox row,
one blob and its province status) are purged in one `kiosk privacy purge` run.

Run: .venv/bin/python bench/bench_privacy.py [N] [PURGE]   (default 300 and 10000)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# the same answers (real bytes for every blob) and catalog as the submission benchmark
from bench_applications import document_with_files, fresh_db  # noqa: E402

FORM = "elderly-allowance"

ROUNDS = 20  # lookups of every application, to measure more than noise
REPEATS = 3


def _open(folder: Path, encrypted: bool) -> Any:
    db, settings = fresh_db(folder)
    if encrypted:
        from kiosk.data_key import protect

        protect(db, folder / "secrets.toml")
    return db, settings


def submit(apps: Any, count: int, document: dict[str, Any], files: dict[str, bytes]
           ) -> tuple[float, list[str]]:
    started = time.perf_counter()
    codes = [apps.submit_answers(FORM, document, files=files).receipt_code
             for _ in range(count)]
    return time.perf_counter() - started, codes


def lookups(db: Any, codes: list[str], document: dict[str, Any]) -> float:
    """The villager's 办件查询 (`ProgressService`): every application by receipt code, and
    the newest of them by the applicant's ID number, `ROUNDS` times. Each opens the answers
    document (the outbox item's state is read without its payload)."""
    from kiosk.services.progress import ProgressService

    progress = ProgressService(db)
    id_number = document["applicant"]["id_number"]
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for code in codes:
            assert progress.by_code(code) is not None
        assert progress.by_id_number(id_number)  # the newest 50, as the page shows them
    return time.perf_counter() - started


def purge_many(folder: Path, count: int) -> dict[str, Any]:
    from forms import canonical_json
    from kiosk.config import load_settings
    from kiosk.services.privacy import PrivacyService
    from kiosk.storage import applications as store
    from kiosk.storage.database import transaction
    from kiosk.storage.datasets import DatasetStore
    from sync import outbox

    db, _settings = _open(folder, encrypted=True)
    long_ago = "2026-01-05T08:00:00Z"
    built = time.perf_counter()
    ids = []
    for start in range(0, count, 1000):
        with transaction(db):
            for index in range(start, min(count, start + 1000)):
                application_id = str(uuid.uuid4())
                ids.append(application_id)
                photo = outbox.BlobRef.from_bytes(f"photo {index} ".encode() * 2000,
                                                  "image/jpeg")
                payload = canonical_json({
                    "application_id": application_id, "applicant": {
                        "name": "王秀英", "id_number": "330781193804091224"},
                    "answers": {"note": index}, "attachments": [{"sha256": photo.sha256}]})
                store.insert_application(db, store.ApplicationRow(
                    application_id, f"{index:012d}", "svc", "服务", FORM, 1, "0" * 64,
                    "self_service", None, "王**", [], payload, "0" * 64, long_ago, None,
                    None), "k")
                outbox.enqueue(db.conn, "application", application_id, payload,
                               blobs=[photo], now=0.0)
            db.execute("UPDATE sync_outbox SET state = 'sent', sent_at = 0 WHERE state = "
                       "'pending'")
        DatasetStore(db).apply_page("application_status", [
            {"key": a, "op": "upsert", "data": {
                "application_id": a, "case_no": "C", "status": "completed",
                "updated_at": long_ago, "history": [], "next_step": "", "pickup": ""}}
            for a in ids[start:start + 1000]], next_cursor=str(start), total=count,
            synced_at=long_ago)
    built_s = time.perf_counter() - built
    service = PrivacyService(db, load_settings(None, environ={}))
    started = time.perf_counter()
    report = service.purge()
    purge_s = time.perf_counter() - started
    assert len(report.answers_reduced) == count, report.as_json()
    assert report.blobs_deleted == count
    left = db.execute("SELECT count(*) FROM sync_blobs").fetchone()[0]
    db.close()
    return {"count": count, "setup_s": built_s, "purge_s": purge_s,
            "per_application_ms": purge_s / count * 1000, "blobs_left": left}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    document, files = document_with_files(FORM)
    from kiosk.services.applications import ApplicationService

    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        plain_db, settings = _open(Path(a), encrypted=False)
        enc_db, _settings = _open(Path(b), encrypted=True)
        plain_apps, enc_apps = ApplicationService(plain_db, settings), \
            ApplicationService(enc_db, settings)
        plain_submit = enc_submit = 0.0
        plain_codes: list[str] = []
        enc_codes: list[str] = []
        for _ in range(REPEATS * 2):  # alternated chunks: the machine and its disk are shared
            seconds, codes = submit(plain_apps, n // (REPEATS * 2), document, files)
            plain_submit, plain_codes = plain_submit + seconds, plain_codes + codes
            seconds, codes = submit(enc_apps, n // (REPEATS * 2), document, files)
            enc_submit, enc_codes = enc_submit + seconds, enc_codes + codes
        plain_times, enc_times = [], []
        for _ in range(REPEATS):  # alternated, best of each: the machine is shared
            plain_times.append(lookups(plain_db, plain_codes, document))
            enc_times.append(lookups(enc_db, enc_codes, document))
        plain_lookup, enc_lookup = min(plain_times), min(enc_times)
        plain_db.close()
        enc_db.close()
    print(f"{n} applications ({FORM}, {len(files)} blobs each), then {ROUNDS * n} lookups "
          f"by receipt code and {ROUNDS} by applicant (best of {REPEATS}, alternated)")
    print(f"  submit, no key (floor)     {plain_submit:8.3f} s")
    print(f"  submit, AES-256-GCM        {enc_submit:8.3f} s   "
          f"ratio {enc_submit / plain_submit:5.2f}x (goal <= 1.2x)")
    print(f"  lookup, no key (floor)     {plain_lookup:8.3f} s")
    print(f"  lookup, AES-256-GCM        {enc_lookup:8.3f} s   "
          f"ratio {enc_lookup / plain_lookup:5.2f}x (goal <= 1.2x)")
    with tempfile.TemporaryDirectory() as folder:
        purge = purge_many(Path(folder), count)
    print(f"purge of {count} confirmed, completed applications: {purge['purge_s']:.1f} s "
          f"({purge['per_application_ms']:.2f} ms each; setup {purge['setup_s']:.1f} s)")
    print(json.dumps({"n": n, "submit_ratio": enc_submit / plain_submit,
                      "lookup_ratio": enc_lookup / plain_lookup, "purge": purge}))


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)

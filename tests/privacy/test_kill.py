"""SIGKILL in the middle of a purge or a key rotation: the database stays whole (integrity ok),
every application is either untouched or fully reduced, every sealed row opens, and running
again finishes the work."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.secrets import load_secrets
from kiosk.storage import applications as app_store
from kiosk.storage import sealed_columns
from kiosk.storage.database import integrity_problems
from sync import outbox
from tests.privacy.conftest import Terminal, open_terminal
from tests.sync.support import REPO, Emulator

COUNT = 12


def _run_and_kill(command: str, folder: Path, after_lines: int) -> list[str]:
    process = subprocess.Popen([sys.executable, "-m", "tests.privacy.driver", command,
                                str(folder)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line.strip())
        if len(lines) >= after_lines:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL, lines
    assert "done" not in lines
    return lines


def _finish(command: str, folder: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "tests.privacy.driver", command, str(folder)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("done")


def _every_row_opens(terminal: Terminal) -> None:
    for row, _status in app_store.list_applications(terminal.db):
        json.loads(row.payload)
    for item in outbox.list_items(terminal.db.conn, ("pending", "sending", "sent")):
        json.loads(item.payload)
    for (sha,) in terminal.db.execute("SELECT sha256 FROM sync_blobs").fetchall():
        assert outbox.blob_bytes(terminal.db.conn, sha) is not None


def _prepared(data_dir: Path, emulator: Emulator) -> Terminal:
    terminal = open_terminal(data_dir)
    ids = [terminal.submit().application_id for _ in range(COUNT)]
    terminal.confirm(emulator)
    for application_id in ids:
        terminal.set_status(application_id, "completed", "2026-01-01T08:00:00Z")
    terminal.db.close()
    return terminal


def test_kill_during_purge_leaves_each_application_whole(data_dir: Path,
                                                         emulator: Emulator) -> None:
    _prepared(data_dir, emulator)
    _run_and_kill("purge", data_dir, after_lines=COUNT + 3)  # all copies, then some answers

    terminal = open_terminal(data_dir)
    try:
        assert integrity_problems(terminal.db.conn) == []
        _every_row_opens(terminal)
        rows = [r for r, _s in app_store.list_applications(terminal.db)]
        reduced = [r for r in rows if json.loads(r.payload)["answers"] == {}]
        purged_mark = {a for (a,) in terminal.db.execute(
            "SELECT application_id FROM applications WHERE purged_at IS NOT NULL")}
        assert {r.application_id for r in reduced} == purged_mark  # mark and data together
        assert 0 < len(reduced) < COUNT
        events = {s for (s,) in terminal.db.execute(
            "SELECT subject FROM audit_log WHERE action = 'application_purged'")}
        assert events == purged_mark  # and the audit event with them
    finally:
        terminal.db.close()
    _finish("purge", data_dir)
    terminal = open_terminal(data_dir)
    try:
        rows = [r for r, _s in app_store.list_applications(terminal.db)]
        assert all(json.loads(r.payload)["answers"] == {} for r in rows)
        assert len(rows) == COUNT
    finally:
        terminal.db.close()


def test_kill_during_rotation_leaves_nothing_half_encrypted_and_resumes(
        data_dir: Path) -> None:
    terminal = open_terminal(data_dir)
    for _ in range(COUNT):
        terminal.submit()
    old_key = load_secrets(terminal.paths.secrets).data_key_id
    terminal.db.close()

    lines = _run_and_kill("rotate", data_dir, after_lines=3)
    assert lines

    secrets = load_secrets(data_dir / "secrets.toml")
    new_key = secrets.data_key_id
    assert new_key != old_key
    assert {old_key, new_key} <= set(secrets.data_keys)
    terminal = open_terminal(data_dir)
    try:
        assert integrity_problems(terminal.db.conn) == []
        _every_row_opens(terminal)
        used = sealed_columns.key_ids_used(terminal.db.conn)
        assert used == {old_key, new_key}  # some rows moved, some not yet: each one whole
        assert sum(sealed_columns.count_not_current(terminal.db, new_key).values()) > 0
    finally:
        terminal.db.close()

    _finish("rotate", data_dir)
    assert load_secrets(data_dir / "secrets.toml").data_key_id == new_key  # resumed, same key
    terminal = open_terminal(data_dir)
    try:
        assert sealed_columns.key_ids_used(terminal.db.conn) == {new_key}
        assert sum(sealed_columns.count_not_current(terminal.db, new_key).values()) == 0
        _every_row_opens(terminal)
    finally:
        terminal.db.close()

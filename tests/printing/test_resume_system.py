"""A print queue that finishes (issue 14): a receipt queued on a paused CUPS queue prints
exactly once when the queue is back, whether the kiosk runs or not.

- Not running: `kiosk print receipt --printer Q` on a paused Q leaves the job queued (with its
  printer Q) and ends; after `cupsenable`, `kiosk print resume` prints it; one PDF.
- Running: a real `kiosk run` (offscreen) watches the printer; the same receipt queued from the
  command line prints by itself once Q is enabled; one PDF, and `resume` finds nothing to do.

Each message promises only what is true: "prints by itself" only while a kiosk watches.
Run under `flock /tmp/cups.lock` (real cupsd with cups-pdf).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.storage import print_jobs as store
from kiosk.storage.database import Database, open_database
from printing.backends.base import PROMISE_AUTOMATIC, PROMISE_MANUAL
from printing.backends.ipp import CupsIpp
from tests.printing.backend_rigs import CUPS_OUT, CupsRig, wait_until

pytestmark = pytest.mark.system
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def queue(cups: None, tmp_path: Path) -> Iterator[CupsRig]:
    rig = CupsRig(tmp_path)
    yield rig
    subprocess.run(["cupsenable", rig.queue], capture_output=True)
    rig.close()


@pytest.fixture
def terminal(tmp_path: Path) -> list[str]:
    data = tmp_path / "receipt.json"
    data.write_text(json.dumps({"village": "示范村", "service": "低保申请",
                                "applicant_name": "王大明",
                                "submitted_at": "2026-11-30T11:00:00+08:00"}), "utf-8")
    return [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data"),
            "--config", str(tmp_path / "none.toml")]


def kiosk(terminal: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK__PRINTER__BACKEND", None)
    return subprocess.run([*terminal, *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=120)


def queue_receipt(terminal: list[str], rig: CupsRig, tmp_path: Path, code: str) -> dict[str, str]:
    result = kiosk(terminal, "print", "receipt", code, "--data", str(tmp_path / "receipt.json"),
                   "--printer", rig.queue, "--wait", "3", "--json")
    assert result.returncode == 1, result.stderr  # not printed (yet)
    job: dict[str, str] = json.loads(result.stdout)
    assert job["state"] == "queued"
    assert job["target"] == rig.queue  # remembers its printer: not the default one
    assert job["printer"] == rig.queue
    assert "打印机暂停服务" in job["message"]
    return job


def test_paused_queue_then_resume_prints_exactly_once(queue: CupsRig, terminal: list[str],
                                                      tmp_path: Path) -> None:
    queue.block()
    job = queue_receipt(terminal, queue, tmp_path, "RES-1")
    assert PROMISE_MANUAL in job["message"]  # no kiosk watches: it says who acts
    assert queue.out() == 0

    queue.unblock()
    resumed = kiosk(terminal, "print", "resume", "--wait", "60", "--json")
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert json.loads(resumed.stdout)["printed"] == [job["id"]]
    assert queue.out() == 1  # counted after CUPS finished every job of the queue
    again = kiosk(terminal, "print", "resume", "--json")
    assert json.loads(again.stdout)["printed"] == []
    assert queue.out() == 1


def test_paused_queue_prints_by_itself_while_the_kiosk_runs(queue: CupsRig, terminal: list[str],
                                                            tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK__PRINTER__WATCH_INTERVAL_S": "1"}
    env.pop("KIOSK__PRINTER__BACKEND", None)
    running = subprocess.Popen([*terminal, "run", "--windowed"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        watch = tmp_path / "data" / "print-watch.lock"
        wait_until(lambda: _held(watch), 60, "the kiosk's printer watch")
        queue.block()
        job = queue_receipt(terminal, queue, tmp_path, "RES-2")
        assert PROMISE_AUTOMATIC in job["message"]  # true: the kiosk is watching
        queue.unblock()
        db = open_database(tmp_path / "data" / "kiosk.sqlite3")
        try:
            wait_until(lambda: _state(db, int(job["id"])) == "done", 60, "the kiosk to print")
        finally:
            db.close()
        assert queue.out() == 1
        assert not CupsIpp().unfinished_jobs(queue.queue)
        resumed = kiosk(terminal, "print", "resume", "--json")
        assert json.loads(resumed.stdout)["printed"] == []
        assert queue.out() == 1
        assert len(list(CUPS_OUT.glob("kiosk-*"))) >= 1
    finally:
        running.send_signal(signal.SIGTERM)
        try:
            running.wait(20)
        except subprocess.TimeoutExpired:
            running.kill()
            running.wait(5)


def _held(path: Path) -> bool:
    import fcntl

    if not path.exists():
        return False
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return False


def _state(db: Database, job_id: int) -> str:
    job = store.get_job(db, job_id)
    return job.state if job else ""

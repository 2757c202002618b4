"""Bad configuration, a read-only or full data folder, a corrupt database, and a SIGKILL in the
middle of writes: each ends in a clear message, a non-zero exit and no lost data."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.storage.database import integrity_problems, open_database
from kiosk.storage.datasets import DatasetStore

KIOSK = [sys.executable, "-m", "kiosk"]


def _kiosk(*args: str, env_data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_DATA_DIR": str(env_data)}
    return subprocess.run([*KIOSK, *args], capture_output=True, text=True, env=env, timeout=120)


def _assert_clear_failure(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real, tiny file system we can fill or make read-only (the tests run as root): 2 MB,
    room for the migrated schema (its migrations journal more than 512 kB) and little more."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
                   check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_bad_configuration_stops_with_the_key_named(config_file: Path, data_dir: Path) -> None:
    config_file.write_text("[kiosk]\nidle_timeout_s = \"abc\"\n", encoding="utf-8")
    result = _kiosk("--config", str(config_file), "run", "--smoke", env_data=data_dir)
    _assert_clear_failure(result, "[kiosk] idle_timeout_s", str(config_file))


def test_full_disk_gives_a_clear_message(tmpfs: Path) -> None:
    (tmpfs / "filler").write_bytes(b"\0" * (1990 * 1024))  # 2 MB less 58 kB: no room
    result = _kiosk("backup", env_data=tmpfs / "data")
    _assert_clear_failure(result, "磁盘已满")


def test_read_only_data_folder_gives_a_clear_message(tmpfs: Path) -> None:
    data = tmpfs / "data"
    open_database(data / "kiosk.sqlite3").close()
    before = (data / "kiosk.sqlite3").read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    result = _kiosk("backup", env_data=data)
    _assert_clear_failure(result, "数据文件夹不可写")
    assert (data / "kiosk.sqlite3").read_bytes() == before


def test_corrupt_database_gives_a_clear_message(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "kiosk.sqlite3").write_bytes(os.urandom(64 * 1024))
    result = _kiosk("backup", env_data=data_dir)
    _assert_clear_failure(result, "数据库文件已损坏", "kiosk restore")


WRITER = textwrap.dedent("""
    import sys, itertools
    from pathlib import Path
    from kiosk.storage.database import open_database
    from kiosk.storage.datasets import DatasetStore
    db = open_database(Path(sys.argv[1]))
    store = DatasetStore(db)
    start = int(store.state("subsidies").cursor)
    print("ready", flush=True)
    for page in itertools.count(start + 1):
        items = [{"key": f"P{page}-{i}", "op": "upsert", "data": {
            "payment_id": f"P{page}-{i}", "holder_keys": [f"k{page}-{i}", f"c{page}"],
            "holder_name_masked": "王*", "item_code": "X", "item_name": "补贴",
            "department": "县民政局", "level": "county", "period": "202610",
            "standard": "90元/月", "amount_fen": 9000, "paid_on": "2026-10-15",
            "bank_card_tail": "5341", "status": "paid", "note": ""}} for i in range(200)]
        store.apply_page("subsidies", items, next_cursor=str(page), total=None, synced_at="t")
""")


def test_sigkill_in_the_middle_of_writes_leaves_a_sound_database(tmp_path: Path) -> None:
    path = tmp_path / "crash" / "kiosk.sqlite3"
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(7)
    for _ in range(8):
        writer = subprocess.Popen([sys.executable, str(script), str(path)],
                                  stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.6))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        db = open_database(path)
        assert integrity_problems(db.conn) == []
        store = DatasetStore(db)
        pages = int(store.state("subsidies").cursor)
        assert store.count("subsidies") == pages * 200  # never a cursor ahead of its rows
        keys = db.conn.execute("SELECT count(*) FROM subsidy_holder_keys").fetchone()[0]
        assert keys == pages * 400  # two keys per payment, written with it
        db.close()
    assert pages > 0

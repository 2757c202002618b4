"""Fixtures of the sync tests: a seed, a running emulator and a terminal database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.storage.database import Database, open_database
from sync.client import ProvinceClient
from tests.sync.support import SECRET, TERMINAL_ID, Emulator, start_emulator, write_seed


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    return write_seed(tmp_path / "seed")


@pytest.fixture
def emulator(tmp_path: Path, seed: Path) -> Iterator[Emulator]:
    running = start_emulator(tmp_path / "province", "--random-seed", "7", seed=seed)
    yield running
    running.stop()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "terminal" / "kiosk.sqlite3")
    yield database
    database.close()


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ProvinceClient]:
    with ProvinceClient(emulator.url, TERMINAL_ID, SECRET, timeout_s=2.0) as province:
        yield province

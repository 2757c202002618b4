"""The province contract suite (tests/sync/contract.py) against the project's emulator, a real
HTTP server in its own process on 127.0.0.1. The emulator is the one implementation the
project has; the suite is written so another (a staging platform) subclasses it unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.contract import ProvinceContract, ProvinceRig
from tests.sync.support import SECRET, TERMINAL_ID, start_emulator, write_seed

SUBSIDIES = 23  # not a multiple of the page size the suite uses


class TestEmulator(ProvinceContract):
    @pytest.fixture
    def province(self, tmp_path: Path) -> Iterator[ProvinceRig]:
        seed = write_seed(tmp_path / "seed", subsidies=SUBSIDIES)
        running = start_emulator(tmp_path / "province", "--random-seed", "7", seed=seed)
        try:
            yield ProvinceRig(running.url, TERMINAL_ID, SECRET, SUBSIDIES)
        finally:
            running.stop()

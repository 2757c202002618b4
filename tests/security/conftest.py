"""Shared helpers of the security tests: run the `kiosk` command and look at what it stored."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    """Exit code, stdout (parsed when JSON) and stderr of one `kiosk` command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    try:
        return code, json.loads(captured.out), captured.err
    except ValueError:
        return code, captured.out, captured.err


def stored_rows(data_dir: Path, table: str) -> int:
    """Rows of one table in the scratch data folder's database (0 when there is none)."""
    path = data_dir / "kiosk.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def demo(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo village in the scratch data folder (the test's own, see tests/conftest.py)."""
    assert main(["demo", "--json"]) == 0
    capsys.readouterr()

"""Fixtures of the voice tests: the sync tests' emulator and seed, a terminal database holding an
application, and the rating / feedback services on it (settings match the seed's terminal)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import Settings, load_settings
from kiosk.services.evaluations import EvaluationService
from kiosk.services.feedback import FeedbackService
from kiosk.storage.database import Database, open_database
from tests.sync.conftest import client, emulator, seed  # noqa: F401  (fixtures)
from tests.sync.support import TERMINAL_ID, VILLAGE_CODE


@pytest.fixture
def settings() -> Settings:
    return load_settings(None, environ={}).with_values(
        terminal__id=TERMINAL_ID, terminal__village_code=VILLAGE_CODE,
        terminal__village_name="某某村")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "terminal" / "kiosk.sqlite3", check_same_thread=False)
    yield database
    database.close()


@pytest.fixture
def ratings(db: Database, settings: Settings) -> EvaluationService:
    return EvaluationService(db, settings)


@pytest.fixture
def feedback(db: Database, settings: Settings) -> FeedbackService:
    return FeedbackService(db, settings)

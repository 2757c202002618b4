"""The task runner: no failure is silent, nothing raises or hangs at shutdown."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from pytestqt.qtbot import QtBot

from kiosk.errors import DiskFull
from kiosk.ui.tasks import TaskRunner


def boom() -> None:
    raise ValueError("王小明 330122199001011234")  # a message that may hold personal data


def test_a_failure_without_on_error_is_logged_and_said_in_words(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    with ThreadPoolExecutor(1) as pool:
        runner = TaskRunner(pool)
        with qtbot.waitSignal(runner.problem) as said:
            runner.run(boom, lambda _r: None)
        qtbot.waitUntil(lambda: runner.pending == 0)
    assert said.args is not None
    assert "⚠" in said.args[0]
    assert any("ValueError" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
    assert "330122199001011234" not in caplog.text  # the place is logged, not the message


def test_a_kiosk_error_shows_its_own_message(qtbot: QtBot) -> None:
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale("zh_CN"))
    def full() -> None:
        raise DiskFull("磁盘已满 / the disk is full.")

    with ThreadPoolExecutor(1) as pool:
        runner = TaskRunner(pool)
        with qtbot.waitSignal(runner.problem) as said:
            runner.run(full, lambda _r: None)
    assert said.args is not None
    assert "磁盘已满" in said.args[0]
    assert "the disk is full" not in said.args[0]  # the screen's language only


def test_an_own_on_error_replaces_the_default(qtbot: QtBot) -> None:
    seen: list[Exception] = []
    said: list[str] = []
    with ThreadPoolExecutor(1) as pool:
        runner = TaskRunner(pool)
        runner.problem.connect(said.append)
        runner.run(boom, lambda _r: None, seen.append)
        qtbot.waitUntil(lambda: runner.pending == 0)
    assert [type(e) for e in seen] == [ValueError]
    assert said == []


def test_calls_cancelled_at_shutdown_bring_pending_back_down(qtbot: QtBot) -> None:
    release = threading.Event()
    pool = ThreadPoolExecutor(1)
    runner = TaskRunner(pool)
    done: list[int] = []
    runner.run(lambda: release.wait(10), lambda _r: done.append(0))
    for _ in range(3):
        runner.run(lambda: 1, done.append)  # queued behind the first: cancelled below
    assert runner.pending == 4
    pool.shutdown(wait=False, cancel_futures=True)  # while the first still runs
    release.set()
    pool.shutdown(wait=True)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert done == [0]  # the running call still answers; the cancelled ones never do


def test_a_callback_that_raises_is_logged_not_raised(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    def broken(_result: object) -> None:
        raise RuntimeError("Internal C++ object already deleted.")

    with ThreadPoolExecutor(1) as pool:
        runner = TaskRunner(pool)
        runner.run(lambda: 1, broken)
        runner.run(lambda: 2, lambda _r: None)
        qtbot.waitUntil(lambda: runner.pending == 0)
    assert "task callback failed: RuntimeError" in caplog.text


def test_a_call_after_shutdown_is_dropped(qtbot: QtBot) -> None:
    pool = ThreadPoolExecutor(1)
    pool.shutdown()
    runner = TaskRunner(pool)
    runner.run(lambda: 1, lambda _r: None)
    assert runner.pending == 0

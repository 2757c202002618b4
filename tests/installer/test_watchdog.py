"""The sd_notify side of the watchdog, against a real datagram socket (what systemd listens on)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.watchdog import DEFAULT_INTERVAL_S, from_environment


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(2)
    try:
        yield str(path), sock
    finally:
        sock.close()


def test_no_socket_no_notifier() -> None:
    assert from_environment({}) is None
    assert from_environment({"NOTIFY_SOCKET": "relative/path"}) is None


def test_beats_at_half_the_watchdog_period() -> None:
    notifier = from_environment({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "30000000"})
    assert notifier is not None
    assert notifier.interval_ms == 15_000
    plain = from_environment({"NOTIFY_SOCKET": "/run/x"})
    assert plain is not None
    assert plain.interval_s == DEFAULT_INTERVAL_S


def test_ready_and_heartbeat_reach_the_socket(notify_socket: tuple[str, socket.socket]) -> None:
    path, sock = notify_socket
    notifier = from_environment({"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"})
    assert notifier is not None
    assert notifier.ready()
    ready = sock.recv(4096).decode()
    assert "READY=1" in ready.splitlines()
    assert notifier.alive()
    assert sock.recv(4096) == b"WATCHDOG=1"


def test_abstract_socket(tmp_path: Path) -> None:
    name = f"kiosk-test-{tmp_path.name}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        notifier = from_environment({"NOTIFY_SOCKET": "@" + name})
        assert notifier is not None
        assert notifier.alive()
        assert sock.recv(64) == b"WATCHDOG=1"
    finally:
        sock.close()


def test_a_vanished_socket_is_not_a_crash(tmp_path: Path) -> None:
    notifier = from_environment({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert notifier is not None
    assert notifier.alive() is False


def test_the_ui_timer_beats_from_the_event_loop(notify_socket: tuple[str, socket.socket],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 qtbot: object) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.shell import start_watchdog

    path, sock = notify_socket
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # a beat every 100 ms
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    timer = start_watchdog(app)
    assert timer is not None
    try:
        assert b"READY=1" in sock.recv(4096)
        qtbot.waitUntil(lambda: _received(sock) == b"WATCHDOG=1", timeout=3000)  # type: ignore[attr-defined]
    finally:
        timer.stop()
        timer.deleteLater()


def _received(sock: socket.socket) -> bytes:
    try:
        return sock.recv(64, socket.MSG_DONTWAIT)
    except OSError:  # nothing queued yet (EAGAIN, or a timeout on a socket with one)
        return b""

"""System tests on the real pcscd with our vpcd virtual cards (run scripts/services.sh first).

Every profile through `kiosk card read --json` (a real subprocess) and through the service;
100 insert/read/remove cycles without leaks; pcscd killed and restarted under a running service.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.devices.pcsc_reader import PcscReaderBackend
from kiosk.secrets import Secrets, save_secrets
from kiosk.services.card_service import (
    CardEvent,
    CardReadDone,
    CardReadFailed,
    CardRemoved,
    CardService,
    ReadersChanged,
)
from kiosk.services.holder_keys import id_number_key
from kiosk.services.masking import mask_card_number
from tests.cards.conftest import LOOKUP_KEY
from tests.support.cards import ALL_PROFILES, make
from tests.support.rigs import TEST_PORT, wait_until
from tests.support.virtual_card import PULL_SETTLE_SECONDS, VirtualCard, reader_name

pytestmark = pytest.mark.system
REPO = Path(__file__).resolve().parents[2]
READER = reader_name(TEST_PORT)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    save_secrets(tmp_path / "secrets.toml", Secrets(terminal_secret=b"t" * 32,
                                                    lookup_key=LOOKUP_KEY))
    return tmp_path


def _kiosk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir),
         "--config", str(data_dir / "none.toml"), *args],
        capture_output=True, text=True, timeout=60, cwd=REPO)


@pytest.mark.parametrize("profile", ALL_PROFILES)
def test_cli_reads_every_profile(profile: str, data_dir: Path) -> None:
    card = make(profile)
    expected = card.expected
    with VirtualCard(card, TEST_PORT):
        done = _kiosk(data_dir, "card", "read", "--json", "--reader", READER, "--timeout", "5")
    if expected.error:
        assert done.returncode != 0
        assert "/" in done.stderr
        assert "Traceback" not in done.stderr
        return
    assert done.returncode == 0, done.stderr
    value = json.loads(done.stdout)
    assert value["reader"] == READER
    assert value["card_number"] == mask_card_number(expected.card_number)
    assert value["region"] == expected.region
    assert value["expiry"] == expected.expiry
    assert value["masked"] is True
    assert expected.card_number not in done.stdout
    if expected.id_number:
        assert id_number_key(LOOKUP_KEY, expected.id_number) in value["lookup_keys"]
        assert expected.id_number not in done.stdout
    assert value["lookup_keys"]


def test_cli_reveal_and_readers(data_dir: Path) -> None:
    with VirtualCard(make("ssc-gen2"), TEST_PORT):
        backend = PcscReaderBackend()
        wait_until(lambda: backend.wait_for_change(None, 0).get(READER) is True, 5)
        backend.close()
        listed = _kiosk(data_dir, "card", "readers", "--json")
        done = _kiosk(data_dir, "card", "read", "--json", "--reveal", "--reader", READER)
    assert {"name": READER, "card_present": True} in json.loads(listed.stdout)["readers"]
    value = json.loads(done.stdout)
    assert (value["card_number"], value["name"], value["id_number"]) == (
        "A12345678", "张三", "33010219900101123X")


class Events:
    def __init__(self) -> None:
        self.items: list[CardEvent] = []
        self.lock = threading.Lock()

    def __call__(self, event: CardEvent) -> None:
        with self.lock:
            self.items.append(event)

    def count(self, kind: type) -> int:
        with self.lock:
            return sum(isinstance(e, kind) for e in self.items)

    def last(self, kind: type) -> CardEvent:
        with self.lock:
            return [e for e in self.items if isinstance(e, kind)][-1]


@pytest.fixture
def running() -> Iterator[tuple[CardService, Events]]:
    events = Events()
    service = CardService(PcscReaderBackend(), LOOKUP_KEY, reader=READER, listener=events,
                          poll_seconds=1.0, retry_seconds=0.2)
    service.start()
    wait_until(lambda: service.available, timeout=5)
    yield service, events
    service.stop()


def _cycle(events: Events, card: VirtualCard, reads: int, removals: int) -> None:
    card.start()
    wait_until(lambda: events.count(CardReadDone) + events.count(CardReadFailed) > reads, 5)
    pulled = time.monotonic()
    card.stop(settle=False)
    wait_until(lambda: events.count(CardRemoved) > removals, 5)
    time.sleep(max(0.0, PULL_SETTLE_SECONDS - (time.monotonic() - pulled)))


def test_service_reads_every_profile(running: tuple[CardService, Events]) -> None:
    service, events = running
    for index, profile in enumerate(ALL_PROFILES):
        card = make(profile)
        _cycle(events, VirtualCard(card, TEST_PORT), index, index)
        if card.expected.error:
            failed = events.last(CardReadFailed)
            assert isinstance(failed, CardReadFailed)
            assert failed.reason == card.expected.error, profile
        else:
            done = events.last(CardReadDone)
            assert isinstance(done, CardReadDone)
            assert done.result.card_number == card.expected.card_number, profile
            assert done.result.name == card.expected.name, profile
        assert service.last_result is None  # wiped on removal


def _fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_hundred_cycles_without_leaks(running: tuple[CardService, Events]) -> None:
    _, events = running
    for warm_up in range(3):
        _cycle(events, VirtualCard(make("ssc-gen2"), TEST_PORT), warm_up, warm_up)
    threads, fds = threading.active_count(), _fds()
    profiles = ("ssc-gen2", "pboc-pse", "visa-replay", "pboc-t0")
    for i in range(100):
        card = make(profiles[i % len(profiles)])
        _cycle(events, VirtualCard(card, TEST_PORT), 3 + i, 3 + i)
        done = events.last(CardReadDone)
        assert isinstance(done, CardReadDone)
        assert done.result.card_number == card.expected.card_number
    assert events.count(CardReadDone) == 103
    assert events.count(CardReadFailed) == 0
    assert threading.active_count() == threads
    assert _fds() <= fds
    # memory growth over 100 reads is a measurement, not a test: bench/bench_cards.py


def _same_namespaces(pid: int) -> bool:
    """A pcscd of this machine's view, not one of a chroot or container run beside us (its
    own mount namespace, its own /run/pcscd): killing that one would break someone else."""
    try:
        return all(os.readlink(f"/proc/{pid}/ns/{kind}") == os.readlink(f"/proc/self/ns/{kind}")
                   for kind in ("mnt", "net"))
    except OSError:
        return False


def _pcscd_pid() -> int | None:
    found = subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True, text=True)
    pids = [int(p) for p in found.stdout.split() if _same_namespaces(int(p))]
    return pids[0] if pids else None


def _start_pcscd() -> None:
    """As scripts/services.sh does: in the background, outliving this test."""
    subprocess.run(["sh", "-c", "nohup pcscd --foreground >>/tmp/pcscd.log 2>&1 &"], check=True)
    wait_until(lambda: _pcscd_pid() is not None and Path("/run/pcscd/pcscd.comm").exists(), 10)


def test_pcscd_killed_and_restarted_while_running(running: tuple[CardService, Events]) -> None:
    service, events = running
    pid = _pcscd_pid()
    assert pid is not None, "pcscd is not running (scripts/services.sh)"
    card = VirtualCard(make("pboc-pse"), TEST_PORT, reconnect=True).start()
    try:
        wait_until(lambda: events.count(CardReadDone) == 1, 5)
        os.kill(pid, 15)
        wait_until(lambda: _pcscd_pid() is None, 10)
        wait_until(lambda: not service.available, 5)
        assert events.last(ReadersChanged) == ReadersChanged((), False)
        assert service.last_result is None
    finally:
        if _pcscd_pid() is None:
            _start_pcscd()
    try:
        wait_until(lambda: service.available, 10)
        wait_until(lambda: events.count(CardReadDone) == 2, 10)  # the card is read again
        done = events.last(CardReadDone)
        assert isinstance(done, CardReadDone)
        assert done.result.card_number == "6217001234567890122"
    finally:
        card.stop()

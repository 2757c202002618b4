"""The reader service on the fake backend: events in order, wipe on removal, no-reader recovery."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kiosk.devices.fake_reader import FakeReaderBackend
from kiosk.services.card_service import (
    CardEvent,
    CardInserted,
    CardReadDone,
    CardReadFailed,
    CardRemoved,
    CardService,
    ReadersChanged,
)
from tests.cards.conftest import LOOKUP_KEY
from tests.support.cards import make
from tests.support.rigs import wait_until

READER = "Fake reader 0"


class Recorder:
    def __init__(self) -> None:
        self.events: list[CardEvent] = []
        self.threads: set[str] = set()

    def __call__(self, event: CardEvent) -> None:
        self.threads.add(threading.current_thread().name)
        self.events.append(event)

    def of(self, kind: type) -> list[CardEvent]:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def fake() -> FakeReaderBackend:
    return FakeReaderBackend((READER,))


@pytest.fixture
def service(fake: FakeReaderBackend) -> Iterator[tuple[CardService, Recorder]]:
    recorder = Recorder()
    service = CardService(fake, LOOKUP_KEY, listener=recorder, poll_seconds=0.2,
                          retry_seconds=0.05)
    service.start()
    wait_until(lambda: recorder.of(ReadersChanged))
    yield service, recorder
    service.stop()


def test_insert_read_remove(fake: FakeReaderBackend,
                            service: tuple[CardService, Recorder]) -> None:
    svc, recorder = service
    fake.insert(READER, make("ssc-gen2"))
    wait_until(lambda: recorder.of(CardReadDone))
    done = recorder.of(CardReadDone)[0]
    assert isinstance(done, CardReadDone)
    assert done.result.card_number == "A12345678"
    assert svc.last_result is done.result
    fake.remove(READER)
    wait_until(lambda: recorder.of(CardRemoved))
    # mypy keeps `svc.last_result` narrowed by the `is` above, as if the removal could not
    # change it, and skips the rest as unreachable (python/mypy#9457); rebinding forgets that
    svc = svc
    assert svc.last_result is None
    assert [type(e) for e in recorder.events] == [ReadersChanged, CardInserted, CardReadDone,
                                                 CardRemoved]
    assert recorder.threads == {"card-reader"}
    assert fake.open_connections == 0


@pytest.mark.parametrize(("profile", "reason"), [("pulled", "removed"), ("unknown", "unknown_card"),
                                                 ("pboc-blocked", "blocked")])
def test_failures_come_as_reasons(fake: FakeReaderBackend, service: tuple[CardService, Recorder],
                                  profile: str, reason: str) -> None:
    _, recorder = service
    fake.insert(READER, make(profile))
    wait_until(lambda: recorder.of(CardReadFailed))
    failed = recorder.of(CardReadFailed)[0]
    assert isinstance(failed, CardReadFailed)
    assert failed.reason == reason
    assert "/" in failed.message  # Chinese and English


def test_no_reader_then_recovery(fake: FakeReaderBackend,
                                 service: tuple[CardService, Recorder]) -> None:
    svc, recorder = service
    fake.insert(READER, make("pboc-pse"))
    wait_until(lambda: recorder.of(CardReadDone))
    fake.stop_service()
    wait_until(lambda: not svc.available)
    assert recorder.events[-1] == ReadersChanged((), False)
    assert recorder.of(CardRemoved)
    assert svc.last_result is None
    fake.start_service()
    wait_until(lambda: len(recorder.of(CardReadDone)) == 2)
    assert svc.available
    assert svc.readers == (READER,)


def test_read_once_times_out_then_reads(fake: FakeReaderBackend) -> None:
    from kiosk.devices.errors import CardTimeoutError

    svc = CardService(fake, LOOKUP_KEY, poll_seconds=0.05)
    with pytest.raises(CardTimeoutError):
        svc.read_once(timeout=0.2)
    fake.insert(READER, make("pboc-ppse"))
    reader, result = svc.read_once(timeout=1)
    assert (reader, result.card_number) == (READER, "6228480012345678903")


def test_a_broken_listener_does_not_stop_the_reader(fake: FakeReaderBackend) -> None:
    seen: list[CardEvent] = []

    def listener(event: CardEvent) -> None:
        seen.append(event)
        raise RuntimeError("ui bug")

    svc = CardService(fake, LOOKUP_KEY, listener=listener, poll_seconds=0.1)
    svc.start()
    try:
        fake.insert(READER, make("pboc-pse"))
        wait_until(lambda: any(isinstance(e, CardReadDone) for e in seen))
    finally:
        svc.stop()

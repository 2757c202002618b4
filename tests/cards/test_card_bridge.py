"""The Qt bridge: service events from the reader thread arrive as signals on the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from kiosk.devices.fake_reader import FakeReaderBackend
from kiosk.services.card_service import CardService
from kiosk.ui.card_bridge import CardBridge
from tests.cards.conftest import LOOKUP_KEY
from tests.support.cards import make

READER = "Fake reader 0"


@pytest.fixture
def wired(qtbot: object) -> Iterator[tuple[FakeReaderBackend, CardBridge, CardService]]:
    fake = FakeReaderBackend((READER,))
    bridge = CardBridge()
    service = CardService(fake, LOOKUP_KEY, listener=bridge.listener, poll_seconds=0.1,
                          retry_seconds=0.05)
    service.start()
    yield fake, bridge, service
    service.stop()


def test_a_read_arrives_on_the_ui_thread(qtbot, wired) -> None:  # type: ignore[no-untyped-def]
    fake, bridge, _ = wired
    seen: list[tuple[str, threading.Thread]] = []
    bridge.card_inserted.connect(lambda _: seen.append(("in", threading.current_thread())))
    bridge.card_read.connect(lambda _: seen.append(("read", threading.current_thread())))
    with qtbot.waitSignal(bridge.card_read, timeout=3000) as read:
        fake.insert(READER, make("ssc-gen3"))
    assert read.args[0].card_number == "B87654321"
    assert seen == [("in", threading.main_thread()), ("read", threading.main_thread())]
    with qtbot.waitSignal(bridge.card_removed, timeout=3000) as removed:
        fake.remove(READER)
    assert removed.args == [READER]


def test_failures_and_no_reader_become_signals(qtbot, wired) -> None:  # type: ignore[no-untyped-def]
    fake, bridge, _ = wired
    qtbot.waitUntil(lambda: bridge.reader_available, timeout=3000)
    with qtbot.waitSignal(bridge.read_failed_reason, timeout=3000) as failed:
        fake.insert(READER, make("unknown"))
    assert failed.args[0] == "unknown_card"
    with qtbot.waitSignal(bridge.reader_available_changed, timeout=3000) as lost:
        fake.stop_service()
    assert lost.args == [False]
    with qtbot.waitSignal(bridge.reader_available_changed, timeout=3000) as back:
        fake.start_service()
    assert back.args == [True]


def test_an_id_card_comes_through_the_same_signals(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.devices.idcard.reader import IdCardReader
    from kiosk.devices.reader import NullReaderBackend
    from kiosk.services.id_card_watch import IdCardWatcher
    from tests.support.fake_id_reader import FakeIdCard, FakeIdReader

    bridge = CardBridge()
    with FakeIdReader(tmp_path) as fake:
        watcher = IdCardWatcher(IdCardReader(fake.device), LOOKUP_KEY, poll_seconds=0.05,
                                retry_seconds=0.05)
        service = CardService(NullReaderBackend(), LOOKUP_KEY, listener=bridge.listener,
                              id_watcher=watcher)
        try:
            with qtbot.waitSignal(bridge.id_reader_available_changed, timeout=3000) as ready:
                service.start()
            assert ready.args == [True]
            with qtbot.waitSignal(bridge.card_read, timeout=3000) as read:
                fake.lay(FakeIdCard())
            assert read.args[0].kind == "id_card"
            assert read.args[0].id_number == "330102199001011234"
            with qtbot.waitSignal(bridge.card_lifted, timeout=3000):
                fake.lift()
            with qtbot.waitSignal(bridge.id_reader_available_changed, timeout=3000) as gone:
                fake.unplug()
            assert gone.args == [False]
        finally:
            service.stop()

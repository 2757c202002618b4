"""The ID card watcher and the card service together, on the fake reader over a real pty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.devices.fake_reader import FakeReaderBackend
from kiosk.devices.idcard.reader import IdCardReader
from kiosk.services.card_service import (
    CardInserted,
    CardReadDone,
    CardReadFailed,
    CardService,
    form_prefill,
)
from kiosk.services.holder_keys import id_number_key
from kiosk.services.id_card_watch import (
    IdCardLifted,
    IdCardWatcher,
    IdReaderChanged,
    build_id_watcher,
)
from tests.cards.conftest import LOOKUP_KEY
from tests.support.fake_id_reader import FakeIdCard, FakeIdReader
from tests.support.rigs import wait_until


class Events(list[object]):
    def of(self, kind: type) -> list[object]:
        return [event for event in self if isinstance(event, kind)]


def _last(cards: CardService) -> object:
    return cards.last_result  # (read through a call: mypy narrows the property otherwise)


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeIdReader]:
    with FakeIdReader(tmp_path) as reader:
        yield reader


@pytest.fixture
def service(fake: FakeIdReader) -> Iterator[tuple[CardService, Events]]:
    events = Events()
    watcher = IdCardWatcher(IdCardReader(fake.device, answer_timeout=0.5), LOOKUP_KEY,
                            poll_seconds=0.05, retry_seconds=0.05)
    cards = CardService(FakeReaderBackend(("Fake reader 0",)), LOOKUP_KEY,
                        listener=events.append, poll_seconds=0.05, id_watcher=watcher)
    cards.start()
    yield cards, events
    cards.stop()


def test_a_laid_card_is_read_once_and_feeds_the_wizard(fake: FakeIdReader,
                                                       service: tuple[CardService, Events],
                                                       ) -> None:
    cards, events = service
    fake.lay(FakeIdCard())
    wait_until(lambda: events.of(CardReadDone))
    done = events.of(CardReadDone)[0]
    assert isinstance(done, CardReadDone)
    assert done.result.kind == "id_card"
    assert done.result.lookup_keys == (id_number_key(LOOKUP_KEY, "330102199001011234"),)
    assert events.of(CardInserted)
    assert cards.last_result is done.result
    prefill = form_prefill(cards.last_result)
    assert prefill["name"] == "张三"
    assert prefill["id_number"] == "330102199001011234"
    assert prefill["address"] == FakeIdCard().address
    reads_before = fake.commands.count("read")
    wait_until(lambda: fake.commands.count("find") > 10)  # still on the reader: no re-read
    assert fake.commands.count("read") == reads_before == 1


def test_lifting_is_reported_and_keeps_the_read_until_wiped(
        fake: FakeIdReader, service: tuple[CardService, Events]) -> None:
    cards, events = service
    fake.lay(FakeIdCard())
    wait_until(lambda: events.of(CardReadDone))
    fake.lift()
    wait_until(lambda: events.of(IdCardLifted))
    assert cards.last_result is not None  # the villager took the card back to keep it
    cards.wipe()  # the idle reset
    assert _last(cards) is None
    fake.lay(FakeIdCard(name="李二"))  # laid again: read again
    wait_until(lambda: len(events.of(CardReadDone)) == 2)


def test_a_failed_read_is_reported_in_words(fake: FakeIdReader,
                                            service: tuple[CardService, Events]) -> None:
    _, events = service
    fake.fault = {"read": 0x41}
    fake.lay(FakeIdCard())
    wait_until(lambda: events.of(CardReadFailed))
    failed = events.of(CardReadFailed)[0]
    assert isinstance(failed, CardReadFailed)
    assert failed.reason == "unreadable"
    assert "reading the card failed" in failed.message


def test_an_unplugged_reader_comes_back_without_a_restart(
        fake: FakeIdReader, service: tuple[CardService, Events]) -> None:
    _, events = service
    wait_until(lambda: IdReaderChanged(fake.device, True) in events)
    fake.unplug()
    wait_until(lambda: IdReaderChanged(fake.device, False) in events)
    fake.plug()
    fake.lay(FakeIdCard(name="王五"))
    wait_until(lambda: events.of(CardReadDone))
    assert events.of(IdReaderChanged)[-1] == IdReaderChanged(fake.device, True)


def test_the_watcher_is_built_only_for_a_configured_device(fake: FakeIdReader) -> None:
    from kiosk.config import parse_settings

    assert build_id_watcher(parse_settings(None, "test", {}), LOOKUP_KEY) is None
    settings = parse_settings(f'[id_reader]\ndevice = "{fake.device}"\nbaud = 57600\n',
                              "test", {})
    watcher = build_id_watcher(settings, LOOKUP_KEY)
    assert watcher is not None
    assert (watcher.reader.device, watcher.reader.baud) == (fake.device, 57600)


def test_a_wrong_baud_rate_is_a_config_error() -> None:
    from kiosk.config import parse_settings
    from kiosk.errors import ConfigError

    with pytest.raises(ConfigError, match="id_reader"):
        parse_settings("[id_reader]\nbaud = 12345\n", "test", {})


def test_a_reader_unplugged_mid_read_is_a_failure_then_no_reader(
        fake: FakeIdReader, service: tuple[CardService, Events]) -> None:
    _, events = service
    wait_until(lambda: IdReaderChanged(fake.device, True) in events)
    fake.fault = "vanish_mid_read"
    fake.lay(FakeIdCard())
    wait_until(lambda: events.of(CardReadFailed))
    failed = events.of(CardReadFailed)[0]
    assert isinstance(failed, CardReadFailed)
    assert failed.reason == "no_reader"
    wait_until(lambda: events.of(IdReaderChanged)[-1] == IdReaderChanged(fake.device, False))


def test_the_composition_root_gives_the_card_service_the_id_reader(tmp_path: Path) -> None:
    import argparse

    from kiosk.app import build_card_service
    from kiosk.context import Context

    config = tmp_path / "kiosk.toml"
    config.write_text('[id_reader]\ndevice = "/dev/ttyUSB7"\nbaud = 38400\n', encoding="utf-8")
    ctx = Context.from_args(argparse.Namespace(data_dir=str(tmp_path / "data"),
                                               config=str(config)))
    service = build_card_service(ctx)
    assert service.id_watcher is not None
    assert (service.id_watcher.reader.device, service.id_watcher.reader.baud) == (
        "/dev/ttyUSB7", 38400)
    config.write_text("", encoding="utf-8")
    plain = build_card_service(Context.from_args(argparse.Namespace(
        data_dir=str(tmp_path / "data"), config=str(config))))
    assert plain.id_watcher is None

"""The ID card reader over a real pseudo-terminal against our fake reader (pyserial, termios).

Every case of issue 13: good cards (short and long names, a minority nation, 长期), a bad
checksum, a truncated frame, SW3 failures, a card lifted between select and read, the device
vanishing mid-read, and a reader unplugged and plugged back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.devices.errors import CardRemovedError, CardUnreadableError, NoReaderError
from kiosk.devices.idcard.reader import IdCardReader, NoIdCard
from tests.support.fake_id_reader import FakeIdCard, FakeIdReader

GOOD = {
    "short name": FakeIdCard(name="李一"),
    "long name": FakeIdCard(name="阿依古丽·买买提明·艾力江", nation="05", sex="2",
                            id_number="650102198505050026", birth="19850505",
                            address="新疆维吾尔自治区乌鲁木齐市天山区解放南路一百二十八号院三栋二单元"),
    "minority": FakeIdCard(name="雷小花", nation="22", sex="2", id_number="330122196508080003",
                           birth="19650808"),
    "long term": FakeIdCard(name="王老汉", id_number="330122194001010015", birth="19400101",
                            valid_from="20060101", valid_to="长期"),
}


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeIdReader]:
    with FakeIdReader(tmp_path) as reader:
        yield reader


@pytest.fixture
def reader(fake: FakeIdReader) -> Iterator[IdCardReader]:
    port = IdCardReader(fake.device, answer_timeout=0.5)
    yield port
    port.close()


@pytest.mark.parametrize("case", list(GOOD))
def test_good_cards_are_read(case: str, fake: FakeIdReader, reader: IdCardReader) -> None:
    card = GOOD[case]
    fake.lay(card)
    info = reader.read_card()
    assert info.name == card.name
    assert info.id_number == card.id_number
    assert info.address == card.address
    assert info.birth_date.strftime("%Y%m%d") == card.birth
    assert (info.valid_to is None) == (card.valid_to == "长期")
    assert fake.commands == ["find", "select", "read"]
    assert fake.bad_frames == 0


def test_the_minority_nation_is_named(fake: FakeIdReader, reader: IdCardReader) -> None:
    fake.lay(GOOD["minority"])
    assert reader.read_card().nation == "畲族"


def test_no_card(fake: FakeIdReader, reader: IdCardReader) -> None:
    with pytest.raises(NoIdCard, match="no ID card"):
        reader.read_card()
    with pytest.raises(NoIdCard, match=r"within 0\.3 s"):
        reader.wait_and_read(0.3, poll=0.05)


def test_a_card_laid_while_waiting_is_read(fake: FakeIdReader, reader: IdCardReader) -> None:
    import threading

    threading.Timer(0.2, fake.lay, (GOOD["short name"],)).start()
    assert reader.wait_and_read(3.0, poll=0.05).name == "李一"


def test_a_bad_checksum(fake: FakeIdReader, reader: IdCardReader) -> None:
    fake.lay(FakeIdCard())
    fake.fault = "bad_checksum"
    with pytest.raises(CardUnreadableError, match="bad checksum"):
        reader.read_card()


def test_a_truncated_frame(fake: FakeIdReader, reader: IdCardReader) -> None:
    fake.lay(FakeIdCard())
    fake.fault = "truncated"
    with pytest.raises(CardUnreadableError, match="truncated"):
        reader.read_card()


@pytest.mark.parametrize(("command", "sw3", "words"), [
    ("read", 0x41, "reading the card failed"),
    ("read", 0x33, "failed verification"),
    ("select", 0x32, "did not accept the card"),
    ("find", 0x60, "self-test"),
    ("find", 0x66, "not authorised"),
])
def test_sw3_failures_are_said_in_words(command: str, sw3: int, words: str,
                                        fake: FakeIdReader, reader: IdCardReader) -> None:
    fake.lay(FakeIdCard())
    fake.fault = {command: sw3}
    with pytest.raises(CardUnreadableError, match=words):
        reader.read_card()


def test_a_card_lifted_between_select_and_read(fake: FakeIdReader,
                                               reader: IdCardReader) -> None:
    fake.lay(FakeIdCard())
    fake.fault = "lift_after_select"
    with pytest.raises(CardRemovedError, match="lifted"):
        reader.read_card()
    assert fake.commands == ["find", "select", "read", "find"]


def test_the_device_vanishing_mid_read(fake: FakeIdReader, reader: IdCardReader) -> None:
    fake.lay(FakeIdCard())
    fake.fault = "vanish_mid_read"
    with pytest.raises(NoReaderError, match="went away"):
        reader.read_card()
    assert not reader.is_open


def test_a_replugged_reader_is_found_again(fake: FakeIdReader, reader: IdCardReader) -> None:
    fake.lay(FakeIdCard())
    assert reader.read_card().name == "张三"
    fake.unplug()
    with pytest.raises(NoReaderError):
        reader.read_card()
    with pytest.raises(NoReaderError):  # still gone: opening fails in words
        reader.read_card()
    fake.plug()
    fake.lay(FakeIdCard(name="李二"))
    assert reader.read_card().name == "李二"


def test_a_wrong_check_character_is_not_a_usable_read(fake: FakeIdReader,
                                                      reader: IdCardReader) -> None:
    fake.lay(FakeIdCard(id_number="330102199001011235"))
    with pytest.raises(CardUnreadableError, match="check character"):
        reader.read_card()


def test_no_device_configured() -> None:
    with pytest.raises(NoReaderError, match="no \\[id_reader\\] device"):
        IdCardReader("").read_card()


def test_a_missing_device(tmp_path: Path) -> None:
    with pytest.raises(NoReaderError, match="ttyNONE"):
        IdCardReader(str(tmp_path / "ttyNONE")).read_card()


def test_a_device_that_never_answers_is_no_reader(tmp_path: Path) -> None:
    import os
    import tty

    master, slave = os.openpty()  # a serial line with nothing behind it
    tty.setraw(slave)
    try:
        with pytest.raises(NoReaderError, match="did not answer"):
            IdCardReader(os.ttyname(slave), answer_timeout=0.2).read_card()
    finally:
        os.close(master)
        os.close(slave)


def test_a_port_held_by_the_kiosk_is_busy_not_missing(fake: FakeIdReader,
                                                      reader: IdCardReader) -> None:
    from kiosk.devices.card_check import id_reader_results
    from kiosk.devices.idcard.reader import ReaderBusyError

    fake.lay(FakeIdCard())
    reader.read_card()  # the running kiosk holds the port
    with pytest.raises(ReaderBusyError, match="in use"):
        IdCardReader(fake.device).read_card()
    assert id_reader_results(fake.device, 115200)[0][:2] == ("id_reader", "warn")


def test_a_device_without_permission_says_which_group(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import serial

    def refuse(device: str, **_settings: object) -> serial.Serial:  # as for a non-root user
        raise serial.SerialException(13, f"could not open port {device}: Permission denied")

    monkeypatch.setattr(serial, "Serial", refuse)
    with pytest.raises(NoReaderError, match="dialout"):
        IdCardReader(str(tmp_path / "ttyUSB0")).read_card()

"""GA/T 467 frames, SW3 words, the basic information, nations and checks: pure, no serial."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.devices.idcard import protocol
from kiosk.devices.idcard.basic_info import (
    BasicInfoError,
    check_character,
    encode_text,
    parse_basic_info,
    parse_text,
    problems,
    warnings,
)
from kiosk.devices.idcard.card import JSON_KEYS, as_json, holder_key, to_card_read
from kiosk.devices.idcard.nations import NATIONS, nation_name
from kiosk.services.holder_keys import id_number_key
from tests.cards.conftest import LOOKUP_KEY
from tests.support.fake_id_reader import FakeIdCard
from tests.support.fake_id_reader import answer as fake_answer


def test_command_frames_are_the_published_bytes() -> None:
    assert protocol.command_frame(protocol.FIND_CARD).hex() == "aaaaaa96690003200122"
    assert protocol.command_frame(protocol.SELECT_CARD).hex() == "aaaaaa96690003200221"
    assert protocol.command_frame(protocol.READ_BASIC).hex() == "aaaaaa96690003300132"


def test_a_find_answer_parses() -> None:
    found = protocol.parse_answer(bytes.fromhex("AAAAAA9669000800009F0000000097"))
    assert (found.sw1, found.sw2, found.sw3, found.data) == (0, 0, 0x9F, bytes(4))
    assert "found" in found.words


@pytest.mark.parametrize("sw3", [0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41,
                                 0x47, 0x60, 0x66, 0x80, 0x81, 0x91])
def test_every_failure_code_has_words(sw3: int) -> None:
    words = protocol.sw3_words(sw3)
    assert " / " in words
    assert "error" not in words.split(" / ")[1] or sw3 == 0x24
    assert f"{sw3:02X}" not in words


def test_an_unknown_code_still_says_its_number() -> None:
    assert "E7" in protocol.sw3_words(0xE7)


def test_a_bad_checksum_is_a_frame_error() -> None:
    frame = bytearray(fake_answer(0x90, b"abc"))
    frame[-1] ^= 1
    with pytest.raises(protocol.FrameError, match="checksum"):
        protocol.parse_answer(bytes(frame))


def test_the_parser_resynchronises_and_keeps_partial_frames() -> None:
    parser = protocol.FrameParser()
    first, second = fake_answer(0x9F, bytes(4)), fake_answer(0x90, b"x" * 10)
    assert parser.feed(b"\x00\xaa\x13" + first[:6]) == []
    assert parser.feed(first[6:] + second[:3]) == [first]
    assert parser.pending == 3
    assert parser.feed(second[3:]) == [second]


@given(st.binary(max_size=3000), st.lists(st.integers(1, 64), max_size=50))
def test_the_parser_never_fails_on_noise(noise: bytes, cuts: list[int]) -> None:
    parser = protocol.FrameParser()
    position = 0
    for cut in [*cuts, len(noise)]:
        for frame in parser.feed(noise[position:position + cut]):
            assert frame.startswith(protocol.PREAMBLE)
            with contextlib.suppress(protocol.FrameError):
                protocol.parse_answer(frame)
        position += cut


@given(st.integers(0, 255), st.binary(max_size=1400), st.binary(max_size=40),
       st.integers(1, 200))
def test_any_answer_survives_noise_and_chunking(sw3: int, data: bytes, noise: bytes,
                                                chunk: int) -> None:
    stream = noise.replace(b"\xaa", b"") + fake_answer(sw3, data)
    parser = protocol.FrameParser()
    frames: list[bytes] = []
    for i in range(0, len(stream), chunk):
        frames += parser.feed(stream[i:i + chunk])
    assert len(frames) == 1
    parsed = protocol.parse_answer(frames[0])
    assert (parsed.sw3, parsed.data) == (sw3, data)


@given(st.binary(min_size=256, max_size=256))
def test_the_text_parser_fails_only_in_words(text: bytes) -> None:
    error: BasicInfoError | None = None
    try:
        parse_text(text)
    except BasicInfoError as caught:
        error = caught
    assert error is None or " / " in str(error)


CARD = FakeIdCard()


def _info(card: FakeIdCard = CARD):  # type: ignore[no-untyped-def]
    return parse_basic_info(b"\x01\x00\x04\x00" + card.text() + card.photo)


def test_the_fake_cards_text_parses_to_its_fields() -> None:
    info = _info()
    assert (info.name, info.sex, info.nation, info.id_number) == (
        "张三", "男", "汉族", "330102199001011234")
    assert info.birth_date == dt.date(1990, 1, 1)
    assert info.address == CARD.address
    assert (info.valid_from, info.valid_to) == (dt.date(2020, 1, 1), dt.date(2040, 1, 1))
    assert len(info.photo_wlt) == 1024
    assert encode_text(info) == CARD.text()


def test_long_term_validity_and_a_minority_nation() -> None:
    info = _info(FakeIdCard(valid_to="长期", nation="05", sex="2"))
    assert info.valid_to is None
    assert (info.nation, info.sex) == ("维吾尔族", "女")
    assert as_json(info, reveal=True)["valid_to"] == "长期"


def test_gb_3304_has_the_56_nations() -> None:
    assert len(NATIONS) == 56
    assert len(set(NATIONS.values())) == 56
    assert (nation_name("01"), nation_name("22"), nation_name("56")) == ("汉族", "畲族", "基诺族")
    assert nation_name("57") is None


def test_the_check_character() -> None:
    assert check_character("33010219900101123") == "4"
    assert check_character("33012219650808002") == "X"
    assert problems(_info()) == []
    wrong = _info(FakeIdCard(id_number="330102199001011235"))
    assert any("check character" in p for p in problems(wrong))


def test_a_birth_date_other_than_the_ids_is_a_problem() -> None:
    info = _info(FakeIdCard(birth="19900102"))
    assert any("birth date" in p for p in problems(info))


def test_an_expired_card_is_a_warning_in_words() -> None:
    info = _info(FakeIdCard(valid_from="20000101", valid_to="20200101"))
    found = warnings(info, today=dt.date(2026, 1, 1))
    assert found == ["这张身份证已于2020年01月01日过期，请尽快换领 / this ID card expired on "
                     "2020-01-01; please renew it"]
    assert warnings(_info(), today=dt.date(2026, 1, 1)) == []


def test_the_json_has_exactly_the_named_keys_and_masks() -> None:
    info = _info()
    masked = as_json(info)
    assert tuple(masked) == JSON_KEYS == ("name", "sex", "nation", "birth_date", "address",
                                          "id_number", "issuer", "valid_from", "valid_to")
    assert masked["name"] == "张*"
    assert masked["id_number"] == "330102********1234"
    assert "12号" not in masked["address"]
    assert "01-01" not in masked["birth_date"]
    revealed = as_json(info, reveal=True)
    assert (revealed["birth_date"], revealed["id_number"]) == ("1990-01-01", CARD.id_number)


def test_the_holder_key_is_the_contracts_id_key() -> None:
    info = _info()
    assert holder_key(info, LOOKUP_KEY) == id_number_key(LOOKUP_KEY, "330102199001011234")
    read = to_card_read(info, LOOKUP_KEY)
    assert read.kind == "id_card"
    assert read.lookup_keys == (holder_key(info, LOOKUP_KEY),)
    assert "330102199001011234" not in repr(read)
    assert "330102199001011234" not in repr(info)


@pytest.mark.parametrize("data", [b"", b"\x01\x00\x04\x00", b"\x01\x00\x04\x00" + bytes(1280 - 1),
                                  b"\x00\x10\x04\x00" + bytes(1280)])
def test_wrong_lengths_are_refused(data: bytes) -> None:
    with pytest.raises(BasicInfoError):
        parse_basic_info(data)


@given(st.binary(max_size=2000))
def test_the_checksum_is_the_xor_of_every_byte(body: bytes) -> None:
    expected = 0
    for byte in body:
        expected ^= byte
    assert protocol.checksum(body) == expected


@given(st.binary(max_size=1400))
def test_the_basic_information_parser_fails_only_in_words(data: bytes) -> None:
    caught: BasicInfoError | None = None
    try:
        parse_basic_info(data)
    except BasicInfoError as error:
        caught = error
    assert caught is not None or len(data) == 1284

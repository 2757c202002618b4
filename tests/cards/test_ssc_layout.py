"""The social-security card as the published file structure lays it out (issue 13 item 1).

The virtual cards are built from the standard (records numbered from 1 in each EF, EF06 in
the order 08, 09, 0A, 0B, 0C, 0D, 4E; READ RECORD P2 modes of ISO 7816-4), not from our
reader: the first tests check the card itself against the public reader commands, the rest
check that the reader gets ID number and name through every way a card may insist on.
"""

from __future__ import annotations

import pytest

from kiosk.devices.cards import read_card
from kiosk.devices.errors import CardUnreadableError
from tests.cards.conftest import LOOKUP_KEY, DirectTransport
from tests.support.cards import SocialSecurityCard, make

SELECT_SSSE = bytes.fromhex("00A404000F7378312E73682EC9E7BBE1B1A3D5CF00")
SELECT_EF06 = bytes.fromhex("00A4020002EF06")


def _selected(card: SocialSecurityCard) -> SocialSecurityCard:
    assert card.answer(SELECT_SSSE)[-2:] == b"\x90\x00"
    return card


def test_the_virtual_card_answers_the_public_reader_commands() -> None:
    """`00 A4 02 00 02 EF06`, then `00 B2 01 04` is the ID number, `00 B2 02 04` the name."""
    card = _selected(make("ssc-gen2"))  # type: ignore[arg-type]
    assert card.answer(SELECT_EF06) == b"\x90\x00"
    first = card.answer(bytes.fromhex("00B2010400"))
    assert first[:2] == b"\x08\x12"
    assert first[2:20] == b"33010219900101123X"
    second = card.answer(bytes.fromhex("00B2020400"))
    assert second[0] == 0x09
    assert second[2:6].decode("gbk") == "张三"
    # record 8 by number (what the old reader asked for) does not exist in EF06
    assert card.answer(bytes.fromhex("00B2083400")) == b"\x6a\x83"
    # by identifier: the first record whose tag is 08, with SFI 6 or on the selected EF
    assert card.answer(bytes.fromhex("00B2083000"))[:2] == b"\x08\x12"
    assert card.answer(bytes.fromhex("00B2090000"))[0] == 0x09


def test_ef06_is_in_the_published_order() -> None:
    card = _selected(make("ssc-gen2"))  # type: ignore[arg-type]
    card.answer(SELECT_EF06)
    tags = []
    for number in range(1, 10):
        answer = card.answer(bytes([0, 0xB2, number, 0x04, 0]))
        if answer == b"\x6a\x83":
            break
        tags.append(answer[0])
    assert tags == [0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x4E]


@pytest.mark.parametrize("profile", ["ssc-gen2", "ssc-by-number", "ssc-by-identifier",
                                     "ssc-no-sfi", "ssc-long-name"])
def test_id_number_and_name_are_read(profile: str) -> None:
    card = make(profile)
    result = read_card(DirectTransport(card), LOOKUP_KEY)
    assert result.id_number == card.expected.id_number
    assert result.name == card.expected.name
    assert result.card_number == card.expected.card_number
    assert result.region == card.expected.region


def test_a_standard_card_is_read_by_identifier_with_the_sfi() -> None:
    card = make("ssc-gen2")
    read_card(DirectTransport(card))
    reads = [apdu[:4].hex().upper() for apdu in card.log if apdu[1] == 0xB2]
    assert "00B20830" in reads
    assert "00B20930" in reads
    assert not any(apdu[:4] == SELECT_EF06[:4] for apdu in card.log)


def test_a_card_answering_only_by_number_is_read_in_file_order() -> None:
    card = make("ssc-by-number")
    read_card(DirectTransport(card))
    commands = [apdu.hex().upper() for apdu in card.log]
    assert "00A4020002EF06" in commands
    assert any(c.startswith("00B20104") for c in commands)
    assert any(c.startswith("00B20804") for c in commands)  # read on to the end of EF06


def test_a_card_without_the_sfi_form_is_read_by_identifier_after_select() -> None:
    card = make("ssc-no-sfi")
    read_card(DirectTransport(card))
    commands = [apdu[:4].hex().upper() for apdu in card.log]
    assert "00B20800" in commands
    reads = [c for c in commands if c.startswith("00B2")]
    assert all(int(c[6:8], 16) & 0x07 == 0 for c in reads)  # never by record number


@pytest.mark.parametrize("refusal", [0x6A86, 0x6A81, 0x6D00, 0x6B00])
def test_every_refusal_falls_back_to_record_numbers(refusal: int) -> None:
    card = SocialSecurityCard(ways=("number",), refusal=refusal, name="钱七",
                              id_number="330102198001010018")
    result = read_card(DirectTransport(card))
    assert (result.id_number, result.name) == ("330102198001010018", "钱七")


class _IgnoresTheMode(SocialSecurityCard):
    """A non-conforming card that takes P1 as a record number whatever P2 says."""

    def _read_record(self, p1: int, p2: int) -> bytes:
        return super()._read_record(p1, (p2 & 0xF8) | 0x04)


def test_the_tag_of_each_answer_is_checked() -> None:
    """By identifier, such a card answers item 01 for 'tag 08': the tag check catches it."""
    card = _IgnoresTheMode(name="孙八", id_number="330102196501012344")
    result = read_card(DirectTransport(card))
    assert (result.id_number, result.name) == ("330102196501012344", "孙八")


class _Malformed(SocialSecurityCard):
    def __init__(self, record: bytes) -> None:
        super().__init__()
        self.files[6][0] = (0x08, b"")
        self.bad = record

    def _read_record(self, p1: int, p2: int) -> bytes:
        answer = super()._read_record(p1, p2)
        return self.bad + b"\x90\x00" if answer[:1] == b"\x08" else answer


@pytest.mark.parametrize("record", ["0812" + "33" * 10,  # shorter than its length
                                    "0813" + "33" * 19,  # an ID number of 19
                                    "08"])
def test_a_malformed_record_is_unreadable_not_a_wrong_number(record: str) -> None:
    with pytest.raises(CardUnreadableError):
        read_card(DirectTransport(_Malformed(bytes.fromhex(record))))


def test_a_card_refusing_everything_says_so() -> None:
    card = SocialSecurityCard(ways=())
    with pytest.raises(CardUnreadableError, match="refuses every way"):
        read_card(DirectTransport(card))


def test_generation_3_still_gives_the_card_number_by_every_way() -> None:
    for ways in (("identifier", "number"), ("number",)):
        card = SocialSecurityCard(3, ways=ways, card_number="B87654321", region="330300")
        result = read_card(DirectTransport(card))
        assert (result.card_number, result.id_number) == ("B87654321", None)
        assert any("PSAM" in warning for warning in result.warnings)

"""Card protocols against simulated cards, without a reader: every profile, every rule."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.devices.cards import read_card, tlv
from kiosk.devices.cards.apdu import CardChannel, ForbiddenCommand, command
from kiosk.devices.cards.bank import fill_pdol
from kiosk.devices.errors import CardError
from kiosk.services.holder_keys import bank_card_key, id_number_key, social_security_card_key
from tests.cards.conftest import LOOKUP_KEY, DirectTransport
from tests.support.cards import ALL_PROFILES, GOOD_PROFILES, make


@pytest.mark.parametrize("protocol", ["T0", "T1"])
@pytest.mark.parametrize("profile", ALL_PROFILES)
def test_every_profile_reads_as_expected(profile: str, protocol: str) -> None:
    card = make(profile)
    expected = card.expected
    if expected.error:
        with pytest.raises(CardError) as caught:
            read_card(DirectTransport(card, protocol), LOOKUP_KEY)
        assert caught.value.reason == expected.error
        return
    result = read_card(DirectTransport(card, protocol), LOOKUP_KEY)
    assert result.kind == expected.kind
    assert result.card_number == expected.card_number
    assert result.id_number == expected.id_number
    assert result.name == expected.name
    assert result.region == expected.region
    assert result.bank_card_number == expected.bank_card_number
    assert result.expiry == expected.expiry
    assert result.apdu_count == len(card.log) or profile in ("pboc-t0", "pboc-6c")
    assert {apdu[1] for apdu in card.log} <= {0xA4, 0xB2, 0xA8, 0xC0}


def test_visa_trace_replay_gives_the_recorded_pan() -> None:
    result = read_card(DirectTransport(make("visa-replay")))
    assert result.card_number == "4921828094896752"
    assert result.expiry == "2025-02"
    assert result.application == "A0000000031010"


def test_lookup_keys_follow_the_contract() -> None:
    result = read_card(DirectTransport(make("ssc-gen2")), LOOKUP_KEY)
    assert result.lookup_keys == (
        id_number_key(LOOKUP_KEY, "33010219900101123x"),
        social_security_card_key(LOOKUP_KEY, "a12345678"),
        bank_card_key(LOOKUP_KEY, "6230580000012345679"),
    )
    assert all(len(key) == 64 and key == key.lower() for key in result.lookup_keys)
    import hashlib
    import hmac

    assert result.lookup_keys[0] == hmac.new(LOOKUP_KEY, b"ID:33010219900101123X",
                                             hashlib.sha256).hexdigest()


def test_generation_3_gives_card_number_region_and_a_warning() -> None:
    result = read_card(DirectTransport(make("ssc-gen3")), LOOKUP_KEY)
    assert (result.card_number, result.region, result.id_number) == ("B87654321", "330300", None)
    assert any("PSAM" in warning for warning in result.warnings)
    assert result.lookup_keys == (social_security_card_key(LOOKUP_KEY, "B87654321"),)


def test_no_lookup_key_means_no_keys_and_a_warning() -> None:
    result = read_card(DirectTransport(make("pboc-pse")), b"")
    assert result.lookup_keys == ()
    assert any("enrolled" in warning for warning in result.warnings)


def test_masked_json_hides_numbers_and_names() -> None:
    result = read_card(DirectTransport(make("pboc-pse")), LOOKUP_KEY)
    masked = result.as_json()
    assert masked["card_number"] == "621700*********0122"
    assert masked["id_number"] == "330102********1234"
    assert masked["name"] == "Z********"
    assert "6217001234567890122" not in repr(result)
    assert result.as_json(reveal=True)["card_number"] == "6217001234567890122"


@pytest.mark.parametrize("ins", [0x20, 0x24, 0x2C, 0xD6, 0xDC, 0xE2, 0xAE, 0x88, 0x82])
def test_the_channel_refuses_anything_but_reading(ins: int) -> None:
    card = make("pboc-pse")
    channel = CardChannel(DirectTransport(card))
    with pytest.raises(ForbiddenCommand):
        channel.send(command(0x00, ins, 0x00, 0x80, b"\x24\x12\x34\xff\xff\xff\xff\xff"))
    assert card.log == []


def test_t0_strips_le_from_case_4_commands() -> None:
    card = make("pboc-pse")
    channel = CardChannel(DirectTransport(card, "T0"))
    channel.select(b"1PAY.SYS.DDF01")
    assert card.log[0] == bytes.fromhex("00A404000E") + b"1PAY.SYS.DDF01"


def test_pdol_is_filled_with_china_and_zeros() -> None:
    pdol = bytes.fromhex("9F66049F02069F03069F1A0295055F2A029A039C019F3704DF6003")
    data = fill_pdol(pdol, dt.date(2026, 11, 30))
    assert len(data) == 4 + 6 + 6 + 2 + 5 + 2 + 3 + 1 + 4 + 3
    assert data[16:18] == bytes.fromhex("0156")  # 9F1A
    assert data[23:25] == bytes.fromhex("0156")  # 5F2A
    assert data[25:28] == bytes.fromhex("261130")  # 9A
    assert data[-3:] == bytes(3)  # unknown DF60 zero-filled


def test_tlv_long_form_lengths_and_nesting() -> None:
    value = bytes(range(200))
    objects = tlv.parse(tlv.encode(0x70, tlv.encode(0x9F46, value) + tlv.encode(0x5A, b"\x12")))
    assert tlv.find(objects, 0x9F46) is not None
    assert tlv.flatten(objects)[0x9F46] == value
    assert tlv.flatten(objects)[0x5A] == b"\x12"


@pytest.mark.parametrize("bad", ["70", "7005", "7081", "9F", "9F8080808001", "70840000000100",
                                 "5A0512"])
def test_tlv_rejects_malformed_with_tlv_error(bad: str) -> None:
    with pytest.raises(tlv.TlvError):
        tlv.parse(bytes.fromhex(bad))


def test_good_profiles_exist() -> None:
    assert {"ssc-gen2", "ssc-gen3", "pboc-pse", "pboc-ppse", "pboc-t0", "pboc-6c",
            "visa-replay"} <= set(GOOD_PROFILES)


def test_luhn_failure_is_only_a_warning() -> None:
    from tests.support.cards import BankCard

    result = read_card(DirectTransport(BankCard(pan="6217001234567890123")), LOOKUP_KEY)
    assert result.card_number == "6217001234567890123"
    assert any("Luhn" in warning for warning in result.warnings)
    assert not read_card(DirectTransport(make("pboc-pse")), LOOKUP_KEY).warnings

"""BER-TLV parsing never crashes: any bytes give objects or a TlvError, quickly."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.devices.cards import tlv
from kiosk.devices.cards.bank import _afl_entries
from kiosk.devices.cards.reading import read_card
from kiosk.devices.errors import CardError
from tests.support.cards import BankCard


@settings(max_examples=2000, deadline=None)
@given(st.binary(max_size=300))
def test_parse_never_raises_anything_but_tlv_error(data: bytes) -> None:
    try:
        objects = tlv.parse(data)
    except tlv.TlvError:
        return
    tlv.flatten(objects)
    for obj in objects:
        assert len(obj.value) <= len(data)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=64))
def test_dol_and_afl_never_crash(data: bytes) -> None:
    for parse in (tlv.parse_dol, _afl_entries):
        with contextlib.suppress(tlv.TlvError):
            parse(data)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 0xFFFF), st.binary(max_size=40)), max_size=6))
def test_encode_then_parse_round_trips(items: list[tuple[int, bytes]]) -> None:
    primitive = [(tag & 0xDF if tag <= 0xFF else tag & 0xDFFF, value) for tag, value in items]
    primitive = [(t, v) for t, v in primitive
                 if t not in (0x00, 0xFF) and (t > 0xFF or t & 0x1F != 0x1F)
                 and (t > 0xFF or not t & 0x20)  # masking 0x20A0 leaves A0: constructed
                 and (t <= 0xFF or ((t >> 8) & 0x1F == 0x1F and not t & 0x80))]
    data = b"".join(tlv.encode(t, v) for t, v in primitive)
    assert [(o.tag, o.value) for o in tlv.parse(data)] == primitive


class _Garbled(BankCard):
    """A bank card whose every data answer is replaced by fuzz."""

    def __init__(self, noise: bytes) -> None:
        super().__init__()
        self.noise = noise

    def respond(self, apdu: bytes) -> bytes:
        answer = super().respond(apdu)
        return self.noise + answer[-2:] if len(answer) > 2 else answer


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80))
def test_a_garbled_card_gives_a_card_error_never_a_crash(noise: bytes) -> None:
    from tests.cards.conftest import DirectTransport

    with contextlib.suppress(CardError):
        read_card(DirectTransport(_Garbled(noise)))

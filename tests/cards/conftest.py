"""Fixtures for the card tests: a transport straight onto a simulated card (no reader)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.support.cards import SimulatedCard

LOOKUP_KEY = bytes.fromhex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")


@dataclass
class DirectTransport:
    """A `Transport` that hands APDUs to a simulated card, as a reader would."""

    card: SimulatedCard
    protocol: str = "T1"

    def transmit(self, apdu: bytes) -> bytes:
        from kiosk.devices.errors import CardRemovedError
        from kiosk.devices.fake_reader import CardPulledOut

        try:
            return self.card.answer(apdu)
        except CardPulledOut:
            raise CardRemovedError() from None


@pytest.fixture
def lookup_key() -> bytes:
    return LOOKUP_KEY

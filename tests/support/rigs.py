"""Test rigs: one reader backend plus a way to insert and pull cards, fake or real.

The same contract suite runs on both (tests/cards/test_backend_contract.py): what the fake
promises, the real pcscd + vpcd reader must do too.
"""

from __future__ import annotations

import time
from typing import Protocol

from kiosk.devices.fake_reader import FakeReaderBackend
from kiosk.devices.reader import ReaderBackend
from tests.support.cards import SimulatedCard
from tests.support.virtual_card import VirtualCard, reader_name

TEST_PORT = 35964  # "Virtual PCD 00 01"; the UI tests may use 35963


class Rig(Protocol):
    @property
    def backend(self) -> ReaderBackend: ...  # read-only, so a rig may hold a narrower backend

    reader: str

    def insert(self, card: SimulatedCard) -> None: ...

    def remove(self) -> None: ...

    def close(self) -> None: ...


class FakeRig:
    def __init__(self) -> None:
        self.fake = FakeReaderBackend(("Fake reader 0", "Fake reader 1"))
        self.backend: ReaderBackend = self.fake
        self.reader = "Fake reader 0"

    def insert(self, card: SimulatedCard) -> None:
        self.fake.insert(self.reader, card)

    def remove(self) -> None:
        self.fake.remove(self.reader)

    def close(self) -> None:
        self.fake.close()


class VpcdRig:
    def __init__(self, port: int = TEST_PORT) -> None:
        from kiosk.devices.pcsc_reader import PcscReaderBackend

        self.backend = PcscReaderBackend()
        self.port = port
        self.reader = reader_name(port)
        self.card: VirtualCard | None = None

    def insert(self, card: SimulatedCard) -> None:
        self.remove()
        self.card = VirtualCard(card, self.port).start()

    def remove(self) -> None:
        if self.card is not None:
            self.card.stop()
            self.card = None

    def close(self) -> None:
        self.remove()
        self.backend.close()


def wait_until(condition: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.01)

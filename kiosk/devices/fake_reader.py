"""An in-memory reader backend with scripted cards, for tests and the demo.

Cards are any object with `atr`, `answer(apdu) -> data + SW` and `reset()` (see `ScriptedCard`
and the richer profiles in tests/support/cards.py). A card may raise `CardPulledOut` from
`answer` to act out a villager pulling it mid-read. `stop_service()` acts out pcscd dying.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Protocol

from kiosk.devices.errors import CardRemovedError, NoReaderError
from kiosk.devices.reader import CardConnection, Snapshot


class CardPulledOut(Exception):
    """Raised by a simulated card when it is pulled out in the middle of a command."""


class SimulatedCardLike(Protocol):
    atr: bytes

    def answer(self, apdu: bytes) -> bytes: ...

    def reset(self) -> None: ...


class ScriptedCard:
    """Answers from a table: command hex (without Le) -> answer hex; anything else 6A82/6D00."""

    def __init__(self, answers: Mapping[str, str], atr: bytes = bytes.fromhex("3B00")) -> None:
        self.atr = atr
        self.answers = {k.upper(): bytes.fromhex(v) for k, v in answers.items()}

    def answer(self, apdu: bytes) -> bytes:
        for candidate in (apdu, apdu[:-1]):
            found = self.answers.get(candidate.hex().upper())
            if found is not None:
                return found
        return b"\x6a\x82" if apdu[1:2] == b"\xa4" else b"\x6d\x00"

    def reset(self) -> None:
        pass


class _FakeConnection:
    def __init__(self, backend: FakeReaderBackend, reader: str, card: SimulatedCardLike,
                 protocol: str) -> None:
        self._backend, self._reader, self._card = backend, reader, card
        self.protocol, self.atr = protocol, card.atr
        self.closed = False

    def transmit(self, apdu: bytes) -> bytes:
        if self.closed:
            raise CardRemovedError()
        if not self._backend.service_running:
            raise NoReaderError()
        if self._backend.card_in(self._reader) is not self._card:
            raise CardRemovedError()
        try:
            return self._card.answer(bytes(apdu))
        except CardPulledOut:
            self._backend.remove(self._reader)
            raise CardRemovedError() from None

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self._backend.open_connections -= 1


class FakeReaderBackend:
    def __init__(self, readers: tuple[str, ...] = ("Fake reader 0",), protocol: str = "T1") -> None:
        self._cards: dict[str, SimulatedCardLike | None] = dict.fromkeys(readers)
        self._changed = threading.Condition()
        self._generation = 0
        self._cancelled = False
        self.protocol = protocol
        self.service_running = True
        self.open_connections = 0

    # --- scripting, from tests -------------------------------------------------------------
    def insert(self, reader: str, card: SimulatedCardLike) -> None:
        card.reset()
        self._set(reader, card)

    def remove(self, reader: str) -> None:
        self._set(reader, None)

    def card_in(self, reader: str) -> SimulatedCardLike | None:
        return self._cards.get(reader)

    def stop_service(self) -> None:
        with self._changed:
            self.service_running = False
            self._changed.notify_all()

    def start_service(self) -> None:
        with self._changed:
            self.service_running = True
            self._changed.notify_all()

    def _set(self, reader: str, card: SimulatedCardLike | None) -> None:
        with self._changed:
            self._cards[reader] = card
            self._generation += 1
            self._changed.notify_all()

    # --- ReaderBackend ---------------------------------------------------------------------
    def readers(self) -> list[str]:
        if not self.service_running:
            raise NoReaderError()
        return list(self._cards)

    def _snapshot(self) -> dict[str, bool]:
        return {name: card is not None for name, card in self._cards.items()}

    def wait_for_change(self, previous: Snapshot | None, timeout: float) -> dict[str, bool]:
        with self._changed:
            def ready() -> bool:
                return (self._cancelled or not self.service_running
                        or dict(previous or {}) != self._snapshot() or previous is None)

            self._changed.wait_for(ready, timeout)
            self._cancelled = False
            if not self.service_running:
                raise NoReaderError()
            return self._snapshot()

    def cancel(self) -> None:
        with self._changed:
            self._cancelled = True
            self._changed.notify_all()

    def connect(self, reader: str) -> CardConnection:
        if not self.service_running:
            raise NoReaderError()
        if reader not in self._cards:
            raise NoReaderError(f"没有这个读卡器 / no reader named {reader!r}")
        card = self._cards[reader]
        if card is None:
            raise CardRemovedError("读卡器里没有卡 / no card in the reader")
        self.open_connections += 1
        return _FakeConnection(self, reader, card, self.protocol)

    def close(self) -> None:
        self.cancel()

"""The card reader as a small interface, so services and tests never depend on pyscard.

A backend answers four questions: which readers exist, has anything changed (blocking, with a
timeout, cancellable from another thread), connect to the card in a reader, and stop waiting.
Three implementations, chosen once in the composition root: `PcscReaderBackend` (pyscard on
pcscd), `FakeReaderBackend` (in-memory scripted cards, for tests and the demo) and
`NullReaderBackend` (a terminal without a reader).

A snapshot maps each reader's name to whether a card is in it. When the reader service
(pcscd) is not there, calls raise `NoReaderError`; callers report "no reader" and try again.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Protocol

from kiosk.devices.errors import NoReaderError

Snapshot = Mapping[str, bool]  # reader name -> a card is present


class CardConnection(Protocol):
    """A connected card (a `Transport` for the protocol code); close it when done."""

    protocol: str
    atr: bytes

    def transmit(self, apdu: bytes) -> bytes: ...

    def close(self) -> None: ...


class ReaderBackend(Protocol):
    def readers(self) -> list[str]:
        """Names of the readers now attached; raises NoReaderError without a reader service."""
        ...

    def wait_for_change(self, previous: Snapshot | None, timeout: float) -> dict[str, bool]:
        """The current snapshot, as soon as it differs from `previous` or after `timeout`."""
        ...

    def cancel(self) -> None:
        """Wake a `wait_for_change` blocked in another thread (it returns at once)."""
        ...

    def connect(self, reader: str) -> CardConnection:
        """Connect to the card in `reader`; CardRemovedError when there is none."""
        ...

    def close(self) -> None:
        """Release everything the backend holds (contexts, threads)."""
        ...


class NullReaderBackend:
    """A terminal without a card reader: no readers, nothing ever changes."""

    def __init__(self) -> None:
        self._wake = threading.Event()

    def readers(self) -> list[str]:
        raise NoReaderError()

    def wait_for_change(self, previous: Snapshot | None, timeout: float) -> dict[str, bool]:
        self._wake.wait(timeout)
        self._wake.clear()
        raise NoReaderError()

    def cancel(self) -> None:
        self._wake.set()

    def connect(self, reader: str) -> CardConnection:
        raise NoReaderError()

    def close(self) -> None:
        self._wake.set()

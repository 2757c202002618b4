"""Watching the ID card reader: a card laid on it is read and reported like any card.

One background thread polls the reader with "find card" every `poll_seconds`. A card that
appears is read (select, basic information) and reported with the card service's events
(`CardInserted`, `CardReadDone` with a `CardRead` of kind `id_card`, `CardReadFailed`), so
the pages that react to a social-security card react to an ID card the same way. A card
stays "present" until `lift_polls` polls in a row find none; then `IdCardLifted`. Lifting does
not wipe what was shown: villagers pick their ID card up again right after it is read, and
the idle reset (or "look up someone else") wipes the session. The reader's own state comes as
`IdReaderChanged`: unplugged -> unavailable, and the thread keeps opening the device every
`retry_seconds`, so a replugged reader is used again without a restart.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.devices.errors import CardError, CardRemovedError, NoReaderError
from kiosk.devices.idcard.card import to_card_read
from kiosk.devices.idcard.reader import IdCardReader
from kiosk.services.card_service import CardInserted, CardReadDone, CardReadFailed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IdReaderChanged:
    device: str
    available: bool


@dataclass(frozen=True)
class IdCardLifted:
    reader: str


Listener = Callable[[Any], None]


class IdCardWatcher:
    def __init__(self, reader: IdCardReader, lookup_key: bytes = b"", *,
                 listener: Listener | None = None, poll_seconds: float = 0.3,
                 retry_seconds: float = 1.0, lift_polls: int = 2) -> None:
        self.reader = reader
        self._lookup_key = lookup_key
        self._listener = listener or (lambda event: None)
        self._poll, self._retry, self._lift_polls = poll_seconds, retry_seconds, lift_polls
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._available: bool | None = None
        self._present = False
        self._misses = 0

    @property
    def card_present(self) -> bool:
        """A card was found and has not been lifted since (two polls without it)."""
        return self._present

    @property
    def name(self) -> str:
        return f"身份证阅读器 {self.reader.device}"

    def set_listener(self, listener: Listener) -> None:
        self._listener = listener

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="id-card-reader",
                                            daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self.reader.close()

    def _emit(self, event: object) -> None:
        try:
            self._listener(event)
        except Exception:  # a broken listener must not stop the reader
            log.exception("ID card event listener failed on %s", type(event).__name__)

    def _set_available(self, available: bool) -> None:
        if available != self._available:
            self._available = available
            log.info("ID card reader %s: %s", self.reader.device,
                     "ready" if available else "not available")
            self._emit(IdReaderChanged(self.reader.device, available))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except NoReaderError:
                self.reader.close()
                self._present, self._misses = False, 0
                self._set_available(False)
                self._stop.wait(self._retry)
                continue
            except Exception:
                log.exception("ID card reader failed; retrying")
                self._stop.wait(self._retry)
                continue
            self._stop.wait(self._poll)

    def poll_once(self) -> None:
        """One look at the reader: read a newly laid card, notice a lifted one."""
        try:
            found = self.reader.find()
        except NoReaderError:
            raise
        except CardError as error:  # a garbled answer: try again at the next poll
            log.info("ID card reader: find card failed: %s", error.reason)
            self._set_available(True)
            return
        self._set_available(True)
        if found:
            self._misses = 0
            if not self._present:
                self._present = True
                self._read()
        elif self._present:
            self._misses += 1
            if self._misses >= self._lift_polls:
                self._present, self._misses = False, 0
                self._emit(IdCardLifted(self.name))

    def _read(self) -> None:
        self._emit(CardInserted(self.name))
        try:
            info = self.reader.read_selected()
        except NoReaderError as error:  # unplugged mid-read: say so, then "no reader"
            self._emit(CardReadFailed(self.name, error.reason, str(error)))
            raise
        except CardError as error:
            if isinstance(error, CardRemovedError):
                self._present = False
            log.info("ID card read failed: %s", error.reason)
            self._emit(CardReadFailed(self.name, error.reason, str(error)))
            return
        result = to_card_read(info, self._lookup_key)
        log.info("ID card read: %s", result.as_json(reveal=False))
        self._emit(CardReadDone(self.name, result))


def build_id_watcher(settings: Any, lookup_key: bytes) -> IdCardWatcher | None:
    """From `[id_reader] device` and `baud`; None when no device is configured."""
    device = str(settings.get("id_reader", "device") or "")
    if not device:
        return None
    return IdCardWatcher(IdCardReader(device, int(settings.get("id_reader", "baud"))),
                         lookup_key)

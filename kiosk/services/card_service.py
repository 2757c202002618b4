"""The card reader as a use case: watch readers, read a card when it is inserted, tell someone.

One background thread waits on the reader backend (pcscd) for changes and reads a card as soon
as it arrives, so a read never blocks the UI. What happens is delivered as typed events to one
listener callable, on that thread; `kiosk.ui.card_bridge` turns them into Qt signals on the UI
thread. When pcscd stops or the reader is unplugged the service says "no reader" (a
`ReadersChanged` with `available=False`), keeps asking every `retry_seconds` and carries on by
itself when the reader is back. The last card read is wiped as soon as the card is removed.

`read_once` is the blocking form for the CLI: wait for a card (or take the one present), read.
Logs carry only masked values.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.devices.cards import CardRead, read_card
from kiosk.devices.errors import CardError, CardTimeoutError, NoReaderError, Reason
from kiosk.devices.reader import ReaderBackend

if TYPE_CHECKING:
    from kiosk.services.id_card_watch import IdCardWatcher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReadersChanged:
    readers: tuple[str, ...]
    available: bool  # False: no reader service or no reader at all ("no reader")


@dataclass(frozen=True)
class CardInserted:
    reader: str


@dataclass(frozen=True)
class CardRemoved:
    reader: str


@dataclass(frozen=True)
class CardReadDone:
    reader: str
    result: CardRead


@dataclass(frozen=True)
class CardReadFailed:
    reader: str
    reason: Reason
    message: str


CardEvent = ReadersChanged | CardInserted | CardRemoved | CardReadDone | CardReadFailed
Listener = Callable[[Any], None]  # CardEvent, or an ID reader's IdReaderChanged / IdCardLifted


class CardService:
    def __init__(self, backend: ReaderBackend, lookup_key: bytes = b"", *,
                 reader: str | None = None, listener: Listener | None = None,
                 poll_seconds: float = 1.0, retry_seconds: float = 0.5,
                 id_watcher: IdCardWatcher | None = None) -> None:
        self._backend = backend
        self._lookup_key = lookup_key
        self._reader = reader  # None: any reader
        self._listener = listener or (lambda event: None)
        self._poll, self._retry = poll_seconds, retry_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last: CardRead | None = None
        self._announced: tuple[tuple[str, ...], bool] | None = None
        self.available = False
        self.readers: tuple[str, ...] = ()
        self.id_watcher = id_watcher  # the ID card reader, reported through the same listener
        if id_watcher is not None:
            id_watcher.set_listener(self._from_id_reader)

    def set_listener(self, listener: Listener) -> None:
        """Where events go (the UI's bridge); set before `start()`."""
        self._listener = listener

    def _from_id_reader(self, event: object) -> None:
        if isinstance(event, CardReadDone):
            self._last = event.result  # the wizard prefills from it, like a card in the slot
        self._emit(event)

    # --- life cycle --------------------------------------------------------------------------
    def start(self) -> None:
        if self.id_watcher is not None:
            self.id_watcher.start()
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="card-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching and wipe the last card; returns when the thread has ended."""
        self._stop.set()
        self._backend.cancel()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._backend.close()
        if self.id_watcher is not None:
            self.id_watcher.stop()
        self.wipe()

    def wipe(self) -> None:
        """Forget the last card read (card removed, session ended)."""
        self._last = None

    @property
    def last_result(self) -> CardRead | None:
        return self._last

    # --- the watching thread -----------------------------------------------------------------
    def _emit(self, event: object) -> None:
        try:
            self._listener(event)
        except Exception:  # a broken listener must not stop the reader
            log.exception("card event listener failed on %s", type(event).__name__)

    def _watched(self, name: str) -> bool:
        return self._reader is None or name == self._reader

    def _run(self) -> None:
        previous: dict[str, bool] | None = None
        while not self._stop.is_set():
            try:
                current = self._backend.wait_for_change(previous, self._poll)
            except NoReaderError:
                self._lost(previous)
                previous = None
                self._stop.wait(self._retry)
                continue
            except Exception:
                log.exception("card reader backend failed; retrying")
                self._stop.wait(self._retry)
                continue
            if self._stop.is_set():
                break
            self._changed(previous, current)
            previous = current

    def _announce(self, names: tuple[str, ...]) -> None:
        """Tell the listener about the readers, only when that changed."""
        state = (names, bool(names))
        if state == self._announced:
            return
        self._announced = state
        self.available, self.readers = bool(names), names
        if names:
            log.info("card readers: %s", ", ".join(names))
        else:
            log.warning("card reader: no reader service or no reader")
        self._emit(ReadersChanged(names, bool(names)))

    def _lost(self, previous: dict[str, bool] | None) -> None:
        for name, present in (previous or {}).items():
            if present and self._watched(name):
                self.wipe()
                self._emit(CardRemoved(name))
        self._announce(())

    def _changed(self, previous: dict[str, bool] | None, current: dict[str, bool]) -> None:
        names = tuple(name for name in current if self._watched(name))
        self._announce(names)
        for name in names:
            was, now = bool((previous or {}).get(name)), current[name]
            if was and not now:
                self.wipe()
                self._emit(CardRemoved(name))
            elif now and not was:
                self._emit(CardInserted(name))
                self._read_and_report(name)

    def _read_and_report(self, reader: str) -> None:
        try:
            result = self.read_in(reader)
        except CardError as error:
            log.info("card read failed in %s: %s", reader, error.reason)
            self._emit(CardReadFailed(reader, error.reason, str(error)))
            return
        self._last = result
        log.info("card read in %s: %s", reader, result.as_json(reveal=False))
        self._emit(CardReadDone(reader, result))

    # --- reading -----------------------------------------------------------------------------
    def read_in(self, reader: str) -> CardRead:
        """Connect to the card in `reader`, read it, always disconnect."""
        connection = self._backend.connect(reader)
        try:
            return read_card(connection, self._lookup_key)
        finally:
            connection.close()

    def read_once(self, timeout: float = 10.0) -> tuple[str, CardRead]:
        """Blocking: the first card present in a watched reader within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        snapshot: dict[str, bool] | None = None
        while True:
            snapshot = self._backend.wait_for_change(
                snapshot, max(0.0, min(self._poll, deadline - time.monotonic())))
            watched = [name for name in snapshot if self._watched(name)]
            if self._reader is not None and self._reader not in snapshot:
                raise NoReaderError(f"没有这个读卡器 / no reader named {self._reader!r}; "
                                    f"readers: {', '.join(snapshot) or 'none'}")
            if not watched:
                raise NoReaderError()
            for name in watched:
                if snapshot[name]:
                    return name, self.read_in(name)
            if time.monotonic() >= deadline:
                raise CardTimeoutError(f"{timeout:g} 秒内没有插卡 / no card within {timeout:g} s")


def form_prefill(card: CardRead | None) -> dict[str, str]:
    """What a card in the reader can fill in on a form (keys of `forms.definition.PREFILL_KEYS`),
    so a villager with a card types less. Empty without a card."""
    if card is None:
        return {}
    values = {
        "name": card.name or "",
        "id_number": card.id_number or "",
        "bank_card_number": card.bank_card_number or "",
        "ssc_number": card.card_number if card.kind == "social_security" else "",
        "address": card.address or "",
    }
    return {key: value for key, value in values.items() if value}

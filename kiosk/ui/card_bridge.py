"""The card reader's events as Qt signals on the UI thread.

`CardService` calls its listener on the reader's own thread; widgets may only be touched on
the UI thread. `CardBridge.listener` may be called from any thread: it emits one private signal
with a queued connection, and the slot (running on the thread the bridge lives in, the UI
thread) re-emits each event as a named public signal. An ID card on the serial reader comes
through the same signals (`card_inserted`, `card_read` with kind `id_card`, `read_failed`);
lifting it is `card_lifted`, which wipes nothing: the villager takes the card back right
after the read, and the idle reset ends the session. Pages connect to those and never see a
thread, pyscard or the service.

Wiring (composition root)::

    bridge = CardBridge()
    service = CardService(create_backend("pcsc"), secrets.lookup_key, listener=bridge.listener)
    service.start()   # ... service.stop() on quit
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from kiosk.services.card_service import (
    CardInserted,
    CardReadDone,
    CardReadFailed,
    CardRemoved,
    ReadersChanged,
)
from kiosk.services.id_card_watch import IdCardLifted, IdReaderChanged


class CardBridge(QObject):
    card_inserted = Signal(str)  # reader name: show "reading your card, do not remove it"
    card_removed = Signal(str)  # reader name: wipe whatever the card showed
    card_read = Signal(object)  # kiosk.devices.cards.CardRead
    read_failed = Signal(str)  # a message in Chinese and English
    read_failed_reason = Signal(str, str)  # reason code (removed, unreadable, unknown_card,
    #                                        blocked, no_reader, timeout), message
    reader_available_changed = Signal(bool)  # False: "no reader", type the ID number instead
    card_lifted = Signal(str)  # an ID card taken off its reader: nothing is wiped (idle reset is)
    id_reader_available_changed = Signal(bool)  # the ID card reader unplugged / back
    _event_arrived = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._event_arrived.connect(self._on_event_arrived, Qt.ConnectionType.QueuedConnection)
        self.reader_available = False

    def listener(self, event: object) -> None:
        """For `CardService(listener=...)`: safe to call from any thread."""
        self._event_arrived.emit(event)

    def _on_event_arrived(self, event: object) -> None:
        if isinstance(event, ReadersChanged):
            if event.available != self.reader_available:
                self.reader_available = event.available
                self.reader_available_changed.emit(event.available)
        elif isinstance(event, CardInserted):
            self.card_inserted.emit(event.reader)
        elif isinstance(event, CardRemoved):
            self.card_removed.emit(event.reader)
        elif isinstance(event, CardReadDone):
            self.card_read.emit(event.result)
        elif isinstance(event, CardReadFailed):
            self.read_failed.emit(event.message)
            self.read_failed_reason.emit(event.reason, event.message)
        elif isinstance(event, IdCardLifted):
            self.card_lifted.emit(event.reader)
        elif isinstance(event, IdReaderChanged):
            self.id_reader_available_changed.emit(event.available)

"""Background sync: on a timer, when the network comes back, and when an admin asks.

Sync runs on a thread of its own (it waits on the network for seconds at a time), never on the
UI thread and never on the database worker that pages use. Only one sync runs at a time; a
request while one runs is remembered and runs right after.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.services.registry import Services
from kiosk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class SyncController(QObject):
    sync_started = Signal()
    sync_finished = Signal(bool)  # True when the province answered

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-sync")
        self._tasks = TaskRunner(self._executor, self)
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._network: Any = None

    @property
    def enabled(self) -> bool:
        return bool(self.services.settings.get("province", "url"))

    def start(self) -> None:
        """Begin periodic sync (no-op on an offline-by-design terminal)."""
        if not self.enabled:
            return
        self._timer.start(int(self.services.settings.get("province", "sync_interval_s")) * 1000)
        self._watch_network()
        QTimer.singleShot(2000, self.sync_now)  # soon after start-up, not before the first frame

    def stop(self) -> None:
        self._timer.stop()
        self._executor.shutdown(wait=False, cancel_futures=True)

    def sync_now(self) -> None:
        if not self.enabled:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.sync_started.emit()
        reader = self._card_reader_health()
        self._tasks.run(lambda: self._sync_once(reader), self._finish, self._on_error)

    def _sync_once(self, reader: dict[str, Any]) -> bool:
        """On the sync worker: one attempt; the answer goes to the status from this thread,
        the one that talked to the province (the UI thread never writes it)."""
        reached = False
        try:
            result = self.services.sync.run(card_reader=reader)
            heartbeat = getattr(result, "heartbeat", None) or {}
            reached = bool(heartbeat) and not heartbeat.get("error")
        finally:
            self.services.status.report_online(reached)
        return reached

    def _card_reader_health(self) -> dict[str, Any]:
        cards = self.services.cards
        if cards is None:
            return {"state": "absent"}
        return {"state": "ready" if cards.available else "no_reader"}

    def _on_error(self, error: Exception) -> None:
        log.info("sync attempt failed: %s", type(error).__name__)
        self._finish(False)

    def _finish(self, reached: bool) -> None:
        self._running = False
        self.sync_finished.emit(reached)
        if self._again:
            self._again = False
            self.sync_now()

    def _watch_network(self) -> None:
        """Sync at once when the operating system says the network is back."""
        from PySide6.QtNetwork import QNetworkInformation

        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend on this system: the timer alone will do
        self._network = QNetworkInformation.instance()
        if self._network is not None:
            self._network.reachabilityChanged.connect(self._on_reachability_changed)

    def _on_reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online:
            self.sync_now()

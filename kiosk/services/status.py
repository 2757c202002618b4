"""What the header shows about the terminal: village, data age, network, pending items.

One owner per value: whether the province answered is written only by the thread that
talked to it (the sync worker, through `report_online`), the rest is read from the database
on the database worker; readers get a frozen `TerminalStatus` from `snapshot()`, never the
live fields. The lock makes the hand-over between the two threads explicit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.config import Settings
from kiosk.storage.database import Database


@dataclass(frozen=True)
class TerminalStatus:
    village_name: str
    data_as_of: datetime | None  # the oldest dataset's last sync, UTC
    online: bool | None  # None: no province configured (offline by design)
    pending: int  # items waiting to be sent


class StatusService:
    def __init__(self, db: Database, settings: Settings):
        self._db = db
        self._settings = settings
        self._lock = threading.Lock()
        self._online: bool | None = None  # the last sync attempt's answer (None: none yet)

    def report_online(self, reached: bool) -> None:
        """The sync worker, after each attempt: did the province answer?"""
        with self._lock:
            self._online = reached

    @property
    def online(self) -> bool | None:
        with self._lock:
            return self._online

    def snapshot(self) -> TerminalStatus:
        from kiosk.storage.facts import read_facts
        from kiosk.storage.status import oldest_sync

        facts = read_facts(self._db)
        name = self._settings.village_name or facts.get("village_name", "")
        synced = oldest_sync(self._db)
        as_of = None
        if synced:
            as_of = datetime.fromisoformat(synced.replace("Z", "+00:00")).astimezone(UTC)
        from sync.outbox import stats

        online = None if not self._settings.get("province", "url") else bool(self.online)
        counts = stats(self._db.conn)
        return TerminalStatus(village_name=name, data_as_of=as_of, online=online,
                              pending=counts.pending + counts.sending)

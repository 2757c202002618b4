"""What the header shows about the terminal: village, data age, network, pending items."""

from __future__ import annotations

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
        self.online: bool | None = None  # set by the background sync after each attempt

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

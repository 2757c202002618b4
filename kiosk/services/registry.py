"""All services the UI may call, built once by the composition root (`kiosk.app`).

The UI receives this object and nothing else: it never opens the database, the network or a
device itself. Every call runs on the single database worker thread (see `kiosk.ui.tasks`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import Settings
from kiosk.paths import DataPaths
from kiosk.services.catalog import CatalogService
from kiosk.services.status import StatusService
from kiosk.storage.database import Database


@dataclass
class Services:
    settings: Settings
    paths: DataPaths
    status: StatusService
    catalog: CatalogService

    @classmethod
    def build(cls, db: Database, settings: Settings, paths: DataPaths) -> Services:
        return cls(
            settings=settings,
            paths=paths,
            status=StatusService(db, settings),
            catalog=CatalogService(db),
        )

"""All services the UI may call, built once by the composition root (`kiosk.app`).

The UI receives this object and nothing else: it never opens the database, the network or a
device itself. Every call runs on the single database worker thread (see `kiosk.ui.tasks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.config import Settings
from kiosk.paths import DataPaths
from kiosk.secrets import load_secrets
from kiosk.services.applications import ApplicationService, QueuedReceiptPrinter
from kiosk.services.catalog import CatalogService
from kiosk.services.disclosures import DisclosureService
from kiosk.services.document_camera import SimulatedDocumentCamera
from kiosk.services.progress import ProgressService
from kiosk.services.staff import StaffServices, build_staff
from kiosk.services.status import StatusService
from kiosk.services.subsidies import SubsidyService, queue_printer
from kiosk.services.sync_service import SyncService
from kiosk.storage.database import Database

if TYPE_CHECKING:
    from kiosk.services.card_service import CardService


@dataclass
class Services:
    settings: Settings
    paths: DataPaths
    status: StatusService
    catalog: CatalogService
    sync: SyncService
    subsidies: SubsidyService
    disclosures: DisclosureService
    applications: ApplicationService
    progress: ProgressService
    staff: StaffServices
    cards: CardService | None = None  # chosen by the composition root (kiosk.app)

    @classmethod
    def build(cls, db: Database, settings: Settings, paths: DataPaths) -> Services:
        return cls(
            settings=settings,
            paths=paths,
            status=StatusService(db, settings),
            catalog=CatalogService(db),
            sync=SyncService(paths, settings),
            subsidies=SubsidyService(db, load_secrets(paths.secrets).lookup_key,
                                     queue_printer(db, settings, paths)),
            disclosures=DisclosureService(db, load_secrets(paths.secrets).publisher_keys,
                                          paths.root / "files", queue_printer(db, settings, paths)),
            applications=ApplicationService(db, settings, camera=SimulatedDocumentCamera(),
                                            printer=QueuedReceiptPrinter(db, settings, paths)),
            progress=ProgressService(db),
            staff=build_staff(db, settings, paths),
        )

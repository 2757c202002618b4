"""All services the UI may call, built by the composition root (`kiosk.app`).

The UI receives this object and nothing else: it never opens the database, the network or a
device itself. Every call runs on the single database worker thread (see `kiosk.ui.tasks`).

Each service is built, and its module imported, the first time a page asks for it: the kiosk
pays for the form engine, pinyin search or the staff console only when a villager or clerk
goes there, not before the first frame. Building is guarded by a lock because the first ask
may come from the UI thread or the database worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from kiosk.config import Settings
from kiosk.paths import DataPaths
from kiosk.services.status import StatusService
from kiosk.storage.database import Database

if TYPE_CHECKING:
    from kiosk.services.applications import ApplicationService
    from kiosk.services.card_service import CardService
    from kiosk.services.catalog import CatalogService
    from kiosk.services.disclosures import DisclosureService
    from kiosk.services.document_camera import DocumentCamera
    from kiosk.services.print_queue import PrintQueue
    from kiosk.services.privacy import PrivacyService
    from kiosk.services.progress import ProgressService
    from kiosk.services.staff import StaffServices
    from kiosk.services.subsidies import SubsidyService
    from kiosk.services.sync_service import SyncService
    from kiosk.services.villager_voice import VoiceServices

T = TypeVar("T")
_BUILD_LOCK = threading.RLock()


class built_once(Generic[T]):  # noqa: N801  (used like @property)
    """A property built on first access, exactly once even when two threads ask together."""

    def __init__(self, factory: Callable[[Any], T]):
        self.factory = factory
        self.name = factory.__name__

    @overload
    def __get__(self, owner: None, kind: type) -> built_once[T]: ...

    @overload
    def __get__(self, owner: object, kind: type) -> T: ...

    def __get__(self, owner: object | None, kind: type) -> T | built_once[T]:
        if owner is None:
            return self
        cache = owner.__dict__
        if self.name not in cache:
            with _BUILD_LOCK:
                if self.name not in cache:
                    cache[self.name] = self.factory(owner)
                    # which thread paid for it: the UI thread must never (tests check)
                    cache.setdefault("built_on", {})[self.name] = threading.current_thread().name
        return cache[self.name]  # type: ignore[no-any-return]


class Services:
    """Immutable once the composition root has built it: no one assigns to it afterwards (the
    shell used to put the card service in, the UI thread the online flag). What changes
    after start-up lives inside a service, with one owner: the card reader is opened once
    (`open_card_reader`), the terminal status is written only by the sync worker and read
    through `status.snapshot()`."""

    def __init__(self, db: Database, settings: Settings, paths: DataPaths, *,
                 card_factory: Callable[[], CardService] | None = None, demo: bool = False):
        self.db = db
        self.settings = settings
        self.paths = paths
        self.status = StatusService(db, settings)
        # The card reader: chosen by the composition root (kiosk.app) as a factory, opened
        # after the first frame (pyscard and the card protocols cost start-up time).
        self.card_factory = card_factory
        self._cards: CardService | None = None
        # The document camera: none unless the composition root says the demo runs (then the
        # simulated one) or the UI installs its QtMultimedia adapter once (kiosk.ui.camera).
        self.demo = demo
        self._camera: DocumentCamera | None = None
        self._sealed = True

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_sealed", False):
            raise AttributeError(f"Services is immutable after the composition root: {name} "
                                 "(pass it to Services.build, or keep it inside a service)")
        super().__setattr__(name, value)

    @classmethod
    def build(cls, db: Database, settings: Settings, paths: DataPaths, *,
              card_factory: Callable[[], CardService] | None = None,
              demo: bool = False) -> Services:
        return cls(db, settings, paths, card_factory=card_factory, demo=demo)

    @property
    def cards(self) -> CardService | None:
        """The card service once opened (None before, and on a terminal without a reader)."""
        return self._cards

    def open_card_reader(self) -> CardService | None:
        """Build the card service from the factory, once; later calls return the same one."""
        with _BUILD_LOCK:
            if self._cards is None and self.card_factory is not None:
                object.__setattr__(self, "_cards", self.card_factory())
        return self._cards

    @property
    def camera(self) -> DocumentCamera | None:
        """The document camera the UI installed (None: the demo's or none, chosen at build)."""
        return self._camera

    def install_camera(self, camera: DocumentCamera) -> None:
        """The UI's QtMultimedia camera, installed once before any page asks for the
        applications service (which takes the camera when it is built)."""
        with _BUILD_LOCK:
            if self._camera is None:
                object.__setattr__(self, "_camera", camera)

    def prepare(self, *names: str) -> None:
        """Build these services now, on the calling thread: the shell asks the database worker
        after the first frame, so a page built later (the staff console takes its services
        when it is made) finds them ready instead of building them on the UI thread."""
        for name in names:
            getattr(self, name)

    def _secrets(self) -> Any:
        from kiosk.secrets import load_secrets

        return load_secrets(self.paths.secrets)

    @built_once
    def catalog(self) -> CatalogService:
        from kiosk.services.catalog import CatalogService

        return CatalogService(self.db)

    @built_once
    def sync(self) -> SyncService:
        from kiosk.services.sync_service import SyncService

        return SyncService(self.paths, self.settings)

    @built_once
    def printing(self) -> PrintQueue:
        """The one printer wrapper: every service prints through it; the running kiosk starts
        its print worker (`start_worker`), which owns all printer I/O."""
        from kiosk.services.print_queue import PrintQueue

        return PrintQueue(self.db, self.settings, self.paths)

    @built_once
    def subsidies(self) -> SubsidyService:
        from kiosk.services.subsidies import SubsidyService, queue_printer

        return SubsidyService(self.db, self._secrets().lookup_key,
                              queue_printer(self.printing, self.db, self.settings))

    @built_once
    def disclosures(self) -> DisclosureService:
        from kiosk.secrets import LivePublisherKeys
        from kiosk.services.disclosures import DisclosureService
        from kiosk.services.subsidies import queue_printer

        return DisclosureService(self.db, LivePublisherKeys(self.paths.secrets),
                                 self.paths.root / "files",
                                 queue_printer(self.printing, self.db, self.settings),
                                 village_code=str(self.settings.get("terminal", "village_code")))

    @built_once
    def applications(self) -> ApplicationService:
        from kiosk.services.applications import ApplicationService
        from kiosk.services.document_camera import NoDocumentCamera, SimulatedDocumentCamera

        camera = self.camera or (SimulatedDocumentCamera() if self.demo else NoDocumentCamera())
        return ApplicationService(self.db, self.settings, camera=camera, demo=self.demo,
                                  printer=self.printing)

    @built_once
    def progress(self) -> ProgressService:
        from kiosk.services.progress import ProgressService

        return ProgressService(self.db)

    @built_once
    def privacy(self) -> PrivacyService:
        from kiosk.services.privacy import PrivacyService

        def print_purge() -> int:  # printed or cancelled jobs' personal content (printing)
            from kiosk.services.print_service import purge_print_data

            return len(purge_print_data(self.db, self.settings, self.paths))

        return PrivacyService(self.db, self.settings, print_purge=print_purge)

    @built_once
    def staff(self) -> StaffServices:
        from kiosk.services.staff import build_staff

        return build_staff(self.db, self.settings, self.paths,
                           print_job=self.printing.print_job,
                           printer_status=self.printing.known_status)

    @built_once
    def voice(self) -> VoiceServices:
        """Ratings, feedback, replies and policies (the villager's voice)."""
        from kiosk.services.subsidies import queue_printer
        from kiosk.services.villager_voice import VoiceServices

        return VoiceServices(self.db, self.settings,
                             print_job=queue_printer(self.printing, self.db, self.settings))

"""Composition root: configuration -> database -> services -> Qt.

The only place that decides which implementations run. The database is opened here and from
then on used only on the single database worker thread that the UI's task runner submits to.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.context import Context
from kiosk.services.registry import Services
from kiosk.storage.database import Database
from kiosk.translations import translation_file

if TYPE_CHECKING:
    from kiosk.services.card_service import CardService


@dataclass
class Runtime:
    services: Services
    executor: ThreadPoolExecutor
    db: Database

    def close(self) -> None:
        if self.services.cards is not None:
            self.services.cards.stop()
        self.services.printing.stop_worker()
        self.executor.shutdown(wait=True)
        self.db.close()


def build_runtime(ctx: Context, *, demo: bool) -> Runtime:
    """Open everything the kiosk needs; raises clear `KioskError`s for bad settings or data."""
    from kiosk.data_key import open_protected

    settings = ctx.settings
    translation_file(settings.language)  # before any work: no kiosk in the wrong language
    if demo:
        from kiosk.demo.setup import ensure_demo

        ensure_demo(ctx)
        ctx.close()
    db = open_protected(ctx.paths, check_same_thread=False)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    services = Services.build(db, settings, ctx.paths, demo=demo,  # demo: the simulated camera
                              card_factory=lambda: build_card_service(ctx))
    return Runtime(services, executor, db)


def build_card_service(ctx: Context) -> CardService:
    """The PC/SC reader (the null reader where pyscard or pcscd is missing), and the ID card
    reader when `[id_reader] device` is set."""
    from kiosk.devices.backends import create_backend
    from kiosk.secrets import load_secrets
    from kiosk.services.card_service import CardService
    from kiosk.services.id_card_watch import build_id_watcher

    reader = str(ctx.settings.get("card_reader", "name")) or None
    lookup_key = load_secrets(ctx.paths.secrets).lookup_key
    return CardService(create_backend("pcsc"), lookup_key, reader=reader,
                       id_watcher=build_id_watcher(ctx.settings, lookup_key))

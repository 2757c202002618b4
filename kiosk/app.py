"""Composition root: configuration -> database -> services -> Qt.

The only place that decides which implementations run. The database is opened here and from
then on used only on the single database worker thread that the UI's task runner submits to.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kiosk.context import Context
from kiosk.services.registry import Services
from kiosk.storage.database import Database


@dataclass
class Runtime:
    services: Services
    executor: ThreadPoolExecutor
    db: Database

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        self.db.close()


def build_runtime(ctx: Context, *, demo: bool) -> Runtime:
    """Open everything the kiosk needs; raises clear `KioskError`s for bad settings or data."""
    from kiosk.storage.database import open_database

    settings = ctx.settings
    if demo:
        from kiosk.commands.demo import ensure_demo

        ensure_demo(ctx)
        ctx.close()
    db = open_database(ctx.paths.database, check_same_thread=False)
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
    return Runtime(Services.build(db, settings, ctx.paths), executor, db)

"""Workers for slow UI-side work that is not database work: decoding and scaling pictures,
probing the speech daemon's socket.

The database worker (`kiosk.ui.tasks`, "kiosk-db") does only database work, and the UI thread
does nothing that waits: each kind of slow side work gets its own one-thread pool here, named
so a stack dump says who is busy. Results come back through a `TaskRunner`, on the UI thread.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject

from kiosk.ui.tasks import TaskRunner

_pools: dict[str, ThreadPoolExecutor] = {}
_lock = threading.Lock()


def pool(name: str) -> ThreadPoolExecutor:
    """The one-thread pool for `name` ("images", "speech"), made on first use."""
    with _lock:
        if name not in _pools:
            _pools[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"kiosk-{name}")
        return _pools[name]


def runner(name: str, parent: QObject | None = None) -> TaskRunner:
    """A task runner on the `name` pool: `run(work, on_done, on_error)` as for service calls."""
    return TaskRunner(pool(name), parent)

"""The kiosk process's garbage-collector settings, set once at start by `kiosk.cli.main`.

A pulled page is about 3,000 dicts and lists that live for the 10-20 ms it takes to write
them. With CPython's default young-generation threshold of 700, every page set off several
collections that found the page still alive and promoted it, so older-generation collections
kept walking pages: a tenth of a pull's time, and pauses of up to 50 ms that the UI thread
shares through the GIL. At 10,000 a page is freed by reference counting before a collection is
due. Benchmarks call this too, so they measure the kiosk as it runs.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000


def tune_collector() -> None:
    """Collect the young generation after 10,000 net allocations instead of 700."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


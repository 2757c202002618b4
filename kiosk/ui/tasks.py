"""Running service calls off the UI thread and getting the result back on it.

All service calls go to one worker thread that owns the SQLite connection (one owner, as in
Anki's task manager). The callable never touches widgets; `on_done` / `on_error` run on the
UI thread through a queued Qt signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

T = TypeVar("T")
log = logging.getLogger(__name__)


class TaskRunner(QObject):
    _finished = Signal(object)  # a zero-argument closure to call on the UI thread

    def __init__(self, executor: Executor, parent: QObject | None = None):
        super().__init__(parent)
        self._executor = executor
        self._finished.connect(self._on_finished)
        self.pending = 0

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        try:
            future = self._executor.submit(work)
        except RuntimeError:  # the executor is shut down: the app is closing, drop the call
            log.debug("task dropped at shutdown")
            return
        self.pending += 1

        def deliver(done: Future[T]) -> None:
            error = done.exception()
            if error is None:
                result = done.result()
                self._finished.emit(lambda: on_done(result))
            elif isinstance(error, Exception):
                log.warning("task failed: %s", type(error).__name__)
                self._finished.emit(lambda: (on_error or _ignore)(error))

        future.add_done_callback(deliver)

    def _on_finished(self, callback: Callable[[], Any]) -> None:
        self.pending -= 1
        callback()


def _ignore(error: Exception) -> None:
    return None

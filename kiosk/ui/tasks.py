"""Running service calls off the UI thread and getting the result back on it.

All service calls go to one worker thread that owns the SQLite connection (one owner, as in
Anki's task manager). The callable never touches widgets; `on_done` / `on_error` run on the
UI thread through a queued Qt signal.

No failure is silent: a call without its own `on_error` gets the default one, which logs the
failure and emits `problem` with a sentence for the person at the screen (the window shows it).
Nothing raises on shutdown: a call cancelled by `executor.shutdown(cancel_futures=True)`, a
runner already deleted, a callback that finds its widgets gone — each is logged and `pending`
still comes back down, so code waiting for the runner to settle never waits forever.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Signal

from kiosk.errors import KioskError

T = TypeVar("T")
log = logging.getLogger(__name__)


def _where(error: BaseException) -> str:
    """Where an error was raised (file:line function), without its message: a message may
    hold personal data, the place never does."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno} {last.name}"


def _in_screen_language(text: str) -> str:
    """Our errors read "中文 / English": the screen shows the half in its own language."""
    chinese, sep, english = text.partition(" / ")
    if not sep:
        return text
    if QLocale().language() == QLocale.Language.Chinese:
        return chinese.strip()
    return english.strip()


def failure_text(error: Exception) -> str:
    """The sentence shown for a failure: a `KioskError` carries its own message for a person
    (the disk is full, the folder is read-only); anything else gets a general one."""
    if isinstance(error, KioskError):
        detail = _in_screen_language(str(error).strip().splitlines()[0] if str(error).strip()
                                     else "")
        if detail:
            return QCoreApplication.translate(
                "TaskRunner", "⚠ %1 Please ask the clerk for help.").replace("%1", detail)
    return QCoreApplication.translate(
        "TaskRunner", "⚠ Something went wrong and this could not be done. Please try again, "
                      "or ask the clerk for help.")


class TaskRunner(QObject):
    _finished = Signal(object)  # a zero-argument closure to call on the UI thread
    problem = Signal(str)  # a failure nobody else handled, in words for the person

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
        handle_error = on_error or self.report

        def deliver(done: Future[T]) -> None:
            if done.cancelled():  # shutdown(cancel_futures=True): nothing to hand back
                self._emit(lambda: None)
                return
            error = done.exception()
            if error is None:
                result = done.result()
                self._emit(lambda: on_done(result))
            elif isinstance(error, Exception):
                log.warning("task failed: %s at %s", type(error).__name__, _where(error))
                self._emit(lambda: handle_error(error))
            else:  # KeyboardInterrupt, SystemExit: not ours to handle, but settle the count
                self._emit(lambda: None)

        future.add_done_callback(deliver)

    def report(self, error: Exception) -> None:
        """The default `on_error`: log it and say it in words (the window shows `problem`)."""
        log.error("unhandled task failure: %s at %s", type(error).__name__, _where(error))
        self.problem.emit(failure_text(error))

    def _emit(self, callback: Callable[[], Any]) -> None:
        try:
            self._finished.emit(callback)
        except RuntimeError:  # the runner was deleted (the window closed): no one to tell
            log.debug("task result dropped: the runner is gone")

    def _on_finished(self, callback: Callable[[], Any]) -> None:
        self.pending -= 1
        try:
            callback()
        except Exception as error:  # a widget deleted under a late callback, a page's bug
            log.error("task callback failed: %s at %s", type(error).__name__, _where(error))
            self.problem.emit(failure_text(error))

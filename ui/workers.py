"""Slow work off the UI thread (Anki's ``taskman``): run a function in a pool thread, get the result
back on the main thread.

A :class:`TaskRunner` belongs to one widget. :meth:`TaskRunner.start` runs ``fn(progress, *args)``
in Qt's global thread pool; ``progress`` is a :class:`Progress` the function may call to report how
far it is and to ask whether it was cancelled. The result (or the exception) comes back on the
main thread through the runner's signals. Starting a new task supersedes the one running: the old
one is asked to stop and whatever it returns is dropped, so a panel refreshed twice quickly shows
the second answer only.

The function runs in another thread, so it must only touch plain values and its own database
session (``ctx.store.session()``), never widgets.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from servicecommunity.domain.errors import ServiceCommunityError

log = logging.getLogger(__name__)


class Cancelled(Exception):  # a signal to stop, not an error
    """Raised inside a task when it was asked to stop."""


class Progress:
    """What a task sees of its runner: report progress, check for cancellation."""

    def __init__(self, relay: _Relay, generation: int) -> None:
        self._relay = relay
        self._generation = generation
        self._cancel = threading.Event()

    def report(self, fraction: float | None = None, message: str = "") -> None:
        """Tell the UI how far the task is (``fraction`` 0..1, None when unknown); stop if cancelled."""
        self.check()
        self._relay.progressed.emit(self._generation, -1.0 if fraction is None else float(fraction), message)

    def check(self) -> None:
        """Raise :class:`Cancelled` if the task was asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """The one go-between for every runner: lives on the main thread for the life of the app.

    Pool threads emit through it (queued to the runners, which pick out their own task ids). Being
    shared and never deleted, it cannot vanish under a pool thread that is emitting when the
    widget that started the task is closed; Qt drops deliveries to runners that are gone. It also
    keeps each job alive until the job has reported.
    """

    progressed = Signal(int, float, str)
    finished = Signal(int, object, object)  # task id, result, exception

    def __init__(self) -> None:
        super().__init__()
        self.live: dict[int, _Job] = {}
        self.finished.connect(self._forget)

    @Slot(int, object, object)
    def _forget(self, task: int, _result: Any, _error: Any) -> None:
        self.live.pop(task, None)


_RELAY: _Relay | None = None
_TASK_IDS = itertools.count(1)


def _relay() -> _Relay:
    global _RELAY  # noqa: PLW0603 - one relay for the app, made on first use on the main thread
    if _RELAY is None:
        _RELAY = _Relay()
    return _RELAY


class _Job(QRunnable):
    def __init__(self, relay: _Relay, task: int, progress: Progress,
                 fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the relay drops it on the main thread once it has reported
        self._relay = relay
        self._task = task
        self._progress = progress
        self._fn = fn
        self._args = args

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = self._fn(self._progress, *self._args)
        except BaseException as exc:  # handed to the main thread, which decides
            error = exc
            if isinstance(exc, ServiceCommunityError):
                log.info("%s refused: %s", _name(self._fn), exc)
            elif not isinstance(exc, Cancelled):
                log.error("%s failed", _name(self._fn), exc_info=exc)
        self._relay.finished.emit(self._task, result, error)


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "__qualname__", None) or repr(fn)


class TaskRunner(QObject):
    """Runs one task at a time for its owner; a newer task supersedes an older one.

    Signals (all on the main thread): ``started()``; ``progressed(fraction, message)`` with
    fraction -1 when unknown; ``busy(bool)`` once a task has run longer than ``busy_after_ms``
    (show a progress indication) and again when it ends; ``succeeded(result)``; ``failed(exc)``.
    A cancelled or superseded task reports nothing. A task's error is logged (with its traceback
    unless it is one of the project's own, which are sentences for the user); an unexpected one also
    opens the crash dialog (:mod:`ui.dialogs.crash`) besides ``failed``.
    """

    started = Signal()
    progressed = Signal(float, str)
    busy = Signal(bool)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, busy_after_ms: int = 250,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relay = _relay()
        self._relay.progressed.connect(self._on_progress)
        self._relay.finished.connect(self._on_finished)
        self._generation = 0  # the id of the latest task this runner started
        self._jobs: dict[int, tuple[_Job, Progress]] = {}
        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(busy_after_ms)
        self._busy_timer.timeout.connect(self._show_busy)
        self.last_duration = 0.0  # seconds the last finished task took
        self._started_at = 0.0

    @property
    def running(self) -> bool:
        """A task is running whose result is still wanted."""
        return self._generation in self._jobs and not self._jobs[self._generation][1].cancelled

    def start(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run ``fn(progress, *args)`` in the pool; supersede any task still running."""
        self.cancel()
        self._generation = next(_TASK_IDS)
        progress = Progress(self._relay, self._generation)
        job = _Job(self._relay, self._generation, progress, fn, args)
        self._jobs[self._generation] = (job, progress)
        self._relay.live[self._generation] = job
        self._started_at = time.perf_counter()
        self._busy_timer.start()
        self.started.emit()
        self._pool.start(job)

    def cancel(self) -> None:
        """Ask the running task to stop; its result, if any, is dropped."""
        for _job, progress in self._jobs.values():
            progress.cancel()
        self._busy_timer.stop()
        self._set_busy(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task this runner started has returned (tests, closing a window)."""
        deadline = time.perf_counter() + msecs / 1000
        while self._jobs and time.perf_counter() < deadline:
            self._pool.waitForDone(50)
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.processEvents()
        return not self._jobs

    def _show_busy(self) -> None:
        if self.running:
            self._set_busy(True)

    def _set_busy(self, value: bool) -> None:
        if value != self._busy:
            self._busy = value
            self.busy.emit(value)

    @Slot(int, float, str)
    def _on_progress(self, generation: int, fraction: float, message: str) -> None:
        if generation in self._jobs and generation == self._generation and self.running:
            self.progressed.emit(fraction, message)

    @Slot(int, object, object)
    def _on_finished(self, generation: int, result: Any, error: Any) -> None:
        if generation not in self._jobs:
            return  # another runner's task
        entry = self._jobs.pop(generation, None)
        if generation != self._generation or entry is None or entry[1].cancelled:
            return
        self.last_duration = time.perf_counter() - self._started_at
        self._busy_timer.stop()
        self._set_busy(False)
        if isinstance(error, Cancelled):
            return
        if error is not None:
            if not isinstance(error, ServiceCommunityError):  # a bug, not a refusal: the crash dialog too
                from ui.dialogs import crash

                crash.show_later(error)
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)

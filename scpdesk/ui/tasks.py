"""Background work with results delivered on the GUI thread (reads in a pool, writes one at a time).

Workers get plain callables and return plain values; nothing Qt or ORM crosses threads but the result.

A read may carry a ``key`` (e.g. ``"referral-detail"``): starting a newer read with the same key makes the
older one stale, and a stale result is dropped — never painted over the newer record the user chose since.

Three modes: ``threads`` (the app), ``immediate`` (tests: each job runs and delivers at once, on the caller's
thread, so a test reads like the user's steps), ``manual`` (tests of ordering: jobs wait until
``run_pending``). ``TaskRunner.default_mode`` is what a runner built without a mode uses.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar, Literal

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)

Mode = Literal["threads", "immediate", "manual"]

_local = threading.local()


def in_job() -> bool:
    """True while this thread is running a job of a TaskRunner (tests check that the screens reach the
    database only from inside one)."""
    return bool(getattr(_local, "depth", 0))


def _call(fn: Callable[[], Any]) -> Any:
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        return fn()
    finally:
        _local.depth -= 1


class _Signals(QObject):
    # No Python object travels through the queued signal (PySide has mishandled reference counts of
    # objects passed across threads): the result waits on the job and the GUI thread collects it.
    finished = Signal()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.result: Any = None
        self.error: BaseException | None = None
        self.signals = _Signals()

    def run(self) -> None:
        try:
            self.result = _call(self.fn)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            self.error = exc
        self.signals.finished.emit()


class TaskRunner(QObject):
    """``read`` runs on a small pool; ``write`` on a single thread so saves never race each other."""

    #: The mode of a runner built without one (tests/ui switch it to "immediate").
    default_mode: ClassVar[Mode] = "threads"

    def __init__(self, parent: QObject | None = None, *, mode: Mode | None = None) -> None:
        super().__init__(parent)
        self.mode: Mode = mode or self.default_mode
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._running: set[_Job] = set()
        self._latest: dict[str, int] = {}
        self._pending: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]] = []
        #: How many stale results were dropped (tests and the log).
        self.dropped = 0

    def read(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None], *, key: str | None = None) -> None:
        on_done, on_error = self._keyed(key, on_done, on_error)
        self._start(self.reads, fn, on_done, on_error)

    def write(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None]) -> None:
        self._start(self.writes, fn, on_done, on_error)

    def forget(self, key: str) -> None:
        """Whatever read with ``key`` is running is stale now (e.g. the user cleared the selection)."""
        self._latest[key] = self._latest.get(key, 0) + 1

    def _keyed(self, key: str | None, on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> tuple[Callable[[Any], None],
                                                                  Callable[[BaseException], None]]:
        if key is None:
            return on_done, on_error
        self.forget(key)
        generation = self._latest[key]

        def current() -> bool:
            if self._latest.get(key) == generation:
                return True
            self.dropped += 1
            log.debug("dropped a stale %s result", key)
            return False

        def done(result: Any) -> None:
            if current():
                on_done(result)

        def failed(exc: BaseException) -> None:
            if current():
                on_error(exc)
            else:
                log.debug("a stale %s read failed: %s", key, type(exc).__name__, exc_info=exc)

        return done, failed

    def _start(self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        if self.mode == "immediate":
            self._deliver(fn, on_done, on_error)
            return
        if self.mode == "manual":
            self._pending.append((fn, on_done, on_error))
            return
        job = _Job(fn)
        self._running.add(job)  # keep Python references until the result arrives

        def finish() -> None:
            self._running.discard(job)
            result, error = job.result, job.error
            job.result = job.error = None
            if error is not None:
                on_error(error)
            else:
                on_done(result)

        job.signals.finished.connect(finish, Qt.ConnectionType.QueuedConnection)
        pool.start(job)

    @staticmethod
    def _deliver(fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None]) -> None:
        try:
            result = _call(fn)
        except BaseException as exc:  # noqa: BLE001 - delivered like a worker's failure
            on_error(exc)
            return
        on_done(result)

    def run_pending(self) -> int:
        """Manual mode: run the waiting jobs in order (and any they start); how many ran."""
        ran = 0
        while self._pending:
            fn, on_done, on_error = self._pending.pop(0)
            self._deliver(fn, on_done, on_error)
            ran += 1
        return ran

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every job (tests and shutdown)."""
        return self.reads.waitForDone(msecs) and self.writes.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running) or bool(self._pending)

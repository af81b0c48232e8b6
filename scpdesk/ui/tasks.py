"""Background work with results delivered on the GUI thread (reads in a pool, writes one at a time).

Workers get plain callables and return plain values; nothing Qt or ORM crosses threads but the result.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)


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
            self.result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            self.error = exc
        self.signals.finished.emit()


class TaskRunner(QObject):
    """``read`` runs on a small pool; ``write`` on a single thread so saves never race each other."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reads = QThreadPool(self)
        self.reads.setMaxThreadCount(2)
        self.writes = QThreadPool(self)
        self.writes.setMaxThreadCount(1)
        self._running: set[_Job] = set()

    def read(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        self._start(self.reads, fn, on_done, on_error)

    def write(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None]) -> None:
        self._start(self.writes, fn, on_done, on_error)

    def _start(self, pool: QThreadPool, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
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

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every job (tests and shutdown)."""
        return self.reads.waitForDone(msecs) and self.writes.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return bool(self._running)

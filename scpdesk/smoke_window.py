"""The smoke test's window step (``scpdesk --smoke-test``, see scpdesk/smoke.py): the main window started as
``scpdesk`` starts it, watched until its first rows are on screen, then closed. A GUI composition root like
scpdesk/app.py: the only part of the smoke test that imports Qt, and only when that step runs."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .app import start_window
from .paths import AppPaths
from .smoke import StepFailed, why

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class WindowShown:
    first_rows_ms: float
    today_rows: int
    referral_rows: int


def show_and_close(url: str, paths: AppPaths, *, timeout_s: float) -> WindowShown:
    """Start the window as ``scpdesk`` does (``app.start_window``), wait until the Today list has been painted
    with rows and the background loading is done, then close it. A dialog that appears (nobody can click it
    offscreen) fails the step with its text; so does an error inside the window: the first one found is raised
    (a StorageError as itself, so that the command exits 2 as for the other steps)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    problems: list[BaseException] = []
    hook = sys.excepthook

    def unexpected(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        problems.append(value)

    class Painted(QObject):
        """The Today view's viewport painted while its model holds rows: the first rows on screen."""

        at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if self.at is None and event.type() == QEvent.Type.Paint and window is not None:
                model = window.today.view.model()
                if watched is window.today.view.viewport() and model is not None and model.rowCount() > 0:
                    self.at = time.perf_counter()
            return False

    def dialogs() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog):
            text = modal.text() if isinstance(modal, QMessageBox) else ""
            problems.append(StepFailed(f"a dialog appeared: {modal.windowTitle()} {text}".strip()))
            modal.reject()

    window = None
    probe = Painted()
    watcher = QTimer()
    watcher.setInterval(100)
    watcher.timeout.connect(dialogs)
    sys.excepthook = unexpected
    app.installEventFilter(probe)
    watcher.start()
    started = time.perf_counter()
    try:
        window = start_window(url, paths, on_failed=problems.append)

        def settled() -> bool:
            return (probe.at is not None and window is not None and window.ctx.services is not None
                    and not window.tasks.busy and not window.today.loading and not window.referrals.loading)

        while not settled() and not problems:
            if time.perf_counter() - started > timeout_s:
                raise StepFailed(f"no rows on screen within {timeout_s:.0f} s")
            if window.tasks.mode == "manual":
                window.tasks.run_pending()
            window.tasks.wait(20)
            app.processEvents()
        if problems:
            raise _first(problems)
        assert probe.at is not None
        result = WindowShown((probe.at - started) * 1000, window.today.view.model().rowCount(),
                             window.referrals.model.rowCount())
    finally:
        watcher.stop()
        app.removeEventFilter(probe)
        if window is not None:
            window.close()
            window.tasks.wait()
            services = window.ctx.services
            if services is not None:
                services.close()  # as run_gui does: the audit chain's head recorded, the database closed
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        sys.excepthook = hook
    if problems:  # while closing (the close's own saves and reads)
        raise _first(problems)
    return result


def _first(problems: list[BaseException]) -> BaseException:
    """The first problem, with the others (if any) named in the log."""
    for later in problems[1:]:
        log.warning("the window also reported: %s", why(later))
    return problems[0]


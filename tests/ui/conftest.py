"""Fixtures for the window tests."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.engine import Engine
from uihelpers import Answers, Questions

from scpdesk.app import create_main_window
from scpdesk.clock import PinnedClock
from scpdesk.models.database import open_database
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext
from scpdesk.services.demo import fill_demo_data
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.tasks import TaskRunner, in_job

#: The demo's clocks are set around this day; window tests pin "today" to it.
DEMO_TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    """Private data, log and settings folders: never the user's real profile."""
    return AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", config_dir=tmp_path / "config").ensure()


@pytest.fixture(autouse=True)
def immediate_tasks(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Window tests run each background job at once, in order, on the test's thread (the issue-12 rule): a
    test reads as the user's steps. A test marked ``threaded_tasks`` keeps the app's real worker threads."""
    if request.node.get_closest_marker("threaded_tasks") is None:
        monkeypatch.setattr(TaskRunner, "default_mode", "immediate")


#: Issue 12: the screens reach the database only through the task runner. A statement a screen runs on the
#: GUI thread outside a task fails the test. SCPDESK_GUI_DB_REPORT=path appends each offending UI line there.
STRICT_GUI_DB = True
_UI_DIR = str(Path(__file__).resolve().parents[2] / "scpdesk" / "ui")
_TESTS_DIR = str(Path(__file__).resolve().parents[1])


def _ui_caller() -> str | None:
    """The innermost scpdesk/ui frame on the stack (the screen code that reached the database), if any; None
    when test code is nearer (a test or a form filler reading the database itself, e.g. inside a faked exec)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(_UI_DIR):
            return f"{Path(name).name}:{frame.f_lineno} {frame.f_code.co_name}"
        if name.startswith(_TESTS_DIR):
            return None
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def database_only_in_background_jobs() -> Iterator[None]:
    """Every statement a screen causes runs inside a TaskRunner job (on a worker thread in the app), never
    straight from the GUI thread's code; test code and fixtures may query directly."""
    offenders: list[str] = []

    def check(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if threading.current_thread() is threading.main_thread() and not in_job():
            where = _ui_caller()
            if where is not None:
                offenders.append(where)

    event.listen(Engine, "before_cursor_execute", check)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", check)
    if offenders and os.environ.get("SCPDESK_GUI_DB_REPORT"):
        with open(os.environ["SCPDESK_GUI_DB_REPORT"], "a", encoding="utf-8") as out:
            out.writelines(f"{line}\n" for line in sorted(set(offenders)))
    strict = sorted(set(offenders)) if STRICT_GUI_DB else []
    assert not strict, f"the GUI thread queried the database outside a task: {strict}"


@pytest.fixture(autouse=True)
def unfrozen_collector() -> Iterator[None]:
    """A window freezes what is alive when it attaches (gc.freeze): after each test it is collectable again."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def no_unanswered_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box no test answers would wait for a click for ever (offscreen there is nobody to click):
    fail the test at once with the box's text instead of hanging the run."""

    def refuse(self: QMessageBox) -> int:
        raise AssertionError(f"unexpected message box: {self.windowTitle()}: {self.text()}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch, no_unanswered_message_box: None) -> Questions:
    """Each question box (an "Are you sure…?") takes the next answer appended; one nobody answered fails the
    test with its text, as ``no_unanswered_message_box`` does."""
    queue = Questions()

    def answer(self: QMessageBox) -> int:
        if not queue:
            raise AssertionError(f"unanswered message box: {self.windowTitle()}: {self.text()}")
        queue.asked.append(self.text())
        return QMessageBox.StandardButton.Yes if queue.pop(0) else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return queue


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Each FormDialog that opens takes the next filler, which types into it; then Save is pressed. A dialog
    whose save fails is kept in ``answers.failed`` with its error, as the user would see it."""
    queue = Answers()

    def fake_exec(self: FormDialog) -> int:
        queue.pop(0)(self)
        self.try_submit()
        if self.result() == QDialog.DialogCode.Accepted:
            return QDialog.DialogCode.Accepted
        queue.failed.append(self)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return queue


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The demo records in a migrated SQLite file, built once; each test gets a copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = open_database(f"sqlite:///{path}")
    fill_demo_data(ServiceContext(db, user="setup", clock=PinnedClock(DEMO_TODAY)), today=DEMO_TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo_window(qtbot: QtBot, demo_template: Path, tmp_path: Path, paths: AppPaths,
                clock: PinnedClock) -> MainWindow:
    """The main window on a copy of the demo records, with the application's clock on DEMO_TODAY."""
    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    clock.set(DEMO_TODAY)
    win = create_main_window(f"sqlite:///{path}", paths=paths, user="coordinator.a")
    assert win.ctx.services.ctx.clock is clock and win.ctx.today() == DEMO_TODAY
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.referrals)  # these tests begin at the referral list (the first screen is Today's)
    win.show()
    return win

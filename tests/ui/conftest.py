"""Fixtures for the window tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from uihelpers import Answers, Questions

from scpdesk.app import create_main_window
from scpdesk.clock import PinnedClock
from scpdesk.models.database import open_database
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext
from scpdesk.services.demo import fill_demo_data
from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.tasks import TaskRunner

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
    win.show()
    return win

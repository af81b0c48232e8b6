"""The background-operation rules every screen relies on (issue 12): a stale read is never painted over the
newer record the user chose, a form shows it is saving and closes only when the write succeeded, a failure
keeps what was typed, and nothing is painted into a closed window."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from scpdesk.errors import StorageError, UserError
from scpdesk.ui import ops
from scpdesk.ui.forms import Field, FormDialog
from scpdesk.ui.tasks import TaskRunner


def _ctx(runner: TaskRunner) -> Any:
    """The parts of AppContext the ops use: the runner and open services."""
    return SimpleNamespace(tasks=runner, services=SimpleNamespace(name="the services"))


def test_a_stale_read_is_dropped_and_the_newest_is_shown(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner, mode="manual")
    shown: list[str] = []
    ops.load(owner, _ctx(runner), lambda s: "referral 1", shown.append, key="detail")
    ops.load(owner, _ctx(runner), lambda s: "referral 2", shown.append, key="detail")  # the user clicked on
    ops.load(owner, _ctx(runner), lambda s: "meeting 7", shown.append, key="meeting")  # another key: kept
    assert runner.busy
    assert runner.run_pending() == 3
    assert shown == ["referral 2", "meeting 7"]
    assert runner.dropped == 1


def test_a_stale_failure_is_not_reported_either(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner, mode="manual")
    failures: list[BaseException] = []

    def broken(_s: Any) -> str:
        raise StorageError("The server stopped answering.")

    ops.load(owner, _ctx(runner), broken, lambda _r: None, key="detail", failed=failures.append)
    ops.load(owner, _ctx(runner), lambda s: "ok", lambda _r: None, key="detail", failed=failures.append)
    runner.run_pending()
    assert failures == []


def test_the_services_of_the_moment_of_the_click_are_used(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner, mode="manual")
    ctx = _ctx(runner)
    seen: list[str] = []
    ops.save(owner, ctx, lambda s: s.name, seen.append)
    ctx.services = SimpleNamespace(name="another database")  # e.g. restored from a backup meanwhile
    runner.run_pending()
    assert seen == ["the services"]


def _form(parent: QWidget, runner: TaskRunner, submit: Any) -> FormDialog:
    form = FormDialog(parent, "Edit details", [Field("summary", "Summary")], submit, tasks=runner)
    line = form.widget("summary")
    assert isinstance(line, QLineEdit)
    line.setText("What the coordinator typed")
    return form


def test_a_form_says_it_is_saving_and_closes_only_when_the_write_succeeded(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent, mode="manual")
    writes: list[dict[str, Any]] = []
    form = _form(parent, runner, lambda v: writes.append(v) or "saved")
    form.show()
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    form.try_submit()
    assert form.saving and form.isVisible()
    assert not save.isEnabled() and save.text() == "Saving…"
    assert not form.widget("summary").isEnabled()  # nothing can be typed into a form being written
    form.try_submit()  # a second press of Save sends nothing more
    form.reject()  # nor can Escape close it while the write may be committing
    assert form.isVisible()
    assert runner.run_pending() == 1
    assert writes == [{"summary": "What the coordinator typed"}]
    assert not form.isVisible() and form.result_value == "saved"


@pytest.mark.parametrize("error", [UserError("summary", "keep the summary to 2,000 characters"),
                                   StorageError("The server stopped answering.", hint="Try again.")])
def test_a_failed_save_unlocks_the_form_with_the_typing_kept(qtbot: QtBot, error: Exception) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent, mode="manual")

    def submit(_v: dict[str, Any]) -> None:
        raise error

    form = _form(parent, runner, submit)
    form.show()
    form.try_submit()
    runner.run_pending()
    assert form.isVisible() and not form.saving
    assert form.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "Save"
    line = form.widget("summary")
    assert isinstance(line, QLineEdit) and line.isEnabled() and line.text() == "What the coordinator typed"
    assert form.error.isVisible() and ("2,000 characters" in form.error.text()
                                       or "stopped answering" in form.error.text())


def test_a_bug_in_a_save_reaches_the_error_dialog_and_keeps_the_form(qtbot: QtBot,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = TaskRunner(parent, mode="manual")
    reported: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: reported.append(kind))

    def submit(_v: dict[str, Any]) -> None:
        raise KeyError("broken")

    form = _form(parent, runner, submit)
    form.show()
    form.try_submit()
    runner.run_pending()
    assert reported == [KeyError]
    assert form.isVisible() and "Not saved" in form.error.text()
    line = form.widget("summary")
    assert isinstance(line, QLineEdit) and line.text() == "What the coordinator typed"


@pytest.mark.threaded_tasks
def test_nothing_is_painted_into_a_closed_window_but_a_failed_save_is_still_said(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    keeper = QWidget()
    qtbot.addWidget(keeper)
    runner = TaskRunner(keeper)  # real worker threads
    assert runner.mode == "threads"
    said: list[str] = []
    monkeypatch.setattr(ops, "plain_message", lambda parent, title, text, **kw: said.append(text))
    shown: list[str] = []
    owner = QWidget()
    ops.load(owner, _ctx(runner), lambda s: "detail", shown.append, key="detail")

    def refused(_s: Any) -> None:
        raise UserError("status", "this referral is closed")

    ops.save(owner, _ctx(runner), refused, lambda _r: shown.append("saved"), failed=lambda e: shown.append("x"))
    shiboken6.delete(owner)  # the user closed the window before the answers came
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert shown == []  # the closed panel was never painted into
    assert len(said) == 1 and "this referral is closed" in said[0]

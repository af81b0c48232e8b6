"""Failures reach the user in the form they are typing in: a colleague saving the same local file, bad
characters, a storage fault. The form stays open with everything typed; nothing goes to the catch-all dialog."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from scpdesk.errors import StorageError
from scpdesk.services import uow
from scpdesk.ui.forms import INVALID_STYLE, KEPT, Field, FormDialog
from scpdesk.ui.main_window import MainWindow

TYPED = "Chair asked for the school's attendance record.\nAction: health visitor to attend."


def notes_form(window: MainWindow, qtbot: QtBot) -> tuple[FormDialog, int]:
    """The meeting-notes form of the first demo meeting, with the notes typed in."""
    services = window.ctx.services
    meeting_id = services.meetings.list_rows()[0].id
    detail = services.meetings.get(meeting_id)

    def save(values: dict[str, Any]) -> Any:
        return services.meetings.update(meeting_id, detail.version,
                                        dataclasses.replace(detail.as_edit(), notes=values["notes"]))

    dialog = FormDialog(window, "Meeting notes", [Field("notes", "Notes", "multiline", detail.notes)], save)
    qtbot.addWidget(dialog)
    dialog.widget("notes").setPlainText(TYPED)
    return dialog, meeting_id


@pytest.fixture
def writer(demo_window: MainWindow) -> Iterator[sqlite3.Connection]:
    """Another scpdesk on the same file, in the middle of a save (it holds the write lock)."""
    path = demo_window.ctx.services.db.sqlite_path
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    yield other
    if other.in_transaction:
        other.rollback()
    other.close()


def test_a_save_waits_quietly_while_a_colleague_finishes_theirs(qtbot: QtBot, demo_window: MainWindow,
                                                                writer: sqlite3.Connection) -> None:
    dialog, meeting_id = notes_form(demo_window, qtbot)
    writer.execute("BEGIN IMMEDIATE")

    def finish_their_save() -> None:
        time.sleep(0.7)
        writer.commit()

    release = threading.Thread(target=finish_their_save)
    release.start()
    try:
        dialog.try_submit()
    finally:
        release.join()
    assert dialog.result() == FormDialog.DialogCode.Accepted and dialog.error.isHidden()
    assert demo_window.ctx.services.meetings.get(meeting_id).notes == TYPED


def test_a_file_kept_busy_is_explained_in_the_form_and_the_typing_is_kept(
        qtbot: QtBot, demo_window: MainWindow, writer: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = demo_window.ctx.services.db.engine

    def short_wait(dbapi_connection: sqlite3.Connection, record: Any) -> None:  # the test need not wait 5 s
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    event.listen(engine, "connect", short_wait)
    engine.dispose()
    monkeypatch.setattr(uow, "BUSY_BUDGET_SECONDS", 0.5)
    dialog, meeting_id = notes_form(demo_window, qtbot)
    writer.execute("BEGIN IMMEDIATE")
    dialog.try_submit()
    assert dialog.result() != FormDialog.DialogCode.Accepted
    text = dialog.error.text()
    assert "Another scpdesk user or window is saving to Local file:" in text and KEPT in text
    assert "locked by another program" not in text
    assert dialog.widget("notes").toPlainText() == TYPED
    writer.commit()
    dialog.try_submit()  # the colleague is done: the same typing saves
    assert dialog.result() == FormDialog.DialogCode.Accepted
    assert demo_window.ctx.services.meetings.get(meeting_id).notes == TYPED
    event.remove(engine, "connect", short_wait)


def test_a_nul_character_is_refused_in_the_form_with_the_field_named(qtbot: QtBot, demo_window: MainWindow) -> None:
    dialog, meeting_id = notes_form(demo_window, qtbot)
    before = demo_window.ctx.services.meetings.get(meeting_id).notes
    dialog.widget("notes").setPlainText("Pasted\x00text")
    dialog.try_submit()
    assert dialog.result() != FormDialog.DialogCode.Accepted
    assert dialog.error.text().startswith("Notes: contains a NUL character")
    assert dialog.widget("notes").styleSheet() == INVALID_STYLE
    assert dialog.widget("notes").toPlainText() == "Pasted\x00text"
    assert demo_window.ctx.services.meetings.get(meeting_id).notes == before


def test_a_storage_fault_is_shown_in_the_form_not_the_unexpected_error_dialog(qtbot: QtBot,
                                                                             demo_window: MainWindow) -> None:
    calls: list[dict[str, Any]] = []

    def save(values: dict[str, Any]) -> str:
        calls.append(values)
        if len(calls) == 1:
            raise StorageError("The server can't be reached (Shared server: db.example/scpdesk).",
                               hint="If it goes on, ask IT whether the server and the network are up.")
        return "saved"

    dialog = FormDialog(demo_window, "Notes", [Field("notes", "Notes", "multiline")], save)
    qtbot.addWidget(dialog)
    dialog.widget("notes").setPlainText(TYPED)
    dialog.try_submit()  # a StorageError escaping here would reach the global exception hook
    assert dialog.result() != FormDialog.DialogCode.Accepted and not dialog.error.isHidden()
    assert dialog.error.text().splitlines() == [
        "The server can't be reached (Shared server: db.example/scpdesk).", KEPT,
        "If it goes on, ask IT whether the server and the network are up."]
    assert dialog.widget("notes").toPlainText() == TYPED
    dialog.try_submit()
    assert dialog.result() == FormDialog.DialogCode.Accepted and dialog.result_value == "saved"
    assert calls == [{"notes": TYPED}, {"notes": TYPED}]

"""Issue 13, layout: columns as wide as what they show, every one on screen at 1280×720 (the widest give way, the
first is read whole); a column the user drags stays as they left it; forms open at their content's size within
the screen, resizable, with the members list readable and the notes box no bigger than it needs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QPlainTextEdit, QTableView
from pytestqt.qtbot import QtBot

from scpdesk.ui.forms import FormDialog
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.sizing import MAX_COLUMN


def _on_screen(view: QTableView) -> list[str]:
    """The columns of ``view`` not wholly on screen, or narrower than their header's words."""
    header = view.horizontalHeader()
    room = view.viewport().width()
    wrong = []
    for column in range(header.count()):
        title = str(view.model().headerData(column, header.orientation()))
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        if right > room + 1:
            wrong.append(f"{title} ends at {right} of {room}")
        if header.sectionSize(column) < header.sectionSizeHint(column):
            wrong.append(f"{title} clips its header")
    return wrong


def _read_whole(view: QTableView, columns: range) -> bool:
    header = view.horizontalHeader()
    return all(header.sectionSize(c) >= min(view.sizeHintForColumn(c), MAX_COLUMN) for c in columns)


def _fitted(qtbot: QtBot, window: MainWindow, view: QTableView, whole: range = range(1)) -> None:
    """Wait for the columns to follow the window (they are fitted once the showing is over): every one on
    screen, none clipping its header, the ``whole`` ones as wide as their rows."""
    qtbot.waitUntil(lambda: not window.tasks.busy)
    qtbot.waitUntil(lambda: view.isVisible() and not _on_screen(view) and _read_whole(view, whole))


def test_every_column_of_the_lists_is_on_screen_at_1280_by_720(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.resize(1280, 720)
    referrals = window.referrals
    _fitted(qtbot, window, referrals.table)  # the reference read whole
    assert referrals.table.horizontalScrollBar().maximum() == 0  # nothing to scroll to sideways
    titles = [referrals.model.headerData(i, referrals.table.horizontalHeader().orientation())
              for i in range(referrals.model.columnCount())]
    assert titles[:5] == ["Reference", "Child (pseudonym)", "State", "Due", "Working days left"]  # most useful first

    assert referrals.select_id(referrals.model.all_rows[0].id)
    clocks = referrals.detail.clock_view
    _fitted(qtbot, window, clocks, whole=range(clocks.model().columnCount()))  # "Starts from", "Done on"…

    for index, tab in ((2, window.panel), (3, window.library)):
        window.tabs.setCurrentIndex(index)
        _fitted(qtbot, window, tab.table)
        assert tab.table.horizontalScrollBar().maximum() == 0


def test_a_column_the_user_drags_stays_as_they_left_it(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.resize(1280, 720)
    table = window.referrals.table
    _fitted(qtbot, window, table)
    header = table.horizontalHeader()
    header.resizeSection(1, 300)  # the user drags the child's column wider
    window.resize(1500, 800)
    qtbot.waitUntil(lambda: table.viewport().width() > 1300)
    QApplication.processEvents()
    assert header.sectionSize(1) == 300


@pytest.fixture
def shown_forms(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> list[FormDialog]:
    """Each form that opens is shown (as exec would), kept, then cancelled."""
    seen: list[FormDialog] = []

    def shown(dialog: FormDialog) -> int:
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        QApplication.processEvents()
        seen.append(dialog)
        dialog.reject()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(FormDialog, "exec", shown)
    return seen


def test_the_new_meeting_form_shows_its_members_whole_and_fits_the_screen(
        qtbot: QtBot, demo_window: MainWindow, shown_forms: list[FormDialog]) -> None:
    window = demo_window
    window.tabs.setCurrentWidget(window.panel)
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.panel.new_meeting()
    [form] = shown_forms
    members, notes = form.widget("members"), form.widget("notes")
    assert isinstance(members, QListWidget) and isinstance(notes, QPlainTextEdit)
    room = form.screen().availableGeometry()
    assert form.width() <= room.width() and form.height() <= room.height()
    assert form.isSizeGripEnabled()  # it can be made bigger
    assert members.width() >= min(members.sizeHintForColumn(0), room.width() * 3 // 4)  # each member read whole
    rows = min(members.count(), 10)
    assert members.height() >= rows * members.sizeHintForRow(0)  # ten of them without scrolling
    assert notes.height() <= members.height()  # the notes box no longer dwarfs the list

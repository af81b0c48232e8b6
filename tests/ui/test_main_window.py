"""The main window as a user sees it: three tabs listing real records, status bar, search and sorting."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scpdesk.app import create_main_window
from scpdesk.models import Meeting, Review
from scpdesk.models.database import open_database
from scpdesk.models.enums import LibraryState, MeetingKind, ReviewStatus, ReviewType
from scpdesk.models.timeframes import ClockState, add_months, add_working_days
from scpdesk.paths import AppPaths
from scpdesk.services import Changes, ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.ui.main_window import MainWindow


@pytest.fixture
def filled_url(sqlite_db_url: str, day: dt.date) -> str:
    """Three referrals the LA learned of 1, 3 and 9 working days ago (only the last is overdue for its
    5-working-day notification), a panel meeting today and two library reviews."""
    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="tester"))
    assert sv.ctx.today() == day
    for i, working_days_ago in enumerate((1, 9, 3)):
        aware = add_working_days(day, -working_days_ago)
        sv.referrals.create(ReferralInput(reference=f"NSCP-T-{i + 1:03d}", received_date=aware,
                                          child_pseudonym=f"Child {'ABC'[i]}", la_aware_date=aware))
    with sv.ctx.unit_of_work() as s:
        s.add(Meeting(reference="RRP-T-1", kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=day))
        s.add(Review(reference="LIB-T-1", title="Child N", review_type=ReviewType.LCSPR,
                     status=ReviewStatus.PUBLISHED, published_date=add_months(day, -20)))
        s.add(Review(reference="LIB-T-2", title="Family X", review_type=ReviewType.LCSPR,
                     status=ReviewStatus.DRAFT, decision_date=day - dt.timedelta(days=40)))
    db.dispose()
    return sqlite_db_url


@pytest.fixture
def window(qtbot: QtBot, filled_url: str, paths: AppPaths) -> MainWindow:
    win = create_main_window(filled_url, paths=paths, user="coordinator.a")
    qtbot.addWidget(win)
    assert win.tabs.currentWidget() is win.today  # the first screen
    win.tabs.setCurrentWidget(win.referrals)  # these tests begin at the referral list
    win.show()
    qtbot.waitExposed(win)
    return win


def test_four_tabs_with_exact_titles_today_first_list_the_records(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Today", "Referrals", "Rapid Review Panel", "Review Library"]
    assert window.referrals.model.rowCount() == 3
    assert window.panel.model.rowCount() == 1
    assert window.library.model.rowCount() == 2
    assert window.referrals.summary.text().startswith("3 referrals  ·  1 overdue")


def test_status_bar_names_the_database_and_the_user(window: MainWindow, filled_url: str) -> None:
    assert window.database_label.text().startswith("Database — Local file: ")
    assert filled_url.removeprefix("sqlite:///").split("/")[-1] in window.database_label.text()
    assert window.user_label.text() == "User: coordinator.a"


def test_every_table_model_passes_the_model_tester(window: MainWindow, qtmodeltester) -> None:
    for tab in (window.today, window.referrals, window.panel, window.library):
        qtmodeltester.check(tab.model)


def test_referrals_sort_by_next_due_and_show_rag(window: MainWindow) -> None:
    model = window.referrals.model
    dues = [model.row_at(i).next_due for i in range(model.rowCount())]
    assert dues == sorted(dues)
    first = model.row_at(0)
    assert first.state_key is ClockState.OVERDUE  # the row holds the key; the cell says it
    rag_column = [c.key for c in model.columns].index("rag")
    index = model.index(0, rag_column)
    assert model.data(index) == "Overdue"
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "overdue"


def test_sorting_keeps_the_chosen_referral_chosen(window: MainWindow, qtbot: QtBot) -> None:
    """Tester (issue 12): clicking a column header moved the rows but left the highlight on the same line, now
    another referral's, while the panel below still showed the first one (and the next reload opened the
    highlighted one): whatever the user did next might be done to a record they did not choose."""
    tab = window.referrals
    chosen = tab.model.row_at(0).id
    assert tab.select_id(chosen) and tab.detail.referral_id == chosen
    reference = [c.key for c in tab.model.columns].index("reference")
    tab.table.sortByColumn(reference, Qt.SortOrder.DescendingOrder)
    assert tab.model.row_at(0).id != chosen  # the order did change
    assert tab.selected_id() == chosen and tab.detail.referral_id == chosen
    assert [i.row() for i in tab.table.selectionModel().selectedRows()] == [tab.model.row_of_id(chosen)]


def test_a_tooltip_says_a_colleagues_words_as_typed_never_as_markup(window: MainWindow) -> None:
    """Tester (issue 12): Qt shows a tooltip that looks like HTML as rich text. A pause reason typed as markup
    made the overdue referral's tooltip render it (here: a line-through over the words, hidden text, an image
    from the disk) instead of saying it; every list's tooltip is now the typed text, whatever it holds."""
    from PySide6.QtGui import Qt as QtGui
    from PySide6.QtGui import QTextDocument

    services = window.ctx.services
    tab = window.referrals
    overdue = tab.model.row_at(0)
    assert overdue.state_key is ClockState.OVERDUE
    reason = "<s>police</s> <font color=white>hidden</font> <img src='file:///etc/passwd'> & more"
    changes = services.workflow.pause_clock(overdue.id, clock_key="sin", reason=reason,
                                             paused_date=services.ctx.today())
    window.ctx.bus.emit_changes(changes)
    tab.refresh()
    rag = [c.key for c in tab.model.columns].index("rag")
    tip = tab.model.data(tab.model.index(tab.model.row_of_id(overdue.id), rag), Qt.ItemDataRole.ToolTipRole)
    assert reason in tab.model.row_at(tab.model.row_of_id(overdue.id)).paused_reason
    shown = QTextDocument()
    if QtGui.mightBeRichText(tip):  # as QToolTip decides
        shown.setHtml(tip)
    else:
        shown.setPlainText(tip)
    assert shown.toPlainText() == f"overdue — paused: {reason}"
    assert tab.model.data(tab.model.index(1, rag), Qt.ItemDataRole.ToolTipRole) in ("running", "due soon")


def test_search_filters_the_list(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.referrals.search, "child b")
    assert window.referrals.model.rowCount() == 1
    assert window.referrals.model.row_at(0).pseudonym == "Child B"
    window.referrals.search.clear()
    assert window.referrals.model.rowCount() == 3


def test_library_shows_the_window_state(window: MainWindow) -> None:
    model = window.library.model
    rows = {r.reference: r for r in model.all_rows}
    assert (rows["LIB-T-1"].library_state, rows["LIB-T-2"].library_state) == (LibraryState.ARCHIVED,
                                                                               LibraryState.IN_PROGRESS)
    column = [c.key for c in model.columns].index("window_end")
    shown = {model.data(model.index(i, 0)): model.data(model.index(i, column)) for i in range(model.rowCount())}
    assert (shown["LIB-T-1"], shown["LIB-T-2"]) == ("Archived — available on request", "In progress")


@pytest.mark.threaded_tasks
def test_a_change_refreshes_the_tab_in_the_background_and_keeps_the_selection(qtbot: QtBot,
                                                                              window: MainWindow) -> None:
    tab = window.referrals
    target = tab.model.row_at(2).id
    assert tab.select_id(target)
    services = window.ctx.services
    services.referrals.create(ReferralInput(reference="NSCP-T-999", received_date=services.ctx.today(),
                                            child_pseudonym="Child Z", la_aware_date=services.ctx.today()))
    window.ctx.bus.emit_changes(Changes.of("referral"))
    assert tab.loading  # the reload runs on a worker thread; the window stays responsive
    qtbot.waitUntil(lambda: not tab.loading)
    assert tab.model.rowCount() == 4
    assert tab.selected_id() == target


def test_column_layout_is_saved_and_restored(qtbot: QtBot, filled_url: str, paths: AppPaths) -> None:
    first = create_main_window(filled_url, paths=paths)
    qtbot.addWidget(first)
    first.referrals.table.horizontalHeader().resizeSection(1, 321)
    first.close()
    second = create_main_window(filled_url, paths=paths)
    qtbot.addWidget(second)
    assert second.referrals.table.horizontalHeader().sectionSize(1) == 321



def test_a_list_that_cannot_reload_says_so_and_logs_the_stack_without_the_message(
        qtbot, demo_window, caplog, monkeypatch) -> None:
    import logging

    from scpdesk.logs import FORMAT, StackOnlyFormatter

    tab = demo_window.referrals

    secret = "reading Child A's summary: " + "Jane Smith"

    def broken_load() -> list:
        raise RuntimeError(secret)

    monkeypatch.setattr(tab, "load_rows", broken_load)
    caplog.set_level(logging.WARNING, logger="scpdesk.ui.list_tab")
    tab.refresh()
    qtbot.waitUntil(lambda: not tab.loading, timeout=5000)
    assert tab.summary.text() == "Could not reload the list; see the log."
    record = next(r for r in caplog.records if "failed" in r.getMessage())
    assert record.exc_info is not None  # the stack travels with the record
    written = StackOnlyFormatter(FORMAT).format(record)
    assert "in broken_load" in written and "Jane" not in written


@pytest.mark.threaded_tasks
def test_closing_while_a_save_is_written_waits_for_it_and_says_how_it_ended(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tester (issue 12): the window closed once the write pool had been waited on for 10 s, whether the save
    had finished or not, and its answer (queued for the GUI thread) was never delivered before the app quit: a
    save still running was abandoned, and a failed save was never said."""
    import threading

    from scpdesk.errors import StorageError
    from scpdesk.ui import main_window, ops

    said: list[str] = []
    monkeypatch.setattr(ops, "plain_message", lambda parent, title, text, **kw: said.append(text))
    monkeypatch.setattr(main_window.MainWindow, "_plain_message", lambda self, icon, title, text: said.append(text))
    monkeypatch.setattr(main_window.MainWindow, "CLOSE_WAIT_MS", 200, raising=False)
    release = threading.Event()

    def slow_failing_save(_services: object) -> None:
        release.wait(10)
        raise StorageError("the server did not answer", hint="try again")

    ops.save(window, window.ctx, slow_failing_save, lambda _r: None)
    window.close()  # the save is still being written: the window stays, and says why
    assert window.isVisible()
    assert len(said) == 1 and "still being saved" in said[0], said
    release.set()
    qtbot.waitUntil(lambda: len(said) == 2, timeout=5000)  # the first save's failure is said too
    assert "the server did not answer" in said[1]
    said.clear()
    ops.save(window, window.ctx, lambda _s: (_ for _ in ()).throw(StorageError("disk full", hint="free space")),
             lambda _r: None)
    window.tasks.writes.waitForDone(5000)
    window.close()  # the failed save's answer is delivered before the window goes
    assert not window.isVisible()
    assert len(said) == 1 and "disk full" in said[0]

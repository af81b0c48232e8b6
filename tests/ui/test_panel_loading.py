"""The meeting and review panels read in the background (issue 12): the GUI thread never waits on the database,
a read that arrives late is never painted over the record chosen since, and a form after a clash takes the
colleague's version only once it is on screen. Jobs are delivered by hand (the manual runner), in the order
each test chooses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import delete
from uihelpers import Answers, fill

from scpdesk.services import ServiceContext
from scpdesk.services.panel.meetings import MeetingService
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.loading_panel import BackgroundDetailPanel
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.tasks import TaskRunner


def _manual(window: MainWindow) -> TaskRunner:
    runner = window.ctx.tasks
    runner.mode = "manual"  # from now on jobs wait until the test delivers them
    return runner


def _deliver_newest_first(runner: TaskRunner) -> None:
    """The later read finishes first (a slow query for the first choice): run the waiting jobs backwards."""
    runner._pending.reverse()
    runner.run_pending()


def _deliver_one(runner: TaskRunner, index: int = 0) -> None:
    """Only the waiting job at ``index`` finishes now (what it starts waits)."""
    fn, done, failed = runner._pending.pop(index)
    runner._deliver(fn, done, failed)


def _two_meetings(window: MainWindow) -> tuple[int, int]:
    rows = window.ctx.services.meetings.list_rows()
    return rows[0].id, rows[1].id


def _two_reviews(window: MainWindow) -> tuple[int, int]:
    from scpdesk.services.library.library import LibraryQuery

    ids = window.ctx.services.library.ids(LibraryQuery())  # (the library's rows may still be on their way)
    return ids[0], ids[1]


PANELS: dict[str, tuple[Callable[[MainWindow], Any], Callable[[Any, int | None], None],
                        Callable[[MainWindow], tuple[int, int]]]] = {
    "meeting": (lambda w: w.panel.detail, lambda p, i: p.show_meeting(i), _two_meetings),
    "review": (lambda w: w.library.detail, lambda p, i: p.show_review(i), _two_reviews),
}


@pytest.mark.parametrize("kind", sorted(PANELS))
def test_a_record_loads_in_the_background_and_says_so(demo_window: MainWindow, kind: str) -> None:
    panel_of, show, two = PANELS[kind]
    first, _ = two(demo_window)
    panel: BackgroundDetailPanel[Any] = panel_of(demo_window)
    runner = _manual(demo_window)
    show(panel, first)
    assert panel.header.text() == "Loading…" and panel.loading and not panel.isEnabled()
    assert panel.detail is None  # nothing read on the GUI thread: the record arrives with the job
    runner.run_pending()
    assert panel.detail.id == first and panel.isEnabled() and not panel.loading
    assert panel.header.text().startswith(panel.detail.reference)


@pytest.mark.parametrize("kind", sorted(PANELS))
@pytest.mark.parametrize("order", ["in order", "newest first"])
def test_a_late_read_never_replaces_the_record_chosen_since(demo_window: MainWindow, kind: str, order: str) -> None:
    panel_of, show, two = PANELS[kind]
    first, second = two(demo_window)
    panel = panel_of(demo_window)
    runner = _manual(demo_window)
    show(panel, first)
    show(panel, second)  # the user clicked on before the first arrived
    if order == "in order":
        runner.run_pending()
    else:
        _deliver_newest_first(runner)
    assert panel.detail.id == second
    assert panel.header.text().startswith(panel.detail.reference)
    assert runner.dropped == 1


def test_the_review_record_follows_the_choice_and_a_reload_keeps_its_place(demo_window: MainWindow) -> None:
    """Another review's record is shown from its top with its own values; a reload of the same review (after a
    save) leaves the record where the user had scrolled it."""
    first, second = _two_reviews(demo_window)
    demo_window.resize(1280, 720)
    demo_window.tabs.setCurrentWidget(demo_window.library)
    panel = demo_window.library.detail
    runner = _manual(demo_window)
    panel.show_review(first)
    runner.run_pending()
    bar = panel.record_area.verticalScrollBar()
    assert bar.maximum() > 0  # the record is longer than its box
    bar.setValue(bar.maximum())
    panel.reload()
    runner.run_pending()
    assert bar.value() == bar.maximum() > 0
    panel.show_review(second)
    runner.run_pending()
    assert bar.value() == 0 and panel.detail.id == second
    values = [label.text() for label in panel.record_values]
    assert values[:3] == [panel.detail.reference, panel.detail.title, panel.detail.pseudonym or "—"]
    assert values[-1].endswith(f"UTC by {panel.detail.updated_by}")


@pytest.mark.parametrize("kind", sorted(PANELS))
def test_choosing_nothing_while_a_read_runs_keeps_the_panel_empty(demo_window: MainWindow, kind: str) -> None:
    panel_of, show, two = PANELS[kind]
    first, _ = two(demo_window)
    panel = panel_of(demo_window)
    runner = _manual(demo_window)
    show(panel, first)
    show(panel, None)
    runner.run_pending()
    assert panel.detail is None and not panel.isEnabled()


def test_a_meeting_deleted_meanwhile_is_said_in_the_panel(demo_window: MainWindow) -> None:
    from scpdesk.models.meetings import Meeting

    first, _ = _two_meetings(demo_window)
    panel = demo_window.panel.detail
    runner = _manual(demo_window)
    panel.show_meeting(first)
    with demo_window.ctx.services.db.sessions() as s, s.begin():  # another machine removed it meanwhile
        s.execute(delete(Meeting).where(Meeting.id == first))
    runner.run_pending()
    assert panel.detail is None and not panel.isEnabled()
    assert panel.header.text().startswith("The meeting could not be shown:")


def test_after_a_clash_the_form_takes_the_new_version_only_once_it_is_shown(demo_window: MainWindow,
                                                                           answers: Answers) -> None:
    """Minutes saved over a colleague's: the form names who and stays open; the panel's reload is still on
    its way, so the form keeps the version it opened with until the colleague's version is on screen."""
    panel = demo_window.panel.detail
    meeting = next(m for m in demo_window.ctx.services.meetings.list_rows() if m.items)
    demo_window.panel.select_id(meeting.id)
    item = panel.detail.items[0]
    panel.tabs.setCurrentIndex(2)
    panel.minutes_view.selectRow(panel.minutes_items.row_of_id(item.id))
    services = demo_window.ctx.services
    colleague = ServiceContext(services.db, user="colleague.b", clock=services.ctx.clock)

    MeetingService(colleague).record_minutes(item.id, item.version, minutes="Theirs", decision="")
    runner = demo_window.ctx.tasks

    def type_then_wait(dialog: Any) -> None:
        fill(minutes="Mine")(dialog)
        runner.mode = "manual"  # from the first Save on, the jobs wait for the test

    answers.append(type_then_wait)
    assert not panel.record_minutes()  # the save is on its way: the form is still open
    dialog = answers.failed[-1]
    assert dialog.saving and len(runner._pending) == 1
    _deliver_one(runner)  # the save clashes; the panel's reload is started
    assert "colleague.b" in dialog.error.text() and not dialog.saving
    assert dialog.widget("minutes").toPlainText() == "Mine"  # the typing is kept
    assert len(runner._pending) == 1
    dialog.try_submit()  # Save again before the colleague's version is on screen
    _deliver_one(runner, -1)  # this save finishes before the reload
    assert "colleague.b" in dialog.error.text()  # still against the version the form showed: a clash again
    runner.run_pending()  # the reloads arrive (the older one is dropped)
    shown = panel._item(item.id)
    assert shown is not None and shown.minutes == "Theirs"
    dialog.try_submit()  # now the form saves over the colleague's version, which the user has seen
    runner.run_pending()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = next(i for i in services.meetings.get(meeting.id).items if i.id == item.id)
    assert saved.minutes == "Mine"


def test_the_learning_summary_saves_on_the_write_thread_with_the_typing_locked_meanwhile(
        demo_window: MainWindow) -> None:
    tab = demo_window.library
    review_id = tab.model.all_rows[0].id
    assert tab.select_id(review_id)
    panel = tab.detail
    services = demo_window.ctx.services
    runner = _manual(demo_window)
    panel.sections["about"].setPlainText("About this review, as typed")
    assert panel.save_summary()  # on its way
    assert panel.save_summary_button.text() == "Saving…" and not panel.save_summary_button.isEnabled()
    assert panel.sections["about"].isReadOnly()  # nothing typed now could be lost or half saved
    assert not panel.save_summary()  # a second press while the first is being written does nothing
    assert services.summaries.content(review_id).about != "About this review, as typed"
    runner.run_pending()
    assert services.summaries.content(review_id).about == "About this review, as typed"
    assert plain_text(panel.save_summary_button.text()) == "Save learning summary"
    assert not panel.sections["about"].isReadOnly()
    assert not panel.has_unsaved_typing() and panel.summary_error.text() == ""


@pytest.mark.threaded_tasks
def test_with_real_worker_threads_the_panels_fill_and_nothing_queries_on_the_gui_thread(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    import threading

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    window = demo_window
    qtbot.waitUntil(lambda: not window.ctx.tasks.busy and not window.library.loading, timeout=30_000)
    meeting, _ = _two_meetings(window)
    review, _ = _two_reviews(window)
    on_gui: list[str] = []

    def watch(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            on_gui.append(statement.split()[0])

    event.listen(Engine, "before_cursor_execute", watch)
    try:
        window.panel.detail.show_meeting(meeting)
        window.library.detail.show_review(review)
        qtbot.waitUntil(lambda: window.panel.detail.meeting_id == meeting
                        and window.library.detail.review_id == review, timeout=30_000)
        qtbot.waitUntil(lambda: not window.ctx.tasks.busy, timeout=30_000)
    finally:
        event.remove(Engine, "before_cursor_execute", watch)
    assert on_gui == []
    assert window.panel.detail.isEnabled() and window.library.detail.isEnabled()

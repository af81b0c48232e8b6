"""Issue 14, the Today tab: what is due across everything, grouped, each row saying what, which case, when, how
late or how long left and whose; Enter opens the record in its tab; "Mine" and the kind filter; never "nothing
due" when the list failed; snoozes; reminders at start and each new day (the status bar offscreen: no tray).

The Today service is the today-core slice's: these tests hand the tab lists built by hand (tests/todayitems.py)
through ``read_today``, the one call the tab makes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from conftest import DEMO_TODAY
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from todayitems import TODAY, item, sample

from scpdesk.clock import PinnedClock
from scpdesk.errors import StorageError
from scpdesk.models.timeframes import working_days_between
from scpdesk.services.dto import RecordLink
from scpdesk.services.library.library import LibraryQuery
from scpdesk.services.registry import Services
from scpdesk.services.today import Group, ItemKind, Me, TodayList
from scpdesk.ui import today_tab
from scpdesk.ui.context import AppContext, ChangeBus
from scpdesk.ui.keyboard import plain_text
from scpdesk.ui.main_window import MainWindow
from scpdesk.ui.tasks import TaskRunner
from scpdesk.ui.today_tab import EMPTY, NO_PERSON, SnoozeDialog, TodayTab

DAY = dt.timedelta(days=1)


@pytest.fixture
def tab(qtbot: QtBot, tmp_path) -> TodayTab:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(services=None, settings=settings, bus=ChangeBus(), tasks=TaskRunner())
    widget = TodayTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    return widget


def rows(tab: TodayTab) -> list[list[str]]:
    """The view as the user reads it: each group's row, then its items' cells."""
    model, out = tab.model, []
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        out.append([model.data(group)])
        for r in range(model.rowCount(group)):
            out.append([model.data(model.index(r, c, group)) for c in range(model.columnCount())])
    return out


def test_the_groups_say_their_counts_and_each_row_what_case_due_days_and_whose(tab: TodayTab, qtmodeltester) -> None:
    tab.show_list(sample())
    qtmodeltester.check(tab.model)
    assert rows(tab) == [
        ["Overdue (1)"],
        ["SIN to the National Panel", "Child A — RR-2026-001", "Mon 23 Nov 2026", "2 working days late",
         "A. Khan (Northbrook Constabulary)", "paused: awaiting police disclosure"],
        ["Waiting for a start date (1)"],
        ["Rapid review", "Child B — RR-2026-002", "No date yet", "Needs the LA-aware date", "Nobody named", ""],
        ["Due this week (1)"],
        ["Rapid Review Panel", "RRP-5", "Thu 26 Nov 2026", "Due tomorrow", "Nobody named",
         "Not quorate: police not represented"],
        ["Next 4 weeks (1)"],
        ["Audit of strategy meetings", "Child C — LCSPR-2025-01", "Mon 7 Dec 2026", "9 working days left",
         "Northbrook Council", ""],
    ]
    late = tab.model.index(0, 3, tab.model.index(0, 0))
    on_time = tab.model.index(0, 3, tab.model.index(2, 0))
    assert tab.model.data(late, Qt.ItemDataRole.ForegroundRole).color() == QColor("#a61b1b")  # red, and says "late"
    assert tab.model.data(on_time, Qt.ItemDataRole.ForegroundRole) is None
    assert "paused: awaiting police disclosure" in tab.model.data(late, Qt.ItemDataRole.ToolTipRole)
    assert tab.summary.text() == "Today, Wed 25 Nov 2026: 1 overdue, 4 items in all"
    assert tab.view.isVisible() and not tab.message.isVisible()


def test_nothing_due_is_said_only_of_a_list_read_and_empty_never_of_one_that_failed(tab: TodayTab) -> None:
    tab.show_failure(StorageError("The database server cannot be reached."))
    assert tab.message.isVisible() and tab.model.rowCount() == 0
    assert tab.message.text() == "The Today list could not be loaded: The database server cannot be reached."
    assert EMPTY not in tab.message.text() and tab.summary.text() == "Not loaded"
    tab.show_list(TodayList(TODAY, (), Me("coordinator.a")))
    assert tab.message.text() == EMPTY and tab.message.isVisible() and tab.model.rowCount() == 0
    assert not tab.view.isVisible()  # the words alone
    tab.show_list(sample())
    tab.show_failure(RuntimeError("bug"))  # a reload that failed keeps the rows read before, and says so
    assert tab.model.count() == 4
    assert tab.message.text() == "The Today list could not be loaded; see the log. File → Refresh tries again."


def test_mine_needs_a_linked_person_and_then_keeps_their_and_their_agencys_items(tab: TodayTab) -> None:
    tab.show_list(sample())
    assert not tab.mine.isEnabled() and tab.mine.toolTip() == NO_PERSON
    assert "Settings → People → Signs in as" in NO_PERSON
    tab.show_list(sample(Me("coordinator.a", person_id=7, person_name="A. Khan", agency_id=4,
                            agency_name="Northbrook Council")))
    assert tab.mine.isEnabled() and tab.mine.toolTip() == "Only the items of A. Khan or Northbrook Council."
    tab.mine.setChecked(True)
    assert [r[0] for r in rows(tab)] == ["Overdue (1)", "SIN to the National Panel", "Next 4 weeks (1)",
                                         "Audit of strategy meetings"]
    tab.kind.setCurrentIndex(tab.kind.findData(ItemKind.MEETING.value))
    assert tab.model.rowCount() == 0 and tab.message.isVisible()
    assert tab.message.text() == "Nothing matches the filters (4 items hidden by them)."  # not "nothing due"
    tab.mine.setChecked(False)
    assert [r[0] for r in rows(tab)] == ["Due this week (1)", "Rapid Review Panel"]
    assert tab.summary.text() == "Today, Wed 25 Nov 2026: 1 overdue, 4 items in all, 1 shown"


def test_snooze_marks_the_row_and_keeps_it_listed(tab: TodayTab, monkeypatch: pytest.MonkeyPatch) -> None:
    tab.show_list(sample())
    tab.view.setCurrentIndex(tab.model.index_of("referral-1-sin"))
    monkeypatch.setattr(SnoozeDialog, "ask", classmethod(lambda cls, parent, it, today: dt.date(2026, 12, 5)))
    assert tab.snooze_current()
    assert tab.model.data(tab.model.index(0, 5, tab.model.index(0, 0))) == \
        "snoozed until 5 Dec · paused: awaiting police disclosure"
    assert tab.store.state().snoozes == {"referral-1-sin": dt.date(2026, 12, 5)}
    tab.unsnooze("referral-1-sin")
    assert tab.model.data(tab.model.index(0, 5, tab.model.index(0, 0))) == "paused: awaiting police disclosure"


def test_the_snooze_dialog_offers_the_next_working_day(qtbot: QtBot) -> None:
    friday = dt.date(2026, 11, 27)
    dialog = SnoozeDialog(sample().items[0], friday)
    qtbot.addWidget(dialog)
    assert dialog.date.date().toPython() == dt.date(2026, 11, 30)
    assert dialog.date.minimumDate().toPython() == friday + DAY


# In the window, on the demo records ------------------------------------------------------------------------
def demo_list(services: Services, today: dt.date) -> TodayList:
    """Items that link to real demo records: a referral (its clocks), a meeting, a review's action plan."""
    referral = services.referrals.list_rows()[0]
    meeting = services.meetings.list_rows()[0]
    review = services.library.ids(LibraryQuery())[-1]
    items = (
        item("referral-sin", due=today - 2 * DAY, working_days=-2, group=Group.OVERDUE, reference=referral.reference,
             link=RecordLink("referrals", referral.id, "rapid_review")),
        item("action", due=today + 2 * DAY, working_days=2, group=Group.THIS_WEEK, kind=ItemKind.ACTION,
             link=RecordLink("library", review, "actions")),
        item("meeting", due=today + 3 * DAY, working_days=3, group=Group.THIS_WEEK, kind=ItemKind.MEETING,
             link=RecordLink("panel", meeting.id, "actions")),
    )
    return TodayList(today, items, Me("coordinator.a"))


def feed(monkeypatch: pytest.MonkeyPatch, window: MainWindow, make: Callable[[Services, dt.date], TodayList]) -> None:
    monkeypatch.setattr(today_tab, "read_today", lambda s: make(s, s.ctx.today()))
    window.today.refresh()


def current_tab_title(window: MainWindow) -> str:
    return window.tabs.tabText(window.tabs.currentIndex())


def inner_tab(detail: object) -> str:
    tabs = detail.tabs  # type: ignore[attr-defined]
    return plain_text(tabs.tabText(tabs.currentIndex()))


def open_row(window: MainWindow, key: str) -> None:
    index = window.today.model.index_of(key)
    assert index.isValid()
    window.today.view.setCurrentIndex(index)
    window.today.view.activated.emit(index)


def test_opening_a_row_chooses_its_record_in_its_tab_on_the_right_part(qtbot: QtBot, demo_window: MainWindow,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    window = demo_window
    feed(monkeypatch, window, demo_list)
    links = {i.key: i.link for i in window.today.list.items}  # type: ignore[union-attr]
    open_row(window, "referral-sin")
    assert current_tab_title(window) == "Referrals"
    assert window.referrals.selected_id() == links["referral-sin"].record_id
    qtbot.waitUntil(lambda: window.referrals.detail.referral_id == links["referral-sin"].record_id)
    assert inner_tab(window.referrals.detail) == "Rapid review"
    window.tabs.setCurrentWidget(window.today)
    open_row(window, "meeting")
    assert current_tab_title(window) == "Rapid Review Panel"
    assert window.panel.selected_id() == links["meeting"].record_id
    assert inner_tab(window.panel.detail) == "Minutes and decisions"  # a meeting's actions are with its minutes
    window.tabs.setCurrentWidget(window.today)
    open_row(window, "action")
    qtbot.waitUntil(lambda: window.library.selected_id() == links["action"].record_id)
    assert current_tab_title(window) == "Review Library" and inner_tab(window.library.detail) == "Action plan"


def test_a_record_the_list_filters_out_is_shown_all_the_same(qtbot: QtBot, demo_window: MainWindow,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = demo_window
    feed(monkeypatch, window, demo_list)
    window.referrals.search.setText("no referral matches this")
    assert window.referrals.model.rowCount() == 0
    window.library.view.setCurrentIndex(window.library.view.findData("published"))
    window.library.search.setText("zzzz no review")
    qtbot.waitUntil(lambda: not window.library.loading)
    assert window.library.model.rowCount() == 0
    for key in ("referral-sin", "action"):
        window.tabs.setCurrentWidget(window.today)
        open_row(window, key)
        wanted = window.today.model.item_at(window.today.model.index_of(key)).link.record_id  # type: ignore[union-attr]
        tab = window.referrals if key == "referral-sin" else window.library
        qtbot.waitUntil(lambda tab=tab, wanted=wanted: tab.selected_id() == wanted)
        assert tab.search.text() == ""
        assert window.statusBar().currentMessage() == "The list's filters were cleared to show the record."
    assert window.library.view.currentData() == "all"
    assert not window.open_record(RecordLink("referrals", 999_999))  # gone since: said, not a crash
    assert "not in the list shown" in window.statusBar().currentMessage()


def test_reminders_at_start_then_only_what_is_new_each_day_and_never_when_off(
        qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch, clock: PinnedClock) -> None:
    window = demo_window

    def days(services: Services, today: dt.date) -> TodayList:
        """Fixed due dates seen from the clock's day (Wed 25 Nov: one late, one due Fri 27, one Mon 30)."""
        dues = {"late": DEMO_TODAY - DAY, "fri": DEMO_TODAY + 2 * DAY, "mon": DEMO_TODAY + 5 * DAY}
        return TodayList(today, tuple(
            item(key, due=due, working_days=working_days_between(today, due),
                 group=Group.OVERDUE if due < today else Group.THIS_WEEK) for key, due in dues.items()), Me("x"))

    said: list[str] = []
    window.reminders.notified.connect(said.append)
    window.reminders.owed = True  # as at start, once the database is open
    feed(monkeypatch, window, days)
    assert said == ["1 item newly overdue"]
    assert window.statusBar().currentMessage() == \
        "Reminder: 1 item newly overdue — Ctrl+1 shows them on the Today view."  # offscreen: no system tray
    window.reminders.check_now()  # an hour later: nothing new
    window.today.check_day()  # the same day: nothing read
    assert said == ["1 item newly overdue"]
    clock.set(DEMO_TODAY + DAY)  # Thursday: Friday's item is due tomorrow
    window.today.check_day()  # (the minute timer's check)
    assert said[-1] == "1 item due tomorrow"
    window.today.view.setCurrentIndex(window.today.model.index_of("mon"))
    monkeypatch.setattr(SnoozeDialog, "ask", classmethod(lambda cls, parent, it, today: DEMO_TODAY + 6 * DAY))
    assert window.today.snooze_current()  # Monday's item snoozed until Tuesday
    clock.set(DEMO_TODAY + 2 * DAY)  # Friday: Friday's item is due today (already said); Monday's is snoozed
    window.today.check_day()
    assert said[-1] == "1 item due tomorrow" and len(said) == 2
    assert window.today.model.data(window.today.model.index_of("mon").siblingAtColumn(5)) == "snoozed until 1 Dec"
    window.today.store.set_enabled(False)  # Settings → Reminders: off
    clock.set(DEMO_TODAY + 7 * DAY)
    window.today.check_day()
    assert len(said) == 2
    assert window.reminders.hourly.interval() == 3_600_000 and window.reminders.hourly.isActive()
    assert window.today.day_timer.isActive() and window.today.day_timer.interval() <= 60_000


def test_a_change_saved_elsewhere_reloads_the_today_list(qtbot: QtBot, demo_window: MainWindow,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = demo_window
    reads: list[dt.date] = []

    def count(services: Services, today: dt.date) -> TodayList:
        reads.append(today)
        return TodayList(today, (), Me("x"))

    window.tabs.setCurrentWidget(window.today)
    feed(monkeypatch, window, count)
    from scpdesk.services.dto import Changes

    window.ctx.bus.emit_changes(Changes.of("referral", 1))
    assert len(reads) == 2 and window.today.message.text() == EMPTY


def test_the_figures_button_asks_the_window_for_the_figures(tab: TodayTab) -> None:
    asked: list[bool] = []
    tab.figures_requested.connect(lambda: asked.append(True))
    tab.figures_button.click()
    assert asked == [True]


def test_the_model_has_no_rows_under_items_and_answers_nothing_for_nonsense(tab: TodayTab) -> None:
    tab.show_list(sample())
    child = tab.model.index(0, 0, tab.model.index(0, 0))
    assert tab.model.rowCount(child) == 0 and tab.model.item_at(QModelIndex()) is None
    assert tab.model.parent(child) == tab.model.index(0, 0)
    assert dataclasses.replace(sample().items[0], note="").note == ""


def test_reminders_are_switched_off_in_settings_by_the_user_on_this_computer(qtbot: QtBot,
                                                                             demo_window: MainWindow) -> None:
    from scpdesk.ui.settings_window import SettingsWindow

    settings = SettingsWindow(demo_window.ctx, demo_window)
    qtbot.addWidget(settings)
    page = settings.pages["Reminders"]
    box = page.enabled  # type: ignore[attr-defined]
    assert box.isChecked() and page.isEnabled()
    box.setChecked(False)
    assert not demo_window.today.store.enabled()
    assert demo_window.ctx.settings.value("reminders/enabled") in (False, "false")


def test_a_first_page_with_the_today_list_paints_today_rows_first(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The start's first page (read straight from the file) carries the Today list: its rows are the first
    painted, and that paint is what opens the database behind them (``first_rows_painted``)."""
    from PySide6.QtCore import QSettings

    from scpdesk.services.referrals.first_page import FirstPage

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, database="Local file: x", user="u")
    qtbot.addWidget(window)
    page = FirstPage(rows=(), total=0, idle_minutes=10, configured=True, today=sample())
    window.show_first_page(page)
    assert window.tabs.currentWidget() is window.today and window.today.model.count() == 4
    with qtbot.waitSignal(window.first_rows_painted):
        window.show()
    assert window.services is None  # shown before the database is open


def test_clicking_a_reminder_shows_the_today_view(demo_window: MainWindow) -> None:
    assert demo_window.tabs.currentWidget() is demo_window.referrals
    demo_window.reminders.open_today.emit()  # the tray's message clicked
    assert demo_window.tabs.currentWidget() is demo_window.today


def test_a_first_screens_part_of_the_list_says_the_rest_is_loading(tab: TodayTab) -> None:
    partial = dataclasses.replace(sample(), complete=False)  # only the first items
    tab.show_list(partial)
    assert [r[0] for r in rows(tab) if len(r) == 1] == ["Overdue (1)", "Waiting for a start date (1)",
                                                         "Due this week (1)", "Next 4 weeks (1 so far)"]
    assert tab.summary.text() == "Today, Wed 25 Nov 2026: the first 4 items; the rest are loading…"
    tab.kind.setCurrentIndex(tab.kind.findData(ItemKind.ARCHIVE_REQUEST.value))
    assert tab.message.text() == "Nothing matches the filters (4 items hidden by them). The rest of the list is " \
                                 "loading…"
    tab.kind.setCurrentIndex(0)
    tab.show_list(sample())  # the whole list
    assert rows(tab)[-2] == ["Next 4 weeks (1)"] and tab.summary.text().endswith("4 items in all")


def test_reminders_wait_for_the_whole_list(demo_window: MainWindow) -> None:
    said: list[str] = []
    demo_window.reminders.notified.connect(said.append)
    demo_window.reminders.owed = True
    partial = dataclasses.replace(sample(), complete=False)
    demo_window.today.show_list(partial)  # a first screen's part: nothing said yet, still owed
    assert said == [] and demo_window.reminders.owed
    demo_window.today.show_list(sample())
    assert said == ["1 item newly overdue, 1 due tomorrow"] and not demo_window.reminders.owed


def test_a_filter_changed_after_a_failed_reload_still_says_the_list_was_not_loaded(tab: TodayTab) -> None:
    """A reload that failed after "Nothing due" (or after rows) is not hidden by the next filter change: the
    words and the summary keep saying the list could not be loaded, never "Nothing due"."""
    tab.show_list(TodayList(TODAY, (), Me("coordinator.a")))
    tab.show_failure(StorageError("The database server cannot be reached."))
    tab.kind.setCurrentIndex(2)
    assert EMPTY not in tab.message.text() and tab.message.isVisible()
    assert tab.message.text() == "The Today list could not be loaded: The database server cannot be reached."
    assert tab.summary.text() == "Not loaded"
    tab.show_list(sample())
    tab.show_failure(StorageError("The database server cannot be reached."))
    tab.kind.setCurrentIndex(0)
    assert tab.model.count() == 4  # the rows read before stay, and the failure is still said
    assert tab.message.isVisible() and "could not be loaded" in tab.message.text()
    assert tab.summary.text() == "Not loaded"
    tab.show_list(sample())  # the next read that works clears it
    assert not tab.message.isVisible() and tab.summary.text().startswith("Today, ")


def _read_as(tip: str) -> str:
    """A tooltip as the user reads it: Qt shows text that looks like markup as rich text."""
    from PySide6 import QtGui
    from PySide6.QtGui import QTextDocument

    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def test_typed_text_in_a_rows_and_the_mine_tooltip_reads_as_typed_never_as_markup(tab: TodayTab) -> None:
    typed = "<b>Audit</b> & <s>strategy</s> <img src='/etc/x.png'>"
    found = TodayList(TODAY, (item("action-1", due=TODAY, working_days=0, group=Group.THIS_WEEK, kind=ItemKind.ACTION,
                                   what=typed, case="Child <i>A</i>", owner="<u>Agency</u>",
                                   note="<font color=white>hidden</font>"),),
                      Me("coordinator.a", person_id=7, person_name="<b>A. Khan</b>", agency_id=None, agency_name=""))
    tab.show_list(found)
    index = tab.model.index(0, 0, tab.model.index(0, 0))
    shown = _read_as(tab.model.data(index, Qt.ItemDataRole.ToolTipRole))
    assert shown.splitlines() == [typed, "Child <i>A</i> — RR-1", "Due today", "<u>Agency</u>",
                                  "<font color=white>hidden</font>"]
    assert _read_as(tab.mine.toolTip()) == "Only the items of <b>A. Khan</b>."


def test_a_pseudonym_holding_a_right_to_left_override_cannot_reverse_the_reference_after_it(tab: TodayTab) -> None:
    """U+202E in a typed pseudonym would run on over " — RR-1" (shown "1-RR — Z dlihC"): the pseudonym is isolated
    (FSI … PDI) so the reference reads as stored; ordinary pseudonyms, right-to-left letters too, are shown as they
    are."""
    tab.show_list(TodayList(TODAY, (
        item("referral-1-sin", due=TODAY, working_days=0, group=Group.THIS_WEEK, case="\u202eChild Z"),
        item("referral-2-sin", due=TODAY, working_days=0, group=Group.THIS_WEEK, case="ילד א", reference="RR-2")),
        Me("coordinator.a")))
    group = tab.model.index(0, 0)
    assert tab.model.data(tab.model.index(0, 1, group)) == "\u2068\u202eChild Z\u2069 — RR-1"
    assert tab.model.data(tab.model.index(1, 1, group)) == "ילד א — RR-2"

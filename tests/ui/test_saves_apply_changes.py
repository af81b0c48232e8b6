"""A save applies what the write returned (issue 12; Anki's CollectionOp): the detail shows the screen the write
read in its own transaction, the Referrals list patches the one row it changed, tabs not on screen reload when
shown, and the open meeting reloads only when the change touches one of its cases. Each test counts the reads
the window asks the services for (never times); a colleague's change still shows through the reload paths."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from uihelpers import Answers, fill, settle

from scpdesk.models.enums import MeetingKind, ReferralStatus, Route
from scpdesk.services import Changes, ServiceContext, Services
from scpdesk.services.dto import ReferralRow
from scpdesk.services.panel.meetings import MeetingInput
from scpdesk.services.referrals.referral_screen import ReferralScreen
from scpdesk.ui.main_window import MainWindow


class Reads(Counter[str]):
    """How often the window called each counted service read."""


@pytest.fixture
def reads(demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Reads:
    services = demo_window.ctx.services
    counted = Reads()
    for area, names in ((services.referrals, ("list_rows", "first_rows", "screen", "editable")),
                        (services.meetings, ("list_rows", "screen"))):
        for name in names:
            original: Callable[..., Any] = getattr(area, name)

            def counting(*args: Any, _name: str = f"{type(area).__name__}.{name}", _fn: Any = original,
                         **kwargs: Any) -> Any:
                counted[_name] += 1
                return _fn(*args, **kwargs)

            monkeypatch.setattr(area, name, counting)
    return counted


def list_reads(reads: Reads, area: str) -> int:
    return sum(n for name, n in reads.items() if name.endswith(("list_rows", "first_rows")) and area in name)


def row_of(window: MainWindow, referral_id: int) -> ReferralRow:
    return next(r for r in window.referrals.model.all_rows if r.id == referral_id)


def as_listed(window: MainWindow, referral_id: int) -> ReferralRow:
    """The row the list query gives now (what a reload would show), read straight from the services."""
    row = next(r for r in window.ctx.services.referrals.list_rows() if r.id == referral_id)
    return replace(row, open_clocks=())


def pick(window: MainWindow, wanted: Callable[[ReferralRow], bool]) -> int:
    window.tabs.setCurrentWidget(window.referrals)
    row = next(r for r in window.referrals.model.all_rows if wanted(r))
    assert window.referrals.select_id(row.id)
    return row.id


def test_a_saved_edit_shows_in_its_list_row_without_reading_the_list(demo_window: MainWindow, reads: Reads,
                                                                      answers: Answers, qtbot: QtBot) -> None:
    window = demo_window
    rid = pick(window, lambda r: r.status is not ReferralStatus.CLOSED and r.next_due is not None
               and r.state_key is not None)
    panel = window.referrals.detail
    before = row_of(window, rid)
    moved = panel.detail.la_aware_date - dt.timedelta(days=1)
    reads.clear()
    answers.append(fill(la_aware_date=moved, summary="Edited: the LA knew a day earlier"))
    assert panel.edit_details()
    settle(qtbot, window)
    assert panel.detail.summary == "Edited: the LA knew a day earlier"  # the screen the write returned
    assert panel.detail.la_aware_date == moved
    # No read before the form (the screen's values and version), none after (the write returned them).
    assert reads == Counter(), reads
    after = row_of(window, rid)
    assert after.next_due != before.next_due  # the clock moved with the date, in the list row too
    assert replace(after, open_clocks=()) == as_listed(window, rid)  # exactly what a list reload shows
    assert window.referrals.selected_id() == rid


def test_a_workflow_step_patches_its_row_and_the_hidden_tabs_wait_until_shown(demo_window: MainWindow,
                                                                               reads: Reads, answers: Answers,
                                                                               qtbot: QtBot) -> None:
    window = demo_window
    meeting = next(iter(window.panel.model.all_rows))
    window.tabs.setCurrentWidget(window.panel)
    assert window.panel.select_id(meeting.id)
    rid = pick(window, lambda r: r.status is ReferralStatus.RECEIVED and r.route is None)
    reads.clear()
    answers.append(fill(route=Route.LEARNING_REVIEW, notes="QA&S: learning review"))
    assert window.referrals.detail.screen_referral()
    settle(qtbot, window)
    assert reads == Counter(), reads  # neither the list, the screen, nor the Panel tab behind it
    row = row_of(window, rid)
    assert row.route is Route.LEARNING_REVIEW and row.status is ReferralStatus.LEARNING_REVIEW
    assert replace(row, open_clocks=()) == as_listed(window, rid)


def test_a_tab_not_on_screen_reloads_when_it_is_shown(demo_window: MainWindow, reads: Reads,
                                                      qtbot: QtBot) -> None:
    window = demo_window
    window.tabs.setCurrentWidget(window.referrals)
    services = window.ctx.services
    people = services.meetings.people()
    new_id, changes = services.meetings.create(MeetingInput(
        kind=MeetingKind.QAS, meeting_date=dt.date(2026, 12, 16), start_time=dt.time(10, 0), place="Room 2",
        online_link="", chair_id=people[0].id, notes="", member_ids=()))
    reads.clear()
    window.ctx.bus.emit_changes(changes)  # as the Panel tab's own form publishes it
    settle(qtbot, window)
    assert window.panel.stale and list_reads(reads, "Meeting") == 0
    assert all(r.id != new_id for r in window.panel.model.all_rows)
    window.tabs.setCurrentWidget(window.panel)  # shown: reloaded once
    settle(qtbot, window)
    assert not window.panel.stale and list_reads(reads, "Meeting") == 1
    assert any(r.id == new_id for r in window.panel.model.all_rows)


def test_the_open_meeting_reloads_only_for_a_change_to_one_of_its_cases(demo_window: MainWindow, reads: Reads,
                                                                         qtbot: QtBot) -> None:
    window = demo_window
    services = window.ctx.services
    window.tabs.setCurrentWidget(window.panel)
    meeting = next(r for r in window.panel.model.all_rows if r.items)
    assert window.panel.select_id(meeting.id)
    settle(qtbot, window)
    on_agenda = {i.referral_id for i in window.panel.detail.detail.items if i.referral_id is not None}
    assert on_agenda, "the demo meeting has case items"
    elsewhere = next(r.id for r in window.referrals.model.all_rows if r.id not in on_agenda)

    def edit(referral_id: int) -> Changes:
        screen = services.referrals.screen(referral_id)
        return services.referrals.update(referral_id, screen.version, summary=f"Edited {referral_id}")

    changes = edit(elsewhere)
    assert changes.fresh_of(ReferralScreen) is not None
    reads.clear()
    window.ctx.bus.emit_changes(changes)
    settle(qtbot, window)
    assert reads["MeetingArea.screen"] + reads["MeetingService.screen"] == 0, reads  # not one of its cases
    assert list_reads(reads, "Meeting") == 0
    window.ctx.bus.emit_changes(edit(next(iter(on_agenda))))
    settle(qtbot, window)
    assert sum(n for name, n in reads.items() if name.endswith(".screen") and "Meeting" in name) == 1, reads


def test_a_colleagues_change_still_shows_when_the_window_reloads(demo_window: MainWindow, qtbot: QtBot) -> None:
    window = demo_window
    rid = pick(window, lambda r: r.status is ReferralStatus.RECEIVED and r.route is None)
    colleague = Services(ServiceContext(window.ctx.services.db, user="coordinator.b",
                                        clock=window.ctx.services.ctx.clock))
    colleague.workflow.screen(rid, colleague.referrals.screen(rid).version, route=Route.LEARNING_REVIEW,
                              screened_date=colleague.ctx.today(), notes="Theirs")
    assert row_of(window, rid).route is None  # their write told this window nothing
    window.refresh()  # View → Reload (and every tab shown after a change elsewhere)
    settle(qtbot, window)
    assert row_of(window, rid).route is Route.LEARNING_REVIEW
    assert window.referrals.detail.detail.route is Route.LEARNING_REVIEW
    assert window.referrals.detail.detail.updated_by == "coordinator.b"


def test_the_library_not_on_screen_reloads_when_it_is_shown(demo_window: MainWindow, qtbot: QtBot,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = demo_window
    window.tabs.setCurrentWidget(window.referrals)
    tab = window.library
    asked: list[int] = []
    original = tab.refresh
    monkeypatch.setattr(tab, "refresh", lambda: (asked.append(1), original())[-1])
    window.ctx.bus.emit_changes(Changes.of("review", 1))  # e.g. a decision that created a library record
    settle(qtbot, window)
    assert tab.stale and asked == []
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, window)
    assert not tab.stale and asked == [1]

"""Reminders (issue 14): which Today items to notify — newly overdue or due by the next working day — given what
was already notified and the snoozes. The clock is the test's: each case says its day."""

from __future__ import annotations

import datetime as dt

from todayitems import TODAY, item

from scpdesk.services.reminders import ReminderState, decide, snooze, snoozed_until, unsnooze
from scpdesk.services.today import Group

DAY = dt.timedelta(days=1)
LATE = item("referral-1-sin", due=TODAY - DAY, working_days=-1, group=Group.OVERDUE)
TOMORROW = item("action-40", due=TODAY + DAY, working_days=1, group=Group.THIS_WEEK)
LATER = item("action-41", due=TODAY + 3 * DAY, working_days=3, group=Group.THIS_WEEK)
TODAY_ITEM = item("action-42", due=TODAY, working_days=0, group=Group.THIS_WEEK)
NO_DATE = item("referral-2-start", due=None, working_days=None, group=Group.NO_DATE)


def test_first_check_notifies_overdue_and_due_tomorrow_once() -> None:
    first = decide([LATE, TOMORROW, LATER, TODAY_ITEM, NO_DATE], TODAY, ReminderState())
    assert [i.key for i in first.overdue] == ["referral-1-sin"]
    assert [i.key for i in first.tomorrow] == ["action-40"]
    assert first.text() == "1 item newly overdue, 1 due tomorrow"
    again = decide([LATE, TOMORROW, LATER], TODAY, first.state)
    assert again.empty and again.text() == ""


def test_the_summary_counts_each_kind() -> None:
    late = [item(f"a-{n}", due=TODAY - DAY, working_days=-1, group=Group.OVERDUE) for n in range(3)]
    soon = [item(f"b-{n}", due=TODAY + DAY, working_days=1, group=Group.THIS_WEEK) for n in range(2)]
    assert decide([*late, *soon], TODAY, ReminderState()).text() == "3 items newly overdue, 2 due tomorrow"
    assert decide(soon, TODAY, ReminderState()).text() == "2 items due tomorrow"


def test_an_item_due_tomorrow_is_notified_again_when_it_becomes_overdue() -> None:
    state = decide([TOMORROW], TODAY, ReminderState()).state
    assert decide([TOMORROW], TODAY + DAY, state).empty  # due today: reminded yesterday
    late = item("action-40", due=TODAY + DAY, working_days=-1, group=Group.OVERDUE)
    assert [i.key for i in decide([late], TODAY + 2 * DAY, state).overdue] == ["action-40"]


def test_friday_reminds_of_the_weekend_and_monday_not_tuesday() -> None:
    friday = dt.date(2026, 11, 27)
    sunday = item("meeting-1", due=friday + 2 * DAY, working_days=0, group=Group.THIS_WEEK)
    monday = item("meeting-2", due=friday + 3 * DAY, working_days=1, group=Group.NEXT_4_WEEKS)
    tuesday = item("meeting-3", due=friday + 4 * DAY, working_days=2, group=Group.NEXT_4_WEEKS)
    undated_count = item("meeting-4", due=friday + 3 * DAY, working_days=None, group=Group.NEXT_4_WEEKS)
    chosen = decide([sunday, monday, tuesday, undated_count], friday, ReminderState()).tomorrow
    assert [i.key for i in chosen] == ["meeting-1", "meeting-2", "meeting-4"]


def test_a_moved_due_date_is_reminded_of_again() -> None:
    state = decide([LATE], TODAY, ReminderState()).state
    moved = item("referral-1-sin", due=TODAY - 2 * DAY, working_days=-2, group=Group.OVERDUE)
    assert [i.key for i in decide([moved], TODAY, state).overdue] == ["referral-1-sin"]


def test_a_snoozed_item_waits_for_its_date_then_is_reminded_afresh() -> None:
    state = decide([LATE], TODAY, ReminderState()).state
    state = snooze(state, LATE.key, TODAY + 3 * DAY)
    assert snoozed_until(state, LATE.key, TODAY) == TODAY + 3 * DAY
    new_late = item("action-9", due=TODAY, working_days=-1, group=Group.OVERDUE)
    assert [i.key for i in decide([LATE, new_late], TODAY + DAY, state).overdue] == ["action-9"]
    state = snooze(state, TOMORROW.key, TODAY + 3 * DAY)
    assert decide([LATE, TOMORROW], TODAY + 2 * DAY, state).empty  # both snoozed
    ended = decide([LATE], TODAY + 3 * DAY, state)
    assert [i.key for i in ended.overdue] == ["referral-1-sin"]
    assert snoozed_until(ended.state, LATE.key, TODAY + 3 * DAY) is None and LATE.key not in ended.state.snoozes


def test_unsnooze_and_marks_of_items_gone_are_forgotten() -> None:
    state = snooze(decide([LATE, TOMORROW], TODAY, ReminderState()).state, LATE.key, TODAY + 5 * DAY)
    assert unsnooze(state, LATE.key).snoozes == {}
    kept = decide([LATE], TODAY, state).state  # TOMORROW is no longer listed (done)
    assert all(m.startswith("referral-1-sin|") for m in kept.notified)


def test_the_state_survives_the_settings_file_and_an_unreadable_one_starts_afresh() -> None:
    state = snooze(decide([LATE, TOMORROW], TODAY, ReminderState()).state, "action-40", TODAY + 2 * DAY)
    assert ReminderState.from_json(state.to_json()) == state
    for text in ("", "not json", "[1, 2]", '{"snoozes": {"a": "31/12/2026"}}'):
        assert ReminderState.from_json(text) == ReminderState()

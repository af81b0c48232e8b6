"""Rules 1–15 of domain.md §4: working days, months, clocks and their explanations."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from scpdesk.models.timeframes import (
    DEFAULT_SETTINGS,
    RULE_SETS,
    Calendar,
    Clock,
    ClockRecord,
    ClockRule,
    ClockState,
    Deferral,
    Pause,
    RuleSet,
    SkippedDay,
    add_months,
    add_working_days,
    due_date_for,
    england,
    evaluate_clocks,
    format_date,
    holiday_name,
    is_working_day,
    next_open_clock,
    working_days_between,
)

D = date


def clocks_by_key(record: ClockRecord, today: date, **kwargs: object) -> dict[str, Clock]:
    return {c.key: c for c in evaluate_clocks(record, today=today, **kwargs)}  # type: ignore[arg-type]


def clock(record: ClockRecord, key: str, today: date = D(2026, 1, 2), **kwargs: object) -> Clock:
    return clocks_by_key(record, today, **kwargs)[key]


# --------------------------------------------------------------------------------------------------
# Worked examples (domain.md §4), each through the public functions and through the clocks
# --------------------------------------------------------------------------------------------------


def test_worked_example_sin_due_tue_30_dec_2025_when_la_aware_fri_19_dec_2025() -> None:
    assert add_working_days(D(2025, 12, 19), 5) == D(2025, 12, 30)
    assert clock(ClockRecord(la_aware=D(2025, 12, 19)), "sin").due_date == D(2025, 12, 30)


def test_worked_example_rapid_review_due_wed_14_jan_2026_when_la_aware_fri_19_dec_2025() -> None:
    assert add_working_days(D(2025, 12, 19), 15) == D(2026, 1, 14)
    assert clock(ClockRecord(la_aware=D(2025, 12, 19)), "rapid_review").due_date == D(2026, 1, 14)


def test_worked_example_sin_due_fri_10_apr_2026_skipping_good_friday_and_easter_monday() -> None:
    assert add_working_days(D(2026, 4, 1), 5) == D(2026, 4, 10)
    sin = clock(ClockRecord(la_aware=D(2026, 4, 1)), "sin", today=D(2026, 4, 1))
    assert sin.due_date == D(2026, 4, 10)
    assert SkippedDay(D(2026, 4, 3), "Good Friday") in sin.explanation.skipped
    assert SkippedDay(D(2026, 4, 6), "Easter Monday") in sin.explanation.skipped


def test_worked_example_aware_on_saturday_27_dec_2025_sin_due_mon_5_jan_2026() -> None:
    assert add_working_days(D(2025, 12, 27), 5) == D(2026, 1, 5)
    sin = clock(ClockRecord(la_aware=D(2025, 12, 27)), "sin", today=D(2025, 12, 27))
    assert sin.due_date == D(2026, 1, 5)
    assert SkippedDay(D(2026, 1, 1), "New Year's Day") in sin.explanation.skipped


def test_worked_example_pre_publication_copy_by_fri_20_feb_2026_for_publication_tue_3_mar_2026() -> None:
    assert add_working_days(D(2026, 3, 3), -7) == D(2026, 2, 20)
    copy = clock(ClockRecord(planned_publication=D(2026, 3, 3)), "pre_publication_copy")
    assert copy.due_date == D(2026, 2, 20)


def test_worked_example_lcspr_decision_tue_31_mar_2026_publish_by_wed_30_sep_2026() -> None:
    assert add_months(D(2026, 3, 31), 6) == D(2026, 9, 30)
    lcspr = clock(ClockRecord(lcspr_decision=D(2026, 3, 31), lcspr=True), "lcspr_publication")
    assert lcspr.due_date == D(2026, 9, 30)


def test_worked_example_lcspr_decision_fri_29_aug_2025_publish_by_sat_28_feb_2026() -> None:
    assert add_months(D(2025, 8, 29), 6) == D(2026, 2, 28)
    lcspr = clock(ClockRecord(lcspr_decision=D(2025, 8, 29), lcspr=True), "lcspr_publication")
    assert lcspr.due_date == D(2026, 2, 28)  # a Saturday, shown as it falls (rule 4)


def test_worked_example_child_n_published_mon_3_mar_2025_archived_from_tue_3_mar_2026() -> None:
    record = ClockRecord(published=D(2025, 3, 3))
    assert clock(record, "published_window", today=D(2026, 3, 2)).state is ClockState.DUE_SOON
    archived = clock(record, "published_window", today=D(2026, 3, 3))
    assert archived.due_date == D(2026, 3, 3)
    assert archived.state is ClockState.ENDED
    assert archived.display_state == "archived — available on request"


def test_worked_example_published_thu_29_feb_2024_archived_from_fri_28_feb_2025() -> None:
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    window = clock(ClockRecord(published=D(2024, 2, 29)), "published_window", today=D(2025, 2, 27))
    assert window.due_date == D(2025, 2, 28)
    assert window.state is ClockState.DUE_SOON
    assert clock(ClockRecord(published=D(2024, 2, 29)), "published_window", today=D(2025, 2, 28)).state is (
        ClockState.ENDED
    )


# --------------------------------------------------------------------------------------------------
# Rule 1: working days, holidays from the holidays package
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 12, 28), "Boxing Day (observed)"),
        (D(2027, 12, 27), "Christmas Day (observed)"),
        (D(2027, 12, 28), "Boxing Day (observed)"),
        (D(2028, 1, 3), "New Year's Day (observed)"),
    ],
    ids=[
        "christmas-2026-mon-28-dec",
        "christmas-2027-mon-27-dec",
        "christmas-2027-tue-28-dec",
        "new-year-2028-mon-3-jan",
    ],
)
def test_substitute_bank_holidays_are_not_working_days(day: date, name: str) -> None:
    assert day.weekday() < 5
    assert holiday_name(day) == name
    assert not is_working_day(day)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # Fri 25 Christmas, Mon 28 substitute Boxing Day
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # Mon 27 and Tue 28 substitutes
        (D(2027, 12, 31), 1, D(2028, 1, 4)),  # Mon 3 Jan 2028 substitute New Year
    ],
    ids=["christmas-2026", "christmas-2027", "new-year-2028"],
)
def test_substitute_days_move_due_dates(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("day", "fragment"),
    [
        (D(2022, 6, 3), "Platinum Jubilee"),
        (D(2022, 9, 19), "State Funeral"),
        (D(2023, 5, 8), "Coronation"),
    ],
    ids=["platinum-jubilee-2022", "state-funeral-2022", "coronation-2023"],
)
def test_one_off_bank_holidays(day: date, fragment: str) -> None:
    name = holiday_name(day)
    assert name is not None and fragment in name
    assert not is_working_day(day)
    assert add_working_days(day - timedelta(days=1), 1) != day


def test_platinum_jubilee_weekend_moves_a_due_date_past_both_holidays() -> None:
    # Thu 2 Jun 2022 (moved spring bank holiday) and Fri 3 Jun 2022 (jubilee).
    assert add_working_days(D(2022, 6, 1), 1) == D(2022, 6, 6)


def test_ordinary_days() -> None:
    assert is_working_day(D(2026, 1, 2))
    assert not is_working_day(D(2026, 1, 3))  # Saturday
    assert not is_working_day(D(2026, 1, 4))  # Sunday
    assert holiday_name(D(2026, 1, 2)) is None
    assert holiday_name(D(2025, 12, 25)) == "Christmas Day"


def test_closure_day_moves_the_due_date_and_is_explained() -> None:
    closures = [D(2025, 12, 24)]
    assert add_working_days(D(2025, 12, 19), 5, closures=closures) == D(2025, 12, 31)
    assert not is_working_day(D(2025, 12, 24), closures=closures)
    assert is_working_day(D(2025, 12, 24))
    sin = clock(ClockRecord(la_aware=D(2025, 12, 19)), "sin", closures=closures)
    assert sin.due_date == D(2025, 12, 31)
    assert SkippedDay(D(2025, 12, 24), "local closure day") in sin.explanation.skipped
    assert "Wed 24 Dec 2025 (local closure day)" in sin.explanation.text()


def test_closures_accept_any_iterable_and_weekend_closures_change_nothing() -> None:
    start = D(2025, 12, 19)
    as_list = add_working_days(start, 5, closures=[D(2025, 12, 24)])
    assert add_working_days(start, 5, closures={D(2025, 12, 24)}) == as_list
    assert add_working_days(start, 5, closures=(d for d in [D(2025, 12, 24)])) == as_list
    assert add_working_days(start, 5, closures=[D(2025, 12, 20)]) == D(2025, 12, 30)


def test_closure_on_a_bank_holiday_is_explained_as_the_holiday() -> None:
    reason = england.calendar.non_working_reason(D(2025, 12, 25), closures=[D(2025, 12, 25)])
    assert reason == "Christmas Day"
    assert add_working_days(D(2025, 12, 19), 5, closures=[D(2025, 12, 25)]) == D(2025, 12, 30)


# --------------------------------------------------------------------------------------------------
# Rules 2 and 3: counting forwards and backwards
# --------------------------------------------------------------------------------------------------


def test_days_zero_returns_the_start_even_when_not_a_working_day() -> None:
    assert add_working_days(D(2025, 12, 27), 0) == D(2025, 12, 27)  # Saturday
    assert add_working_days(D(2025, 12, 25), 0) == D(2025, 12, 25)  # Christmas Day
    assert add_working_days(D(2026, 1, 2), 0) == D(2026, 1, 2)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2026, 1, 5), -1, D(2026, 1, 2)),  # Mon back to Fri
        (D(2026, 1, 2), -1, D(2025, 12, 31)),  # over New Year's Day
        (D(2026, 1, 3), -1, D(2026, 1, 2)),  # from a Saturday
        (D(2025, 12, 29), -2, D(2025, 12, 23)),  # over Boxing Day, Christmas Day and a weekend
        (D(2026, 4, 7), -3, D(2026, 3, 31)),  # over Easter Monday and Good Friday
    ],
    ids=["monday", "new-year", "from-saturday", "christmas", "easter"],
)
def test_negative_days_count_backwards_start_not_counted(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


def test_working_days_between() -> None:
    assert working_days_between(D(2025, 12, 19), D(2025, 12, 30)) == 5
    assert working_days_between(D(2025, 12, 30), D(2025, 12, 19)) == -5
    assert working_days_between(D(2025, 12, 19), D(2025, 12, 19)) == 0
    assert working_days_between(D(2025, 12, 20), D(2025, 12, 21)) == 0  # a weekend
    assert working_days_between(D(2025, 12, 19), D(2026, 1, 14)) == 15
    assert working_days_between(D(2025, 12, 19), D(2025, 12, 30), closures=[D(2025, 12, 23)]) == 4
    assert working_days_between(D(2025, 1, 1), D(2026, 1, 1)) == 253  # 2025: 261 weekdays, 8 holidays


def test_add_and_between_agree_and_land_on_working_days() -> None:
    closures = [D(2026, 8, 28), D(2026, 12, 24)]
    start = D(2025, 12, 1)
    for offset in range(0, 500, 3):
        s = start + timedelta(days=offset)
        for n in (1, 5, 10, 15):
            due = add_working_days(s, n, closures=closures)
            assert is_working_day(due, closures=closures)
            assert working_days_between(s, due, closures=closures) == n
            back = add_working_days(due, -n, closures=closures)
            assert back <= s
            assert working_days_between(back, due, closures=closures) == n
            walked, counted, _ = england.calendar.walk(s, n, closures=closures)
            assert walked == due and len(counted) == n


# --------------------------------------------------------------------------------------------------
# Rule 4: months
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2025, 8, 31), 6 + 12 * 2, D(2028, 2, 29)),  # leap year keeps the 29th
        (D(2025, 12, 31), 2, D(2026, 2, 28)),
        (D(2025, 11, 15), 3, D(2026, 2, 15)),  # across a year end
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2024, 2, 29), -12, D(2023, 2, 28)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 5, 10), 0, D(2026, 5, 10)),
    ],
    ids=[
        "31-aug+6",
        "29-feb+12",
        "leap-target",
        "31-dec+2",
        "year-end",
        "minus-1",
        "minus-12",
        "minus-13",
        "zero",
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_months_explanation_states_the_clamp_and_the_weekend() -> None:
    lcspr = clock(ClockRecord(lcspr_decision=D(2025, 8, 31), lcspr=True), "lcspr_publication")
    text = lcspr.explanation.text()
    assert (
        "31 Aug 2025 + 6 months: 31 Feb does not exist, so the last day of the month, Sat 28 Feb 2026; "
        "shown even though it is a weekend." in text
    )
    assert text.endswith("Due: Sat 28 Feb 2026.")


# --------------------------------------------------------------------------------------------------
# Rule 15: explanations
# --------------------------------------------------------------------------------------------------


def test_explanation_lists_every_skipped_weekend_and_holiday_by_name() -> None:
    sin = clock(ClockRecord(la_aware=D(2025, 12, 19)), "sin")
    e = sin.explanation
    assert e.start_date == D(2025, 12, 19)
    assert e.start_event == "LA became aware"
    assert e.counted_days == 5
    assert e.counted == (D(2025, 12, 22), D(2025, 12, 23), D(2025, 12, 24), D(2025, 12, 29), D(2025, 12, 30))
    assert e.skipped == (
        SkippedDay(D(2025, 12, 20), "weekend"),
        SkippedDay(D(2025, 12, 21), "weekend"),
        SkippedDay(D(2025, 12, 25), "Christmas Day"),
        SkippedDay(D(2025, 12, 26), "Boxing Day"),
        SkippedDay(D(2025, 12, 27), "weekend"),
        SkippedDay(D(2025, 12, 28), "weekend"),
    )
    assert e.text() == (
        "Start: LA became aware, Fri 19 Dec 2025 (day 0).\n"
        "Rule 6: within 5 working days of the LA becoming aware; the day the LA became aware is day 0.\n"
        "Counted: 5 working days: Mon 22 Dec, Tue 23 Dec, Wed 24 Dec, Mon 29 Dec, Tue 30 Dec.\n"
        "Skipped: Sat 20 Dec 2025, Sun 21 Dec 2025 (weekend); Thu 25 Dec 2025 (Christmas Day); "
        "Fri 26 Dec 2025 (Boxing Day); Sat 27 Dec 2025, Sun 28 Dec 2025 (weekend).\n"
        "Due: Tue 30 Dec 2025."
    )


def test_explanation_for_a_backwards_count_says_the_publication_day_is_not_counted() -> None:
    copy = clock(ClockRecord(planned_publication=D(2026, 3, 3)), "pre_publication_copy")
    text = copy.explanation.text()
    assert "Start: planned publication date, Tue 3 Mar 2026 (not counted)." in text
    assert "Rule 12:" in text and "at least 7 working days before" in text
    assert copy.explanation.counted[0] == D(2026, 3, 2)
    assert copy.explanation.counted[-1] == D(2026, 2, 20)
    assert text.endswith("Send by: Fri 20 Feb 2026.")


def test_explanation_of_a_clock_not_started() -> None:
    text = clock(ClockRecord(), "sin").explanation.text()
    assert text.startswith("Not started: no date recorded for LA became aware.")
    note = clock(ClockRecord(sin_sent=D(2026, 1, 2)), "sin").explanation.text()
    assert "SIN sent to the National Panel is recorded, but the start date is missing." in note


def test_format_date_is_locale_independent() -> None:
    assert format_date(D(2025, 12, 19)) == "Fri 19 Dec 2025"
    assert format_date(D(2026, 3, 3), year=False) == "Tue 3 Mar"
    assert format_date(D(2026, 3, 3), weekday=False) == "3 Mar 2026"


# --------------------------------------------------------------------------------------------------
# Clocks (rules 6–14) and states
# --------------------------------------------------------------------------------------------------

AWARE = ClockRecord(la_aware=D(2025, 12, 19), notifiable=True)


def test_rule_set_england_order_and_settings_defaults() -> None:
    assert RULE_SETS["england"] is england
    assert [r.key for r in england.rules] == [
        "sin",
        "notify_partners",
        "rapid_review",
        "rr_sent",
        "panel_response",
        "lcspr_publication",
        "pre_publication_copy",
        "published_window",
    ]
    assert [r.rule_number for r in england.rules] == [6, 7, 8, 9, 10, 11, 12, 13]
    assert {k: v for k, v in DEFAULT_SETTINGS.items() if not k.startswith(("wales_", "scotland_", "northern_"))} == {
        "panel_response_working_days": 10,
        "lcspr_target_months": 6,
        "pre_publication_working_days": 7,
        "published_window_months": 12,
    }
    assert england.calendar == Calendar("GB", "ENG", "England and Wales")
    clocks = evaluate_clocks(ClockRecord(), today=D(2026, 1, 2))
    assert [c.key for c in clocks] == [r.key for r in england.rules]
    # domain.md: rules 6 and 7 are statutory; rules 8–13 are targets or settings.
    assert {c.key for c in clocks if c.statutory} == {"sin", "notify_partners"}


def test_state_not_started() -> None:
    sin = clock(ClockRecord(notifiable=True), "sin")
    assert sin.state is ClockState.NOT_STARTED
    assert sin.due_date is None and sin.working_days_left is None
    assert sin.display_state == "not started"


def test_state_running() -> None:
    sin = clock(AWARE, "sin", today=D(2025, 12, 22))
    assert sin.state is ClockState.RUNNING
    assert sin.working_days_left == 4
    rr = clock(AWARE, "rapid_review", today=D(2025, 12, 22))
    assert rr.state is ClockState.RUNNING and rr.working_days_left == 14


def test_state_due_soon_including_on_the_due_date() -> None:
    assert clock(AWARE, "sin", today=D(2025, 12, 23)).state is ClockState.RUNNING  # 3 left
    assert clock(AWARE, "sin", today=D(2025, 12, 24)).state is ClockState.DUE_SOON  # 2 left
    soon = clock(AWARE, "sin", today=D(2025, 12, 29))
    assert soon.state is ClockState.DUE_SOON and soon.working_days_left == 1
    on_the_day = clock(AWARE, "sin", today=D(2025, 12, 30))
    assert on_the_day.state is ClockState.DUE_SOON and on_the_day.working_days_left == 0


def test_state_overdue_counts_negative_working_days() -> None:
    late = clock(AWARE, "sin", today=D(2026, 1, 5))
    assert late.state is ClockState.OVERDUE
    assert late.working_days_left == -3  # Wed 31 Dec, Fri 2 Jan, Mon 5 Jan


def test_state_met_on_the_due_date_is_on_time() -> None:
    record = dataclasses.replace(AWARE, sin_sent=D(2025, 12, 30))
    sin = clock(record, "sin", today=D(2026, 2, 1))
    assert sin.state is ClockState.MET
    assert sin.met_date == D(2025, 12, 30)
    assert sin.working_days_left is None
    assert "Met: Tue 30 Dec 2025 (on time)." in sin.explanation.text()


def test_state_met_late() -> None:
    record = dataclasses.replace(AWARE, sin_sent=D(2026, 1, 2))
    sin = clock(record, "sin", today=D(2026, 1, 2))
    assert sin.state is ClockState.MET_LATE
    assert sin.met_date == D(2026, 1, 2)
    assert "2 working days late" in sin.explanation.text()


def test_rapid_review_late_is_flagged_never_blocked_and_rr_sent_warns_after_rule_8_date() -> None:
    record = dataclasses.replace(AWARE, rr_completed=D(2026, 1, 20), rr_sent=D(2026, 1, 21))
    clocks = clocks_by_key(record, D(2026, 2, 1))
    assert clocks["rapid_review"].state is ClockState.MET_LATE
    assert clocks["rr_sent"].due_date == D(2026, 1, 14)
    assert clocks["rr_sent"].state is ClockState.MET_LATE
    assert clocks["panel_response"].due_date == D(2026, 2, 4)  # 10 working days after Wed 21 Jan


def test_rr_sent_on_time_and_open_until_sent() -> None:
    record = dataclasses.replace(AWARE, rr_completed=D(2026, 1, 12))
    waiting = clock(record, "rr_sent", today=D(2026, 1, 13))
    assert waiting.start_date == D(2026, 1, 12)
    assert waiting.due_date == D(2026, 1, 14)
    assert waiting.state is ClockState.DUE_SOON  # "as soon as": due soon from the moment it starts
    assert waiting.working_days_left == 1
    sent = clock(dataclasses.replace(record, rr_sent=D(2026, 1, 14)), "rr_sent", today=D(2026, 1, 20))
    assert sent.state is ClockState.MET


def test_rr_sent_without_an_aware_date_is_due_the_day_it_is_complete() -> None:
    record = ClockRecord(rr_completed=D(2026, 1, 12), notifiable=True)
    assert clock(record, "rr_sent", today=D(2026, 1, 13)).due_date == D(2026, 1, 12)


def test_partners_aware_starts_the_rapid_review_and_falls_back_to_la_aware() -> None:
    own = clock(dataclasses.replace(AWARE, partners_aware=D(2025, 12, 22)), "rapid_review")
    assert own.start_event == "partners_aware"
    assert own.due_date == D(2026, 1, 15)
    fallback = clock(AWARE, "rapid_review")
    assert fallback.start_event == "la_aware"
    assert fallback.start_date == D(2025, 12, 19)
    assert "No date recorded for partners became aware, so the LA became aware date is used." in (
        fallback.explanation.text()
    )


def test_panel_response_is_a_soft_expectation() -> None:
    record = dataclasses.replace(AWARE, rr_completed=D(2026, 1, 9), rr_sent=D(2026, 1, 12))
    panel = clock(record, "panel_response", today=D(2026, 1, 12))
    assert panel.due_date == D(2026, 1, 26)
    assert panel.statutory is False
    assert panel.rule_number == 10
    responded = dataclasses.replace(record, panel_response=D(2026, 1, 27))
    assert clock(responded, "panel_response", today=D(2026, 2, 1)).state is ClockState.MET_LATE


def test_state_not_applicable_when_screened_as_not_notifiable() -> None:
    record = ClockRecord(
        la_aware=D(2025, 12, 19), rr_completed=D(2026, 1, 5), rr_sent=D(2026, 1, 6), notifiable=False
    )
    clocks = clocks_by_key(record, D(2026, 3, 1))
    for key in ("sin", "notify_partners", "rapid_review", "rr_sent", "panel_response"):
        assert clocks[key].state is ClockState.NOT_APPLICABLE, key
        assert clocks[key].due_date is None
        assert clocks[key].working_days_left is None
    assert clocks["sin"].display_state == "not applicable"
    assert "Not applicable: screened as not a serious incident to notify." in clocks["sin"].explanation.text()


def test_unscreened_record_still_runs_its_clocks() -> None:
    assert clock(ClockRecord(la_aware=D(2025, 12, 19)), "sin", today=D(2026, 1, 5)).state is (
        ClockState.OVERDUE
    )


def test_lcspr_clock_not_applicable_when_not_an_lcspr() -> None:
    record = ClockRecord(lcspr_decision=D(2026, 3, 31), lcspr=False)
    lcspr = clock(record, "lcspr_publication")
    assert lcspr.state is ClockState.NOT_APPLICABLE
    assert "Not applicable: not an LCSPR." in lcspr.explanation.text()


def test_state_paused_keeps_due_date_and_reason() -> None:
    record = dataclasses.replace(
        AWARE, pauses={"rapid_review": Pause("awaiting police disclosure", D(2026, 1, 5), by="alice")}
    )
    rr = clock(record, "rapid_review", today=D(2026, 1, 8))  # not yet due: paused (amber)
    assert rr.state is ClockState.PAUSED
    assert rr.due_date == D(2026, 1, 14)
    assert rr.paused_reason == "awaiting police disclosure"
    assert rr.working_days_left == 4
    assert rr.display_state == "paused: awaiting police disclosure"
    assert "Paused since Mon 5 Jan 2026 by alice: awaiting police disclosure." in rr.explanation.text()
    assert clock(record, "sin", today=D(2026, 1, 8)).paused_reason is None  # only that clock


def test_a_paused_clock_past_its_due_date_stays_overdue() -> None:
    """Pausing never turns red to amber: past the due date the clock is overdue, the pause shown beside it."""
    record = dataclasses.replace(
        AWARE, pauses={"rapid_review": Pause("awaiting police disclosure", D(2026, 1, 5))}
    )
    rr = clock(record, "rapid_review", today=D(2026, 2, 1))
    assert rr.state is ClockState.OVERDUE and rr.is_open
    assert rr.due_date == D(2026, 1, 14) and rr.working_days_left == -12
    assert rr.paused_reason == "awaiting police disclosure"
    assert rr.display_state == "overdue — paused: awaiting police disclosure"
    assert "It is overdue all the same." in rr.explanation.text()
    # Paused already late: still overdue.
    late = dataclasses.replace(AWARE, pauses={"sin": Pause("police", D(2026, 1, 20))})
    assert clock(late, "sin", today=D(2026, 1, 21)).state is ClockState.OVERDUE


def test_rapid_review_sent_follows_a_pause_of_rapid_review_complete() -> None:
    paused = Pause("Panel agreed to wait for the post-mortem", D(2026, 1, 5), by="alice")
    record = dataclasses.replace(AWARE, rr_completed=D(2026, 1, 12), pauses={"rapid_review": paused})
    sent = clock(record, "rr_sent", today=D(2026, 1, 13))
    assert sent.state is ClockState.PAUSED and sent.paused_reason == paused.reason
    assert sent.due_date == D(2026, 1, 14)  # the rule 8 date, not moved
    assert 'follows the pause of "Rapid review complete"' in sent.explanation.text()
    late = clock(record, "rr_sent", today=D(2026, 1, 20))
    assert (late.state, late.display_state) == (ClockState.OVERDUE,
                                                f"overdue — paused: {paused.reason}")
    # Its own pause wins over the one it follows; without any pause it is plainly due.
    own = dataclasses.replace(record, pauses={"rapid_review": paused, "rr_sent": Pause("courier", D(2026, 1, 13))})
    assert clock(own, "rr_sent", today=D(2026, 1, 13)).paused_reason == "courier"
    plain = dataclasses.replace(record, pauses={})
    assert clock(plain, "rr_sent", today=D(2026, 1, 13)).state is ClockState.DUE_SOON


def test_an_ended_pause_stays_in_why_this_date() -> None:
    ended = Pause("awaiting police disclosure", D(2026, 1, 5), until=D(2026, 1, 9), by="bob")
    record = dataclasses.replace(AWARE, ended_pauses={"rapid_review": (ended,)})
    rr = clock(record, "rapid_review", today=D(2026, 1, 12))
    assert rr.state is ClockState.DUE_SOON and rr.paused_reason is None
    assert rr.due_date == D(2026, 1, 14)
    assert ("Paused from Mon 5 Jan 2026 to Fri 9 Jan 2026 by bob: awaiting police disclosure."
            in rr.explanation.text())
    met = clock(dataclasses.replace(record, rr_completed=D(2026, 1, 13)), "rapid_review", today=D(2026, 2, 1))
    assert "Paused from Mon 5 Jan 2026 to Fri 9 Jan 2026" in met.explanation.text()


def test_a_review_window_can_be_paused_until_it_ends() -> None:
    record = ClockRecord(published=D(2025, 3, 3), pauses={"published_window": Pause("taken down", D(2025, 6, 1))})
    assert clock(record, "published_window", today=D(2025, 7, 1)).state is ClockState.PAUSED
    ended = clock(record, "published_window", today=D(2026, 3, 3))
    assert ended.state is ClockState.ENDED and ended.paused_reason is None


def test_met_beats_paused() -> None:
    record = dataclasses.replace(
        AWARE, rr_completed=D(2026, 1, 14), pauses={"rapid_review": Pause("waiting", D(2026, 1, 5))}
    )
    rr = clock(record, "rapid_review", today=D(2026, 2, 1))
    assert rr.state is ClockState.MET
    assert rr.paused_reason is None


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_pause_requires_a_reason(reason: str) -> None:
    with pytest.raises(ValueError, match="reason"):
        Pause(reason, D(2026, 1, 5))


def test_deferral_requires_a_reason() -> None:
    with pytest.raises(ValueError, match="reason"):
        Deferral("  ")


def test_deferred_publication_stays_overdue_and_says_so() -> None:
    record = ClockRecord(
        lcspr_decision=D(2026, 3, 31),
        lcspr=True,
        deferral=Deferral("criminal trial", review_date=D(2026, 12, 1), expected_end=D(2027, 2, 1)),
    )
    overdue = clock(record, "lcspr_publication", today=D(2026, 10, 1))
    assert overdue.state is ClockState.OVERDUE
    assert overdue.due_date == D(2026, 9, 30)
    assert overdue.deferred_reason == "criminal trial"
    assert overdue.deferral_review_date == D(2026, 12, 1)
    assert overdue.display_state == "overdue — deferred (criminal trial)"
    assert (
        "Publication deferred: criminal trial; review on Tue 1 Dec 2026; expected to end Mon 1 Feb 2027."
        in overdue.explanation.text()
    )
    running = clock(record, "lcspr_publication", today=D(2026, 6, 1))
    assert running.display_state == "running — deferred (criminal trial)"
    published = clock(
        dataclasses.replace(record, published=D(2027, 3, 1)), "lcspr_publication", today=D(2027, 3, 2)
    )
    assert published.state is ClockState.MET_LATE
    assert published.deferred_reason is None
    assert clock(record, "sin").deferred_reason is None  # only the publication clock is deferrable


def test_lcspr_due_soon_is_thirty_calendar_days() -> None:
    record = ClockRecord(lcspr_decision=D(2026, 3, 31), lcspr=True)
    assert clock(record, "lcspr_publication", today=D(2026, 8, 30)).state is ClockState.RUNNING
    assert clock(record, "lcspr_publication", today=D(2026, 8, 31)).state is ClockState.DUE_SOON


def test_published_window_running_due_soon_and_ended() -> None:
    record = ClockRecord(published=D(2025, 3, 3))
    assert clock(record, "published_window", today=D(2026, 1, 31)).state is ClockState.RUNNING
    soon = clock(record, "published_window", today=D(2026, 2, 1))
    assert soon.state is ClockState.DUE_SOON  # 30 days before Tue 3 Mar 2026
    ended = clock(record, "published_window", today=D(2027, 1, 1))
    assert ended.state is ClockState.ENDED
    assert ended.working_days_left is None
    assert "Window ends; archived from: Tue 3 Mar 2026." in ended.explanation.text()


def test_settings_override_the_published_window_to_24_months() -> None:
    record = ClockRecord(published=D(2025, 3, 3))
    window = clock(record, "published_window", today=D(2026, 3, 3), settings={"published_window_months": 24})
    assert window.due_date == D(2027, 3, 3)
    assert window.state is ClockState.RUNNING
    assert "stays published for 24 months" in window.explanation.text()
    assert clock(record, "published_window", today=D(2026, 3, 3)).state is ClockState.ENDED


def test_settings_override_working_day_clocks() -> None:
    record = dataclasses.replace(AWARE, rr_completed=D(2026, 1, 9), rr_sent=D(2026, 1, 12))
    panel = clock(record, "panel_response", settings={"panel_response_working_days": 5})
    assert panel.due_date == D(2026, 1, 19)
    copy = clock(
        ClockRecord(planned_publication=D(2026, 3, 3)),
        "pre_publication_copy",
        settings={"pre_publication_working_days": 10},
    )
    assert copy.due_date == D(2026, 2, 17)


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="published_window_months"):
        evaluate_clocks(ClockRecord(), today=D(2026, 1, 1), settings={"published_window_months": -1})


def test_closures_reach_the_clocks_and_working_days_left() -> None:
    clocks = clocks_by_key(AWARE, D(2025, 12, 22), closures=[D(2025, 12, 23)])
    assert clocks["sin"].due_date == D(2025, 12, 31)
    assert clocks["sin"].working_days_left == 4  # 24, 29, 30, 31 Dec


def test_other_nations_calendar_is_a_parameter() -> None:
    scotland = Calendar("GB", "SCT", "Scotland")
    assert scotland.holiday_name(D(2026, 1, 2)) is not None
    assert scotland.add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 5)
    assert add_working_days(D(2025, 12, 31), 1) == D(2026, 1, 2)
    rules = RuleSet("scotland-test", scotland, england.rules)
    record = ClockRecord(la_aware=D(2025, 12, 31))
    assert clock(record, "sin", ruleset=rules).due_date == D(2026, 1, 9)
    assert clock(record, "sin").due_date == D(2026, 1, 8)


def test_rules_are_data() -> None:
    quick = ClockRule(
        key="quick",
        label="Quick",
        rule_number=99,
        start_event="la_aware",
        kind="working_days",
        amount=1,
        met_event="sin_sent",
        description="Test.",
        rule_text="Rule 99: {n} day",
    )
    rules = RuleSet("test", england.calendar, (quick,))
    (only,) = evaluate_clocks(ClockRecord(la_aware=D(2025, 12, 24)), today=D(2025, 12, 24), ruleset=rules)
    assert only.due_date == D(2025, 12, 29)
    assert only.explanation.rule_text == "Rule 99: 1 day"


def test_due_date_for_and_record_event() -> None:
    assert due_date_for("rapid_review", AWARE) == D(2026, 1, 14)
    assert due_date_for("lcspr_publication", AWARE) is None
    with pytest.raises(KeyError):
        due_date_for("nonsense", AWARE)
    assert AWARE.event("la_aware") == D(2025, 12, 19)
    assert AWARE.event("sin_sent") is None
    with pytest.raises(KeyError):
        AWARE.event("notifiable")


def test_every_state_is_reachable() -> None:
    seen: set[ClockState] = set()
    cases = [
        (ClockRecord(), D(2026, 1, 2)),
        (ClockRecord(referral=True), D(2026, 1, 2)),
        (AWARE, D(2025, 12, 22)),
        (AWARE, D(2025, 12, 30)),
        (AWARE, D(2026, 1, 20)),
        (
            dataclasses.replace(AWARE, sin_sent=D(2025, 12, 22), partners_notified=D(2026, 1, 5)),
            D(2026, 1, 5),
        ),
        (dataclasses.replace(AWARE, pauses={"sin": Pause("police", D(2025, 12, 22))}), D(2025, 12, 23)),
        (ClockRecord(la_aware=D(2025, 12, 19), notifiable=False), D(2026, 1, 5)),
        (ClockRecord(published=D(2024, 1, 1)), D(2026, 1, 5)),
    ]
    for record, today in cases:
        seen.update(c.state for c in evaluate_clocks(record, today=today))
    assert seen == set(ClockState)


def test_next_open_clock_is_the_soonest_open_one() -> None:
    record = dataclasses.replace(AWARE, sin_sent=D(2025, 12, 22))
    nxt = next_open_clock(evaluate_clocks(record, today=D(2025, 12, 23)))
    assert nxt is not None and nxt.key == "notify_partners" and nxt.due_date == D(2025, 12, 30)
    both = next_open_clock(evaluate_clocks(AWARE, today=D(2025, 12, 23)))
    assert both is not None and both.key == "sin"  # same due date: rule order
    paused = dataclasses.replace(
        AWARE,
        sin_sent=D(2025, 12, 22),
        partners_notified=D(2025, 12, 22),
        pauses={"rapid_review": Pause("awaiting police disclosure", D(2026, 1, 5))},
    )
    nxt_paused = next_open_clock(evaluate_clocks(paused, today=D(2026, 2, 1)))
    assert nxt_paused is not None and nxt_paused.key == "rapid_review"
    assert next_open_clock(evaluate_clocks(ClockRecord(), today=D(2026, 1, 2))) is None
    ended = ClockRecord(published=D(2024, 1, 1))
    assert next_open_clock(evaluate_clocks(ended, today=D(2026, 1, 2))) is None
    assert next_open_clock([]) is None


def test_overdue_beats_later_running_clocks_for_next_open() -> None:
    record = ClockRecord(la_aware=D(2025, 12, 19), published=D(2025, 6, 1))
    nxt = next_open_clock(evaluate_clocks(record, today=D(2026, 1, 20)))
    assert nxt is not None and nxt.key == "sin" and nxt.state is ClockState.OVERDUE


def test_clocks_are_frozen_and_shared_not_started_clocks_are_equal() -> None:
    first = evaluate_clocks(ClockRecord(), today=D(2026, 1, 2))
    second = evaluate_clocks(ClockRecord(la_aware=D(2025, 12, 19)), today=D(2026, 1, 2))
    assert first[5] == second[5]  # lcspr_publication not started in both
    with pytest.raises(dataclasses.FrozenInstanceError):
        first[0].state = ClockState.MET  # type: ignore[misc]


def test_a_referral_without_its_la_aware_date_shows_clocks_not_started() -> None:
    record = ClockRecord(referral=True)
    clocks = clocks_by_key(record, D(2026, 1, 5))
    for key in ("sin", "notify_partners", "rapid_review"):
        assert clocks[key].state is ClockState.START_MISSING, key
        assert clocks[key].display_state == "clocks not started: LA-aware date missing"
        assert "Record the date the" in clocks[key].explanation.text()
    assert clocks["panel_response"].state is ClockState.NOT_STARTED  # waits for an event, not a gap
    screened_out = ClockRecord(referral=True, notifiable=False)
    assert clock(screened_out, "sin").state is ClockState.NOT_APPLICABLE
    partners_only = ClockRecord(referral=True, partners_aware=D(2026, 1, 5))
    assert clock(partners_only, "rapid_review", today=D(2026, 1, 6)).state is ClockState.RUNNING
    assert clock(partners_only, "sin", today=D(2026, 1, 6)).state is ClockState.START_MISSING

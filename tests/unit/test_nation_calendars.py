"""The nations' working days checked by hand and against the ``holidays`` package directly (issue 17, independent
tester): Scotland's 2 January, first Monday of August and St Andrew's Day, Northern Ireland's St Patrick's Day and
12 July with their substitutes, and no English holiday left in a nation's count."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from scpdesk.models.timeframes import (
    ENGLAND_AND_WALES,
    NORTHERN_IRELAND,
    RULE_SETS,
    SCOTLAND,
    WALES,
    Calendar,
    ClockRecord,
    ClockState,
    evaluate_clocks,
)

D = dt.date


@pytest.mark.parametrize(("calendar", "start", "days", "due"), [
    # Scotland, St Andrew's Day: Mon 30 Nov 2026 and Tue 30 Nov 2027 are skipped.
    (SCOTLAND, D(2026, 11, 24), 5, D(2026, 12, 2)),
    (ENGLAND_AND_WALES, D(2026, 11, 24), 5, D(2026, 12, 1)),
    (SCOTLAND, D(2027, 11, 25), 5, D(2027, 12, 3)),
    # Scotland, 2 January 2027 is a Saturday: Fri 1 Jan and Mon 4 Jan (its substitute) are skipped.
    (SCOTLAND, D(2026, 12, 30), 5, D(2027, 1, 8)),
    (ENGLAND_AND_WALES, D(2026, 12, 30), 5, D(2027, 1, 7)),
    # Scotland, 2028: 1 and 2 January fall at the weekend, so Mon 3 and Tue 4 January are both holidays.
    (SCOTLAND, D(2027, 12, 31), 1, D(2028, 1, 5)),
    # Scotland's summer holiday is the first Monday of August (3 Aug 2026); England's late one (31 Aug) is worked.
    (SCOTLAND, D(2026, 7, 31), 1, D(2026, 8, 4)),
    (SCOTLAND, D(2026, 8, 28), 1, D(2026, 8, 31)),
    (ENGLAND_AND_WALES, D(2026, 8, 28), 1, D(2026, 9, 1)),
    # Scotland works Easter Monday; Northern Ireland, England and Wales do not.
    (SCOTLAND, D(2026, 4, 2), 1, D(2026, 4, 6)),
    (NORTHERN_IRELAND, D(2026, 4, 2), 1, D(2026, 4, 7)),
    # Northern Ireland: St Patrick's Day (Tue 17 Mar 2026; Sat 17 Mar 2029 → Mon 19 Mar).
    (NORTHERN_IRELAND, D(2026, 3, 16), 1, D(2026, 3, 18)),
    (NORTHERN_IRELAND, D(2029, 3, 16), 1, D(2029, 3, 20)),
    (ENGLAND_AND_WALES, D(2029, 3, 16), 1, D(2029, 3, 19)),
    # Northern Ireland: 12 July 2026 is a Sunday → Mon 13 July; 12 July 2027 is a Monday.
    (NORTHERN_IRELAND, D(2026, 7, 10), 1, D(2026, 7, 14)),
    (NORTHERN_IRELAND, D(2027, 7, 9), 1, D(2027, 7, 13)),
    (WALES, D(2026, 7, 10), 1, D(2026, 7, 13)),
    # Backwards (a report sent 5 working days before publication on Thu 3 Dec 2026 in Scotland).
    (SCOTLAND, D(2026, 12, 3), -5, D(2026, 11, 25)),
])
def test_due_dates_over_the_nations_holidays_by_hand(calendar: Calendar, start: dt.date, days: int,
                                                      due: dt.date) -> None:
    assert calendar.add_working_days(start, days) == due


def _by_the_package(table: holidays.HolidayBase, start: dt.date, days: int) -> dt.date:
    """Working days counted the slow way, from the ``holidays`` package asked directly."""
    d, left = start, abs(days)
    step = dt.timedelta(days=1 if days > 0 else -1)
    while left:
        d += step
        if d.weekday() < 5 and d not in table:
            left -= 1
    return d


@pytest.mark.parametrize("name", ["england", "wales", "scotland", "northern_ireland"])
def test_every_start_day_of_four_years_agrees_with_the_holidays_package(name: str) -> None:
    calendar = RULE_SETS[name].calendar
    assert calendar.subdiv == {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}[name]
    table = holidays.country_holidays("GB", subdiv=calendar.subdiv, years=range(2025, 2032))
    start = D(2026, 1, 1)
    wrong = []
    for offset in range(0, 4 * 365, 3):
        day = start + dt.timedelta(days=offset)
        for days in (1, 5, 10, 20, -7):
            if calendar.add_working_days(day, days) != _by_the_package(table, day, days):
                wrong.append((day, days))
    assert wrong == []


def test_a_scottish_recommendation_clock_skips_st_andrews_day_and_says_so() -> None:
    # Received Mon 2 Nov 2026: the 20th working day is Tue 1 Dec in Scotland (Mon 30 Nov is St Andrew's Day).
    record = ClockRecord(received=D(2026, 11, 2), referral=True)
    clock = next(c for c in evaluate_clocks(record, today=D(2026, 12, 2), ruleset=RULE_SETS["scotland"])
                 if c.key == "lr_recommendation")
    assert (clock.due_date, clock.state) == (D(2026, 12, 1), ClockState.OVERDUE)
    assert "Saint Andrew's Day" in clock.explanation.text()
    # …and on the Monday it is not yet due: one working day left, not zero.
    monday = next(c for c in evaluate_clocks(record, today=D(2026, 11, 30), ruleset=RULE_SETS["scotland"])
                  if c.key == "lr_recommendation")
    assert (monday.state, monday.working_days_left) == (ClockState.DUE_SOON, 1)


def test_a_northern_irish_chair_decision_skips_the_twelfth_substitute() -> None:
    # Received Mon 22 Jun 2026: 20 working days, skipping Mon 13 Jul 2026 (12 July was a Sunday): Tue 21 Jul.
    record = ClockRecord(received=D(2026, 6, 22), referral=True)
    clock = next(c for c in evaluate_clocks(record, today=D(2026, 7, 1), ruleset=RULE_SETS["northern_ireland"])
                 if c.key == "cmr_chair_decision")
    assert clock.due_date == D(2026, 7, 21)
    assert ENGLAND_AND_WALES.add_working_days(D(2026, 6, 22), 20) == D(2026, 7, 20)
    assert "Battle of the Boyne (observed)" in clock.explanation.text()

"""Never hide a deadline (issue 13, tried by the independent tester): the line under a referral's next steps names
every overdue clock, whichever page of the case is open (the Clocks page may not be the one on screen), once —
a clock the next step already says is overdue is not said twice. On every demo referral."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from test_referral_story import choose

from scpdesk.models.timeframes import ClockState
from scpdesk.services.referrals.story import CLOCK_NAMES
from scpdesk.ui.main_window import MainWindow


def test_every_overdue_clock_is_named_under_the_next_steps_whatever_page_is_open(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    tab = demo_window.referrals
    qtbot.waitUntil(lambda: not demo_window.tasks.busy)
    hidden, twice, overdue_cases = [], [], 0
    for row in list(tab.model.all_rows):
        panel = choose(qtbot, demo_window, row.reference)
        panel.tabs.setCurrentWidget(panel.timeline_tab)  # not the Clocks page
        assert panel.detail is not None
        why = panel.next_why.text()
        assert panel.next_why.isVisible()
        for clock in panel.detail.clocks:
            if clock.state is not ClockState.OVERDUE:
                continue
            overdue_cases += 1
            when = f"{clock.due_date:%a} {clock.due_date.day} {clock.due_date:%b %Y}"
            said = why.count(f"overdue since {when}") + why.count(f"{CLOCK_NAMES[clock.key]} (since {when})")
            if said == 0:
                hidden.append((row.reference, clock.key, why))
            elif said > 1:
                twice.append((row.reference, clock.key, why))
    assert overdue_cases and hidden == [] and twice == []


def test_a_case_still_screening_says_its_missed_notification_first(qtbot: QtBot, demo_window: MainWindow) -> None:
    panel = choose(qtbot, demo_window, "NSCP-2026-015")  # screening; the SIN and the partners' clocks have run out
    assert panel.next_why.text().startswith("Overdue: Serious incident notification (since ")
    assert "; Tell the local partners (since " in panel.next_why.text()
    assert panel.next_why.text().endswith("Screening has started: choose the route.")

"""The date-sensitive paths on the days where the calendar bites — Christmas Eve, the Sunday after Christmas
2026, Good Friday 2027 and 29 February 2028 (and the usual test day) — with the clock pinned, so CI covers them
without faking the machine's time. The window's own tests run on the same days (tests/ui/test_main_window.py).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from scpdesk.cli import EXIT_OK, main
from scpdesk.models import Meeting
from scpdesk.models.database import Database
from scpdesk.models.enums import MeetingStatus
from scpdesk.models.timeframes import ClockState, is_working_day
from scpdesk.services import ServiceContext, Services
from scpdesk.services.deadlines import open_deadlines
from scpdesk.services.demo import fill_demo_data

#: Clocks counted in working days: their due dates are never a weekend, bank holiday or closure day.
WORKING_DAY_CLOCKS = ("Serious incident notification", "Rapid review complete")


@pytest.fixture
def services(db: Database, day: dt.date) -> Services:
    services = Services(ServiceContext(db, user="coordinator.a"))
    assert services.ctx.today() == day
    fill_demo_data(services.ctx)
    return services


def test_clocks_deadlines_meetings_and_the_command_line_agree_on_the_day(
        services: Services, db: Database, day: dt.date, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # The list: red means overdue, anything else is still to come; the demo's clocks sit around the day.
    rows = services.referrals.list_rows()
    assert rows and all(r.received_date <= day for r in rows)
    red = [r for r in rows if r.state_key is ClockState.OVERDUE]
    assert red and all(r.next_due is not None and r.next_due < day for r in red)
    assert all(r.next_due >= day for r in rows if r.next_due is not None and r.state_key is not ClockState.OVERDUE)
    assert any(r.next_due is not None and r.next_due >= day for r in rows)

    # Deadlines: soonest first, overdue exactly when past, working-day clocks due on working days.
    found = open_deadlines(services.ctx)
    assert found and [d.due_date for d in found] == sorted(d.due_date for d in found)
    for deadline in found:
        assert (deadline.due_date < day) == deadline.state.startswith("overdue"), deadline
    working = [d for d in found if d.clock in WORKING_DAY_CLOCKS]
    assert working and all(is_working_day(d.due_date) for d in working), working
    soon = open_deadlines(services.ctx, within_days=0)
    assert {d.reference for d in soon} >= {d.reference for d in found if d.due_date <= day}

    # Meetings: held ones are past, planned ones still to come.
    with db.sessions() as s:
        meetings = s.scalars(select(Meeting)).all()
    assert all(m.meeting_date < day for m in meetings if m.status is MeetingStatus.HELD)
    assert any(m.meeting_date > day and m.status is MeetingStatus.PLANNED for m in meetings)

    # The command line reads the same clock.
    expected = [(d.reference, d.due_date.isoformat(), d.state) for d in found]
    code = main(["--data-dir", str(tmp_path), "--database", db.url, "deadlines", "--json"])
    out = capsys.readouterr().out
    assert code == EXIT_OK
    assert [(d["reference"], d["due_date"], d["state"]) for d in json.loads(out)] == expected

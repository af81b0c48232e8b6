"""One clock for services, window and command line: UK dates, UTC instants, pinned in every test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from calendar_days import TEST_TODAY

import scpdesk
from scpdesk import clock as app_clock
from scpdesk.clock import PinnedClock, SystemClock, as_clock, london_date
from scpdesk.models.database import open_database
from scpdesk.services.uow import ServiceContext


def test_today_is_the_london_date_not_the_utc_one() -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST); in winter London is on UTC.
    assert london_date(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 7, 1)
    assert london_date(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 31)
    # The night the clocks go forward (29 March 2026, 01:00 UTC).
    assert london_date(dt.datetime(2026, 3, 28, 23, 59, tzinfo=dt.UTC)) == dt.date(2026, 3, 28)
    assert london_date(dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 3, 30)


def test_system_clock_gives_an_aware_utc_instant_and_its_london_date() -> None:
    system = SystemClock()
    now = system.now()
    assert now.tzinfo is not None and now.utcoffset() == dt.timedelta(0)
    assert system.today() in (london_date(now), london_date(system.now()))


@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25), dt.date(2028, 2, 29)])
def test_a_pinned_clock_stays_on_its_day_and_its_instants_move_on(day: dt.date) -> None:
    pinned = PinnedClock(day)
    first, second = pinned.now(), pinned.now()
    assert pinned.today() == day
    assert first.utcoffset() == dt.timedelta(0) and first <= second
    assert london_date(first) == day  # noon in London, whatever the daylight saving
    pinned.advance(1)
    assert pinned.today() == day + dt.timedelta(days=1) and london_date(pinned.now()) == pinned.today()
    with pytest.raises(TypeError):
        pinned.set(dt.datetime(2026, 1, 1, 9, 0))  # type: ignore[arg-type]


def test_as_clock_accepts_a_clock_a_date_or_a_today_function() -> None:
    pinned = PinnedClock(dt.date(2027, 3, 26))
    assert as_clock(pinned) is pinned
    assert as_clock(dt.date(2027, 3, 26)).today() == dt.date(2027, 3, 26)
    from_function = as_clock(lambda: dt.date(2028, 2, 29))
    assert from_function.today() == dt.date(2028, 2, 29) and london_date(from_function.now()) == dt.date(2028, 2, 29)
    with pytest.raises(TypeError):
        as_clock("tomorrow")  # type: ignore[arg-type]


def test_every_test_runs_on_the_pinned_day(clock: PinnedClock) -> None:
    assert app_clock.default_clock() is clock and clock.today() == TEST_TODAY


def test_a_context_takes_the_clock_current_when_it_is_made_not_when_the_module_loaded(
        clock: PinnedClock) -> None:
    db = open_database("sqlite://")
    try:
        clock.set(dt.date(2026, 12, 27))
        ctx = ServiceContext(db, user="tester")
        assert ctx.clock is clock and ctx.today() == dt.date(2026, 12, 27)
        clock.set(dt.date(2027, 3, 26))
        assert ctx.today() == dt.date(2027, 3, 26)  # moving the clock moves every context on it
        own = ServiceContext(db, user="tester", clock=PinnedClock(dt.date(2028, 2, 29)))
        assert own.today() == dt.date(2028, 2, 29) and london_date(own.now()) == dt.date(2028, 2, 29)
        assert ServiceContext(db, user="tester", today=dt.date(2026, 12, 24)).today() == dt.date(2026, 12, 24)
        with pytest.raises(TypeError):
            ServiceContext(db, user="tester", clock=clock, today=dt.date(2026, 12, 24))
    finally:
        db.dispose()


#: Reading the computer's clock directly: only scpdesk/clock.py may (and the model layer's record
#: timestamps, migrations and backup file names, which say when something really happened on this machine).
_DIRECT = re.compile(r"\bdate\.today\(\)|\bdatetime\.now\(|\bdatetime\.utcnow\(|\btime\.time\(\)|\btoday_london\(\)")
_ALLOWED = {"clock.py"}


def test_services_window_and_command_line_read_time_only_from_the_clock() -> None:
    root = Path(scpdesk.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in _ALLOWED or relative.startswith("models/"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _DIRECT.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], "ask the context's clock (ctx.today(), ctx.now()) instead:\n" + "\n".join(offenders)

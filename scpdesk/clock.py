"""The one clock of the application: what day it is in Europe/London (deadlines are UK dates) and what
instant it is in UTC (timestamps are stored as UTC).

Services, the window and the command line all ask the clock of their ``ServiceContext``; nothing else calls
``date.today()`` or ``datetime.now()``. Tests pin it (``PinnedClock``) so no test depends on the day it runs.
Free of Qt and SQLAlchemy: the command line and the window import it before anything heavy.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import cache
from typing import Protocol


@cache
def london() -> dt.tzinfo | None:
    """Europe/London, or None where the time-zone database is missing (rare Windows installs)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/London")
    except Exception:  # noqa: BLE001 - no tz database: UK dates are then taken from UTC (at most an hour out)
        return None


def london_date(instant: dt.datetime) -> dt.date:
    """The Europe/London calendar date of an aware instant."""
    zone = london()
    return instant.astimezone(zone).date() if zone is not None else instant.astimezone(dt.UTC).date()


class Clock(Protocol):
    """What the application asks of time."""

    def today(self) -> dt.date:
        """Today's date in Europe/London."""
        ...

    def now(self) -> dt.datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        return london_date(self.now())

    def __repr__(self) -> str:
        return "SystemClock()"


class PinnedClock:
    """A clock on a chosen day (tests, demos). ``today()`` is that day; ``now()`` starts at noon London time
    on it and moves on with real elapsed time (so timestamps stay ordered) — it stays on that day.
    ``set(day)`` moves it to another day; ``advance(days)`` moves it on."""

    def __init__(self, day: dt.date, *, hour: int = 12) -> None:
        self._hour = hour
        self.set(day)

    def set(self, day: dt.date) -> None:
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise TypeError(f"PinnedClock needs a date, not {day!r}")
        self.day = day
        local = dt.datetime.combine(day, dt.time(self._hour), tzinfo=london() or dt.UTC)
        self._anchor = local.astimezone(dt.UTC)
        self._started = time.monotonic()

    def advance(self, days: int) -> None:
        self.set(self.day + dt.timedelta(days=days))

    def today(self) -> dt.date:
        return self.day

    def now(self) -> dt.datetime:
        return self._anchor + dt.timedelta(seconds=time.monotonic() - self._started)

    def __repr__(self) -> str:
        return f"PinnedClock({self.day.isoformat()})"


class _DayFunctionClock:
    """Adapts a zero-argument "today" function (the older ``ServiceContext(today=...)`` form)."""

    def __init__(self, today: Callable[[], dt.date]) -> None:
        self._today = today

    def today(self) -> dt.date:
        return self._today()

    def now(self) -> dt.datetime:
        day = self._today()
        return dt.datetime.combine(day, dt.time(12), tzinfo=london() or dt.UTC).astimezone(dt.UTC)


def as_clock(value: Clock | dt.date | Callable[[], dt.date]) -> Clock:
    """A clock from a clock, a date (pinned there) or a function returning today's date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PinnedClock(value)
    if hasattr(value, "today") and hasattr(value, "now"):
        return value
    if callable(value):
        return _DayFunctionClock(value)
    raise TypeError(f"not a clock: {value!r}")


_default: Clock = SystemClock()


def default_clock() -> Clock:
    """The clock a new ``ServiceContext`` gets when none is passed: the system clock, unless a test pinned
    one with ``set_default_clock``."""
    return _default


def set_default_clock(clock: Clock) -> Clock:
    """Install ``clock`` as the default for contexts created from now on; returns the previous one."""
    global _default
    previous, _default = _default, clock
    return previous

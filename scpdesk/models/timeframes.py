"""Statutory and local timeframes: working days, months, and the clocks built from them.

Everything here follows ``domain.md`` §4 ("Rules"). No Qt and no SQLAlchemy: this module is pure
Python (stdlib plus the maintained ``holidays`` package) so it can be used from services, reports,
the command line and tests alike.

Counting (rules 1–5)
    * A working day is Monday–Friday that is not a bank holiday of the calendar's division (England and
      Wales by default, substitute days included) and not a local closure day.
    * ``add_working_days(start, n)``: ``start`` is day 0 even when it is not a working day; the result is
      the n-th working day after it. Negative ``n`` counts backwards, ``start`` not counted (rule 3).
    * ``add_months(start, m)``: calendar months, clamped to the last day of the month (rule 4).

Clocks (rules 6–14)
    A :class:`RuleSet` is data: a tuple of :class:`ClockRule` plus the :class:`Calendar` to count in.
    :func:`evaluate_clocks` turns one :class:`ClockRecord` (the dates and flags of a referral and/or a
    review) into one :class:`Clock` per rule, each with a state and an :class:`Explanation` of why the
    date is what it is (rule 15).

"Due soon" thresholds
    ``ClockRule.due_soon`` is in *working days* before the due date. When ``ClockRule.due_soon_days`` is
    set (month and window clocks), it is used instead and is in *calendar days*.

Speed
    The holiday table is built once per (country, subdivision) and year; due dates and working-day counts
    are memoised with :func:`functools.lru_cache` on ``(start, days, frozenset(closures))``; clocks that
    are not applicable or not started are shared instances; explanations are built only when read.
    10,000 ``evaluate_clocks`` calls on full records take about 0.3 s in a fresh process (0.25 s warm).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from ..translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import holidays

__all__ = [
    "CLOSURE",
    "DEFAULT_SETTINGS",
    "ENGLAND_AND_WALES",
    "NORTHERN_IRELAND",
    "SCOTLAND",
    "WALES",
    "EVENT_LABELS",
    "FLAG_LABELS",
    "OPEN_STATES",
    "RAPID_REVIEW_STARTS",
    "RULE_SETS",
    "WEEKEND",
    "Calendar",
    "Clock",
    "ClockKind",
    "ClockRecord",
    "ClockRule",
    "ClockState",
    "Deferral",
    "Explanation",
    "Pause",
    "RuleSet",
    "SkippedDay",
    "add_months",
    "add_working_days",
    "due_date_for",
    "england",
    "evaluate_clocks",
    "format_date",
    "holiday_name",
    "missing_start_words",
    "is_working_day",
    "next_open_clock",
    "open_clock_on",
    "with_rapid_review_start",
    "working_days_between",
]

ClockKind = Literal["working_days", "months", "working_days_before", "as_soon_as", "window"]

_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ONE_DAY: Final = timedelta(days=1)
_EMPTY: frozenset[date] = frozenset()

WEEKEND: Final = "weekend"
CLOSURE: Final = "local closure day"


def format_date(d: date, *, weekday: bool = True, year: bool = True) -> str:
    """``Fri 19 Dec 2025`` — locale-independent (``strftime`` names depend on the OS locale)."""
    text = f"{d.day} {_MONTHS[d.month - 1]}"
    if year:
        text += f" {d.year}"
    return f"{_WEEKDAYS[d.weekday()]} {text}" if weekday else text


def _as_frozenset(closures: Iterable[date]) -> frozenset[date]:
    if isinstance(closures, frozenset):
        return closures
    return frozenset(closures) if closures else _EMPTY


# --------------------------------------------------------------------------------------------------
# Calendars and counting (rules 1–4)
# --------------------------------------------------------------------------------------------------

_HOLIDAY_LOCK = threading.Lock()


@cache
def _holiday_object(country: str, subdiv: str | None) -> holidays.HolidayBase:
    """One ``holidays`` object per division; it fills in years lazily as they are asked for. Imported here, on
    first use (about 0.1 s): the window imports this module for its state keys before its first paint."""
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv)


#: Bank holidays given by :func:`use_holiday_tables` (what this version of the ``holidays`` package computed in an
#: earlier run, kept in a file by the app), by (country, subdivision, year): a start's first page then needs no
#: import of the package (about 0.1 s). Any other year is asked of the package as usual.
_GIVEN: dict[tuple[str, str | None, int], Mapping[date, str]] = {}
_GIVEN_VERSION: list[str] = []


def installed_holidays_version() -> str | None:
    """The installed ``holidays`` package's ``__version__`` without importing it (about 0.1 s). The package takes
    it from its distribution's metadata; this reads it from the name of that metadata's folder beside the package
    (``holidays-0.109.dist-info``), which the metadata lookup would search every path entry and parse mail headers
    for. None when that cannot be told (no such folder, or more than one, e.g. in a frozen build): then nothing is
    given and the package is asked."""
    module = sys.modules.get("holidays")
    if module is not None:
        return str(module.__version__)
    import importlib.util
    import os

    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        folder = os.path.dirname(os.path.dirname(spec.origin))
        found = [name[len("holidays-"):-len(".dist-info")] for name in os.listdir(folder)
                 if name.startswith("holidays-") and name.endswith(".dist-info")]
    except (ImportError, OSError, ValueError):
        return None
    return found[0] if len(found) == 1 else None


def holidays_version() -> str:
    """The version of the ``holidays`` package the bank holidays come from (the stored clocks' basis names it)."""
    if _GIVEN_VERSION and "holidays" not in sys.modules:
        return _GIVEN_VERSION[0]
    import holidays

    return str(holidays.__version__)


def use_holiday_tables(version: str, tables: Mapping[tuple[str, str | None, int], Mapping[date, str]]) -> bool:
    """Take the bank holidays of ``tables`` as the ``holidays`` package ``version`` computed them, if that is the
    version installed (else nothing is taken: False)."""
    if version != installed_holidays_version():
        return False
    with _HOLIDAY_LOCK:
        if _GIVEN_VERSION and _GIVEN_VERSION[0] != version:
            return False
        _GIVEN_VERSION[:] = [version]
        for key, table in tables.items():
            _GIVEN.setdefault(key, MappingProxyType(dict(table)))
    return True


def forget_holiday_tables() -> None:
    """Ask the ``holidays`` package again for every year. The tables given by :func:`use_holiday_tables` come from a
    file in the user's folder that anyone able to write there may have edited (the version in it proves nothing):
    they may serve the rows a start shows before the database is open, never a deadline computed once it is — a
    made-up holiday would move every new due date and be stored as current, on a shared server for everyone."""
    with _HOLIDAY_LOCK:
        if not _GIVEN_VERSION:
            return
        _GIVEN.clear()
        _GIVEN_VERSION.clear()
        for memo in (_holidays_in_year, _off_days, _add, _walk, _count):
            memo.cache_clear()


def holiday_tables(calendar: Calendar, years: Iterable[int]) -> dict[int, Mapping[date, str]]:
    """The bank holidays of ``calendar`` in each of ``years`` (to keep for :func:`use_holiday_tables`)."""
    return {year: _holidays_in_year(calendar.country, calendar.subdiv, year) for year in years}


@cache
def _holidays_in_year(country: str, subdiv: str | None, year: int) -> Mapping[date, str]:
    given = _GIVEN.get((country, subdiv, year))
    if given is not None:
        return given
    with _HOLIDAY_LOCK:  # the holidays object populates itself on first access to a year
        table = _holiday_object(country, subdiv)
        _ = date(year, 1, 1) in table
        found = {d: str(name) for d, name in table.items() if d.year == year}
    return MappingProxyType(found)


def _holiday(country: str, subdiv: str | None, d: date) -> str | None:
    return _holidays_in_year(country, subdiv, d.year).get(d)


def _why_not_working(country: str, subdiv: str | None, d: date, closures: frozenset[date]) -> str | None:
    """``None`` for a working day, otherwise the reason: "weekend", the holiday's name, or a closure."""
    if d.weekday() >= 5:
        return WEEKEND
    name = _holidays_in_year(country, subdiv, d.year).get(d)
    if name is not None:
        return name
    if d in closures:
        return CLOSURE
    return None


@dataclass(frozen=True, slots=True)
class SkippedDay:
    """A day passed over while counting working days, and why (weekend / holiday name / closure)."""

    date: date
    reason: str


@dataclass(frozen=True, slots=True)
class _Walk:
    result: date
    counted: tuple[date, ...]
    skipped: tuple[SkippedDay, ...]


@lru_cache(maxsize=1024)
def _off_days(country: str, subdiv: str | None, year: int, closures: frozenset[date]) -> frozenset[date]:
    """The Monday–Friday bank holidays and closure days of one year (weekends are handled separately)."""
    found = {d for d in _holidays_in_year(country, subdiv, year) if d.weekday() < 5}
    found.update(d for d in closures if d.year == year and d.weekday() < 5)
    return frozenset(found)


@lru_cache(maxsize=65536)
def _add(country: str, subdiv: str | None, start: date, days: int, closures: frozenset[date]) -> date:
    """The due date alone: the fast path used by the clocks (see :func:`_walk` for the reasons)."""
    step = _ONE_DAY if days >= 0 else -_ONE_DAY
    remaining = abs(days)
    d = start
    year = -1
    off: frozenset[date] = _EMPTY
    while remaining:
        d += step
        if d.weekday() < 5:
            if d.year != year:
                year = d.year
                off = _off_days(country, subdiv, year, closures)
            if d not in off:
                remaining -= 1
    return d


@lru_cache(maxsize=4096)
def _walk(country: str, subdiv: str | None, start: date, days: int, closures: frozenset[date]) -> _Walk:
    """Like :func:`_add`, also keeping the days counted and the days skipped with the reason."""
    step = _ONE_DAY if days >= 0 else -_ONE_DAY
    counted: list[date] = []
    skipped: list[SkippedDay] = []
    d = start
    for _ in range(abs(days)):
        d += step
        reason = _why_not_working(country, subdiv, d, closures)
        while reason is not None:
            skipped.append(SkippedDay(d, reason))
            d += step
            reason = _why_not_working(country, subdiv, d, closures)
        counted.append(d)
    return _Walk(d, tuple(counted), tuple(skipped))


def _weekdays_before(d: date) -> int:
    """Number of Mondays–Fridays strictly before ``d`` since ``date.min`` (a Monday)."""
    n = d.toordinal() - 1
    return 5 * (n // 7) + min(n % 7, 5)


@lru_cache(maxsize=65536)
def _count(country: str, subdiv: str | None, start: date, end: date, closures: frozenset[date]) -> int:
    """Working days in ``(start, end]`` for ``start <= end``."""
    weekdays = _weekdays_before(end + _ONE_DAY) - _weekdays_before(start + _ONE_DAY)
    for year in range(start.year, end.year + 1):
        weekdays -= sum(1 for d in _off_days(country, subdiv, year, closures) if start < d <= end)
    return weekdays


@lru_cache(maxsize=4096)
def _add_months(start: date, months: int) -> tuple[date, bool]:
    index = start.year * 12 + (start.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - _ONE_DAY).day
    return date(year, month, min(start.day, last)), start.day > last


@dataclass(frozen=True, slots=True)
class Calendar:
    """Working-day calendar of one holiday division, e.g. ``Calendar("GB", "ENG")``.

    ``("GB", "WLS")``, ``("GB", "SCT")`` and ``("GB", "NIR")`` give Wales, Scotland and Northern Ireland.
    """

    country: str = "GB"
    subdiv: str | None = "ENG"
    name: str = "England and Wales"

    def holiday_name(self, d: date) -> str | None:
        return _holiday(self.country, self.subdiv, d)

    def is_working_day(self, d: date, *, closures: Iterable[date] = ()) -> bool:
        return _why_not_working(self.country, self.subdiv, d, _as_frozenset(closures)) is None

    def non_working_reason(self, d: date, *, closures: Iterable[date] = ()) -> str | None:
        """``None`` for a working day, else "weekend", the bank holiday's name or "local closure day"."""
        return _why_not_working(self.country, self.subdiv, d, _as_frozenset(closures))

    def add_working_days(self, start: date, days: int, *, closures: Iterable[date] = ()) -> date:
        return _add(self.country, self.subdiv, start, days, _as_frozenset(closures))

    def walk(
        self, start: date, days: int, *, closures: Iterable[date] = ()
    ) -> tuple[date, tuple[date, ...], tuple[SkippedDay, ...]]:
        """Like :meth:`add_working_days`, also returning the days counted and the days skipped."""
        w = _walk(self.country, self.subdiv, start, days, _as_frozenset(closures))
        return w.result, w.counted, w.skipped

    def working_days_between(self, start: date, end: date, *, closures: Iterable[date] = ()) -> int:
        frozen = _as_frozenset(closures)
        if end >= start:
            return _count(self.country, self.subdiv, start, end, frozen)
        return -_count(self.country, self.subdiv, end, start, frozen)


ENGLAND_AND_WALES: Final = Calendar("GB", "ENG", "England and Wales")


def add_working_days(start: date, days: int, *, closures: Iterable[date] = ()) -> date:
    """The ``days``-th England & Wales working day after ``start`` (day 0); negative counts back (rule 3)."""
    return _add(ENGLAND_AND_WALES.country, ENGLAND_AND_WALES.subdiv, start, days, _as_frozenset(closures))


def add_months(start: date, months: int) -> date:
    """Add calendar months, clamping to the month's last day (rule 4): 31 Aug 2025 + 6 = 28 Feb 2026."""
    return _add_months(start, months)[0]


def working_days_between(start: date, end: date, *, closures: Iterable[date] = ()) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end < start``."""
    return ENGLAND_AND_WALES.working_days_between(start, end, closures=closures)


def is_working_day(d: date, *, closures: Iterable[date] = ()) -> bool:
    return ENGLAND_AND_WALES.is_working_day(d, closures=closures)


def holiday_name(d: date) -> str | None:
    """The England & Wales bank holiday on ``d`` (e.g. "Good Friday"), or ``None``."""
    return ENGLAND_AND_WALES.holiday_name(d)


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------

EVENT_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "la_aware": "LA became aware",
        "partners_aware": "partners became aware",
        "partners_notified": "local partners told",
        "sin_sent": "SIN sent to the National Panel",
        "rr_completed": "rapid review completed",
        "rr_sent": "rapid review sent to the National Panel",
        "panel_response": "National Panel response recorded",
        "lcspr_decision": "decision to undertake the LCSPR",
        "planned_publication": "planned publication date",
        "final_report_sent": "final report sent to the National Panel and the Secretary of State",
        "published": "published",
        # The nations' milestones (issue 17); each rule set may name them in its own words (RuleSet.event_labels).
        "received": "referral received",
        "recommendation": "recommendation made",
        "decision": "decision made",
        "decision_notified": "decision notified",
        "review_decision": "decision to undertake the review",
        "learning_event": "learning event held",
        "report_completed": "report completed",
    }
)


#: What a record flag means, for "not applicable" explanations.
FLAG_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "notifiable": "screened as not a serious incident to notify",
        "lcspr": "not an LCSPR",
        "nation_review": "no review of this kind was decided",
    }
)


def _event_label(name: str, ruleset: RuleSet | None = None) -> str:
    if ruleset is not None:
        for key, words in ruleset.event_labels:
            if key == name:
                return words
    return EVENT_LABELS.get(name, name.replace("_", " "))


def _require_reason(kind: str, reason: str) -> None:
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"A {kind} needs a recorded reason (rule 14).")


@dataclass(frozen=True, slots=True)
class Pause:
    """A clock paused for a recorded reason (rule 14). The due date stays visible and keeps counting: a pause
    never moves a due date and never hides an overdue clock. ``until`` is the day it ended (``None`` while it
    is still open); ``by`` is who recorded it."""

    reason: str
    since: date
    until: date | None = None
    by: str = ""

    def __post_init__(self) -> None:
        _require_reason("pause", self.reason)


@dataclass(frozen=True, slots=True)
class Deferral:
    """Publication deferred (rule 14): the 6-month clock keeps running and shows as deferred."""

    reason: str
    review_date: date | None = None
    expected_end: date | None = None

    def __post_init__(self) -> None:
        _require_reason("deferral", self.reason)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockRecord:
    """The dates and flags one referral and/or review contributes to its clocks.

    ``notifiable``: ``None`` = not screened yet (clocks run), ``True`` = serious incident / rapid review
    route, ``False`` = screened as not meeting the bar (SIN and rapid review clocks are not applicable).
    ``lcspr``: ``False`` makes the LCSPR clocks not applicable. ``pauses`` maps a clock key to its open pause;
    ``ended_pauses`` maps a clock key to its pauses that have ended (kept for "why this date", rule 15).
    """

    la_aware: date | None = None
    partners_aware: date | None = None
    partners_notified: date | None = None
    sin_sent: date | None = None
    rr_completed: date | None = None
    rr_sent: date | None = None
    panel_response: date | None = None
    lcspr_decision: date | None = None
    planned_publication: date | None = None
    final_report_sent: date | None = None
    published: date | None = None
    received: date | None = None
    recommendation: date | None = None
    decision: date | None = None
    decision_notified: date | None = None
    review_decision: date | None = None
    learning_event: date | None = None
    report_completed: date | None = None
    notifiable: bool | None = None
    lcspr: bool | None = None
    #: The nations: ``True`` when the decision (or the review's type) is the rule set's own review (a Child
    #: Practice Review, a Learning Review, a Case Management Review), ``False`` for any other decision.
    nation_review: bool | None = None
    deferral: Deferral | None = None
    pauses: Mapping[str, Pause] = field(default_factory=lambda: MappingProxyType({}))
    ended_pauses: Mapping[str, tuple[Pause, ...]] = field(default_factory=lambda: MappingProxyType({}))
    #: A referral's record: its clocks that need a start date (rules 6–8) show START_MISSING without one.
    referral: bool = False

    def event(self, name: str) -> date | None:
        """The date of event ``name`` (a key of :data:`EVENT_LABELS`), or ``None`` if not recorded."""
        if name not in EVENT_LABELS:
            raise KeyError(f"Unknown event {name!r}")
        value: date | None = getattr(self, name)
        return value


# --------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockRule:
    """One clock, as data.

    kind:
        ``working_days``: start + ``amount`` working days (rule 2).
        ``months``: start + ``amount`` calendar months, clamped (rule 4).
        ``working_days_before``: ``amount`` working days before the start date, which is not counted (rule 3).
        ``as_soon_as``: starts at ``start_event``; due on the due date of clock ``due_from`` (or on the
        start date when that clock has none). DUE_SOON from the moment it starts until it is overdue.
        ``window``: open from the start for ``amount`` months; ENDED on and after the end date.
    ``setting`` names a key of the settings mapping that overrides ``amount``.
    ``due_soon`` is in working days; ``due_soon_days``, when set, replaces it with calendar days.
    ``rule_text`` may use ``{n}`` for the (possibly overridden) amount.
    """

    key: str
    label: str
    rule_number: int
    start_event: str
    kind: ClockKind
    description: str
    rule_text: str
    amount: int = 0
    setting: str | None = None
    fallback_start_event: str | None = None
    met_event: str | None = None
    statutory: bool = False
    due_soon: int = 2
    due_soon_days: int | None = None
    applies_when: str | None = None
    due_from: str | None = None
    deferrable: bool = False
    ended_label: str = "ended"
    #: On a referral (``ClockRecord.referral``) a missing start date is a gap to fill, not a clock to hide.
    start_required: bool = False


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A nation's clocks as data. ``event_labels`` names events in the nation's words (over EVENT_LABELS);
    ``review_types`` and ``decisions`` are the values (``ReviewType`` / ``Decision``) offered under it;
    ``nation_reviews`` those that are the nation's own statutory review (the ``nation_review`` flag)."""

    name: str
    calendar: Calendar
    rules: tuple[ClockRule, ...]
    label: str = ""
    event_labels: tuple[tuple[str, str], ...] = ()
    review_types: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    nation_reviews: tuple[str, ...] = ()

    def rule(self, key: str) -> ClockRule:
        for r in self.rules:
            if r.key == key:
                return r
        raise KeyError(f"No clock {key!r} in rule set {self.name!r}")


#: Defaults for the *(setting)* timeframes; read-only (copy with ``dict(DEFAULT_SETTINGS)`` to edit).
DEFAULT_SETTINGS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "panel_response_working_days": 10,
        "lcspr_target_months": 6,
        "pre_publication_working_days": 7,
        "published_window_months": 12,
        # The nations (issue 17): no national text fixes these numbers (docs/rules.md says where each comes from),
        # so each is a setting with a default a business unit can defend.
        "wales_case_review_group_working_days": 20,
        "wales_chair_decision_working_days": 10,
        "wales_notify_government_working_days": 5,
        "wales_learning_event_months": 3,
        "wales_report_months": 6,
        "wales_report_to_government_working_days": 10,
        "scotland_recommendation_working_days": 20,
        "scotland_decision_working_days": 10,
        "scotland_notify_inspectorate_working_days": 5,
        "scotland_review_months": 6,
        "scotland_report_to_inspectorate_working_days": 10,
        "northern_ireland_chair_decision_working_days": 20,
        "northern_ireland_report_months": 6,
    }
)

_ENGLAND_RULES: Final = (
    ClockRule(
        key="sin",
        label=QT_TRANSLATE_NOOP("Clocks", "Serious incident notification"),
        rule_number=6,
        start_event="la_aware",
        kind="working_days",
        amount=5,
        met_event="sin_sent",
        statutory=True,
        due_soon=2,
        applies_when="notifiable",
        start_required=True,
        description="Notify the National Panel within 5 working days of the LA becoming aware.",
        rule_text="Rule 6: within {n} working days of the LA becoming aware; the day the LA became aware "
        "is day 0",
    ),
    ClockRule(
        key="notify_partners",
        label=QT_TRANSLATE_NOOP("Clocks", "Tell the local partners"),
        rule_number=7,
        start_event="la_aware",
        kind="working_days",
        amount=5,
        met_event="partners_notified",
        statutory=True,
        due_soon=2,
        applies_when="notifiable",
        start_required=True,
        description="Tell the local safeguarding partners within 5 working days of the LA becoming aware.",
        rule_text="Rule 7: tell the local safeguarding partners within {n} working days of the LA becoming "
        "aware; the day the LA became aware is day 0",
    ),
    ClockRule(
        key="rapid_review",
        label=QT_TRANSLATE_NOOP("Clocks", "Rapid review complete"),
        rule_number=8,
        start_event="partners_aware",
        fallback_start_event="la_aware",
        kind="working_days",
        amount=15,
        met_event="rr_completed",
        due_soon=5,
        applies_when="notifiable",
        start_required=True,
        description="Complete the rapid review within 15 working days of the partners becoming aware.",
        rule_text="Rule 8: complete the rapid review within {n} working days of the partners becoming "
        "aware; that day is day 0. Late is flagged, never blocked",
    ),
    ClockRule(
        key="rr_sent",
        label=QT_TRANSLATE_NOOP("Clocks", "Rapid review sent to the Panel"),
        rule_number=9,
        start_event="rr_completed",
        kind="as_soon_as",
        met_event="rr_sent",
        applies_when="notifiable",
        due_from="rapid_review",
        description="Send the rapid review to the National Panel as soon as it is complete.",
        rule_text="Rule 9: send the rapid review to the National Panel as soon as it is complete; a warning "
        "shows when it is sent after the rule 8 date",
    ),
    ClockRule(
        key="panel_response",
        label=QT_TRANSLATE_NOOP("Clocks", "National Panel response"),
        rule_number=10,
        start_event="rr_sent",
        kind="working_days",
        amount=10,
        setting="panel_response_working_days",
        met_event="panel_response",
        due_soon=2,
        applies_when="notifiable",
        description="The National Panel's response is expected 10 working days after the rapid review "
        "is sent.",
        rule_text="Rule 10: the National Panel's response is expected {n} working days after the rapid "
        "review was sent (a local expectation, not statutory); the sending day is day 0",
    ),
    ClockRule(
        key="lcspr_publication",
        label=QT_TRANSLATE_NOOP("Clocks", "LCSPR completed and published"),
        rule_number=11,
        start_event="lcspr_decision",
        kind="months",
        amount=6,
        setting="lcspr_target_months",
        met_event="published",
        due_soon_days=30,
        applies_when="lcspr",
        deferrable=True,
        description="Complete and publish the LCSPR within 6 months of the decision to undertake it.",
        rule_text="Rule 11: complete and publish the LCSPR within {n} calendar months of the decision to "
        "undertake it; where that day does not exist, the last day of the month (rule 4)",
    ),
    ClockRule(
        key="pre_publication_copy",
        label=QT_TRANSLATE_NOOP("Clocks", "Final report to the Panel and Secretary of State"),
        rule_number=12,
        start_event="planned_publication",
        kind="working_days_before",
        amount=7,
        setting="pre_publication_working_days",
        met_event="final_report_sent",
        due_soon=3,
        description="Send the final report to the National Panel and the Secretary of State (and Ofsted) "
        "at least 7 working days before publication.",
        rule_text="Rule 12: send the final report to the National Panel and the Secretary of State (and "
        "Ofsted) at least {n} working days before the planned publication date; the publication day is "
        "not counted (rule 3)",
    ),
    ClockRule(
        key="published_window",
        label=QT_TRANSLATE_NOOP("Clocks", "Published window"),
        rule_number=13,
        start_event="published",
        kind="window",
        amount=12,
        setting="published_window_months",
        due_soon_days=30,
        ended_label="archived — available on request",
        description="Keep the report published for 12 months; afterwards it is available on request.",
        rule_text="Rule 13: the report stays published for {n} months from the publication date; from the "
        "end date it is archived — available on request",
    ),
)

#: Which event starts the rapid review clock (rule 8), an organisation setting: the partners becoming aware
#: (the default; the LA-aware date when it is not recorded) or the notification sent to the National Panel.
RAPID_REVIEW_STARTS: Final[Mapping[str, str]] = MappingProxyType({
    "partners_aware": "partners became aware",
    "sin_sent": "notification sent to the National Panel",
})

_RR_VARIANTS: dict[tuple[int, str], RuleSet] = {}


def with_rapid_review_start(ruleset: RuleSet, start: str) -> RuleSet:
    """``ruleset`` with the rapid review clock (rule 8) counted from ``start`` (a key of
    :data:`RAPID_REVIEW_STARTS`). The same object for the default, a memoised variant otherwise."""
    if start not in RAPID_REVIEW_STARTS:
        raise ValueError(f"Unknown rapid review start {start!r}")
    if start == "partners_aware" or all(r.key != "rapid_review" for r in ruleset.rules):
        return ruleset  # the nations have no rapid review clock: their rule set as it is
    key = (id(ruleset), start)
    found = _RR_VARIANTS.get(key)
    if found is None:
        rules = tuple(
            replace(
                r,
                start_event="sin_sent",
                fallback_start_event=None,
                start_required=False,
                rule_text=f"Rule {r.rule_number}: complete the rapid review within {{n}} working days of the "
                "notification sent to the National Panel (the organisation setting: this partnership counts "
                "from the notification, not from the partners becoming aware); that day is day 0. Late is "
                "flagged, never blocked",
            )
            if r.key == "rapid_review"
            else r
            for r in ruleset.rules
        )
        # Everything else the rule set says (its label, events, review types, decisions) is kept.
        found = _RR_VARIANTS[key] = replace(ruleset, rules=rules)
    return found


def _published_window(number: int) -> ClockRule:
    """The published window (rule 13's), numbered for a nation's list."""
    return replace(_ENGLAND_RULES[-1], rule_number=number,
                   rule_text=f"Rule {number}: the report stays published for {{n}} months from the publication date; "
                   "from the end date it is archived — available on request (the partnership's policy: no national "
                   "text fixes it)")


WALES: Final = Calendar("GB", "WLS", "Wales")
SCOTLAND: Final = Calendar("GB", "SCT", "Scotland")
NORTHERN_IRELAND: Final = Calendar("GB", "NIR", "Northern Ireland")

#: Wales: Child Practice Reviews under the Safeguarding Boards (Functions and Procedures) (Wales) Regulations 2015
#: (reg. 3: concise / extended) and Working Together to Safeguard People, Volume 2, now within the Single Unified
#: Safeguarding Review (SUSR). docs/rules.md, "Wales".
_WALES_RULES: Final = (
    ClockRule(
        key="cpr_case_review_group", label=QT_TRANSLATE_NOOP("Clocks", "Case review group considers the referral"),
        rule_number=21,
        start_event="received", kind="working_days", amount=20, setting="wales_case_review_group_working_days",
        met_event="recommendation", due_soon=5,
        description="The case review group considers the referral and recommends to the Board chair.",
        rule_text="Rule 21: the case review group considers the referral and makes its recommendation within {n} "
        "working days of receiving it (the Board's setting); the day it was received is day 0",
    ),
    ClockRule(
        key="cpr_chair_decision", label=QT_TRANSLATE_NOOP("Clocks", "Board chair decides"),
        rule_number=22,
        start_event="recommendation", kind="working_days", amount=10, setting="wales_chair_decision_working_days",
        met_event="decision", due_soon=3,
        description="The Safeguarding Board chair decides: concise or extended Child Practice Review, or none.",
        rule_text="Rule 22: the Board chair decides (concise or extended Child Practice Review, or none) within {n} "
        "working days of the case review group's recommendation (the Board's setting); that day is day 0",
    ),
    ClockRule(
        key="cpr_government_notified", label=QT_TRANSLATE_NOOP("Clocks", "Welsh Government notified"),
        rule_number=23,
        start_event="decision", kind="working_days", amount=5, setting="wales_notify_government_working_days",
        met_event="decision_notified", statutory=True, due_soon=2, applies_when="nation_review",
        description="Notify Welsh Government of the decision to undertake a Child Practice Review.",
        rule_text="Rule 23: notify Welsh Government of the decision to undertake a Child Practice Review within {n} "
        "working days of the decision (the duty is in the guidance; the number is the Board's setting); the day "
        "of the decision is day 0",
    ),
    ClockRule(
        key="cpr_learning_event", label=QT_TRANSLATE_NOOP("Clocks", "Learning event held"),
        rule_number=24,
        start_event="review_decision", kind="months", amount=3, setting="wales_learning_event_months",
        met_event="learning_event", due_soon_days=14, applies_when="nation_review",
        description="Hold the learning event with the practitioners.",
        rule_text="Rule 24: hold the learning event with the practitioners within {n} calendar months of the "
        "decision (the Board's setting); where that day does not exist, the last day of the month (rule 4)",
    ),
    ClockRule(
        key="cpr_report", label=QT_TRANSLATE_NOOP("Clocks", "Report and action plan completed"),
        rule_number=25,
        start_event="review_decision", kind="months", amount=6, setting="wales_report_months",
        met_event="report_completed", due_soon_days=30, applies_when="nation_review", deferrable=True,
        description="Complete the review report and its action plan for the Board.",
        rule_text="Rule 25: complete the report and its action plan within {n} calendar months of the decision to "
        "undertake the Child Practice Review (concise and extended alike; the Board's setting); where that day does "
        "not exist, the last day of the month (rule 4)",
    ),
    ClockRule(
        key="cpr_report_to_government", label=QT_TRANSLATE_NOOP("Clocks", "Report sent to Welsh Government"),
        rule_number=26,
        start_event="report_completed", kind="working_days", amount=10,
        setting="wales_report_to_government_working_days", met_event="final_report_sent", statutory=True,
        due_soon=3, applies_when="nation_review",
        description="Send the completed report and action plan to Welsh Government before publication.",
        rule_text="Rule 26: send the report and action plan to Welsh Government within {n} working days of its "
        "completion, before it is published (the Board's setting); the day it was completed is day 0",
    ),
    _published_window(27),
)

#: Scotland: Learning Reviews under the National Guidance for Child Protection Committees Undertaking Learning
#: Reviews (Scottish Government 2021, revised 2024), section 3 (initiation, the decision, notifying the Care
#: Inspectorate) and the report sent to it. docs/rules.md, "Scotland".
_SCOTLAND_RULES: Final = (
    ClockRule(
        key="lr_recommendation", label=QT_TRANSLATE_NOOP("Clocks", "Recommendation to the Child Protection Committee"),
        rule_number=31,
        start_event="received", kind="working_days", amount=20, setting="scotland_recommendation_working_days",
        met_event="recommendation", due_soon=5,
        description="The nominated person or group gathers agency information and recommends to the CPC.",
        rule_text="Rule 31: the nominated person or group gathers enough agency information and recommends to "
        "the Child Protection Committee within {n} working days of the notification (the CPC's setting; the "
        "guidance asks for proportion and timeliness, no number); the day of the notification is day 0",
    ),
    ClockRule(
        key="lr_decision", label=QT_TRANSLATE_NOOP("Clocks", "Child Protection Committee decides"),
        rule_number=32,
        start_event="recommendation", kind="working_days", amount=10, setting="scotland_decision_working_days",
        met_event="decision", due_soon=3,
        description="The CPC decides whether to proceed to a Learning Review, with its reasons.",
        rule_text="Rule 32: the Child Protection Committee decides whether to proceed to a Learning Review, with "
        "its reasons, within {n} working days of the recommendation (the CPC's setting); that day is day 0",
    ),
    ClockRule(
        key="lr_inspectorate_notified", label=QT_TRANSLATE_NOOP("Clocks", "Care Inspectorate notified of the decision"),
        rule_number=33,
        start_event="decision", kind="working_days", amount=5, setting="scotland_notify_inspectorate_working_days",
        met_event="decision_notified", statutory=True, due_soon=2,
        description="Notify the Care Inspectorate of the decision, to proceed or not, with the reasons.",
        rule_text="Rule 33: notify the Care Inspectorate of the decision — to proceed or not, with the reasons — "
        "within {n} working days of it (the duty is in the guidance, for every decision; the number is the "
        "CPC's setting); the day of the decision is day 0",
    ),
    ClockRule(
        key="lr_review", label=QT_TRANSLATE_NOOP("Clocks", "Learning Review completed"),
        rule_number=34,
        start_event="review_decision", kind="months", amount=6, setting="scotland_review_months",
        met_event="report_completed", due_soon_days=30, applies_when="nation_review", deferrable=True,
        description="Complete the Learning Review and its report.",
        rule_text="Rule 34: complete the Learning Review and its report within {n} calendar months of the decision "
        "to proceed (the CPC's setting); where that day does not exist, the last day of the month (rule 4)",
    ),
    ClockRule(
        key="lr_report_to_inspectorate", label=QT_TRANSLATE_NOOP("Clocks", "Report sent to the Care Inspectorate"),
        rule_number=35,
        start_event="report_completed", kind="working_days", amount=10,
        setting="scotland_report_to_inspectorate_working_days", met_event="final_report_sent", statutory=True,
        due_soon=3, applies_when="nation_review",
        description="Send the completed report to the Care Inspectorate.",
        rule_text="Rule 35: send the completed Learning Review report to the Care Inspectorate within {n} working "
        "days of its completion (the duty is in the guidance; the number is the CPC's setting); the day it was "
        "completed is day 0",
    ),
    _published_window(36),
)

#: Northern Ireland: Case Management Reviews by the Safeguarding Board for Northern Ireland (Safeguarding Board Act
#: (Northern Ireland) 2011 s.3(4); SBNI Regulations 2012, reg. 17 and reg. 38; SBNI CMR procedures). docs/rules.md,
#: "Northern Ireland".
_NORTHERN_IRELAND_RULES: Final = (
    ClockRule(
        key="cmr_chair_decision", label=QT_TRANSLATE_NOOP("Clocks", "SBNI chair decides"),
        rule_number=41,
        start_event="received", kind="working_days", amount=20,
        setting="northern_ireland_chair_decision_working_days", met_event="decision", due_soon=5,
        description="The SBNI chair decides whether a Case Management Review is held.",
        rule_text="Rule 41: the SBNI chair decides whether to hold a Case Management Review within {n} working days "
        "of the Local Safeguarding Panel's referral (the SBNI's setting); the day it was received is day 0",
    ),
    ClockRule(
        key="cmr_report", label=QT_TRANSLATE_NOOP("Clocks", "CMR report completed"),
        rule_number=42,
        start_event="review_decision", kind="months", amount=6, setting="northern_ireland_report_months",
        met_event="report_completed", due_soon_days=30, applies_when="nation_review", deferrable=True,
        description="The CMR Panel completes the review and its report.",
        rule_text="Rule 42: the Case Management Review Panel completes the review and its report within {n} "
        "calendar months of the chair's decision (the SBNI's setting); where that day does not exist, the last "
        "day of the month (rule 4)",
    ),
    _published_window(43),
)

_ENGLAND_TYPES = ("lcspr", "learning_summary", "plr", "thematic", "joint", "national")
_ENGLAND_DECISIONS = ("lcspr", "learning_summary", "national_review", "plr", "other_learning", "no_further_review")

RULE_SETS: Final[dict[str, RuleSet]] = {
    "england": RuleSet("england", ENGLAND_AND_WALES, _ENGLAND_RULES, "England", (), _ENGLAND_TYPES,
                       _ENGLAND_DECISIONS, ("lcspr",)),
    "wales": RuleSet(
        "wales", WALES, _WALES_RULES, "Wales",
        (("recommendation", "case review group recommended"), ("decision", "Board chair decided"),
         ("decision_notified", "Welsh Government notified of the decision"),
         ("review_decision", "decision to undertake the Child Practice Review"),
         ("report_completed", "report and action plan completed"),
         ("final_report_sent", "report sent to Welsh Government")),
        ("cpr_concise", "cpr_extended", "thematic", "joint"),
        ("cpr_concise", "cpr_extended", "other_learning", "no_further_review"),
        ("cpr_concise", "cpr_extended")),
    "scotland": RuleSet(
        "scotland", SCOTLAND, _SCOTLAND_RULES, "Scotland",
        (("received", "notification received by the Child Protection Committee"),
         ("recommendation", "recommendation made to the Child Protection Committee"),
         ("decision", "Child Protection Committee decided"),
         ("decision_notified", "Care Inspectorate notified of the decision"),
         ("review_decision", "decision to proceed to a Learning Review"),
         ("report_completed", "Learning Review report completed"),
         ("final_report_sent", "report sent to the Care Inspectorate")),
        ("learning_review", "thematic", "joint"),
        ("learning_review", "other_learning", "no_further_review"),
        ("learning_review",)),
    "northern_ireland": RuleSet(
        "northern_ireland", NORTHERN_IRELAND, _NORTHERN_IRELAND_RULES, "Northern Ireland",
        (("received", "referral received from the Local Safeguarding Panel"), ("decision", "SBNI chair decided"),
         ("review_decision", "decision to hold the Case Management Review"),
         ("report_completed", "CMR report completed")),
        ("cmr", "thematic", "joint"),
        ("cmr", "other_learning", "no_further_review"),
        ("cmr",)),
}
england: Final = RULE_SETS["england"]


# --------------------------------------------------------------------------------------------------
# Clocks
# --------------------------------------------------------------------------------------------------


class ClockState(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"
    MET = "met"
    MET_LATE = "met late"
    PAUSED = "paused"
    NOT_APPLICABLE = "not applicable"
    ENDED = "ended"
    #: A referral's clock cannot start because its start date (the LA-aware date) was not recorded: shown
    #: (amber) rather than left as an empty clock.
    START_MISSING = "start date missing"


OPEN_STATES: Final = frozenset(
    {ClockState.RUNNING, ClockState.DUE_SOON, ClockState.OVERDUE, ClockState.PAUSED}
)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a clock's date is what it is (rule 15)."""

    start_event: str
    start_date: date | None
    rule_text: str
    counted_days: int | None = None
    counted: tuple[date, ...] = ()
    skipped: tuple[SkippedDay, ...] = ()
    due_date: date | None = None
    due_label: str = "Due"
    start_note: str = "day 0"
    notes: tuple[str, ...] = ()

    def text(self) -> str:
        lines: list[str] = []
        if self.start_date is None:
            lines.append(f"Not started: no date recorded for {self.start_event}.")
        else:
            lines.append(f"Start: {self.start_event}, {format_date(self.start_date)} ({self.start_note}).")
        lines.append(self.rule_text + ".")
        if self.counted_days is not None and self.start_date is not None:
            days = ", ".join(format_date(d, year=False) for d in self.counted)
            plural = "" if self.counted_days == 1 else "s"
            lines.append(
                f"Counted: {self.counted_days} working day{plural}" + (f": {days}." if days else ".")
            )
            if self.skipped:
                lines.append("Skipped: " + _group_skipped(self.skipped) + ".")
            else:
                lines.append("Skipped: none.")
        lines.extend(self.notes)
        if self.due_date is not None:
            lines.append(f"{self.due_label}: {format_date(self.due_date)}.")
        return "\n".join(lines)


_MISSING_WORDS: Final = MappingProxyType({"la_aware": "LA-aware date missing"})


def missing_start_words(rule: ClockRule) -> str:
    """"LA-aware date missing": the date a referral's clock needs before it can start."""
    event = rule.fallback_start_event or rule.start_event
    return _MISSING_WORDS.get(event, f"{_event_label(event)} date missing")


def _pause_note(pause: Pause) -> str:
    """"Paused from Mon 5 Jan 2026 to Fri 9 Jan 2026 by alice: reason." (or "since …" while open)."""
    span = (f"from {format_date(pause.since)} to {format_date(pause.until)}" if pause.until is not None
            else f"since {format_date(pause.since)}")
    who = f" by {pause.by}" if pause.by else ""
    reason = " ".join(pause.reason.split()).rstrip(".")
    return f"Paused {span}{who}: {reason}."


def _group_skipped(skipped: Sequence[SkippedDay]) -> str:
    groups: list[tuple[str, list[date]]] = []
    for s in skipped:
        if groups and groups[-1][0] == s.reason:
            groups[-1][1].append(s.date)
        else:
            groups.append((s.reason, [s.date]))
    return "; ".join(", ".join(format_date(d) for d in days) + f" ({reason})" for reason, days in groups)


class _Source(NamedTuple):
    """What one :func:`evaluate_clocks` call worked from, shared by its clocks for their explanations."""

    record: ClockRecord | None  # None for the shared not-started / not-applicable clocks
    ruleset: RuleSet
    amounts: tuple[int, ...]
    closures: frozenset[date]
    dues: Mapping[str, date | None]


@dataclass(frozen=True, slots=True)
class Clock:
    """One clock of one record on one day.

    ``explanation`` is built from ``source`` on first access and then kept, so listing thousands of
    records does not pay for explanations nobody opens.
    """

    key: str
    label: str
    rule_number: int
    statutory: bool
    start_event: str
    start_date: date | None
    due_date: date | None
    state: ClockState
    met_date: date | None
    working_days_left: int | None
    paused_reason: str | None
    deferred_reason: str | None
    deferral_review_date: date | None
    source: _Source | None = field(default=None, repr=False, compare=False)
    source_index: int = field(default=-1, repr=False, compare=False)
    #: The open pause shown with this clock (its own, or the one of the clock it follows: ``pause_of``).
    pause: Pause | None = field(default=None, repr=False, compare=False)
    pause_of: str | None = field(default=None, repr=False, compare=False)

    _explanation: Explanation | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def explanation(self) -> Explanation:
        found = self._explanation
        if found is None:
            found = _explain(self)
            object.__setattr__(self, "_explanation", found)
        return found

    @property
    def rule(self) -> ClockRule | None:
        """The rule this clock was evaluated from (``None`` for a clock built by hand)."""
        return self.source.ruleset.rules[self.source_index] if self.source is not None else None

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def display_state(self) -> str:
        """E.g. "overdue — deferred (criminal trial)", "paused: awaiting police disclosure",
        "overdue — paused: awaiting police disclosure" (a pause never hides an overdue clock). The words are
        ``scpdesk.models.words``'s, the ones every screen and file uses."""
        from .words import clock_text  # the words name this module's types: imported when first said

        return clock_text(self)


def _amount(rule: ClockRule, settings: Mapping[str, int]) -> int:
    if rule.setting is None:
        return rule.amount
    value = settings.get(rule.setting, rule.amount)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Setting {rule.setting!r} must be a whole number of 0 or more, not {value!r}")
    return value


class _Prepared(NamedTuple):
    """A rule set with settings applied, and the clocks every record without a start date shares."""

    ruleset: RuleSet
    amounts: tuple[int, ...]
    not_started: tuple[Clock, ...]
    not_applicable: tuple[Clock, ...]
    start_missing: tuple[Clock, ...]


_PREPARED: dict[tuple[int, tuple[tuple[str, int], ...]], _Prepared] = {}


def _prepare(ruleset: RuleSet, settings: Mapping[str, int] | None) -> _Prepared:
    """Memoised per rule set and settings values (most records have several clocks not yet started)."""
    items = tuple(sorted(settings.items())) if settings else ()
    key = (id(ruleset), items)
    hit = _PREPARED.get(key)
    if hit is not None and hit.ruleset is ruleset:
        return hit
    merged = {**DEFAULT_SETTINGS, **dict(items)}
    amounts = tuple(_amount(rule, merged) for rule in ruleset.rules)
    source = _Source(None, ruleset, amounts, _EMPTY, MappingProxyType({}))

    def inert(state: ClockState) -> tuple[Clock, ...]:
        return tuple(
            Clock(
                r.key,
                r.label,
                r.rule_number,
                r.statutory,
                r.start_event,
                None,
                None,
                state,
                None,
                None,
                None,
                None,
                None,
                source,
                i,
            )
            for i, r in enumerate(ruleset.rules)
        )

    prepared = _Prepared(ruleset, amounts, inert(ClockState.NOT_STARTED), inert(ClockState.NOT_APPLICABLE),
                         inert(ClockState.START_MISSING))
    if len(_PREPARED) > 256:
        _PREPARED.clear()
    _PREPARED[key] = prepared
    return prepared


def _months_note(start: date, months: int, due: date, calendar: Calendar) -> str:
    _, clamped = _add_months(start, months)
    shown = ""
    holiday = calendar.holiday_name(due)
    if due.weekday() >= 5:
        shown = "; shown even though it is a weekend"
    elif holiday is not None:
        shown = f"; shown even though it is a bank holiday ({holiday})"
    plural = "" if abs(months) == 1 else "s"
    head = f"{format_date(start, weekday=False)} + {months} month{plural}"
    if clamped:
        missing = f"{start.day} {_MONTHS[due.month - 1]}"
        return f"{head}: {missing} does not exist, so the last day of the month, {format_date(due)}{shown}."
    return f"{head} = {format_date(due)}{shown}."


def _explain(clock: Clock) -> Explanation:
    source = clock.source
    if source is None:  # a clock built by hand, not by evaluate_clocks
        return Explanation(
            start_event=_event_label(clock.start_event), start_date=clock.start_date, rule_text=clock.label
        )
    record, ruleset = source.record, source.ruleset
    rule, amount = ruleset.rules[clock.source_index], source.amounts[clock.source_index]
    calendar = ruleset.calendar
    start, due, state, kind = clock.start_date, clock.due_date, clock.state, rule.kind

    notes: list[str] = []
    if clock.start_event != rule.start_event:
        wanted, used = _event_label(rule.start_event, ruleset), _event_label(clock.start_event, ruleset)
        notes.append(f"No date recorded for {wanted}, so the {used} date is used.")
    walk: _Walk | None = None
    due_label, start_note = "Due", "day 0"
    if kind == "window":
        due_label = "Window ends; archived from"
    elif kind == "working_days_before":
        due_label, start_note = "Send by", "not counted"
    elif kind == "as_soon_as":
        start_note = "send as soon as complete"
        if rule.due_from is not None and source.dues.get(rule.due_from) is not None:
            notes.append(f"Expected no later than the rule {ruleset.rule(rule.due_from).rule_number} date.")
        elif due is not None:
            notes.append("No earlier deadline to measure against, so it is due the day it is complete.")
    if start is not None and due is not None:
        if kind in ("months", "window"):
            notes.append(_months_note(start, amount, due, calendar))
        elif kind in ("working_days", "working_days_before"):
            signed = amount if kind == "working_days" else -amount
            walk = _walk(calendar.country, calendar.subdiv, start, signed, source.closures)

    if state is ClockState.NOT_APPLICABLE:
        flag = rule.applies_when or ""
        notes.append(f"Not applicable: {FLAG_LABELS.get(flag, f'{flag} is recorded as no')}.")
    elif state is ClockState.START_MISSING:
        events = " or the ".join(_event_label(e, ruleset) for e in (rule.start_event, rule.fallback_start_event) if e)
        notes.append(f"Clocks not started: {missing_start_words(rule)}. Record the date the {events}; the "
                     "clock starts from it.")
    elif state is ClockState.NOT_STARTED:
        if record is not None and rule.met_event is not None and getattr(record, rule.met_event) is not None:
            notes.append(f"{_event_label(rule.met_event, ruleset)} is recorded, but the start date is missing.")
    elif state is ClockState.MET and clock.met_date is not None:
        notes.append(f"Met: {format_date(clock.met_date)} (on time).")
    elif state is ClockState.MET_LATE and clock.met_date is not None and due is not None:
        late = calendar.working_days_between(due, clock.met_date, closures=source.closures)
        notes.append(
            f"Met late: {format_date(clock.met_date)}, {late} working day{'' if late == 1 else 's'} late."
        )
    elif state is ClockState.ENDED:
        notes.append(f"The window has closed: {rule.ended_label}.")
    if record is not None:
        for ended in record.ended_pauses.get(rule.key, ()):
            notes.append(_pause_note(ended))
    if clock.pause is not None:
        followed = ""
        if clock.pause_of is not None:
            followed = f" (follows the pause of \"{ruleset.rule(clock.pause_of).label}\")"
        overdue = " It is overdue all the same." if state is ClockState.OVERDUE else ""
        notes.append(f"{_pause_note(clock.pause)}{followed} The due date still shows and keeps "
                     f"counting: a pause never moves it.{overdue}")
    deferral = record.deferral if record is not None else None
    if clock.deferred_reason is not None and deferral is not None:
        review = f"; review on {format_date(deferral.review_date)}" if deferral.review_date else ""
        expected = f"; expected to end {format_date(deferral.expected_end)}" if deferral.expected_end else ""
        notes.append(f"Publication deferred: {deferral.reason}{review}{expected}. The clock keeps running.")

    return Explanation(
        start_event=_event_label(clock.start_event, ruleset),
        start_date=start,
        rule_text=rule.rule_text.format(n=amount),
        counted_days=amount if walk is not None else None,
        counted=walk.counted if walk is not None else (),
        skipped=walk.skipped if walk is not None else (),
        due_date=due,
        due_label=due_label,
        start_note=start_note,
        notes=tuple(notes),
    )


def _running_state(rule: ClockRule, due: date, today: date, paused: bool, country: str, subdiv: str | None,
                   closures: frozenset[date]) -> tuple[ClockState, int]:
    """The state and working days left of a started, unmet clock that is not a window (overdue wins over a
    pause: a pause never hides an overdue clock)."""
    if today <= due:
        left = _count(country, subdiv, today, due, closures)
    else:
        left = -_count(country, subdiv, due, today, closures)
    if today > due:
        return ClockState.OVERDUE, left
    if paused:
        return ClockState.PAUSED, left
    if rule.kind == "as_soon_as":
        return ClockState.DUE_SOON, left
    if rule.due_soon_days is not None:
        return (ClockState.DUE_SOON if (due - today).days <= rule.due_soon_days else ClockState.RUNNING), left
    return (ClockState.DUE_SOON if left <= rule.due_soon else ClockState.RUNNING), left


def open_clock_on(rule: ClockRule, due: date, *, today: date, paused_reason: str | None = None,
                  calendar: Calendar, closures: Iterable[date] = ()) -> Clock:
    """The clock of ``rule``, started, not met and due on ``due``, as it stands on ``today``: what
    :func:`evaluate_clocks` gives for it (same state and working days left), from a stored due date. Not for
    window clocks (their state ends the window) nor deferrable ones (the deferral is not known here)."""
    if rule.kind == "window" or rule.deferrable:
        raise ValueError(f"clock {rule.key!r} cannot be derived from its due date alone")
    state, left = _running_state(rule, due, today, paused_reason is not None, calendar.country, calendar.subdiv,
                                 _as_frozenset(closures))
    return Clock(rule.key, rule.label, rule.rule_number, rule.statutory, rule.start_event, None, due, state, None,
                 left, paused_reason, None, None)


def evaluate_clocks(
    record: ClockRecord,
    *,
    today: date,
    ruleset: RuleSet = england,
    closures: Iterable[date] = (),
    settings: Mapping[str, int] | None = None,
) -> list[Clock]:
    """One :class:`Clock` per rule of ``ruleset``, in rule order, as things stand on ``today``.

    Clocks that are not applicable, or not started (and have nothing recorded), are shared immutable
    instances: the referral list evaluates every record at startup and most have several such clocks.
    """
    frozen = _as_frozenset(closures)
    prepared = _prepare(ruleset, settings)
    amounts = prepared.amounts
    country, subdiv = ruleset.calendar.country, ruleset.calendar.subdiv
    pauses = record.pauses
    dues: dict[str, date | None] = {}
    source = _Source(record, ruleset, amounts, frozen, dues)
    clocks: list[Clock] = []
    for index, rule in enumerate(ruleset.rules):
        if rule.applies_when is not None and getattr(record, rule.applies_when, None) is False:
            dues[rule.key] = None
            clocks.append(prepared.not_applicable[index])
            continue
        amount = amounts[index]
        kind = rule.kind
        event = rule.start_event
        start: date | None = getattr(record, event)
        if start is None and rule.fallback_start_event is not None:
            start = getattr(record, rule.fallback_start_event)
            if start is not None:
                event = rule.fallback_start_event
        met: date | None = getattr(record, rule.met_event) if rule.met_event is not None else None
        if start is None:
            dues[rule.key] = None
            if met is None:
                missing = record.referral and rule.start_required
                clocks.append((prepared.start_missing if missing else prepared.not_started)[index])
                continue
            due = None  # not started, but the end event is recorded: the explanation says so
        else:
            if kind == "working_days":
                due = _add(country, subdiv, start, amount, frozen)
            elif kind == "working_days_before":
                due = _add(country, subdiv, start, -amount, frozen)
            elif kind == "as_soon_as":
                reference = dues.get(rule.due_from) if rule.due_from is not None else None
                due = reference if reference is not None else start
            else:  # months, window
                due = _add_months(start, amount)[0]
            dues[rule.key] = due

        left: int | None = None
        paused_reason: str | None = None
        pause: Pause | None = None
        pause_of: str | None = None
        if due is None:
            state = ClockState.NOT_STARTED
        elif met is not None:
            state = ClockState.MET if met <= due else ClockState.MET_LATE
        else:
            # An open pause of this clock, or (rule 9 follows rule 8) of the clock it is due from. A pause
            # never moves the due date and never hides an overdue clock: overdue wins, the reason shows.
            pause = pauses.get(rule.key) if pauses else None
            if pause is None and pauses and rule.due_from is not None:
                pause = pauses.get(rule.due_from)
                if pause is not None:
                    pause_of = rule.due_from
            if pause is not None:
                paused_reason = pause.reason
        if due is None or met is not None:
            paused_reason, pause, pause_of = None, None, None
        elif kind == "window":
            if today >= due:
                state = ClockState.ENDED
                paused_reason, pause, pause_of = None, None, None
            else:
                left = _count(country, subdiv, today, due, frozen)
                soon = rule.due_soon_days if rule.due_soon_days is not None else rule.due_soon
                if pause is not None:
                    state = ClockState.PAUSED
                else:
                    state = ClockState.DUE_SOON if (due - today).days <= soon else ClockState.RUNNING
        else:
            state, left = _running_state(rule, due, today, pause is not None, country, subdiv, frozen)
        deferral = record.deferral if rule.deferrable and state in OPEN_STATES else None

        clocks.append(
            Clock(
                rule.key,
                rule.label,
                rule.rule_number,
                rule.statutory,
                event,
                start,
                due,
                state,
                met if state is ClockState.MET or state is ClockState.MET_LATE else None,
                left,
                paused_reason,
                deferral.reason if deferral is not None else None,
                deferral.review_date if deferral is not None else None,
                source,
                index,
                pause if paused_reason is not None else None,
                pause_of if paused_reason is not None else None,
            )
        )
    return clocks


def due_date_for(
    rule_key: str,
    record: ClockRecord,
    *,
    ruleset: RuleSet = england,
    closures: Iterable[date] = (),
    settings: Mapping[str, int] | None = None,
) -> date | None:
    """The due date of one clock (``None`` when it has not started)."""
    index = ruleset.rules.index(ruleset.rule(rule_key))  # KeyError for an unknown clock
    clocks = evaluate_clocks(record, today=date.min, ruleset=ruleset, closures=closures, settings=settings)
    return clocks[index].due_date


def next_open_clock(clocks: Iterable[Clock]) -> Clock | None:
    """The soonest-due clock among running, due soon, overdue and paused ones (rule order breaks ties)."""
    best: Clock | None = None
    best_due = date.max
    for clock in clocks:
        due = clock.due_date
        if clock.state in OPEN_STATES and due is not None and (best is None or due < best_due):
            best, best_due = clock, due
    return best

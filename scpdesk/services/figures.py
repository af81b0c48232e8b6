"""The partnership's figures for a period: what the annual report, the inspection and the National Panel ask.

``compute_figures`` counts them once; the Figures window, the charts, the PDF/XLSX/PNG exports and ``scpdesk report
annual`` all show that one result. The JSON (``Figures.as_json``) is the same numbers the screen shows: one
computation, never a second one.

Every figure says the rule it used and lists the records it counts, so a manager can check it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import threading
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from ..errors import UserError
from ..models.enums import ActionStatus, Decision, IncidentType, Route, RouteRequested
from ..models.enums import label as enum_label
from ..models.timeframes import EVENT_LABELS, RULE_SETS, Calendar, Clock, ClockRule, ClockState, add_months, format_date
from ..translatable import QT_TRANSLATE_NOOP
from .clocks import PauseRow, referral_clocks, review_clocks
from .dto import RecordLink
from .library.actions import effective_status
from .referrals.referrals import clock_pauses, first_child_pseudonym
from .settings import load_closures, load_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .settings_values import OrganisationSettings
    from .uow import ServiceContext


class PeriodKind(StrEnum):
    FINANCIAL_YEAR = "financial_year"  # 1 April – 31 March
    CALENDAR_YEAR = "calendar_year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    start: dt.date
    #: Inclusive.
    end: dt.date
    kind: PeriodKind = PeriodKind.RANGE

    @classmethod
    def financial_year(cls, containing: dt.date) -> Period:
        first = containing.year if containing.month >= 4 else containing.year - 1
        return cls(dt.date(first, 4, 1), dt.date(first + 1, 3, 31), PeriodKind.FINANCIAL_YEAR)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.CALENDAR_YEAR)

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.FINANCIAL_YEAR:
            return f"{self.start.year}/{str(self.end.year)[-2:]} (1 Apr {self.start.year} – 31 Mar {self.end.year})"
        if self.kind is PeriodKind.CALENDAR_YEAR:
            return str(self.start.year)
        return f"{self.start.day} {self.start:%b %Y} – {self.end.day} {self.end:%b %Y}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Counted:
    """One record a figure counts, as its list shows it (pseudonyms only)."""

    kind: str  # "referral", "review", "action", "archive_request"
    record_id: int
    reference: str
    case: str
    #: Why it counts as it does, e.g. "LA aware 1 Apr 2026, SIN due 10 Apr, sent 9 Apr: on time".
    detail: str
    link: RecordLink
    #: Whether it counts towards the numerator (on time, published within 6 months …); None for a plain count.
    met: bool | None = None


class _Listing:
    """The records a figure counts, not yet built: how many, how many ``met``, and how to build them.

    A year lists about 30,000 records over its figures and a person opens a few figures' lists; building them all up
    front cost more than the whole computation (the objects themselves, their words, and the full garbage collections
    tens of thousands of new long-lived objects set off). ``compute_figures`` keeps each record as a compact row of
    plain values (which the garbage collector stops tracking) and words them the first time ``Figure.records`` is
    read: the same words, the same tuple, whoever reads it (the screen, the PDF, the workbook, the JSON)."""

    __slots__ = ("_build", "count", "met")

    def __init__(self, count: int, build: Callable[[], Iterable[Counted]], met: int = 0) -> None:
        self.count, self.met, self._build = count, met, build

    def __len__(self) -> int:
        return self.count

    def build(self) -> tuple[Counted, ...]:
        built = tuple(self._build())
        assert len(built) == self.count, "a figure lists the records it counted"
        return built


#: Held while a list is worded: the lists of one computation share records (a decision's record is listed by several
#: figures), and the screen and an export may read lists from two threads at once.
_WORDING = threading.Lock()


class _Records:
    """``Figure.records`` (a dataclass field): always a tuple of Counted when read; given a ``_Listing``, built from
    it on first read and then kept (whichever thread reads it first; the others wait for it and get the same)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, figure: object, owner: type | None = None) -> tuple[Counted, ...]:
        if figure is None:  # the dataclass asks the class for the default
            return ()
        value = figure.__dict__[self.slot]
        if isinstance(value, _Listing):
            with _WORDING:
                value = figure.__dict__[self.slot]
                if isinstance(value, _Listing):
                    value = figure.__dict__[self.slot] = value.build()
        return value

    def __set__(self, figure: object, value: Iterable[Counted] | _Listing) -> None:
        figure.__dict__[self.slot] = value if isinstance(value, _Listing) else tuple(value)


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"  # value is 0–100
    WORKING_DAYS = "working_days"  # a median
    DAYS = "days"  # calendar days (a median)


@dataclass(frozen=True)
class Figure:
    key: str  # stable, e.g. "sin_on_time"
    section: str  # "Referrals", "Timeliness", "Decisions", "Publication", "Themes", "Actions", "Archive requests"
    label: str  # "SIN sent within 5 working days"
    value: float | None  # None: nothing to count in the period (shown as "—", never as 0% or 100%)
    unit: Unit
    numerator: int | None
    denominator: int | None
    text: str  # "18 of 20 (90%)", "12 working days", "—"
    rule: str  # the rule in words, e.g. "Referrals whose LA became aware in the period and …"
    #: Read as a tuple of Counted (built on first read when compute_figures listed them compactly).
    records: _Records = _Records()


@dataclass(frozen=True)
class Table:
    key: str  # "referrals_by_route", "decisions_by_type", "themes_by_year", "actions_overdue_by_agency", …
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | float | None, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per category


@dataclass(frozen=True)
class Chart:
    key: str  # "timeliness_by_quarter", "decisions_by_type", "themes_by_year", "actions_by_agency"
    title: str
    kind: str  # "bar", "grouped_bar", "stacked_bar", "line"
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_label: str  # the value axis, e.g. "% on time", "Reviews"
    #: A sentence saying what the chart shows, for screen readers and the PDF's alternative text.
    alt_text: str


@dataclass(frozen=True)
class Figures:
    period: Period
    computed_on: dt.date
    partnership: str
    figures: tuple[Figure, ...]
    tables: tuple[Table, ...]
    charts: tuple[Chart, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)

    def sections(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.section for f in self.figures))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = {"start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                          "kind": str(self.period.kind), "label": self.period.label}
        data["computed_on"] = self.computed_on.isoformat()
        return data


# ----------------------------------------------------------------------------------------------------------------
# The computation (figures-service). A few set-based reads in one snapshot, then one pass of the clock engine over
# the rows: due dates, on time or late, working days, all from ``models.timeframes`` (never a rule by hand).
# ----------------------------------------------------------------------------------------------------------------

EMPTY = "—"

REFERRALS, TIMELINESS, DECISIONS, PUBLICATION, THEMES, ACTIONS, ARCHIVE = (
    "Referrals", "Timeliness", "Decisions", "Publication", "Themes", "Actions", "Archive requests")

#: The referral clocks measured for timeliness: (clock key, figure key, series name in the quarterly chart).
TIMELINESS_CLOCKS = (("sin", "sin_on_time", "SIN sent"), ("notify_partners", "partners_told_on_time", "Partners told"),
                     ("rapid_review", "rr_on_time", "RR complete"), ("rr_sent", "rr_sent_on_time", "Sent to Panel"))
_DONE_WORDS = {"sin": "sent", "notify_partners": "told", "rapid_review": "completed", "rr_sent": "sent",
               "lcspr_publication": "published"}
#: A clock is decided (counted in a rate) once met, met late, or overdue; not yet due, it waits for a later period.
_DECIDED = frozenset({ClockState.MET, ClockState.MET_LATE, ClockState.OVERDUE})
#: How far before the period a referral's or review's start date can lie and its clock still fall due in it.
#: (15 working days is at most about 4 weeks with Christmas or Easter; 60 days leaves a month of closure days.)
_REFERRAL_REACH = dt.timedelta(days=60)

#: The clocks whose working days from the LA becoming aware have a median of their own (Publication).
_MILESTONES = frozenset({"sin", "rapid_review"})
_COUNTED_RULE = ("Counted once decided: done on or before the due date (on time; done on the due date is on time), "
                 "done after it (late), or still not done after it (late, paused or not: a pause never moves the "
                 "due date). A clock not yet due is left for the period it falls due in.")


#: An enum value's words, memoised (asked for thousands of times a year).
_words = lru_cache(maxsize=None)(enum_label)
#: Month abbreviations that do not depend on the machine's locale (as ``format_date``'s).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rule_amount(rule: ClockRule, amounts: Mapping[str, int]) -> int:
    """The rule's number as the partnership set it (the clock engine's), not the rule set's default."""
    return amounts.get(rule.setting, rule.amount) if rule.setting is not None else rule.amount


@lru_cache(maxsize=8192)
def _day(d: dt.date | None) -> str:
    """"Fri 19 Dec 2025" (memoised: a year's records name the same few hundred dates thousands of times)."""
    return format_date(d) if d is not None else "no date"


def _plural(n: float, word: str) -> str:
    return f"{n:g} {word}" if n == 1 else f"{n:g} {word}s"


def _percent_text(value: float) -> str:
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def _count_figure(key: str, section: str, label: str, records: Sequence[Counted] | _Listing, rule: str) -> Figure:
    n = len(records)
    return Figure(key, section, label, n, Unit.COUNT, n, None, str(n), rule, records)


def _rate_figure(key: str, section: str, label: str, records: Sequence[Counted] | _Listing, rule: str) -> Figure:
    """A percentage whose denominator is every record listed and numerator those ``met``; None when none."""
    total = len(records)
    if not total:
        return Figure(key, section, label, None, Unit.PERCENT, 0, 0, EMPTY, rule, ())
    met = records.met if isinstance(records, _Listing) else sum(1 for r in records if r.met)
    value = round(100 * met / total, 1)
    return Figure(key, section, label, value, Unit.PERCENT, met, total,
                  f"{met} of {total} ({_percent_text(value)})", rule, records)


def _median_figure(key: str, section: str, label: str, unit: Unit, values: Sequence[int],
                   records: Sequence[Counted] | _Listing, rule: str) -> Figure:
    """The median of ``values``, listing ``records`` (one per value)."""
    if not values:
        return Figure(key, section, label, None, unit, None, 0, EMPTY, rule, ())
    value = float(statistics.median(values))
    word = "working day" if unit is Unit.WORKING_DAYS else "day"
    return Figure(key, section, label, value, unit, None, len(values),
                  f"{_plural(value, word)} (median of {len(values)})", rule, records)


def _measured(measured: Sequence[tuple[int, Counted]]) -> tuple[list[int], list[Counted]]:
    return [n for n, _ in measured], [c for _, c in measured]


#: What a figure keeps of a clock to word it later, plain values only: (start event, start date, due date, state's
#: value, met date, working days left, paused reason, deferred reason).
_ClockFacts = tuple[str, dt.date | None, dt.date | None, str, dt.date | None, int | None, str | None, str | None]


def _clock_facts(clock: Clock) -> _ClockFacts:
    return (clock.start_event, clock.start_date, clock.due_date, clock.state.value, clock.met_date,
            clock.working_days_left, clock.paused_reason, clock.deferred_reason)


def _clock_detail(key: str, facts: _ClockFacts, calendar: Calendar, closures: frozenset[dt.date]) -> str:
    """"LA became aware Fri 19 Dec 2025; due Tue 30 Dec 2025; sent Tue 30 Dec 2025: on time"."""
    start_event, start_date, due_date, state, met_date, working_days_left, paused_reason, deferred_reason = facts
    done = _DONE_WORDS.get(key, "done")
    start = EVENT_LABELS.get(start_event, start_event)
    head = f"{start} {_day(start_date)}; due {_day(due_date)}"
    if state == ClockState.MET:
        return f"{head}; {done} {_day(met_date)}: on time"
    if state == ClockState.MET_LATE and met_date is not None and due_date is not None:
        late = calendar.working_days_between(due_date, met_date, closures=closures)
        return f"{head}; {done} {_day(met_date)}: {_plural(late, 'working day')} late"
    late = -(working_days_left or 0)
    text = f"{head}; not {done}: overdue by {_plural(late, 'working day')}"
    if paused_reason:
        text += f" (paused: {paused_reason})"
    if deferred_reason:
        text += f" (deferred: {deferred_reason})"
    return text


def _quarter_series(name: str, by_quarter: Sequence[Sequence[bool]]) -> Series:
    """A clock's percentage on time in each quarter (None where none fell due)."""
    return Series(name, tuple(round(100 * sum(q) / len(q), 1) if q else None for q in by_quarter))


def _timeliness_chart(quarters: Sequence[tuple[str, dt.date, dt.date]], series: Sequence[Series], what: str) -> Chart:
    """The quarterly timeliness chart, its alternative text saying every value."""
    categories = tuple(q[0] for q in quarters)
    said = "; ".join(f"{s.name}: " + ", ".join(f"{c} {_percent_text(v) if v is not None else 'none due'}"
                                               for c, v in zip(categories, s.values, strict=True))
                     for s in series)
    return Chart("timeliness_by_quarter", "Timeliness by quarter", "grouped_bar", categories, tuple(series),
                 "% on time", f"Percentage of {what} met on time, by the quarter they fell due. {said}.")


def _quarters(period: Period) -> list[tuple[str, dt.date, dt.date]]:
    """The period in 3-month steps from its first day: (label, first day, last day)."""
    found: list[tuple[str, dt.date, dt.date]] = []
    start = period.start
    while start <= period.end:
        nxt = add_months(period.start, 3 * (len(found) + 1))
        end = min(nxt - dt.timedelta(days=1), period.end)
        n = len(found) + 1
        first, last = _MONTHS[start.month - 1], _MONTHS[end.month - 1]
        if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
            name = f"Q{n} {first}–{last} {end.year}" if start.month != end.month else f"Q{n} {last} {end.year}"
        else:
            name = f"Q{n} {start.day} {first}–{end.day} {last} {end.year}"
        found.append((name, start, end))
        start = nxt
    return found


def _year_of(d: dt.date, financial: bool) -> tuple[int, str]:
    """The year a date falls in, as the period counts years (financial years April–March, else calendar)."""
    if financial:
        first = d.year if d.month >= 4 else d.year - 1
        return first, f"{first}/{(first + 1) % 100:02d}"
    return d.year, str(d.year)


#: The days a period may cover: the records' dates lie well inside, and the clocks count months past a period's
#: end (a date past 9999 does not exist, a financial year before year 1 neither).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
PERIOD_RANGE = f"between {format_date(FIRST_DAY, weekday=False)} and {format_date(LAST_DAY, weekday=False)}"


def out_of_range(day: dt.date) -> bool:
    """Whether ``day`` lies outside the days a period may cover (``FIRST_DAY`` … ``LAST_DAY``)."""
    return not FIRST_DAY <= day <= LAST_DAY


def check_period_day(field: str, day: dt.date) -> dt.date:
    """``day`` as a period's first or last day, or a UserError naming ``field`` when it is too far off."""
    if out_of_range(day):
        raise UserError(field, f"{format_date(day, weekday=False)} is too far off: choose a period {PERIOD_RANGE}")
    return day


def compute_figures(ctx: ServiceContext, period: Period) -> Figures:
    """The partnership's figures for ``period`` as things stand on ``ctx.today()``: what the Figures screen, the
    JSON, the PDF and the XLSX show (one computation). Read in one snapshot: a few set-based statements, no
    per-record query; every due date and working-day count comes from the clock engine."""
    if period.end < period.start:
        raise UserError("period", f"the period ends ({format_date(period.end)}) before it starts "
                                  f"({format_date(period.start)})")
    if out_of_range(period.start) or out_of_range(period.end):
        raise UserError("period", f"choose a period {PERIOD_RANGE}")
    today = ctx.today()
    with ctx.snapshot() as s:
        data = _read(s, period)
    return _Computation(period, today, data).figures()


@dataclass(frozen=True)
class _Data:
    settings: OrganisationSettings
    closures: frozenset[dt.date]
    referrals: Sequence[Any]
    referral_pauses: Mapping[int, Sequence[PauseRow]]
    reviews: Sequence[Any]
    review_pauses: Mapping[int, Sequence[PauseRow]]
    review_themes: Sequence[Any]
    rapid_review_themes: Sequence[Any]
    actions: Sequence[Any]
    archive_requests: Sequence[Any]


def _read(s: Session, period: Period) -> _Data:
    from ..models import Action, Agency, ArchiveRequest, Person, RapidReview, Recommendation, Referral, Review, Theme
    from ..models.referrals import rapid_review_theme
    from ..models.reviews import review_theme

    settings = load_settings(s)
    closures = load_closures(s)
    connection = s.connection()

    def run(statement: Any) -> list[tuple[Any, ...]]:
        """Plain columns, no entities: a Core statement (the ORM's row loading costs as much as the read), its rows
        as plain tuples. A year is tens of thousands of rows and records; tuples of plain values leave the garbage
        collector's care, rows do not, and one full collection over them costs more than the whole computation."""
        return [tuple(row) for row in connection.execute(statement)]

    # A nation's working-day clocks are settings of up to 60 working days: the reach grows with the longest (its
    # weeks, a week for the holidays, a month of closure days), never below England's.
    amounts = settings.clock_settings()
    longest = max((_rule_amount(rule, amounts) for rule in settings.ruleset.rules if rule.kind == "working_days"),
                  default=0)
    reach = period.start - max(_REFERRAL_REACH, dt.timedelta(days=-(-longest // 5) * 7 + 7 + 31))
    end = period.end
    referrals = run(
        select(Referral.id, Referral.reference, first_child_pseudonym(), Referral.received_date,
               Referral.route_requested, Referral.route, Referral.incident_type, Referral.la_aware_date,
               Referral.partners_aware_date, Referral.partners_notified_date, Referral.sin_sent_date,
               Referral.decision, Referral.decision_date, RapidReview.id, RapidReview.completed_date,
               RapidReview.sent_to_panel_date, RapidReview.panel_response_date, Referral.recommendation_date,
               Referral.decision_notified_date)
        .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
        # What could count: received, decided or answered in the period, or a clock started close enough before
        # it (or in it) to fall due in it. A clock never falls due before its start.
        # (A nation's clocks start at the referral's receipt and at the decision: those, too, from the reach.)
        .where(or_(Referral.received_date.between(reach, end), Referral.la_aware_date.between(reach, end),
                   Referral.partners_aware_date.between(reach, end), Referral.sin_sent_date.between(reach, end),
                   Referral.decision_date.between(reach, end), RapidReview.completed_date.between(reach, end),
                   RapidReview.sent_to_panel_date.between(reach, end),
                   RapidReview.panel_response_date.between(period.start, end),
                   Referral.recommendation_date.between(reach, end),
                   Referral.decision_notified_date.between(reach, end)))
        .order_by(Referral.reference))
    referral_pauses = clock_pauses(s)
    # The 6-month clock (a setting) of a review decided this long before the period can fall due in it; under a
    # nation, the longest of its months clocks (each a setting), and a report completed in the reach (the clock
    # sending it on starts there, however long the review took).
    months = [settings.lcspr_target_months, *(_rule_amount(rule, amounts) for rule in settings.ruleset.rules
                                               if rule.kind == "months" and rule.start_event == "review_decision")]
    review_reach = add_months(period.start, -(max(months) + 1))
    reviews = run(
        select(Review.id, Review.reference, Review.pseudonym, Review.review_type, Review.status, Review.decision_date,
               Review.planned_publication_date, Review.final_report_sent_date, Review.published_date,
               Review.deferral_reason, Review.deferral_review_date, Review.deferral_expected_end,
               Review.learning_event_date, Review.report_completed_date)
        .where(or_(Review.decision_date.between(review_reach, end), Review.published_date.between(period.start, end),
                   Review.report_completed_date.between(reach, end)))
        .order_by(Review.reference))
    review_pauses = clock_pauses(s, reviews=True)
    review_themes = run(
        select(Theme.name, Review.id, Review.reference, Review.pseudonym, Review.referral_id,
               func.coalesce(Review.decision_date, Review.commissioned_date, Review.published_date))
        .join(review_theme, review_theme.c.review_id == Review.id).join(Theme, Theme.id == review_theme.c.theme_id)
        .order_by(Theme.name, Review.reference))
    rapid_review_themes = run(
        select(Theme.name, Referral.id, Referral.reference, first_child_pseudonym(),
               func.coalesce(RapidReview.completed_date, RapidReview.started_date, Referral.la_aware_date,
                             Referral.received_date))
        .join(RapidReview, RapidReview.referral_id == Referral.id)
        .join(rapid_review_theme, rapid_review_theme.c.rapid_review_id == RapidReview.id)
        .join(Theme, Theme.id == rapid_review_theme.c.theme_id)
        .order_by(Theme.name, Referral.reference))
    owner, owners_agency = aliased(Agency), aliased(Agency)
    actions = run(
        select(Action.id, Action.description, Action.due_date, Action.status, Action.completed_date,
               func.coalesce(owner.name, owners_agency.name), Review.id, Review.reference, Review.pseudonym)
        .join(Recommendation, Recommendation.id == Action.recommendation_id)
        .join(Review, Review.id == Recommendation.review_id)
        .outerjoin(owner, owner.id == Action.owner_agency_id)
        .outerjoin(Person, Person.id == Action.owner_person_id)
        .outerjoin(owners_agency, owners_agency.id == Person.agency_id)
        .where(or_(Action.due_date.between(period.start, period.end), Action.status != ActionStatus.COMPLETE))
        .order_by(Review.reference, Action.due_date, Action.id))
    archive_requests = run(
        select(ArchiveRequest.id, ArchiveRequest.received_date, ArchiveRequest.sent_date, Review.id, Review.reference,
               Review.pseudonym)
        .join(Review, Review.id == ArchiveRequest.review_id)
        .where(ArchiveRequest.received_date.between(period.start, period.end))
        .order_by(ArchiveRequest.received_date, ArchiveRequest.id))
    return _Data(settings, closures, referrals, referral_pauses, reviews, review_pauses, review_themes,
                 rapid_review_themes, actions, archive_requests)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


#: A record carrying a theme: (kind, id, reference, case pseudonym, what it is).
_Seen = tuple[str, int, str, str, str]


class _Computation:
    """One pass over the rows read: the figures, tables and charts in the order the screen shows them."""

    def __init__(self, period: Period, today: dt.date, data: _Data) -> None:
        self.period, self.today, self.data = period, today, data
        # England's statutory clocks (rules 6–11: TIMELINESS_CLOCKS, the LCSPR target) are counted under England's
        # rule set. Under a nation's, Timeliness counts that nation's own clocks instead (``_nation_timeliness``:
        # the SIN, the rapid review and the National Panel are England's and are not measured there), and the
        # LCSPR figures count what they find (a nation's reviews are not LCSPRs: "—").
        self.nation = data.settings if data.settings.rule_set != "england" else None
        self.settings = (data.settings if self.nation is None
                         else dataclasses.replace(data.settings, rule_set="england"))
        self.ruleset = self.settings.ruleset
        # Working days are counted on the partnership's own calendar (Scotland's holidays in Scotland), as its clocks.
        self.calendar = (self.nation or self.settings).ruleset.calendar
        self.closures = data.closures
        self.found: list[Figure] = []
        self.tables: list[Table] = []
        self.charts: list[Chart] = []
        self.links: dict[tuple[str, int, str], RecordLink] = {}
        self.referral_links: dict[tuple[int, str], RecordLink] = {}  # the same, for the many referrals
        #: Working days from LA aware to the decision, and the decisions' records.
        self.to_decision: tuple[list[int], _Listing | list[Counted]] = ([], [])
        #: Each timeliness figure's clocks, compact (a record is worded when the figure's list is first read):
        #: (referral id, reference, pseudonym, met, working days from LA aware to done or None, the clock's facts).
        self.timed: dict[str, list[tuple[int, str, str | None, bool, int | None, _ClockFacts]]] = {}
        self.timed_built: dict[str, tuple[Counted, ...]] = {}

    def figures(self) -> Figures:
        self._referrals()
        self._timeliness()
        self._decisions()
        self._publication()
        self._themes()
        self._actions()
        self._archive()
        # The lists not yet read keep what they word (compact rows), not every row read: let the rest go.
        del self.data
        return Figures(self.period, self.today, self.settings.partnership_name, tuple(self.found),
                       tuple(self.tables), tuple(self.charts))

    def _working_days(self, start: dt.date, end: dt.date) -> int:
        return self.calendar.working_days_between(start, end, closures=self.closures)

    def _link(self, tab: str, record_id: int, part: str = "") -> RecordLink:
        """One link per record and part, shared by every figure that lists it."""
        key = (tab, record_id, part)
        found = self.links.get(key)
        if found is None:
            found = self.links[key] = RecordLink(tab, record_id, part)
        return found

    def _referral_link(self, referral_id: int, part: str = "") -> RecordLink:
        links = self.referral_links
        link = links.get((referral_id, part))
        if link is None:
            link = links[referral_id, part] = RecordLink("referrals", referral_id, part)
        return link

    def _referral(self, row: Any, detail: str, met: bool | None = None, part: str = "") -> Counted:
        return Counted("referral", row[0], row[1], row[2] or "", detail, self._referral_link(row[0], part), met)

    # --- Referrals ----------------------------------------------------------------------------------------------
    def _referrals(self) -> None:
        received = [r for r in self.data.referrals if r[3] in self.period]

        def listed() -> Iterable[Counted]:
            return (self._referral(r, f"Received {_day(r[3])}; route requested: {_words(r[4]).lower()}; "
                                      f"decided: {_words(r[5]).lower() if r[5] else 'not yet screened'}")
                    for r in received)

        self.found.append(_count_figure(
            "referrals_received", REFERRALS, "Referrals received", _Listing(len(received), listed),
            "Referrals whose received date is in the period, whatever has happened to them since."))
        requested = Counter(r[4] for r in received)
        decided = Counter(r[5] for r in received)
        self.tables.append(Table(
            "referrals_by_route", "Referrals received by route", ("Route", "Requested", "Decided at screening"),
            (("Rapid review", requested[RouteRequested.RAPID_REVIEW], decided[Route.RAPID_REVIEW]),
             ("Learning review", requested[RouteRequested.LEARNING_REVIEW], decided[Route.LEARNING_REVIEW]),
             ("Single-agency audit", None, decided[Route.SINGLE_AGENCY_AUDIT]),
             ("No further action", None, decided[Route.NO_FURTHER_ACTION]),
             ("Unsure", requested[RouteRequested.UNSURE], None),
             ("Not yet screened", None, decided[None]),
             ("Total", len(received), len(received))),
            "Referrals received in the period: the route the referrer asked for and the route screening decided "
            "(blank where that route is not a choice at that step)."))
        incidents = Counter(r[6] for r in received)
        self.tables.append(Table(
            "referrals_by_incident_type", "Referrals received by incident type", ("Incident type", "Referrals"),
            (*((_words(kind), incidents[kind]) for kind in IncidentType), ("Not recorded", incidents[None]),
             ("Total", len(received))),
            "Referrals received in the period."))

    # --- Timeliness ---------------------------------------------------------------------------------------------
    def _timeliness(self) -> None:
        if self.nation is not None:
            self._nation_timeliness(self.nation)
            return
        data, today = self.data, self.today
        quarters = _quarters(self.period)
        counted = self.timed = {key: [] for key, _, _ in TIMELINESS_CLOCKS}
        by_quarter: dict[str, list[list[bool]]] = {key: [[] for _ in quarters] for key, _, _ in TIMELINESS_CLOCKS}
        first, last = self.period.start, self.period.end
        starts = [q[1] for q in quarters]
        pauses = data.referral_pauses
        for row in data.referrals:
            (_, _, _, _, _, route, _, la, pa, pn, sin, _, _, _, done, sent, resp) = row[:17]
            for clock in referral_clocks(route=route, la_aware=la, partners_aware=pa, partners_notified=pn,
                                         sin_sent=sin, rr_completed=done, rr_sent=sent, panel_response=resp,
                                         received=None, recommendation=None, decision=None, decided=None,
                                         decision_notified=None,  # England's clocks only (see __init__)
                                         pauses=pauses.get(row[0], ()), today=today, settings=self.settings,
                                         closures=self.closures):
                due = clock.due_date
                if due is None or due < first or due > last or clock.state not in _DECIDED:
                    continue
                listed = counted.get(clock.key)
                if listed is None:  # the Panel's response: a count and a median, below
                    continue
                met = clock.state is ClockState.MET
                # The same record serves the median from the LA becoming aware (one list, one set of words).
                days = (self._working_days(la, clock.met_date) if clock.key in _MILESTONES
                        and clock.met_date is not None and la is not None else None)
                listed.append((row[0], row[1], row[2], met, days, _clock_facts(clock)))
                by_quarter[clock.key][bisect_right(starts, due) - 1].append(met)
        labels = {"sin": "SIN sent within {n} working days", "notify_partners": "Partners told within {n} working days",
                  "rapid_review": "Rapid reviews completed within {n} working days",
                  "rr_sent": "Rapid reviews sent to the Panel on time"}
        series: list[Series] = []
        for key, figure_key, name in TIMELINESS_CLOCKS:
            rule = self.ruleset.rule(key)
            on_time = ("sent no later than the rule 8 date (the rapid review's due date)" if key == "rr_sent"
                       else "done on or before the due date")
            timed = counted[key]
            self.found.append(_rate_figure(
                figure_key, TIMELINESS, labels[key].format(n=rule.amount),
                _Listing(len(timed), partial(self._timed, key), sum(1 for t in timed if t[3])),
                f"Referrals whose clock \"{rule.label}\" fell due in the period; the due date is the clock "
                f"engine's ({rule.rule_text.format(n=rule.amount)}; bank holidays and closure days skipped). On "
                f"time: {on_time}. {_COUNTED_RULE} Referrals screened as not a serious incident have no such clock."))
            series.append(_quarter_series(name, by_quarter[key]))
        self._panel_responses()
        self.charts.append(_timeliness_chart(quarters, series, "clocks"))

    def _nation_timeliness(self, settings: OrganisationSettings) -> None:
        """The nation's own clocks (its rule set's, docs/rules.md): for each, the share done on time of those that
        fell due in the period, counted as England's are (``_COUNTED_RULE``), and a chart by quarter."""
        data, today, period = self.data, self.today, self.period
        ruleset = settings.ruleset
        england = {rule.key for rule in RULE_SETS["england"].rules}
        keys = [rule.key for rule in ruleset.rules if rule.key not in england]
        counted: dict[str, list[Counted]] = {key: [] for key in keys}
        quarters = _quarters(period)
        starts = [q[1] for q in quarters]
        by_quarter: dict[str, list[list[bool]]] = {key: [[] for _ in quarters] for key in keys}
        calendar, closures = ruleset.calendar, self.closures

        def see(clocks: Iterable[Clock], counted_as: Callable[[str, bool], Counted]) -> None:
            for clock in clocks:
                due = clock.due_date
                if (clock.key not in counted or due is None or due not in period
                        or clock.state not in _DECIDED):
                    continue
                met = clock.state is ClockState.MET
                counted[clock.key].append(counted_as(_clock_detail(clock.key, _clock_facts(clock), calendar,
                                                                   closures), met))
                by_quarter[clock.key][bisect_right(starts, due) - 1].append(met)

        for row in data.referrals:
            (rid, _, _, received, _, route, _, la, pa, pn, sin, decision, decided, _, done, sent, resp,
             recommendation, notified) = row
            see(referral_clocks(route=route, la_aware=la, partners_aware=pa, partners_notified=pn, sin_sent=sin,
                                rr_completed=done, rr_sent=sent, panel_response=resp, received=received,
                                recommendation=recommendation, decision=decision, decided=decided,
                                decision_notified=notified, pauses=data.referral_pauses.get(rid, ()), today=today,
                                settings=settings, closures=closures),
                partial(self._referral_counted, row))
        for row in data.reviews:
            (vid, ref, pseud, rtype, status, decision, planned, final_sent, pub, dreason, dreview, dend, event,
             report) = row
            see(review_clocks(review_type=rtype, status=status, decision=decision, planned_publication=planned,
                              final_report_sent=final_sent, published=pub, learning_event=event,
                              report_completed=report, deferral_reason=dreason or "", deferral_review_date=dreview,
                              deferral_expected_end=dend, pauses=data.review_pauses.get(vid, ()), today=today,
                              settings=settings, closures=closures),
                partial(self._review_counted, vid, ref, pseud))
        series: list[Series] = []
        amounts = settings.clock_settings()  # the Board's numbers, not the rule set's defaults
        for key in keys:
            rule = ruleset.rule(key)
            self.found.append(_rate_figure(
                f"{key}_on_time", TIMELINESS, f"{rule.label}: on time", counted[key],
                f"{ruleset.label}'s clock \"{rule.label}\" that fell due in the period; the due date is the clock "
                f"engine's ({rule.rule_text.format(n=_rule_amount(rule, amounts))}; {ruleset.label}'s bank holidays "
                f"and closure days skipped). On time: done on or before the due date. {_COUNTED_RULE}"))
            series.append(_quarter_series(rule.label, by_quarter[key]))
        self.charts.append(_timeliness_chart(quarters, series, f"{ruleset.label}'s clocks"))

    def _referral_counted(self, row: Any, detail: str, met: bool) -> Counted:
        return self._referral(row, detail, met)

    def _review_counted(self, vid: int, ref: str, pseud: str | None, detail: str, met: bool) -> Counted:
        return Counted("review", vid, ref, pseud or "", detail, self._link("library", vid), met)

    def _timed(self, key: str) -> tuple[Counted, ...]:
        """A timeliness figure's records, worded once (the median from the LA becoming aware lists the same)."""
        built = self.timed_built.get(key)
        if built is None:
            part = "" if key in ("sin", "notify_partners") else "rapid_review"
            calendar, closures, link = self.calendar, self.closures, self._referral_link
            records = []
            for rid, ref, pseud, met, days, facts in self.timed[key]:
                detail = _clock_detail(key, facts, calendar, closures)
                if days is not None:
                    detail = f"{detail} ({_plural(days, 'working day')} from the LA becoming aware)"
                records.append(Counted("referral", rid, ref, pseud or "", detail, link(rid, part), met))
            built = self.timed_built[key] = tuple(records)
        return built

    def _panel_responses(self) -> None:
        responded = [r for r in self.data.referrals if r[16] in self.period]
        records, measured = [], []
        for r in responded:
            sent, response = r[15], r[16]
            if sent is not None:
                days = self._working_days(sent, response)
                counted = self._referral(r, f"Sent to the Panel {_day(sent)}; response {_day(response)}: "
                                            f"{_plural(days, 'working day')}", part="rapid_review")
                measured.append((days, counted))
            else:
                counted = self._referral(r, f"Response {_day(response)}; no sending date recorded",
                                         part="rapid_review")
            records.append(counted)
        self.found.append(_count_figure(
            "panel_responses", TIMELINESS, "National Panel responses received", records,
            "Rapid reviews whose National Panel response was recorded as received in the period."))
        self.found.append(_median_figure(
            "panel_response_median", TIMELINESS, "Time to the Panel's response", Unit.WORKING_DAYS,
            *_measured(measured),
            "Of the responses received in the period: working days from the rapid review being sent (day 0) to "
            f"the response, bank holidays and closure days skipped. The local expectation is "
            f"{self.settings.panel_response_working_days} working days (rule 10)."))

    # --- Decisions ----------------------------------------------------------------------------------------------
    def _decisions(self) -> None:
        decided = [r for r in self.data.referrals if r[11] is not None and r[12] in self.period]
        after_rr = [r for r in decided if r[13] is not None or r[5] is Route.RAPID_REVIEW]
        counts = Counter(r[11] for r in decided)
        rr_counts = Counter(r[11] for r in after_rr)

        # One record per referral and outcome, worded when first listed and shared by the figures that list it (a year
        # holds thousands): the decisions, their types and the time from the LA becoming aware to the decision.
        days = {r[0]: self._working_days(r[7], r[12]) for r in decided if r[7] is not None}
        ids = list(dict.fromkeys(r[0] for r in decided))
        built: dict[int, Counted] = {}
        outcomes: dict[tuple[int, bool], Counted] = {}

        def plain() -> dict[int, Counted]:
            if not built:
                for r in decided:
                    words = f"Decided {_day(r[12])}: {_words(r[11])}"
                    took = days.get(r[0])
                    if took is not None:
                        words = f"{words}; LA became aware {_day(r[7])}: {_plural(took, 'working day')}"
                    built[r[0]] = self._referral(r, words)
            return built

        def outcome(r: Any, met: bool) -> Counted:
            found = outcomes.get((r[0], met))
            if found is None:
                found = outcomes[r[0], met] = self._referral(r, plain()[r[0]].detail, met, "rapid_review")
            return found

        def of_type(decision: Decision) -> Iterable[Counted]:
            records = plain()
            return (records[r[0]] for r in decided if r[11] is decision)

        def conversion(decision: Decision) -> Iterable[Counted]:
            return (outcome(r, r[11] is decision) for r in after_rr)

        # The decisions the rule set offers, and any other one recorded in the period (decided before a change of
        # rule set): an English report never lists the nations' decisions, a Welsh one never England's at nought.
        offered = set((self.nation or self.settings).ruleset.decisions)
        shown = [d for d in Decision if d.value in offered or counts[d] or rr_counts[d]]

        def name_of(decision: Decision) -> str:
            words = _words(decision)
            return words if words.split()[0].isupper() else words.lower()  # "LCSPR", "CPR (concise)" keep capitals

        self.to_decision = (list(days.values()), _Listing(len(days), lambda: (plain()[rid] for rid in days)))
        self.found.append(_count_figure(
            "decisions", DECISIONS, "Decisions made", _Listing(len(ids), lambda: (plain()[rid] for rid in ids)),
            f"Referrals whose decision ({', '.join(name_of(d) for d in shown)}) was dated in the period."))
        for decision in shown:
            name = name_of(decision)
            self.found.append(_count_figure(
                f"decisions_{decision.value}", DECISIONS, f"Decisions: {name}",
                _Listing(counts[decision], partial(of_type, decision)),
                f"Referrals whose decision dated in the period was {name}."))
        for decision in shown:
            name = name_of(decision)
            self.found.append(_rate_figure(
                f"conversion_{decision.value}", DECISIONS, f"Rapid reviews leading to {name}",
                _Listing(len(after_rr), partial(conversion, decision), rr_counts[decision]),
                f"Of the rapid reviews decided in the period (referrals with a rapid review whose decision is dated "
                f"in the period), the share decided as {name}."))
        total_rr = len(after_rr)
        rows: list[tuple[str | int | float | None, ...]] = [
            (_words(d), counts[d], rr_counts[d], round(100 * rr_counts[d] / total_rr, 1) if total_rr else None)
            for d in shown]
        rows.append(("Total", len(decided), total_rr, 100.0 if total_rr else None))
        self.tables.append(Table(
            "decisions_by_type", "Decisions by type",
            ("Decision", "Decisions", "After a rapid review", "% of rapid reviews decided"), tuple(rows),
            "Decisions dated in the period; the share is of the rapid reviews decided in the period."))
        said = ", ".join(f"{_words(d)} {counts[d]}" for d in shown)
        self.charts.append(Chart("decisions_by_type", "Decisions by type", "bar", tuple(_words(d) for d in shown),
                                 (Series("Decisions", tuple(float(counts[d]) for d in shown)),), "Decisions",
                                 f"Decisions made in the period: {said} (total {len(decided)})."))

    # --- Publication --------------------------------------------------------------------------------------------
    def _publication(self) -> None:
        data, today, period = self.data, self.today, self.period
        months = self.settings.lcspr_target_months
        rule = self.ruleset.rule("lcspr_publication")
        published, on_time, to_publication = [], [], []
        for row in data.reviews:
            (vid, ref, pseud, rtype, status, decision, planned, final_sent, pub, dreason, dreview, dend) = row[:12]
            clocks = review_clocks(review_type=rtype, status=status, decision=decision, planned_publication=planned,
                                   final_report_sent=final_sent, published=pub, learning_event=None,
                                   report_completed=None, deferral_reason=dreason or "",
                                   deferral_review_date=dreview, deferral_expected_end=dend,
                                   pauses=data.review_pauses.get(vid, ()), today=today, settings=self.settings,
                                   closures=self.closures)
            clock = next(c for c in clocks if c.key == "lcspr_publication")
            if clock.state is ClockState.NOT_APPLICABLE:
                continue

            def counted(detail: str, met: bool | None = None, *, vid: int = vid, ref: str = ref,
                        pseud: str = pseud) -> Counted:
                return Counted("review", vid, ref, pseud or "", detail, self._link("library", vid), met)

            if pub in period:
                published.append(counted(f"{_words(rtype)}; decision {_day(decision)}; published {_day(pub)}"))
                if decision is not None:
                    days = (pub - decision).days
                    to_publication.append((days, counted(f"Decision {_day(decision)}; published {_day(pub)}: "
                                                         f"{_plural(days, 'day')}")))
            if clock.state in _DECIDED and clock.due_date in period:
                on_time.append(counted(_clock_detail(clock.key, _clock_facts(clock), self.calendar, self.closures),
                                       clock.state is ClockState.MET))
        kinds = "LCSPRs, joint and thematic reviews and learning summaries: the reviews rule 11 applies to"
        self.found.append(_count_figure("lcspr_published", PUBLICATION, "LCSPRs published", published,
                                        f"Reviews ({kinds}) whose publication date is in the period."))
        self.found.append(_rate_figure(
            "published_on_time", PUBLICATION, f"LCSPRs published within {months} months of the decision", on_time,
            f"Reviews ({kinds}) whose {months}-month target fell in the period ({rule.rule_text.format(n=months)}). "
            "On time: published on or before the target. A deferred publication counts as rule 14 says: the "
            "target does not move, so a review published after it, or still unpublished after it (deferred or "
            "paused), is late. A target still ahead is left for the period it falls in; a review decided in one "
            "period and published in the next counts in the period its target falls in."))
        self._milestones(to_publication)

    def _milestones(self, to_publication: list[tuple[int, Counted]]) -> None:
        # Under a nation the SIN and the rapid review are not its clocks, and the LA's awareness not its start.
        steps = () if self.nation is not None else (
                ("median_to_sin", "LA aware to SIN sent", self._from_la_aware("sin"),
                  "Referrals whose SIN fell due in the period and has been sent (those of \"SIN sent within 5 working "
                  "days\", listed with whether it was on time)"),
                 ("median_to_rr_complete", "LA aware to rapid review complete", self._from_la_aware("rapid_review"),
                  "Referrals whose rapid review fell due in the period and has been completed (those of \"Rapid "
                  "reviews completed within 15 working days\", listed with whether it was on time)"),
                 ("median_to_decision", "LA aware to decision", self.to_decision,
                  "Referrals decided in the period (those of \"Decisions made\")"))
        for key, name, measured, which in steps:
            self.found.append(_median_figure(
                key, PUBLICATION, name, Unit.WORKING_DAYS, *measured,
                f"{which}: working days from the LA becoming aware (day 0), bank holidays and closure days skipped."))
        self.found.append(_median_figure(
            "median_decision_to_publication", PUBLICATION, "Decision to publication", Unit.DAYS,
            *_measured(to_publication),
            "LCSPRs published in the period: calendar days from the decision to undertake the review to "
            "publication."))

    def _from_la_aware(self, key: str) -> tuple[list[int], _Listing]:
        """Working days from the LA becoming aware to a clock's milestone, listing the timeliness figure's records."""
        timed = self.timed[key]
        values = [t[4] for t in timed if t[4] is not None]
        return values, _Listing(len(values), lambda: (c for c, t in zip(self._timed(key), timed, strict=True)
                                                      if t[4] is not None))

    # --- Themes -------------------------------------------------------------------------------------------------
    def _themes(self) -> None:
        period = self.period
        financial = period.kind is PeriodKind.FINANCIAL_YEAR
        # theme → case → (earliest date, the record): a case (a referral, its rapid review and its review) counts
        # once per theme, in the year it was first seen with it.
        # The record behind each: (kind, id, reference, case, what it is); made a Counted only when listed.
        first_seen: dict[str, dict[tuple[str, int], tuple[dt.date, _Seen]]] = defaultdict(dict)

        def see(theme: str, case: tuple[str, int], when: dt.date | None, record: _Seen) -> None:
            if when is None or when > period.end:
                return
            known = first_seen[theme].get(case)
            if known is None or when < known[0]:
                first_seen[theme][case] = (when, record)

        for name, vid, ref, pseud, referral_id, when in self.data.review_themes:
            case = ("referral", referral_id) if referral_id is not None else ("review", vid)
            see(name, case, when, ("review", vid, ref, pseud, "review"))
        for name, rid, ref, pseud, when in self.data.rapid_review_themes:
            see(name, ("referral", rid), when, ("referral", rid, ref, pseud, "rapid review"))
        years: dict[int, str] = {}
        counts: dict[str, Counter[int]] = {}
        for theme, cases in first_seen.items():
            counts[theme] = Counter(_year_of(when, financial)[0] for when, _ in cases.values())
            for when, _ in cases.values():
                key, text = _year_of(when, financial)
                years[key] = text
        start_year = _year_of(period.start, financial)[0]
        if years:
            for key in range(min(years), _year_of(period.end, financial)[0] + 1):
                years.setdefault(key, _year_of(dt.date(key, 6, 1), financial)[1])
        order = sorted(years)
        themes = sorted(counts, key=lambda t: (-sum(counts[t].values()), t.casefold()))
        self.tables.append(Table(
            "themes_by_year", "Themes by year", ("Theme", *(years[y] for y in order), "Total"),
            tuple((t, *(counts[t][y] for y in order), sum(counts[t].values())) for t in themes),
            "Cases (a referral with its rapid review and review, or a review of its own) by the "
            f"{'financial ' if financial else ''}year each theme was first recorded for them: the rapid review's "
            "completion date (else its start, the LA-aware or received date) or the review's decision date (else "
            "commissioned or published); up to the end of the period."))
        recurring: list[Counted] = []
        names: list[str] = []
        recurring_rows: list[tuple[str | int | float | None, ...]] = []
        for theme in sorted(counts, key=str.casefold):
            seen_in = list(first_seen[theme].values())
            if any(when in period for when, _ in seen_in) and any(y < start_year for y in counts[theme]):
                seen = ", ".join(years[y] for y in sorted(counts[theme]))
                names.append(theme)
                recurring_rows.append((theme, seen, len(seen_in)))
                earlier = ", ".join(years[y] for y in sorted(counts[theme]) if y < start_year)
                for when, (kind, record_id, ref, pseud, what) in sorted(seen_in, key=lambda x: x[0]):
                    if when not in period:
                        continue
                    link = (self._link("library", record_id) if kind == "review"
                            else self._referral_link(record_id, "rapid_review"))
                    recurring.append(Counted(kind, record_id, ref, pseud or "",
                                             f"{theme}: {what} dated {_day(when)}; also seen in {earlier}", link))
        self.tables.append(Table(
            "themes_recurring", "Themes recurring across years", ("Theme", "Years seen", "Cases"),
            tuple(recurring_rows), "Themes recorded in the period and in an earlier year."))
        self.found.append(Figure(
            "themes_recurring", THEMES, "Themes recurring across years", len(names), Unit.COUNT, len(names), None,
            str(len(names)),
            "Themes recorded for a case in the period that were also recorded for a case in an earlier "
            f"{'financial ' if financial else ''}year (reviews and rapid reviews; see Themes by year and Themes "
            "recurring across years). Listed: each case in the period carrying such a theme, with the earlier years "
            "it was seen in.", tuple(recurring)))
        top = themes[:5]
        self.charts.append(Chart(
            "themes_by_year", "Themes by year (top 5)", "stacked_bar", tuple(years[y] for y in order),
            tuple(Series(t, tuple(float(counts[t][y]) for y in order)) for t in top), "Cases",
            "Cases by year for the themes seen most often: " + ("; ".join(
                f"{t}: " + ", ".join(f"{_plural(counts[t][y], 'case')} in {years[y]}" for y in order
                                     if counts[t][y]) for t in top)
                + " (none in the other years)" if top else "no themes recorded") + "."))

    # --- Actions ------------------------------------------------------------------------------------------------
    def _actions(self) -> None:
        today, period = self.today, self.period
        # Compact, worded when listed: (action id, review id, reference, pseudonym, description, owner, due date,
        # completed date, complete, met) for those due in the period; the first seven for those overdue now.
        due_in_period: list[tuple[int, int, str, str | None, str, str, dt.date, dt.date | None, bool, bool]] = []
        overdue: list[tuple[int, int, str, str | None, str, str, dt.date | None]] = []
        overdue_by: Counter[str] = Counter()
        outcome: dict[str, Counter[str]] = defaultdict(Counter)
        nobody = "No agency named"
        for aid, description, due, status, completed, agency, vid, vref, vpseud in self.data.actions:
            owner = agency or nobody
            if due in period:
                if status is ActionStatus.COMPLETE:
                    met = completed is not None and completed <= due
                    due_in_period.append((aid, vid, vref, vpseud, description, owner, due, completed, True, met))
                    outcome[owner]["on time" if met else "late"] += 1
                elif due < today:
                    due_in_period.append((aid, vid, vref, vpseud, description, owner, due, None, False, False))
                    outcome[owner]["overdue"] += 1
            if effective_status(status, due, today) is ActionStatus.OVERDUE:
                overdue.append((aid, vid, vref, vpseud, description, owner, due))
                overdue_by[owner] += 1

        def action(aid: int, vid: int, vref: str, vpseud: str | None, detail: str, met: bool | None = None) -> Counted:
            return Counted("action", aid, vref, vpseud or "", detail, self._link("library", vid, "actions"), met)

        def due_listed() -> Iterable[Counted]:
            for aid, vid, vref, vpseud, description, owner, due, completed, complete, met in due_in_period:
                what = f"{_short(description)} ({owner}): due {_day(due)}"
                if complete:
                    when = _day(completed) if completed is not None else "with no date recorded"
                    yield action(aid, vid, vref, vpseud, f"{what}; completed {when}: {'on time' if met else 'late'}",
                                 met)
                else:
                    yield action(aid, vid, vref, vpseud, f"{what}; not complete", False)

        def overdue_listed() -> Iterable[Counted]:
            for aid, vid, vref, vpseud, description, owner, due in overdue:
                late = f"{_plural((today - due).days, 'day')} overdue" if due is not None and due < today else (
                    "marked overdue")
                yield action(aid, vid, vref, vpseud, f"{_short(description)} ({owner}): due {_day(due)}; {late}")

        self.found.append(_rate_figure(
            "actions_on_time", ACTIONS, "Actions completed on time",
            _Listing(len(due_in_period), due_listed, sum(1 for a in due_in_period if a[9])),
            "Recommendation actions due in the period: completed on or before the due date (on time), completed "
            "after it, or not complete once it has passed (late). Actions due later in the period and not yet "
            "complete are left out until their due date passes."))
        self.found.append(_count_figure(
            "actions_overdue", ACTIONS, "Actions overdue now", _Listing(len(overdue), overdue_listed),
            f"Recommendation actions not complete on {format_date(today)} whose due date has passed (or marked "
            "overdue), whatever period they were due in."))
        self.tables.append(Table(
            "actions_overdue_by_agency", "Actions overdue now by agency", ("Agency", "Overdue"),
            (*sorted(overdue_by.items(), key=lambda x: (-x[1], x[0].casefold())), ("Total", len(overdue))),
            f"On {format_date(today)}; an action owned by a person counts for their agency."))
        agencies = sorted(outcome, key=str.casefold)
        kinds = ("on time", "late", "overdue")
        self.charts.append(Chart(
            "actions_by_agency", "Actions due in the period by agency", "stacked_bar", tuple(agencies),
            tuple(Series(k.capitalize(), tuple(float(outcome[a][k]) for a in agencies)) for k in kinds), "Actions",
            "Actions due in the period by owner agency: " + ("; ".join(
                f"{a}: " + ", ".join(f"{outcome[a][k]} {k}" for k in kinds) for a in agencies)
                if agencies else "none due") + "."))

    # --- Archive requests ---------------------------------------------------------------------------------------
    def _archive(self) -> None:
        received, measured = [], []
        for aid, got, sent, vid, vref, vpseud in self.data.archive_requests:
            link = self._link("library", vid, "archive")
            if sent is not None:
                days = (sent - got).days
                record = Counted("archive_request", aid, vref, vpseud or "",
                                 f"Received {_day(got)}; answered {_day(sent)}: {_plural(days, 'day')}", link, True)
                measured.append((days, record))
            else:
                record = Counted("archive_request", aid, vref, vpseud or "",
                                 f"Received {_day(got)}; not answered yet", link, False)
            received.append(record)
        self.found.append(_count_figure(
            "archive_received", ARCHIVE, "Archive requests received",
            [replace(r, met=None) for r in received],
            "Requests for an archived review received in the period."))
        self.found.append(_rate_figure(
            "archive_answered", ARCHIVE, "Archive requests answered", received,
            f"Of the requests received in the period, those answered (a sent date recorded) by "
            f"{format_date(self.today)}."))
        self.found.append(_median_figure(
            "archive_median_days", ARCHIVE, "Time to answer an archive request", Unit.DAYS, *_measured(measured),
            "Of the requests received in the period and answered: calendar days from receipt to the answer."))

#: The words of figures the figures window shows verbatim (section names, figure labels, table titles, headings and
#: row names, chart titles and series): marked here for translation, shown with ``tr_data("Figures", …)``. Labels
#: holding a number or a setting (e.g. "SIN sent within 5 working days") are not here: they stay English.
SCREEN_WORDS = (
    QT_TRANSLATE_NOOP("Figures", "Referrals received in the period: the route the referrer asked for and the route "
                      "screening decided (blank where that route is not a choice at that step)."),
    QT_TRANSLATE_NOOP("Figures", "Referrals received in the period."),
    QT_TRANSLATE_NOOP("Figures", "Decisions dated in the period; the share is of the rapid reviews decided in the "
                      "period."),
    QT_TRANSLATE_NOOP("Figures", "Themes recorded in the period and in an earlier year."),
    QT_TRANSLATE_NOOP("Figures", "% of rapid reviews decided"),
    QT_TRANSLATE_NOOP("Figures", "% on time"),
    QT_TRANSLATE_NOOP("Figures", "Actions completed on time"),
    QT_TRANSLATE_NOOP("Figures", "Actions overdue now by agency"),
    QT_TRANSLATE_NOOP("Figures", "Actions due in the period by agency"),
    QT_TRANSLATE_NOOP("Figures", "Actions overdue now"),
    QT_TRANSLATE_NOOP("Figures", "Actions"),
    QT_TRANSLATE_NOOP("Figures", "After a rapid review"),
    QT_TRANSLATE_NOOP("Figures", "Agency"),
    QT_TRANSLATE_NOOP("Figures", "Archive requests answered"),
    QT_TRANSLATE_NOOP("Figures", "Archive requests received"),
    QT_TRANSLATE_NOOP("Figures", "Archive requests"),
    QT_TRANSLATE_NOOP("Figures", "Cases"),
    QT_TRANSLATE_NOOP("Figures", "Decided at screening"),
    QT_TRANSLATE_NOOP("Figures", "Decision to publication"),
    QT_TRANSLATE_NOOP("Figures", "Decision"),
    QT_TRANSLATE_NOOP("Figures", "Decisions by type"),
    QT_TRANSLATE_NOOP("Figures", "Decisions made"),
    QT_TRANSLATE_NOOP("Figures", "Decisions"),
    QT_TRANSLATE_NOOP("Figures", "Incident type"),
    QT_TRANSLATE_NOOP("Figures", "LA aware to SIN sent"),
    QT_TRANSLATE_NOOP("Figures", "LA aware to decision"),
    QT_TRANSLATE_NOOP("Figures", "LA aware to rapid review complete"),
    QT_TRANSLATE_NOOP("Figures", "LCSPRs published"),
    QT_TRANSLATE_NOOP("Figures", "Learning review"),
    QT_TRANSLATE_NOOP("Figures", "National Panel responses received"),
    QT_TRANSLATE_NOOP("Figures", "No agency named"),
    QT_TRANSLATE_NOOP("Figures", "No further action"),
    QT_TRANSLATE_NOOP("Figures", "Not recorded"),
    QT_TRANSLATE_NOOP("Figures", "Not yet screened"),
    QT_TRANSLATE_NOOP("Figures", "Overdue"),
    QT_TRANSLATE_NOOP("Figures", "Partners told"),
    QT_TRANSLATE_NOOP("Figures", "Publication"),
    QT_TRANSLATE_NOOP("Figures", "RR complete"),
    QT_TRANSLATE_NOOP("Figures", "Rapid review"),
    QT_TRANSLATE_NOOP("Figures", "Rapid reviews sent to the Panel on time"),
    QT_TRANSLATE_NOOP("Figures", "Referrals received by incident type"),
    QT_TRANSLATE_NOOP("Figures", "Referrals received by route"),
    QT_TRANSLATE_NOOP("Figures", "Referrals received"),
    QT_TRANSLATE_NOOP("Figures", "Referrals"),
    QT_TRANSLATE_NOOP("Figures", "Requested"),
    QT_TRANSLATE_NOOP("Figures", "Route"),
    QT_TRANSLATE_NOOP("Figures", "SIN sent"),
    QT_TRANSLATE_NOOP("Figures", "Sent to Panel"),
    QT_TRANSLATE_NOOP("Figures", "Single-agency audit"),
    QT_TRANSLATE_NOOP("Figures", "Theme"),
    QT_TRANSLATE_NOOP("Figures", "Themes by year (top 5)"),
    QT_TRANSLATE_NOOP("Figures", "Themes by year"),
    QT_TRANSLATE_NOOP("Figures", "Themes recurring across years"),
    QT_TRANSLATE_NOOP("Figures", "Themes"),
    QT_TRANSLATE_NOOP("Figures", "Time to answer an archive request"),
    QT_TRANSLATE_NOOP("Figures", "Time to the Panel's response"),
    QT_TRANSLATE_NOOP("Figures", "Timeliness by quarter"),
    QT_TRANSLATE_NOOP("Figures", "Timeliness"),
    QT_TRANSLATE_NOOP("Figures", "Total"),
    QT_TRANSLATE_NOOP("Figures", "Unsure"),
    QT_TRANSLATE_NOOP("Figures", "Years seen"),
)

"""The partnership's figures for a period: what the annual report, the inspection and the National Panel ask.

CONTRACT (issue 14). The figures-service slice implements ``compute_figures``; the figures-ui slice builds the
Figures screen, the charts, the PDF/XLSX/PNG exports and ``scpdesk report annual`` on these types. The JSON
(``Figures.as_json``) is the same numbers the screen shows: one computation, never a second one.

Every figure says the rule it used and lists the records it counts, so a manager can check it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from .dto import RecordLink


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


@dataclass(frozen=True)
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
    records: tuple[Counted, ...] = ()


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


# The function the figures-service slice implements (signature fixed):
#
# def compute_figures(ctx: ServiceContext, period: Period) -> Figures

"""The three tabs: Referrals, Rapid Review Panel and Review Library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ..services.dto import MeetingRow, ReferralRow, ReviewRow
from .context import AppContext
from .list_tab import ListTab
from .table_model import RAG_TEXT, Column

RIGHT = Qt.AlignmentFlag.AlignRight
CENTRE = Qt.AlignmentFlag.AlignHCenter


def _today(ctx: AppContext) -> dt.date:
    """The services' idea of today (Europe/London, and pinned in tests)."""
    return ctx.services.ctx.today() if ctx.services is not None else dt.date.today()


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _days_left(row: ReferralRow) -> str:
    if row.working_days_left is None:
        return ""
    if row.working_days_left < 0:
        return f"{-row.working_days_left} late"
    return str(row.working_days_left)


REFERRAL_COLUMNS: list[Column[ReferralRow]] = [
    Column("reference", "Reference", lambda r: r.reference, width=120),
    Column("pseudonym", "Child (pseudonym)", lambda r: r.pseudonym, width=140),
    Column("received", "Received", lambda r: r.received_date, width=125),
    Column("route", "Route", lambda r: r.route, width=180),
    Column("status", "Status", lambda r: r.status, width=130),
    Column("next_clock", "Next clock", lambda r: r.next_clock, width=210),
    Column("next_due", "Due", lambda r: r.next_due, width=125),
    Column("days_left", "Working days left", lambda r: r.working_days_left, align=RIGHT, width=120,
           text=_days_left),
    Column("rag", "RAG", lambda r: RAG_TEXT.get(r.rag, ""), width=90, rag=lambda r: r.rag,
           tooltip=lambda r: r.state),
]


class ReferralsTab(ListTab[ReferralRow]):
    refresh_on = frozenset({"referral", "rapid_review", "settings"})
    settings_key = "referrals"
    default_sort = ("next_due", Qt.SortOrder.AscendingOrder)
    search_placeholder = "Search reference, pseudonym, status…"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, REFERRAL_COLUMNS, parent)
        self.setObjectName("referralsTab")

    def load_rows(self) -> Sequence[ReferralRow]:
        assert self.ctx.services is not None
        return self.ctx.services.referrals.list_rows()

    def summary_text(self, rows: Sequence[ReferralRow]) -> str:
        today = _today(self.ctx)
        week_end = today + dt.timedelta(days=6 - today.weekday())
        overdue = sum(1 for r in rows if r.rag == "red")
        this_week = sum(1 for r in rows if r.rag != "red" and r.next_due is not None and r.next_due <= week_end)
        return (f"{plural(len(rows), 'referral')}  ·  {overdue} overdue  ·  {this_week} due this week"
                f"  (by each referral's next clock)")


MEETING_COLUMNS: list[Column[MeetingRow]] = [
    Column("reference", "Reference", lambda r: r.reference, width=130),
    Column("kind", "Meeting", lambda r: r.kind, width=150),
    Column("date", "Date", lambda r: r.meeting_date, width=125),
    Column("time", "Time", lambda r: r.start_time, width=60),
    Column("place", "Place", lambda r: r.place, width=260),
    Column("chair", "Chair", lambda r: r.chair, width=150),
    Column("items", "Agenda items", lambda r: r.items, align=RIGHT, width=95),
    Column("present", "Present", lambda r: r.present, align=RIGHT, width=70),
    Column("apologies", "Apologies", lambda r: r.apologies, align=RIGHT, width=75),
    Column("quorate", "Quorate", lambda r: r.quorate, width=70,
           rag=lambda r: "" if r.quorate else "amber",
           tooltip=lambda r: "" if r.quorate else "The local authority, police and ICB must each be represented"),
    Column("status", "Status", lambda r: r.status, width=90),
]


class PanelTab(ListTab[MeetingRow]):
    refresh_on = frozenset({"meeting", "agenda_item", "person", "agency"})
    settings_key = "meetings"
    default_sort = ("date", Qt.SortOrder.DescendingOrder)
    search_placeholder = "Search meetings…"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, MEETING_COLUMNS, parent)
        self.setObjectName("panelTab")

    def load_rows(self) -> Sequence[MeetingRow]:
        assert self.ctx.services is not None
        return self.ctx.services.meetings.list_rows()

    def summary_text(self, rows: Sequence[MeetingRow]) -> str:
        today = _today(self.ctx)
        upcoming = [r for r in rows if r.meeting_date >= today]
        nxt = min(upcoming, key=lambda r: r.meeting_date, default=None)
        text = f"{plural(len(rows), 'meeting')}  ·  {len(upcoming)} upcoming"
        if nxt is not None:
            text += f"  ·  next: {nxt.kind}, {nxt.meeting_date:%a %d %b %Y}"
        return text


REVIEW_COLUMNS: list[Column[ReviewRow]] = [
    Column("reference", "Reference", lambda r: r.reference, width=120),
    Column("title", "Title", lambda r: r.title, width=340),
    Column("type", "Type", lambda r: r.review_type, width=115),
    Column("status", "Status", lambda r: r.status, width=115),
    Column("published", "Published", lambda r: r.published_date, width=125),
    Column("library", "On the website", lambda r: r.library_state, width=290,
           rag=lambda r: "amber" if "soon" in r.library_state else ""),
    Column("next_due", "Next clock due", lambda r: r.next_due, width=125, rag=lambda r: r.rag,
           tooltip=lambda r: f"{r.next_clock}: {r.state}" if r.next_clock else ""),
    Column("themes", "Themes", lambda r: r.themes, width=300),
]


class LibraryTab(ListTab[ReviewRow]):
    refresh_on = frozenset({"review", "theme", "settings"})
    settings_key = "library"
    default_sort = ("published", Qt.SortOrder.DescendingOrder)
    search_placeholder = "Search title, theme, status…"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, REVIEW_COLUMNS, parent)
        self.setObjectName("libraryTab")

    def load_rows(self) -> Sequence[ReviewRow]:
        assert self.ctx.services is not None
        return self.ctx.services.reviews.list_rows()

    def summary_text(self, rows: Sequence[ReviewRow]) -> str:
        published = sum(1 for r in rows if r.library_state.startswith("Published"))
        archived = sum(1 for r in rows if r.library_state.startswith("Archived"))
        in_progress = len(rows) - published - archived
        return (f"{plural(len(rows), 'review')}  ·  {published} published  ·  "
                f"{archived} archived (available on request)  ·  {in_progress} in progress or completed")

"""The Today view: every open item with a date across referrals, meetings and the library, grouped by urgency.

CONTRACT (issue 14). The today-core slice implements the functions; the today-ui slice builds the Today tab,
the reminders and the calendar button on these types. Change the types only by agreement (tell the lead).

Rules (never hide a deadline):
* Every open referral clock is an item (not only the next one), every review clock (6-month target,
  pre-publication copy, leaving the website), every agency summary asked for and not received, every safety
  action and meeting action not done, every recommendation action not complete, every archive request not
  answered, and every meeting (not cancelled) in the next 14 days with its quorum and unready items.
* A clock overdue while paused or deferred is OVERDUE, its note says why it is paused or deferred.
* A clock that cannot start for want of its start date is NO_DATE (listed before the dated groups after
  Overdue), never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .dto import RecordLink


class ItemKind(StrEnum):
    REFERRAL_CLOCK = "referral_clock"
    AGENCY_SUMMARY = "agency_summary"
    SAFETY_ACTION = "safety_action"
    MEETING = "meeting"
    MEETING_ACTION = "meeting_action"
    REVIEW_CLOCK = "review_clock"
    ACTION = "action"
    ARCHIVE_REQUEST = "archive_request"


#: What the kind filter shows for each kind (plural, in the partners' words).
KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.REFERRAL_CLOCK: "Referral clocks",
    ItemKind.AGENCY_SUMMARY: "Agency summaries awaited",
    ItemKind.SAFETY_ACTION: "Safety actions",
    ItemKind.MEETING: "Meetings",
    ItemKind.MEETING_ACTION: "Meeting actions",
    ItemKind.REVIEW_CLOCK: "Review clocks",
    ItemKind.ACTION: "Recommendation actions",
    ItemKind.ARCHIVE_REQUEST: "Archive requests",
}


class Group(StrEnum):
    """In display order. THIS_WEEK: due from today to the Sunday of this week (Monday–Sunday);
    NEXT_4_WEEKS: the 28 days after that Sunday; LATER: only in the full list (calendar export)."""

    OVERDUE = "overdue"
    NO_DATE = "no_date"
    THIS_WEEK = "this_week"
    NEXT_4_WEEKS = "next_4_weeks"
    LATER = "later"


GROUP_TITLES: dict[Group, str] = {
    Group.OVERDUE: "Overdue",
    Group.NO_DATE: "Waiting for a start date",
    Group.THIS_WEEK: "Due this week",
    Group.NEXT_4_WEEKS: "Next 4 weeks",
    Group.LATER: "Later",
}


@dataclass(frozen=True)
class TodayItem:
    #: Stable across runs and machines, e.g. "referral-12-sin", "action-40", "meeting-7": snoozes and calendar
    #: event UIDs use it.
    key: str
    kind: ItemKind
    #: What is due, e.g. "SIN to the National Panel", "Summary from Northbrook Constabulary", the action's text.
    what: str
    #: The case or review reference (a meeting's reference for a meeting).
    reference: str
    #: Pseudonym(s) only, never a real name ("Child N, Child O"); "" for a meeting.
    case: str
    due: dt.date | None
    #: Working days left (>0), 0 on the due date, late (<0); None without a due date.
    working_days: int | None
    #: In words: "3 working days late", "Due today", "Due tomorrow", "4 working days left", "Needs the LA-aware date".
    when: str
    #: Whose it is, e.g. "A. Khan (Northbrook Constabulary)", "Northbrook Council", "" when nobody is named.
    owner: str
    owner_agency_id: int | None
    owner_person_id: int | None
    group: Group
    link: RecordLink
    #: More to know: "paused: awaiting police disclosure", "deferred: criminal trial", "Not quorate: police not
    #: represented; 2 items have no papers".
    note: str = ""
    statutory: bool = False


@dataclass(frozen=True)
class Me:
    """The signed-in account and the directory person linked to it (none linked: ``person_id`` None)."""

    login: str
    person_id: int | None = None
    person_name: str = ""
    agency_id: int | None = None
    agency_name: str = ""

    def owns(self, item: TodayItem) -> bool:
        """Mine: owned by my person, or by my agency."""
        if self.person_id is not None and item.owner_person_id == self.person_id:
            return True
        return self.agency_id is not None and item.owner_agency_id == self.agency_id


@dataclass(frozen=True)
class TodayList:
    today: dt.date
    #: In group order, then due date, then reference, then what.
    items: tuple[TodayItem, ...]
    me: Me

    def mine(self) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if self.me.owns(i))

    def of_kinds(self, kinds: Iterable[ItemKind]) -> tuple[TodayItem, ...]:
        wanted = frozenset(kinds)
        return tuple(i for i in self.items if i.kind in wanted)

    def in_group(self, group: Group) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if i.group is group)


# The functions the today-core slice implements (signatures fixed):
#
# def today_list(ctx: ServiceContext, *, everything: bool = False) -> TodayList
#     Overdue, no-date, this week and next 4 weeks (``everything``: also LATER, for the calendar export).
#
# def export_deadlines_ics(ctx: ServiceContext, path: str | os.PathLike[str]) -> Path
#     Every open deadline as an all-day event (UID from the item key), pseudonyms only, audited, written whole.

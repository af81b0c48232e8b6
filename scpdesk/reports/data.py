"""The plain values documents are built from. Services fill them; reports only read them (no Session,
no ORM object, no Qt). Every string here may be user-typed: reports escape it through ``base.text``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PackClock:
    label: str
    due: dt.date | None
    state: str  # e.g. "overdue", "met late", "overdue — paused: reason"
    statutory: bool = False
    #: The colour from the clock's state key ("red", "amber" or "" for none), decided by the service; None:
    #: worked out from the words (packs built by hand).
    tone: str | None = None


@dataclass(frozen=True)
class PackPaper:
    """An attached PDF paper, appended after the items (bookmarked, stamped with marking and page n of N)."""

    title: str
    filename: str
    content: bytes


@dataclass(frozen=True)
class PackItem:
    number: int
    title: str
    kind: str  # "case" or "standing"
    start_time: dt.time | None = None
    duration_minutes: int = 15
    presenter: str = ""
    confidential: bool = False
    case_reference: str = ""
    pseudonym: str = ""
    summary: str = ""
    key_dates: tuple[tuple[str, dt.date | None], ...] = ()
    clocks: tuple[PackClock, ...] = ()
    agencies: tuple[str, ...] = ()
    summaries_in: tuple[str, ...] = ()
    summaries_outstanding: tuple[str, ...] = ()
    questions: str = ""
    decision_options: tuple[str, ...] = ()
    papers: tuple[PackPaper, ...] = ()
    #: e.g. "The rapid review is due Fri 27 Nov 2026, before this meeting."
    warning: str = ""
    #: A standing item that carries the last meeting's minutes (``MeetingPack.previous``) and/or the open
    #: actions of earlier meetings (``MeetingPack.actions``) under its heading.
    shows_minutes: bool = False
    shows_actions: bool = False


@dataclass(frozen=True)
class PackMember:
    name: str
    agency: str
    role: str
    attendance: str  # "invited", "present", "apologies", "absent"


@dataclass(frozen=True)
class PackMinute:
    """One item of the last meeting with what was minuted and decided."""

    number: int
    title: str
    minutes: str
    decision: str
    confidential: bool = False


@dataclass(frozen=True)
class PackPrevious:
    """The previous meeting of the same kind (the latest one before this, not cancelled)."""

    reference: str
    meeting_date: dt.date
    notes: str = ""
    items: tuple[PackMinute, ...] = ()


@dataclass(frozen=True)
class PackAction:
    """An action from an earlier meeting of the same kind that is not done."""

    description: str
    owner: str
    due: dt.date | None
    raised_reference: str
    raised_on: dt.date
    item_title: str = ""
    confidential: bool = False
    #: Due before the day the pack is prepared (work done on the due date is on time).
    overdue: bool = False
    days_overdue: int | None = None


@dataclass(frozen=True)
class MeetingPack:
    partnership: str
    reference: str
    kind_label: str  # "Rapid Review Panel" or "QA&S group"
    meeting_date: dt.date
    start_time: dt.time | None
    place: str
    online_link: str
    chair: str
    marking: str
    items: tuple[PackItem, ...]
    members: tuple[PackMember, ...] = ()
    quorate: bool = False
    prepared_by: str = ""
    prepared_on: dt.date | None = None
    logo_png: bytes | None = None
    #: The last meeting of the same kind (None when this is the first), and the open actions of earlier
    #: meetings of the same kind, soonest due first.
    previous: PackPrevious | None = None
    actions: tuple[PackAction, ...] = ()


@dataclass(frozen=True)
class SummaryAction:
    action: str
    owner: str
    due: dt.date | None
    status: str = ""


@dataclass(frozen=True)
class LearningSummary:
    """A learning summary (domain.md §6). Only the pseudonym is ever printed."""

    partnership: str
    pseudonym: str
    title: str
    review_type_label: str
    date: dt.date | None
    marking: str
    about: str = ""
    the_child: str = ""
    what_happened: str = ""
    what_went_well: str = ""
    key_learning: tuple[str, ...] = ()
    practice: str = ""
    reflective_questions: tuple[str, ...] = ()
    actions: tuple[SummaryAction, ...] = ()
    themes: tuple[str, ...] = ()
    resources: str = ""
    contacts: str = ""
    reference: str = ""
    language: str = "en-GB"
    logo_png: bytes | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BilingualSummary:
    """One learning summary in two languages, each language's text entered separately."""

    first: LearningSummary  # printed first (Welsh first by default, as Welsh public bodies publish)
    second: LearningSummary
    layout: str = "side_by_side"  # or "consecutive"

"""Frozen values the services hand to the UI. Pure Python, so the window can be built (and painted) before
SQLAlchemy is even imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from ..models.enums import (
    LibraryState,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
    RouteRequested,
    label,
)
from ..models.timeframes import ClockState

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each screen can refresh only what concerns it."""

    kinds: frozenset[str] = frozenset()
    ids: tuple[tuple[str, int], ...] = ()
    #: What the write left, read in its own transaction (e.g. the ``ReferralScreen`` of the referral a step
    #: moved), so the screen that made the change can show it without reading it again. Not compared.
    fresh: tuple[object, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, kind: str, *ids: int) -> Changes:
        return cls(frozenset({kind}), tuple((kind, i) for i in ids))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids + other.ids, self.fresh + other.fresh)

    def with_fresh(self, *values: object) -> Changes:
        return Changes(self.kinds, self.ids, self.fresh + values)

    def fresh_of(self, kind: type[T]) -> T | None:
        """The first fresh value of type ``kind`` (None: the write did not return one)."""
        return next((v for v in self.fresh if isinstance(v, kind)), None)

    def touches(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class ClockSummary:
    """One open clock of a record, as lists and ``scpdesk deadlines`` show it. ``state`` is the key the UI maps
    to words and colours; ``text`` is the model's wording (for the command line and exports)."""

    key: str
    label: str
    state: ClockState
    due_date: dt.date | None
    working_days_left: int | None
    statutory: bool = False
    paused_reason: str = ""
    deferred_reason: str = ""
    text: str = ""
    #: What the state needs to be said in full: the missing start ("LA-aware date missing"), or "".
    detail: str = ""


@dataclass(frozen=True)
class PauseDTO:
    """One pause of a clock (a referral's or a review's): open while ``resumed_date`` is None. ``by``: who
    paused it (and who resumed it, when someone else did)."""

    id: int
    clock_key: str
    reason: str
    paused_date: dt.date
    resumed_date: dt.date | None
    by: str = ""


@dataclass(frozen=True)
class ReferralRow:
    """A referral list row. Keys, not words: ``scpdesk.models.words`` (and the UI's ``clock_words``) say them."""

    id: int
    reference: str
    pseudonym: str
    received_date: dt.date
    status: ReferralStatus
    #: The route decided (None: not yet), and the one the referrer asked for (shown until one is decided).
    route: Route | None
    route_requested: RouteRequested | None
    #: The headline clock's name (the rule set's), its due date and working days left.
    next_clock: str
    next_due: dt.date | None
    working_days_left: int | None
    agencies: tuple[str, ...] = ()
    #: The headline clock's state as a key (None: nothing open), and every clock to watch (most urgent first).
    state_key: ClockState | None = None
    paused_reason: str = ""
    open_clocks: tuple[ClockSummary, ...] = ()
    state_detail: str = ""
    #: Beside a headline for clocks that cannot start (a missing LA-aware date): the due date of the earliest
    #: clock running all the same (the rapid review from the partners' date), so the list shows it and "due this
    #: week" counts it; None otherwise. Once that clock is overdue it is the headline itself.
    running_due: dt.date | None = None
    #: Every child's pseudonym, the subject first (siblings too), so a search finds any of them.
    pseudonyms: tuple[str, ...] = ()

    @property
    def due_by(self) -> dt.date | None:
        """The date this referral's next deadline falls on: the headline's, else the one running beside clocks
        that cannot start."""
        return self.next_due or self.running_due


@dataclass(frozen=True)
class ReviewRow:
    """A library list row. Keys, not words: ``scpdesk.models.words`` says them."""

    id: int
    reference: str
    title: str
    review_type: ReviewType
    status: ReviewStatus
    published_date: dt.date | None
    window_end: dt.date | None
    #: Where the review stands for the public (said with ``window_end`` and ``deferral_reason``).
    library_state: LibraryState
    themes: str
    next_clock: str
    next_due: dt.date | None
    deferral_reason: str = ""
    overdue_actions: int = 0
    state_key: ClockState | None = None
    paused_reason: str = ""
    deferred_reason: str = ""
    open_clocks: tuple[ClockSummary, ...] = ()
    state_detail: str = ""


@dataclass(frozen=True)
class MeetingRow:
    """A meeting list row: ``kind`` and ``status`` are keys (``label`` says them)."""

    id: int
    reference: str
    kind: MeetingKind
    meeting_date: dt.date
    start_time: dt.time | None
    place: str
    chair: str
    items: int
    present: int
    apologies: int
    quorate: bool
    status: MeetingStatus


@dataclass(frozen=True)
class CaseMeetingDTO:
    """One agenda item about a referral, as the case shows it: the meeting, the item, its decision and minutes.
    (Here, beside the rows, because the referral screen shows it: the referrals never import the panel.)"""

    meeting_id: int
    meeting_reference: str
    meeting_date: dt.date
    kind: MeetingKind
    item_id: int
    title: str
    decision: str
    minutes: str
    open_actions: int

    @property
    def id(self) -> int:  # the row id a table keeps
        return self.item_id

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    def minutes_excerpt(self, limit: int = 160) -> str:
        """The minutes on one line, cut at a word before ``limit`` characters with "…" when longer."""
        text = " ".join(self.minutes.split())
        if len(text) <= limit:
            return text
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        return cut.rstrip(" ,;:.") + "…"


@dataclass(frozen=True, slots=True)
class RecordLink:
    """Where a record lives on screen, so a row in the Today view or a counted record in the figures opens it in
    its tab: ``tab`` is "referrals", "panel" or "library"; ``record_id`` the referral, meeting or review id;
    ``part`` the part of its page to show ("" for the page itself; e.g. "rapid_review", "actions", "archive")."""

    tab: str
    record_id: int
    part: str = ""

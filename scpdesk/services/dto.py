"""Frozen values the services hand to the UI. Pure Python, so the window can be built (and painted) before
SQLAlchemy is even imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    """What a write changed, so each screen can refresh only what concerns it."""

    kinds: frozenset[str] = frozenset()
    ids: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, kind: str, *ids: int) -> Changes:
        return cls(frozenset({kind}), tuple((kind, i) for i in ids))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids + other.ids)

    def touches(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class ReferralRow:
    id: int
    reference: str
    pseudonym: str
    received_date: dt.date
    route: str
    status: str
    next_clock: str
    next_due: dt.date | None
    working_days_left: int | None
    state: str
    rag: str
    status_key: str = ""
    route_key: str = ""
    agencies: tuple[str, ...] = ()
    #: Every child's pseudonym, the subject first (siblings too), so a search finds any of them.
    pseudonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewRow:
    id: int
    reference: str
    title: str
    review_type: str
    status: str
    published_date: dt.date | None
    window_end: dt.date | None
    library_state: str
    themes: str
    next_clock: str
    next_due: dt.date | None
    state: str
    rag: str
    overdue_actions: int = 0


@dataclass(frozen=True)
class MeetingRow:
    id: int
    reference: str
    kind: str
    meeting_date: dt.date
    start_time: dt.time | None
    place: str
    chair: str
    items: int
    present: int
    apologies: int
    quorate: bool
    status: str

"""The rules of a Rapid Review Panel or QA&S meeting, without a database: quorum, the standing items, which
referrals each kind of meeting decides on, the decisions open to a case, item times and the warnings a case
item carries. Shared by the meeting screen, the agenda, the minutes and the meeting pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ...models.enums import (
    Decision,
    MeetingKind,
    ReferralStatus,
    Route,
)
from ...models.timeframes import Clock
from ...models.words import DECISION_WORDS
from ..referrals.workflow import LEARNING_REVIEW_DECISIONS, RAPID_REVIEW_DECISIONS, nation_decisions

if TYPE_CHECKING:
    from ..referrals.referrals import ReferralDetail

# Rules of the agenda ---------------------------------------------------------------------------------------

#: The standing items every meeting may carry, with their usual minutes.
STANDING_ITEMS: dict[str, int] = {"Minutes of the last meeting": 5, "Actions log": 10, "Any other business": 5}
#: Standing items that stay at the end of the agenda when a case is added.
_LAST_ITEMS = frozenset({"any other business"})

#: The referrals each kind of meeting decides on (the suggested list).
AWAITING: dict[MeetingKind, frozenset[ReferralStatus]] = {
    MeetingKind.RAPID_REVIEW_PANEL: frozenset({ReferralStatus.SCREENING, ReferralStatus.SIN_SENT,
                                               ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT,
                                               ReferralStatus.PANEL_RESPONDED}),
    MeetingKind.QAS: frozenset({ReferralStatus.LEARNING_REVIEW}),
}
#: Under a nation's rule set (issue 17) there is no SIN, rapid review or National Panel: a meeting considers any
#: referral not yet decided (the nation's statutory group or chair decides at it).
_UNDECIDED = frozenset(set(ReferralStatus) - {ReferralStatus.DECIDED, ReferralStatus.CLOSED})


def awaiting(kind: MeetingKind, rule_set: str = "england") -> frozenset[ReferralStatus]:
    """The statuses of the referrals a kind of meeting decides on, under the partnership's rule set."""
    return AWAITING[kind] if nation_decisions(rule_set) is None else _UNDECIDED


DEFAULT_CASE_MINUTES = {MeetingKind.RAPID_REVIEW_PANEL: 30, MeetingKind.QAS: 20}
MAX_ITEM_MINUTES = 480

#: The wording of each decision where the panel chooses one (the pack's options, the item's decision text).
DECISION_TEXT: dict[Decision, str] = {
    Decision.LCSPR: "Undertake a Local Child Safeguarding Practice Review (LCSPR)",
    Decision.LEARNING_SUMMARY: "Learning summary (LCSPR criteria met, no full review)",
    Decision.NATIONAL_REVIEW: "Refer to the National Panel for a national review",
    Decision.PLR: "Practice Learning Review (PLR)",
    Decision.OTHER_LEARNING: "Other learning (single- or multi-agency)",
    Decision.NO_FURTHER_REVIEW: "No further review",
    # The nations' own reviews (issue 17), in their words.
    **{d: DECISION_WORDS[d] for d in (Decision.CPR_CONCISE, Decision.CPR_EXTENDED, Decision.LEARNING_REVIEW,
                                      Decision.CMR)},
}

#: Papers are PDFs stored in the database: this many bytes at most each, unless a service says otherwise.
MAX_PAPER_BYTES = 20 * 1024 * 1024
#: Readers (Acrobat, pypdf) accept the ``%PDF-`` header anywhere in the first kilobyte.
_PDF_MAGIC, _PDF_MAGIC_WITHIN = b"%PDF-", 1024


def item_times(start: dt.time | None, durations: Sequence[int]) -> list[tuple[dt.time | None, dt.time | None]]:
    """Each item's (start, end): the meeting's start plus the durations of the items before it."""
    if start is None:
        return [(None, None)] * len(durations)
    base = dt.datetime.combine(dt.date(2000, 1, 1), start)
    times: list[tuple[dt.time | None, dt.time | None]] = []
    elapsed = 0
    for minutes in durations:
        begin = base + dt.timedelta(minutes=elapsed)
        elapsed += minutes
        times.append((begin.time(), (base + dt.timedelta(minutes=elapsed)).time()))
    return times


def long_date(day: dt.date) -> str:
    """"Fri 27 Nov 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def rapid_review_clock(clocks: Iterable[Clock]) -> Clock | None:
    return next((c for c in clocks if c.key == "rapid_review"), None)


def rapid_review_warning(clocks: Iterable[Clock], meeting_date: dt.date) -> str:
    """The warning for a case whose rapid review falls due before the meeting (and is not yet complete)."""
    clock = rapid_review_clock(clocks)
    if clock is None or clock.due_date is None or not clock.is_open or clock.due_date >= meeting_date:
        return ""
    return f"The rapid review is due {long_date(clock.due_date)}, before this meeting."


def decision_options(route: Route | None, kind: MeetingKind, rule_set: str = "england") -> tuple[Decision, ...]:
    """The decisions open to a case, as the workflow enforces them: a nation's own (whatever the route, issue 17);
    in England by its route, else by the kind of meeting."""
    nation = nation_decisions(rule_set)
    if nation is not None:
        return nation
    if route is Route.LEARNING_REVIEW or (route is None and kind is MeetingKind.QAS):
        return LEARNING_REVIEW_DECISIONS
    return RAPID_REVIEW_DECISIONS


def pseudonyms(detail: ReferralDetail) -> str:
    """The children's pseudonyms ("Child N, Child N2"), never an identity."""
    return ", ".join(c.pseudonym for c in detail.children) or detail.reference


def file_size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"

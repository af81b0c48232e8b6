"""What to do next with a review in the library, in plain words: the one or two steps its status allows now (each
with why), the clock line that keeps its deadlines in sight, and where a review with nothing left to do stands.

Built from the review as ``ReviewService.get`` read it (its transitions and clocks): nothing here queries and
nothing here knows Qt, so the wording is tested without a window (tests/db/test_library_steps.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from ...models.enums import ReviewStatus, label
from ...models.timeframes import ClockState
from ...models.words import date_text
from ..clocks import open_clocks
from ..referrals.story import NextStep
from ..referrals.workflow import ActionInfo

if TYPE_CHECKING:
    from ...models.enums import ReviewType
    from ...models.timeframes import Clock
    from ..dto import ClockSummary

__all__ = ["CLOCK_NAMES", "MAX_NEXT", "STEP_LABELS", "ReviewFacts", "TransitionInfo", "clock_line", "next_steps",
           "standing"]

RS = ReviewStatus


#: A status step of a review: whether its status allows it now, and why not (the shape of a referral's step).
TransitionInfo = ActionInfo


class ReviewFacts(Protocol):
    """What the wording reads of a review (``reviews.ReviewDetail`` has it all)."""

    @property
    def status(self) -> ReviewStatus: ...
    @property
    def review_type(self) -> ReviewType: ...
    @property
    def transitions(self) -> Sequence[TransitionInfo]: ...
    @property
    def clocks(self) -> Sequence[Clock]: ...
    @property
    def reviewer(self) -> str: ...
    @property
    def commissioned_date(self) -> dt.date | None: ...
    @property
    def planned_publication_date(self) -> dt.date | None: ...
    @property
    def final_report_sent_date(self) -> dt.date | None: ...
    @property
    def published_date(self) -> dt.date | None: ...
    @property
    def window_end(self) -> dt.date | None: ...
    @property
    def deferral_reason(self) -> str: ...
    @property
    def deferral_review_date(self) -> dt.date | None: ...
    @property
    def archived(self) -> bool: ...

#: At most this many steps are offered as the review's next steps (the rest are under More).
MAX_NEXT = 2

#: The label of each step offered as a next step (the transitions' own, as the More menu lists them).
STEP_LABELS = {
    "start_review": "Start the review", "record_draft": "Record the draft report",
    "agree_final": "Record the final report agreed", "send_to_panel": "Send to the Panel and Secretary of State",
    "defer": "Defer publication", "publish": "Record it published",
    "publish_improvements_only": "Publish improvements only", "complete": "Mark completed",
}

#: The review's clocks as the clock line names them.
CLOCK_NAMES = {"lcspr_publication": "Publication target",
               "pre_publication_copy": "Final report to the Panel and Secretary of State",
               "published_window": "On the website until"}


def _day(value: object) -> str:
    """"Wed 16 Dec 2026" (the weekday helps plan a working day)."""
    return f"{value:%a} {date_text(value)}" if isinstance(value, dt.date) else ""


def _left(clock: ClockSummary) -> str:
    """What a running clock has left, in working days where the clock counts them."""
    if clock.state is ClockState.OVERDUE:
        return "overdue"
    days = clock.working_days_left
    if days is None:
        return "due soon" if clock.state is ClockState.DUE_SOON else "running"
    if days == 0:
        return "due today"
    return f"{days} working day{'' if days == 1 else 's'} left"


def _clock_words(clock: ClockSummary) -> str:
    name = CLOCK_NAMES.get(clock.key, clock.label)
    when = _day(clock.due_date)
    if clock.key == "published_window":
        return f"{name} {when}" + (" (leaves the website soon)" if clock.state is ClockState.DUE_SOON else "")
    text = f"{name} {when}: {_left(clock)}"
    if clock.state is ClockState.PAUSED or (clock.state is ClockState.OVERDUE and clock.paused_reason):
        text += f" — paused: {clock.paused_reason}" if clock.paused_reason else " — paused"
    if clock.deferred_reason:
        text += f" — deferred ({clock.deferred_reason})"
    return text


def clock_line(detail: ReviewFacts) -> tuple[str, bool]:
    """The review's open clocks in a line, most urgent first ("Publication target Wed 16 Dec 2026: 10 working days
    left"), and whether one is overdue. Every overdue clock is said (a deferral or a pause never hides one), then
    the next open one; "" when no clock runs."""
    found = [c for c in open_clocks(detail.clocks) if c.due_date is not None]
    overdue = [c for c in found if c.state is ClockState.OVERDUE]
    shown = overdue + [c for c in found if c.state is not ClockState.OVERDUE][:1]
    text = "; ".join(_clock_words(c) for c in shown)
    if detail.status is RS.DEFERRED and detail.deferral_review_date is not None:
        text += ("; " if text else "") + f"the deferral is reviewed on {_day(detail.deferral_review_date)}"
    return (text + "." if text else ""), bool(overdue)


def next_steps(detail: ReviewFacts) -> tuple[NextStep, ...]:
    """The one or two steps that move the review on now, each with why, in the order a coordinator takes them; only
    transitions its status allows now (``detail.transitions``). Empty once completed (:func:`standing` says where
    it stands)."""
    allowed = {t.key for t in detail.transitions if t.enabled}
    status: ReviewStatus = detail.status
    found: list[NextStep] = []

    def add(key: str, why: str) -> None:
        if key in allowed and len(found) < MAX_NEXT and key not in {s.key for s in found}:
            found.append(NextStep(key, STEP_LABELS[key], why))

    planned = detail.planned_publication_date
    publication = f" (planned for {_day(planned)})" if planned else ""
    sent = detail.final_report_sent_date
    if status is RS.COMMISSIONED:
        add("start_review", "Commissioned" + (f" on {date_text(detail.commissioned_date)}"
                                              if detail.commissioned_date else "")
            + ": name the reviewer and start the review.")
    elif status is RS.IN_REVIEW:
        add("record_draft", "The review is under way" + (f" with {detail.reviewer}" if detail.reviewer else "")
            + ": record the draft report when it comes.")
    elif status is RS.DRAFT:
        add("agree_final", "The draft report is in: record the final report agreed, with the planned publication "
                           "date.")
    elif status is RS.FINAL_AGREED:
        add("complete", f"The final report is agreed: a {label(detail.review_type)} can be marked completed.")
        add("send_to_panel", "The final report is agreed: send it to the National Panel and the Secretary of State "
                             "(and Ofsted) at least 7 working days before publication" + publication + ".")
        add("defer", "If publication must wait (e.g. a criminal trial), defer it with a reason and a review date: "
                     "the target stays in sight.")
    elif status is RS.SENT_TO_PANEL:
        add("publish", f"Sent to the Panel and Secretary of State on {date_text(sent)}: record it published when "
                       f"it goes on the website{publication}.")
        add("defer", "If publication must wait (e.g. a criminal trial), defer it with a reason and a review date: "
                     "the target stays in sight.")
    elif status is RS.DEFERRED:
        reason = f" ({detail.deferral_reason})" if detail.deferral_reason else ""
        if sent is None:
            add("send_to_panel", f"Publication is deferred{reason}: the final report still goes to the National "
                                 "Panel and the Secretary of State before it is published.")
        add("publish", f"Publication is deferred{reason}: record it published when the deferral ends.")
    elif status in (RS.PUBLISHED, RS.IMPROVEMENTS_ONLY):
        what = "Published" if status is RS.PUBLISHED else "Its improvements were published"
        add("complete", f"{what} on {date_text(detail.published_date)}: mark the review completed when its "
                        "action plan is done.")
    return tuple(found)


def standing(detail: ReviewFacts) -> str:
    """Where a review with no next step stands, in a sentence ("Completed: published on 3 Mar 2026, on the website
    until 3 Mar 2027.")."""
    if detail.status is not RS.COMPLETED:
        return "Nothing to do now."
    if detail.archived:
        where = f", archived — available on request (published on {date_text(detail.published_date)})"
    elif detail.published_date is not None and detail.window_end is not None:
        where = (f": published on {date_text(detail.published_date)}, on the website until "
                 f"{date_text(detail.window_end)}")
    elif detail.published_date is not None:
        where = f": published on {date_text(detail.published_date)}"
    else:
        where = f" (a {label(detail.review_type)}, not published)"
    return f"Completed{where}. Nothing more to do; archive requests and the action plan stay here."

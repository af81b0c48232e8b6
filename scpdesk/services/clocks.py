"""From stored records to the statutory clock's inputs: one place maps referrals and reviews to rules."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ..models.enums import Decision, ReviewStatus, ReviewType, Route
from ..models.timeframes import (
    OPEN_STATES,
    Clock,
    ClockRecord,
    ClockState,
    Deferral,
    Pause,
    RuleSet,
    evaluate_clocks,
    holidays_version,
    missing_start_words,
    next_open_clock,
)
from .dto import ClockSummary
from .settings_values import OrganisationSettings

__all__ = ["ENGINE_VERSION", "Clock", "ClockState", "ClockSummary", "PauseRow", "basis_of", "headline",
           "next_open_clock", "open_clocks", "rag",
           "referral_clocks", "review_clocks"]

#: Clocks that belong to a referral's own record (the LCSPR clocks live on its library review).
REFERRAL_CLOCKS = ("sin", "notify_partners", "rapid_review", "rr_sent", "panel_response",
                   # the nations' (issue 17): from the referral to the decision and its notification
                   "cpr_case_review_group", "cpr_chair_decision", "cpr_government_notified",
                   "lr_recommendation", "lr_decision", "lr_inspectorate_notified", "cmr_chair_decision")
REVIEW_CLOCKS = ("lcspr_publication", "pre_publication_copy", "published_window",
                 "cpr_learning_event", "cpr_report", "cpr_report_to_government",
                 "lr_review", "lr_report_to_inspectorate", "cmr_report")


def nation_review(value: object, ruleset: RuleSet) -> bool | None:
    """Whether a decision or review type is the rule set's own review (None when there is none yet)."""
    if value is None:
        return None
    return str(value) in ruleset.nation_reviews


def notifiable(route: Route | None) -> bool | None:
    if route is None:
        return None
    return route is Route.RAPID_REVIEW


class PauseRow(NamedTuple):
    """One stored pause (open while ``until`` is None), as the clocks take it."""

    clock_key: str
    reason: str
    since: dt.date
    until: dt.date | None = None
    by: str = ""


def _pauses(pauses: Iterable[Sequence[object]]) -> tuple[Mapping[str, Pause], Mapping[str, tuple[Pause, ...]]]:
    """The open pause of each clock, and each clock's ended pauses (oldest first)."""
    open_: dict[str, Pause] = {}
    ended: dict[str, list[Pause]] = defaultdict(list)
    for row in pauses:
        p = PauseRow(*row)  # type: ignore[arg-type]
        pause = Pause(p.reason, p.since, p.until, p.by)
        if p.until is None:
            open_[p.clock_key] = pause
        else:
            ended[p.clock_key].append(pause)
    return open_, {k: tuple(sorted(v, key=lambda x: x.since)) for k, v in ended.items()}


def referral_clocks(*, route: Route | None, la_aware: dt.date | None, partners_aware: dt.date | None,
                    partners_notified: dt.date | None, sin_sent: dt.date | None, rr_completed: dt.date | None,
                    rr_sent: dt.date | None, panel_response: dt.date | None, received: dt.date | None,
                    recommendation: dt.date | None, decision: Decision | None, decided: dt.date | None,
                    decision_notified: dt.date | None,
                    pauses: Iterable[Sequence[object]] = (), today: dt.date,
                    settings: OrganisationSettings, closures: frozenset[dt.date]) -> list[Clock]:
    """A referral's clocks (rules 6–10 in England; the nations' from the referral to the decision and its
    notification). ``pauses``: :class:`PauseRow` values, open and ended."""
    open_, ended = _pauses(pauses)
    record = ClockRecord(la_aware=la_aware, partners_aware=partners_aware, partners_notified=partners_notified,
                         sin_sent=sin_sent, rr_completed=rr_completed, rr_sent=rr_sent,
                         panel_response=panel_response, received=received, recommendation=recommendation,
                         decision=decided, decision_notified=decision_notified,
                         notifiable=notifiable(route), lcspr=False,
                         nation_review=nation_review(decision, settings.ruleset),
                         pauses=open_, ended_pauses=ended, referral=True)
    clocks = evaluate_clocks(record, today=today, ruleset=settings.ruleset, closures=closures,
                             settings=settings.clock_settings())
    return [c for c in clocks if c.key in REFERRAL_CLOCKS]


def review_clocks(*, review_type: ReviewType, status: ReviewStatus, decision: dt.date | None,
                  planned_publication: dt.date | None, final_report_sent: dt.date | None,
                  published: dt.date | None, learning_event: dt.date | None, report_completed: dt.date | None,
                  deferral_reason: str = "", deferral_review_date: dt.date | None = None,
                  deferral_expected_end: dt.date | None = None, pauses: Iterable[Sequence[object]] = (),
                  today: dt.date, settings: OrganisationSettings, closures: frozenset[dt.date]) -> list[Clock]:
    is_lcspr = review_type in (ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY, ReviewType.JOINT,
                               ReviewType.THEMATIC)
    deferral = None
    if status is ReviewStatus.DEFERRED and deferral_reason.strip():
        deferral = Deferral(deferral_reason.strip(), deferral_review_date, deferral_expected_end)
    open_, ended = _pauses(pauses)
    record = ClockRecord(lcspr_decision=decision, planned_publication=planned_publication,
                         final_report_sent=final_report_sent, published=published, lcspr=is_lcspr,
                         review_decision=decision, learning_event=learning_event, report_completed=report_completed,
                         nation_review=nation_review(review_type, settings.ruleset),
                         deferral=deferral, pauses=open_, ended_pauses=ended)
    clocks = evaluate_clocks(record, today=today, ruleset=settings.ruleset, closures=closures,
                             settings=settings.clock_settings())
    return [c for c in clocks if c.key in REVIEW_CLOCKS]


#: The colour key of each state: overdue is red whatever else is true (a pause never turns red to amber).
RAG_OF: Mapping[ClockState, str] = {
    ClockState.OVERDUE: "red", ClockState.MET_LATE: "red",
    ClockState.DUE_SOON: "amber", ClockState.PAUSED: "amber", ClockState.START_MISSING: "amber",
    ClockState.RUNNING: "green", ClockState.MET: "green",
}


def rag(clock: Clock | ClockSummary | None) -> str:
    """Red (overdue), amber (due soon, paused, or not started for want of its start date), green (running),
    or "" when nothing is open."""
    if clock is None:
        return ""
    state = clock.state
    if state is ClockState.MET_LATE:  # done: nothing open to colour in a list
        return ""
    return RAG_OF.get(state, "")


#: The one line standing for several clocks that cannot start (their common start date is missing).
MISSING_MANY = "Clocks from LA awareness"


def summary(clock: Clock, label: str | None = None) -> ClockSummary:
    return ClockSummary(key=clock.key, label=label or clock.label, state=clock.state, due_date=clock.due_date,
                        working_days_left=clock.working_days_left, statutory=clock.statutory,
                        paused_reason=clock.paused_reason or "", deferred_reason=clock.deferred_reason or "",
                        text=clock.display_state, detail=state_detail(clock))


def state_detail(clock: Clock) -> str:
    """What a state needs besides its key to be said in full: the missing start date, or the window's end."""
    rule = clock.rule
    if rule is None:
        return ""
    if clock.state is ClockState.START_MISSING:
        return missing_start_words(rule)
    if clock.state is ClockState.ENDED:
        return rule.ended_label
    return ""


def open_clocks(clocks: Iterable[Clock]) -> tuple[ClockSummary, ...]:
    """Every clock that needs watching, most urgent first: the overdue clocks (by due date), then the clocks
    that cannot start for want of their start date (one line for all of them), then every other open clock
    (running, due soon, paused) by due date, rule order breaking ties. An overdue clock leads even when a start
    date is missing: the missing date must never hide a deadline already passed. The lists, the case headline
    and ``scpdesk deadlines`` all use this."""
    return tuple(summary(c, label) for c, label in watched(clocks))


def watched(clocks: Iterable[Clock]) -> list[tuple[Clock, str | None]]:
    """:func:`open_clocks` before it is put in words (the Today view reads thousands): each clock with the label
    that stands for it (None: its own; :data:`MISSING_MANY` for the one line of several that cannot start)."""
    clocks = list(clocks)
    missing = [c for c in clocks if c.state is ClockState.START_MISSING]
    running = [c for c in clocks if c.state in OPEN_STATES and c.due_date is not None]
    running.sort(key=lambda c: c.due_date or dt.date.max)  # stable: rule order breaks ties
    found: list[tuple[Clock, str | None]] = [(c, None) for c in running if c.state is ClockState.OVERDUE]
    if missing:
        found.append((missing[0], MISSING_MANY if len(missing) > 1 else None))
    found.extend((c, None) for c in running if c.state is not ClockState.OVERDUE)
    return found


def headline(clocks: Sequence[ClockSummary]) -> ClockSummary | None:
    """The one clock a list row shows: the first of :func:`open_clocks`."""
    return clocks[0] if clocks else None


def decision_is_lcspr(decision: Decision | None) -> bool:
    return decision is Decision.LCSPR


# -- the basis of stored clocks (referrals/next_due.py stores, the first page and the Today view trust) --------

#: Bump when the clock engine's code changes what it computes (its rules are data and are in the basis).
ENGINE_VERSION = "2"


@lru_cache(maxsize=64)
def _basis(ruleset: RuleSet, clock_settings: tuple[tuple[str, int], ...], closures: frozenset[dt.date]) -> str:
    digest = hashlib.sha256()
    for part in (ENGINE_VERSION, holidays_version(), repr(ruleset), repr(clock_settings),
                 ",".join(sorted(d.isoformat() for d in closures))):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:40]


def basis_of(settings: Any, closures: frozenset[dt.date]) -> str:
    """What stored values computed under ``settings`` (OrganisationSettings) and ``closures`` are valid for."""
    return _basis(settings.ruleset, tuple(sorted(settings.clock_settings().items())), closures)

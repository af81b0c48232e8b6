"""From stored records to the statutory clock's inputs: one place maps referrals and reviews to rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ..models.enums import Decision, ReviewStatus, ReviewType, Route
from ..models.timeframes import (
    Clock,
    ClockRecord,
    ClockState,
    Deferral,
    Pause,
    evaluate_clocks,
    next_open_clock,
)
from .settings import OrganisationSettings

__all__ = ["Clock", "ClockState", "next_open_clock", "rag", "referral_clocks", "review_clocks"]

#: Clocks that belong to a referral's own record (the LCSPR clocks live on its library review).
REFERRAL_CLOCKS = ("sin", "notify_partners", "rapid_review", "rr_sent", "panel_response")
REVIEW_CLOCKS = ("lcspr_publication", "pre_publication_copy", "published_window")


def notifiable(route: Route | None) -> bool | None:
    if route is None:
        return None
    return route is Route.RAPID_REVIEW


def _pauses(pauses: Iterable[tuple[str, str, dt.date]]) -> Mapping[str, Pause]:
    return {key: Pause(reason, since) for key, reason, since in pauses}


def referral_clocks(*, route: Route | None, la_aware: dt.date | None, partners_aware: dt.date | None,
                    partners_notified: dt.date | None, sin_sent: dt.date | None, rr_completed: dt.date | None,
                    rr_sent: dt.date | None, panel_response: dt.date | None,
                    pauses: Iterable[tuple[str, str, dt.date]] = (), today: dt.date,
                    settings: OrganisationSettings, closures: frozenset[dt.date]) -> list[Clock]:
    record = ClockRecord(la_aware=la_aware, partners_aware=partners_aware, partners_notified=partners_notified,
                         sin_sent=sin_sent, rr_completed=rr_completed, rr_sent=rr_sent,
                         panel_response=panel_response, notifiable=notifiable(route), lcspr=False,
                         pauses=_pauses(pauses))
    clocks = evaluate_clocks(record, today=today, ruleset=settings.ruleset, closures=closures,
                             settings=settings.clock_settings())
    return [c for c in clocks if c.key in REFERRAL_CLOCKS]


def review_clocks(*, review_type: ReviewType, status: ReviewStatus, decision: dt.date | None,
                  planned_publication: dt.date | None, final_report_sent: dt.date | None,
                  published: dt.date | None, deferral_reason: str = "", deferral_review_date: dt.date | None = None,
                  deferral_expected_end: dt.date | None = None, pauses: Iterable[tuple[str, str, dt.date]] = (),
                  today: dt.date, settings: OrganisationSettings, closures: frozenset[dt.date]) -> list[Clock]:
    is_lcspr = review_type in (ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY, ReviewType.JOINT,
                               ReviewType.THEMATIC)
    deferral = None
    if status is ReviewStatus.DEFERRED and deferral_reason.strip():
        deferral = Deferral(deferral_reason.strip(), deferral_review_date, deferral_expected_end)
    record = ClockRecord(lcspr_decision=decision, planned_publication=planned_publication,
                         final_report_sent=final_report_sent, published=published, lcspr=is_lcspr,
                         deferral=deferral, pauses=_pauses(pauses))
    clocks = evaluate_clocks(record, today=today, ruleset=settings.ruleset, closures=closures,
                             settings=settings.clock_settings())
    return [c for c in clocks if c.key in REVIEW_CLOCKS]


def rag(clock: Clock | None) -> str:
    """Red (overdue), amber (due soon or paused), green (running), or "" when nothing is open."""
    if clock is None:
        return ""
    if clock.state is ClockState.OVERDUE:
        return "red"
    if clock.state in (ClockState.DUE_SOON, ClockState.PAUSED):
        return "amber"
    return "green"


def decision_is_lcspr(decision: Decision | None) -> bool:
    return decision is Decision.LCSPR

"""The review screen in one read: the review's record, status steps and clocks, its archive requests, its action
plan and its learning summary.

The same screen used to cost three transactions (``ReviewService.get``, ``actions.review_plan`` and
``learning_summary.get_content``: 15 round trips at 20 ms on a shared server). Here every collection of the review
(themes, recommendations, actions with their owners' names, archive requests, clock pauses) is folded into the
review's own row (``folds.fold``), its referral's reference and its learning summary are joined to it, and the
settings and closure days the clocks count under come from the process's clock context, confirmed by the digest
read in the same statement (``clock_context``: a stale cache costs one more statement, never a wrong clock).

``screen_of(s, ...)`` costs ONE statement, and so does ``ReviewArea.screen`` (no BEGIN or ROLLBACK on a server).
What it shows equals what the three reads show (tests/db/test_review_screen.py holds them equal, on SQLite and
PostgreSQL, and for a viewer's login).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import NotFoundError
from ...models import (
    Action,
    Agency,
    ArchiveRequest,
    ClockPause,
    LearningSummaryContent,
    Person,
    Recommendation,
    Referral,
    Review,
    Theme,
)
from ...models.enums import ActionStatus, ReviewStatus, ReviewType
from ...models.reviews import review_theme
from .. import clock_context
from ..clocks import PauseRow, review_clocks
from ..folds import Cells, fold, present
from ..people import owner_words
from ..referrals.referrals import pause_who
from .actions import ActionDTO, PlanDTO, RecommendationDTO, days_overdue, effective_status
from .learning_summary import SECTIONS, LearningSummaryContentDTO
from .reviews import (
    WINDOW_CLOCK,
    ArchiveRequestDTO,
    RecommendationText,
    ReviewDetail,
    ReviewService,
    ReviewTheme,
    library_state,
    transitions,
    with_steps,
)

__all__ = ["ReviewArea", "ReviewScreen", "screen_of"]


@dataclass(frozen=True)
class ReviewScreen:
    """Everything the review panel shows, read in one statement: the review (record, status steps, clocks,
    archive requests, next steps), its action plan and its learning summary."""

    detail: ReviewDetail
    plan: PlanDTO
    summary: LearningSummaryContentDTO

    @property
    def id(self) -> int:
        """The review's id (what the panel compares a reload with)."""
        return self.detail.id


# -- the folds -------------------------------------------------------------------------------------------

_RID = Review.id
_THEMES = fold("themes", [Theme.id, Theme.name, Theme.retired_on],
               lambda q: q.select_from(review_theme).join(Theme, Theme.id == review_theme.c.theme_id)
               .where(review_theme.c.review_id == _RID).correlate(Review))
_RECOMMENDATIONS = fold("recommendations", [Recommendation.id, Recommendation.version, Recommendation.position,
                                            Recommendation.text],
                        lambda q: q.where(Recommendation.review_id == _RID).correlate(Review))
_ACTIONS = fold("actions", [Action.id, Action.version, Action.recommendation_id, Action.description,
                            Action.owner_agency_id, Action.owner_person_id, Action.expected_change, Action.due_date,
                            Action.status, Action.progress_notes, Action.evidence, Action.impact_check_date,
                            Action.completed_date, Agency.name, Person.name],
                lambda q: q.select_from(Action)
                .join(Recommendation, Recommendation.id == Action.recommendation_id)
                .outerjoin(Agency, Agency.id == Action.owner_agency_id)
                .outerjoin(Person, Person.id == Action.owner_person_id)
                .where(Recommendation.review_id == _RID).correlate(Review))
_REQUESTS = fold("archive_requests", [ArchiveRequest.id, ArchiveRequest.version, ArchiveRequest.requester_name,
                                      ArchiveRequest.organisation, ArchiveRequest.received_date,
                                      ArchiveRequest.sent_date, ArchiveRequest.notes],
                 lambda q: q.where(ArchiveRequest.review_id == _RID).correlate(Review))
_PAUSES = fold("pauses", [ClockPause.id, ClockPause.clock_key, ClockPause.reason, ClockPause.paused_date,
                          ClockPause.resumed_date, ClockPause.created_by, ClockPause.updated_by],
               lambda q: q.where(ClockPause.review_id == _RID).correlate(Review))
_FOLDS = (_THEMES, _RECOMMENDATIONS, _ACTIONS, _REQUESTS, _PAUSES)

#: The learning summary's columns, joined (a review has at most one), each labelled "summary_<name>".
_SUMMARY_NAMES = ("id", "version", "updated_by", "updated_at", *SECTIONS)
_SUMMARY_COLUMNS = [LearningSummaryContent.__table__.c[name].label(f"summary_{name}") for name in _SUMMARY_NAMES]

_STATEMENT = (select(*Review.__table__.c, Referral.reference.label("referral_reference"), *_SUMMARY_COLUMNS,
                     *(f.column for f in _FOLDS), clock_context.version_column())
              .outerjoin(Referral, Referral.id == Review.referral_id)
              .outerjoin(LearningSummaryContent, LearningSummaryContent.review_id == Review.id))


# -- decoding --------------------------------------------------------------------------------------------

def _detail(row: Cells, context: clock_context.ClockContext, today: dt.date) -> ReviewDetail:
    status = present("status", row.member("status", ReviewStatus))
    review_type = present("review_type", row.member("review_type", ReviewType))
    pauses = [PauseRow(p.text(1), p.text(2), p.day(3), p.maybe_day(4), pause_who(p.text(5), p.text(6), p.maybe_day(4)))
              for p in sorted(row.rows(_PAUSES), key=lambda p: (p.day(3), p.number(0)))]
    clocks = tuple(review_clocks(
        review_type=review_type, status=status, decision=row.maybe_day("decision_date"),
        planned_publication=row.maybe_day("planned_publication_date"),
        final_report_sent=row.maybe_day("final_report_sent_date"), published=row.maybe_day("published_date"),
        learning_event=row.maybe_day("learning_event_date"), report_completed=row.maybe_day("report_completed_date"),
        deferral_reason=row.text("deferral_reason"), deferral_review_date=row.maybe_day("deferral_review_date"),
        deferral_expected_end=row.maybe_day("deferral_expected_end"), pauses=pauses, today=today,
        settings=context.settings, closures=context.closures))
    window = next((c for c in clocks if c.key == WINDOW_CLOCK), None)
    reference, title = row.text("reference"), row.text("title")
    detail = ReviewDetail(
        id=row.number("id"), version=row.number("version"), reference=reference, title=title,
        pseudonym=row.text("pseudonym"), review_type=review_type, partnership=row.text("partnership"), status=status,
        referral_id=row.maybe_number("referral_id"), referral_reference=row.text("referral_reference"),
        reviewer=row.text("reviewer"), chair=row.text("chair"), decision_date=row.maybe_day("decision_date"),
        commissioned_date=row.maybe_day("commissioned_date"),
        planned_publication_date=row.maybe_day("planned_publication_date"),
        final_report_sent_date=row.maybe_day("final_report_sent_date"),
        published_date=row.maybe_day("published_date"), window_end=window.due_date if window else None,
        deferral_reason=row.text("deferral_reason"), deferral_expected_end=row.maybe_day("deferral_expected_end"),
        deferral_review_date=row.maybe_day("deferral_review_date"), summary=row.text("summary"),
        learning_points=row.text("learning_points"), report_url=row.text("report_url"),
        nspcc_deposit_date=row.maybe_day("nspcc_deposit_date"),
        learning_event_date=row.maybe_day("learning_event_date"),
        report_completed_date=row.maybe_day("report_completed_date"), rule_set=context.settings.rule_set,
        themes=tuple(ReviewTheme(t.number(0), t.text(1), not t.is_null(2))
                     for t in sorted(row.rows(_THEMES), key=lambda t: t.text(1).casefold())),
        recommendations=tuple(RecommendationText(r.number(0), r.number(2), r.text(3)) for r in _recommendations(row)),
        archive_requests=tuple(
            ArchiveRequestDTO(id=a.number(0), version=a.number(1), review_id=row.number("id"), reference=reference,
                              title=title, requester_name=a.text(2), organisation=a.text(3),
                              received_date=a.day(4), sent_date=a.maybe_day(5), notes=a.text(6))
            for a in sorted(row.rows(_REQUESTS), key=lambda a: (a.day(4), a.number(0)))),
        clocks=clocks, library_state=library_state(status, window), transitions=(),
        updated_by=row.text("updated_by"), updated_at=row.stamp("updated_at"))
    return with_steps(replace(detail, transitions=transitions(detail)))


def _recommendations(row: Cells) -> list[Cells]:
    """The review's recommendations in the plan's order (position, then the order they were added)."""
    return sorted(row.rows(_RECOMMENDATIONS), key=lambda r: (r.number(2), r.number(0)))


def _action(a: Cells, today: dt.date) -> ActionDTO:
    status = present("status", a.member(8, ActionStatus))
    due, agency, person = a.maybe_day(7), a.maybe_text(13), a.maybe_text(14)
    return ActionDTO(
        id=a.number(0), version=a.number(1), recommendation_id=a.number(2), description=a.text(3),
        owner_agency_id=a.maybe_number(4), owner=owner_words(person, agency), owner_person_id=a.maybe_number(5),
        owner_agency=agency or "", owner_person=person or "", expected_change=a.text(6), due_date=due,
        status=status, effective_status=effective_status(status, due, today),
        days_overdue=days_overdue(status, due, today), progress_notes=a.text(9), evidence=a.text(10),
        impact_check_date=a.maybe_day(11), completed_date=a.maybe_day(12))


def _plan(row: Cells, today: dt.date) -> PlanDTO:
    actions: dict[int, list[ActionDTO]] = {}
    for a in sorted(row.rows(_ACTIONS), key=lambda a: a.number(0)):
        actions.setdefault(a.number(2), []).append(_action(a, today))
    return PlanDTO(review_id=row.number("id"), reference=row.text("reference"), title=row.text("title"),
                   pseudonym=row.text("pseudonym"), today=today, review_version=row.number("version"),
                   recommendations=tuple(RecommendationDTO(r.number(0), r.number(1), r.number(2), r.text(3),
                                                           tuple(actions.get(r.number(0), ())))
                                         for r in _recommendations(row)))


def _summary(row: Cells) -> LearningSummaryContentDTO:
    review_id = row.number("id")
    if row.is_null("summary_id"):
        return LearningSummaryContentDTO(review_id=review_id)
    return LearningSummaryContentDTO(review_id=review_id, version=row.number("summary_version"),
                                     updated_by=row.text("summary_updated_by"),
                                     updated_at=row.stamp("summary_updated_at"),
                                     **{name: row.text(f"summary_{name}") for name in SECTIONS})


# -- the query function ----------------------------------------------------------------------------------

def screen_of(s: Session, review_id: int, *, today: dt.date) -> ReviewScreen:
    """The review's whole screen: ONE statement (and one more only when the process's settings and closure days
    are not the ones the statement saw: ``clock_context.confirm``)."""
    found = s.execute(_STATEMENT.where(Review.id == review_id)).mappings().one_or_none()
    if found is None:
        raise NotFoundError("review", review_id)
    context = clock_context.confirm(s, found[clock_context.VERSION], clock_context.latest(s))
    row = Cells(found)
    return ReviewScreen(detail=_detail(row, context, today), plan=_plan(row, today), summary=_summary(row))


class ReviewArea(ReviewService):
    """The review service the window uses: :meth:`screen` reads the whole review panel at once."""

    def screen(self, review_id: int) -> ReviewScreen:
        """Everything the review panel shows (record, clocks, steps, archive requests, action plan, learning
        summary) in ONE statement (one snapshot by itself: no transaction block on a server, one round trip)."""
        with self.ctx.read_one() as s:
            return screen_of(s, review_id, today=self.ctx.today())

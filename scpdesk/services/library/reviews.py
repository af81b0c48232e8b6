"""Review library use cases: the list rows with their publication window state, and the review record — its
fields, its status flow as explicit transitions, and its clocks with "why this date".

The status flow (domain.md §3) — each transition names the states it may be taken from (:data:`ALLOWED`); the
service refuses any other (``UserError`` naming ``action``) and validates what it is given (errors name the
field)::

    commissioned ─start_review─► in review ─record_draft─► draft ─agree_final─► final agreed
    final agreed ─send_to_panel (sets final_report_sent_date)─► sent to Panel and SoS ─publish─► published
    final agreed | sent to Panel ─defer (reason, review date; rule 14)─► deferred
    deferred ─send_to_panel (if not yet sent) | publish (once sent)─► …
    final agreed | sent to Panel | deferred ─publish_improvements_only (date)─► improvements only
    published | improvements only ─complete─► completed;  final agreed ─complete─► completed (PLR and
    national reviews only: an LCSPR-type review ends published, or with its improvements published)

A review is never deleted (there is no function for it). Its recommendations (text, order, actions) are
edited through ``scpdesk.services.library.actions``; the record shows them. Edits are made against the version the user
opened (``ConflictError`` otherwise) and audited by the session hook in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ...errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ...models import Action, ArchiveRequest, ClockPause, Recommendation, Referral, Review, Theme
from ...models.audit import record
from ...models.base import utcnow
from ...models.enums import ActionStatus, AuditAction, LibraryState, ReviewStatus, ReviewType, label
from ...models.reviews import review_theme
from ...models.validation import require_storable
from ..clocks import REVIEW_CLOCKS, Clock, ClockState, PauseRow, headline, open_clocks, review_clocks
from ..dto import Changes, PauseDTO, ReviewRow
from ..referrals.referrals import clock_pauses, looks_like_real_name, pause_who
from ..referrals.story import NextStep
from ..settings import OrganisationSettings, load_closures, load_settings
from ..uow import UNCHECKED, ServiceContext
from .steps import TransitionInfo, clock_line, next_steps, standing

RS = ReviewStatus

WINDOW_CLOCK = "published_window"

#: Review types whose six-month clock (rule 11) runs: they end published, or with their improvements published.
LCSPR_TYPES = frozenset({ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY, ReviewType.JOINT, ReviewType.THEMATIC})

#: Where each transition may be taken from. The UI offers exactly these; the service enforces them.
ALLOWED: dict[str, frozenset[ReviewStatus]] = {
    "start_review": frozenset({RS.COMMISSIONED}),
    "record_draft": frozenset({RS.IN_REVIEW}),
    "agree_final": frozenset({RS.DRAFT}),
    "send_to_panel": frozenset({RS.FINAL_AGREED, RS.DEFERRED}),
    "defer": frozenset({RS.FINAL_AGREED, RS.SENT_TO_PANEL}),
    "publish": frozenset({RS.SENT_TO_PANEL, RS.DEFERRED}),
    "publish_improvements_only": frozenset({RS.FINAL_AGREED, RS.SENT_TO_PANEL, RS.DEFERRED}),
    "complete": frozenset({RS.FINAL_AGREED, RS.PUBLISHED, RS.IMPROVEMENTS_ONLY}),
}

TRANSITION_LABELS = {
    "start_review": "Start the review",
    "record_draft": "Record draft report",
    "agree_final": "Final report agreed",
    "send_to_panel": "Send to Panel and Secretary of State",
    "defer": "Defer publication",
    "publish": "Publish",
    "publish_improvements_only": "Publish improvements only",
    "complete": "Mark completed",
}

#: Statuses in which a review carries a publication date / a final-report-sent date.
_PUBLISHED_STATES = frozenset({RS.PUBLISHED, RS.IMPROVEMENTS_ONLY, RS.COMPLETED})
_SENT_STATES = frozenset({RS.SENT_TO_PANEL, RS.DEFERRED, RS.PUBLISHED, RS.IMPROVEMENTS_ONLY, RS.COMPLETED})

_LIMITS = {"reference": 40, "title": 300, "pseudonym": 80, "partnership": 300, "reviewer": 200, "chair": 200,
           "report_url": 1000}
#: Dates of things that have happened: never in the future.
_PAST_DATES = ("decision_date", "commissioned_date", "final_report_sent_date", "published_date",
               "nspcc_deposit_date", "learning_event_date", "report_completed_date")


# -- List rows (shared by the whole-library list and the library's lazy pages) ------------------------------

def library_state(status: ReviewStatus, window: Clock | None) -> LibraryState:
    """Published (online until the window's end, or leaving soon), archived, deferred, completed or in progress:
    ``scpdesk.models.words.library_state_text`` says it."""
    if window is not None and window.state is ClockState.ENDED:
        return LibraryState.ARCHIVED
    if window is not None and window.due_date is not None and window.state in (ClockState.RUNNING,
                                                                                 ClockState.DUE_SOON):
        return LibraryState.LEAVING_SOON if window.state is ClockState.DUE_SOON else LibraryState.PUBLISHED
    if status is ReviewStatus.DEFERRED:
        return LibraryState.DEFERRED
    if status in (ReviewStatus.COMPLETED, ReviewStatus.IMPROVEMENTS_ONLY):
        return LibraryState.COMPLETED
    return LibraryState.IN_PROGRESS


_ROW_COLUMNS = (Review.id, Review.reference, Review.title, Review.review_type, Review.status, Review.decision_date,
                Review.planned_publication_date, Review.final_report_sent_date, Review.published_date,
                Review.deferral_reason, Review.deferral_review_date, Review.deferral_expected_end,
                Review.learning_event_date, Review.report_completed_date)


def theme_names(s: Session, ids: Sequence[int] | None = None) -> dict[int, list[str]]:
    """Review id → its theme names, by name (``ids`` None: every review)."""
    stmt = (select(review_theme.c.review_id, Theme.name).join(Theme, Theme.id == review_theme.c.theme_id)
            .order_by(Theme.name))
    if ids is not None:
        stmt = stmt.where(review_theme.c.review_id.in_(ids))
    found: dict[int, list[str]] = defaultdict(list)
    for rid, name in s.execute(stmt):
        found[rid].append(name)
    return found


def review_rows(s: Session, *, today: dt.date, ids: Sequence[int] | None = None,
                settings: OrganisationSettings | None = None,
                closures: frozenset[dt.date] | None = None) -> list[ReviewRow]:
    """List rows with their clocks and window state: for ``ids`` in the same order (ids not found are left
    out), else every review, newest publication first (in-progress ones on top). One query for the reviews,
    one for their themes."""
    settings = settings if settings is not None else load_settings(s)
    closures = closures if closures is not None else load_closures(s)
    stmt = select(*_ROW_COLUMNS)
    if ids is None:
        stmt = stmt.order_by(Review.published_date.desc().nulls_first(), Review.id.desc())
    else:
        ids = list(ids)
        if not ids:
            return []
        stmt = stmt.where(Review.id.in_(ids))
    records = s.execute(stmt).all()
    themes = theme_names(s, ids)
    overdue = overdue_action_counts(s, today, ids)
    pauses = clock_pauses(s, reviews=True, ids=ids)
    rows = [_row(record, themes, today, settings, closures, overdue.get(record[0], 0), pauses.get(record[0], ()))
            for record in records]
    if ids is None:
        return rows
    by_id = {row.id: row for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def review_page(s: Session, ids: Sequence[int], *, today: dt.date) -> list[ReviewRow]:
    """:func:`review_rows` of ``ids`` (a page the library shows) in ONE statement: each review's themes and
    clock pauses folded into its row, its overdue actions counted there, and the clock context's version
    (services/clock_context.py: the settings and closure days come from the process's cache when it is
    current, else one more statement reads them)."""
    from .. import clock_context
    from ..folds import fold

    ids = list(ids)
    if not ids:
        return []
    # The theme names in the database's order of names (a rank over the small theme table), as theme_names.
    ranked = select(Theme.id, Theme.name, func.row_number().over(order_by=Theme.name).label("rank")).subquery()
    themes = fold("themes", [ranked.c.name, ranked.c.rank],
                  lambda q: q.select_from(review_theme).join(ranked, ranked.c.id == review_theme.c.theme_id)
                  .where(review_theme.c.review_id == Review.id).correlate(Review))
    pauses = fold("pauses", [ClockPause.clock_key, ClockPause.reason, ClockPause.paused_date, ClockPause.resumed_date,
                             ClockPause.created_by, ClockPause.updated_by, ClockPause.id],
                  lambda q: q.where(ClockPause.review_id == Review.id).correlate(Review))
    overdue = (select(func.count()).select_from(Action)
               .join(Recommendation, Action.recommendation_id == Recommendation.id)
               .where(Recommendation.review_id == Review.id, Action.status != ActionStatus.COMPLETE,
                      or_(Action.due_date < today, Action.status == ActionStatus.OVERDUE))
               .correlate(Review).scalar_subquery())
    stmt = (select(*_ROW_COLUMNS, themes.column, pauses.column, overdue.label("overdue"),
                   clock_context.version_column())
            .where(Review.id.in_(ids)))
    records = s.execute(stmt).all()
    if not records:
        return []
    context = clock_context.confirm(s, records[0].clock_context, clock_context.latest(s))
    rows = {}
    for found in records:
        names = [str(name) for name, _rank in sorted(themes.rows(found.themes), key=lambda t: int(str(t[1])))]
        paused = [PauseRow(str(key), str(reason), since, until, pause_who(str(by or ""), str(resumer or ""), until))
                  for key, reason, since, until, by, resumer, _id in sorted(
                      pauses.rows(found.pauses), key=lambda p: (str(p[2]), int(str(p[6]))))
                  if isinstance(since, dt.date) and (until is None or isinstance(until, dt.date))]
        rid = found[0]
        rows[rid] = _row(tuple(found)[:len(_ROW_COLUMNS)], {rid: names}, today, context.settings,
                         context.closures, int(found.overdue or 0), paused)
    return [rows[i] for i in ids if i in rows]


def overdue_action_counts(s: Session, today: dt.date, ids: Sequence[int] | None = None) -> dict[int, int]:
    """review id → how many of its actions are overdue: not complete, and due before today or marked overdue
    (as ``services.actions.effective_status`` decides)."""
    stmt = (select(Recommendation.review_id, func.count()).join(Action, Action.recommendation_id == Recommendation.id)
            .where(Action.status != ActionStatus.COMPLETE,
                   or_(Action.due_date < today, Action.status == ActionStatus.OVERDUE))
            .group_by(Recommendation.review_id))
    if ids is not None:
        stmt = stmt.where(Recommendation.review_id.in_(list(ids)))
    return dict(s.execute(stmt).all())


def _row(record: Any, themes: dict[int, list[str]], today: dt.date, settings: OrganisationSettings,
         closures: frozenset[dt.date], overdue: int = 0, pauses: Sequence[PauseRow] = ()) -> ReviewRow:
    (rid, ref, title, rtype, status, decision, planned, sent, published, d_reason, d_review, d_end, event,
     completed) = record
    clocks = review_clocks(review_type=rtype, status=status, decision=decision, planned_publication=planned,
                           final_report_sent=sent, published=published, learning_event=event,
                           report_completed=completed, deferral_reason=d_reason,
                           deferral_review_date=d_review, deferral_expected_end=d_end, pauses=pauses, today=today,
                           settings=settings, closures=closures)
    window = next((c for c in clocks if c.key == WINDOW_CLOCK), None)
    watch = open_clocks(clocks)
    nxt = headline(watch)
    return ReviewRow(
        id=rid, reference=ref, title=title, review_type=rtype, status=status,
        published_date=published, window_end=window.due_date if window else None,
        library_state=library_state(status, window), themes=", ".join(themes.get(rid, ())),
        next_clock=nxt.label if nxt else "", next_due=nxt.due_date if nxt else None,
        deferral_reason=d_reason or "", overdue_actions=overdue,
        state_key=nxt.state if nxt else None, paused_reason=nxt.paused_reason if nxt else "",
        state_detail=nxt.detail if nxt else "",
        deferred_reason=nxt.deferred_reason if nxt else "", open_clocks=watch)


# -- The record ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewTheme:
    id: int
    name: str
    retired: bool = False


@dataclass(frozen=True)
class RecommendationText:
    id: int
    position: int
    text: str


@dataclass(frozen=True)
class ArchiveRequestDTO:
    id: int
    version: int
    review_id: int
    reference: str
    title: str
    requester_name: str
    organisation: str
    received_date: dt.date
    sent_date: dt.date | None
    notes: str

    @property
    def answered(self) -> bool:
        return self.sent_date is not None


@dataclass(frozen=True)
class ReviewDetail:
    """Every field of a review (domain.md §5), its clocks and what may be done next."""

    id: int
    version: int
    reference: str
    title: str
    pseudonym: str
    review_type: ReviewType
    partnership: str
    status: ReviewStatus
    referral_id: int | None
    referral_reference: str
    reviewer: str
    chair: str
    decision_date: dt.date | None
    commissioned_date: dt.date | None
    planned_publication_date: dt.date | None
    final_report_sent_date: dt.date | None
    published_date: dt.date | None
    window_end: dt.date | None
    deferral_reason: str
    deferral_expected_end: dt.date | None
    deferral_review_date: dt.date | None
    summary: str
    learning_points: str
    report_url: str
    nspcc_deposit_date: dt.date | None
    themes: tuple[ReviewTheme, ...]
    recommendations: tuple[RecommendationText, ...]
    archive_requests: tuple[ArchiveRequestDTO, ...]
    #: The six-month target (rule 11), the pre-publication copy (rule 12) and the published window (rule 13);
    #: each clock's ``explanation.text()`` says why its date is what it is.
    clocks: tuple[Clock, ...]
    #: Where it stands for the public: ``scpdesk.models.words.library_state_text`` says it.
    library_state: LibraryState
    transitions: tuple[TransitionInfo, ...]
    updated_by: str
    updated_at: dt.datetime
    #: The one or two steps that move the review on now, with why (``steps.next_steps``); none once completed.
    next_steps: tuple[NextStep, ...] = ()
    #: Where a review with no next step stands (``steps.standing``).
    standing: str = ""
    #: Its open clocks in a line, most urgent first, and whether one is overdue (``steps.clock_line``).
    clock_line: str = ""
    overdue: bool = False
    #: The nations' milestones (migration 0012): the learning event (Wales) and the report completed.
    learning_event_date: dt.date | None = None
    report_completed_date: dt.date | None = None
    #: The rule set the clocks were computed under.
    rule_set: str = "england"

    @property
    def status_label(self) -> str:
        return label(self.status)

    def clock(self, key: str) -> Clock | None:
        return next((c for c in self.clocks if c.key == key), None)

    def why(self, key: str) -> str:
        """"Why this date" for clock ``key`` ("lcspr_publication", "pre_publication_copy", "published_window")."""
        found = self.clock(key)
        return found.explanation.text() if found is not None else ""

    @property
    def leaving_window_soon(self) -> bool:
        """The review leaves the website within 30 days (the window clock is due soon): flag it ahead."""
        window = self.clock(WINDOW_CLOCK)
        return window is not None and window.state is ClockState.DUE_SOON

    @property
    def archived(self) -> bool:
        window = self.clock(WINDOW_CLOCK)
        return window is not None and window.state is ClockState.ENDED


@dataclass(frozen=True)
class ReviewInput:
    """A new library record. It starts *commissioned*; the status moves only by the transitions."""

    reference: str
    title: str
    review_type: ReviewType
    pseudonym: str = ""
    partnership: str = ""
    reviewer: str = ""
    chair: str = ""
    referral_id: int | None = None
    decision_date: dt.date | None = None
    commissioned_date: dt.date | None = None
    planned_publication_date: dt.date | None = None
    summary: str = ""
    learning_points: str = ""
    report_url: str = ""
    theme_ids: tuple[int, ...] = field(default_factory=tuple)
    #: The user confirmed that a pseudonym which looks like a real name is the agreed pseudonym.
    pseudonym_confirmed: bool = False


def _past(name: str, value: dt.date | None, today: dt.date) -> UserError | None:
    if value is not None and value > today:
        return UserError(name, f"{value:%d/%m/%Y} is in the future; enter the date it happened")
    return None


def _check_fields(values: dict[str, Any], today: dt.date, *, pseudonym_confirmed: bool) -> list[UserError]:
    """Checks of single fields (lengths, required text, dates that cannot be in the future)."""
    errors: list[UserError] = []
    for name in ("reference", "title"):
        if name in values and not str(values[name] or "").strip():
            errors.append(UserError(name, f"enter the review's {name}"))
    for name, limit in _LIMITS.items():
        if name in values and len(str(values[name] or "").strip()) > limit:
            errors.append(UserError(name, f"keep it under {limit} characters"))
    if "review_type" in values:
        try:
            values["review_type"] = ReviewType(values["review_type"])
        except ValueError:
            errors.append(UserError("review_type", "choose the type of review"))
    pseudonym = str(values.get("pseudonym") or "").strip()
    if pseudonym and not pseudonym_confirmed and looks_like_real_name(pseudonym):
        errors.append(UserError("pseudonym", "this looks like a real full name; use a pseudonym such as "
                                             "\"Child N\" (or confirm it is the agreed pseudonym)"))
    for name in _PAST_DATES:
        if name in values and (problem := _past(name, values[name], today)) is not None:
            errors.append(problem)
    return errors


#: A review's dates in the order domain.md §3 implies: (earlier, later, what is wrong). Checked when either
#: changes; the changed one is named (the later one when both changed).
_REVIEW_ORDER = (
    ("decision_date", "final_report_sent_date", "the final report cannot have been sent before the decision to "
                                                "undertake the review"),
    ("commissioned_date", "final_report_sent_date", "the final report cannot have been sent before the review was "
                                                    "commissioned"),
    ("final_report_sent_date", "published_date", "the review cannot have been published before its final report "
                                                 "went to the Panel and the Secretary of State"),
    ("published_date", "nspcc_deposit_date", "the report cannot have been deposited with the NSPCC before it was "
                                             "published"),
    # The nations' milestones (issue 17).
    ("decision_date", "learning_event_date", "the learning event cannot come before the decision to undertake the "
                                             "review"),
    ("decision_date", "report_completed_date", "the report cannot have been completed before the decision to "
                                               "undertake the review"),
    ("report_completed_date", "final_report_sent_date", "the report cannot have been sent on before it was "
                                                        "completed"),
)


def _review_order(review: Review, changed: set[str]) -> list[UserError]:
    errors: list[UserError] = []
    for earlier, later, what in _REVIEW_ORDER:
        first, second = getattr(review, earlier), getattr(review, later)
        if first is None or second is None or first <= second or not {earlier, later} & changed:
            continue
        name = later if later in changed else earlier
        errors.append(UserError(name, f"{what} ({first:%d/%m/%Y} → {second:%d/%m/%Y}); check both dates"))
    return errors


def _check_record(review: Review, changed: set[str]) -> list[UserError]:
    """Checks across fields and against the status, for the fields just changed (so that an older record
    missing, say, its final-report date can still have its summary edited)."""
    errors: list[UserError] = _review_order(review, changed)
    status = review.status
    if "commissioned_date" in changed or "decision_date" in changed:
        if review.commissioned_date and review.decision_date and review.commissioned_date < review.decision_date:
            errors.append(UserError("commissioned_date", "the review cannot be commissioned before the decision "
                                                         "to undertake it; check both dates"))
    if "published_date" in changed:
        if review.published_date is None and status in (RS.PUBLISHED, RS.IMPROVEMENTS_ONLY):
            errors.append(UserError("published_date", f"a review that is '{label(status)}' needs its "
                                                      "publication date"))
        elif review.published_date is not None and status not in _PUBLISHED_STATES:
            errors.append(UserError("published_date", "record the publication with Publish (the review is "
                                                      f"'{label(status)}')"))
        elif review.published_date and review.decision_date and review.published_date < review.decision_date:
            errors.append(UserError("published_date", "the publication date is before the decision to "
                                                      "undertake the review; check both dates"))
    if "final_report_sent_date" in changed:
        if review.final_report_sent_date is None and status is RS.SENT_TO_PANEL:
            errors.append(UserError("final_report_sent_date", "a review sent to the Panel and the Secretary of "
                                                              "State needs the date it was sent"))
        elif review.final_report_sent_date is not None and status not in _SENT_STATES:
            errors.append(UserError("final_report_sent_date", "record sending the final report with Send to "
                                                              f"Panel (the review is '{label(status)}')"))
    if status is RS.DEFERRED:
        if "deferral_reason" in changed and not (review.deferral_reason or "").strip():
            errors.append(UserError("deferral_reason", "a deferred publication needs its reason (rule 14)"))
        if "deferral_review_date" in changed and review.deferral_review_date is None:
            errors.append(UserError("deferral_review_date", "a deferred publication needs the date it will be "
                                                            "reviewed"))
    if "reviewer" in changed and status is not RS.COMMISSIONED and not (review.reviewer or "").strip():
        errors.append(UserError("reviewer", "name the reviewer (the review has started)"))
    return errors


def _raise(errors: list[UserError]) -> None:
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


class StepFacts(Protocol):
    """What decides whether a status step may be taken now (a ``Review`` row, or a ``ReviewDetail`` read)."""

    @property
    def status(self) -> ReviewStatus: ...
    @property
    def review_type(self) -> ReviewType: ...
    @property
    def final_report_sent_date(self) -> dt.date | None: ...


def _blocker(key: str, review: StepFacts) -> tuple[str, str] | None:
    """Why transition ``key`` cannot be taken now, as (field, reason); None when it can. Asked both by
    :meth:`ReviewService.available_transitions` (what the UI offers) and by every transition."""
    status = review.status
    if status not in ALLOWED[key]:
        return "action", f"not while the review is '{label(status)}'"
    if key == "send_to_panel" and status is RS.DEFERRED and review.final_report_sent_date is not None:
        return "action", "the final report was already sent; publish when the deferral ends"
    if key == "publish" and review.final_report_sent_date is None:
        return "final_report_sent_date", "send the final report to the Panel and the Secretary of State first"
    if key == "complete" and status is RS.FINAL_AGREED and review.review_type in LCSPR_TYPES:
        return "action", (f"a {label(review.review_type)} ends published (or with its improvements published); "
                          "publish it, or defer publication")
    return None


def _require_date(name: str, value: dt.date | None, what: str) -> dt.date:
    if value is None:
        raise UserError(name, f"enter {what}")
    return value


def transitions(review: StepFacts) -> tuple[TransitionInfo, ...]:
    """Every status step, in the order of the flow: whether it may be taken now, and why not."""
    found = []
    for key in ALLOWED:
        blocker = _blocker(key, review)
        found.append(TransitionInfo(key, TRANSITION_LABELS[key], blocker is None, blocker[1] if blocker else ""))
    return tuple(found)


def with_steps(detail: ReviewDetail) -> ReviewDetail:
    """``detail`` with what it says in words: its next steps, where it stands and its clock line."""
    line, overdue = clock_line(detail)
    return replace(detail, next_steps=next_steps(detail), standing=standing(detail), clock_line=line,
                   overdue=overdue)


class ReviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # Reading ------------------------------------------------------------------------------------------------
    def list_rows(self) -> list[ReviewRow]:
        """Every review with its next clock and window state, newest publication first."""
        today = self.ctx.today()
        with self.ctx.read() as s:
            return review_rows(s, today=today)

    def get(self, review_id: int) -> ReviewDetail:
        today = self.ctx.today()
        with self.ctx.read() as s:
            review = s.scalars(select(Review).where(Review.id == review_id).options(
                selectinload(Review.themes), selectinload(Review.recommendations),
                selectinload(Review.archive_requests))).one_or_none()
            if review is None:
                raise NotFoundError("review", review_id)
            settings, closures = load_settings(s), load_closures(s)
            clocks = tuple(review_clocks(
                review_type=review.review_type, status=review.status, decision=review.decision_date,
                planned_publication=review.planned_publication_date,
                final_report_sent=review.final_report_sent_date, published=review.published_date,
                learning_event=review.learning_event_date, report_completed=review.report_completed_date,
                deferral_reason=review.deferral_reason, deferral_review_date=review.deferral_review_date,
                deferral_expected_end=review.deferral_expected_end,
                pauses=clock_pauses(s, reviews=True, ids=[review.id]).get(review.id, ()), today=today,
                settings=settings, closures=closures))
            window = next((c for c in clocks if c.key == WINDOW_CLOCK), None)
            referral_reference = s.scalar(select(Referral.reference).where(Referral.id == review.referral_id)) \
                if review.referral_id is not None else None
            detail = ReviewDetail(
                id=review.id, version=review.version, reference=review.reference, title=review.title,
                pseudonym=review.pseudonym, review_type=review.review_type, partnership=review.partnership,
                status=review.status, referral_id=review.referral_id, referral_reference=referral_reference or "",
                reviewer=review.reviewer, chair=review.chair, decision_date=review.decision_date,
                commissioned_date=review.commissioned_date,
                planned_publication_date=review.planned_publication_date,
                final_report_sent_date=review.final_report_sent_date, published_date=review.published_date,
                window_end=window.due_date if window else None, deferral_reason=review.deferral_reason,
                deferral_expected_end=review.deferral_expected_end,
                deferral_review_date=review.deferral_review_date, summary=review.summary,
                learning_points=review.learning_points, report_url=review.report_url,
                nspcc_deposit_date=review.nspcc_deposit_date,
                learning_event_date=review.learning_event_date, report_completed_date=review.report_completed_date,
                rule_set=settings.rule_set,
                themes=tuple(ReviewTheme(t.id, t.name, t.retired_on is not None)
                             for t in sorted(review.themes, key=lambda t: t.name.casefold())),
                recommendations=tuple(RecommendationText(r.id, r.position, r.text) for r in review.recommendations),
                archive_requests=tuple(archive_request_dto(r, review) for r in
                                       sorted(review.archive_requests, key=lambda r: (r.received_date, r.id))),
                clocks=clocks, library_state=library_state(review.status, window),
                transitions=transitions(review),
                updated_by=review.updated_by, updated_at=review.updated_at)
        return with_steps(detail)

    def available_transitions(self, review_id: int) -> list[TransitionInfo]:
        with self.ctx.read() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise NotFoundError("review", review_id)
            return list(transitions(review))

    # Writing ------------------------------------------------------------------------------------------------
    def create(self, data: ReviewInput) -> tuple[int, Changes]:
        """A new library record, *commissioned*, with its themes."""
        today = self.ctx.today()
        values: dict[str, Any] = {name: getattr(data, name) for name in (
            "reference", "title", "review_type", "pseudonym", "partnership", "reviewer", "chair", "decision_date",
            "commissioned_date", "planned_publication_date", "summary", "learning_points", "report_url")}
        for name in _LIMITS:
            values[name] = str(values[name] or "").strip()
        errors = _check_fields(values, today, pseudonym_confirmed=data.pseudonym_confirmed)
        _raise(errors)
        with self.ctx.unit_of_work() as s:
            self._unique_reference(s, values["reference"], None)
            if data.referral_id is not None and s.get(Referral, data.referral_id) is None:
                raise UserError("referral", "the chosen referral no longer exists; choose again")
            review = Review(status=RS.COMMISSIONED, referral_id=data.referral_id, **values)
            review.themes = _themes_for(s, data.theme_ids, allowed_retired=())
            _raise(_check_record(review, set(values)))
            s.add(review)
            s.flush()
            if review.themes:  # the audit hook records a new row's columns, not its many-to-many links
                record(s, AuditAction.INSERT, "review", review.id, "themes", None,
                       ",".join(sorted(str(t.id) for t in review.themes)))
            return review.id, Changes.of("review", review.id)

    #: Fields ``update`` may change. The status changes only through the transitions.
    EDITABLE = frozenset({
        "reference", "title", "pseudonym", "review_type", "partnership", "referral_id", "reviewer", "chair",
        "decision_date", "commissioned_date", "planned_publication_date", "final_report_sent_date",
        "published_date", "deferral_reason", "deferral_expected_end", "deferral_review_date", "summary",
        "learning_points", "report_url", "nspcc_deposit_date",
        # the nations' milestones (migration 0012)
        "learning_event_date", "report_completed_date"})

    def update(self, review_id: int, expected_version: int, *, pseudonym_confirmed: bool = False,
               **changes: Any) -> Changes:
        """Save edits made to the version the user opened; if someone saved since, raise ConflictError."""
        unknown = set(changes) - self.EDITABLE
        if unknown:
            name = sorted(unknown)[0]
            hint = "change the status with the review's actions" if name == "status" else "it cannot be edited here"
            raise UserError(name, hint)
        for name in _LIMITS:
            if name in changes:
                changes[name] = str(changes[name] or "").strip()
        for name in ("summary", "learning_points", "deferral_reason"):
            if name in changes:
                changes[name] = str(changes[name] or "")
        today = self.ctx.today()
        _raise(_check_fields(changes, today, pseudonym_confirmed=pseudonym_confirmed))

        def body(s: Session, review: Review) -> None:
            if "reference" in changes:
                self._unique_reference(s, changes["reference"], review.id)
            if changes.get("referral_id") is not None and s.get(Referral, changes["referral_id"]) is None:
                raise UserError("referral", "the chosen referral no longer exists; choose again")
            if "decision_date" in changes and changes["decision_date"] is None and review.decision_date:
                raise UserError("decision_date", f"the review's clocks count from this decision "
                                f"({review.decision_date:%d/%m/%Y}): clearing it would hide them; correct the "
                                "date rather than clear it")
            for name, value in changes.items():
                setattr(review, name, value)
            _raise(_check_record(review, set(changes)))

        return self._act(review_id, expected_version, None, body)

    def set_themes(self, review_id: int, expected_version: int, theme_ids: Sequence[int]) -> Changes:
        """Replace the review's themes. A retired theme may be kept but not newly chosen."""
        def body(s: Session, review: Review) -> None:
            current = {t.id for t in review.themes}
            review.themes = _themes_for(s, theme_ids, allowed_retired=current)

        return self._act(review_id, expected_version, None, body, load_themes=True)

    # Transitions --------------------------------------------------------------------------------------------
    def start_review(self, review_id: int, expected_version: int, *, reviewer: str | None = None,
                     commissioned_date: dt.date | None = None) -> Changes:
        """Commissioned → in review: the reviewer must be named."""
        today = self.ctx.today()

        def body(s: Session, r: Review) -> None:
            name = (reviewer if reviewer is not None else r.reviewer or "").strip()
            if not name:
                raise UserError("reviewer", "name the independent reviewer (or chair) before the review starts")
            if len(name) > _LIMITS["reviewer"]:
                raise UserError("reviewer", f"keep it under {_LIMITS['reviewer']} characters")
            if commissioned_date is not None:
                _raise([e for e in [_past("commissioned_date", commissioned_date, today)] if e])
                r.commissioned_date = commissioned_date
            r.reviewer = name
            r.status = RS.IN_REVIEW
            _raise(_check_record(r, {"commissioned_date"}))

        return self._act(review_id, expected_version, "start_review", body)

    def record_draft(self, review_id: int, expected_version: int) -> Changes:
        def body(s: Session, r: Review) -> None:
            r.status = RS.DRAFT

        return self._act(review_id, expected_version, "record_draft", body)

    def agree_final(self, review_id: int, expected_version: int, *,
                    planned_publication_date: dt.date | None = None) -> Changes:
        def body(s: Session, r: Review) -> None:
            if planned_publication_date is not None:
                r.planned_publication_date = planned_publication_date
            r.status = RS.FINAL_AGREED

        return self._act(review_id, expected_version, "agree_final", body)

    def send_to_panel(self, review_id: int, expected_version: int, *, sent_date: dt.date | None,
                      planned_publication_date: dt.date | None = None) -> Changes:
        """The final report went to the National Panel and the Secretary of State (and Ofsted): records
        ``final_report_sent_date``; rule 12's clock then shows whether it was at least 7 working days before the
        planned publication (late is flagged, never refused)."""
        today = self.ctx.today()

        def body(s: Session, r: Review) -> None:
            when = _require_date("final_report_sent_date", sent_date, "the date the final report was sent")
            _raise([e for e in [_past("final_report_sent_date", when, today)] if e])
            planned = planned_publication_date or r.planned_publication_date
            if planned is None:
                raise UserError("planned_publication_date", "enter the planned publication date (the report "
                                                            "goes at least 7 working days before it)")
            r.final_report_sent_date, r.planned_publication_date = when, planned
            _raise(_review_order(r, {"final_report_sent_date"}))
            if r.status is not RS.DEFERRED:
                r.status = RS.SENT_TO_PANEL

        return self._act(review_id, expected_version, "send_to_panel", body)

    def defer(self, review_id: int, expected_version: int, *, reason: str, review_date: dt.date | None,
              expected_end: dt.date | None = None) -> Changes:
        """Publication deferred (rule 14): the reason and a review date are required; the six-month clock
        keeps running and shows "overdue — deferred (reason)"."""
        today = self.ctx.today()

        def body(s: Session, r: Review) -> None:
            errors: list[UserError] = []
            why = (reason or "").strip()
            if not why:
                errors.append(UserError("deferral_reason", "record why publication is deferred (e.g. a criminal "
                                                           "trial); it is shown with the six-month clock"))
            if review_date is None:
                errors.append(UserError("deferral_review_date", "enter the date the deferral will be reviewed"))
            elif review_date < today:
                errors.append(UserError("deferral_review_date", "the review date is in the past; choose today "
                                                                "or a later date"))
            if expected_end is not None and expected_end < today:
                errors.append(UserError("deferral_expected_end", "the expected end is in the past"))
            _raise(errors)
            r.deferral_reason, r.deferral_review_date, r.deferral_expected_end = why, review_date, expected_end
            r.status = RS.DEFERRED

        return self._act(review_id, expected_version, "defer", body)

    def publish(self, review_id: int, expected_version: int, *, published_date: dt.date | None,
                report_url: str | None = None) -> Changes:
        """Published: requires the publication date; the published window (rule 13) starts from it."""
        return self._publish(review_id, expected_version, "publish", RS.PUBLISHED, published_date, report_url)

    def publish_improvements_only(self, review_id: int, expected_version: int, *,
                                  published_date: dt.date | None, report_url: str | None = None) -> Changes:
        """Only the improvements are published (the full report is not): requires the publication date."""
        return self._publish(review_id, expected_version, "publish_improvements_only", RS.IMPROVEMENTS_ONLY,
                             published_date, report_url)

    def _publish(self, review_id: int, expected_version: int, key: str, status: ReviewStatus,
                 published_date: dt.date | None, report_url: str | None) -> Changes:
        today = self.ctx.today()
        values: dict[str, Any] = {"published_date": published_date}
        if report_url is not None:
            values["report_url"] = report_url.strip()
        _raise(_check_fields(values, today, pseudonym_confirmed=True))

        def body(s: Session, r: Review) -> None:
            when = _require_date("published_date", published_date, "the publication date")
            r.status, r.published_date = status, when
            if report_url is not None:
                r.report_url = values["report_url"]
            _raise(_check_record(r, {"published_date"}))

        return self._act(review_id, expected_version, key, body)

    def complete(self, review_id: int, expected_version: int) -> Changes:
        def body(s: Session, r: Review) -> None:
            r.status = RS.COMPLETED

        return self._act(review_id, expected_version, "complete", body)

    # Pausing a clock (rule 14: any clock, only with a recorded reason) -------------------------------------
    def pauses(self, review_id: int) -> list[PauseDTO]:
        """Every pause of the review's clocks, open and ended, oldest first (the clocks' history)."""
        with self.ctx.read() as s:
            rows = s.scalars(select(ClockPause).where(ClockPause.review_id == review_id)
                             .order_by(ClockPause.paused_date, ClockPause.id))
            return [PauseDTO(p.id, p.clock_key, p.reason, p.paused_date, p.resumed_date,
                             pause_who(p.created_by, p.updated_by, p.resumed_date)) for p in rows]

    def pause_clock(self, review_id: int, *, clock_key: str, reason: str, paused_date: dt.date | None) -> Changes:
        """Pause one of the review's clocks (the six-month target, the pre-publication copy, the published
        window) with a recorded reason. It only adds a pause (refused while that clock is already paused), so
        no version is asked for; the due date stays visible and an overdue clock stays overdue."""
        today = self.ctx.today()

        def body(s: Session, r: Review) -> None:
            if clock_key not in REVIEW_CLOCKS:
                raise UserError("clock", "choose one of the review's clocks")
            why = " ".join((reason or "").split())
            if not why:
                raise UserError("reason", "enter the reason the clock is paused (it is shown with the clock)")
            if len(why) > 1000:
                raise UserError("reason", "keep the reason under 1000 characters")
            when = _require_date("paused_date", paused_date, "the date the clock was paused")
            if when > today:
                raise UserError("paused_date", f"{when:%d/%m/%Y} is in the future; enter the date it happened")
            if r.decision_date is not None and when < r.decision_date:
                raise UserError("paused_date", f"{when:%d/%m/%Y} is before the decision to review "
                                               f"({r.decision_date:%d/%m/%Y}), when its clocks began; check the date")
            if s.scalar(select(ClockPause.id).where(ClockPause.review_id == r.id, ClockPause.clock_key == clock_key,
                                                    ClockPause.resumed_date.is_(None))) is not None:
                raise UserError("clock", "this clock is already paused")
            s.add(ClockPause(review_id=r.id, clock_key=clock_key, reason=why, paused_date=when))
            r.updated_at = utcnow()  # the review's clocks changed: its version moves
            r.updated_by = self.ctx.user

        return self._act(review_id, UNCHECKED, None, body)

    def resume_clock(self, review_id: int, expected_version: int, pause_id: int, *,
                     resumed_date: dt.date | None) -> Changes:
        """End a pause (it stays in the clock's history and in "why this date")."""
        today = self.ctx.today()

        def body(s: Session, r: Review) -> None:
            pause = s.get(ClockPause, pause_id)
            if pause is None or pause.review_id != r.id:
                raise NotFoundError("pause", pause_id)
            if pause.resumed_date is not None:
                raise UserError("clock", "this clock is already running again")
            when = _require_date("resumed_date", resumed_date, "the date the clock runs again")
            if when > today:
                raise UserError("resumed_date", f"{when:%d/%m/%Y} is in the future; enter the date it happened")
            if when < pause.paused_date:
                raise UserError("resumed_date", "the clock cannot run again before it was paused; check the date")
            pause.resumed_date = when
            r.updated_at = utcnow()
            r.updated_by = self.ctx.user

        return self._act(review_id, expected_version, None, body)

    # Internals ----------------------------------------------------------------------------------------------
    def _act(self, review_id: int, expected_version: int | None, action: str | None,
             body: Callable[[Session, Review], None], *, load_themes: bool = False) -> Changes:
        """Load the review, check the version the user saw (``UNCHECKED``: an append, nothing replaced), check
        the transition, run ``body``."""
        with self.ctx.unit_of_work() as s:
            stmt = select(Review).where(Review.id == review_id)
            if load_themes:
                stmt = stmt.options(selectinload(Review.themes))
            if not self.ctx.db.is_sqlite:
                stmt = stmt.with_for_update(of=Review)
            review = s.scalars(stmt).one_or_none()
            if review is None:
                raise NotFoundError("review", review_id)
            if expected_version is not UNCHECKED and review.version != expected_version:
                raise ConflictError("review", review_id, review.updated_by,
                                    f"{review.updated_at:%d/%m/%Y %H:%M} UTC")
            if action is not None:
                blocker = _blocker(action, review)
                if blocker is not None:
                    raise UserError(blocker[0], f"{TRANSITION_LABELS[action]}: {blocker[1]}")
            body(s, review)
            return Changes.of("review", review_id)

    @staticmethod
    def _unique_reference(s: Session, reference: str, own_id: int | None) -> None:
        require_storable("reference", reference)
        folded = reference.casefold()
        for other_id, other in s.execute(select(Review.id, Review.reference)
                                         .where(Review.reference.ilike(reference))):
            if other_id != own_id and other.casefold() == folded:
                raise UserError("reference", f"{reference} is already used by another review; choose another")


def _themes_for(s: Session, theme_ids: Sequence[int], *, allowed_retired: Any) -> list[Theme]:
    wanted = sorted(set(theme_ids))
    themes = list(s.scalars(select(Theme).where(Theme.id.in_(wanted)))) if wanted else []
    if len(themes) != len(wanted):
        raise UserError("themes", "one of the chosen themes no longer exists; choose again")
    for theme in themes:
        if theme.retired_on is not None and theme.id not in allowed_retired:
            raise UserError("themes", f"the theme '{theme.name}' is retired; choose a current theme")
    return themes


def archive_request_dto(request: ArchiveRequest, review: Review | None = None, *, reference: str = "",
                        title: str = "") -> ArchiveRequestDTO:
    return ArchiveRequestDTO(
        id=request.id, version=request.version, review_id=request.review_id,
        reference=review.reference if review is not None else reference,
        title=review.title if review is not None else title, requester_name=request.requester_name,
        organisation=request.organisation, received_date=request.received_date, sent_date=request.sent_date,
        notes=request.notes)


__all__ = ["ALLOWED", "LCSPR_TYPES", "TRANSITION_LABELS", "ArchiveRequestDTO", "RecommendationText",
           "ReviewDetail", "ReviewInput", "ReviewService", "ReviewTheme", "StepFacts", "TransitionInfo",
           "WINDOW_CLOCK", "archive_request_dto", "library_state", "review_rows", "theme_names", "transitions",
           "with_steps"]

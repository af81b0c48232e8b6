"""Recommendations and action plans: a review's recommendations, their actions, progress and the overdue view.

Choices:

* **Overdue is derived.** The status a user chooses is stored as it is; ``effective_status`` reports
  *overdue* when the due date has passed (due before today: work done on the due date is on time) and the
  action is not complete. *Complete* always wins. A stored *overdue* (the user's own judgement) stays overdue.
* **Due date required and sane**: between 2000 and ten years ahead; a past due date is allowed (plans are
  often entered after the event). Completed dates cannot be in the future; an impact check cannot come
  before completion.
* **Completing** requires a completed date; when none is given it is today. Reopening (any other status)
  clears the completed date. **Evidence is encouraged, not required**: completing without it saves and
  returns a warning (``ActionSaved.warnings``), so the plan is never blocked waiting for a document.
* **Progress notes are a history**: each note is appended as one line "dd/mm/yyyy user: note" (line breaks
  inside a note become spaces, so every line is one note and the last line is the latest). Notes are never
  edited or removed through the service.
* **Stale edits**: edits carry the version the user opened; if someone saved since, ``ConflictError``.
  Appending a note does not conflict (it adds to whatever is there). Every change is audited by the ORM hook.
* Recommendations are added at the end, reordered by giving every id in the new order, and deleted only
  when they have no actions (delete the actions first; each deletion is audited).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ...errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ...models import Action, Agency, Person, Recommendation, Review
from ...models.audit import record
from ...models.base import utcnow
from ...models.enums import ActionStatus, AuditAction, label
from ..dto import Changes
from ..people import named_person, owner_words, person_owner
from ..settings import load_settings
from ..spreadsheet import check_export_target, export_table, replace_atomically, temporary_beside
from ..uow import UNCHECKED, ServiceContext

if TYPE_CHECKING:
    from ...reports.action_plan import ActionPlanDoc

__all__ = [
    "ACTION_COLUMNS", "ActionDTO", "ActionInput", "ActionRow", "ActionSaved", "PlanDTO", "RecommendationDTO",
    "add_action", "add_progress_note", "add_recommendation", "days_overdue", "delete_action",
    "delete_recommendation", "edit_action", "edit_recommendation", "effective_status", "export_actions",
    "export_plan_pdf", "export_plan_xlsx", "find_review", "open_actions", "overdue_counts", "plan_document",
    "reorder_recommendations", "review_plan",
]

EARLIEST = dt.date(2000, 1, 1)
YEARS_AHEAD = 10
MAX_NOTE = 4000
NO_EVIDENCE = ("no evidence of completion is recorded; add it when you have it (the QA&S group will ask to "
               "see it)")

ACTION_COLUMNS = ("review_reference", "review_title", "pseudonym", "recommendation_no", "recommendation",
                  "action", "owner_agency", "expected_change", "due_date", "status", "effective_status",
                  "days_overdue", "completed_date", "impact_check_date", "evidence", "progress_notes",
                  # Added last (issue 13), so a spreadsheet that reads the columns by position keeps working.
                  "owner_person")


# --- values ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ActionInput:
    """The fields of an action a form edits (progress notes are appended separately)."""

    description: str
    due_date: dt.date | None
    owner_agency_id: int | None = None
    expected_change: str = ""
    status: ActionStatus = ActionStatus.NOT_STARTED
    evidence: str = ""
    impact_check_date: dt.date | None = None
    #: Only kept when the status is complete; blank then means today.
    completed_date: dt.date | None = None
    #: A person from the directory who owns it (their agency becomes the owner agency).
    owner_person_id: int | None = None


@dataclass(frozen=True)
class ActionSaved:
    id: int
    changes: Changes
    #: Advice that did not stop the save ("field: message"), e.g. completing without evidence.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionDTO:
    id: int
    version: int
    recommendation_id: int
    description: str
    owner_agency_id: int | None
    #: "Name (Agency)" when a person owns it, else the agency: ``people.owner_words``.
    owner: str
    expected_change: str
    due_date: dt.date | None
    status: ActionStatus
    effective_status: ActionStatus
    days_overdue: int | None
    progress_notes: str
    evidence: str
    impact_check_date: dt.date | None
    completed_date: dt.date | None
    owner_person_id: int | None = None
    #: The owner agency's and the owner person's names apart ("" for none), for the exports' own columns.
    owner_agency: str = ""
    owner_person: str = ""

    @property
    def overdue(self) -> bool:
        return self.effective_status is ActionStatus.OVERDUE

    @property
    def status_label(self) -> str:
        return label(self.effective_status)

    @property
    def latest_note(self) -> str:
        return latest_note(self.progress_notes)


@dataclass(frozen=True)
class RecommendationDTO:
    id: int
    version: int
    position: int
    text: str
    actions: tuple[ActionDTO, ...]


@dataclass(frozen=True)
class PlanDTO:
    review_id: int
    reference: str
    title: str
    pseudonym: str
    today: dt.date
    recommendations: tuple[RecommendationDTO, ...]
    #: The review's version when the plan was read: pass it to ``reorder_recommendations``.
    review_version: int = 0

    @property
    def actions(self) -> tuple[ActionDTO, ...]:
        return tuple(a for r in self.recommendations for a in r.actions)

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.actions if a.overdue)

    @property
    def open_count(self) -> int:
        return sum(1 for a in self.actions if a.effective_status is not ActionStatus.COMPLETE)


@dataclass(frozen=True)
class ActionRow:
    """One action in a list across reviews (open actions, the overdue view)."""

    review_id: int
    review_reference: str
    review_title: str
    pseudonym: str
    recommendation_id: int
    recommendation_position: int
    recommendation: str
    action_id: int
    action: str
    owner: str
    due_date: dt.date | None
    status: ActionStatus
    effective_status: ActionStatus
    days_overdue: int | None

    @property
    def status_label(self) -> str:
        return label(self.effective_status)


# --- rules -------------------------------------------------------------------------------------------------

def effective_status(status: ActionStatus, due: dt.date | None, today: dt.date) -> ActionStatus:
    """The status to show: complete stays complete; past its due date (and not complete) is overdue."""
    if status is ActionStatus.COMPLETE:
        return status
    if due is not None and due < today:
        return ActionStatus.OVERDUE
    return status


def days_overdue(status: ActionStatus, due: dt.date | None, today: dt.date) -> int | None:
    """Calendar days past the due date of an action that is not complete, else None."""
    if status is ActionStatus.COMPLETE or due is None or due >= today:
        return None
    return (today - due).days


def latest_note(progress_notes: str) -> str:
    lines = [line for line in progress_notes.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _one_line(note: str) -> str:
    return re.sub(r"\s+", " ", note).strip()


def _date_problem(value: dt.date, today: dt.date) -> str | None:
    if value < EARLIEST or value.year > today.year + YEARS_AHEAD:
        return f"{value:%d/%m/%Y} is not a likely date; check the year"
    return None


def _validate(data: ActionInput, today: dt.date) -> list[UserError]:
    errors: list[UserError] = []
    if not data.description.strip():
        errors.append(UserError("description", "describe the action (what will be done)"))
    if data.due_date is None:
        errors.append(UserError("due_date", "enter the date the action is due"))
    elif problem := _date_problem(data.due_date, today):
        errors.append(UserError("due_date", problem))
    if not isinstance(data.status, ActionStatus):
        errors.append(UserError("status", "choose not started, on track, at risk, overdue or complete"))
    if data.impact_check_date is not None and (problem := _date_problem(data.impact_check_date, today)):
        errors.append(UserError("impact_check_date", problem))
    if data.status is ActionStatus.COMPLETE and data.completed_date is not None:
        if data.completed_date > today:
            errors.append(UserError("completed_date", f"{data.completed_date:%d/%m/%Y} is in the future; enter "
                                                      "the date the action was completed"))
        elif problem := _date_problem(data.completed_date, today):
            errors.append(UserError("completed_date", problem))
        elif data.impact_check_date is not None and data.impact_check_date < data.completed_date:
            errors.append(UserError("impact_check_date", "the impact check comes after the action is completed; "
                                                         "choose a later date"))
    return errors


def _raise(errors: list[UserError]) -> None:
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


def _note_line(ctx: ServiceContext, note: str) -> str:
    text = _one_line(note)
    if not text:
        raise UserError("note", "write the progress note")
    if len(text) > MAX_NOTE:
        raise UserError("note", f"keep a progress note to {MAX_NOTE:,} characters or fewer (it has {len(text):,})")
    return f"{ctx.today():%d/%m/%Y} {ctx.user}: {text}"


def _append(existing: str, line: str) -> str:
    return f"{existing.rstrip()}\n{line}" if existing.strip() else line


def _conflict(entity: str, obj: Any) -> ConflictError:
    return ConflictError(entity, obj.id, obj.updated_by, f"{obj.updated_at:%d/%m/%Y %H:%M} UTC")


def _locked(ctx: ServiceContext, s: Session, model: type[Any], key: int, entity: str,
            expected_version: Any = UNCHECKED) -> Any:
    obj = s.get(model, key, with_for_update=not ctx.db.is_sqlite)
    if obj is None:
        raise NotFoundError(entity, key)
    if expected_version is not UNCHECKED and obj.version != expected_version:
        raise _conflict(entity, obj)
    return obj


def _apply(ctx: ServiceContext, s: Session, action: Action, data: ActionInput, note_line: str | None
           ) -> tuple[str, ...]:
    today = ctx.today()
    person = named_person(s, data.owner_person_id, "owner_person_id", current=action.owner_person_id)
    agency_id = person.agency_id if person is not None and person.agency_id is not None else data.owner_agency_id
    if agency_id is not None and agency_id != action.owner_agency_id and s.get(Agency, agency_id) is None:
        raise UserError("owner_agency_id", "that agency no longer exists; choose another owner")
    before = action.owner_person_id
    action.description = data.description.strip()
    action.owner_agency_id = agency_id
    action.owner_person_id = data.owner_person_id
    action.expected_change = data.expected_change.strip()
    action.due_date = data.due_date
    action.status = data.status
    action.evidence = data.evidence.strip()
    action.impact_check_date = data.impact_check_date
    if data.status is ActionStatus.COMPLETE:
        action.completed_date = data.completed_date or action.completed_date or today
    else:
        action.completed_date = None
    if note_line:
        action.progress_notes = _append(action.progress_notes or "", note_line)
    if before != data.owner_person_id:  # the owner in words, beside the id the column change records
        old = s.get(Person, before) if before is not None else None
        s.add(action)
        s.flush()
        record(s, AuditAction.UPDATE, "action", action.id, field="owner", old=person_owner(s, old) or None,
               new=person_owner(s, person) or None)
    if data.status is ActionStatus.COMPLETE and not action.evidence:
        return (f"evidence: {NO_EVIDENCE}",)
    return ()


# --- recommendations ---------------------------------------------------------------------------------------

def _recommendation_text(value: str) -> str:
    value = value.strip()
    if not value:
        raise UserError("text", "write the recommendation")
    return value


def add_recommendation(ctx: ServiceContext, review_id: int, text: str) -> tuple[int, Changes]:
    """Add a recommendation at the end of the review's list."""
    value = _recommendation_text(text)
    with ctx.unit_of_work() as s:
        if s.get(Review, review_id) is None:
            raise NotFoundError("review", review_id)
        last = s.scalar(select(func.max(Recommendation.position)).where(Recommendation.review_id == review_id))
        recommendation = Recommendation(review_id=review_id, position=(last or 0) + 1, text=value)
        s.add(recommendation)
        s.flush()
        return recommendation.id, Changes.of("recommendation", recommendation.id) | Changes.of("review", review_id)


def edit_recommendation(ctx: ServiceContext, recommendation_id: int, expected_version: int, text: str) -> Changes:
    value = _recommendation_text(text)
    with ctx.unit_of_work() as s:
        recommendation = _locked(ctx, s, Recommendation, recommendation_id, "recommendation", expected_version)
        recommendation.text = value
        return Changes.of("recommendation", recommendation_id) | Changes.of("review", recommendation.review_id)


def reorder_recommendations(ctx: ServiceContext, review_id: int, expected_version: int,
                            ordered_ids: Sequence[int]) -> Changes:
    """Number the review's recommendations 1, 2, 3… in the order given, which must name each of them once.

    The order belongs to the review: ``expected_version`` is the review's version as the user saw it, and a
    new order moves it on, so two people reordering at once cannot overwrite each other silently. A list
    that no longer matches the review (someone added or removed one meanwhile) is a ConflictError too."""
    with ctx.unit_of_work() as s:
        review = _locked(ctx, s, Review, review_id, "review", expected_version)
        current = {r.id: r for r in s.scalars(select(Recommendation).where(Recommendation.review_id == review_id))}
        if len(set(ordered_ids)) != len(ordered_ids):
            raise UserError("order", "each recommendation must appear once in the new order")
        if set(ordered_ids) != set(current):
            last = max(current.values(), key=lambda r: r.updated_at, default=None)
            raise _conflict("review", review) if last is None or last.updated_at <= review.updated_at \
                else ConflictError("review", review.id, last.updated_by, f"{last.updated_at:%d/%m/%Y %H:%M} UTC")
        moved = False
        for position, rid in enumerate(ordered_ids, start=1):
            if current[rid].position != position:
                current[rid].position = position
                moved = True
        if moved:  # the review's version moves with its order (see the docstring)
            review.updated_by, review.updated_at = ctx.user, utcnow()
        return Changes.of("recommendation", *ordered_ids) | Changes.of("review", review_id)


def delete_recommendation(ctx: ServiceContext, recommendation_id: int, expected_version: int) -> Changes:
    """Delete a recommendation that has no actions; the ones after it move up."""
    with ctx.unit_of_work() as s:
        recommendation = _locked(ctx, s, Recommendation, recommendation_id, "recommendation", expected_version)
        if s.scalar(select(func.count()).select_from(Action).where(Action.recommendation_id == recommendation_id)):
            raise UserError("recommendation", "this recommendation has actions; delete or move them first")
        review_id = recommendation.review_id
        s.delete(recommendation)
        s.flush()
        rest = s.scalars(select(Recommendation).where(Recommendation.review_id == review_id)
                         .order_by(Recommendation.position, Recommendation.id)).all()
        for position, other in enumerate(rest, start=1):
            if other.position != position:
                other.position = position
        return Changes.of("recommendation", recommendation_id) | Changes.of("review", review_id)


# --- actions -----------------------------------------------------------------------------------------------

def add_action(ctx: ServiceContext, recommendation_id: int, data: ActionInput, *, note: str = "") -> ActionSaved:
    _raise(_validate(data, ctx.today()))
    line = _note_line(ctx, note) if note.strip() else None
    with ctx.unit_of_work() as s:
        recommendation = s.get(Recommendation, recommendation_id)
        if recommendation is None:
            raise NotFoundError("recommendation", recommendation_id)
        action = Action(recommendation_id=recommendation_id, description="", progress_notes="")
        warnings = _apply(ctx, s, action, data, line)
        s.add(action)
        s.flush()
        changes = Changes.of("action", action.id) | Changes.of("review", recommendation.review_id)
        return ActionSaved(action.id, changes, warnings)


def edit_action(ctx: ServiceContext, action_id: int, expected_version: int, data: ActionInput, *,
                note: str = "") -> ActionSaved:
    """Save the form's values over the version the user opened (ConflictError if someone saved since)."""
    _raise(_validate(data, ctx.today()))
    line = _note_line(ctx, note) if note.strip() else None
    with ctx.unit_of_work() as s:
        action = _locked(ctx, s, Action, action_id, "action", expected_version)
        warnings = _apply(ctx, s, action, data, line)
        review_id = s.scalars(select(Recommendation.review_id)
                              .where(Recommendation.id == action.recommendation_id)).one()
        return ActionSaved(action_id, Changes.of("action", action_id) | Changes.of("review", review_id), warnings)


def add_progress_note(ctx: ServiceContext, action_id: int, note: str) -> Changes:
    """Append "dd/mm/yyyy user: note" to the action's progress history.

    An append needs no version: if someone saved the action between our read and our write (the version
    check at flush catches it), the note is appended again to their newer text, a few times at most."""
    line = _note_line(ctx, note)
    for attempt in range(_APPEND_TRIES):
        try:
            with ctx.unit_of_work() as s:
                action = _locked(ctx, s, Action, action_id, "action")
                action.progress_notes = _append(action.progress_notes or "", line)
                s.flush()
                return Changes.of("action", action_id)
        except ConflictError:
            if attempt == _APPEND_TRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


_APPEND_TRIES = 5


def delete_action(ctx: ServiceContext, action_id: int, expected_version: int) -> Changes:
    with ctx.unit_of_work() as s:
        action = _locked(ctx, s, Action, action_id, "action", expected_version)
        review_id = s.scalars(select(Recommendation.review_id)
                              .where(Recommendation.id == action.recommendation_id)).one()
        s.delete(action)
        return Changes.of("action", action_id) | Changes.of("review", review_id)


# --- queries -----------------------------------------------------------------------------------------------

def find_review(ctx: ServiceContext, reference: str) -> int:
    """The id of the review with this reference (ignoring case)."""
    with ctx.read() as s:
        for rid, ref in s.execute(select(Review.id, Review.reference)):
            if ref.casefold() == reference.strip().casefold():
                return rid
    raise NotFoundError("review", reference)


def _action_dto(action: Action, agency: str | None, person: str | None, today: dt.date) -> ActionDTO:
    return ActionDTO(
        id=action.id, version=action.version, recommendation_id=action.recommendation_id,
        description=action.description, owner_agency_id=action.owner_agency_id, owner=owner_words(person, agency),
        owner_person_id=action.owner_person_id, owner_agency=agency or "", owner_person=person or "",
        expected_change=action.expected_change or "", due_date=action.due_date, status=action.status,
        effective_status=effective_status(action.status, action.due_date, today),
        days_overdue=days_overdue(action.status, action.due_date, today), progress_notes=action.progress_notes or "",
        evidence=action.evidence or "", impact_check_date=action.impact_check_date,
        completed_date=action.completed_date)


def review_plan(ctx: ServiceContext, review_id: int) -> PlanDTO:
    """The review's recommendations in order, each with its actions (oldest first) and effective statuses."""
    today = ctx.today()
    with ctx.read() as s:
        review = s.get(Review, review_id)
        if review is None:
            raise NotFoundError("review", review_id)
        recommendations = s.scalars(select(Recommendation).where(Recommendation.review_id == review_id)
                                    .order_by(Recommendation.position, Recommendation.id)).all()
        actions: dict[int, list[ActionDTO]] = {r.id: [] for r in recommendations}
        for action, owner, person in s.execute(
                select(Action, Agency.name, Person.name).outerjoin(Agency, Agency.id == Action.owner_agency_id)
                .outerjoin(Person, Person.id == Action.owner_person_id)
                .where(Action.recommendation_id.in_(list(actions))).order_by(Action.id)):
            actions[action.recommendation_id].append(_action_dto(action, owner, person, today))
        return PlanDTO(review_id=review.id, reference=review.reference, title=review.title,
                       pseudonym=review.pseudonym or "", today=today, review_version=review.version,
                       recommendations=tuple(RecommendationDTO(r.id, r.version, r.position, r.text,
                                                               tuple(actions[r.id])) for r in recommendations))


def _overdue_clause(today: dt.date) -> Any:
    return or_(Action.due_date < today, Action.status == ActionStatus.OVERDUE)


def open_actions(ctx: ServiceContext, *, overdue_only: bool = False) -> list[ActionRow]:
    """Every action not complete (or only the overdue ones), soonest due first."""
    today = ctx.today()
    stmt = (select(Review.id, Review.reference, Review.title, Review.pseudonym, Recommendation.id,
                   Recommendation.position, Recommendation.text, Action.id, Action.description, Agency.name,
                   Action.due_date, Action.status, Person.name)
            .join(Recommendation, Recommendation.id == Action.recommendation_id)
            .join(Review, Review.id == Recommendation.review_id)
            .outerjoin(Agency, Agency.id == Action.owner_agency_id)
            .outerjoin(Person, Person.id == Action.owner_person_id)
            .where(Action.status != ActionStatus.COMPLETE))
    if overdue_only:
        stmt = stmt.where(_overdue_clause(today))
    with ctx.read() as s:
        found = s.execute(stmt).all()
    rows = [ActionRow(review_id=rid, review_reference=ref, review_title=title, pseudonym=pseudonym or "",
                      recommendation_id=rec_id, recommendation_position=position, recommendation=rec_text,
                      action_id=aid, action=description, owner=owner_words(person, owner), due_date=due, status=status,
                      effective_status=effective_status(status, due, today),
                      days_overdue=days_overdue(status, due, today))
            for rid, ref, title, pseudonym, rec_id, position, rec_text, aid, description, owner, due, status, person
            in found]
    rows.sort(key=lambda r: (r.due_date is None, r.due_date or dt.date.max, r.review_reference.casefold(),
                             r.recommendation_position, r.action_id))
    return rows


def overdue_counts(ctx: ServiceContext) -> dict[int, int]:
    """review id → number of overdue actions, for the reviews that have any (the library list's column)."""
    today = ctx.today()
    with ctx.read() as s:
        return dict(s.execute(
            select(Recommendation.review_id, func.count(Action.id))
            .join(Recommendation, Recommendation.id == Action.recommendation_id)
            .where(Action.status != ActionStatus.COMPLETE, _overdue_clause(today))
            .group_by(Recommendation.review_id)).all())


# --- exports -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Line:
    review_id: int
    reference: str
    title: str
    pseudonym: str
    recommendation_id: int
    position: int
    recommendation: str
    action: ActionDTO | None


def _lines(s: Session, today: dt.date, review_id: int | None, open_only: bool) -> list[_Line]:
    """Recommendations and their actions in plan order (a recommendation without actions appears once with
    ``action=None`` when one review is asked for)."""
    stmt = (select(Review.id, Review.reference, Review.title, Review.pseudonym, Recommendation.id,
                   Recommendation.position, Recommendation.text, Action, Agency.name, Person.name)
            .join(Review, Review.id == Recommendation.review_id)
            .outerjoin(Action, Action.recommendation_id == Recommendation.id)
            .outerjoin(Agency, Agency.id == Action.owner_agency_id)
            .outerjoin(Person, Person.id == Action.owner_person_id))
    if review_id is not None:
        stmt = stmt.where(Review.id == review_id)
    lines = []
    for rid, ref, title, pseudonym, rec_id, position, rec_text, action, owner, person in s.execute(stmt):
        dto = _action_dto(action, owner, person, today) if action is not None else None
        if (dto is None and review_id is None) or (dto is not None and open_only
                                                   and dto.effective_status is ActionStatus.COMPLETE):
            continue
        lines.append(_Line(rid, ref, title, pseudonym or "", rec_id, position, rec_text, dto))
    lines.sort(key=lambda line: (line.reference.casefold(), line.reference, line.position, line.recommendation_id,
                                 line.action.id if line.action else 0))
    return lines


def _export_rows(s: Session, today: dt.date, review_id: int | None, open_only: bool) -> list[tuple[Any, ...]]:
    rows = []
    for line in _lines(s, today, review_id, open_only):
        a = line.action
        if a is None:
            continue
        rows.append((line.reference, line.title, line.pseudonym, line.position, line.recommendation,
                     a.description, a.owner_agency, a.expected_change, a.due_date, str(a.status),
                     str(a.effective_status),
                     a.days_overdue, a.completed_date, a.impact_check_date, a.evidence, a.progress_notes,
                     a.owner_person))
    return rows


def _check_review(s: Session, review_id: int | None) -> None:
    if review_id is not None and s.get(Review, review_id) is None:
        raise NotFoundError("review", review_id)


def export_actions(ctx: ServiceContext, path: str | os.PathLike[str], fmt: str, *, review_id: int | None = None,
                   open_only: bool = False) -> int:
    """Write actions (all, one review's, and/or only those not complete) as CSV or XLSX (``ACTION_COLUMNS``:
    stored and effective status, days overdue, full progress history); return the number of actions."""
    today = ctx.today()

    def rows(s: Session) -> list[tuple[Any, ...]]:
        _check_review(s, review_id)
        return _export_rows(s, today, review_id, open_only)

    return export_table(ctx, path, fmt, columns=ACTION_COLUMNS, rows=rows, entity="review" if review_id else "action",
                        entity_id=review_id or "", noun="actions", sheet_title="Actions",
                        widths={"review_reference": 18, "review_title": 30, "recommendation": 50, "action": 50,
                                "owner_agency": 26, "owner_person": 26, "expected_change": 40, "evidence": 40,
                                "progress_notes": 60})


def export_plan_xlsx(ctx: ServiceContext, review_id: int | None, path: str | os.PathLike[str]) -> int:
    """A review's whole action plan, or (``None``) every open action across the library, as XLSX."""
    return export_actions(ctx, path, "xlsx", review_id=review_id, open_only=review_id is None)


def plan_document(ctx: ServiceContext, review_id: int | None, *, open_only: bool | None = None) -> ActionPlanDoc:
    """The PDF's values: a review's plan (every recommendation and action), or every open action."""
    from ...reports.action_plan import ActionPlanDoc, PlanAction, PlanGroup

    today = ctx.today()
    open_only = review_id is None if open_only is None else open_only
    with ctx.read() as s:
        _check_review(s, review_id)
        settings = load_settings(s)
        lines = _lines(s, today, review_id, open_only)
        review = s.get(Review, review_id) if review_id is not None else None
        if review is not None:
            title = f"Action plan: {review.title}"
            subtitle = review.reference
        else:
            title = "Open actions" if open_only else "All actions"
            subtitle = "Every review in the library"
    groups: dict[int, tuple[PlanGroup, list[PlanAction]]] = {}  # recommendation id → group, actions (in order)
    for line in lines:
        if line.recommendation_id not in groups:
            review_label = "" if review_id else " ".join(p for p in (line.reference, line.pseudonym) if p)
            groups[line.recommendation_id] = (PlanGroup(number=line.position, text=line.recommendation,
                                                        review=review_label), [])
        if line.action is not None:
            a = line.action
            groups[line.recommendation_id][1].append(PlanAction(
                description=a.description, owner=a.owner, expected_change=a.expected_change, due=a.due_date,
                status=a.status_label, overdue=a.overdue, days_overdue=a.days_overdue, completed=a.completed_date,
                evidence=a.evidence, latest_note=a.latest_note, impact_check=a.impact_check_date))
    return ActionPlanDoc(
        partnership=settings.partnership_name, title=title, marking=settings.marking_publication, generated=today,
        groups=tuple(replace(group, actions=tuple(actions)) for group, actions in groups.values()),
        subtitle=subtitle,
        empty_text="There are no open actions." if open_only and review_id is None
        else "No recommendations have been recorded for this review.")


def export_plan_pdf(ctx: ServiceContext, review_id: int | None, path: str | os.PathLike[str], *,
                    open_only: bool | None = None) -> int:
    """Write the action plan PDF (a review's plan, or every open action); the PRINT audit event is recorded
    before the file appears, and the file appears complete or not at all. Returns the number of actions."""
    from ...reports.action_plan import build_action_plan_pdf

    target, _ = check_export_target(path, "pdf", formats=("pdf",))
    doc = plan_document(ctx, review_id, open_only=open_only)
    with temporary_beside(target) as tmp:
        build_action_plan_pdf(doc, str(tmp))
        count = len(doc.actions)
        with ctx.unit_of_work() as s:
            record(s, AuditAction.PRINT, "review" if review_id else "action", review_id or "", field="file",
                   new=f"{target.name}: action plan PDF, {count} actions")
        replace_atomically(tmp, target)
    return count

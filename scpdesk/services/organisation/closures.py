"""Local closure days (e.g. the council's Christmas closure): every working-day clock skips them.

Closure days change every clock at once; adding, removing or importing them returns which open clocks moved
(record, clock, old due date, new due date). This module sits above the clocks and the referrals (it recomputes
their clocks); the clocks read the closure days from ``settings.load_closures``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ...errors import ConflictError, NotFoundError, UserError
from ...models import ClosureDay, OrganisationSetting, RapidReview, Referral, Review
from ...models.audit import record
from ...models.enums import AuditAction, ReferralStatus
from ...models.timeframes import format_date
from ..clocks import ClockState, PauseRow, referral_clocks, review_clocks
from ..dto import Changes
from ..referrals.referrals import open_pauses
from ..settings import (
    CONTROL_CHARACTERS,
    OrganisationSettings,
    load_closures,
    load_settings,
    named_conflict,
    setting_conflict,
)

if TYPE_CHECKING:
    from ..uow import ServiceContext

__all__ = ["CLOSURES_KEY", "MAX_CLOSURE_REASON", "ClockChange", "ClosureDTO", "ClosureResult", "MovedClock",
           "SettingsResult", "add_closure", "clock_changes", "import_closures", "list_closures", "remove_closure",
           "save_settings_moving"]

#: Closure days outside these years are almost certainly typing mistakes.
_FIRST_YEAR, _LAST_YEAR = 2000, 2100
MAX_CLOSURE_REASON = 200


@dataclass(frozen=True)
class ClosureDTO:
    id: int
    day: dt.date
    reason: str
    updated_by: str = ""
    #: The version of the list of closure days when this row was read: pass it to ``remove_closure``.
    version: int = 0


#: The closure days are one list with one version, kept in this (hidden) organisation_setting row: every
#: add, removal and import moves it on, so a removal made from an out-of-date list is refused, naming who
#: changed the list. (A closure day itself is never edited, only added or removed.)
CLOSURES_KEY = "closure_days"
_CLOSURES = "list of closure days"


def _closures_version(s: Session) -> int:
    return s.scalar(select(OrganisationSetting.version).where(OrganisationSetting.key == CLOSURES_KEY)) or 0


def _lock_closures(ctx: ServiceContext, s: Session) -> None:
    """On a server, changes to the list of closure days queue behind each other (SQLite writes already do)."""
    if not ctx.db.is_sqlite:
        s.get(OrganisationSetting, CLOSURES_KEY, with_for_update=True)


def _closures_moved(s: Session, count: int) -> None:
    """Move the closure list's version on (inside the same transaction as the change to the list)."""
    row = s.get(OrganisationSetting, CLOSURES_KEY)
    text = json.dumps({"count": count})
    if row is None:
        s.add(OrganisationSetting(key=CLOSURES_KEY, value_json=text))
    else:
        row.value_json = text
        flag_modified(row, "value_json")  # the version moves even when the count comes back to the same


@dataclass(frozen=True)
class MovedClock:
    """An open clock whose due date a closure-day change moved."""

    record: str  # "referral" or "review"
    record_id: int
    reference: str
    clock: str  # the clock's label
    clock_key: str
    old_due: dt.date
    new_due: dt.date

    def describe(self) -> str:
        return f"{self.reference}: {self.clock} moved from {format_date(self.old_due)} to {format_date(self.new_due)}"


@dataclass(frozen=True)
class ClosureResult:
    """What a closure-day change did: the days added or removed, days an import found already saved, and
    every open clock that moved (soonest new due date first)."""

    changes: Changes
    days: tuple[dt.date, ...] = ()
    moved: tuple[MovedClock, ...] = ()
    already_saved: tuple[dt.date, ...] = ()

    @property
    def count(self) -> int:
        return len(self.days)


def list_closures(ctx: ServiceContext) -> list[ClosureDTO]:
    """Every closure day, earliest first."""
    with ctx.read() as s:
        version = _closures_version(s)
        return [ClosureDTO(i, d, r, u, version) for i, d, r, u in s.execute(
            select(ClosureDay.id, ClosureDay.day, ClosureDay.reason, ClosureDay.updated_by)
            .order_by(ClosureDay.day))]


def _check_day(day: Any, field_name: str = "day") -> dt.date:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise UserError(field_name, "give the closure date, e.g. 29/12/2025")
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise UserError(field_name, f"{day:%d/%m/%Y} looks mistyped; give a date between {_FIRST_YEAR} and "
                                    f"{_LAST_YEAR}")
    return day


def _check_reason(reason: Any, field_name: str = "reason") -> str:
    if not isinstance(reason, str):
        raise UserError(field_name, "give the reason as text, e.g. Council Christmas closure")
    if CONTROL_CHARACTERS.search(reason):
        raise UserError(field_name, "remove the control characters from the reason")
    text = " ".join(reason.split())
    if len(text) > MAX_CLOSURE_REASON:
        raise UserError(field_name, f"keep the reason to {MAX_CLOSURE_REASON} characters (it has {len(text)})")
    return text


@dataclass(frozen=True)
class _Inputs:
    referrals: Sequence[Sequence[Any]]  # rows of the query below
    pauses: Mapping[int, list[PauseRow]]
    reviews: Sequence[Sequence[Any]]


def _clock_inputs(s: Session) -> _Inputs:
    """What the open clocks of every referral (not closed) and review are computed from: two queries."""
    referrals = s.execute(
        select(Referral.id, Referral.reference, Referral.route, Referral.la_aware_date, Referral.partners_aware_date,
               Referral.partners_notified_date, Referral.sin_sent_date, RapidReview.completed_date,
               RapidReview.sent_to_panel_date, RapidReview.panel_response_date, Referral.received_date,
               Referral.recommendation_date, Referral.decision, Referral.decision_date, Referral.decision_notified_date)
        .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
        .where(Referral.status != ReferralStatus.CLOSED)).all()
    reviews = s.execute(
        select(Review.id, Review.reference, Review.review_type, Review.status, Review.decision_date,
               Review.planned_publication_date, Review.final_report_sent_date, Review.published_date,
               Review.deferral_reason, Review.deferral_review_date, Review.deferral_expected_end,
               Review.learning_event_date, Review.report_completed_date)).all()
    return _Inputs(referrals, open_pauses(s) if referrals else {}, reviews)


_Dues = dict[tuple[str, int, str], tuple[str, str, dt.date, bool]]


def _open_dues(inputs: _Inputs, today: dt.date, settings: OrganisationSettings,
               closures: frozenset[dt.date]) -> _Dues:
    """(record, id, clock key) → (reference, clock label, due date, overdue) for every open clock."""
    dues: _Dues = {}
    for rid, ref, route, la, pa, pn, sin, done, sent, resp, got, rec, what, decided, told in inputs.referrals:
        for c in referral_clocks(route=route, la_aware=la, partners_aware=pa, partners_notified=pn, sin_sent=sin,
                                 rr_completed=done, rr_sent=sent, panel_response=resp, received=got,
                                 recommendation=rec, decision=what, decided=decided, decision_notified=told,
                                 pauses=inputs.pauses.get(rid, ()), today=today, settings=settings,
                                 closures=closures):
            if c.is_open and c.due_date is not None:
                dues["referral", rid, c.key] = (ref, c.label, c.due_date, c.state is ClockState.OVERDUE)
    for (rid, ref, rtype, status, decision, planned, sent, published, d_reason, d_review, d_end, event,
         completed) in inputs.reviews:
        for c in review_clocks(review_type=rtype, status=status, decision=decision, planned_publication=planned,
                               final_report_sent=sent, published=published, learning_event=event,
                               report_completed=completed, deferral_reason=d_reason,
                               deferral_review_date=d_review, deferral_expected_end=d_end, today=today,
                               settings=settings, closures=closures):
            if c.is_open and c.due_date is not None:
                dues["review", rid, c.key] = (ref, c.label, c.due_date, c.state is ClockState.OVERDUE)
    return dues


def _moved(s: Session, today: dt.date, before: frozenset[dt.date], after: frozenset[dt.date]) -> tuple[MovedClock, ...]:
    if before == after:
        return ()
    inputs = _clock_inputs(s)
    settings = load_settings(s)
    old, new = _open_dues(inputs, today, settings, before), _open_dues(inputs, today, settings, after)
    moved = [MovedClock(kind, rid, ref, label, key, old[kind, rid, key][2], due)
             for (kind, rid, key), (ref, label, due, _late) in new.items()
             if (kind, rid, key) in old and old[kind, rid, key][2] != due]
    moved.sort(key=lambda m: (m.new_due, m.reference, m.clock))
    return tuple(moved)


def _closure_changes(ids: Iterable[int], moved: Iterable[MovedClock]) -> Changes:
    changes = Changes.of("closure_day", *ids) | Changes.of("settings")
    moved = list(moved)
    for kind in ("referral", "review"):
        touched = sorted({m.record_id for m in moved if m.record == kind})
        if touched:
            changes = changes | Changes.of(kind, *touched)
    return changes


def add_closure(ctx: ServiceContext, day: dt.date, reason: str = "") -> ClosureResult:
    """Add a local closure day: no clock counts it as a working day from now on. Returns the open clocks
    that moved."""
    day, reason = _check_day(day), _check_reason(reason)
    today = ctx.today()
    with ctx.unit_of_work() as s:
        _lock_closures(ctx, s)
        before = load_closures(s)
        if day in before:
            raise UserError("day", f"{format_date(day)} is already a closure day")
        row = ClosureDay(day=day, reason=reason)
        s.add(row)
        try:
            s.flush()
        except IntegrityError as exc:
            raise UserError("day", f"{format_date(day)} was added as a closure day by someone else just now; "
                                   "reload the list") from exc
        _closures_moved(s, len(before) + 1)
        moved = _moved(s, today, before, before | {day})
        return ClosureResult(_closure_changes([row.id], moved), (day,), moved)


def remove_closure(ctx: ServiceContext, day: dt.date, expected_version: int) -> ClosureResult:
    """Remove a closure day (it counts as a working day again). Returns the open clocks that moved.

    ``expected_version`` is the version of the list of closure days the user saw (``ClosureDTO.version``): if
    anyone added, removed or imported closure days since, ConflictError naming who, and nothing is removed."""
    day = _check_day(day)
    today = ctx.today()
    try:
        with ctx.unit_of_work() as s:
            _lock_closures(ctx, s)
            if _closures_version(s) != expected_version:
                raise setting_conflict(s, CLOSURES_KEY, _CLOSURES)
            row = s.scalars(select(ClosureDay).where(ClosureDay.day == day)).one_or_none()
            if row is None:
                raise NotFoundError("closure day", format_date(day))
            before = load_closures(s)
            row_id = row.id
            s.delete(row)
            _closures_moved(s, len(before) - 1)
            try:
                s.flush()
            except (IntegrityError, StaleDataError) as exc:  # someone changed the list at the same moment
                raise ConflictError(_CLOSURES, None) from exc
            moved = _moved(s, today, before, before - {day})
            return ClosureResult(_closure_changes([row_id], moved), (day,), moved)
    except ConflictError as exc:
        raise named_conflict(ctx, [CLOSURES_KEY], _CLOSURES, exc) from exc


def import_closures(ctx: ServiceContext, path: str | os.PathLike[str]) -> ClosureResult:
    """Add the closure days of a .csv or .xlsx file with the headings ``date`` and ``reason`` (dates as
    2025-12-29 or 29/12/2025). All or nothing: every problem is reported with its row number
    (ValidationErrors) and nothing is saved. Days already saved are left as they are (``already_saved``)."""
    from ..spreadsheet import RowCheck, parse_date, raise_problems, read_table

    path = Path(path)
    raw_rows = read_table(path, ("date", "reason"))
    if not raw_rows:
        raise UserError("file", f"{path.name} has headings but no closure days under them")
    errors: list[UserError] = []
    rows: list[tuple[int, dt.date, str]] = []
    first_row: dict[dt.date, int] = {}
    for raw in raw_rows:
        check = RowCheck(raw, errors)
        fail = check.fail
        try:
            day = parse_date(raw.get("date"))
        except ValueError as exc:
            fail("date", str(exc))
            day = None
        else:
            if day is None:
                fail("date", "enter the closure date, e.g. 29/12/2025")
            else:
                try:
                    _check_day(day)
                except UserError as exc:
                    fail("date", exc.message)
                    day = None
        try:
            reason = _check_reason(str(raw.get("reason") or ""))
        except UserError as exc:
            fail("reason", exc.message)
            reason = ""
        if day is None:
            continue
        if day in first_row:
            fail("date", f"{format_date(day)} is also in row {first_row[day]}; keep one")
            continue
        first_row[day] = check.number
        rows.append((check.number, day, reason))
    raise_problems(errors)
    today = ctx.today()
    with ctx.unit_of_work() as s:
        _lock_closures(ctx, s)
        before = load_closures(s)
        new = [ClosureDay(day=day, reason=reason) for _n, day, reason in rows if day not in before]
        already = tuple(sorted(day for _n, day, _r in rows if day in before))
        if not new:
            return ClosureResult(Changes(), (), (), already)
        s.add_all(new)
        try:
            s.flush()
        except IntegrityError as exc:
            raise UserError("file", "someone else added some of these closure days just now; import the file "
                                    "again") from exc
        record(s, AuditAction.IMPORT, "closure_day", field="file", new=f"{path.name}: {len(new)} closure days")
        _closures_moved(s, len(before) + len(new))
        after = before | {c.day for c in new}
        moved = _moved(s, today, before, after)
        return ClosureResult(_closure_changes([c.id for c in new], moved), tuple(sorted(c.day for c in new)),
                             moved, already)


# -- the settings that move clocks: the rule set (the profile's nation) and the timeframes ---------------------

@dataclass(frozen=True)
class ClockChange:
    """An open clock a change of rule set or timeframe moved, ended or started. ``old_due`` is None for a clock
    the new rules start (it had no equivalent before); ``new_due`` is None for an open clock that has no
    equivalent under the new rules (it is said, never dropped silently: see :func:`save_settings_moving`)."""

    record: str  # "referral" or "review"
    record_id: int
    reference: str
    clock: str
    clock_key: str
    old_due: dt.date | None
    new_due: dt.date | None
    overdue: bool = False

    def describe(self) -> str:
        late = " (overdue)" if self.overdue else ""
        if self.new_due is None and self.old_due is not None:
            return (f"{self.reference}: {self.clock}, due {format_date(self.old_due)}{late}, has no equivalent "
                    "under the new rules and is no longer counted; check the record")
        if self.old_due is None and self.new_due is not None:
            return f"{self.reference}: {self.clock} now runs, due {format_date(self.new_due)}{late}"
        assert self.old_due is not None and self.new_due is not None
        return (f"{self.reference}: {self.clock} moved from {format_date(self.old_due)} to "
                f"{format_date(self.new_due)}{late}")


@dataclass(frozen=True)
class SettingsResult:
    """What saving settings did: the changes, and every open clock that moved, ended without an equivalent or
    started (those without an equivalent first, then by due date)."""

    changes: Changes
    clocks: tuple[ClockChange, ...] = ()

    @property
    def unmatched(self) -> tuple[ClockChange, ...]:
        return tuple(c for c in self.clocks if c.new_due is None)

    def lines(self) -> list[str]:
        return [c.describe() for c in self.clocks]


def clock_changes(s: Session, today: dt.date, before: OrganisationSettings, after: OrganisationSettings,
                  closures: frozenset[dt.date]) -> tuple[ClockChange, ...]:
    """Every open clock (referrals not closed, reviews) whose due date differs between ``before`` and ``after``
    settings: moved, without an equivalent under ``after``, or started by it."""
    if before.ruleset is after.ruleset and dict(before.clock_settings()) == dict(after.clock_settings()):
        return ()
    inputs = _clock_inputs(s)
    old, new = _open_dues(inputs, today, before, closures), _open_dues(inputs, today, after, closures)
    found: list[ClockChange] = []
    for key, (ref, label, due, late) in old.items():
        if key not in new:
            kind, rid, clock_key = key
            # Not open under the new rules: met, not applicable, or no such clock at all. Only the last is news.
            if clock_key not in {r.key for r in after.ruleset.rules}:
                found.append(ClockChange(kind, rid, ref, label, clock_key, due, None, late))
        elif new[key][2] != due:
            kind, rid, clock_key = key
            found.append(ClockChange(kind, rid, ref, new[key][1], clock_key, due, new[key][2], new[key][3]))
    for key, (ref, label, due, late) in new.items():
        if key not in old and key[2] not in {r.key for r in before.ruleset.rules}:
            found.append(ClockChange(key[0], key[1], ref, label, key[2], None, due, late))
    found.sort(key=lambda c: (c.new_due is not None, c.new_due or c.old_due or dt.date.min, c.reference, c.clock))
    return tuple(found)


def save_settings_moving(ctx: ServiceContext, changes: Mapping[str, Any], *,
                         expected: Mapping[str, int]) -> SettingsResult:
    """``settings.save_settings``, also reporting every open clock the change moved, left without an equivalent
    (a rule set without that clock: said, and recorded in the audit against its record, so an overdue clock never
    just disappears) or started. Changing the rule set is recorded in the audit as any setting is (who: the
    database login or the OS account)."""
    from ..settings import save_settings

    today = ctx.today()
    found: list[ClockChange] = []

    def on_saved(s: Session, before: OrganisationSettings, after: OrganisationSettings) -> None:
        found.extend(clock_changes(s, today, before, after, load_closures(s)))
        for c in found:
            if c.new_due is None and c.old_due is not None:
                record(s, AuditAction.UPDATE, c.record, c.record_id, field=f"clock {c.clock_key}",
                       old=f"due {c.old_due.isoformat()}" + (" (overdue)" if c.overdue else ""),
                       new=f"no equivalent under the {after.ruleset.label or after.rule_set} rule set")

    result = save_settings(ctx, changes, expected=expected, on_saved=on_saved)
    for kind in ("referral", "review"):
        touched = sorted({c.record_id for c in found if c.record == kind})
        if touched:
            result = result | Changes.of(kind, *touched)
    return SettingsResult(result, tuple(found))

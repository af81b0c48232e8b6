"""The referral list's headline clock, stored: the first page is one indexed query, not 10,000 clock evaluations.

**What is stored** (columns of ``referral``, migration 0007): the clock a list row shows — the first of
``clocks.open_clocks`` — as ``next_clock`` (its key), ``next_due_date``, ``next_paused_reason`` (the open pause
shown with it) and ``next_missing`` (how many clocks cannot start for want of their start date) with
``next_missing_clock`` (which). When clocks cannot start, ``next_clock`` is still the earliest *running* clock
(if any): the row shows "clocks not started" until that clock is overdue, and then the overdue clock, in red,
counted as overdue (migration 0008: a missing date never hides a deadline already passed).
None of these depends on the day: a referral's clocks are
open from their start until met whatever the date. What does depend on it — overdue, due soon, working days
left — is derived when a row is read (:func:`headline_on`, with the engine's own rule:
``timeframes.open_clock_on``), so a stored row can never make an overdue clock look fine.

**The engine stays the one source of truth.** Every value is computed by ``clocks.referral_clocks`` and written
beside the *basis* it was computed from (``next_due_basis``: a digest of the rule set, the timeframe settings,
the closure days, the holiday package's version and :data:`ENGINE_VERSION`). A reader whose basis differs (a
closure day added, a row written by another version, a row never filled) does not trust the stored values: it
computes those rows with the engine (:func:`stored_rows`), and a writer repairs them.

**Kept up to date on every write** by two session hooks, like the audit (scpdesk/models/audit.py): before a
flush they note the referrals whose clock inputs change (a referral's dates, route or status, its rapid review's
dates, any of its pauses) and whether a setting or closure day changes; before the commit they recompute those
referrals and every row whose basis is no longer current (:func:`refresh_next_due`), in the same transaction.
So intake, edits, workflow steps, pauses, imports, demo data and settings screens need no call of their own; a
bulk Core insert (``demo.fill_bulk``) or the migration calls :func:`refresh_next_due` itself.

**Concurrent writers** (a server): each refresh is a compare-and-set on ``next_due_seq``; a row another
transaction refreshed since it was read is read again and recomputed (READ COMMITTED sees that commit), so
a closure day added while a coordinator records a step leaves neither change out.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, event, func, or_, select, update
from sqlalchemy.orm import Session, UOWTransaction

from ...models import ClockPause, ClosureDay, OrganisationSetting, RapidReview, Referral
from ...models.enums import ReferralStatus
from .headline import ENGINE_VERSION, NOTHING, Stored, basis_of, headline_on
from .headline import stored as _stored

log = logging.getLogger(__name__)

__all__ = ["ENGINE_VERSION", "Stored", "any_stale", "basis_of", "headline_on", "refresh_next_due", "stored_rows"]

#: How many times a refresh re-reads rows that another transaction refreshed meanwhile.
_ATTEMPTS = 5
#: At most this many ids are bound in one IN list (SQLite builds limit a statement's parameters).
_IN_LIMIT = 500

_REFERRAL_INPUTS = frozenset({"route", "status", "la_aware_date", "partners_aware_date", "partners_notified_date",
                              "sin_sent_date", "received_date", "recommendation_date", "decision", "decision_date",
                              "decision_notified_date"})
_RAPID_REVIEW_INPUTS = frozenset({"referral_id", "completed_date", "sent_to_panel_date", "panel_response_date"})
_PENDING = "next_due_objects"
_BASIS_MOVED = "next_due_basis_moved"
_PRIMED = "next_due_primed"

# The basis, the stored values and what a row shows for today (``headline_on``) are in headline.py, free of
# SQLAlchemy: a start's first page (first_page.py) reads them before the database layer is loaded.


# -- computing -------------------------------------------------------------------------------------------

def _inputs() -> Any:
    return (select(Referral.id, Referral.status, Referral.route, Referral.la_aware_date, Referral.partners_aware_date,
                   Referral.partners_notified_date, Referral.sin_sent_date, RapidReview.completed_date,
                   RapidReview.sent_to_panel_date, RapidReview.panel_response_date, ClockPause.clock_key,
                   ClockPause.reason, ClockPause.paused_date, ClockPause.resumed_date,
                   Referral.next_clock, Referral.next_due_date, Referral.next_paused_reason, Referral.next_missing,
                   Referral.next_missing_clock, Referral.next_due_basis, Referral.next_due_seq,
                   Referral.received_date, Referral.recommendation_date, Referral.decision, Referral.decision_date,
                   Referral.decision_notified_date)
            .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
            .outerjoin(ClockPause, ClockPause.referral_id == Referral.id)
            .order_by(Referral.id, ClockPause.paused_date, ClockPause.id))


@dataclass
class _Found:
    row: Any
    pauses: list[tuple[str, str, dt.date, dt.date | None]]


def _group(rows: Iterable[Any]) -> dict[int, _Found]:
    found: dict[int, _Found] = {}
    for row in rows:
        item = found.get(row.id)
        if item is None:
            item = found[row.id] = _Found(row, [])
        if row.clock_key is not None:
            item.pauses.append((row.clock_key, row.reason, row.paused_date, row.resumed_date))
    return found


def compute(row: Any, pauses: Sequence[tuple[str, str, dt.date, dt.date | None]], settings: Any,
            closures: frozenset[dt.date]) -> Stored:
    """The engine's headline clock of one referral (``row``: its status, route and clock dates)."""
    from ..clocks import ClockState, PauseRow, open_clocks, referral_clocks

    if row.status is ReferralStatus.CLOSED:  # a closed referral shows no clock in the list
        return NOTHING
    # The day only decides states, never which clocks are open, their due dates or the pause shown (no
    # referral clock is a window), so any day gives the same headline. One of the record's own dates keeps this
    # pure and cheap (working days are counted from it to each due date, not from a day years away).
    dates = [d for d in (row.la_aware_date, row.partners_aware_date, row.partners_notified_date, row.sin_sent_date,
                         row.completed_date, row.sent_to_panel_date, row.panel_response_date, row.received_date,
                         row.recommendation_date, row.decision_date, row.decision_notified_date) if d is not None]
    clocks = referral_clocks(
        route=row.route, la_aware=row.la_aware_date, partners_aware=row.partners_aware_date,
        partners_notified=row.partners_notified_date, sin_sent=row.sin_sent_date, rr_completed=row.completed_date,
        rr_sent=row.sent_to_panel_date, panel_response=row.panel_response_date, received=row.received_date,
        recommendation=row.recommendation_date, decision=row.decision, decided=row.decision_date,
        decision_notified=row.decision_notified_date, pauses=[PauseRow(*p) for p in pauses],
        today=min(dates, default=dt.date(2000, 1, 1)), settings=settings,
        closures=closures)
    missing = [c for c in clocks if c.state is ClockState.START_MISSING]
    running = [c for c in open_clocks(clocks) if c.state is not ClockState.START_MISSING]
    if running:  # the earliest due (open_clocks puts overdue ones first, and they are the earliest)
        head = min(running, key=lambda c: c.due_date or dt.date.max)
        return Stored(head.key, head.due_date, head.paused_reason or None, len(missing),
                      missing[0].key if missing else None)
    if missing:
        return Stored(missing[0].key, None, None, len(missing), missing[0].key)
    return NOTHING


# -- reading ---------------------------------------------------------------------------------------------

def stored_rows(s: Session, rows: Sequence[Any], settings: Any, closures: frozenset[dt.date]) -> dict[int, Stored]:
    """Each row's headline clock (``rows`` have ``id``, ``next_*`` and ``next_due_basis``): the stored values
    when their basis is current, else the engine's (read in one more query for the rows that need it)."""
    basis = basis_of(settings, closures)
    result: dict[int, Stored] = {}
    stale: list[int] = []
    for row in rows:
        if row.next_due_basis == basis:
            result[row.id] = _stored(row)
        else:
            stale.append(row.id)
    if stale:
        log.info("%d referral(s) without current stored clocks: computed from the engine", len(stale))
        wanted = set(stale)
        found = _read(s, stale) if len(stale) <= _IN_LIMIT else [r for r in _read(s, None, basis) if r.id in wanted]
        for rid, item in _group(found).items():
            result[rid] = compute(item.row, item.pauses, settings, closures)
    return result


def _read(s: Session, ids: Sequence[int] | None, basis: str | None = None, *, versioned: bool = False) -> list[Any]:
    stmt = _inputs()
    if versioned:  # the clock context's version, read in the same snapshot as the rows (clock_context.py)
        from ..clock_context import version_column

        stmt = stmt.add_columns(version_column())
    if ids is not None and basis is not None:
        stmt = stmt.where(or_(Referral.id.in_(list(ids)), _stale(basis)))
    elif ids is not None:
        stmt = stmt.where(Referral.id.in_(list(ids)))
    elif basis is not None:
        stmt = stmt.where(_stale(basis))
    return list(s.execute(stmt))


def any_stale(settings: Any, closures: frozenset[dt.date]) -> Any:
    """A scalar subquery: whether any referral's stored clock is not current (then the stored order is not)."""
    return select(Referral.id).where(_stale(basis_of(settings, closures))).exists()


def _stale(basis: str) -> Any:
    return or_(Referral.next_due_basis.is_(None), Referral.next_due_basis != basis)


# -- writing ---------------------------------------------------------------------------------------------

_TABLE = cast(Table, Referral.__table__)
_WRITE = (update(_TABLE)
          .where(_TABLE.c.id == bindparam("rid"), func.coalesce(_TABLE.c.next_due_seq, 0) == bindparam("seen"))
          .values(next_clock=bindparam("clock"), next_due_date=bindparam("due"),
                  next_paused_reason=bindparam("paused"), next_missing=bindparam("missing"),
                  next_missing_clock=bindparam("missing_clock"),
                  next_due_basis=bindparam("basis"), next_due_seq=bindparam("seq")))


def refresh_next_due(s: Session, referral_ids: Iterable[int] | None = None, *, stale: bool = True) -> int:
    """Recompute and store the headline clock of ``referral_ids`` (None: every referral whose stored basis is not
    current) and, with ``stale``, of every referral whose basis is not current, in ``s``'s transaction. Only
    changed rows are written. Returns how many."""
    from .. import clock_context

    ids = None if referral_ids is None else sorted(set(referral_ids))
    written = 0
    # The settings and closure days from the process's cache, confirmed by their version read in the same
    # statement as the rows (one statement, not three; read afresh and the rows again when they changed).
    context = clock_context.latest(s)
    attempts = 0
    while attempts < _ATTEMPTS:
        settings, closures = context.settings, context.closures
        basis = basis_of(settings, closures)
        if ids is not None and len(ids) > _IN_LIMIT:  # an import: read every referral rather than bind 10,000 ids
            wanted = set(ids)
            rows = _read(s, None, versioned=True)
            found = _group(r for r in rows if r.id in wanted or stale and r.next_due_basis != basis)
        else:
            rows = _read(s, ids, basis if stale or ids is None else None, versioned=True)
            found = _group(rows)
        confirmed = (clock_context.confirm(s, rows[0].clock_context, context) if rows
                     else clock_context.confirm(s, clock_context.load(s).version, context))
        attempts += 1
        if confirmed is not context:
            context = confirmed
            continue
        params: list[dict[str, Any]] = []
        for rid, item in found.items():
            new = compute(item.row, item.pauses, settings, closures)
            if new == _stored(item.row) and item.row.next_due_basis == basis:
                continue
            seen = item.row.next_due_seq or 0
            params.append({"rid": rid, "seen": seen, "seq": seen + 1, "clock": new.clock, "due": new.due,
                           "paused": new.paused_reason, "missing": new.missing or None,
                           "missing_clock": new.missing_clock, "basis": basis})
        if not params:
            return written
        result = cast(CursorResult[Any], s.execute(_WRITE, params))
        sane = len(params) == 1 or s.get_bind().dialect.supports_sane_multi_rowcount
        done = result.rowcount if sane else -1
        written += max(done, 0)
        if done == len(params):
            return written
        # Another transaction refreshed some of these rows since we read them: read them again.
        ids = [p["rid"] for p in params]
    log.warning("stored referral clocks still moving after %d attempts; the list computes them", _ATTEMPTS)
    return written


# -- primed by the write's own screen read ---------------------------------------------------------------

def wants_prime(session: Session) -> bool:
    """Whether this transaction will store headline clocks at its commit (a write that changed clock inputs),
    so a read of a referral's clock inputs made now can spare the commit its own read."""
    return bool(session.info.get(_PENDING)) and not session.info.get(_BASIS_MOVED)


def prime(session: Session, row: Any, pauses: Sequence[tuple[str, str, dt.date, dt.date | None]], settings: Any,
          closures: frozenset[dt.date]) -> None:
    """A write's screen read (``referral_screen.screens``, after the write's last flush, in its transaction) read
    ``row``'s clock inputs, its stored clock and counter, and the settings and closure days in the same statement:
    the commit stores the engine's headline from them without reading them again. A later flush that changes
    clock inputs forgets this (:func:`_note`), and a store that finds the row refreshed meanwhile reads it again."""
    primed: dict[int, Any] = session.info.setdefault(_PRIMED, {})
    primed[row.id] = (compute(row, pauses, settings, closures), basis_of(settings, closures), _stored(row),
                      row.next_due_basis, row.next_due_seq or 0)


def _store_primed(session: Session, ids: set[int], primed: dict[int, Any]) -> bool:
    """Store the primed headline clocks of ``ids`` (one UPDATE; none when unchanged). False: a row was refreshed
    by another transaction since it was read (the caller reads and computes it again)."""
    params: list[dict[str, Any]] = []
    for rid in sorted(ids):
        new, basis, old, old_basis, seen = primed[rid]
        if new == old and old_basis == basis:
            continue
        params.append({"rid": rid, "seen": seen, "seq": seen + 1, "clock": new.clock, "due": new.due,
                       "paused": new.paused_reason, "missing": new.missing or None,
                       "missing_clock": new.missing_clock, "basis": basis})
    if not params:
        return True
    result = cast(CursorResult[Any], session.execute(_WRITE, params))
    sane = len(params) == 1 or session.get_bind().dialect.supports_sane_multi_rowcount
    return sane and result.rowcount == len(params)


# -- the hooks -------------------------------------------------------------------------------------------

def _changed(obj: Any, names: frozenset[str]) -> bool:
    from sqlalchemy import inspect

    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "before_flush")
def _note(session: Session, flush_context: UOWTransaction, instances: Any) -> None:
    """Remember what this flush changes that the stored clocks depend on (ids are read at commit)."""
    noted: list[Any] = session.info.setdefault(_PENDING, [])
    before = len(noted)
    for obj in session.new:
        if isinstance(obj, (Referral, RapidReview, ClockPause)):
            noted.append(obj)
        elif isinstance(obj, (OrganisationSetting, ClosureDay)):
            session.info[_BASIS_MOVED] = True
    for obj in session.dirty:
        if isinstance(obj, Referral):
            if _changed(obj, _REFERRAL_INPUTS):
                noted.append(obj)
        elif isinstance(obj, RapidReview):
            if _changed(obj, _RAPID_REVIEW_INPUTS):
                noted.append(obj)
        elif isinstance(obj, ClockPause):
            noted.append(obj)
        elif isinstance(obj, (OrganisationSetting, ClosureDay)):
            session.info[_BASIS_MOVED] = True
    for obj in session.deleted:
        if isinstance(obj, (RapidReview, ClockPause)):
            noted.append(("referral", getattr(obj, "referral_id", None)))
        elif isinstance(obj, (OrganisationSetting, ClosureDay)):
            session.info[_BASIS_MOVED] = True
    if len(noted) != before or session.info.get(_BASIS_MOVED):
        session.info.pop(_PRIMED, None)  # clock inputs change after the screen read: it no longer holds


def _referral_ids(noted: Iterable[Any]) -> set[int]:
    ids: set[int] = set()
    for obj in noted:
        if isinstance(obj, tuple):
            rid = obj[1]
        elif isinstance(obj, Referral):
            rid = obj.id
        else:
            rid = getattr(obj, "referral_id", None)
        if isinstance(rid, int):
            ids.add(rid)
    return ids


@event.listens_for(Session, "before_commit", insert=True)
def _refresh(session: Session) -> None:
    """Store the headline clocks this transaction changed. First among the commit hooks: before the audit's
    takes the audit chain's lock (held to the commit), so a long refresh never holds that lock while it waits
    for a referral another writer has locked — that writer would be waiting for the chain lock (a deadlock)."""
    if session.in_nested_transaction():
        return
    if session.new or session.dirty or session.deleted:
        session.flush()
    noted = session.info.pop(_PENDING, None)
    moved = session.info.pop(_BASIS_MOVED, False)
    ids = _referral_ids(noted or ())
    if not ids and not moved:
        return
    primed = session.info.pop(_PRIMED, None)
    if primed and not moved and ids <= primed.keys() and _store_primed(session, ids, primed):
        return
    # The referrals changed here; after a settings or closure change, every row whose basis moved with it.
    refresh_next_due(session, ids, stale=moved)


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_BASIS_MOVED, None)
    session.info.pop(_PRIMED, None)


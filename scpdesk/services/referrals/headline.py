"""A referral list row from its stored headline clock: what ``next_due`` stores, what it was computed from (the
basis), and the row a list shows for today. No database and no SQLAlchemy here, so that the first page of a
start (``first_page``) builds its rows with the very code the referral service uses."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ...models.timeframes import ClockState, RuleSet, open_clock_on
from ..clocks import ENGINE_VERSION, basis_of
from ..dto import ClockSummary, ReferralRow

__all__ = ["ENGINE_VERSION", "NOTHING", "SEP", "Stored", "basis_of", "headline_on", "list_row", "stored",
           "stored_row", "urgency"]

#: Joins the names of a list row's agencies and children in one column: a control character, which no stored
#: text may hold (models/validation.py).
SEP = "\x1f"


class Stored(NamedTuple):
    """A referral's headline clock as stored (all None/0: nothing open, or a closed referral)."""

    clock: str | None
    due: dt.date | None
    paused_reason: str | None
    missing: int
    #: The (first) clock that cannot start, when ``missing`` counts any.
    missing_clock: str | None = None


NOTHING = Stored(None, None, None, 0)


def stored(row: Any) -> Stored:
    """A row's stored headline (``row``: its ``next_clock``, ``next_due_date``, ``next_paused_reason``,
    ``next_missing`` and ``next_missing_clock``)."""
    missing = row.next_missing or 0
    return Stored(row.next_clock, row.next_due_date, row.next_paused_reason, missing,
                  (row.next_missing_clock or row.next_clock) if missing else None)


def headline_on(stored: Stored, *, today: dt.date, ruleset: RuleSet, closures: frozenset[dt.date]
                ) -> ClockSummary | None:
    """The clock a list row shows on ``today`` from its stored values: equal to
    ``clocks.headline(clocks.open_clocks(...))`` computed by the engine (a test holds them equal). An overdue
    clock wins over the line for clocks that cannot start, exactly as in the engine."""
    from ..clocks import MISSING_MANY, summary

    if stored.clock is None:
        return None
    running = None
    if stored.due is not None:
        running = summary(open_clock_on(ruleset.rule(stored.clock), stored.due, today=today,
                                        paused_reason=stored.paused_reason, calendar=ruleset.calendar,
                                        closures=closures))
    if stored.missing and (running is None or running.state is not ClockState.OVERDUE):
        from ...models.timeframes import missing_start_words

        rule = ruleset.rule(stored.missing_clock or stored.clock)
        words = missing_start_words(rule)
        return ClockSummary(key=rule.key, label=MISSING_MANY if stored.missing > 1 else rule.label,
                            state=ClockState.START_MISSING, due_date=None, working_days_left=None,
                            statutory=rule.statutory, text=f"clocks not started: {words}", detail=words)
    assert running is not None, "an open clock has a due date"
    return running


def split(joined: str | None) -> list[str]:
    return joined.split(SEP) if joined else []


def list_row(row: Any, nxt: ClockSummary | None, running_due: dt.date | None = None) -> ReferralRow:
    """The list's row of a referral (``row``: its id, reference, first pseudonym, received date, route, requested
    route, status, and its agencies and ``position:pseudonym`` children joined by :data:`SEP`) showing ``nxt``."""
    return ReferralRow(
        id=row.id, reference=row.reference, pseudonym=row.pseudonym or "", received_date=row.received_date,
        status=row.status, route=row.route, route_requested=row.route_requested,
        next_clock=nxt.label if nxt else "", next_due=nxt.due_date if nxt else None,
        working_days_left=nxt.working_days_left if nxt else None,
        agencies=tuple(sorted(split(row.agencies))), state_key=nxt.state if nxt else None,
        paused_reason=nxt.paused_reason if nxt else "", state_detail=nxt.detail if nxt else "",
        running_due=running_due if nxt is not None and nxt.state is ClockState.START_MISSING else None,
        pseudonyms=tuple(name for _n, name in sorted(
            (int(n), name) for n, _, name in (c.partition(":") for c in split(row.children)))))


def stored_row(row: Any, found: Stored, *, today: dt.date, ruleset: RuleSet, closures: frozenset[dt.date]
               ) -> ReferralRow:
    """The list's row of a referral from its stored headline clock (``found``) as it stands on ``today``: the
    headline for today, and the earliest running clock's due date beside a line for clocks that cannot start."""
    return list_row(row, headline_on(found, today=today, ruleset=ruleset, closures=closures), found.due)


def urgency(row: ReferralRow) -> tuple[bool, bool, dt.date]:
    """The list's order: clocks that cannot start first (``clocks.open_clocks``), then by due date, nothing open
    last (stable: newest first among equals)."""
    return (row.state_key is not ClockState.START_MISSING, row.next_due is None, row.next_due or dt.date.max)

"""Every open clock across referrals and reviews, most urgent first (``scpdesk deadlines``).

Built from the rows of ``ReferralService.watch_rows`` / ``ReviewService.list_rows``, each
of which carries *every* clock to watch (``open_clocks``), computed once by ``services.clocks.open_clocks``:
no second computation, and no matching on display text — the state travels as a ``ClockState`` key."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from .clocks import ClockState, ClockSummary
from .library.reviews import ReviewService
from .referrals.referrals import ReferralService
from .uow import ServiceContext


@dataclass(frozen=True)
class Deadline:
    record: str  # "referral" or "review"
    record_id: int
    reference: str
    clock: str
    #: None for clocks that cannot start for want of their start date (state START_MISSING).
    due_date: dt.date | None
    #: The model's wording, e.g. "overdue — paused: awaiting police disclosure".
    state: str
    working_days_left: int | None
    clock_key: str = ""
    state_key: ClockState = ClockState.RUNNING
    statutory: bool = False
    paused_reason: str = ""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["due_date"] = self.due_date.isoformat() if self.due_date is not None else None
        data["state_key"] = self.state_key.name.lower()
        return data

    @property
    def urgent(self) -> bool:
        """Overdue, or not started for want of its start date: always listed, whatever the horizon."""
        return self.state_key in (ClockState.OVERDUE, ClockState.START_MISSING)


def _deadline(record: str, record_id: int, reference: str, c: ClockSummary) -> Deadline:
    return Deadline(record, record_id, reference, c.label, c.due_date, c.text, c.working_days_left, c.key, c.state,
                    c.statutory, c.paused_reason)


def open_deadlines(ctx: ServiceContext, *, within_days: int | None = None) -> list[Deadline]:
    """Every open clock (running, due soon, overdue, paused) and every clock waiting for its start date,
    most urgent first. ``within_days`` keeps clocks due within that many calendar days of today; overdue
    ones and missing start dates are always kept."""
    if within_days is not None and within_days < 0:
        from ..errors import UserError

        raise UserError("--within", "give a number of days of 0 or more")
    today = ctx.today()
    found: list[Deadline] = []
    for row in ReferralService(ctx).watch_rows():
        found.extend(_deadline("referral", row.id, row.reference, c) for c in row.open_clocks)
    for review in ReviewService(ctx).list_rows():
        found.extend(_deadline("review", review.id, review.reference, c) for c in review.open_clocks)
    if within_days is not None:
        # A horizon past the last date there is (``--within 9999999``) keeps every clock, never overflows.
        horizon = dt.date.max if within_days > (dt.date.max - today).days else today + dt.timedelta(within_days)
        found = [d for d in found if d.urgent or (d.due_date is not None and d.due_date <= horizon)]
    found.sort(key=lambda d: (d.due_date or dt.date.min, d.reference, d.clock))
    return found

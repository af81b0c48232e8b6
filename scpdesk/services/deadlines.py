"""Every open statutory clock across referrals and reviews, soonest first (``scpdesk deadlines``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from .clocks import ClockState
from .referrals import ReferralService
from .reviews import ReviewService
from .uow import ServiceContext


@dataclass(frozen=True)
class Deadline:
    record: str  # "referral" or "review"
    record_id: int
    reference: str
    clock: str
    due_date: dt.date
    state: str
    working_days_left: int | None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["due_date"] = self.due_date.isoformat()
        return data


def open_deadlines(ctx: ServiceContext, *, within_days: int | None = None) -> list[Deadline]:
    """Open clocks (running, due soon, overdue, paused), soonest first. ``within_days`` keeps clocks due
    within that many calendar days of today; overdue ones are always kept."""
    if within_days is not None and within_days < 0:
        from ..errors import UserError

        raise UserError("--within", "give a number of days of 0 or more")
    today = ctx.today()
    found: list[Deadline] = []
    for row in ReferralService(ctx).list_rows():
        if row.next_due is not None:
            found.append(Deadline("referral", row.id, row.reference, row.next_clock, row.next_due, row.state,
                                  row.working_days_left))
    for review in ReviewService(ctx).list_rows():
        if review.next_due is not None:
            found.append(Deadline("review", review.id, review.reference, review.next_clock, review.next_due,
                                  review.state, None))
    if within_days is not None:
        horizon = today + dt.timedelta(days=within_days)
        found = [d for d in found if d.due_date <= horizon or d.state.startswith(str(ClockState.OVERDUE))]
    found.sort(key=lambda d: (d.due_date, d.reference, d.clock))
    return found

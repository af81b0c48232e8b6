"""The check that the stored referral clocks equal the clock engine's (tests/db/test_next_due.py, and the
two-writer test in tests/reliability)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from records import TODAY
from sqlalchemy import select

from scpdesk.models import Referral
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
from scpdesk.services.referrals.next_due import basis_of
from scpdesk.services.referrals.referrals import ReferralService
from scpdesk.services.settings import load_closures, load_settings

#: Days the list is read on: before, around and long after the demo's and the records' dates.
DAYS = (dt.date(2025, 12, 1), dt.date(2025, 12, 29), dt.date(2026, 1, 9), dt.date(2026, 1, 14), TODAY,
        dt.date(2026, 11, 30), dt.date(2027, 6, 1))


def assert_stored_equals_engine(db: Database) -> int:
    """Every referral's stored clock is current (so the list uses it, not the engine fallback) and the list rows
    built from it equal the engine's on each of DAYS. Returns how many referrals were compared."""
    with db.sessions() as s:
        settings, closures = load_settings(s), load_closures(s)
        basis = basis_of(settings, closures)
        stale = s.execute(select(Referral.reference, Referral.next_due_basis)).all()
    assert [ref for ref, b in stale if b != basis] == [], "rows left with an out-of-date stored clock"
    for day in DAYS:
        reader = ServiceContext(db, user="reader", today=lambda d=day: d)
        service = ReferralService(reader)
        stored = {r.id: r for r in service.list_rows()}
        engine = {r.id: dataclasses.replace(r, open_clocks=()) for r in service.watch_rows()}
        assert stored.keys() == engine.keys()
        for rid, row in engine.items():
            assert stored[rid] == row, f"{row.reference} on {day}"
    return len(stale)

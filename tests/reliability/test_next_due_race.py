"""Two writers on a shared server and the stored referral clocks (issue 12, services/referrals/next_due.py).

An administrator adds a closure day (every referral's stored clock is recomputed under the new basis) while a
coordinator records a step on one referral. The closure change read that referral *before* the step committed
and writes after it: without the compare-and-set on ``next_due_seq`` it would store the clock as it was before
the step, under the new basis — trusted by every reader, and wrong. The interleaving is forced with events,
not left to timing."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from next_due_check import assert_stored_equals_engine
from records import SIN_SENT, context, referral, referral_version, setup

from scpdesk.models.database import Database
from scpdesk.services.organisation.closures import add_closure
from scpdesk.services.referrals import next_due
from scpdesk.services.referrals.referrals import ReferralService
from scpdesk.services.referrals.workflow import WorkflowService

WAIT = 30  # seconds: a bound, never a pace


def test_a_refresh_that_read_before_another_writer_committed_reads_again(pg_db: Database,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = context(pg_db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "screening", "RACE-1")
    before = ReferralService(ctx).list_rows()[0]
    assert before.next_clock == "Serious incident notification"

    read, go = threading.Event(), threading.Event()
    original = next_due._read

    def read_then_wait(s: Any, ids: Any, basis: str | None = None, **options: Any) -> list[Any]:
        rows = original(s, ids, basis, **options)
        # (the read that found the rows: a first one under the process's previous clock context finds none)
        if threading.current_thread().name == "admin" and rows and not read.is_set():
            read.set()
            go.wait(WAIT)
        return rows

    monkeypatch.setattr(next_due, "_read", read_then_wait)
    failures: list[BaseException] = []

    def admin() -> None:
        try:
            add_closure(context(pg_db, "admin"), dt.date(2025, 12, 29), "Council closure")
        except BaseException as exc:
            failures.append(exc)

    thread = threading.Thread(target=admin, name="admin")
    thread.start()
    try:
        assert read.wait(WAIT), "the closure change never reached its refresh"
        # The coordinator's step commits while the administrator's refresh holds what it read before it.
        WorkflowService(ctx).record_sin(rid, referral_version(ctx, rid), sin_reference="NP-1", sent_date=SIN_SENT)
    finally:
        go.set()
        thread.join(WAIT)
    assert not thread.is_alive() and not failures

    assert assert_stored_equals_engine(pg_db) == 1
    after = ReferralService(ctx).list_rows()[0]
    assert after.next_clock == "Tell the local partners"  # the SIN is sent: the next clock moved on

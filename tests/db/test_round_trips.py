"""Issue 12 on a shared server: what each read costs in round trips, counted on the real PostgreSQL server with
SQLAlchemy events and the pool's ping (counts, never times), and that the cache behind them (the clock context:
settings and closure days, services/clock_context.py) never lets a list show a clock computed under old ones.

A statement outside a transaction block costs one round trip; BEGIN and ROLLBACK cost one each; so does a pool
ping. A list going back to a query per row, a read going back into a transaction block, settings or closure days
read beside every list or write, or a ping on every checkout: each fails a test here."""

from __future__ import annotations

import datetime as dt

import pytest
from next_due_check import assert_stored_equals_engine
from records import LA_AWARE, RECEIVED, TODAY, context, referral_version
from sqlalchemy import select, text
from statements import round_trips

from scpdesk.models import Referral
from scpdesk.models import database as database_module
from scpdesk.models.database import Database, open_database
from scpdesk.services import Services
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.library.library import LibraryQuery
from scpdesk.services.organisation.closures import add_closure
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.settings import save_settings, settings_versions

PAGE = 100


def selects(trips: list[str]) -> list[str]:
    return [t for t in trips if t.lstrip().upper().startswith(("SELECT", "WITH", "("))]


@pytest.fixture
def services(pg_db: Database) -> Services:
    ctx = context(pg_db, "coordinator.a")
    fill_demo_data(ctx, today=TODAY)
    found = Services(ctx)
    found.referrals.first_rows(PAGE)  # the process's first read also reads the clock context
    return found


def test_each_list_and_screen_read_is_one_round_trip(pg_db: Database, services: Services) -> None:
    rid = services.referrals.first_rows(PAGE).rows[0].id
    mid = services.meetings.list_rows()[0].id
    review_id = services.library.ids(LibraryQuery())[0]
    reads = {
        "referral list, first page": lambda: services.referrals.first_rows(PAGE),
        "referral list, every row": services.referrals.list_rows,
        "referral screen": lambda: services.referrals.screen(rid),
        "library list (ids, theme counts, size)": lambda: services.library.listing(LibraryQuery()),
        "panel list": services.meetings.list_rows,
        "meeting screen (agenda, people, papers, actions, clocks)": lambda: services.meetings.screen(mid),
        "review screen (record, clocks, steps, requests, plan, summary)": lambda: services.reviews.screen(review_id),
    }
    for name, read in reads.items():
        with round_trips(pg_db) as trips:
            read()
        assert len(trips) == 1 and len(selects(trips)) == 1, (name, trips)


def test_the_pool_pings_only_a_connection_that_sat_idle(pg_db: Database, services: Services,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert not pg_db.engine.pool._pre_ping  # not one ping per checkout (per transaction)
    with round_trips(pg_db) as trips:
        for _ in range(3):
            services.referrals.first_rows(PAGE)
    assert "PING" not in trips and len(trips) == 3, trips
    monkeypatch.setattr(database_module, "IDLE_PING_SECONDS", 0.0)  # as if every connection had sat idle
    with round_trips(pg_db) as trips:
        services.referrals.first_rows(PAGE)
    assert trips[0] == "PING" and len(trips) == 2, trips


def test_a_write_reads_the_clock_context_with_its_rows_not_beside_them(pg_db: Database, services: Services) -> None:
    ctx = services.ctx
    rid, _ = ReferralService(ctx).create(ReferralInput(reference="RT-1", received_date=RECEIVED,
                                                       child_pseudonym="Child R"))  # clocks cannot start yet
    version = referral_version(ctx, rid)
    with round_trips(pg_db) as trips:
        ReferralService(ctx).update(rid, version, la_aware_date=LA_AWARE)
    plain = [t for t in trips if t.startswith(("SELECT organisation_setting", "SELECT closure_day"))]
    assert plain == [], trips
    assert any("next_due_seq" in t and "sha256(" in t for t in trips), trips  # the rows and the context: one read
    assert any(t.startswith("UPDATE referral SET next_due") for t in trips), trips  # its clocks can start now
    assert_stored_equals_engine(pg_db)


def _engine_due(services: Services, rid: int) -> dt.date | None:
    """The engine's headline due date (every clock computed from the inputs, settings read afresh)."""
    return next(r.next_due for r in services.referrals.watch_rows() if r.id == rid)


def test_a_closure_day_added_by_another_program_is_in_the_next_list(pg_db: Database, services: Services) -> None:
    """Not through the services (no version moved, no stored clock refreshed): the cache's version is the
    content itself, so the next read sees the closure day, and the rows stored under the old days are computed
    by the engine (and stored afresh) — never shown as they were."""
    page = services.referrals.first_rows(PAGE)
    row = next(r for r in page.rows if r.next_due is not None and r.next_due > TODAY)
    other = open_database(pg_db.url)
    try:
        with other.engine.begin() as conn:
            conn.execute(text("INSERT INTO closure_day (day, reason, created_at, created_by, updated_at, updated_by) "
                              "VALUES (:day, 'Flood', now(), 'dba', now(), 'dba')"), {"day": row.next_due})
    finally:
        other.dispose()
    with round_trips(pg_db) as trips:
        after = {r.id: r for r in services.referrals.first_rows(PAGE).rows}
    # The page under the old context, the context read afresh (its version differed), the page again; then,
    # its stored clocks being out of date, they are stored afresh (a coordinator may) and the page read again.
    assert 3 <= len(selects(trips)) and any("sha256(" in t and "json_agg" in t for t in trips), trips
    assert after[row.id].next_due != row.next_due
    assert after[row.id].next_due == _engine_due(services, row.id)
    assert {r.id: r.next_due for r in services.referrals.list_rows()}[row.id] == after[row.id].next_due
    assert_stored_equals_engine(pg_db)


def test_settings_and_closures_changed_through_the_app_move_the_list_at_once(pg_db: Database,
                                                                              services: Services) -> None:
    admin = context(pg_db, "admin")
    page = services.referrals.first_rows(PAGE)
    row = next(r for r in page.rows if r.next_due is not None and r.next_due > TODAY)
    add_closure(admin, row.next_due, "Council closure")  # moves every clock in the same transaction
    with round_trips(pg_db) as trips:
        moved = {r.id: r for r in services.referrals.first_rows(PAGE).rows}
    # The write read the new context with its rows (and this process remembers it): still one statement.
    assert len(trips) == 1, trips
    assert moved[row.id].next_due != row.next_due and moved[row.id].next_due == _engine_due(services, row.id)
    save_settings(admin, {"panel_response_working_days": 20},
                  expected={"panel_response_working_days": settings_versions(admin)["panel_response_working_days"]})
    shown = {r.id: r.next_due for r in services.referrals.first_rows(PAGE).rows}
    engine = {r.id: r.next_due for r in services.referrals.watch_rows()}
    assert shown == {rid: engine[rid] for rid in shown}
    assert_stored_equals_engine(pg_db)
    with pg_db.sessions() as s:
        assert s.scalar(select(Referral.id).where(Referral.next_due_basis.is_(None))) is None

"""Issue 12, "Time to data": the referral list's headline clock is stored (migration 0007) and kept equal to the
clock engine's after every kind of change, on SQLite and PostgreSQL; the first page is one query ordered by it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import sheets
from next_due_check import assert_stored_equals_engine
from records import ALL_YES, LA_AWARE, RECEIVED, TODAY, context, referral, referral_version, setup
from sqlalchemy import event, func, select, text

from scpdesk.models import ClockPause, Referral
from scpdesk.models.database import Database
from scpdesk.models.enums import Decision, Route
from scpdesk.models.timeframes import ClockState
from scpdesk.models.words import state_text
from scpdesk.services import ServiceContext, Services
from scpdesk.services.access import Access
from scpdesk.services.demo import fill_bulk, fill_demo_data
from scpdesk.services.organisation.closures import add_closure, list_closures, remove_closure
from scpdesk.services.referrals.referral_io import IMPORT_COLUMNS, import_referrals
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import WorkflowService
from scpdesk.services.settings import save_settings, settings_versions


@pytest.mark.parametrize("window", [False, True], ids=["services", "window"])
def test_stored_clocks_equal_the_engine_after_every_kind_of_change(db: Database, tmp_path: Path,
                                                                   window: bool) -> None:
    """``window``: the window's services, whose writes read the referral's screen back in their transaction and
    store the clock from that read (``next_due.prime``) instead of reading the clock inputs again."""
    ctx = context(db, "coordinator.a")
    fill_demo_data(ctx, today=TODAY)
    assert assert_stored_equals_engine(db) > 5
    world = setup(ctx)
    referrals, wf = ReferralService(ctx), WorkflowService(ctx)
    if window:
        services = Services(ctx)
        referrals, wf = services.referrals, services.workflow

    # Intake without the LA-aware date (clocks cannot start), then the date typed in by an edit.
    rid, _ = referrals.create(ReferralInput(reference="ND-1", received_date=RECEIVED, child_pseudonym="Child N"))
    assert_stored_equals_engine(db)
    referrals.update(rid, referral_version(ctx, rid), la_aware_date=LA_AWARE)
    assert_stored_equals_engine(db)
    # Every workflow step.
    wf.screen(rid, referral_version(ctx, rid), route=Route.RAPID_REVIEW, screened_date=RECEIVED)
    assert_stored_equals_engine(db)
    wf.record_sin(rid, referral_version(ctx, rid), sin_reference="NP-9", sent_date=dt.date(2025, 12, 23))
    assert_stored_equals_engine(db)
    wf.notify_partners(rid, referral_version(ctx, rid), notified_date=dt.date(2025, 12, 24))
    assert_stored_equals_engine(db)
    later = referral(ctx, world, "completed", "ND-2")  # start, sign-offs and completion
    assert_stored_equals_engine(db)
    wf.send_to_panel(later, referral_version(ctx, later), sent_date=dt.date(2026, 1, 14))
    assert_stored_equals_engine(db)
    # Pause and resume (the pause's reason shows with an overdue clock).
    wf.pause_clock(rid, clock_key="rapid_review", reason="Awaiting disclosure", paused_date=dt.date(2026, 1, 5))
    assert_stored_equals_engine(db)
    [pause_id] = db.sessions().scalars(select(ClockPause.id).where(ClockPause.referral_id == rid)).all()
    wf.resume_clock(rid, referral_version(ctx, rid), pause_id, resumed_date=dt.date(2026, 1, 8))
    assert_stored_equals_engine(db)
    wf.record_panel_response(later, referral_version(ctx, later), response_date=dt.date(2026, 1, 28),
                             view="Agreed")
    assert_stored_equals_engine(db)
    wf.decide(later, referral_version(ctx, later), decision=Decision.NO_FURTHER_REVIEW,
              decision_date=dt.date(2026, 1, 29), rationale="Learning captured", criteria=ALL_YES, confirmed=True)
    assert_stored_equals_engine(db)
    # Closure days added and removed, and the clock settings changed.
    admin = context(db, "admin")
    add_closure(admin, dt.date(2026, 1, 7), "Council closure")
    assert_stored_equals_engine(db)
    remove_closure(admin, dt.date(2025, 12, 29), list_closures(admin)[0].version)  # the demo's
    assert_stored_equals_engine(db)
    for change in ({"panel_response_working_days": 3}, {"rapid_review_start": "sin_sent"}):
        save_settings(admin, change, expected={k: settings_versions(admin)[k] for k in change})
        assert_stored_equals_engine(db)
    # An import.
    header = list(IMPORT_COLUMNS)
    rows = [{"reference": "ND-IMP-1", "received_date": "2025-12-22", "child_pseudonym": "Child I",
             "la_aware_date": "2025-12-19", "route": "rapid_review"},
            {"reference": "ND-IMP-2", "received_date": "2025-12-22", "child_pseudonym": "Child J",
             "la_aware_date": "", "route": "rapid_review"}]
    import_referrals(ctx, sheets.write_csv(tmp_path / "r.csv", header, rows))
    assert assert_stored_equals_engine(db) > 10


def test_bulk_data_is_stored_and_a_stale_row_is_never_trusted(db: Database) -> None:
    ctx = context(db, "bench")
    fill_bulk(ctx, referrals=600, reviews=0, today=TODAY)
    assert assert_stored_equals_engine(db) == 600
    # A row whose stored clock says nothing is open, written under another basis (another version, a write
    # that skipped the hooks): the list computes it with the engine rather than hide its clock.
    with db.engine.begin() as conn:
        rid = conn.execute(select(Referral.id).where(Referral.next_due_date.is_not(None)).limit(1)).scalar()
        conn.execute(Referral.__table__.update().where(Referral.__table__.c.id == rid).values(
            next_clock=None, next_due_date=None, next_due_basis="old"))
        # ...and every other row too (a new holiday package: more rows than one IN list binds).
        conn.execute(Referral.__table__.update().values(next_due_basis="old"))
    engine = {r.id: dataclasses.replace(r, open_clocks=()) for r in ReferralService(ctx).watch_rows()}
    listed = {r.id: r for r in ReferralService(ctx).list_rows()}
    assert listed[rid] == engine[rid] and listed[rid].next_due is not None
    urgent = [r.id for r in sorted(engine.values(), key=lambda r: (
        r.next_due is None, r.next_due or dt.date.max, -r.received_date.toordinal(), -r.id))][:20]
    # A viewer (who may not write) gets the first page computed by the engine: the stored order is not trusted.
    viewer = ServiceContext(db, user="viewer", today=lambda: TODAY, access=Access(user="viewer", edit=False))
    assert [r.id for r in ReferralService(viewer).first_rows(20).rows] == urgent
    with db.sessions() as s:
        assert s.scalar(select(func.count()).where(Referral.next_due_basis == "old")) == 600
    # A coordinator's start stores them afresh, then reads the page down the index.
    assert [r.id for r in ReferralService(ctx).first_rows(20).rows] == urgent
    assert_stored_equals_engine(db)
    # A closure-day or settings change stores every row under its new basis.
    save_settings(ctx, {"panel_response_working_days": 11}, expected={"panel_response_working_days": 0})
    assert_stored_equals_engine(db)


def test_the_first_page_is_the_most_urgent_rows_in_a_few_statements(db: Database) -> None:
    ctx = context(db, "bench")
    fill_bulk(ctx, referrals=400, reviews=0, today=TODAY)
    service = ReferralService(ctx)
    everything = service.list_rows()
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = service.first_rows(50)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert page.total == 400 and not page.complete
    assert list(page.rows) == everything[:50]
    # Settings, closure days, the page, its agencies and children: no query per row, no clock computed.
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 4, statements
    dues = [r.next_due for r in everything if r.next_due is not None]
    assert dues == sorted(dues) and everything[-1].next_due is None or len(dues) == len(everything)


def test_an_unrelated_write_costs_no_statement_and_a_clock_write_only_a_few(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    rid = referral(ctx, world, "screening", "ND-3")
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        version = referral_version(ctx, rid)
        statements.clear()
        ReferralService(ctx).update(rid, version, summary="More detail")
        unrelated = [s for s in statements if "next_due" in s]
        version = referral_version(ctx, rid)
        statements.clear()
        ReferralService(ctx).update(rid, version, la_aware_date=dt.date(2025, 12, 18))
        related = [s for s in statements if "next_due" in s or "organisation_setting" in s or "closure_day" in s]
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert unrelated == []
    assert len(related) <= 4, related  # settings, closure days, the referral's inputs, one UPDATE
    assert_stored_equals_engine(db)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_after_the_upgrade_from_0006_the_first_start_stores_the_engines_clocks(
        tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> None:
    from alembic import command

    from scpdesk.models import schema
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url
    from scpdesk.services.referrals.next_due import refresh_next_due

    if backend == "sqlite":
        url = sqlite_url(tmp_path / "old.sqlite3")
    else:
        server = request.getfixturevalue("pg_server")
        url = server.create_database("scpdesk_upgrade_0006_next_due")
        request.addfinalizer(lambda: server.drop_database("scpdesk_upgrade_0006_next_due"))
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            command.upgrade(schema._alembic_config(conn), "0006")
            conn.commit()
            stamp = "'2026-01-01 00:00:00', 'old', '2026-01-01 00:00:00', 'old', 1"
            conn.execute(text(
                "INSERT INTO referral (id, reference, received_date, route_requested, route, status, la_aware_date, "
                "partners_aware_date, sin_sent_date, referrer_name, referrer_role, referrer_contact, "
                "lead_approval_name, screening_notes, reason, summary, sin_reference, decision_rationale, "
                f"created_at, created_by, updated_at, updated_by, version) VALUES "
                f"(1, 'OLD-1', '2025-12-22', 'unsure', 'rapid_review', 'screening', '2025-12-19', NULL, NULL, "
                f"'', '', '', '', '', '', '', '', '', {stamp}), "
                f"(2, 'OLD-2', '2025-12-22', 'unsure', NULL, 'received', NULL, NULL, NULL, "
                f"'', '', '', '', '', '', '', '', '', {stamp}), "
                f"(3, 'OLD-3', '2026-03-02', 'unsure', 'rapid_review', 'rapid_review', '2026-02-27', NULL, "
                f"'2026-03-03', '', '', '', '', '', '', '', '', '', {stamp})"))
            conn.execute(text(
                "INSERT INTO clock_pause (referral_id, clock_key, reason, paused_date, created_at, created_by, "
                "updated_at, updated_by) VALUES (1, 'rapid_review', 'Awaiting disclosure', '2026-01-05', "
                "'2026-01-05 00:00:00', 'old', '2026-01-05 00:00:00', 'old')"))
            conn.commit()
        schema.prepare(db, backup_dir=None, allow_upgrade=True)
        assert schema.current_revision(db) == schema.HEAD_REVISION
        with db.sessions() as s:  # the upgrade stores nothing (never a value the engine did not give)
            assert s.execute(select(Referral.next_due_basis, Referral.next_due_date)).all() == [(None, None)] * 3
        with db.sessions() as s:  # what the first start by a login that may edit does (_restore_clocks)
            assert refresh_next_due(s) == 3
            s.commit()
        assert assert_stored_equals_engine(db) == 3
        with db.sessions() as s:
            assert s.execute(select(Referral.reference, Referral.next_clock, Referral.next_due_date,
                                    Referral.next_paused_reason, Referral.next_missing)
                             .order_by(Referral.id)).all() == [
                ("OLD-1", "sin", dt.date(2025, 12, 30), None, None),
                ("OLD-2", "sin", None, None, 3),
                ("OLD-3", "notify_partners", dt.date(2026, 3, 6), None, None)]
    finally:
        db.dispose()


def test_a_referral_whose_clocks_cannot_start_is_never_sorted_below_the_page(db: Database) -> None:
    """Tester (issue 12): a referral without its LA-awareness date has clocks that cannot start — the engine's
    most urgent line (``clocks.open_clocks`` puts it first). The stored list sorted it with "nothing open", after
    every dated row, so the first page (and a long list's top) hid it: a deadline sorted away."""
    ctx = context(db, "bench")
    fill_bulk(ctx, referrals=60, reviews=0, today=TODAY)
    world = setup(ctx)
    rid, _ = ReferralService(ctx).create(ReferralInput(
        reference="NO-LA-DATE", received_date=RECEIVED - dt.timedelta(days=200), child_pseudonym="Child M",
        la_aware_date=None, agency_ids=(world.agencies["la"],)))
    service = ReferralService(ctx)
    listed = service.list_rows()
    assert listed[0].id == rid and listed[0].next_due is None and listed[0].state_key is ClockState.START_MISSING
    assert "not started" in state_text(listed[0].state_key, detail=listed[0].state_detail)
    assert [r.id for r in service.first_rows(20).rows] == [r.id for r in listed[:20]]
    dues = [r.next_due for r in listed[1:] if r.next_due is not None]
    assert dues == sorted(dues)

"""The audit cannot lie (issue 10), on SQLite and PostgreSQL: the database refuses UPDATE and DELETE on it,
the hash chain and the anchors outside the table expose any tampering (``scpdesk db check`` names the first
broken row), values are stored whole, deletes keep every old value, identity values are keyed hashes, and a
file is placed only after its audit row commits."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from scpdesk.cli import EXIT_ERROR, EXIT_OK, main
from scpdesk.errors import StorageError, UserError
from scpdesk.models import AuditEvent, ChildIdentity, Meeting, Referral
from scpdesk.models import audit as audit_module
from scpdesk.models.audit import GENESIS, link_hash, verify_chain
from scpdesk.models.database import Database
from scpdesk.models.enums import AuditAction, MeetingKind, ReviewStatus
from scpdesk.services import ServiceContext, Services
from scpdesk.services.panel.calendar import export_meeting_ics
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput

TODAY = dt.date(2026, 11, 25)
IDENTITY = IdentityInput(full_name="Amelia Quartermaine-Test", date_of_birth=dt.date(2015, 2, 3),
                         nhs_number="943 476 5919", address="12 Larkspur Close, Bramblewick, BW4 7QT")


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, user="coordinator.a", today=lambda: TODAY)


def intake(ctx: ServiceContext, reference: str = "NSCP-2026-1", summary: str = "Summary.") -> int:
    rid, _ = Services(ctx).referrals.create(ReferralInput(
        reference=reference, received_date=dt.date(2026, 11, 2), child_pseudonym="Child Q", summary=summary,
        children=(ChildInput("Child Q", identity=IDENTITY),)))
    return rid


def audit_rows(db: Database) -> list[AuditEvent]:
    with db.sessions() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def check(db: Database, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--database", db.url, "--data-dir", str(data_dir), "db", "check"])
    return code, capsys.readouterr().out


def drop_guards(db: Database) -> None:
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER audit_event_no_update")
            conn.exec_driver_sql("DROP TRIGGER audit_event_no_delete")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_event_no_change ON audit_event")


# -- refused by the database itself -------------------------------------------------------------------------

@pytest.mark.parametrize("statement", ["UPDATE audit_event SET new_value = 'forged' WHERE id = {id}",
                                       "DELETE FROM audit_event WHERE id = {id}",
                                       "DELETE FROM audit_event"])
def test_update_and_delete_of_audit_rows_are_refused_by_the_database(ctx: ServiceContext, statement: str) -> None:
    intake(ctx)
    rows = audit_rows(ctx.db)
    with pytest.raises(DBAPIError, match="append-only"), ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(statement.format(id=rows[0].id))
    assert [(r.id, r.new_value) for r in audit_rows(ctx.db)] == [(r.id, r.new_value) for r in rows]


def test_truncate_is_refused_on_postgresql(pg_db: Database) -> None:
    intake(ServiceContext(pg_db, user="coordinator.a", today=lambda: TODAY))
    before = len(audit_rows(pg_db))
    with pytest.raises(DBAPIError, match="append-only"), pg_db.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE audit_event")
    assert len(audit_rows(pg_db)) == before > 0


def test_a_plain_sqlite3_client_cannot_change_or_delete_audit_rows(sqlite_db_url: str) -> None:
    from scpdesk.models.database import open_database

    db = open_database(sqlite_db_url)
    try:
        intake(ServiceContext(db, user="coordinator.a", today=lambda: TODAY))
        path, count = db.sqlite_path, len(audit_rows(db))
    finally:
        db.dispose()
    with sqlite3.connect(path) as plain:
        for statement in ("DELETE FROM audit_event", "UPDATE audit_event SET user = 'the.director'"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                plain.execute(statement)
        assert plain.execute("SELECT count(*) FROM audit_event").fetchone()[0] == count


# -- the chain, and db check ---------------------------------------------------------------------------------

def test_every_row_links_to_the_one_before(ctx: ServiceContext) -> None:
    intake(ctx)
    intake(ctx, "NSCP-2026-2")
    rows = audit_rows(ctx.db)
    prev = GENESIS
    for row in rows:
        assert row.prev_hash == prev and row.row_hash == link_hash(prev, row)
        prev = row.row_hash
    with ctx.db.engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok and report.rows == len(rows) and report.head_id == rows[-1].id


def _tamper_edit(db: Database, rows: list[AuditEvent]) -> int:
    target = rows[len(rows) // 2]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET \"user\" = 'the.director' WHERE id = :id"), {"id": target.id})
    return target.id


def _tamper_delete(db: Database, rows: list[AuditEvent]) -> int:
    target = rows[len(rows) // 2]
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": target.id})
    return rows[len(rows) // 2 + 1].id  # the row after the gap no longer links


def _tamper_rewrite_all(db: Database, rows: list[AuditEvent]) -> int:
    """Forge one row and recompute every hash so the chain is consistent again: only the anchors can tell."""
    target = rows[1]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET old_value = 'forged' WHERE id = :id"), {"id": target.id})
        prev = GENESIS
        for row in conn.execute(select(AuditEvent.__table__).order_by(AuditEvent.id)).all():
            new_hash = link_hash(prev, row)
            conn.execute(text("UPDATE audit_event SET prev_hash = :p, row_hash = :h WHERE id = :id"),
                         {"p": prev, "h": new_hash, "id": row.id})
            prev = new_hash
    return rows[-1].id  # the newest anchored row no longer carries the anchored hash


def _tamper_cut_tail(db: Database, rows: list[AuditEvent]) -> int:
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id >= :id"), {"id": rows[-3].id})
    return rows[-1].id  # the anchored head is gone


@pytest.mark.parametrize("tamper", [_tamper_edit, _tamper_delete, _tamper_rewrite_all, _tamper_cut_tail])
def test_db_check_finds_tampering_and_names_the_first_broken_row(
        ctx: ServiceContext, tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper) -> None:
    intake(ctx)
    intake(ctx, "NSCP-2026-2")
    code, out = check(ctx.db, tmp_path, capsys)
    assert code == EXIT_OK and "audit chain: OK" in out, out  # and the head is anchored outside the table
    rows = audit_rows(ctx.db)
    drop_guards(ctx.db)
    first_broken = tamper(ctx.db, rows)
    code, out = check(ctx.db, tmp_path, capsys)
    assert code == EXIT_ERROR
    assert f"first broken link at audit row {first_broken}" in out, out


def test_a_rewritten_chain_is_also_caught_by_a_backup_sidecar(sqlite_db_url: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from scpdesk.models import schema
    from scpdesk.models.database import open_database

    db = open_database(sqlite_db_url)
    try:
        intake(ServiceContext(db, user="coordinator.a", today=lambda: TODAY))
        (tmp_path / "data" / "backups").mkdir(parents=True)
        saved = schema.backup(db, tmp_path / "data" / "backups" / "copy.sqlite3")
        assert Path(str(saved) + ".audit-head").exists()
        rows = audit_rows(db)
        drop_guards(db)
        _tamper_rewrite_all(db, rows)
        code, out = check(db, tmp_path / "data", capsys)  # no anchors store: only the backup's sidecar
    finally:
        db.dispose()
    assert code == EXIT_ERROR and f"first broken link at audit row {rows[-1].id}" in out, out


def test_two_writers_never_fork_the_chain(ctx: ServiceContext) -> None:
    """Four threads write 10 referrals each at once; every row must still link to the one before."""
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        for i in range(10):
            try:
                intake(ctx, f"NSCP-2026-{n}{i:02d}")
            except StorageError as exc:  # SQLite: a writer may find the file busy (then nothing is saved)
                errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(1, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    with ctx.db.engine.connect() as conn:
        report = verify_chain(conn)
        saved = conn.execute(select(func.count()).select_from(Referral)).scalar()
    assert report.ok, report.problems
    assert saved + len(errors) == 40
    # PostgreSQL waits for the chain lock: every write lands. SQLite refuses a writer whose snapshot another
    # writer moved (reported as busy, nothing saved) — it can lose the race but never fork the chain.
    assert saved == 40 if not ctx.db.is_sqlite else saved >= 1


# -- what the rows hold -----------------------------------------------------------------------------------

def test_long_values_are_stored_whole_and_deletes_keep_every_old_value(ctx: ServiceContext) -> None:
    long_summary = "Chronology. " * 2_000  # 24,000 characters
    rid = intake(ctx, summary=long_summary)
    with ctx.db.sessions() as s:
        stored = s.scalar(select(AuditEvent.new_value).where(AuditEvent.entity == "referral",
                                                             AuditEvent.field == "summary"))
    assert stored == long_summary.strip() or stored == long_summary
    with ctx.unit_of_work() as s:
        s.delete(s.get(Referral, rid))
    with ctx.db.sessions() as s:
        deleted = dict(s.execute(select(AuditEvent.field, AuditEvent.old_value).where(
            AuditEvent.entity == "referral", AuditEvent.entity_id == str(rid),
            AuditEvent.action == AuditAction.DELETE)).all())
    assert deleted[""] is None  # the marker row
    assert deleted["reference"] == "NSCP-2026-1" and deleted["received_date"] == "2026-11-02"
    assert deleted["summary"] in (long_summary, long_summary.strip())
    assert deleted["created_by"] == "coordinator.a" and deleted["version"] == "1"


def test_identity_values_are_keyed_hashes_and_os_user_is_recorded(ctx: ServiceContext) -> None:
    intake(ctx)
    with ctx.db.sessions() as s:
        rows = s.execute(select(AuditEvent.field, AuditEvent.new_value, AuditEvent.os_user)
                         .where(AuditEvent.entity == "child_identity")).all()
    fields = {f for f, _v, _o in rows}
    assert {"full_name", "date_of_birth", "nhs_number", "address"} <= fields
    assert all(v is None or (v.startswith("hmac-sha256:") and len(v) == 12 + 64) for _f, v, _o in rows)
    everything = " ".join(str(v) for _f, v, _o in rows)
    for value in ("Amelia", "Quartermaine", "2015-02-03", "9434765919", "943 476 5919", "Larkspur", "BW4"):
        assert value not in everything
    assert all(o for _f, _v, o in rows)  # the OS account beside the user
    with ctx.unit_of_work() as s:  # a delete keeps every old value: identity values keyed, bookkeeping plain
        s.delete(s.get(Referral, s.scalar(select(Referral.id))))
    with ctx.db.sessions() as s:
        old = dict(s.execute(select(AuditEvent.field, AuditEvent.old_value).where(
            AuditEvent.entity == "child_identity", AuditEvent.action == AuditAction.DELETE)).all())
    assert all(old[f].startswith("hmac-sha256:") for f in ("full_name", "date_of_birth", "nhs_number", "address"))
    assert old["created_by"] == "coordinator.a" and old["version"] == "1" and old["child_id"].isdigit()
    assert old["full_name"] == dict((f, v) for f, v, _o in rows)["full_name"]  # same value, same keyed hash


def test_reading_an_identity_is_audited_without_the_values(ctx: ServiceContext) -> None:
    rid = intake(ctx)
    [(pseudonym, shown)] = Services(ctx).referrals.identities(rid)
    assert shown.full_name == IDENTITY.full_name
    with ctx.db.sessions() as s:
        [read] = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.READ)).all()
        identity_id = s.scalar(select(ChildIdentity.id))
    assert (read.entity, read.entity_id, read.user) == ("child_identity", str(identity_id), "coordinator.a")
    assert "Amelia" not in (read.new_value or "") and "full_name" in (read.new_value or "")


# -- files appear only after their audit row commits ---------------------------------------------------------

def _meeting(ctx: ServiceContext) -> int:
    from scpdesk.services.panel.meetings import MeetingInput

    mid, _ = Services(ctx).meetings.create(MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY,
                                                        start_time=dt.time(10, 0)))
    return mid


def test_calendar_export_is_audited(ctx: ServiceContext, tmp_path: Path) -> None:
    mid = _meeting(ctx)
    out = export_meeting_ics(ctx, mid, tmp_path / "invite.ics")
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    with ctx.db.sessions() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)).all()
    assert (event.entity, event.entity_id, event.field) == ("meeting", str(mid), "calendar")


def _fail_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(conn, rows):
        raise DBAPIError("INSERT INTO audit_event", {}, OSError("disk I/O error"))

    monkeypatch.setattr(audit_module, "append_rows", refuse)


def test_a_failed_audit_leaves_no_file(ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk.services.library.actions import export_plan_pdf
    from scpdesk.services.library.learning_summary import export_learning_summary
    from scpdesk.services.panel.meeting_pack import produce_pack
    from scpdesk.services.referrals.referral_io import export_referrals

    mid = _meeting(ctx)
    intake(ctx)
    with ctx.unit_of_work() as s:
        from scpdesk.models import Review
        from scpdesk.models.enums import ReviewType

        review = Review(reference="NSCP-CR-1", title="Child Q", pseudonym="Child Q",
                        review_type=ReviewType.LEARNING_SUMMARY, status=ReviewStatus.PUBLISHED, summary="About.")
        s.add(review)
        s.flush()
        review_id = review.id
    _fail_audit(monkeypatch)
    attempts = {
        "pack.pdf": lambda p: produce_pack(ctx, mid, p),
        "invite.ics": lambda p: export_meeting_ics(ctx, mid, p),
        "referrals.csv": lambda p: export_referrals(ctx, p, "csv"),
        "summary.html": lambda p: export_learning_summary(ctx, review_id, p, fmt="html"),
        "summary.pdf": lambda p: export_learning_summary(ctx, review_id, p),
        "plan.pdf": lambda p: export_plan_pdf(ctx, review_id, p),
    }
    out = tmp_path / "out"
    out.mkdir()
    for name, attempt in attempts.items():
        with pytest.raises((StorageError, DBAPIError)):
            attempt(out / name)
    assert sorted(p.name for p in out.iterdir()) == [], "a file was placed without its audit row"
    with ctx.db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action.in_([AuditAction.PRINT, AuditAction.EXPORT]))) == 0
        assert s.scalar(select(func.count()).select_from(Meeting)) == 1


def test_publication_guard_refuses_every_identity_value_and_names_the_place(ctx: ServiceContext) -> None:
    from scpdesk.models import Review
    from scpdesk.models.enums import ReviewType
    from scpdesk.services.library.learning_summary import save_content, summary_data

    rid = intake(ctx)
    with ctx.unit_of_work() as s:
        review = Review(reference="NSCP-CR-1", title="Child Q", pseudonym="Child Q", referral_id=rid,
                        review_type=ReviewType.LEARNING_SUMMARY, status=ReviewStatus.PUBLISHED,
                        summary="About Child Q.")
        s.add(review)
        s.flush()
        review_id = review.id
    version = 0
    for leak, what in [("amelia  QUARTERMAINE-test came", "real name"), ("born 03/02/2015", "date of birth"),
                       ("born 3 February 2015", "date of birth"), ("born 3 Feb 2015.", "date of birth"),
                       ("born 2015-02-03", "date of birth"), ("born 3rd of February, 2015", "date of birth"),
                       ("NHS 9434765919", "NHS number"), ("NHS 943-476-5919", "NHS number"),
                       ("lived at 12 larkspur close", "address"), ("postcode bw47qt", "postcode"),
                       ("postcode BW4 7QT", "postcode"), ("ref 401 023 2137", "NHS"),
                       ("ref 4010232137", "NHS")]:
        with pytest.raises(UserError, match=what) as raised:
            save_content(ctx, review_id, version, what_happened=f"Line one.\n{leak}")
        assert "what happened" in str(raised.value), leak
    version = 0
    save_content(ctx, review_id, version, what_happened="Child Q lived in Bramblewick; call 0113 496 0000.")
    assert summary_data(ctx, review_id).what_happened.startswith("Child Q")  # a town alone, a phone number: fine
    with ctx.unit_of_work() as s:  # text typed elsewhere (an action) is checked before printing too
        s.get(Review, review_id).learning_points = "Ask about 12 Larkspur Close"
    with pytest.raises(UserError, match="address") as raised:
        summary_data(ctx, review_id)
    assert "key learning" in str(raised.value) and "item 1" in str(raised.value)
    with ctx.db.sessions() as s:
        checks = s.scalars(select(AuditEvent.new_value).where(AuditEvent.action == AuditAction.READ,
                                                             AuditEvent.field == "publication_check")).all()
    assert any("refused, address found in the section 'key learning', item 1" in c for c in checks)
    assert all("Larkspur" not in c and "Amelia" not in c for c in checks)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
@pytest.mark.parametrize("start", ["0002", "0004"])
def test_the_upgrade_links_rows_written_before_it(tmp_path: Path, backend: str, start: str,
                                                  request: pytest.FixtureRequest) -> None:
    """A database at schema 0002, or at 0004 as released with roles and row security, with audit rows: the
    upgrade chains them, oldest first, then guards the table (and on a server puts the policy back)."""
    from alembic import command

    from scpdesk.models import schema
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url

    if backend == "sqlite":
        url = sqlite_url(tmp_path / "old.sqlite3")
    else:
        server = request.getfixturevalue("pg_server")
        url = server.create_database(f"scpdesk_upgrade_{start}")
        request.addfinalizer(lambda: server.drop_database(f"scpdesk_upgrade_{start}"))
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            command.upgrade(schema._alembic_config(conn), start)
            conn.commit()
            who = "'old.user'" if backend == "sqlite" else "session_user"  # 0004's policy: the login's own name
            if backend != "sqlite" and start == "0004":  # the released 0004 also made this yes/no oracle
                conn.exec_driver_sql("CREATE FUNCTION scpdesk_identity_named_in(integer, text) RETURNS boolean "
                                     "LANGUAGE sql SECURITY DEFINER AS 'SELECT false'")
            for n in range(3):
                conn.execute(text("INSERT INTO audit_event (occurred_at, \"user\", action, entity, entity_id, field, "
                                  f"old_value, new_value) VALUES (:at, {who}, 'update', 'referral', '1', "
                                  "'summary', :old, :new)"),
                             {"at": dt.datetime(2026, 1, 5, 9, n), "old": f"v{n}", "new": "x" * 5000})
            conn.commit()
        schema.prepare(db, backup_dir=None, allow_upgrade=True)
        with db.engine.connect() as conn:
            report = verify_chain(conn)
            assert schema.current_revision(db) == schema.HEAD_REVISION
            if backend != "sqlite":
                from scpdesk.models.roles import problems

                assert problems(conn) == []  # grants and row security as a new database's
                assert conn.exec_driver_sql(
                    "SELECT to_regprocedure('scpdesk_identity_named_in(integer, text)')").scalar() is None
        assert report.ok and report.rows == 3
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM audit_event")
    finally:
        db.dispose()


def test_the_head_is_anchored_at_start_and_close_with_ids_and_hashes_only(
        db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import json
    import logging

    from scpdesk.services.registry import open_services

    caplog.set_level(logging.INFO, logger="scpdesk.models.audit")
    data = tmp_path / "data"
    services = open_services(db_url, user="coordinator.a", backup_dir=data / "backups")
    intake(ServiceContext(services.db, user="coordinator.a", today=lambda: TODAY))  # an empty chain has no head
    services.close()
    open_services(db_url, user="coordinator.a", backup_dir=data / "backups").close()
    anchors = [json.loads(line) for line in (data / "audit-anchors.jsonl").read_text("utf-8").splitlines()]
    assert [a["why"] for a in anchors] == ["close", "start", "close"]
    assert anchors[1]["id"] == anchors[0]["id"] > 0 and len(anchors[1]["hash"]) == 64
    assert set(anchors[1]) == {"database", "id", "hash", "why", "at"}
    logged = [r.getMessage() for r in caplog.records if "audit head" in r.getMessage()]
    assert logged[-1] == f"audit head (close): id={anchors[1]['id']} hash={anchors[1]['hash']}"


def test_a_transaction_with_thousands_of_audit_rows_is_written_in_order(ctx: ServiceContext) -> None:
    """A big import's rows exceed one statement's parameter limit: they are written in chunks, still in order."""
    from scpdesk.models.audit import record

    with ctx.unit_of_work() as s:
        for n in range(3_200):
            record(s, AuditAction.IMPORT, "referral", n, field="file", new=f"row {n}")
    with ctx.db.engine.connect() as conn:
        report = verify_chain(conn)
        values = conn.execute(select(AuditEvent.new_value).order_by(AuditEvent.id)).scalars().all()
    assert report.ok and report.rows == 3_200
    assert values == [f"row {n}" for n in range(3_200)]


def test_a_first_broken_link_does_not_hide_tampering_further_on(
        ctx: ServiceContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Any login may append audit rows, so one unlinked row (a careless script, or a login breaking the chain on
    purpose, under its own name) is permanent; it must not blind the check to a later edit: every broken link
    is named, not only the first."""
    intake(ctx)
    with ctx.db.engine.begin() as conn:  # an unlinked row, as a hostile or broken client could append
        user = conn.exec_driver_sql("SELECT session_user").scalar() if not ctx.db.is_sqlite else "someone"
        conn.execute(text("INSERT INTO audit_event (occurred_at, \"user\", os_user, action, entity, entity_id, field, "
                          "prev_hash, row_hash) VALUES (:at, :user, '', 'export', 'referral', '1', '', :bad, :bad)"),
                     {"at": dt.datetime(2026, 11, 25, 9, 0), "user": user, "bad": "f" * 64})
    vandal = audit_rows(ctx.db)[-1].id
    intake(ctx, "NSCP-2026-2")  # the app links its rows to whatever the head is
    rows = audit_rows(ctx.db)
    target = rows[-2]
    drop_guards(ctx.db)
    with ctx.db.engine.begin() as conn:  # the real tampering, after the first break
        conn.execute(text("UPDATE audit_event SET new_value = 'forged' WHERE id = :id"), {"id": target.id})
    code, out = check(ctx.db, tmp_path, capsys)
    assert code == EXIT_ERROR
    assert f"first broken link at audit row {vandal}" in out, out
    assert f"audit row {vandal} does not follow the row before it" in out
    assert f"audit row {target.id} was changed after it was written" in out, out

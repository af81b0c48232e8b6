"""Roles on a shared server, enforced by PostgreSQL itself (issue 10): each role logs in with its own login and
its refusals come from the database (raw SQL on the role's own connection), then from the services.

Logins are created on the test server (trust authentication on 127.0.0.1, so no password) and given their
roles with ``scpdesk db grant``, as IT would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from records import assert_same_review_screen, old_review_screen, rich_review
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.errors import StorageError, UserError
from scpdesk.identity import os_user
from scpdesk.models import AuditEvent
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import AuditAction
from scpdesk.models.roles import apply_grants
from scpdesk.services import ServiceContext, Services
from scpdesk.services.library.learning_summary import save_content, summary_data
from scpdesk.services.referrals.referral_io import export_referrals
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput
from scpdesk.services.registry import open_services
from scpdesk.services.settings import save_settings

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 11, 25)
REAL_NAME = "Jessica Realname-Testperson"
LOGINS = {  # login → the roles IT grants it
    "t_viewer": ("scpdesk_viewer",),
    "t_coordinator": ("scpdesk_coordinator",),
    "t_identity": ("scpdesk_coordinator", "scpdesk_identity"),
    "t_admin": ("scpdesk_viewer", "scpdesk_admin"),
    "t_nobody": (),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def logins(pg_server, pg_template) -> dict[str, tuple[str, ...]]:
    """LOGIN roles on the test server with their scpdesk roles (granted by the CLI, as IT does)."""
    with psycopg.connect(pg_server.admin_dsn, autocommit=True) as conn:
        for login in LOGINS:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    for login, roles in LOGINS.items():
        for role in roles:
            assert main(["--database", pg_server.url, "db", "grant", login, role]) == EXIT_OK
    return LOGINS


def as_login(url: str, login: str) -> str:
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def dsn(url: str, login: str) -> str:
    u = make_url(url)
    return f"host={u.host} port={u.port} dbname={u.database} user={login}"


@pytest.fixture
def seeded(pg_db: Database, logins: dict[str, tuple[str, ...]]) -> Iterator[tuple[str, int]]:
    """A database with one referral whose child has a real identity (written by IT's superuser login)."""
    sv = Services(ServiceContext(pg_db, user="it.setup", today=lambda: TODAY))
    rid, _ = sv.referrals.create(ReferralInput(
        reference="NSCP-2026-1", received_date=dt.date(2026, 11, 2), child_pseudonym="Child K",
        children=(ChildInput("Child K", identity=IdentityInput(full_name=REAL_NAME,
                                                               date_of_birth=dt.date(2014, 3, 1))),)))
    pg_db.dispose()  # the per-role engines below are the only connections
    yield pg_db.url, rid


def refused(url: str, login: str, statement: str) -> bool:
    """True when the server refuses ``statement`` for ``login`` with 'insufficient privilege'."""
    with psycopg.connect(dsn(url, login)) as conn:
        try:
            conn.execute(statement)
        except psycopg.errors.InsufficientPrivilege:
            return True
    return False


def rows(url: str, login: str, query: str) -> list[tuple]:
    with psycopg.connect(dsn(url, login)) as conn:
        return conn.execute(query).fetchall()


def draft_review(url: str, rid: int, reference: str, pseudonym: str) -> int:
    """A draft learning-summary review linked to referral ``rid``, written by IT's superuser login."""
    with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
        return conn.execute(
            "INSERT INTO review (reference, title, pseudonym, review_type, partnership, status, reviewer, chair, "
            "deferral_reason, summary, learning_points, report_url, referral_id, version, created_at, created_by, "
            "updated_at, updated_by) VALUES (%s, %s, %s, 'learning_summary', '', 'draft', '', '', '', '', '', '', "
            "%s, 1, now(), 'x', now(), 'x') RETURNING id", (reference, pseudonym, pseudonym, rid)).fetchone()[0]


# -- The database refuses (raw SQL on each role's own connection) --------------------------------------------------


def test_viewer_reads_records_but_cannot_change_them_nor_read_identities(seeded: tuple[str, int]) -> None:
    url, rid = seeded
    assert rows(url, "t_viewer", f"SELECT reference FROM referral WHERE id = {rid}") == [("NSCP-2026-1",)]
    assert refused(url, "t_viewer", f"UPDATE referral SET summary = 'changed' WHERE id = {rid}")
    assert refused(url, "t_viewer", "INSERT INTO theme (name, version, created_at, created_by, updated_at, "
                                    "updated_by) VALUES ('x', 1, now(), 'x', now(), 'x')")
    assert refused(url, "t_viewer", "SELECT full_name FROM child_identity")
    # The audit rows about the identity are part of the chain every login reads, but hold field names and
    # keyed hashes only; the key is the identity role's alone.
    assert rows(url, "t_viewer", "SELECT count(*) FROM audit_event WHERE entity = 'child_identity'")[0][0] > 0
    assert rows(url, "t_viewer", "SELECT count(*) FROM audit_event WHERE entity = 'referral'")[0][0] > 0
    assert rows(url, "t_viewer", "SELECT count(*) FROM audit_event WHERE old_value LIKE '%Realname%' "
                                 "OR new_value LIKE '%Realname%'") == [(0,)]
    assert refused(url, "t_viewer", "SELECT secret FROM identity_audit_key")


def test_coordinator_edits_records_but_not_identities_settings_or_directory(seeded: tuple[str, int]) -> None:
    url, rid = seeded
    with psycopg.connect(dsn(url, "t_coordinator")) as conn:
        assert conn.execute(f"UPDATE referral SET summary = 'changed' WHERE id = {rid}").rowcount == 1
    assert refused(url, "t_coordinator", "SELECT full_name FROM child_identity")
    assert refused(url, "t_coordinator", "UPDATE child_identity SET full_name = 'x'")
    assert refused(url, "t_coordinator", "UPDATE organisation_setting SET value_json = '\"x\"'")
    assert refused(url, "t_coordinator", "INSERT INTO organisation_setting (key, value_json, version, created_at, "
                                         "created_by, updated_at, updated_by) VALUES ('partnership_name', '\"x\"', "
                                         "1, now(), 'x', now(), 'x')")
    assert refused(url, "t_coordinator", "UPDATE agency SET name = 'renamed'")
    assert refused(url, "t_coordinator", "SELECT secret FROM identity_audit_key")
    assert refused(url, "t_coordinator", "UPDATE identity_audit_key SET secret = 'x'")
    assert rows(url, "t_coordinator", "SELECT count(*) FROM audit_event WHERE entity = 'child_identity' AND "
                                      "field = 'full_name' AND new_value NOT LIKE 'hmac-sha256:%'") == [(0,)]


def test_identity_role_reads_and_edits_the_real_identity(seeded: tuple[str, int]) -> None:
    url, _rid = seeded
    assert rows(url, "t_identity", "SELECT full_name FROM child_identity") == [(REAL_NAME,)]
    assert rows(url, "t_identity", "SELECT count(*) FROM audit_event WHERE entity = 'child_identity'")[0][0] > 0
    assert len(rows(url, "t_identity", "SELECT secret FROM identity_audit_key")) == 1  # the key, to match hashes
    assert refused(url, "t_identity", "UPDATE identity_audit_key SET secret = 'x'")
    with psycopg.connect(dsn(url, "t_identity")) as conn:
        assert conn.execute("UPDATE child_identity SET notes = 'checked'").rowcount == 1


def test_admin_changes_settings_and_directory_but_sees_no_identity(seeded: tuple[str, int]) -> None:
    url, rid = seeded
    with psycopg.connect(dsn(url, "t_admin")) as conn:
        conn.execute("INSERT INTO organisation_setting (key, value_json, version, created_at, created_by, "
                     "updated_at, updated_by) VALUES ('partnership_name', '\"Northshire\"', 1, now(), 'x', now(), "
                     "'x')")
        conn.execute("UPDATE agency SET name = name")
    # The admin role owns the tables (to upgrade them; PostgreSQL runs foreign-key cascades as the owner, so
    # it keeps its rights on records), yet forced row security hides identities from it too.
    assert rows(url, "t_admin", "SELECT count(*) FROM child_identity") == [(0,)]
    with psycopg.connect(dsn(url, "t_admin")) as conn:
        assert conn.execute("UPDATE child_identity SET notes = 'x'").rowcount == 0
        assert conn.execute(f"SELECT count(*) FROM referral WHERE id = {rid}").fetchone() == (1,)


@pytest.mark.parametrize("login", [*LOGINS])
def test_nobody_can_update_delete_or_truncate_the_audit(seeded: tuple[str, int], login: str) -> None:
    url, _rid = seeded
    before = rows(url, "scpdesk_test", "SELECT count(*), max(id) FROM audit_event")
    for statement in ("UPDATE audit_event SET \"user\" = 'someone else'", "DELETE FROM audit_event",
                      "TRUNCATE audit_event"):
        assert refused(url, login, statement), (login, statement)
    assert rows(url, "scpdesk_test", "SELECT count(*), max(id) FROM audit_event") == before


def test_an_audit_row_must_name_the_login_that_writes_it(seeded: tuple[str, int]) -> None:
    url, _rid = seeded
    insert = ("INSERT INTO audit_event (occurred_at, \"user\", action, entity, entity_id, field) "
              "VALUES (now(), '{user}', 'export', '{entity}', '1', '')")
    assert refused(url, "t_coordinator", insert.format(user="the.director", entity="referral"))
    with psycopg.connect(dsn(url, "t_viewer")) as conn:  # a viewer's own export is audited under its own name
        conn.execute(insert.format(user="t_viewer", entity="referral"))


def test_a_login_without_a_role_reads_nothing(seeded: tuple[str, int]) -> None:
    url, _rid = seeded
    for table in ("referral", "child_identity", "organisation_setting", "audit_event"):
        assert refused(url, "t_nobody", f"SELECT count(*) FROM {table}"), table
    with pytest.raises(StorageError, match="Your login may not use the shared database") as caught:
        open_as(url, "t_nobody")
    assert "scpdesk db grant YOUR_LOGIN scpdesk_viewer" in str(caught.value)


# -- The services know, say and translate ------------------------------------------------------------------------


def open_as(url: str, login: str) -> Services:
    services = open_services(as_login(url, login), user=os_user(), backup_dir=None)
    services.ctx.today = lambda: TODAY
    return services


def test_services_know_each_logins_rights(seeded: tuple[str, int]) -> None:
    url, _rid = seeded
    expected = {"t_viewer": (True, False, False, False), "t_coordinator": (True, True, False, False),
                "t_identity": (True, True, True, False), "t_admin": (True, True, False, True)}
    for login, rights in expected.items():
        services = open_as(url, login)
        try:
            access = services.access
            assert (access.read, access.edit, access.identity, access.admin) == rights, login
            assert access.roles == LOGINS[login] and not access.local
            assert services.ctx.user == login  # the database's session_user, not the OS account
            assert services.ctx.os_account == os_user()
            if login == "t_viewer":
                assert "(scpdesk_viewer) can read records but not change them; scpdesk_coordinator is needed" \
                    in access.why_not("edit") and access.why_not("read") == ""
        finally:
            services.close()


def test_a_viewer_is_refused_with_the_role_it_needs(seeded: tuple[str, int], tmp_path: Path) -> None:
    url, rid = seeded
    services = open_as(url, "t_viewer")
    try:
        assert [r.id for r in services.referrals.list_rows()] == [rid]
        assert export_referrals(services.ctx, tmp_path / "referrals.csv", "csv") == 1  # reading and exporting
        with services.ctx.read() as s:
            exports = list(s.scalars(select(AuditEvent.user).where(AuditEvent.action == AuditAction.EXPORT)))
        assert exports == ["t_viewer"]
        with pytest.raises(UserError, match="scpdesk_coordinator role") as caught:
            services.referrals.create(ReferralInput(reference="NSCP-2026-2", received_date=TODAY,
                                                    child_pseudonym="Child L"))
        assert "t_viewer" in str(caught.value) and "Nothing was saved" in str(caught.value)
    finally:
        services.close()


def test_a_viewer_opens_a_review_whole_and_sees_what_the_three_reads_show(seeded: tuple[str, int]) -> None:
    """The review panel's one statement touches no child's identity: a viewer (who may not read one) opens a review
    of a referral whose child has a real identity, and sees exactly what the three reads show under that login."""
    url, rid = seeded
    it = open_as(url, "scpdesk_test")  # the directory's agencies, people and themes are the administrators'
    try:
        review_id = rich_review(it.ctx, "NSCP-CR-VIEW", referral_id=rid)
    finally:
        it.close()
    viewer = open_as(url, "t_viewer")
    try:
        screen = viewer.reviews.screen(review_id)
        assert_same_review_screen(screen, old_review_screen(viewer.ctx, review_id))
        assert (screen.detail.referral_reference, screen.summary.version, len(screen.plan.actions)) == (
            "NSCP-2026-1", 1, 3)
        assert REAL_NAME not in repr(screen)
        with pytest.raises(UserError, match="scpdesk_coordinator role"):  # reading it never lets it change it
            viewer.reviews.publish(review_id, screen.detail.version, published_date=TODAY)
    finally:
        viewer.close()


def test_a_coordinator_works_and_the_audit_names_its_login(seeded: tuple[str, int]) -> None:
    url, rid = seeded
    services = open_as(url, "t_coordinator")
    try:
        new_id, _ = services.referrals.create(ReferralInput(reference="NSCP-2026-2", received_date=TODAY,
                                                            child_pseudonym="Child L"))
        with services.ctx.read() as s:
            users = set(s.scalars(select(AuditEvent.user).where(AuditEvent.entity == "referral",
                                                               AuditEvent.entity_id == str(new_id))))
        assert users == {"t_coordinator"}
        assert services.referral_history(rid)  # the history opens; the identity's rows stay hidden
        assert all(e.what != "child identity" for e in services.referral_history(rid))
        with pytest.raises(UserError, match="scpdesk_identity role"):
            services.referrals.create(ReferralInput(
                reference="NSCP-2026-3", received_date=TODAY, child_pseudonym="Child M",
                children=(ChildInput("Child M", identity=IdentityInput(full_name="Real Person")),)))
        with pytest.raises(UserError, match="scpdesk_identity role"):
            services.referrals.identities(rid)
        with pytest.raises(UserError, match="scpdesk_admin role"):
            save_settings(services.ctx, {"partnership_name": "Northshire"}, expected={"partnership_name": 0})
        assert [r.reference for r in services.referrals.list_rows()].count("NSCP-2026-3") == 0
    finally:
        services.close()


def test_the_real_name_guard_works_for_a_coordinator_who_cannot_read_names(seeded: tuple[str, int]) -> None:
    url, rid = seeded
    review_id = draft_review(url, rid, "NSCP-CR-1", "Child K")
    services = open_as(url, "t_coordinator")
    try:
        with pytest.raises(UserError, match="real name"):
            save_content(services.ctx, review_id, 0, about=f"About   {REAL_NAME.upper()} and her family.")
        save_content(services.ctx, review_id, 0, about="About Child K and her family.")
        assert summary_data(services.ctx, review_id).about == "About Child K and her family."
        with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:  # a name typed elsewhere
            conn.execute("UPDATE review SET learning_points = %s WHERE id = %s", (f"{REAL_NAME} was seen.", review_id))
        with pytest.raises(UserError, match="real name"):
            summary_data(services.ctx, review_id)
    finally:
        services.close()


def test_a_viewer_may_not_run_the_identity_check_so_cannot_export_for_publication(seeded: tuple[str, int]) -> None:
    """Each call of the server's identity check answers a few guesses: a read-only login never needs to ask, so
    PostgreSQL refuses it the function, and the app says why (no export is ever let through unchecked)."""
    url, rid = seeded
    review_id = draft_review(url, rid, "NSCP-CR-9", "Child K")
    assert refused(url, "t_viewer", f"SELECT * FROM scpdesk_identity_hits({rid}, ARRAY['d:2014-03-01'])")
    assert not refused(url, "t_coordinator", f"SELECT * FROM scpdesk_identity_hits({rid}, ARRAY['d:2014-03-01'])")
    services = open_as(url, "t_viewer")
    try:
        with pytest.raises(UserError, match="cannot be exported for publication.*scpdesk_coordinator role"):
            summary_data(services.ctx, review_id)
    finally:
        services.close()
    with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:  # loosened by hand: db check says so
        conn.execute("GRANT EXECUTE ON FUNCTION scpdesk_identity_hits(integer, text[]) TO scpdesk_viewer")
        from scpdesk.models.roles import problems

        db = open_database(url)
        try:
            with db.engine.connect() as sa_conn:
                assert any("scpdesk_viewer may run the identity check" in p for p in problems(sa_conn))
        finally:
            db.dispose()


def test_the_whole_publication_guard_works_for_a_coordinator_without_exposing_identities(
        seeded: tuple[str, int]) -> None:
    """Date of birth in any written form, NHS number with or without spaces, postcode, address line and name:
    the server checks them for a login that may not read them (scpdesk_identity_hits), and says only which
    kind of value was found; the login still cannot read the identities, the key or the function's needles."""
    url, _rid = seeded
    admin = Services(ServiceContext(open_database(url), user="it.setup",
                                    today=lambda: TODAY))
    try:
        rid, _ = admin.referrals.create(ReferralInput(
            reference="NSCP-2026-9", received_date=dt.date(2026, 11, 2), child_pseudonym="Child M",
            children=(ChildInput("Child M", identity=IdentityInput(
                full_name="Maisie Anne Hiddenname", date_of_birth=dt.date(2015, 2, 3), nhs_number="943 476 5919",
                address="12 Larkspur Close, Northtown, NT4 7QB")),)))
    finally:
        admin.ctx.db.dispose()
    review_id = draft_review(url, rid, "NSCP-CR-9", "Child M")
    leaks = {"3 February 2015": "date of birth", "born 03/02/15 at home": "date of birth",
             "on Feb 3rd, 2015": "date of birth", "2015-02-03": "date of birth",
             "the 3rd of February, 2015": "date of birth", "born 3 Feb 2015.": "date of birth",
             "ref 401 023 2137": "NHS", "ref 4010232137": "NHS",
             "NHS 9434765919 noted": "NHS number", "number 943-476-5919": "NHS number",
             "lived at NT47QB": "postcode", "near nt4 7qb": "postcode",
             "at 12 Larkspur Close": "address", "MAISIE HIDDENNAME was seen": "real name",
             "Maisie-Anne Hiddenname": "real name"}
    services = open_as(url, "t_coordinator")
    try:
        assert not services.access.identity
        for text_, what in leaks.items():
            with pytest.raises(UserError, match=what):
                save_content(services.ctx, review_id, 0, about=f"Child M. {text_}.")
        # Other dates, numbers and places pass (the town alone is the partnership's area).
        save_content(services.ctx, review_id, 0, about="Child M, seen 4 February 2015 in Northtown; ref 12 77.")
        assert "Northtown" in summary_data(services.ctx, review_id).about
    finally:
        services.close()
    for statement in ("SELECT * FROM child_identity", "SELECT secret FROM identity_audit_key"):
        assert refused(url, "t_coordinator", statement)
    reads = rows(url, "t_coordinator", "SELECT \"user\", new_value FROM audit_event WHERE action = 'read' "
                                       "AND entity = 'child_identity' ORDER BY id")
    assert reads and {user for user, _ in reads} == {"t_coordinator"}
    everything = " ".join(str(r) for r in rows(url, "scpdesk_test", "SELECT * FROM audit_event"))
    for value in ("Hiddenname", "Larkspur", "9434765919", "943 476 5919", "NT4 7QB", "2015-02-03"):
        assert value not in everything
    # A guard that cannot read identities refuses, never passes unchecked.
    with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
        conn.execute("ALTER FUNCTION scpdesk_identity_hits(integer, text[]) OWNER TO scpdesk_viewer")
    services = open_as(url, "t_coordinator")
    try:
        with pytest.raises((UserError, StorageError)):
            save_content(services.ctx, review_id, 1, about="Child M, nothing identifying.")
    finally:
        services.close()
        with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
            conn.execute("ALTER FUNCTION scpdesk_identity_hits(integer, text[]) OWNER TO scpdesk_identity")


def test_identity_login_reads_identities_through_the_services(seeded: tuple[str, int]) -> None:
    url, rid = seeded
    services = open_as(url, "t_identity")
    try:
        [(pseudonym, identity)] = services.referrals.identities(rid)
        assert (pseudonym, identity.full_name) == ("Child K", REAL_NAME)
    finally:
        services.close()


def test_each_login_reads_the_referral_screen_in_one_statement_as_the_per_part_reads_show_it(
        seeded: tuple[str, int]) -> None:
    """The screen's one statement reads no table a role may not (identities only for the identity role),
    and the server's row security hides the same audit rows as before."""
    url, rid = seeded
    for login in ("t_viewer", "t_coordinator", "t_identity", "t_admin"):
        services = open_as(url, login)
        try:
            screen = services.referrals.screen(rid)
            assert screen.detail == services.referrals.get(rid), login
            assert screen.history == tuple(services.referral_history(rid)), login
            assert any(e.what == "child identity" for e in screen.history) is services.access.identity, login
        finally:
            services.close()


# -- scpdesk db grant / revoke --------------------------------------------------------------------------------------


def test_grant_and_revoke_from_the_command_line(capsys: pytest.CaptureFixture[str], pg_server,
                                                logins: dict[str, tuple[str, ...]]) -> None:
    url = pg_server.url
    code, out, _ = run(capsys, "--database", url, "db", "grant", "t_nobody", "scpdesk_viewer")
    assert code == EXIT_OK and "Granted scpdesk_viewer to t_nobody" in out
    code, out, _ = run(capsys, "--database", url, "db", "grant", "t_nobody", "SCPDESK_VIEWER")
    assert code == EXIT_OK and "already has" in out
    code, out, _ = run(capsys, "--database", url, "db", "revoke", "t_nobody", "scpdesk_viewer")
    assert code == EXIT_OK and "Revoked scpdesk_viewer from t_nobody" in out
    assert rows(pg_server.url, "scpdesk_test",
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member "
                "WHERE u.rolname = 't_nobody'") == [(0,)]
    code, _, err = run(capsys, "--database", url, "db", "grant", "t_nobody", "superuser")
    assert code == EXIT_USAGE and "not an scpdesk role" in err and "scpdesk_viewer" in err
    code, _, err = run(capsys, "--database", url, "db", "grant", 'x"; DROP ROLE t_viewer; --', "scpdesk_viewer")
    assert code == EXIT_USAGE and "there is no login" in err
    assert rows(pg_server.url, "scpdesk_test", "SELECT count(*) FROM pg_roles WHERE rolname = 't_viewer'") == [(1,)]


def test_grant_is_refused_on_a_local_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}", "db", "grant", "alice",
                       "scpdesk_viewer")
    assert code == EXIT_USAGE and "only on a shared PostgreSQL server" in err


def test_a_login_that_may_not_grant_is_told_so(capsys: pytest.CaptureFixture[str], pg_server,
                                               logins: dict[str, tuple[str, ...]]) -> None:
    url = as_login(pg_server.url, "t_admin")
    code, _, err = run(capsys, "--database", url, "db", "grant", "t_nobody", "scpdesk_identity")
    assert code != EXIT_OK and "may not grant scpdesk_identity" in err


# -- Who is who locally -------------------------------------------------------------------------------------------


def test_the_os_account_is_never_taken_from_environment_variables(monkeypatch: pytest.MonkeyPatch,
                                                                  sqlite_db_url: str) -> None:
    for name in ("LOGNAME", "USER", "USERNAME"):
        monkeypatch.setenv(name, "the.director")
    monkeypatch.setenv("USERDOMAIN", "FAKEDOMAIN")
    real = pwd.getpwuid(os.getuid()).pw_name
    assert os_user() == real != "the.director"
    services = open_services(sqlite_db_url, user=os_user(), backup_dir=None)
    try:
        services.ctx.today = lambda: TODAY
        assert services.access.local and services.access.edit and services.access.identity
        rid, _ = services.referrals.create(ReferralInput(reference="NSCP-2026-9", received_date=TODAY,
                                                         child_pseudonym="Child Q"))
        with services.ctx.read() as s:
            users = set(s.scalars(select(AuditEvent.user)))
            stamped = s.execute(text("SELECT created_by FROM referral WHERE id = :i"), {"i": rid}).scalar()
        assert users == {real} and stamped == real
    finally:
        services.close()


# -- Later migrations re-run the grants; db check notices when they were loosened ---------------------------------


def test_db_check_reports_loosened_grants_and_an_admin_login_restores_them(
        capsys: pytest.CaptureFixture[str], seeded: tuple[str, int]) -> None:
    url, rid = seeded
    code, out, _ = run(capsys, "--database", url, "db", "check")
    assert code == EXIT_OK and "integrity: OK" in out
    # Logins without the identity role read the whole chain (identity rows included) and verify it.
    for login in ("t_viewer", "t_coordinator"):
        code, out, _ = run(capsys, "--database", as_login(url, login), "db", "check")
        assert code == EXIT_OK and "audit chain: OK" in out, (login, out)
    with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
        conn.execute("CREATE POLICY hide_identity_rows ON audit_event AS RESTRICTIVE FOR SELECT TO PUBLIC "
                     "USING (entity <> 'child_identity')")
    code, out, _ = run(capsys, "--database", url, "db", "check")
    assert code != EXIT_OK and "a row-security policy hides audit rows" in out
    with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
        conn.execute("DROP POLICY hide_identity_rows ON audit_event")
        conn.execute("GRANT UPDATE ON audit_event TO scpdesk_viewer")
        conn.execute("GRANT SELECT ON child_identity TO PUBLIC")
        conn.execute("ALTER TABLE child_identity NO FORCE ROW LEVEL SECURITY")
    code, out, _ = run(capsys, "--database", url, "db", "check")
    assert code != EXIT_OK
    assert "scpdesk_viewer may UPDATE the audit" in out
    assert "every login may SELECT real identities" in out
    assert "row-level security is off on child_identity" in out
    # A later migration, run by an scpdesk_admin member (not a superuser), creates a table and re-runs the grants.
    admin = open_as(url, "t_admin")
    try:
        with admin.db.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE later_records (id serial PRIMARY KEY, note text)")
            apply_grants(conn)
    finally:
        admin.close()
    code, out, _ = run(capsys, "--database", url, "db", "check")
    assert code == EXIT_OK, out
    assert refused(url, "t_viewer", "UPDATE audit_event SET field = 'x'")
    assert refused(url, "t_viewer", "SELECT count(*) FROM child_identity")
    with psycopg.connect(dsn(url, "t_coordinator")) as conn:  # the new table is a coordinator's record table
        conn.execute("INSERT INTO later_records (note) VALUES ('a')")
    assert rows(url, "t_viewer", "SELECT note FROM later_records") == [("a",)]
    assert refused(url, "t_viewer", "INSERT INTO later_records (note) VALUES ('b')")


# -- The server's identity check is not a free oracle (tester of issue 10) ----------------------------------------

SWEEP = [f"d:{dt.date(2008, 1, 1) + dt.timedelta(days=n):%Y-%m-%d}" for n in range(366 * 18)]  # every DOB of a child


@pytest.mark.parametrize("login", ["t_coordinator", "t_admin"])  # a viewer may not call it at all (above)
def test_a_login_without_the_identity_role_cannot_sweep_dates_of_birth_through_the_check(
        seeded: tuple[str, int], pg_server, login: str) -> None:
    """One call asking about every day of the last 18 years used to answer with the child's date of birth (and a
    name list with the name): the function takes a bounded number of guesses per call and logs each call."""
    url, rid = seeded
    log_before = pg_server.log_path.stat().st_size
    with psycopg.connect(dsn(url, login)) as conn:
        with pytest.raises(psycopg.errors.ProgramLimitExceeded, match="at most 32 dates"):
            conn.execute("SELECT kind, candidate FROM scpdesk_identity_hits(%s, %s)", (rid, SWEEP))
    with psycopg.connect(dsn(url, login)) as conn:  # postcodes and long numbers alike
        for guesses in ([f"p:nt{n % 10}{n % 9}{chr(97 + n % 26)}{chr(97 + n // 26 % 26)}" for n in range(400)],
                        [f"n:{9434765000 + n}" for n in range(400)]):
            with pytest.raises(psycopg.errors.ProgramLimitExceeded):
                conn.execute("SELECT kind FROM scpdesk_identity_hits(%s, %s)", (rid, guesses))
            conn.rollback()
    with open(pg_server.log_path, "rb") as server_log:  # written although the transaction rolled back
        server_log.seek(log_before)
        logged = server_log.read().decode(errors="replace")
    assert f"scpdesk identity check by {login} on referral {rid}: {len(SWEEP)} candidate(s), {len(SWEEP)} date(s)" \
        in logged
    assert REAL_NAME.lower() not in logged.lower() and "2014-03-01" not in logged


def test_the_guard_still_finds_a_date_of_birth_among_many_dates_for_a_coordinator(seeded: tuple[str, int]) -> None:
    """The app's own guard sends its candidates in batches within the limit: a long chronology still passes, and
    the date of birth hidden among 80 other dates is still found."""
    url, rid = seeded
    review_id = draft_review(url, rid, "NSCP-CR-7", "Child K")
    chronology = " ".join(f"Seen on {dt.date(2020, 1, 1) + dt.timedelta(days=7 * n):%d/%m/%Y} by the school."
                          for n in range(80))
    services = open_as(url, "t_coordinator")
    try:
        save_content(services.ctx, review_id, 0, about=chronology)
        with pytest.raises(UserError, match="date of birth"):
            save_content(services.ctx, review_id, 1, about=chronology + " Born 1 March 2014.")
    finally:
        services.close()


def test_an_identity_check_without_the_limit_is_reported_and_replaced_by_the_upgrade(
        capsys: pytest.CaptureFixture[str], seeded: tuple[str, int]) -> None:
    """A server upgraded by the release before the limit keeps its old function until a superuser upgrades:
    db check names it; apply_grants (migration 0006) replaces it."""
    url, _rid = seeded
    with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
        conn.execute("ALTER FUNCTION scpdesk_identity_hits(integer, text[]) RENAME TO kept_hits")
        conn.execute("CREATE FUNCTION scpdesk_identity_hits(integer, text[]) RETURNS TABLE "
                     "(identity_id integer, kind text, candidate text) LANGUAGE sql STABLE SECURITY DEFINER "
                     "AS $$ SELECT 1, NULL::text, NULL::text $$")
        conn.execute("ALTER FUNCTION scpdesk_identity_hits(integer, text[]) OWNER TO scpdesk_identity")
    try:
        code, out, _ = run(capsys, "--database", url, "db", "check")
        assert code != EXIT_OK and "sets no limit on guesses" in out
        admin = open_as(url, "t_admin")  # not a member of scpdesk_identity: may not replace it, says so
        try:
            with admin.db.engine.begin() as conn:
                apply_grants(conn)
        finally:
            admin.close()
        assert run(capsys, "--database", url, "db", "check")[0] != EXIT_OK
        db = open_database(url)
        try:
            with db.engine.begin() as conn:
                apply_grants(conn)
        finally:
            db.dispose()
        code, out, _ = run(capsys, "--database", url, "db", "check")
        assert code == EXIT_OK, out
        with psycopg.connect(dsn(url, "t_coordinator")) as conn, pytest.raises(psycopg.errors.ProgramLimitExceeded):
            conn.execute("SELECT kind FROM scpdesk_identity_hits(1, %s)", (SWEEP,))
    finally:
        with psycopg.connect(dsn(url, "scpdesk_test"), autocommit=True) as conn:
            conn.execute("DROP FUNCTION kept_hits(integer, text[])")


def test_the_identity_check_cannot_be_pointed_at_a_login_s_own_temporary_tables(seeded: tuple[str, int]) -> None:
    """The function runs as scpdesk_identity with a fixed search path; a temporary table is searched first unless
    that path names pg_temp last: a login could then make the check read its own (empty) child_identity and let
    a real date of birth through."""
    url, rid = seeded
    with psycopg.connect(dsn(url, "t_coordinator")) as conn:
        conn.execute("CREATE TEMP TABLE child_identity (id integer, child_id integer, full_name text, "
                     "date_of_birth date, nhs_number text, address text)")
        conn.execute("GRANT SELECT ON child_identity TO scpdesk_identity")  # an owner may share its own table
        hits = conn.execute("SELECT kind FROM scpdesk_identity_hits(%s, %s) WHERE kind IS NOT NULL",
                            (rid, ["d:2014-03-01"])).fetchall()
    assert hits == [("date of birth",)]


def test_a_coordinator_names_a_person_on_a_sign_off_and_a_safety_action(seeded: tuple[str, int]) -> None:
    """Issue 13 (migration 0009): the new person columns need no grant of their own; the coordinator's login
    writes them, the audit names the person in words and the login."""
    from scpdesk.models.enums import AgencyKind, Partner, Route
    from scpdesk.services.organisation.directory import PersonInput, add_agency, add_person

    url, rid = seeded
    admin = open_as(url, "t_admin")
    try:
        agency_id, _ = add_agency(admin.ctx, "Northshire Police", AgencyKind.POLICE)
        person_id, _ = add_person(admin.ctx, PersonInput("DCI Mark Penrose", "Detective", agency_id))
    finally:
        admin.close()
    services = open_as(url, "t_coordinator")
    try:
        wf, day = services.workflow, dt.date(2026, 11, 3)
        wf.screen(rid, services.referrals.get(rid).version, route=Route.RAPID_REVIEW, screened_date=day)
        wf.record_sin(rid, services.referrals.get(rid).version, sin_reference="NP-1", sent_date=day)
        wf.start_rapid_review(rid, services.referrals.get(rid).version, started_date=day, agency_ids=[agency_id])
        wf.sign_off(rid, services.referrals.get(rid).version, partner=Partner.POLICE, name="", person_id=person_id,
                    signed_date=day)
        wf.add_safety_action(rid, description="Visit", owner_agency_id=None, due_date=None,
                             owner_person_id=person_id)
        rr = wf.rapid_review(rid)
        assert rr is not None and rr.signoffs[0].signed_by == "DCI Mark Penrose (Northshire Police)"
        assert [a.owner for a in rr.safety_actions] == ["DCI Mark Penrose (Northshire Police)"]
        with services.ctx.read() as s:
            said = set(s.execute(select(AuditEvent.user, AuditEvent.new_value)
                                 .where(AuditEvent.field.in_(("signed by", "owner")))).all())
        assert said == {("t_coordinator", "DCI Mark Penrose (Northshire Police)")}
    finally:
        services.close()


def test_a_viewer_reads_the_today_list_as_themself_and_exports_the_deadlines(seeded: tuple[str, int],
                                                                            tmp_path: Path) -> None:
    """Issue 14: the Today view reads no identity (a viewer may read it); "mine" is the person linked to the
    database's login (the admin links it); the calendar is written and its export audited under the viewer."""
    from scpdesk.services.organisation.directory import PersonInput, add_person

    url, rid = seeded
    admin = open_as(url, "t_admin")
    try:
        pid, _ = add_person(admin.ctx, PersonInput("Vera Viewer", login="T_Viewer"))
    finally:
        admin.close()
    viewer = open_as(url, "t_viewer")
    try:
        found = viewer.today_list()
        assert found.me.person_id == pid and found.me.login == "t_viewer"
        assert [(i.key, i.group.value, i.case) for i in found.items] == [(f"referral-{rid}-sin", "no_date", "Child K")]
        target = viewer.export_deadlines_ics(tmp_path / "deadlines.ics")
        assert REAL_NAME not in target.read_text(encoding="utf-8")
    finally:
        viewer.close()
    assert rows(url, "t_admin", "SELECT \"user\" FROM audit_event WHERE entity = 'deadlines'") == [("t_viewer",)]


def test_a_viewer_counts_the_figures_reads_what_came_up_before_and_saves_the_workbook(seeded: tuple[str, int],
                                                                                      tmp_path: Path) -> None:
    """Issue 14 on the server, as a viewer: the figures are counted (pseudonyms only, the child's real name never
    in them), the workbook is written whole and its export audited under the viewer, and "this came up before"
    is read for the referral."""
    from openpyxl import load_workbook

    from scpdesk.services.figures import Period

    url, rid = seeded
    viewer = open_as(url, "t_viewer")
    try:
        figures = viewer.figures(Period.financial_year(TODAY))
        assert figures.figure("referrals_received").text == "1"
        assert [(c.reference, c.case) for c in figures.figure("referrals_received").records] == [
            ("NSCP-2026-1", "Child K")]
        assert REAL_NAME not in json.dumps(figures.as_json())
        target = tmp_path / "figures.xlsx"
        viewer.figure_files.xlsx(figures, target)
        book = load_workbook(target, read_only=True)
        assert all(REAL_NAME not in str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                   for cell in row)
        book.close()
        assert viewer.library.came_up_before("referral", rid).reviews == ()
    finally:
        viewer.close()
    assert rows(url, "t_admin", "SELECT \"user\" FROM audit_event WHERE entity = 'figures'") == [("t_viewer",)]


def test_the_server_check_reads_welsh_dates_and_mutated_names_for_a_login_without_the_identity_role(
        seeded: tuple[str, int]) -> None:
    """Issue 17: a Welsh summary written by a coordinator (no identity role) is checked by the server in Welsh too:
    the date of birth in Welsh ("3 Chwefror 2015", "3ydd o Chwef. 2015") and the real name as Welsh mutates its
    first sound ("i Gatrin Powell") are refused, naming only the kind of value."""
    url, _rid = seeded
    admin = Services(ServiceContext(open_database(url), user="it.setup", today=lambda: TODAY))
    try:
        rid, _ = admin.referrals.create(ReferralInput(
            reference="NSCP-2026-17", received_date=dt.date(2026, 11, 2), child_pseudonym="Child W",
            children=(ChildInput("Child W", identity=IdentityInput(full_name="Catrin Powell",
                                                                   date_of_birth=dt.date(2015, 2, 3))),)))
    finally:
        admin.ctx.db.dispose()
    review_id = draft_review(url, rid, "NSCP-CR-17", "Child W")
    leaks = {"Ganwyd ar 3 Chwefror 2015": "date of birth", "ar y 3ydd o Chwef. 2015": "date of birth",
             "Rhoddwyd y llyfr i Gatrin Powell": "real name", "gyda Chatrin Powell": "real name"}
    services = open_as(url, "t_coordinator")
    try:
        assert not services.access.identity
        for text_, what in leaks.items():
            with pytest.raises(UserError, match=what):
                save_content(services.ctx, review_id, 0, about=f"Plentyn W. {text_}.")
        save_content(services.ctx, review_id, 0, about="Plentyn W, a welwyd 4 Chwefror 2015 gyda Gatrin arall.")
    finally:
        services.close()

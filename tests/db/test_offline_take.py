"""Taking records offline (issue 16) from a real PostgreSQL server: what a copy holds (and never holds), that the
same app opens it, what needs the server there, encryption by the partnership's setting, who the server says has
what offline, and the command line.

The server's records are the demo set (``fill_demo_data``); each test works on a fresh database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from memory_keyring import MemoryKeyring, in_memory_keyring
from psycopg import sql
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from scpdesk.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, main
from scpdesk.errors import StorageError, UserError
from scpdesk.models import (
    Action,
    AgendaItem,
    AuditEvent,
    Base,
    ChildIdentity,
    Meeting,
    MeetingAction,
    OfflineBase,
    OfflineCheckout,
    OfflineCheckoutRecord,
    Person,
    RapidReview,
    Recommendation,
    Referral,
    ReferralChild,
    Review,
    SafetyAction,
    cipher,
)
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import AuditAction
from scpdesk.models.offline import REQUESTED_REFERENCE
from scpdesk.paths import sqlite_url
from scpdesk.services import ServiceContext
from scpdesk.services.access import Access, server_access
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.offline.rows import NEVER_COPIED, RECORD_TABLES, WHOLE_TABLES, row_values
from scpdesk.services.offline.take import Scope, copy_info, is_offline_copy, offline_holds, take_offline
from scpdesk.services.organisation.closures import add_closure
from scpdesk.services.organisation.directory import PersonInput, add_person, get_person, update_person
from scpdesk.services.panel.meetings import MeetingService
from scpdesk.services.referrals.referral_screen import ReferralArea
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput, ReferralService
from scpdesk.services.settings import save_settings, settings_versions

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 4, 1)
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def server(pg_db: Database) -> ServiceContext:
    """The shared server with the demo records, as IT's login (a superuser) sees it."""
    ctx = ServiceContext(pg_db, user="it.setup", today=lambda: TODAY)
    fill_demo_data(ctx, today=TODAY)
    return ctx


def busiest_meeting(ctx: ServiceContext) -> tuple[str, set[int]]:
    """The meeting with the most cases on its agenda: its reference and those referrals' ids."""
    with ctx.read() as s:
        reference = s.execute(select(Meeting.reference).join(AgendaItem).where(AgendaItem.referral_id.is_not(None))
                              .group_by(Meeting.reference).order_by(func.count().desc(), Meeting.reference)
                              ).scalars().first()
        ids = set(s.scalars(select(AgendaItem.referral_id).join(Meeting).where(
            Meeting.reference == reference, AgendaItem.referral_id.is_not(None))))
    return reference, ids


def copy_context(path: Path) -> ServiceContext:
    return ServiceContext(open_database(sqlite_url(path), create_dir=False), user="chair.laptop",
                          today=lambda: TODAY)


def rows_of(ctx: ServiceContext, table: str) -> dict[tuple[object, ...], dict[str, object]]:
    t = Base.metadata.tables[table]
    with ctx.read() as s:
        found = [row_values(r._mapping) for r in s.execute(select(t))]
    return {tuple(v[c.name] for c in t.primary_key): v for v in found}


def checkouts(ctx: ServiceContext) -> list[tuple[str, str, str | None]]:
    with ctx.read() as s:
        return [tuple(r) for r in s.execute(select(OfflineCheckout.holder_login, OfflineCheckout.scope_label,
                                                   OfflineCheckout.released_at))]


def test_every_table_is_either_copied_whole_copied_with_its_records_or_never_copied() -> None:
    """A table added later must be placed in services/offline/rows.py (a decision, not an accident)."""
    classified = [*WHOLE_TABLES, *RECORD_TABLES, *NEVER_COPIED]
    assert len(classified) == len(set(classified))
    assert set(classified) == set(Base.metadata.tables)
    assert "child_identity" in NEVER_COPIED and "audit_event" in NEVER_COPIED


def test_taking_a_meeting_copies_its_cases_with_their_server_ids_and_no_identity_or_audit(
        server: ServiceContext, tmp_path: Path) -> None:
    reference, case_ids = busiest_meeting(server)
    with server.read() as s:
        identities = s.scalar(select(func.count()).select_from(ChildIdentity).join(ReferralChild).where(
            ReferralChild.referral_id.in_(case_ids)))
        other_referrals = s.scalar(select(func.count()).select_from(Referral).where(Referral.id.not_in(case_ids)))
    assert len(case_ids) >= 2 and identities and other_referrals  # the test means something

    result = take_offline(server, Scope("meeting", reference), tmp_path / "train.scpdesk")

    assert result.path.is_file() and not result.encrypted
    assert result.counts["meeting"] == 1 and result.counts["referral"] == len(case_ids)
    assert "child_identity" not in result.counts and "audit_event" not in result.counts
    assert [p.name for p in tmp_path.iterdir()] == ["train.scpdesk"]  # no -wal, -shm or partial file left
    local = copy_context(result.path)
    with local.read() as s:
        assert set(s.scalars(select(Referral.id))) == case_ids
        assert s.scalars(select(Meeting.reference)).all() == [reference]
        assert s.scalar(select(func.count()).select_from(ChildIdentity)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0
    # Ids kept and every value as on the server, for every table the copy holds; the baseline is those values.
    for table, count in result.counts.items():
        mine, theirs = rows_of(local, table), rows_of(server, table)
        assert len(mine) == count
        assert all(theirs[key] == values for key, values in mine.items()), table
    with local.read() as s:
        base = {(e, r): json.loads(v) for e, r, v in s.execute(select(OfflineBase.entity, OfflineBase.record_id,
                                                                        OfflineBase.values_json))}
    referral_rows = rows_of(server, "referral")
    assert {r for e, r in base if e == "referral"} == case_ids
    assert all(base["referral", rid] == referral_rows[rid,] for rid in case_ids)
    assert not any(e in WHOLE_TABLES for e, _r in base)  # the directory is read-only offline: no baseline
    assert {r for e, r in base if e == "referral_agency"} == case_ids  # one list of links per referral
    # The server knows who has what offline since when.
    assert checkouts(server) == [("scpdesk_test", f"meeting {reference}", None)]
    with server.read() as s:
        held = set(s.execute(select(OfflineCheckoutRecord.entity, OfflineCheckoutRecord.record_id)))
        exported = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == AuditAction.EXPORT, AuditEvent.field == "offline"))
        meeting_id = s.scalar(select(Meeting.id).where(Meeting.reference == reference))
        review_ids = set(s.scalars(select(Review.id).where(Review.referral_id.in_(case_ids))))
    assert held == {("meeting", meeting_id), *(("referral", r) for r in case_ids),
                    *(("review", r) for r in review_ids)}
    assert exported == len(held)  # each record's history says it was taken offline
    local.db.dispose()


def test_the_copy_opens_with_the_normal_services_and_new_referrals_get_provisional_references(
        server: ServiceContext, tmp_path: Path) -> None:
    reference, case_ids = busiest_meeting(server)
    result = take_offline(server, Scope("meeting", reference), tmp_path / "copy.scpdesk")
    local = copy_context(result.path)
    rows = ReferralService(local).list_rows()
    assert {r.id for r in rows} == case_ids
    with local.read() as s:
        meeting_id = s.scalar(select(Meeting.id))
    screen = MeetingService(local).screen(meeting_id)
    assert screen is not None
    assert ReferralArea(local).screen(min(case_ids)) is not None
    info = is_offline_copy(local)
    assert info is not None and info.changes == 0 and info.token == result.token
    assert info.scope_label == f"meeting {reference}" and info.counts["referral"] == len(case_ids)

    referrals = ReferralService(local)
    first, _ = referrals.create(ReferralInput(reference="NSCP-2026-099", received_date=TODAY,
                                              child_pseudonym="Child Q"))
    second, _ = referrals.create(ReferralInput(reference="NSCP-2026-100", received_date=TODAY,
                                               child_pseudonym="Child R"))
    prefix = result.reference_prefix
    assert prefix.startswith("OFF-")
    assert [referrals.get(first).reference, referrals.get(second).reference] == [f"{prefix}-1", f"{prefix}-2"]
    with local.read() as s:
        typed = s.execute(select(AuditEvent.entity_id, AuditEvent.new_value).where(
            AuditEvent.field == REQUESTED_REFERENCE).order_by(AuditEvent.id)).all()
    assert typed == [(str(first), "NSCP-2026-099"), (str(second), "NSCP-2026-100")]
    with server.read() as s:  # a provisional reference can never be one of the server's
        assert s.scalar(select(func.count()).where(Referral.reference.like("OFF-%"))) == 0
    info = is_offline_copy(local)
    assert info is not None and info.changes == 4  # two referrals and their two children

    # What needs the server is refused, saying so; a real identity never enters the copy.
    with local.read() as s:
        person_id = s.scalar(select(Person.id).order_by(Person.id))
    with pytest.raises(UserError, match="needs the server"):
        update_person(local, person_id, get_person(local, person_id).version, PersonInput("Someone Else"))
    with pytest.raises(UserError, match="needs the server"):
        add_person(local, PersonInput("New Person"))
    with pytest.raises(UserError, match="needs the server"):
        save_settings(local, {"require_encryption": True}, expected=settings_versions(local))
    with pytest.raises(UserError, match="closure days cannot be changed in an offline copy"):
        add_closure(local, dt.date(2026, 6, 17), "Council closure")
    with pytest.raises(UserError, match="identities stay on the server"):
        referrals.create(ReferralInput(reference="X-1", received_date=TODAY, child_pseudonym="Child S", children=(
            ChildInput("Child S", identity=IdentityInput(full_name="Real Name")),)))
    local.db.dispose()
    # The server itself is not a copy: the same services there keep the typed reference and edit the directory.
    assert is_offline_copy(server) is None
    rid, _ = ReferralService(server).create(ReferralInput(reference="NSCP-2026-101", received_date=TODAY,
                                                          child_pseudonym="Child T"))
    assert ReferralService(server).get(rid).reference == "NSCP-2026-101"
    add_person(server, PersonInput("New Person"))


def test_taking_the_cases_a_person_owns(server: ServiceContext, tmp_path: Path) -> None:
    """Owned: a safety action, a meeting action (on a case's agenda item) or a review's action names the person."""
    with server.unit_of_work() as s:
        owner_id, owner = s.execute(select(Person.id, Person.name).order_by(Person.id)).first()
        safety = s.scalars(select(SafetyAction).order_by(SafetyAction.id)).first()
        safety.owner_person_id = owner_id
        action = s.scalars(select(Action).order_by(Action.id)).first()
        action.owner_person_id = owner_id
        s.flush()
        expected = {s.scalar(select(RapidReview.referral_id).where(RapidReview.id == safety.rapid_review_id))}
        expected |= set(s.scalars(select(AgendaItem.referral_id).join(MeetingAction).where(
            MeetingAction.owner_person_id == owner_id, AgendaItem.referral_id.is_not(None))))
        review_id = s.scalar(select(Recommendation.review_id).where(Recommendation.id == action.recommendation_id))
        everyone = set(s.scalars(select(Referral.id)))
    result = take_offline(server, Scope("owner", owner.upper()), tmp_path / "mine.scpdesk")
    local = copy_context(result.path)
    with local.read() as s:
        copied = set(s.scalars(select(Referral.id)))
        reviews = set(s.scalars(select(Review.id)))
        review_referrals = set(s.scalars(select(Review.referral_id).where(Review.referral_id.is_not(None))))
    assert expected <= copied and review_id in reviews and review_referrals <= copied
    assert copied < everyone  # only what the person owns (and the referrals of their reviews)
    assert result.scope_label == f"cases of {owner}"
    local.db.dispose()
    with pytest.raises(UserError, match="no person called Nobody Atall"):
        take_offline(server, Scope("owner", "Nobody Atall"), tmp_path / "none.scpdesk")


def test_taking_referrals_by_reference_and_a_missing_one_is_named_with_nothing_written(
        server: ServiceContext, tmp_path: Path) -> None:
    with server.read() as s:
        refs = s.scalars(select(Referral.reference).order_by(Referral.id).limit(2)).all()
    result = take_offline(server, Scope("referrals", f"{refs[0]}, {refs[1].lower()}"), tmp_path / "two.scpdesk")
    assert result.counts["referral"] == 2 and result.counts["meeting"] == 0
    before = checkouts(server)
    with pytest.raises(UserError, match="no referral NSCP-NOPE-1 was found") as refused:
        take_offline(server, Scope("referrals", f"{refs[0]},NSCP-NOPE-1"), tmp_path / "bad.scpdesk")
    assert refused.value.field == "referrals"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["two.scpdesk"]
    assert checkouts(server) == before
    with pytest.raises(UserError, match="already exists"):  # never written over (it may hold unsynced work)
        take_offline(server, Scope("referrals", refs[0]), tmp_path / "two.scpdesk")
    with pytest.raises(UserError, match="itself an offline copy"):
        take_offline(copy_context(result.path), Scope("referrals", refs[0]), tmp_path / "copy-of-copy.scpdesk")


def require_encryption(ctx: ServiceContext) -> None:
    save_settings(ctx, {"require_encryption": True}, expected=settings_versions(ctx))


def test_a_partnership_requiring_encryption_gets_an_encrypted_copy_or_a_refusal_naming_the_setting(
        server: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_encryption(server)
    reference, _ids = busiest_meeting(server)
    with pytest.raises(UserError, match="Require encrypted local files"):
        take_offline(server, Scope("meeting", reference), tmp_path / "plain.scpdesk", encrypt=False)
    result = take_offline(server, Scope("meeting", reference), tmp_path / "locked.scpdesk", passphrase=PASSPHRASE)
    assert result.encrypted and cipher.is_encrypted(result.path) and cipher.active() is None
    assert b"Child" not in result.path.read_bytes()  # no pseudonym readable in the file
    with pytest.raises(StorageError):
        copy_info(result.path)  # no key: no keyring entry, no passphrase
    info = copy_info(result.path, passphrase=PASSPHRASE)
    assert info is not None and info.encrypted and info.scope_label == f"meeting {reference}"

    # Where SQLCipher is missing, nothing is written and the server records no checkout.
    def missing() -> None:
        raise StorageError("no SQLCipher")

    monkeypatch.setattr(cipher, "_module", missing)
    before = checkouts(server)
    with pytest.raises(UserError, match="Require encrypted local files.*not available") as refused:
        take_offline(server, Scope("meeting", reference), tmp_path / "nope.scpdesk", passphrase=PASSPHRASE)
    assert refused.value.field == "encrypt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked.scpdesk"]
    assert checkouts(server) == before


def test_a_copy_is_encrypted_on_request_where_the_setting_does_not_require_it(
        server: ServiceContext, tmp_path: Path) -> None:
    reference, _ids = busiest_meeting(server)
    with pytest.raises(UserError, match="at least 12 characters"):
        take_offline(server, Scope("meeting", reference), tmp_path / "short.scpdesk", encrypt=True, passphrase="x")
    result = take_offline(server, Scope("meeting", reference), tmp_path / "asked.scpdesk", encrypt=True,
                          passphrase=PASSPHRASE)
    assert cipher.is_encrypted(result.path)
    assert not list(tmp_path.glob(".*partial*"))


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with in_memory_keyring() as backend:
        yield backend


def test_without_a_passphrase_the_key_of_an_encrypted_copy_is_kept_in_the_os_keyring(
        server: ServiceContext, tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    require_encryption(server)
    reference, _ids = busiest_meeting(server)
    result = take_offline(server, Scope("meeting", reference), tmp_path / "keyring.scpdesk")
    assert result.encrypted and [name for _s, name in memory_keyring.entries] == [str(result.path.resolve())]
    info = copy_info(result.path)  # opened with the keyring's key, which is not left active
    assert info is not None and info.encrypted and cipher.active() is None
    # A take that fails leaves no key behind for a file that does not exist.
    with pytest.raises(UserError):
        take_offline(server, Scope("referrals", "NOPE-1"), tmp_path / "failed.scpdesk")
    assert len(memory_keyring.entries) == 1


# -- Who has what offline: the server's session_user, shown by name -------------------------------------------------

LOGINS = {"t_off_viewer": "scpdesk_viewer", "t_off_coordinator": "scpdesk_coordinator"}


@pytest.fixture
def logins(pg_server, server: ServiceContext) -> dict[str, str]:
    with psycopg.connect(pg_server.admin_dsn, autocommit=True) as conn:
        for login in LOGINS:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    for login, role in LOGINS.items():
        assert main(["--database", pg_server.url, "db", "grant", login, role]) == EXIT_OK
    return LOGINS


def as_login(ctx: ServiceContext, login: str, user: str) -> ServiceContext:
    url = make_url(ctx.db.url).set(username=login).render_as_string(hide_password=False)
    return ServiceContext(open_database(url), user=user, today=lambda: TODAY)


def server_access_of(ctx: ServiceContext) -> Access:
    with ctx.db.engine.connect() as conn:
        return server_access(conn)


def test_the_server_shows_who_has_records_offline_by_their_directory_name(
        server: ServiceContext, logins: dict[str, str], tmp_path: Path) -> None:
    reference, case_ids = busiest_meeting(server)
    add_person(server, PersonInput("Dr Ruth Calloway", "Independent chair", login="T_Off_Coordinator"))
    # The login (session_user), shown by the name of the directory person who signs in as it.
    chair = as_login(server, "t_off_coordinator", user="t_off_coordinator")
    result = take_offline(chair, Scope("meeting", reference), tmp_path / "chair.scpdesk")
    assert checkouts(server) == [("t_off_coordinator", f"meeting {reference}", None)]
    holds = offline_holds(server, "referral", [*case_ids, 999_999])
    assert set(holds) == case_ids
    assert {(h.holder_name, h.since, h.token) for h in holds.values()} == {
        ("Dr Ruth Calloway", result.taken_at, result.token)}
    assert offline_holds(server, "meeting", []) == {}
    info = copy_info(result.path)
    assert info is not None and info.taken_by == "Dr Ruth Calloway"
    # A released checkout holds nothing any more.
    with server.unit_of_work() as s:
        s.scalars(select(OfflineCheckout)).one().released_at = server.now()
    assert offline_holds(server, "referral", case_ids) == {}
    # A viewer may read but not take records offline: refused by the server, nothing left on disk.
    viewer = as_login(server, "t_off_viewer", user="t_off_viewer")
    with pytest.raises((UserError, StorageError)):
        take_offline(viewer, Scope("meeting", reference), tmp_path / "viewer.scpdesk")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chair.scpdesk"]
    viewer.access = server_access_of(viewer)  # as the window and the command line open it: said before any read
    with pytest.raises(UserError, match="scpdesk_coordinator is needed"):
        take_offline(viewer, Scope("meeting", reference), tmp_path / "viewer.scpdesk")
    for ctx in (chair, viewer):
        ctx.db.dispose()


# -- The command line -----------------------------------------------------------------------------------------------

def test_offline_take_and_status_on_the_command_line(server: ServiceContext, pg_server, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    reference, case_ids = busiest_meeting(server)
    url = server.db.url
    target = tmp_path / "cli.scpdesk"
    home = ["--data-dir", str(tmp_path / "home")]
    assert main([*home, "--database", url, "offline", "take", "--meeting", reference, "-o", str(target)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Took meeting {reference} offline into {target}" in out and f"{len(case_ids)} referrals" in out
    assert main([*home, "offline", "status", str(target)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Shared server:" in out and f"meeting {reference}" in out and "Local changes:  0" in out
    assert "scpdesk_test" in out and "password" not in out
    # The same app opens the copy, as any local file.
    assert main([*home, "--database", sqlite_url(target), "meetings", "--json"]) == EXIT_OK
    assert [m["ref"] for m in json.loads(capsys.readouterr().out)] == [reference]
    assert main([*home, "offline", "status", "--json", str(target)]) == EXIT_OK
    status = json.loads(capsys.readouterr().out)
    assert status["counts"]["referral"] == len(case_ids) and status["state"] == "open"
    assert "@" in status["server_url"] and ":" not in status["server_url"].split("@")[0].split("//")[1]

    # A file that is not an offline copy: exit 2; a missing reference: exit 64 and no file.
    plain = tmp_path / "plain.sqlite3"
    db = open_database(sqlite_url(plain))
    from scpdesk.models import schema

    schema.upgrade(db)
    db.dispose()
    assert main([*home, "offline", "status", str(plain)]) == EXIT_STORAGE
    assert "is not an offline copy" in capsys.readouterr().err
    assert main([*home, "offline", "status", str(tmp_path / "missing.scpdesk")]) == EXIT_STORAGE
    bad = tmp_path / "bad.scpdesk"
    assert main([*home, "--database", url, "offline", "take", "--referrals", "NOPE-1", "-o", str(bad)]) == EXIT_USAGE
    assert "no referral NOPE-1" in capsys.readouterr().err and not bad.exists()

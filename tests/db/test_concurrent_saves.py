"""Issue 12's saves under fire on a real PostgreSQL: writers racing on the same referral and on different ones
through the window's save path (BEGIN folded into the first statement, the audit rows linked by one INSERT sent
without waiting). Every save the server accepted must be there, every clash must name who, and the audit chain
must verify afterwards. Counts, never times."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import event, func, select
from test_referral_screen import rich_referral

from scpdesk.errors import ConflictError
from scpdesk.models import Referral
from scpdesk.models.audit import AuditEvent, verify_chain
from scpdesk.models.database import Database, open_database
from scpdesk.services import ServiceContext
from scpdesk.services.referrals.referral_screen import ReferralScreen
from scpdesk.services.registry import Services

pytestmark = pytest.mark.postgres

TODAY = dt.date(2026, 11, 25)
_NAMES = itertools.count(1)


@pytest.fixture
def pg_db(pg_server: object, pg_template: str) -> Iterator[Database]:
    name = f"scpdesk_cs{os.getpid()}_{next(_NAMES)}"
    url = pg_server.create_database(name, template=pg_template)  # type: ignore[attr-defined]
    db = open_database(url, user="tester")
    try:
        yield db
    finally:
        db.dispose()
        pg_server.drop_database(name)  # type: ignore[attr-defined]


def test_racing_editors_lose_nothing_and_the_chain_verifies(pg_db: Database) -> None:
    """Four editors save the same referral's summary 12 times each, each from the version it last saw (a clash:
    read again, as the form's reload does), while four others each edit their own referral. Each accepted save
    is the referral's value at some point: its audit row is there, the last one is what is stored, the version
    counts them all; nothing was lost and the chain links every row."""
    services = Services(ServiceContext(pg_db, user="tester", today=lambda: TODAY))
    shared = rich_referral(services.ctx, "RACE-SHARED", children=2, agencies=2, meetings=1, parts=1)
    own = [rich_referral(services.ctx, f"RACE-{n}", children=1, agencies=1, meetings=0, parts=0) for n in range(4)]
    start_version = services.referrals.screen(shared).version
    with pg_db.sessions() as s:
        audit_before = s.scalar(select(func.count()).select_from(AuditEvent))
    accepted: list[str] = []
    clashes: list[ConflictError] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    go = threading.Barrier(8)

    def editor(n: int, rid: int, rounds: int) -> None:
        mine = Services(ServiceContext(pg_db, user=f"editor.{n}", today=lambda: TODAY))
        try:
            go.wait(timeout=60)
            seen = mine.referrals.screen(rid).version
            for i in range(rounds):
                text = f"editor {n} save {i}"
                try:
                    changes = mine.referrals.update(rid, seen, summary=text)
                except ConflictError as clash:
                    with lock:
                        clashes.append(clash)
                    seen = mine.referrals.screen(rid).version
                    continue
                if rid == shared:
                    with lock:
                        accepted.append(text)
                fresh = changes.fresh_of(ReferralScreen)  # type: ignore[attr-defined]
                seen = fresh.version if fresh is not None else mine.referrals.screen(rid).version
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=editor, args=(n, shared, 12)) for n in range(4)]
    threads += [threading.Thread(target=editor, args=(4 + n, rid, 12)) for n, rid in enumerate(own)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not failures, failures
    assert accepted and len(accepted) + len(clashes) == 48
    assert all(c.changed_by for c in clashes)  # a clash names who

    final = services.referrals.screen(shared)
    assert final.version == start_version + len(accepted)  # every accepted save counted, none lost
    with pg_db.sessions() as s:
        summaries = list(s.scalars(select(AuditEvent.new_value).where(
            AuditEvent.entity == "referral", AuditEvent.entity_id == str(shared), AuditEvent.field == "summary",
            AuditEvent.id > 0).order_by(AuditEvent.id)))
        audit_after = s.scalar(select(func.count()).select_from(AuditEvent))
        own_versions = [s.get(Referral, rid).version for rid in own]  # type: ignore[union-attr]
    assert set(summaries[-len(accepted):]) == set(accepted)
    assert summaries[-1] == final.detail.summary
    assert own_versions == [own_versions[0]] * 4 and own_versions[0] >= 13
    assert audit_after > audit_before
    with pg_db.engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok, report.problems


@pytest.mark.parametrize("when", ["before the audit rows", "after the audit rows", "at the commit"])
def test_a_server_gone_mid_save_saves_nothing_and_the_next_save_works(
        pg_db: Database, pg_server: object, monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """The server drops the connection in the middle of a save (its backend terminated, as a restart or a VPN
    drop does), before or after the audit rows were sent without waiting: the save fails as a whole and is
    explained, nothing of it is stored, the chain still verifies, and the same form saves on the next try."""
    import psycopg

    from scpdesk.errors import StorageError
    from scpdesk.models import audit

    services = Services(ServiceContext(pg_db, user="tester", today=lambda: TODAY))
    rid = rich_referral(services.ctx, "GONE-1", children=1, agencies=1, meetings=0, parts=1)
    shown = services.referrals.screen(rid)
    original = audit.append_rows
    cuts: list[int] = []

    def cut(conn: object) -> None:
        pid = conn.connection.dbapi_connection.info.backend_pid  # type: ignore[attr-defined]
        with psycopg.connect(pg_server.admin_dsn, autocommit=True) as admin:  # type: ignore[attr-defined]
            admin.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))
        cuts.append(pid)

    def append_rows(conn: object, rows: list[object]) -> None:
        if when == "before the audit rows":
            cut(conn)
        original(conn, rows)  # type: ignore[arg-type]
        if when == "after the audit rows":
            cut(conn)

    def at_commit(conn: object) -> None:
        cut(conn)

    if when == "at the commit":
        event.listen(pg_db.engine, "commit", at_commit)
    else:
        monkeypatch.setattr(audit, "append_rows", append_rows)
    with pytest.raises(StorageError):  # explained where the user is working ("cannot reach the server"), not a bug
        services.referrals.update(rid, shown.version, summary="Lost with the connection?")
    monkeypatch.undo()
    assert len(cuts) == 1
    if when == "at the commit":
        event.remove(pg_db.engine, "commit", at_commit)
    again = services.referrals.screen(rid)
    assert again.version == shown.version and again.detail.summary == shown.detail.summary
    services.referrals.update(rid, shown.version, summary="Saved on the next try")
    assert services.referrals.screen(rid).detail.summary == "Saved on the next try"
    with pg_db.engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok, report.problems


def test_a_save_after_the_server_dropped_every_connection_just_works(pg_db: Database, pg_server: object) -> None:
    """The server restarted (every pooled connection dropped) while the form was open: the save reconnects and
    lands once, checked against the version the form showed; the chain verifies."""
    import psycopg

    services = Services(ServiceContext(pg_db, user="tester", today=lambda: TODAY))
    rid = rich_referral(services.ctx, "GONE-2", children=1, agencies=1, meetings=0, parts=1)
    shown = services.referrals.screen(rid)
    dbname = pg_db.engine.url.database
    with psycopg.connect(pg_server.admin_dsn, autocommit=True) as admin:  # type: ignore[attr-defined]
        admin.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
                      "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,))
    services.referrals.update(rid, shown.version, summary="Saved after the restart")
    again = services.referrals.screen(rid)
    assert again.detail.summary == "Saved after the restart" and again.version == shown.version + 1
    with pg_db.engine.connect() as conn:
        report = verify_chain(conn)
    assert report.ok, report.problems

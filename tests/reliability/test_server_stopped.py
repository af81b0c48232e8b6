"""The shared server stops mid-session and comes back: every save tried while it is down is refused with
"the server can't be reached" (never acknowledged), the form keeps the typing, and the same save succeeds
after the restart in the same process — no acknowledged save is lost.

Runs its own PostgreSQL server (the session's server is shared by every other test and must not stop).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pgserver import PostgresServer, find_pg_bin, postgres_required
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from scpdesk.app import create_main_window
from scpdesk.errors import StorageError
from scpdesk.models import Meeting, Referral, schema
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import MeetingKind
from scpdesk.paths import AppPaths
from scpdesk.services import ServiceContext, Services
from scpdesk.services.panel.meetings import MeetingInput
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.ui.forms import KEPT, Field, FormDialog
from scpdesk.ui.main_window import MainWindow

TODAY = dt.date(2026, 11, 25)
ROUNDS = 5
UNREACHABLE = "The server can't be reached (Shared server: 127.0.0.1:"


class Server:
    """A private server that can be stopped and started again on the same port and data."""

    def __init__(self, pg: PostgresServer) -> None:
        self.pg = pg

    def stop(self) -> None:
        pg = self.pg
        if (pg.bin_dir / "pg_ctl").is_file():
            result = pg._run([str(pg.bin_dir / "pg_ctl"), "-D", str(pg.data_dir), "-m", "fast", "-w", "-t", "60",
                              "stop"], timeout=90)
            assert result.returncode == 0, result.stderr
        else:
            pg._kill_direct()

    def start(self) -> None:
        pg = self.pg
        ok, detail = pg._start_pg_ctl() if (pg.bin_dir / "pg_ctl").is_file() else pg._start_direct()
        assert ok, f"restart failed: {detail}"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    if find_pg_bin() is None:
        if postgres_required():
            pytest.fail("no PostgreSQL server binaries: the server-stopped test must run under CI")
        pytest.skip("no PostgreSQL server binaries found")
    with PostgresServer() as pg:
        yield Server(pg)


@pytest.fixture
def db(server: Server) -> Iterator[Database]:
    name = f"scpdesk_stop_{id(object())}"
    url = server.pg.create_database(name)
    setup = open_database(url)
    schema.prepare(setup, backup_dir=None, allow_upgrade=True)
    setup.dispose()
    database = open_database(url, user="coordinator.a")
    yield database
    database.dispose()
    server.pg.drop_database(name)


def stored_references(db: Database) -> set[str]:
    """What a fresh connection finds on the server (not the app's pool)."""
    fresh = open_database(db.url)
    try:
        with fresh.sessions() as s:
            return set(s.scalars(select(Referral.reference)))
    finally:
        fresh.dispose()


def test_saves_while_the_server_is_down_are_refused_and_succeed_after_it_returns(server: Server,
                                                                                  db: Database) -> None:
    services = Services(ServiceContext(db, user="coordinator.a", today=TODAY))
    services.referrals.create(ReferralInput(reference="NSCP-S-000", received_date=TODAY, child_pseudonym="Child S",
                                            la_aware_date=TODAY))  # the pool holds a live connection
    acknowledged = {"NSCP-S-000"}
    tried = refused_while_down = acknowledged_while_down = 0  # saves
    for n in range(1, ROUNDS + 1):
        data = ReferralInput(reference=f"NSCP-S-{n:03d}", received_date=TODAY, child_pseudonym=f"Child {n}",
                             la_aware_date=TODAY, summary=f"Typed while the server was down (round {n}).")
        server.stop()
        try:
            tried += 1
            try:
                services.referrals.create(data)
                acknowledged_while_down += 1
            except StorageError as exc:
                refused_while_down += 1
                assert exc.message.startswith(UNREACHABLE) and "check the server name" not in str(exc)
            with pytest.raises(StorageError, match="can't be reached"):
                services.referrals.list_rows()  # a read says the same
        finally:
            server.start()
        tried += 1
        services.referrals.create(data)  # the same save, same process, no restart of the app
        acknowledged.add(data.reference)
    stored = stored_references(db)
    lost = acknowledged - stored
    print(f"server stopped: rounds={ROUNDS} tried={tried} refused_while_down={refused_while_down} "
          f"acknowledged={len(acknowledged)} lost={len(lost)}")
    assert acknowledged_while_down == 0 and refused_while_down == ROUNDS
    assert lost == set() and stored == acknowledged
    assert {r.reference for r in services.referrals.list_rows()} == acknowledged


def test_a_form_saved_while_the_server_is_down_keeps_the_typing_and_saves_after_restart(
        qtbot: QtBot, server: Server, db: Database) -> None:
    services = Services(ServiceContext(db, user="coordinator.a", today=TODAY))
    meeting_id, _ = services.meetings.create(MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY))
    detail = services.meetings.get(meeting_id)
    typed = "Panel agreed the rapid review.\nChair to write to the National Panel."

    def save(values: dict[str, Any]) -> Any:
        return services.meetings.update(meeting_id, detail.version,
                                        dataclasses.replace(detail.as_edit(), notes=values["notes"]))

    dialog = FormDialog(None, "Meeting notes", [Field("notes", "Notes", "multiline")], save)
    qtbot.addWidget(dialog)
    dialog.widget("notes").setPlainText(typed)
    server.stop()
    try:
        dialog.try_submit()  # a StorageError escaping would reach the "unexpected error" hook instead
        assert dialog.result() != FormDialog.DialogCode.Accepted
        lines = dialog.error.text().splitlines()
        assert lines[0].startswith(UNREACHABLE) and lines[1] == KEPT
        assert dialog.widget("notes").toPlainText() == typed
    finally:
        server.start()
    dialog.try_submit()
    assert dialog.result() == FormDialog.DialogCode.Accepted
    fresh = open_database(db.url)
    try:
        with fresh.sessions() as s:
            assert s.get(Meeting, meeting_id).notes == typed
    finally:
        fresh.dispose()


def test_the_status_bar_says_server_unreachable_and_clears_when_it_is_back(
        qtbot: QtBot, server: Server, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(MainWindow, "RETRY_MS", 100)
    paths = AppPaths(data_dir=tmp_path / "data", log_dir=tmp_path / "logs", config_dir=tmp_path / "config").ensure()
    window = create_main_window(db.url, paths=paths, user="coordinator.a")
    qtbot.addWidget(window)
    assert window.server_label.isHidden()
    # The start's reads (the Today list among them) are done: else one of them may meet the stopped server first,
    # on a worker, and its news reach the status bar a moment after the read below.
    window.tasks.wait()
    server.stop()
    try:
        with pytest.raises(StorageError, match="can't be reached"):
            window.ctx.services.referrals.list_rows()
        assert not window.server_label.isHidden() and window.server_label.text() == "Server unreachable — retrying"
        qtbot.wait(300)  # the window keeps trying while the server is down, and keeps saying so
        assert not window.server_label.isHidden()
    finally:
        server.start()
    qtbot.waitUntil(window.server_label.isHidden, timeout=10_000)  # its next try gets through
    assert window.ctx.services.referrals.list_rows() == []
    window.tasks.wait()
    window.ctx.services.close()


def test_a_read_after_the_server_restarted_reconnects_and_shows_the_data(server: Server, db: Database) -> None:
    """No ping on every checkout: a pooled connection the restart closed is found dead without a round trip (the
    server's goodbye is waiting on its socket) and replaced, so the first read after the restart shows the data
    (no "can't be reached", no status-bar alarm), and so does every read after it."""
    from scpdesk.services.library.library import LibraryQuery

    services = Services(ServiceContext(db, user="coordinator.a", today=TODAY))
    rid, _ = services.referrals.create(ReferralInput(reference="NSCP-R-001", received_date=TODAY,
                                                     child_pseudonym="Child R", la_aware_date=TODAY))
    for _ in range(2):  # the pool holds connections the restart will close
        assert [r.reference for r in services.referrals.first_rows(10).rows] == ["NSCP-R-001"]
    assert db.engine.pool.checkedin() >= 1
    told: list[bool] = []
    services.ctx.reachability_listeners.append(told.append)
    server.stop()
    server.start()
    assert [r.reference for r in services.referrals.first_rows(10).rows] == ["NSCP-R-001"]
    assert services.referrals.screen(rid).detail.reference == "NSCP-R-001"
    assert services.library.listing(LibraryQuery()).total == 0
    assert [r.reference for r in services.referrals.list_rows()] == ["NSCP-R-001"]
    assert told == [] and not services.ctx.unreachable

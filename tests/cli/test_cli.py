"""The command line, as IT staff and scripts use it: clear messages and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scpdesk.cli import EXIT_ERROR, EXIT_OK, EXIT_STORAGE, EXIT_USAGE, main
from scpdesk.models import schema
from scpdesk.models.database import open_database
from scpdesk.paths import sqlite_url
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_db_upgrade_creates_a_new_local_database_then_reports_it_current(capsys, home: Path) -> None:
    url = sqlite_url(home / "team.sqlite3")
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", url, "db", "upgrade")
    assert code == EXIT_OK and "from schema none to" in out
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", url, "db", "upgrade")
    assert code == EXIT_OK and "is up to date" in out
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", url, "db", "check")
    assert code == EXIT_OK and "integrity: OK" in out and f"schema: {schema.HEAD_REVISION}" in out


def test_db_check_fails_on_a_database_from_a_newer_version(capsys, sqlite_db_url: str, home: Path) -> None:
    db = open_database(sqlite_db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.dispose()
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "db", "check")
    assert code == EXIT_ERROR and "newer than this scpdesk" in out
    code, _, err = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines")
    assert code == EXIT_STORAGE and "newer version of scpdesk" in err


def test_db_backup_writes_a_copy_and_refuses_to_overwrite(capsys, sqlite_db_url: str, tmp_path: Path,
                                                          home: Path) -> None:
    target = tmp_path / "copy.sqlite3"
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "db", "backup", str(target))
    assert code == EXIT_OK and target.exists() and "Backed up" in out
    code, _, err = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "db", "backup", str(target))
    assert code == EXIT_STORAGE and "already exists" in err


def test_deadlines_json_lists_open_clocks_soonest_first(capsys, sqlite_db_url: str, home: Path) -> None:
    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="tester"))
    today = sv.ctx.today()
    for ref, days in (("NSCP-CLI-2", 1), ("NSCP-CLI-1", 12)):
        aware = today - dt.timedelta(days=days)
        sv.referrals.create(ReferralInput(reference=ref, received_date=aware, child_pseudonym="Child Q",
                                          la_aware_date=aware))
    db.dispose()
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines", "--json")
    assert code == EXIT_OK
    found = json.loads(out)
    # Every open clock, soonest first: NSCP-CLI-1's SIN and "tell partners" (both overdue) before NSCP-CLI-2's.
    assert list(dict.fromkeys(d["reference"] for d in found)) == ["NSCP-CLI-1", "NSCP-CLI-2"]
    assert [d["clock_key"] for d in found][:2] == ["sin", "notify_partners"]
    assert found[0]["state"] == "overdue" and found[0]["record"] == "referral"
    assert dt.date.fromisoformat(found[0]["due_date"]) < today
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines", "--within", "0")
    assert code == EXIT_OK and "NSCP-CLI-1" in out and "NSCP-CLI-2" not in out
    code, _, err = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines", "--within", "-3")
    assert code == EXIT_USAGE and "--within" in err


def test_demo_data_fills_an_empty_database_once(capsys, sqlite_db_url: str, home: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "demo-data")
    assert code == EXIT_OK and "referrals" in out
    code, _, err = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "demo-data")
    assert code == EXIT_USAGE and "empty database" in err
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines", "--json")
    assert code == EXIT_OK and len(json.loads(out)) > 5


@pytest.mark.parametrize(("url", "message"), [
    ("mysql://server/db", "not supported"),
    ("not a url at all", "not a database URL"),
])
def test_bad_database_urls_get_a_clear_message(capsys, home: Path, url: str, message: str) -> None:
    code, _, err = run(capsys, "--data-dir", str(home), "--database", url, "db", "check")
    assert code == EXIT_STORAGE and message in err


def test_unreachable_server_is_explained(capsys, home: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(home), "--database",
                       "postgresql://nobody@127.0.0.1:1/scpdesk", "deadlines")
    assert code == EXIT_STORAGE and "The server can't be reached (Shared server: 127.0.0.1:1/scpdesk)" in err


def test_shared_server_must_be_upgraded_explicitly(capsys, pg_server, home: Path) -> None:
    url = pg_server.create_database("scpdesk_cli_empty")
    code, _, err = run(capsys, "--data-dir", str(home), "--database", url, "deadlines")
    assert code == EXIT_STORAGE and "db upgrade" in err
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", url, "db", "upgrade")
    assert code == EXIT_OK and "Shared server: 127.0.0.1" in out
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", url, "deadlines")
    assert code == EXIT_OK and "No open clocks." in out
    pg_server.drop_database("scpdesk_cli_empty")


def test_demo_and_database_together_are_refused(capsys, home: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(home), "--demo", "--database", "sqlite:///x.sqlite3")
    assert code == EXIT_USAGE and "--demo" in err


def test_entry_point_runs_as_a_module(tmp_path: Path) -> None:
    env = {**os.environ, "SCPDESK_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "scpdesk", "--version"], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 0 and done.stdout.startswith("scpdesk ")
    done = subprocess.run([sys.executable, "-m", "scpdesk", "deadlines", "--json"], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert (tmp_path / "scpdesk.sqlite3").exists()


def test_deadlines_lists_every_open_clock_of_a_referral_and_missing_start_dates(capsys, sqlite_db_url: str,
                                                                                 home: Path) -> None:
    """SIN and "tell partners" both overdue show as two lines (not just the referral's next clock); a paused
    overdue clock stays overdue with its reason; a referral without its LA-aware date says so."""
    from scpdesk.services.referrals.workflow import WorkflowService

    db = open_database(sqlite_db_url)
    sv = Services(ServiceContext(db, user="tester"))
    today = sv.ctx.today()
    aware = today - dt.timedelta(days=14)
    rid, _ = sv.referrals.create(ReferralInput(reference="NSCP-CLI-7", received_date=aware, child_pseudonym="Child Q",
                                               la_aware_date=aware))
    WorkflowService(sv.ctx).pause_clock(rid, clock_key="notify_partners", reason="Awaiting police disclosure",
                                        paused_date=today)
    sv.referrals.create(ReferralInput(reference="NSCP-CLI-8", received_date=today, child_pseudonym="Child S"))
    db.dispose()
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines", "--json")
    assert code == EXIT_OK
    found = json.loads(out)
    mine = [(d["reference"], d["clock_key"], d["state_key"], d["state"]) for d in found]
    assert mine[0] == ("NSCP-CLI-8", "sin", "start_missing", "clocks not started: LA-aware date missing")
    assert ("NSCP-CLI-7", "sin", "overdue", "overdue") in mine
    assert ("NSCP-CLI-7", "notify_partners", "overdue", "overdue — paused: Awaiting police disclosure") in mine
    assert ("NSCP-CLI-7", "rapid_review", "running", "running") in mine or \
        ("NSCP-CLI-7", "rapid_review", "due_soon", "due soon") in mine
    assert next(d for d in found if d["clock_key"] == "sin" and d["reference"] == "NSCP-CLI-7")["statutory"]
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", sqlite_db_url, "deadlines", "--within", "0")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert sum("NSCP-CLI-7" in line for line in lines) == 2  # both overdue clocks; the running one is beyond 0 days
    assert any(line.startswith("—") and "NSCP-CLI-8" in line and "LA-aware date missing" in line for line in lines)
    assert any("overdue — paused: Awaiting police disclosure" in line for line in lines)

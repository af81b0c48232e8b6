"""Issue 12, time to data: a start shows the most urgent referrals read straight from the local file
(services/referrals/first_page.py) before the database layer is loaded. Those rows must be the referral service's own,
and whenever they might not be (an encrypted file, a server, a schema to upgrade, a partnership that requires
encryption, a stored clock that is not current) the start must go the usual way instead."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from records import TODAY, context

from scpdesk.keys import local_path
from scpdesk.models import timeframes
from scpdesk.models.database import Database
from scpdesk.services.demo import fill_bulk, fill_demo_data
from scpdesk.services.organisation.closures import add_closure
from scpdesk.services.referrals.first_page import keep_holidays, read_first_page
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.settings import save_settings, settings_versions


def _service_page(db: Database, limit: int) -> tuple[tuple[object, ...], int]:
    page = ReferralService(context(db, "viewer.v")).first_rows(limit, repair=False)
    return page.rows, page.total


def test_the_first_page_from_the_file_is_the_services_page(db: Database, db_url: str) -> None:
    """Demo records (overdue, paused, met, closed clocks, referrals whose clocks cannot start), a closure day and
    several limits: the rows, their order and the total are the service's, on the day the list is shown."""
    ctx = context(db, "coordinator.a")
    fill_demo_data(ctx, today=TODAY)
    fill_bulk(ctx, referrals=60, reviews=0)
    ReferralService(ctx).create(ReferralInput(reference="NO-LA-DATE", received_date=dt.date(2026, 3, 30),
                                              child_pseudonym="Child Q"))  # its clocks cannot start: it leads
    add_closure(ctx, dt.date(2026, 4, 7), "Office move")
    path = local_path(db_url)
    for limit in (1, 5, 100, 1000):
        page = read_first_page(path, today=TODAY, limit=limit)
        if db.is_sqlite and not db.is_encrypted:
            assert page is not None
            assert (page.rows, page.total) == _service_page(db, limit)
            assert page.rows[0].reference == "NO-LA-DATE"
        else:  # an encrypted file is unlocked and opened the usual way; a server applies its roles there
            assert page is None


def test_a_start_goes_the_usual_way_whenever_the_file_could_say_something_else(sqlite_db_url: str) -> None:
    from scpdesk.models.database import open_database

    db = open_database(sqlite_db_url, user="tester")
    path = local_path(sqlite_db_url)
    assert path is not None
    try:
        ctx = context(db, "coordinator.a")
        fill_demo_data(ctx, today=TODAY)
        assert read_first_page(path, today=TODAY, limit=20) is not None

        # A stored clock whose basis is not current (written by another version): the engine computes it.
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE referral SET next_due_basis = 'old' WHERE id = (SELECT min(id) FROM referral)")
        assert read_first_page(path, today=TODAY, limit=20) is None
        ReferralService(ctx).first_rows(20)  # the usual way repairs it (a login that may edit)
        assert read_first_page(path, today=TODAY, limit=20) is not None

        # A schema to upgrade (or newer than this build): the usual way migrates or refuses.
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0006'")
        assert read_first_page(path, today=TODAY, limit=20) is None
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0007'")

        # The partnership requires encrypted files: the usual way refuses this plain one.
        save_settings(ctx, {"require_encryption": True}, expected=settings_versions(ctx))
        assert read_first_page(path, today=TODAY, limit=20) is None
    finally:
        db.dispose()
    # No file, or a file that is not a database: the usual way explains.
    assert read_first_page(path.with_name("missing.sqlite3"), today=TODAY, limit=20) is None
    junk = path.with_name("junk.sqlite3")
    junk.write_bytes(b"%PDF-1.7" * 100)
    assert read_first_page(junk, today=TODAY, limit=20) is None
    assert read_first_page(None, today=TODAY, limit=20) is None


def test_kept_bank_holidays_spare_the_import_and_count_the_same(sqlite_db_url: str, tmp_path: Path) -> None:
    """A later start counts working days with the bank holidays kept by an earlier one (no import of the holidays
    package, about 0.1 s), and shows exactly the same rows; holidays of another package version are not used."""
    from scpdesk.models.database import open_database

    db = open_database(sqlite_db_url, user="tester")
    try:
        fill_demo_data(context(db, "coordinator.a"), today=TODAY)
        expected = _service_page(db, 50)
    finally:
        db.dispose()
    kept = tmp_path / "bank-holidays.json"
    keep_holidays(kept, today=TODAY)
    assert json.loads(kept.read_text(encoding="utf-8"))["version"] == timeframes.installed_holidays_version()
    before = kept.stat().st_mtime_ns
    keep_holidays(kept, today=TODAY)  # already kept: not written again
    assert kept.stat().st_mtime_ns == before

    code = (
        "import sys, datetime as dt, pathlib\n"
        "from scpdesk.services.referrals.first_page import read_first_page\n"
        f"page = read_first_page(pathlib.Path({str(local_path(sqlite_db_url))!r}), today=dt.date.fromisoformat("
        f"{TODAY.isoformat()!r}), limit=50, holidays_file=pathlib.Path({str(kept)!r}))\n"
        "print('holidays' in sys.modules, 'sqlalchemy' in sys.modules)\n"
        "print(repr((page.rows, page.total)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    imported, rows = done.stdout.splitlines()
    assert imported == "False False"
    assert rows == repr(expected)

    # Holidays computed by another version of the package are not taken (the package is asked instead).
    assert not timeframes.use_holiday_tables("0.0-not-installed", {("GB", "ENG", 2099): {}})


@pytest.mark.parametrize("broken", ["{not json", json.dumps({"version": "x"}), json.dumps([1, 2])])
def test_an_unreadable_holidays_file_only_slows_the_start(sqlite_db_url: str, tmp_path: Path, broken: str) -> None:
    kept = tmp_path / "bank-holidays.json"
    kept.write_text(broken, encoding="utf-8")
    page = read_first_page(local_path(sqlite_db_url), today=TODAY, limit=10, holidays_file=kept)
    assert page is not None and page.total == 0


def test_a_tampered_holidays_file_never_moves_a_deadline(sqlite_db_url: str, tmp_path: Path) -> None:
    """The kept bank holidays are a cache in the user's folder, not a source of truth: a file edited to call every
    weekday of the year a bank holiday (same package version, so it is taken for the quick first page) must not
    reach the engine once the database is open, where it would push every new due date into next year and store
    them as current. The next start keeps the package's holidays again."""
    from scpdesk.models.database import open_database

    db = open_database(sqlite_db_url, user="tester")
    db.dispose()
    kept = tmp_path / "bank-holidays.json"
    keep_holidays(kept, today=TODAY)
    content = json.loads(kept.read_text(encoding="utf-8"))
    for table in content["tables"]:
        year = table[2]
        table[3] = [[(dt.date(year, 1, 1) + dt.timedelta(days=n)).isoformat(), "Made up"] for n in range(365)]
    kept.write_text(json.dumps(content), encoding="utf-8")
    start = dt.date(2026, 3, 2)
    expected = timeframes.add_working_days(start, 15)
    assert expected.year == 2026

    code = (
        "import datetime as dt, pathlib\n"
        "from scpdesk.models import timeframes\n"
        "from scpdesk.models.database import open_database\n"
        "from scpdesk.services.referrals.first_page import keep_holidays, read_first_page\n"
        f"kept = pathlib.Path({str(kept)!r})\n"
        f"today = dt.date.fromisoformat({TODAY.isoformat()!r})\n"
        f"read_first_page(pathlib.Path({str(local_path(sqlite_db_url))!r}), today=today, limit=5, "
        "holidays_file=kept)\n"
        f"db = open_database({sqlite_db_url!r}, user='tester')\n"
        f"print(timeframes.add_working_days(dt.date.fromisoformat({start.isoformat()!r}), 15).isoformat())\n"
        "keep_holidays(kept, today=today)\n"
        "db.dispose()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    assert done.stdout.split() == [expected.isoformat()]
    rewritten = json.loads(kept.read_text(encoding="utf-8"))
    assert "Made up" not in json.dumps(rewritten)


def test_a_colleagues_unfinished_write_is_not_on_the_first_page(sqlite_db_url: str) -> None:
    """Another process is half-way through a write (WAL: its changes are in its transaction, not committed): the
    first page read from the file at that moment is the committed one, the service's, and the read neither waits
    for the writer nor sees what it may yet roll back."""
    from scpdesk.models.database import open_database

    db = open_database(sqlite_db_url, user="tester")
    path = local_path(sqlite_db_url)
    assert path is not None
    try:
        fill_demo_data(context(db, "coordinator.a"), today=TODAY)
        expected = _service_page(db, 20)
        writer = sqlite3.connect(path, isolation_level=None)
        try:
            assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("UPDATE referral SET next_due_date = '2000-01-01', reference = 'UNCOMMITTED-' || id")
            writer.execute("DELETE FROM referral_child")
            page = read_first_page(path, today=TODAY, limit=20)
            assert page is not None and (page.rows, page.total) == expected
            writer.execute("ROLLBACK")
        finally:
            writer.close()
    finally:
        db.dispose()

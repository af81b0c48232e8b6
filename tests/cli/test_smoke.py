"""``scpdesk --smoke-test``: what a build machine and IT run to know an installation works. It must pass on a
new local file and on an empty shared server, say each step, name the step that failed, never leave its
temporary folder behind, never touch the user's folder, and never write demo records next to real ones."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, table

from scpdesk.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, main
from scpdesk.models import schema
from scpdesk.models.database import open_database
from scpdesk.services import ServiceContext, Services
from scpdesk.services.demo_content import load_demo_content
from scpdesk.services.referrals.referrals import ReferralInput

#: Every step's line, in order, as IT reads them.
STEPS = ("start", "folder", "database", "migrate", "open", "demo", "meeting pack", "learning summary", "window",
         "window", "cleanup", "passed")


def smoke(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--smoke-test", *args])
    out, err = capsys.readouterr()
    return code, out, err


def steps(out: str) -> list[str]:
    return re.findall(r"^smoke: ([a-zA-Z ]+):", out, flags=re.MULTILINE)


def temporary_folder(out: str) -> Path:
    found = re.search(r"^smoke: folder: temporary data folder (\S+) ", out, flags=re.MULTILINE)
    assert found is not None, out
    return Path(found.group(1))


def line(out: str, step: str) -> str:
    """The step's last line (the window step says first that it starts, then what it saw)."""
    return [text for text in out.splitlines() if text.startswith(f"smoke: {step}: ")][-1]


def demo_names() -> set[str]:
    """The demo's people and children, who must never appear in what the smoke test prints."""
    content = load_demo_content()
    names = {p.name for p in content.people} | {r.pseudonym for r in content.reviews if r.pseudonym}
    for referral in content.referrals:
        names |= {c.pseudonym for c in referral.children} | {c.name for c in referral.children}
    return {name for name in names if name}


@pytest.fixture
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (SCPDESK_HOME), not yet created: the smoke test must leave it so."""
    home = tmp_path / "users-own-folder"
    monkeypatch.setenv("SCPDESK_HOME", str(home))
    return home


def every_row(url: str) -> dict[str, int]:
    db = open_database(url, create_dir=False)
    try:
        with db.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table(name))).scalar() or 0
                    for name in inspect(conn).get_table_names()}
    finally:
        db.dispose()


def test_on_a_new_local_file_every_step_passes_and_nothing_is_left(capsys, own_home: Path) -> None:
    code, out, _ = smoke(capsys)
    assert code == EXIT_OK, out
    assert steps(out) == list(STEPS)
    assert "schema none -> " + schema.HEAD_REVISION in line(out, "migrate")
    assert re.search(r"\d+ referrals, \d+ meetings, \d+ reviews", line(out, "demo"))
    assert re.search(r"\d+ agenda items, \d+ pages, [\d.]+ KiB", line(out, "meeting pack"))
    assert "pypdf reads it" in line(out, "meeting pack") and "pypdf reads it" in line(out, "learning summary")
    assert re.search(r"first rows on screen in \d+ ms \([1-9]\d* on Today, [1-9]\d* referrals listed\)",
                     line(out, "window"))
    assert not temporary_folder(out).exists()
    assert not own_home.exists()  # the user's folder: not even created
    printed = out.casefold()
    assert not [name for name in demo_names() if name.casefold() in printed]


def test_the_temporary_folder_is_private_while_it_is_used(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk import smoke as module

    seen: list[int] = []
    real = module._database_steps

    def watched(run, url, paths) -> None:  # type: ignore[no-untyped-def]
        seen.append(paths.data_dir.parent.stat().st_mode & 0o777)
        real(run, url, paths)

    monkeypatch.setattr(module, "_database_steps", watched)
    monkeypatch.setattr(module, "_window_step", lambda run, url, paths: None)
    code, out, _ = smoke(capsys)
    assert code == EXIT_OK, out
    assert seen == [0o700] or os.name != "posix"


def test_a_failing_step_is_named_exits_1_and_leaves_no_folder(capsys, monkeypatch: pytest.MonkeyPatch,
                                                             own_home: Path) -> None:
    from scpdesk.services.panel import meeting_pack

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the pack builder broke")

    monkeypatch.setattr(meeting_pack, "produce_pack", broken)
    code, out, _ = smoke(capsys)
    assert code == 1
    assert "smoke: FAILED: step 'meeting pack': RuntimeError: the pack builder broke" in out
    assert "smoke: window:" not in out and "smoke: passed:" not in out  # it stops at the failed step
    assert "smoke: cleanup: temporary data folder removed" in out
    assert not temporary_folder(out).exists()
    assert not own_home.exists()


def test_the_window_failing_to_open_its_database_fails_the_window_step_with_exit_2(
        capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from scpdesk import app
    from scpdesk.errors import StorageError

    def unreachable(*args: object, **kwargs: object) -> None:
        raise StorageError("The shared server stopped answering.")

    monkeypatch.setattr(app, "_open_and_load", unreachable)
    code, out, _ = smoke(capsys)
    assert code == EXIT_STORAGE
    assert "smoke: FAILED: step 'window': The shared server stopped answering." in out
    assert not temporary_folder(out).exists()


def test_an_unreachable_server_fails_the_database_step_with_exit_2(capsys) -> None:
    code, out, _ = smoke(capsys, "--database", "postgresql://nobody@127.0.0.1:1/scpdesk?connect_timeout=5")
    assert code == EXIT_STORAGE
    assert "smoke: FAILED: step 'database': " in out and "smoke: migrate:" not in out
    assert not temporary_folder(out).exists()


def test_a_database_holding_records_is_refused_and_left_as_it_was(capsys, sqlite_db_url: str) -> None:
    db = open_database(sqlite_db_url)
    services = Services(ServiceContext(db, user="tester"))
    services.referrals.create(ReferralInput(reference="NSCP-REAL-1", received_date=services.ctx.today(),
                                            child_pseudonym="Child R"))
    db.dispose()
    before = every_row(sqlite_db_url)
    code, out, _ = smoke(capsys, "--database", sqlite_db_url)
    assert code == EXIT_STORAGE
    assert re.search(r"FAILED: step 'database': .*already holds records \(\d+ rows in \d+ tables", out)
    assert "Nothing was written" in out and "smoke: migrate:" not in out
    assert every_row(sqlite_db_url) == before


def test_a_database_scpdesk_made_but_holding_nothing_is_used(capsys, sqlite_db_url: str) -> None:
    # The template is what `scpdesk db upgrade` makes of a new database: only what the migrations put there.
    assert schema.held_records(open_database(sqlite_db_url)) == {}
    code, out, _ = smoke(capsys, "--database", sqlite_db_url)
    assert code == EXIT_OK, out
    assert f"schema {schema.HEAD_REVISION} -> {schema.HEAD_REVISION}" in line(out, "migrate")


def test_another_applications_database_is_refused(capsys, tmp_path: Path) -> None:
    other = tmp_path / "payroll.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO staff (name) VALUES ('someone')")
    conn.close()
    code, out, _ = smoke(capsys, "--database", f"sqlite:///{other}")
    assert code == EXIT_STORAGE and "not an scpdesk database" in out
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["staff"]
    conn.close()


@pytest.mark.postgres
def test_on_an_empty_shared_server_it_passes_and_a_second_run_is_refused(capsys, pg_server) -> None:
    url = pg_server.create_database("scpdesk_smoke")
    try:
        code, out, _ = smoke(capsys, "--database", url)
        assert code == EXIT_OK, out
        assert steps(out) == list(STEPS)
        assert line(out, "database").startswith("smoke: database: Shared server")
        assert "schema none -> " + schema.HEAD_REVISION in line(out, "migrate")
        assert re.search(r"\([1-9]\d* on Today, [1-9]\d* referrals listed\)", line(out, "window"))
        # Run again, it finds the demo it wrote: refused, nothing added (a real partnership's server looks so).
        before = every_row(url)
        code, out, _ = smoke(capsys, "--database", url)
        assert code == EXIT_STORAGE and "already holds records" in out
        assert every_row(url) == before
    finally:
        pg_server.drop_database("scpdesk_smoke")


def test_it_takes_no_other_option_or_command(capsys, tmp_path: Path) -> None:
    for extra in (["--data-dir", str(tmp_path)], ["--demo"], ["deadlines"]):
        with pytest.raises(SystemExit) as exited:  # a usage error, as argparse reports every one
            main(["--smoke-test", *extra])
        _, err = capsys.readouterr()
        assert exited.value.code == EXIT_USAGE and "--smoke-test" in err
    assert not any(tmp_path.iterdir())


def test_the_entry_point_runs_it_without_a_screen(tmp_path: Path) -> None:
    """``python -m scpdesk --smoke-test`` as a build machine runs it: no display and no Qt platform chosen
    (the smoke test chooses offscreen), a shared-server setting in the environment that it must not use, and
    the user's folder untouched."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(SCPDESK_HOME=str(home), SCPDESK_DATABASE_URL="postgresql://nobody@192.0.2.1:1/never")
    done = subprocess.run([sys.executable, "-m", "scpdesk", "--smoke-test"], capture_output=True, text=True,
                          env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert steps(done.stdout) == list(STEPS)
    assert "smoke: window: starting the app's window (Qt platform offscreen)" in done.stdout
    assert not temporary_folder(done.stdout).exists() and not home.exists()


@pytest.mark.postgres
def test_a_server_database_db_upgrade_made_holds_no_records(pg_db) -> None:
    # What IT (and the frozen build's check) does first: `db upgrade`, then the smoke test on that database.
    assert schema.held_records(pg_db) == {}

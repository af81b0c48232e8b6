"""Exit codes a script can rely on: a usage error is 64 (EX_USAGE), never 2 (which means "the database could
not be used"); a reader that stops reading (``scpdesk reviews | head -1``) is not an error: exit 0, nothing on
stderr. Run as real processes on real pipes."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from calendar_days import TEST_TODAY

from scpdesk.cli import EXIT_ERROR, EXIT_OK, EXIT_STORAGE, EXIT_USAGE, main
from scpdesk.models.database import open_database
from scpdesk.services import ServiceContext
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.library.review_io import import_reviews

#: Reviews added to the demo so that the listing is far larger than a pipe holds (64 KiB on Linux).
MANY = 1000


def scpdesk(url: str, home: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "scpdesk", "--data-dir", str(home), "--database", url, *args]


@pytest.fixture(scope="module")
def big_library(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo records plus MANY reviews: ``reviews`` prints about 230 KB, ``reviews --json`` about 370 KB."""
    tmp_path = tmp_path_factory.mktemp("big")
    shutil.copyfile(sqlite_template, tmp_path / "big.sqlite3")
    url = f"sqlite:///{tmp_path / 'big.sqlite3'}"
    db = open_database(url)
    # Module-scoped: set up before the per-test pinned clock, so the day is pinned here explicitly.
    ctx = ServiceContext(db, user="setup", today=TEST_TODAY)
    fill_demo_data(ctx, today=TEST_TODAY)
    sheet = tmp_path / "many.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["reference", "title", "review_type", "partnership", "published", "themes", "summary", "url"])
        for i in range(MANY):
            out.writerow([f"BULK-{i:04d}", f"Review {i}: " + "neglect and information sharing " * 4, "lcspr",
                          "Northshire", "", "", "", ""])
    assert import_reviews(ctx, sheet).count == MANY
    db.dispose()
    return url


@pytest.mark.parametrize("args", [["--no-such-option"], ["deadlines", "--within"], ["deadlines", "--within", "x"],
                                  ["db", "frobnicate"], ["db"], ["export"], ["reviews", "--view", "secret"]],
                         ids=["unknown-option", "missing-argument", "bad-int", "bad-choice", "missing-action",
                              "missing-what", "bad-view"])
def test_usage_errors_exit_64_not_the_database_code(args: list[str], tmp_path: Path) -> None:
    done = subprocess.run(scpdesk(f"sqlite:///{tmp_path / 'none.sqlite3'}", tmp_path / "home", *args),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == EXIT_USAGE != EXIT_STORAGE, done.stderr
    assert "usage: scpdesk" in done.stderr and "error:" in done.stderr and done.stdout == ""
    assert not (tmp_path / "none.sqlite3").exists()  # refused before any database was touched


def test_usage_errors_exit_64_in_process_too(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["deadlines", "--within"])
    assert stopped.value.code == EXIT_USAGE and "expected one argument" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0


@pytest.mark.parametrize("args", [["reviews"], ["reviews", "--json"]], ids=["text", "json"])
def test_head_closing_the_pipe_is_a_quiet_success(big_library: str, tmp_path: Path, args: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """``scpdesk reviews | head -1`` under ``set -o pipefail``: head stops reading after one line while scpdesk
    is still writing (the output is several times what the pipe and head's buffer hold, so a write fails
    whatever the timing)."""
    assert main(["--data-dir", str(tmp_path / "home"), "--database", big_library, *args]) == EXIT_OK
    assert len(capsys.readouterr().out.encode()) > 3 * 65_536
    command = " ".join(f"'{part}'" for part in scpdesk(big_library, tmp_path / "home", *args))
    done = subprocess.run(["bash", "-o", "pipefail", "-c", f"{command} | head -1"], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stderr == "" and len(done.stdout.splitlines()) == 1


@pytest.mark.parametrize("args", [["reviews"], ["deadlines"], ["deadlines", "--json"], ["--help"]])
def test_a_reader_gone_before_the_first_write_is_a_quiet_success(big_library: str, tmp_path: Path,
                                                                 args: list[str]) -> None:
    """The read end is closed before scpdesk starts: its first write (for a short listing, the last flush at
    exit) meets a broken pipe every time. Exit 0, nothing on stderr, no traceback."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(scpdesk(big_library, tmp_path / "home", *args), stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    finally:
        os.close(write)
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize("args", [["reviews"], ["deadlines", "--json"], ["meetings"]])
def test_standard_output_closed_from_the_start_is_a_quiet_success(big_library: str, tmp_path: Path,
                                                                  args: list[str]) -> None:
    """``scpdesk reviews >&-`` (a scheduled job started without standard output): Python has no stdout at all.
    Exit 0, nothing on stderr, no traceback."""
    command = " ".join(f"'{part}'" for part in scpdesk(big_library, tmp_path / "home", *args))
    done = subprocess.run(["bash", "-c", f"{command} >&-"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=120, check=False)
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stderr == ""


def test_a_reader_gone_never_hides_the_commands_own_result(sqlite_db_url: str, tmp_path: Path) -> None:
    """``scpdesk db check | head -1`` on a broken database still exits 1: the reader leaving drops output,
    never the verdict (the command runs to its end whenever the pipe closed)."""
    db = open_database(sqlite_db_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")  # from a newer scpdesk
    db.dispose()
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(scpdesk(sqlite_db_url, tmp_path / "home", "db", "check"), stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    finally:
        os.close(write)
    assert done.returncode == EXIT_ERROR, done.stderr
    assert "Traceback" not in done.stderr and "Broken pipe" not in done.stderr

"""`scpdesk db restore` and a start that finds the database file missing, as IT staff meet them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from storagekit import open_services_at, save, saved_references

from scpdesk.cli import EXIT_OK, EXIT_STORAGE, main
from scpdesk.models import schema


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def home(tmp_path: Path, sqlite_template: Path) -> Path:
    """A data folder with its database holding one referral, as the app leaves it."""
    home = tmp_path / "home"
    home.mkdir()
    shutil.copyfile(sqlite_template, home / "scpdesk.sqlite3")
    sv = open_services_at(home / "scpdesk.sqlite3")
    save(sv, "NSCP-1")
    sv.close()
    return home


def test_a_missing_file_with_backups_is_refused_naming_db_restore(capsys, home: Path) -> None:
    code, _, _ = run(capsys, "--data-dir", str(home), "deadlines")  # the start that makes today's backup
    assert code == EXIT_OK
    (home / "scpdesk.sqlite3").unlink()
    code, _, err = run(capsys, "--data-dir", str(home), "deadlines")
    assert code == EXIT_STORAGE
    assert "is missing, but 1 backup(s) of it exist" in err and "scpdesk db restore" in err
    assert not (home / "scpdesk.sqlite3").exists()
    for command in (("db", "check"), ("db", "upgrade"), ("db", "backup", str(home / "copy.sqlite3"))):
        code, _, err = run(capsys, "--data-dir", str(home), *command)
        assert code == EXIT_STORAGE and "scpdesk db restore" in err, command
    assert not (home / "scpdesk.sqlite3").exists()


def test_a_brand_new_data_folder_still_starts(capsys, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "new"), "deadlines")
    assert code == EXIT_OK and "No open clocks" in out
    assert (tmp_path / "new" / "scpdesk.sqlite3").exists()


def test_a_mistyped_database_path_is_named_and_never_created(capsys, home: Path, tmp_path: Path) -> None:
    """Tester finding 3: `--database sqlite:///<typo> deadlines` made an empty database and said "No open
    clocks." (exit 0), hiding every statutory deadline. Every command but `db upgrade`/`demo-data` now refuses a
    named file that does not exist (exit 2, naming it) and creates nothing, not even its folder."""
    typo = tmp_path / "Safeguardnig" / "nscp.sqlite3"
    url = f"sqlite:///{typo}"
    for command in (("deadlines",), ("export", "referrals", "-o", str(tmp_path / "out.csv")), ("db", "check"),
                    ("db", "backup", str(tmp_path / "copy.sqlite3")), ("import", "referrals", str(tmp_path / "x.csv"))):
        code, out, err = run(capsys, "--data-dir", str(home), "--database", url, *command)
        assert code == EXIT_STORAGE, command
        assert str(typo) in err and "does not exist" in err and "No open clocks" not in out, command
    assert not typo.parent.exists()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "copy.sqlite3").exists()
    # A named file whose backups sit in the backups folder beside it (another data folder): restore, not empty.
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "backups").mkdir(parents=True)
    shutil.copyfile(home / "scpdesk.sqlite3", elsewhere / "backups" / "nscp-daily-2026-01-05.sqlite3")
    code, _, err = run(capsys, "--data-dir", str(home), "--database", f"sqlite:///{elsewhere / 'nscp.sqlite3'}",
                       "deadlines")
    assert code == EXIT_STORAGE and "is missing, but 1 backup(s) of it exist" in err
    assert not (elsewhere / "nscp.sqlite3").exists()
    # `db upgrade` still creates a named file on purpose.
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", url, "db", "upgrade")
    assert code == EXIT_OK and typo.exists()


def test_db_restore_puts_the_backup_back_and_keeps_the_replaced_file(capsys, home: Path, tmp_path: Path) -> None:
    backup = tmp_path / "chosen.sqlite3"
    code, _, _ = run(capsys, "--data-dir", str(home), "db", "backup", str(backup))
    assert code == EXIT_OK
    sv = open_services_at(home / "scpdesk.sqlite3")
    save(sv, "NSCP-2")
    sv.close()
    code, out, _ = run(capsys, "--data-dir", str(home), "db", "restore", str(backup))
    assert code == EXIT_OK and "Restored" in out and "1 referrals" in out
    assert saved_references(home / "scpdesk.sqlite3") == {"NSCP-1"}
    [previous] = (home / "backups").glob("scpdesk-before-restore-*.sqlite3")
    assert str(previous) in out and saved_references(previous) == {"NSCP-1", "NSCP-2"}
    code, out, _ = run(capsys, "--data-dir", str(home), "db", "check")
    assert code == EXIT_OK and "integrity: OK" in out


def test_db_restore_into_a_missing_file(capsys, home: Path, tmp_path: Path) -> None:
    backup = tmp_path / "chosen.sqlite3"
    run(capsys, "--data-dir", str(home), "db", "backup", str(backup))
    (home / "scpdesk.sqlite3").unlink()
    code, _, _ = run(capsys, "--data-dir", str(home), "db", "restore", str(backup))
    assert code == EXIT_OK and saved_references(home / "scpdesk.sqlite3") == {"NSCP-1"}
    code, out, _ = run(capsys, "--data-dir", str(home), "deadlines")
    assert code == EXIT_OK


def test_db_restore_refuses_a_cut_short_backup(capsys, home: Path, tmp_path: Path) -> None:
    backup = tmp_path / "cut.sqlite3"
    run(capsys, "--data-dir", str(home), "db", "backup", str(backup))
    backup.write_bytes(backup.read_bytes()[:-1024])
    before = (home / "scpdesk.sqlite3").read_bytes()
    code, _, err = run(capsys, "--data-dir", str(home), "db", "restore", str(backup))
    assert code == EXIT_STORAGE and "not a whole SQLite database" in err
    assert (home / "scpdesk.sqlite3").read_bytes() == before


@pytest.mark.postgres
def test_db_restore_on_a_shared_server_points_at_pg_restore(capsys, home: Path, pg_db: object) -> None:
    url = pg_db.url  # type: ignore[attr-defined]
    code, _, err = run(capsys, "--data-dir", str(home), "--database", url, "db", "restore", str(home / "x.dump"))
    assert code == EXIT_STORAGE and "pg_restore" in err


@pytest.mark.postgres
def test_db_backup_on_a_shared_server_is_a_checked_dump(capsys, home: Path, pg_db: object, tmp_path: Path) -> None:
    target = tmp_path / "team.dump"
    code, out, _ = run(capsys, "--data-dir", str(home), "--database", pg_db.url,  # type: ignore[attr-defined]
                       "db", "backup", str(target))
    assert code == EXIT_OK and target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == []


def test_list_backups_never_offers_a_partial_file(home: Path) -> None:
    backups = home / "backups"
    backups.mkdir()
    (backups / ".scpdesk-daily-2026-01-05.sqlite3.12345.partial").write_bytes(b"SQLite format 3\0")
    (backups / "scpdesk-daily-2026-01-04.sqlite3").write_bytes(b"")
    assert schema.list_backups(backups, "scpdesk") == []

"""An export, pack or summary is never renamed over a saved record (tester findings 1 and 10).

`export -o PATH` writes beside PATH and renames over it; before this, PATH could be the live database file or a
backup (exit 0, every save since the last backup gone) and a symlink was replaced by a regular file (`-o
/dev/stdout` left /dev/stdout a plain file). Now: the database file, its -wal/-shm and anything in the backups
folder are refused (exit 64 naming the file), and a symlink is written *through* (its target replaced, the link
kept); a target that is not a regular file (device, pipe) is refused."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from storagekit import open_services_at, save, saved_references

from scpdesk.errors import UserError
from scpdesk.services.spreadsheet import safe_output


def _export(live: Path, dest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scpdesk", "--database", f"sqlite:///{live}", "--data-dir",
                           str(live.parent), "export", "referrals", "--format", "csv", "-o", str(dest)],
                          capture_output=True, text=True, timeout=120)


def test_export_onto_the_live_database_is_refused(tmp_path: Path, sqlite_template: Path) -> None:
    live = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(sqlite_template, live)
    sv = open_services_at(live)
    save(sv, "SAVED-TODAY")
    sv.close()
    out = _export(live, live)
    assert out.returncode == 64, f"export replaced the database: {out.stdout.strip()!r}"
    assert "database file" in out.stderr and str(live) in out.stderr
    assert saved_references(live) == {"SAVED-TODAY"}


def test_export_onto_a_backup_or_a_side_file_is_refused(tmp_path: Path, sqlite_template: Path) -> None:
    live = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(sqlite_template, live)
    backups = tmp_path / "backups"
    backups.mkdir()
    daily = backups / "scpdesk-daily-2026-01-05.sqlite3"
    shutil.copyfile(sqlite_template, daily)
    out = _export(live, daily)
    assert out.returncode == 64, f"export replaced a backup: {out.stdout.strip()!r}"
    assert daily.read_bytes() == sqlite_template.read_bytes()
    # Not a database by content, but in the backups folder: refused too.
    out = _export(live, backups / "notes.csv")
    assert out.returncode == 64 and "backups folder" in out.stderr
    assert not (backups / "notes.csv").exists()
    for side in ("-wal", "-shm"):
        with pytest.raises(UserError, match="database file"):
            safe_output(Path(str(live) + side))


def test_export_to_a_symlink_writes_through_it(tmp_path: Path, sqlite_template: Path) -> None:
    live = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(sqlite_template, live)
    target = tmp_path / "shared" / "export.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    out = subprocess.run([sys.executable, "-m", "scpdesk", "--database", f"sqlite:///{live}", "export", "referrals",
                          "--format", "csv", "-o", str(link)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert link.is_symlink(), "the symlink was replaced by a regular file"
    assert target.read_text(encoding="utf-8-sig").startswith("reference,"), "the export never reached the link's target"


def test_a_symlink_to_the_database_or_a_device_is_refused(tmp_path: Path, sqlite_template: Path) -> None:
    live = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(sqlite_template, live)
    link = tmp_path / "innocent.csv"
    link.symlink_to(live)
    with pytest.raises(UserError, match="database file"):
        safe_output(link)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="not an ordinary file"):
        safe_output(fifo)
    with pytest.raises(UserError, match="not an ordinary file"):
        safe_output("/dev/null")
    assert safe_output(tmp_path / "new.csv") == (tmp_path / "new.csv").resolve()


def test_an_encrypted_database_is_refused_too(tmp_path: Path, sqlcipher_template: Path) -> None:
    """An encrypted (SQLCipher) file has no plain SQLite header: it is still a database, never an export's target;
    an existing export whose size happens to be whole 4 KiB pages is still replaced."""
    live = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(sqlcipher_template, live)
    with pytest.raises(UserError, match="database file"):
        safe_output(live)
    old_export = tmp_path / "old.xlsx"
    old_export.write_bytes(b"PK" + b"\x00" * (4096 * 2 - 2))
    assert safe_output(old_export) == old_export.resolve()

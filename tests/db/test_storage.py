"""The local database file is watched and backed up whole: a save into a file that was deleted, moved or
replaced is refused; backups are verified before they get their name; restore swaps files safely."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from storagekit import TODAY, integrity, open_services_at, save, saved_references

from scpdesk.errors import StorageError
from scpdesk.models import schema
from scpdesk.models.database import Database, open_database
from scpdesk.paths import sqlite_url

POSIX = os.name == "posix"


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    path = data / "scpdesk.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return path


def test_a_save_into_a_deleted_file_is_refused_and_no_empty_file_appears(db_file: Path, tmp_path: Path) -> None:
    sv = open_services_at(db_file)
    assert sv.db.guard is not None
    sv.db.guard.rescue_dir = tmp_path / "backups"  # as the app's start sets it
    try:
        save(sv, "NSCP-1")
        shutil.rmtree(db_file.parent)
        with pytest.raises(StorageError, match="moved, deleted or replaced while scpdesk was open") as caught:
            save(sv, "NSCP-2")
        assert "Nothing was saved; your text is kept" in str(caught.value)
        [rescued] = schema.list_backups(tmp_path / "backups", "scpdesk")
        assert str(rescued.path) in str(caught.value) and rescued.path.name.startswith("scpdesk-rescued-")
        assert saved_references(rescued.path) == {"NSCP-1"} and integrity(rescued.path) == "ok"
        db_file.parent.mkdir()  # the folder comes back empty: a new connection must not create a file in it
        with pytest.raises(StorageError):
            save(sv, "NSCP-3")
        assert not db_file.exists()
    finally:
        sv.close()


def test_a_save_into_a_replaced_file_is_refused_and_the_new_file_is_untouched(db_file: Path,
                                                                              sqlite_template: Path) -> None:
    sv = open_services_at(db_file)
    try:
        save(sv, "NSCP-1")
        replacement = db_file.with_name("other.sqlite3")
        shutil.copyfile(sqlite_template, replacement)
        os.replace(replacement, db_file)
        with pytest.raises(StorageError, match="moved, deleted or replaced"):
            save(sv, "NSCP-2")
    finally:
        sv.close()
    assert saved_references(db_file) == set()


def test_a_moved_file_keeps_every_acknowledged_save_and_later_saves_are_refused(db_file: Path) -> None:
    sv = open_services_at(db_file)
    moved = db_file.parent.parent / "moved"
    try:
        acknowledged = {f"NSCP-{i}" for i in range(5) if save(sv, f"NSCP-{i}")}
        db_file.parent.rename(moved)
        with pytest.raises(StorageError, match="moved"):
            save(sv, "NSCP-after")
    finally:
        sv.close()
    assert saved_references(moved / db_file.name) == acknowledged
    assert integrity(moved / db_file.name) == "ok"


def test_sqlite_runs_wal_with_synchronous_full(db_file: Path) -> None:
    db = open_database(sqlite_url(db_file))
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.dispose()


@pytest.mark.skipif(not POSIX, reason="Windows files inherit the folder's ACL; there are no mode bits to check")
def test_new_files_and_folders_are_private_to_their_owner(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "new" / "deep" / "scpdesk.sqlite3"))
    try:
        schema.prepare(db, backup_dir=tmp_path / "new" / "backups", today=TODAY)
        schema.prepare(db, backup_dir=tmp_path / "new" / "backups", today=TODAY.replace(day=6))
        [backup] = (tmp_path / "new" / "backups").iterdir()
    finally:
        db.dispose()
    for folder in (tmp_path / "new", tmp_path / "new" / "deep", tmp_path / "new" / "backups"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in (tmp_path / "new" / "deep" / "scpdesk.sqlite3", backup):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def _daily(backups: Path, day: int) -> Path:
    return backups / f"scpdesk-daily-2025-12-{day:02d}.sqlite3"


def _prepare(db_file: Path, backups: Path) -> schema.PrepareResult:
    db = open_database(sqlite_url(db_file))
    try:
        return schema.prepare(db, backup_dir=backups, today=TODAY)
    finally:
        db.dispose()


def test_a_cut_short_file_is_never_kept_as_todays_backup(db_file: Path, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    today = backups / f"scpdesk-daily-{TODAY:%Y-%m-%d}.sqlite3"
    today.write_bytes(b"")  # what a killed backup of an older scpdesk left
    (backups / f".{today.name}.999999999.partial").write_bytes(b"SQLite format 3\0" + b"\0" * 500)
    result = _prepare(db_file, backups)
    assert result.backup == today and schema.verify_backup(today).revision == schema.HEAD_REVISION
    assert sorted(p.name for p in backups.iterdir()) == [today.name]


def test_keep_newest_14_counts_only_whole_backups(db_file: Path, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    for day in range(1, 21):
        shutil.copyfile(db_file, _daily(backups, day))
    with open(_daily(backups, 20), "r+b") as cut:  # the newest old one is cut short
        cut.truncate(_daily(backups, 20).stat().st_size // 2)
    _daily(backups, 19).write_bytes(b"")
    _prepare(db_file, backups)
    kept = sorted(p.name for p in backups.iterdir())
    expected = [_daily(backups, d).name for d in range(6, 19)] + [f"scpdesk-daily-{TODAY:%Y-%m-%d}.sqlite3"]
    assert kept == expected and len(kept) == 14


def test_a_copy_that_does_not_verify_is_never_kept(db_file: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = schema._table_counts
    calls = []

    def lossy(conn: sqlite3.Connection) -> dict[str, int]:
        calls.append(1)
        counts = real(conn)
        return counts if len(calls) == 1 else {**counts, "theme": counts["theme"] - 1}

    monkeypatch.setattr(schema, "_table_counts", lossy)
    db = open_database(sqlite_url(db_file))
    try:
        with pytest.raises(StorageError, match="does not hold the same rows.*theme"):
            schema.backup(db, tmp_path / "out" / "copy.sqlite3")
    finally:
        db.dispose()
    assert list((tmp_path / "out").iterdir()) == []


def test_missing_file_with_backups_is_refused_not_recreated(db_file: Path, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    _prepare(db_file, backups)
    db_file.unlink()
    with pytest.raises(schema.DatabaseMissingError, match="is missing, but 1 backup") as caught:
        _prepare(db_file, backups)
    assert "scpdesk db restore" in str(caught.value)
    assert [b.path.name for b in caught.value.backups] == [f"scpdesk-daily-{TODAY:%Y-%m-%d}.sqlite3"]
    assert not db_file.exists()


def test_a_brand_new_install_still_creates_its_file(tmp_path: Path) -> None:
    result = _prepare(tmp_path / "data" / "scpdesk.sqlite3", tmp_path / "data" / "backups")
    assert result.upgraded and (tmp_path / "data" / "scpdesk.sqlite3").exists()


def test_backups_of_another_file_do_not_block_a_new_one(tmp_path: Path, db_file: Path) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    shutil.copyfile(db_file, backups / "scpdesk-demo-daily-2025-12-01.sqlite3")
    assert _prepare(tmp_path / "fresh" / "scpdesk.sqlite3", backups).upgraded


def test_restore_swaps_in_the_backup_and_keeps_the_replaced_file(db_file: Path, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    sv = open_services_at(db_file)
    save(sv, "NSCP-old")
    backup = schema.backup(sv.db, backups / "chosen.sqlite3")
    save(sv, "NSCP-new")
    sv.close()
    with sqlite3.connect(db_file) as keep_wal:  # a -wal left beside the file must not survive the swap
        keep_wal.execute("PRAGMA wal_autocheckpoint=0")
        keep_wal.execute("UPDATE theme SET name = name")
    result = schema.restore(db_file, backup, backups)
    assert saved_references(db_file) == {"NSCP-old"} and integrity(db_file) == "ok"
    assert not Path(f"{db_file}-wal").exists()
    assert result.previous is not None and result.previous.name.startswith("scpdesk-before-restore-")
    assert saved_references(result.previous) == {"NSCP-old", "NSCP-new"}
    assert schema.verify_backup(result.previous).counts["referral"] == 2
    assert [b.path for b in schema.list_backups(backups, "scpdesk")] == [result.previous]
    sv = open_services_at(db_file)
    try:
        save(sv, "NSCP-after-restore")
    finally:
        sv.close()
    assert saved_references(db_file) == {"NSCP-old", "NSCP-after-restore"}


@pytest.mark.parametrize("damage", ["truncated", "not a database", "too new"])
def test_restore_refuses_a_bad_backup_and_leaves_the_file_alone(db_file: Path, tmp_path: Path, damage: str) -> None:
    sv = open_services_at(db_file)
    save(sv, "NSCP-1")
    sv.close()
    bad = tmp_path / "bad.sqlite3"
    shutil.copyfile(db_file, bad)
    with sqlite3.connect(bad) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    if damage == "truncated":
        with open(bad, "r+b") as handle:
            handle.truncate(bad.stat().st_size - 4096)
    elif damage == "not a database":
        bad.write_bytes(b"PK\x03\x04 a spreadsheet" * 100)
    else:
        with sqlite3.connect(bad) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_file.read_bytes()
    with pytest.raises(StorageError):
        schema.restore(db_file, bad, tmp_path / "backups")
    assert db_file.read_bytes() == before
    assert sorted(p.name for p in db_file.parent.iterdir() if "partial" in p.name) == []


def test_a_shared_server_backup_is_checked_with_pg_restore(pg_db: Database, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = schema.backup(pg_db, tmp_path / "server.dump")
    listed = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True, text=True, check=True)
    assert "TABLE DATA public referral" in listed.stdout
    real_run = subprocess.run

    def broken_check(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        if cmd[0] == "pg_restore":
            return subprocess.CompletedProcess(cmd, 1, "", "pg_restore: error: input file is too short")
        return real_run(cmd, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(schema.subprocess, "run", broken_check)
    with pytest.raises(StorageError, match="did not pass pg_restore --list"):
        schema.backup(pg_db, tmp_path / "second.dump")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["server.dump"]

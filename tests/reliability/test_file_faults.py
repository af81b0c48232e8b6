"""Faults of the local file while scpdesk works on it: its folder removed, the file replaced, a read-only file,
a full disk. Each save is tried through ReferralService.create; every acknowledged save must survive (tried →
acknowledged → lost, lost must be 0)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from storagekit import TODAY, integrity, open_services_at, save, saved_references

from scpdesk.errors import StorageError
from scpdesk.models import schema
from scpdesk.models.database import open_database
from scpdesk.paths import sqlite_url
from scpdesk.services import Services

ATTEMPTS = 20


@pytest.fixture
def data(tmp_path: Path, sqlite_template: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(sqlite_template, folder / "scpdesk.sqlite3")
    return folder


def _started(path: Path) -> Services:
    """Services as the app's start leaves them: prepared with the backups folder beside the file."""
    sv = open_services_at(path)
    schema.prepare(sv.db, backup_dir=path.parent / "backups", today=TODAY)
    return sv


def _try_saves(sv: Services, prefix: str, attempts: int = ATTEMPTS) -> tuple[set[str], list[StorageError]]:
    acknowledged, refused = set(), []
    for i in range(attempts):
        try:
            save(sv, f"{prefix}-{i}")
        except StorageError as exc:
            refused.append(exc)
        else:
            acknowledged.add(f"{prefix}-{i}")
    return acknowledged, refused


def _report(name: str, tried: int, acknowledged: int, lost: int) -> None:
    print(f"\n{name}: tried {tried}, acknowledged {acknowledged}, lost {lost}")


def test_folder_removed_while_open(data: Path) -> None:
    sv = _started(data / "scpdesk.sqlite3")
    try:
        before, _ = _try_saves(sv, "BEFORE")
        shutil.rmtree(data)
        after, refused = _try_saves(sv, "AFTER")
    finally:
        sv.close()
    assert after == set() and len(refused) == ATTEMPTS
    assert all("moved, deleted or replaced" in str(e) for e in refused)
    # The next start: the file is missing, the rescued copy is offered, and restoring it loses nothing.
    db = open_database(sqlite_url(data / "scpdesk.sqlite3"))
    with pytest.raises(schema.DatabaseMissingError) as missing:
        schema.prepare(db, backup_dir=data / "backups", today=TODAY)
    db.dispose()
    [rescued] = missing.value.backups
    assert rescued.path.name.startswith("scpdesk-rescued-") and str(rescued.path) in str(refused[0])
    schema.restore(data / "scpdesk.sqlite3", rescued.path, data / "backups")
    lost = len(before - saved_references(data / "scpdesk.sqlite3"))
    _report("folder removed", 2 * ATTEMPTS, len(before), lost)
    assert lost == 0 and len(before) == ATTEMPTS and integrity(data / "scpdesk.sqlite3") == "ok"


def test_file_replaced_while_open(data: Path, sqlite_template: Path) -> None:
    path = data / "scpdesk.sqlite3"
    sv = _started(path)
    try:
        before, _ = _try_saves(sv, "BEFORE")
        shutil.copyfile(sqlite_template, data / "incoming.sqlite3")
        os.replace(data / "incoming.sqlite3", path)
        after, refused = _try_saves(sv, "AFTER")
    finally:
        sv.close()
    assert after == set() and len(refused) == ATTEMPTS
    assert saved_references(path) == set() and integrity(path) == "ok"  # the new file is not written into
    [rescued] = [b for b in schema.list_backups(data / "backups", "scpdesk") if "rescued" in b.path.name]
    lost = len(before - saved_references(rescued.path))
    _report("file replaced", 2 * ATTEMPTS, len(before), lost)
    assert lost == 0


@contextlib.contextmanager
def _read_only_modes(folder: Path) -> Iterator[None]:
    """``folder`` and its files read-only by their modes (which stop an ordinary user, not root)."""
    for entry in folder.iterdir():
        entry.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield
    finally:
        folder.chmod(0o700)
        for entry in folder.iterdir():
            entry.chmod(0o600)


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'not root'}): the disk-full and "
                    "read-only-as-root cases need one")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _remount(where: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(where)], check=True)


def test_read_only_file_gets_a_clear_message(tmp_path: Path, sqlite_template: Path) -> None:
    """Read-only by file modes for an ordinary user; for root (whom modes do not stop) a tmpfs remounted
    read-only."""
    root = os.geteuid() == 0
    holder = contextlib.ExitStack()
    with holder:
        folder = holder.enter_context(_tmpfs(tmp_path / "mnt", "8m")) if root else tmp_path / "ro"
        folder.mkdir(exist_ok=True)
        path = folder / "scpdesk.sqlite3"
        shutil.copyfile(sqlite_template, path)
        sv = open_services_at(path)
        before, _ = _try_saves(sv, "BEFORE", 5)
        sv.close()
        if root:
            _remount(folder, "ro")
        else:
            holder.enter_context(_read_only_modes(folder))
        sv = open_services_at(path)
        try:
            after, refused = _try_saves(sv, "AFTER")
        finally:
            sv.close()
        assert after == set() and len(refused) == ATTEMPTS
        assert all("is read-only" in str(e) and "your text is kept" in str(e) for e in refused), str(refused[0])
        if root:
            _remount(folder, "rw")
        else:
            holder.close()
        lost = len(before - saved_references(path))
        _report("read-only file", 5 + ATTEMPTS, len(before), lost)
        assert lost == 0 and integrity(path) == "ok"


def test_disk_full_is_a_storage_error_and_loses_nothing(tmp_path: Path, sqlite_template: Path) -> None:
    with _tmpfs(tmp_path / "mnt", "1200k") as folder:
        path = folder / "scpdesk.sqlite3"
        shutil.copyfile(sqlite_template, path)
        sv = open_services_at(path)
        acknowledged: set[str] = set()
        failures: list[StorageError] = []
        tried = 0
        try:
            while len(failures) < 5 and tried < 5000:  # fill the disk, then go on trying a few times
                tried += 1
                try:
                    save(sv, f"FULL-{tried}-" + "x" * 20)
                except StorageError as exc:
                    failures.append(exc)
                else:
                    acknowledged.add(f"FULL-{tried}-" + "x" * 20)
            with pytest.raises(StorageError, match="disk is full"):
                schema.backup(sv.db, folder / "backups" / "full.sqlite3")
        finally:
            sv.close()
        assert failures, "the disk never filled"
        assert all("disk is full" in str(e) for e in failures), str(failures[0])
        assert [p.name for p in (folder / "backups").iterdir()] == []  # no partial backup kept
        lost = len(acknowledged - saved_references(path))
        _report("disk full", tried, len(acknowledged), lost)
        assert lost == 0 and integrity(path) == "ok"


def test_a_backup_onto_a_full_disk_names_the_backup_folder(tmp_path: Path, data: Path) -> None:
    """Tester finding 12: `db backup PATH` onto a full disk said the *database's* disk was full or failing,
    so the coordinator freed space in the wrong place. The message names where the backup was going."""
    with _tmpfs(tmp_path / "small", "64k") as folder:
        sv = open_services_at(data / "scpdesk.sqlite3")
        try:
            with pytest.raises(StorageError) as exc:
                schema.backup(sv.db, folder / "copy.sqlite3")
        finally:
            sv.close()
        message = str(exc.value)
        assert f"{folder}" in message and "disk is full" in message, message
        assert str(data) not in message, message
        assert list(folder.iterdir()) == []  # no partial copy left
        assert integrity(data / "scpdesk.sqlite3") == "ok"


def test_saves_after_the_wal_is_deleted_are_refused_and_rescued(data: Path) -> None:
    """Tester finding 4: with the -wal deleted under an open scpdesk, SQLite went on acknowledging commits into
    the unlinked file, which a crash then lost. The guard now checks the -wal's identity too: each save after
    it is refused (tried → acknowledged → lost counted), and what the connection still saw is rescued."""
    path = data / "scpdesk.sqlite3"
    sv = _started(path)
    try:
        before, _ = _try_saves(sv, "BEFORE", 5)
        Path(f"{path}-wal").unlink()
        after, refused = _try_saves(sv, "AFTER")
    finally:
        sv.close()
    assert after == set() and len(refused) == ATTEMPTS
    assert all("-wal" in str(e) and "Nothing was saved" in str(e) for e in refused), str(refused[0])
    [rescued] = (data / "backups").glob("scpdesk-rescued-*.sqlite3")
    lost = len(before - saved_references(rescued))
    _report("-wal deleted", 5 + ATTEMPTS, len(before), lost)
    assert lost == 0 and integrity(rescued) == "ok"


def test_a_save_racing_a_restore_is_refused_or_kept(tmp_path: Path, data: Path, monkeypatch) -> None:
    """Tester finding 2: restore took no lock, so a save another process committed after the replaced file was
    copied but before the swap was acknowledged and then existed nowhere. Restore now holds the write lock from
    that copy to the swap: the other writer waits, then its file guard refuses the save (the file was replaced).
    Whatever the order, every acknowledged save is in the kept copy, the restored file or a rescued copy."""
    import threading
    import time

    live = data / "scpdesk.sqlite3"
    other = open_services_at(live, user="coordinator.b")  # another process's app, left open
    before, _ = _try_saves(other, "BEFORE", 2)
    good = tmp_path / "good.sqlite3"
    schema.copy_sqlite(live, good)
    real_copy = schema.copy_sqlite
    outcome: dict[str, object] = {}

    def other_saves() -> None:
        acknowledged, refused = _try_saves(other, "DURING", 1)
        outcome.update(acknowledged=acknowledged, refused=refused)

    writer = threading.Thread(target=other_saves)

    def copy_then_other_saves(src, dst, **kw):
        out = real_copy(src, dst, **kw)
        if "before-restore" in Path(dst).name:
            writer.start()
            time.sleep(0.3)  # let it reach the lock (the assertions hold whichever comes first)
        return out

    monkeypatch.setattr(schema, "copy_sqlite", copy_then_other_saves)
    result = schema.restore(live, good, data / "backups")
    writer.join(timeout=60)
    assert not writer.is_alive()
    other.close()
    monkeypatch.undo()
    acknowledged = outcome["acknowledged"]
    everywhere = saved_references(live) | saved_references(result.previous)
    for rescued in (data / "backups").glob("*rescued*"):
        everywhere |= saved_references(rescued)
    lost = len((before | acknowledged) - everywhere)  # type: ignore[operator]
    _report("save racing a restore", 3, len(before) + len(acknowledged), lost)  # type: ignore[arg-type]
    assert lost == 0
    assert acknowledged or all("replaced" in str(e) or "saving" in str(e) for e in outcome["refused"])

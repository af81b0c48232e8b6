"""At rest on a PC: every file scpdesk creates is its owner's only (0700 folders, 0600 files, whatever the
umask); looser ones are tightened at start; the optional encrypted database (SQLCipher) cannot be read without
its key, converts both ways keeping every row, and a partnership can require it."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from memory_keyring import MemoryKeyring, in_memory_keyring

from scpdesk.cli import EXIT_OK, EXIT_STORAGE, EXIT_USAGE, main
from scpdesk.errors import StorageError
from scpdesk.keys import KEYRING_SERVICE, PASSPHRASE_FILE_ENV
from scpdesk.logs import PrivateRotatingFileHandler
from scpdesk.models import cipher, schema
from scpdesk.models.database import open_database
from scpdesk.paths import AppPaths, broad_acl_entries, sqlite_url, tighten_private_files
from scpdesk.services import ServiceContext, open_services
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.settings import save_settings, settings_versions

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows: the profile's ACL, checked)")
PASSPHRASE = "a long enough passphrase"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    """The most common umask (0022 would make every new file world-readable): modes must not depend on it."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture(autouse=True)
def no_key() -> Iterator[None]:
    cipher.use(None)
    yield
    cipher.use(None)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with in_memory_keyring() as backend:
        yield backend


@pytest.fixture
def passphrase_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path.chmod(0o600)
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(path))
    return path


@pytest.fixture
def demo_file(tmp_path: Path, sqlite_template: Path) -> Path:
    """A plain local file holding the demo records."""
    path = tmp_path / "home" / "scpdesk.sqlite3"
    path.parent.mkdir()
    path.write_bytes(sqlite_template.read_bytes())
    db = open_database(sqlite_url(path))
    fill_demo_data(ServiceContext(db, user="setup"))
    db.dispose()
    return path


def every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = cipher.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE "
                                            "'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}
    finally:
        conn.close()


# Owner-only files ------------------------------------------------------------------------------------------

@posix_only
def test_a_first_start_creates_every_folder_and_file_for_its_owner_only(capsys, tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, _, _ = run(capsys, "--data-dir", str(home), "db", "upgrade")
    assert code == EXIT_OK
    database = home / "scpdesk.sqlite3"
    for folder in (home, home / "backups", home / "logs"):
        assert mode(folder) == 0o700, folder
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{database}{suffix}").exists():
            assert mode(Path(f"{database}{suffix}")) == 0o600, suffix
    db = open_database(sqlite_url(database))
    with db.engine.begin() as conn:  # SQLite gives -wal and -shm the database file's mode
        conn.exec_driver_sql("CREATE TABLE probe (x)")
        assert mode(Path(f"{database}-wal")) == 0o600 and mode(Path(f"{database}-shm")) == 0o600
    db.dispose()
    from storagekit import open_services_at, save

    services = open_services_at(database)
    save(services, "AT-REST-1")  # an audited save: the backups below get an audit-head sidecar
    services.db.dispose()
    code, _, _ = run(capsys, "--data-dir", str(home), "db", "check")
    assert code == EXIT_OK and mode(home / "audit-anchors.jsonl") == 0o600
    code, out, _ = run(capsys, "--data-dir", str(home), "db", "backup", str(home / "backups" / "manual.sqlite3"))
    assert code == EXIT_OK and mode(home / "backups" / "manual.sqlite3") == 0o600
    daily = schema.daily_backup(open_database(sqlite_url(database)), home / "backups", today=dt.date(2026, 12, 2))
    assert daily is not None and mode(daily) == 0o600
    code, out, _ = run(capsys, "--data-dir", str(home), "db", "restore", str(home / "backups" / "manual.sqlite3"))
    assert code == EXIT_OK
    assert mode(database) == 0o600
    assert any(p.name.endswith(".audit-head") for p in (home / "backups").iterdir())
    assert all(mode(p) == 0o600 for p in (home / "backups").iterdir()), sorted(
        (p.name, oct(mode(p))) for p in (home / "backups").iterdir())


@posix_only
def test_files_left_readable_by_others_are_tightened_at_start_and_counted_in_the_log(
        capsys, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    home = tmp_path / "home"
    assert run(capsys, "--data-dir", str(home), "db", "upgrade")[0] == EXIT_OK
    loose = [home, home / "backups", home / "scpdesk.sqlite3", home / "logs"]
    for path in loose:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (home / "backups" / "old.sqlite3").write_bytes(b"x")
    (home / "backups" / "old.sqlite3").chmod(0o644)
    (home / "holiday-photo.jpg").write_bytes(b"x")  # not scpdesk's: left alone
    (home / "holiday-photo.jpg").chmod(0o644)
    with caplog.at_level(logging.INFO):
        assert run(capsys, "--data-dir", str(home), "db", "check")[0] == EXIT_OK
    assert all(mode(p) == (0o700 if p.is_dir() else 0o600) for p in loose)
    assert mode(home / "backups" / "old.sqlite3") == 0o600 and mode(home / "holiday-photo.jpg") == 0o644
    assert "made 5 file(s) or folder(s) readable by their owner only" in caplog.text
    assert tighten_private_files(AppPaths(home, home / "logs", home)) == 0


@posix_only
def test_the_log_file_and_its_rotations_are_owner_only(tmp_path: Path) -> None:
    handler = PrivateRotatingFileHandler(tmp_path / "scpdesk.log", maxBytes=200, backupCount=2, encoding="utf-8")
    try:
        logger = logging.getLogger("scpdesk.test.private")
        logger.addHandler(handler)
        logger.propagate = False
        for n in range(30):
            logger.warning("referral %d saved", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(tmp_path.glob("scpdesk.log*"))
    assert len(files) == 3 and all(mode(p) == 0o600 for p in files)


@posix_only
def test_the_window_settings_file_is_owner_only(tmp_path: Path) -> None:
    from scpdesk.app import _settings

    paths = AppPaths(tmp_path / "d", tmp_path / "l", tmp_path / "c")
    settings = _settings(paths)
    settings.setValue("main/geometry", "x")
    settings.sync()
    assert mode(paths.settings_file) == 0o600 and mode(paths.config_dir) == 0o700


def test_windows_acl_check_flags_everyone_and_users_but_not_the_owner() -> None:
    folder = r"C:\Users\jo.bloggs\AppData\Local\scpdesk"
    private = (f"{folder} NT AUTHORITY\\SYSTEM:(OI)(CI)(F)\n"
               "                                       BUILTIN\\Administrators:(OI)(CI)(F)\n"
               "                                       NORTHSHIRE\\jo.bloggs:(OI)(CI)(F)\n\n"
               "Successfully processed 1 files; Failed processing 0 files\n")
    assert broad_acl_entries(private, folder) == []
    shared = private.replace("NORTHSHIRE\\jo.bloggs:(OI)(CI)(F)",
                             "NORTHSHIRE\\jo.bloggs:(OI)(CI)(F)\n   BUILTIN\\Users:(OI)(CI)(RX)\n"
                             "   Everyone:(OI)(CI)(R)\n   Everyone:(DENY)(W)")
    assert broad_acl_entries(shared, folder) == ["BUILTIN\\Users:(OI)(CI)(RX)", "Everyone:(OI)(CI)(R)"]
    first_line = f"{folder} Everyone:(OI)(CI)(F)\n"
    assert broad_acl_entries(first_line, folder) == ["Everyone:(OI)(CI)(F)"]


# Encrypted local database ----------------------------------------------------------------------------------

def test_an_encrypted_file_is_unreadable_without_its_key_and_a_wrong_key_is_refused_clearly(
        tmp_path: Path) -> None:
    path = tmp_path / "secret.sqlite3"
    cipher.use(cipher.DatabaseKey(passphrase=PASSPHRASE, source="passphrase"))
    db = open_database(sqlite_url(path))
    schema.prepare(db, backup_dir=None)
    db.dispose()
    assert cipher.is_encrypted(path) and b"referral" not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    cipher.use(cipher.DatabaseKey(passphrase="another long passphrase", source="passphrase"))
    with pytest.raises(StorageError, match="does not open the encrypted database file"):
        open_services(sqlite_url(path), user="jo", backup_dir=None)
    cipher.use(None)
    with pytest.raises(StorageError, match="is encrypted .or is not a database at all. and no key"):
        open_services(sqlite_url(path), user="jo", backup_dir=None)


def test_encrypt_then_decrypt_keeps_every_row_and_backups_stay_encrypted(
        capsys, demo_file: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = demo_file.parent
    before = every_row(demo_file)
    code, out, err = run(capsys, "--data-dir", str(home), "db", "encrypt", "--passphrase")
    assert code == EXIT_OK, err
    assert cipher.is_encrypted(demo_file) and "unencrypted: delete it" in out
    cipher.use(None)
    code, out, err = run(capsys, "--data-dir", str(home), "db", "check")  # the passphrase file opens it
    assert code == EXIT_OK and "integrity: OK" in out, err
    assert every_row(demo_file) == before
    backup = home / "backups" / "by-hand.sqlite3"
    assert run(capsys, "--data-dir", str(home), "db", "backup", str(backup))[0] == EXIT_OK
    assert cipher.is_encrypted(backup) and schema.verify_backup(backup).counts["referral"] > 0
    if os.name == "posix":
        assert mode(demo_file) == 0o600 and mode(backup) == 0o600
    monkeypatch.delenv(PASSPHRASE_FILE_ENV)
    cipher.use(None)
    code, _, err = run(capsys, "--data-dir", str(home), "db", "check")
    assert code == EXIT_STORAGE and "no key or passphrase" in err
    monkeypatch.setenv(PASSPHRASE_FILE_ENV, str(passphrase_file))
    code, out, err = run(capsys, "--data-dir", str(home), "db", "decrypt")
    assert code == EXIT_OK, err
    assert not cipher.is_encrypted(demo_file)
    cipher.use(None)
    assert every_row(demo_file) == before  # read with plain sqlite3 again
    sqlite3.connect(demo_file).execute("SELECT count(*) FROM referral").fetchone()


def test_encrypt_can_remove_the_unencrypted_backups_after_a_verified_encrypted_one(
        capsys, demo_file: Path, passphrase_file: Path) -> None:
    home = demo_file.parent
    backups = home / "backups"
    assert run(capsys, "--data-dir", str(home), "db", "backup", str(backups / "scpdesk-daily-2026-12-01.sqlite3"))[0] \
        == EXIT_OK
    code, out, err = run(capsys, "--data-dir", str(home), "db", "encrypt", "--passphrase")
    assert code == EXIT_OK, err
    assert "2 backup(s)" in out and "unencrypted copies" in out  # the daily one and the original
    plain = [p for p in backups.iterdir() if p.suffix == ".sqlite3" and not cipher.is_encrypted(p)]
    assert len(plain) == 2
    code, out, err = run(capsys, "--data-dir", str(home), "db", "encrypt", "--remove-plain-copies")
    assert code == EXIT_OK, err
    assert "Removed 2 unencrypted backup(s)" in out
    left = [p for p in backups.iterdir() if p.suffix == ".sqlite3"]
    assert left and all(cipher.is_encrypted(p) for p in left)
    newest = schema.list_backups(backups, demo_file.stem)[0].path
    assert "-encrypted-" in newest.name and schema.verify_backup(newest).counts == every_row_counts(demo_file)
    code, _, err = run(capsys, "--data-dir", str(home), "db", "encrypt")  # nothing to do, said so
    assert code == EXIT_USAGE and "already encrypted" in err


def every_row_counts(path: Path) -> dict[str, int]:
    return {table: len(rows) for table, rows in every_row(path).items()}


def test_the_key_can_live_in_the_os_keyring(capsys, demo_file: Path, memory_keyring: MemoryKeyring) -> None:
    home = demo_file.parent
    assert run(capsys, "--data-dir", str(home), "db", "encrypt")[0] == EXIT_OK
    assert [service for service, _ in memory_keyring.entries] == [KEYRING_SERVICE]
    cipher.use(None)
    code, out, err = run(capsys, "--data-dir", str(home), "db", "check")
    assert code == EXIT_OK and "integrity: OK" in out, err
    memory_keyring.entries.clear()
    cipher.use(None)
    code, _, err = run(capsys, "--data-dir", str(home), "db", "check")
    assert code == EXIT_STORAGE and "encrypted" in err


def test_a_partnership_requiring_encryption_refuses_a_plain_file_and_names_the_fix(
        demo_file: Path, passphrase_file: Path, capsys) -> None:
    services = open_services(sqlite_url(demo_file), user="jo", backup_dir=None)
    save_settings(services.ctx, {"require_encryption": True}, expected=settings_versions(services.ctx))
    services.close()
    with pytest.raises(StorageError) as refused:
        open_services(sqlite_url(demo_file), user="jo", backup_dir=None)
    assert "requires local database files to be encrypted" in str(refused.value)
    assert "scpdesk --database" in str(refused.value) and "db encrypt" in str(refused.value)
    assert run(capsys, "--data-dir", str(demo_file.parent), "db", "encrypt", "--passphrase")[0] == EXIT_OK
    services = open_services(sqlite_url(demo_file), user="jo", backup_dir=None)
    assert services.db.is_encrypted
    services.close()


def test_a_passphrase_typed_at_start_gets_three_tries(tmp_path: Path) -> None:
    from scpdesk.keys import unlock

    path = tmp_path / "secret.sqlite3"
    cipher.use(cipher.DatabaseKey(passphrase=PASSPHRASE, source="passphrase"))
    db = open_database(sqlite_url(path))
    schema.prepare(db, backup_dir=None)
    db.dispose()
    cipher.use(None)
    typed = iter(["wrong one", "still wrong", PASSPHRASE])
    prompts: list[str] = []

    def ask(prompt: str, confirm: bool) -> str:
        prompts.append(prompt)
        return next(typed)

    key = unlock(path, ask)
    assert key is cipher.active() and len(prompts) == 3 and "not right" in prompts[1]
    cipher.use(None)
    with pytest.raises(StorageError, match="does not open"):
        unlock(path, lambda prompt, confirm: "never the right one")
    assert cipher.active() is None
    assert unlock(tmp_path / "plain-or-missing.sqlite3", ask) is None


@posix_only
@pytest.mark.postgres
def test_a_shared_server_backup_written_by_pg_dump_is_owner_only(pg_db, tmp_path: Path) -> None:
    saved = schema.backup(pg_db, tmp_path / "server" / "scpdesk.dump")
    assert mode(saved) == 0o600 and mode(saved.parent) == 0o700


@posix_only
def test_a_damaged_file_kept_by_a_restore_is_owner_only(tmp_path: Path, sqlite_template: Path) -> None:
    target = tmp_path / "home" / "scpdesk.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)  # too damaged to back up
    target.chmod(0o644)
    result = schema.restore(target, sqlite_template, tmp_path / "home" / "backups")
    assert result.previous is not None and result.previous.suffix == ".damaged"
    assert mode(result.previous) == 0o600 and mode(target) == 0o600


@posix_only
def test_a_meeting_pack_is_owner_only_like_every_other_export(demo_file: Path, tmp_path: Path) -> None:
    """The pack holds the meeting's cases (and, unless left out, its confidential items): under umask 022 it
    must not be readable by every local user, neither while it is written nor after, like the CSV/XLSX/.ics
    exports; a stale ``.part`` left world-readable by a crash is tightened too."""
    from sqlalchemy import select

    from scpdesk.models import Meeting
    from scpdesk.services.panel.meeting_pack import produce_pack

    db = open_database(sqlite_url(demo_file))
    ctx = ServiceContext(db, user="coordinator")
    try:
        with ctx.read() as s:
            meeting_id = s.scalars(select(Meeting.id).order_by(Meeting.id)).first()
        out = tmp_path / "shared"
        out.mkdir(mode=0o755)
        stale = out / "pack.pdf.part"
        stale.write_bytes(b"left by a crash")
        stale.chmod(0o644)
        modes: list[int] = []
        produce_pack(ctx, meeting_id, out / "pack.pdf", progress=lambda *_: modes.append(mode(stale)))
        assert modes and set(modes) == {0o600}, sorted({oct(m) for m in modes})
        assert mode(out / "pack.pdf") == 0o600
        assert (out / "pack.pdf").read_bytes().startswith(b"%PDF")
    finally:
        db.dispose()


def test_decrypt_is_refused_while_the_partnership_requires_encryption(
        demo_file: Path, passphrase_file: Path, capsys) -> None:
    """A careless ``db decrypt`` must not leave every record, identities included, in a plain file that the
    partnership's own rule says may not exist (the app would then refuse to open it): the setting is turned off
    first, by someone allowed to change settings, and decrypting then works."""
    home = demo_file.parent
    assert run(capsys, "--data-dir", str(home), "db", "encrypt", "--passphrase")[0] == EXIT_OK
    services = open_services(sqlite_url(demo_file), user="jo", backup_dir=None)
    save_settings(services.ctx, {"require_encryption": True}, expected=settings_versions(services.ctx))
    services.close()
    code, _, err = run(capsys, "--data-dir", str(home), "db", "decrypt")
    assert code == EXIT_USAGE and "requires local database files to be encrypted" in err, err
    assert "Require encrypted local files" in err
    assert cipher.is_encrypted(demo_file)
    assert not [p for p in (home / "backups").iterdir() if p.suffix == ".sqlite3" and "decrypt" in p.name]
    services = open_services(sqlite_url(demo_file), user="jo", backup_dir=None)
    save_settings(services.ctx, {"require_encryption": False}, expected=settings_versions(services.ctx))
    services.close()
    assert run(capsys, "--data-dir", str(home), "db", "decrypt")[0] == EXIT_OK
    assert not cipher.is_encrypted(demo_file)

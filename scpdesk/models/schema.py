"""Schema versions: upgrade (backed up on SQLite, under an advisory lock on PostgreSQL), backup and check.

Alembic is imported only when a migration has to run, so a normal start stays fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import glob
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy import table as table_named
from sqlalchemy.exc import DBAPIError, OperationalError

from ..errors import StorageError
from . import audit, cipher
from .database import Database
from .revision import HEAD_REVISION

_DB_ERRORS = cipher.database_errors()
#: Named tuples of exception types (mypy checks a name, not a starred tuple, in an ``except``).
_DRIVER_FAULTS: tuple[type[BaseException], ...] = (OperationalError, DBAPIError, *_DB_ERRORS)
_DB_OR_STORAGE: tuple[type[BaseException], ...] = (*_DB_ERRORS, StorageError)
_DB_OR_OS: tuple[type[BaseException], ...] = (*_DB_ERRORS, OSError)
log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Arbitrary constant key for pg_advisory_lock: one upgrade at a time on a shared server.
ADVISORY_LOCK_KEY = 0x5C9DE5C


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Hand-written objects Alembic autogenerate must not touch: full-text search (migration 0002,
    scpdesk/models/search.py) — the SQLite FTS5 table ``review_fts`` and its shadow tables, the PostgreSQL
    column ``review.document_fts`` and its index. Views, triggers and functions are never compared."""
    if type_ in ("table", "column", "index") and name and (name.endswith("_fts") or "_fts_" in name):
        return False
    if type_ == "table" and name == "alembic_version":
        return False
    return True


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def script_head() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return heads[0]


#: What drivers say when the server cannot be reached or has gone away (psycopg, libpq).
_UNREACHABLE = ("connection refused", "could not connect", "server closed the connection", "connection timeout",
                "timeout expired", "terminating connection", "connection is closed", "the connection is lost",
                "no route to host", "network is unreachable", "could not translate host",
                "name or service not known", "consuming input failed", "server conn crashed",
                "the database system is shutting down", "the database system is starting up")


def is_unreachable(exc: BaseException) -> bool:
    """True when the shared server cannot be reached (down, restarting, network gone)."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return any(marker in text for marker in _UNREACHABLE)


def _storage_error(exc: BaseException, db: Database) -> StorageError:
    """Turn the environment's faults into a message a coordinator or IT can act on. ``message`` says what is
    wrong in words a coordinator uses; ``hint`` what to do."""
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    lowered = detail.lower()
    where = db.describe()
    if not db.is_sqlite:
        if getattr(getattr(exc, "orig", exc), "sqlstate", None) == "42501":  # a login with no scpdesk role
            return StorageError(f"Your login may not use the shared database ({where}): {detail}",
                                hint="Ask IT to give it a role: scpdesk db grant YOUR_LOGIN scpdesk_viewer (or "
                                     "scpdesk_coordinator).")
        if "authentication failed" in lowered or ("role" in lowered and "does not exist" in lowered):
            return StorageError(f"The server refused your login ({where}).",
                                hint="Ask IT to check your account on the database server.")
        if "does not exist" in lowered and "database" in lowered:
            return StorageError(f"The shared database does not exist ({where}).",
                                hint="Check the database name with IT.")
        if is_unreachable(exc):
            return StorageError(f"The server can't be reached ({where}).",
                                hint="If it goes on, ask IT whether "
                                     "the server and the network are up.")
        if "permission denied" in lowered or "read-only" in lowered or "read only" in lowered:
            return StorageError(f"The server does not let you make this change ({where}).",
                                hint="Ask IT to check your role on the database server.")
        if "no space left" in lowered or "disk full" in lowered or "could not extend file" in lowered:
            return StorageError(f"The server's disk is full ({where}).",
                                hint="Nothing was saved. Tell IT; try again once space is freed.")
        return StorageError(f"The shared database could not complete this ({where}): {detail}",
                            hint="Nothing was saved. Try again; if it goes on, tell IT.")
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return StorageError(f"{where} is not an scpdesk database (or it is damaged).",
                            hint="Choose another file, or restore a backup from the backups folder.")
    if "readonly" in lowered or "read-only" in lowered or ("unable to open" in lowered and _read_only(db)):
        return StorageError(f"{where} is read-only: scpdesk cannot write to the file or its folder (it needs both "
                            "for its journal). Nothing was saved; your text is kept.",
                            hint="Ask IT to make the file and its folder writable (or copy the file to a writable "
                                 "folder and open that), then try again.")
    if "locked" in lowered or "busy" in lowered:
        return StorageError(f"Another scpdesk user or window is saving to {where} just now.",
                            hint="Nothing was saved yet. Try again in a moment.")
    if ("disk" in lowered and ("full" in lowered or "i/o" in lowered)) or "no space" in lowered:
        return StorageError(f"{where}: the disk is full or failing.", hint="Free some space and try again.")
    if "unable to open" in lowered:
        return StorageError(f"{where} cannot be opened.", hint="Check that the folder exists and is writable.")
    return StorageError(f"Cannot use {where}: {detail}")


def _read_only(db: Database) -> bool:
    path = db.sqlite_path
    return path is not None and path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def current_revision(db: Database) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    try:
        with db.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                tables = inspect(conn).get_table_names()
                if tables:
                    raise StorageError(f"{db.describe()} holds tables but is not an scpdesk database.",
                                       hint="Choose another database, or an empty one.")
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except _DRIVER_FAULTS as exc:
        raise _storage_error(exc, db) from exc


#: Tables the migrations themselves fill (the standard themes, the key that seals identity audit rows, the
#: version): rows in them are not records anyone entered.
FILLED_BY_MIGRATIONS = frozenset({"alembic_version", "theme", "identity_audit_key"})


def held_records(db: Database) -> dict[str, int]:
    """Rows per table of what people (or an import, or the demo) put in the database: every table but those
    the migrations fill and the search index, rebuilt from the reviews. Empty for an empty database and for
    one ``db upgrade`` has just made; a database holding tables of another application raises StorageError."""
    current_revision(db)  # refuses tables that are not scpdesk's
    try:
        with db.engine.connect() as conn:
            names = [name for name in inspect(conn).get_table_names()
                     if name not in FILLED_BY_MIGRATIONS and "_fts" not in name]
            counts = {name: conn.execute(select(func.count()).select_from(table_named(name))).scalar() or 0
                      for name in names}
    except _DRIVER_FAULTS as exc:
        raise _storage_error(exc, db) from exc
    return {name: rows for name, rows in sorted(counts.items()) if rows}


def _too_new(db: Database, revision: str) -> StorageError:
    return StorageError(
        f"{db.describe()} was written by a newer version of scpdesk (schema {revision}; this version "
        f"knows up to {HEAD_REVISION}).",
        hint="Install the newer scpdesk. Nothing was changed in the database.")


@dataclass(frozen=True)
class PrepareResult:
    revision_before: str | None
    revision_after: str
    backup: Path | None = None
    upgraded: bool = False


def prepare(db: Database, *, backup_dir: Path | None, allow_upgrade: bool | None = None,
            today: dt.date | None = None) -> PrepareResult:
    """Make the database ready for the app. A local SQLite file is backed up and upgraded automatically; a
    shared server is upgraded only by ``scpdesk db upgrade`` (``allow_upgrade`` defaults to SQLite only).

    A local file that is missing while backups of it exist raises ``DatabaseMissingError`` (offer a restore)
    instead of silently starting an empty database; with ``backup_dir=None`` a missing file is created."""
    if allow_upgrade is None:
        allow_upgrade = db.is_sqlite
    if backup_dir is not None and today is None:
        raise TypeError("prepare(backup_dir=...) needs today= (the caller's clock names the daily backup)")
    if backup_dir is not None:
        refuse_if_missing(db, backup_dir)
        if db.guard is not None:
            db.guard.rescue_dir = backup_dir
    revision = current_revision(db)
    if revision == HEAD_REVISION:
        saved = daily_backup(db, backup_dir, today=today) if backup_dir is not None and today else None
        return PrepareResult(revision, revision, saved)
    if revision is not None and revision not in known_revisions():
        raise _too_new(db, revision)
    if not allow_upgrade:
        if revision is None:
            raise StorageError(f"The shared database ({db.describe()}) has no scpdesk tables yet.",
                               hint="IT staff create them with: scpdesk --database URL db upgrade")
        raise StorageError(
            f"The shared database ({db.describe()}) needs upgrading from schema {revision} to {HEAD_REVISION}.",
            hint="IT staff run: scpdesk --database URL db upgrade (everyone else closes scpdesk first).")
    saved = None
    if revision is not None and db.is_sqlite and backup_dir is not None:
        stem = db.sqlite_path.stem if db.sqlite_path else "scpdesk"
        saved = backup(db, backup_dir / f"{stem}-before-upgrade-{revision}-{_stamp()}.sqlite3")
    upgrade(db)
    return PrepareResult(revision, HEAD_REVISION, saved, upgraded=True)


def refuse_if_missing(db: Database, backup_dir: Path) -> None:
    """A local file that is missing while backups of it exist must be restored, not silently recreated."""
    path = db.sqlite_path
    if path is not None and not path.exists():
        found = list_backups(backup_dir, path.stem)
        beside = path.parent / "backups"  # a file named by --database keeps its backups in another data folder
        if not found and beside.is_dir() and beside != backup_dir:
            found = list_backups(beside, path.stem)
        if found:
            raise DatabaseMissingError(path, found)


def require_existing(db: Database, backup_dir: Path) -> None:
    """For commands that only read or copy a local file: never create it (say whether backups exist)."""
    refuse_if_missing(db, backup_dir)
    path = db.sqlite_path
    if path is not None and not path.exists():
        raise StorageError(f"The database file {path} does not exist; nothing was created.",
                           hint="Check the path (or SCPDESK_DATABASE_URL). To start a new database there on "
                                "purpose, run: scpdesk --database URL db upgrade")


def daily_backup(db: Database, backup_dir: Path, *, today: dt.date, keep: int = 14) -> Path | None:
    """Once a day, on start, copy a local file into ``backup_dir``; keep the newest ``keep`` whole copies.

    Leftovers of a backup that was killed part-way are removed; a file under today's name that is not a whole
    database (written by an older scpdesk, or damaged: SQLite's quick_check) is replaced, never counted."""
    if not db.is_sqlite or db.sqlite_path is None:
        return None
    stem = db.sqlite_path.stem
    clean_leftovers(backup_dir)
    target = backup_dir / f"{stem}-daily-{today:%Y-%m-%d}.sqlite3"
    saved = None
    if not checks_out(target):  # today's copy, if any, is verified: a damaged one is replaced, never counted
        target.unlink(missing_ok=True)
        try:
            saved = backup(db, target)
        except StorageError:
            if not looks_whole(target):
                raise
            saved = None  # another scpdesk starting at the same moment made today's backup first
    kept = 0
    for old in sorted(backup_dir.glob(f"{glob.escape(stem)}-daily-*.sqlite3"), reverse=True):
        if not _DAILY.fullmatch(old.name.removeprefix(stem)):
            continue
        if kept < keep and looks_whole(old):
            kept += 1
        else:
            old.unlink(missing_ok=True)
    return saved


_DAILY = re.compile(r"-daily-\d{4}-\d{2}-\d{2}\.sqlite3")
_BACKUP_KINDS = re.compile(r"-(daily|before-upgrade|before-restore|rescued|encrypted)-[\w-]+\.sqlite3")
#: A backup being written: ``.<final name>.<pid>.partial`` (plus SQLite's ``-journal`` while it copies).
_PARTIAL = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.partial(-journal|-wal|-shm)?")
#: A leftover whose writer cannot be checked (Windows) is removed once it is this old.
_LEFTOVER_AGE_S = 3600


def _temporary_name(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.{os.getpid()}.partial")


def _writer_gone(pid: int, age_s: float) -> bool:
    if age_s > _LEFTOVER_AGE_S:
        return True
    if os.name != "posix" or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def clean_leftovers(folder: Path) -> list[Path]:
    """Remove what killed backups or restores left behind (never a finished backup). Returns what went."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    now = time.time()
    for entry in folder.iterdir():
        match = _PARTIAL.fullmatch(entry.name)
        if match is None:
            continue
        try:
            age = now - entry.stat().st_mtime
        except FileNotFoundError:
            continue
        if _writer_gone(int(match["pid"]), age):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    if removed:
        log.info("removed %d leftover file(s) of interrupted backups", len(removed))
    return removed


def checks_out(path: Path) -> bool:
    """``looks_whole`` and SQLite's ``quick_check`` passes (pages readable, structure sound): one read of
    the file, for today's backup only."""
    if not looks_whole(path):
        return False
    try:
        conn = _open_readonly(path)
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except _DB_OR_STORAGE:
        return False


def looks_whole(path: Path) -> bool:
    """Cheap structural check of a finished SQLite file: the header's page count times the page size is the
    file's size (a copy cut short is not). Full verification is ``verify_backup``."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100:
        return False
    if not header.startswith(cipher.PLAIN_HEADER):  # encrypted: whole pages (the key check is verify_backup's)
        return size % cipher.PAGE_SIZE == 0
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512:
        return False
    pages = int.from_bytes(header[28:32], "big")
    if pages and header[24:28] == header[92:96]:
        return size == pages * page_size
    return size > 0 and size % page_size == 0


@dataclass(frozen=True)
class BackupInfo:
    """A backup file of a local database, as listed to a user."""

    path: Path
    modified: dt.datetime
    size: int

    def describe(self) -> str:
        return f"{self.modified:%d/%m/%Y %H:%M} — {self.path.name} ({self.size / 1e6:.1f} MB)"


def list_backups(backup_dir: Path, stem: str) -> list[BackupInfo]:
    """Whole backups of the file named ``stem`` (daily, before an upgrade, before a restore), newest first."""
    found: list[BackupInfo] = []
    if not backup_dir.is_dir():
        return found
    for entry in backup_dir.glob(f"{glob.escape(stem)}-*.sqlite3"):
        if not _BACKUP_KINDS.fullmatch(entry.name.removeprefix(stem)) or not looks_whole(entry):
            continue
        st = entry.stat()
        found.append(BackupInfo(entry, dt.datetime.fromtimestamp(st.st_mtime), st.st_size))
    return sorted(found, key=lambda b: (b.modified, b.path.name), reverse=True)


def remove_plain_copies(target: Path, backup_dir: Path) -> tuple[Path, list[Path]]:
    """After ``db encrypt``: make a verified encrypted backup of ``target`` (``<stem>-encrypted-<stamp>``), then
    delete every unencrypted backup of it in ``backup_dir``. Returns the new backup and the removed files.
    Nothing is removed unless the new backup verified (so a whole copy always remains)."""
    target = Path(target)
    if not cipher.is_encrypted(target):
        raise StorageError(f"{target} is not encrypted: its plain backups are its only other copies.",
                           hint="Run scpdesk db encrypt first.")
    fresh = backup_dir / f"{target.stem}-encrypted-{_stamp()}.sqlite3"
    copy_sqlite(target, fresh)
    if not cipher.is_encrypted(fresh):
        fresh.unlink(missing_ok=True)
        raise StorageError("The new backup came out unencrypted; nothing was removed.",
                           hint="Check the key with scpdesk db check, then try again.")
    removed = []
    for info in list_backups(backup_dir, target.stem):
        if info.path != fresh and not cipher.is_encrypted(info.path):
            info.path.unlink()
            removed.append(info.path)
    if removed:
        _fsync(backup_dir, directory=True)
    log.info("plain backups removed after encryption: %d", len(removed))
    return fresh, removed


class DatabaseMissingError(StorageError):
    """The configured local file is gone but backups of it exist: restore one rather than start empty."""

    def __init__(self, path: Path, backups: list[BackupInfo]) -> None:
        newest = backups[0]
        super().__init__(
            f"The database file {path} is missing, but {len(backups)} backup(s) of it exist "
            f"(newest: {newest.path.name}, {newest.modified:%d/%m/%Y %H:%M}). scpdesk did not create an empty "
            "database in its place.",
            hint=f'Restore the newest backup with: scpdesk db restore "{newest.path}"\n'
                 "(or put the file back; to start an empty database on purpose, move the backups folder "
                 f"{newest.path.parent} elsewhere first).")
        self.path = path
        self.backups = backups


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def upgrade(db: Database) -> str:
    """Run every pending migration; refuse a database newer than this build. Returns the new revision."""
    from alembic import command

    revision = current_revision(db)
    if revision is not None and revision not in known_revisions():
        raise _too_new(db, revision)
    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                # Must be set outside a transaction: batch migrations copy tables.
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
            else:
                conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
                conn.commit()
            try:
                command.upgrade(_alembic_config(conn), "head")
                conn.commit()
            finally:
                if db.is_sqlite:
                    conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
                else:
                    conn.rollback()
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                    conn.commit()
    except _DRIVER_FAULTS as exc:
        raise _storage_error(exc, db) from exc
    log.info("database upgraded from %s to %s", revision, HEAD_REVISION)
    return HEAD_REVISION


def backup(db: Database, destination: Path) -> Path:
    """A verified, consistent copy of the database at ``destination`` (SQLite online backup; pg_dump for a
    server). It is written under a temporary name, synced and checked, then renamed: a backup that is cut short
    or does not verify never appears under its name."""
    destination = Path(destination)
    from ..paths import make_private_dir

    make_private_dir(destination.parent)
    if destination.exists():
        raise StorageError(f"{destination} already exists.", hint="Choose a new file name for the backup.")
    if db.is_sqlite:
        source_path = db.sqlite_path
        if source_path is None:
            raise StorageError("An in-memory database cannot be backed up.")
        try:
            copy_sqlite(source_path, destination)
        except _DB_OR_OS as exc:
            lowered = str(exc).lower()
            if "full" in lowered or "no space" in lowered or getattr(exc, "errno", None) == errno.ENOSPC:
                # Writing the copy filled its disk: name that disk, not the database's (nothing else changed).
                raise StorageError(f"The backup could not be written to {destination}: the disk is full there "
                                   f"({destination.parent}). No backup was made; the database is unchanged.",
                                   hint=f"Free some space in {destination.parent} or choose another folder, then "
                                        "back up again.") from exc
            if isinstance(exc, OSError):
                raise
            raise _storage_error(exc, db) from exc
        log.info("database backed up (%d bytes)", destination.stat().st_size)
        audit.record_anchor(db, "backup", sidecar=destination.with_name(destination.name + audit.HEAD_SUFFIX))
        return destination
    return _pg_dump(db, destination)


def _table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (ordinary tables; the FTS index is rebuilt from them and skipped)."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts%' ORDER BY name")]
    quoted = {name: '"' + name.replace('"', '""') + '"' for name in names}  # names from sqlite_master
    return {name: conn.execute(f"SELECT count(*) FROM {quoted[name]}").fetchone()[0]  # noqa: S608
            for name in names}


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except _DB_ERRORS as exc:
        if "no such table" in str(exc):
            return None
        raise
    return row[0] if row else None


@dataclass(frozen=True)
class Verified:
    revision: str
    counts: dict[str, int]


def _verify_connection(conn: sqlite3.Connection, what: str, *, revision: str | None = None,
                       counts: dict[str, int] | None = None) -> Verified:
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    if problems != ["ok"]:
        raise StorageError(f"{what} is damaged ({problems[0]}).", hint="Use another backup.")
    found = _revision(conn)
    if found is None:
        raise StorageError(f"{what} is not an scpdesk database.", hint="Choose an scpdesk backup file.")
    if revision is not None and found != revision:
        raise StorageError(f"{what} has schema {found}, not {revision}.")
    if found != HEAD_REVISION and found not in known_revisions():  # (alembic is imported only if needed)
        raise StorageError(f"{what} was written by a newer version of scpdesk (schema {found}).",
                           hint="Install the newer scpdesk to use it.")
    if found == HEAD_REVISION:  # an older file is upgraded (its tables are the migrations' business)
        tables = {name: {c[1] for c in conn.execute(f'PRAGMA table_info("{name}")')}
                  for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = missing_schema(tables)
        if missing:
            raise StorageError(f"{what} is stamped schema {found} but lacks {'; '.join(missing[:5])} (a "
                               "hand-edited or half-upgraded copy).", hint="Use another backup.")
    table_counts = _table_counts(conn)
    if counts is not None and table_counts != counts:
        differ = sorted(k for k in set(counts) | set(table_counts) if counts.get(k) != table_counts.get(k))
        raise StorageError(f"{what} does not hold the same rows as its source (tables: {', '.join(differ[:5])}).")
    return Verified(found, table_counts)


def missing_schema(tables: dict[str, set[str]]) -> list[str]:
    """What the models expect but ``tables`` (name → column names, as found in a file at the head revision)
    lacks: "table x" or "column x.y". Cheap (names only)."""
    from . import Base

    Base.registry.configure()  # every entity module imported: the metadata is whole
    missing: list[str] = []
    for table in Base.metadata.sorted_tables:
        found = tables.get(table.name)
        if found is None:
            missing.append(f"table {table.name}")
        else:
            missing.extend(f"column {table.name}.{c.name}" for c in table.columns if c.name not in found)
    return missing


def _fsync(path: Path, *, directory: bool = False) -> None:
    if directory and os.name != "posix":
        return  # Windows cannot open a folder to sync it; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY if directory else os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A finished file (a backup) read without locks, journals or creating anything next to it."""
    if not path.is_file():
        raise StorageError(f"{path} does not exist.", hint="Choose an existing backup file.")
    return cipher.connect(path, query="mode=ro&immutable=1")


def copy_sqlite(source_path: Path, destination: Path, *, source_immutable: bool = False,
                source: sqlite3.Connection | None = None) -> Verified:
    """Copy a SQLite database to ``destination`` whole or not at all: SQLite's online backup into a private
    temporary file next to it, fsync, verify (integrity, schema version, every table's row count equal to the
    source's in the same snapshot), then an atomic rename. Raises StorageError (or sqlite3 errors) otherwise.

    ``source``: an open connection to copy from (it must not be inside a transaction); it is left open."""
    temporary = _temporary_name(destination)
    from .database import create_private_file

    temporary.unlink(missing_ok=True)
    create_private_file(temporary)
    try:
        if source is not None:
            conn = source
        elif source_immutable:
            conn = _open_readonly(source_path)
        else:
            conn = cipher.connect(source_path, query="mode=rw", timeout=15)
        if source is None:
            conn.isolation_level = None  # BEGIN and ROLLBACK are ours
        try:
            conn.execute("BEGIN")  # one snapshot for the counts and the copy
            try:
                expected = _verify_connection(conn, str(source_path)) if source_immutable else None
                revision = expected.revision if expected else _revision(conn)
                counts = expected.counts if expected else _table_counts(conn)
                # A copy of an encrypted file is encrypted with the same key and salt (one passphrase).
                target = cipher.connect(temporary, salt=cipher.salt_of(conn))
                try:
                    # No journal and no syncs while copying: the file has no name yet, is synced whole below
                    # and thrown away if anything fails.
                    target.execute("PRAGMA journal_mode=OFF")
                    target.execute("PRAGMA synchronous=OFF")
                    conn.backup(target)
                    target.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
                finally:
                    target.close()
            finally:
                conn.execute("ROLLBACK")
        finally:
            if source is None:
                conn.close()
        _fsync(temporary)
        check_conn = _open_readonly(temporary)
        try:
            verified = _verify_connection(check_conn, f"The new copy of {source_path.name}", revision=revision,
                                          counts=counts)
        finally:
            check_conn.close()
        if destination.exists():
            raise StorageError(f"{destination} already exists.", hint="Choose a new file name for the backup.")
        os.replace(temporary, destination)
        _fsync(destination.parent, directory=True)
        return verified
    finally:
        for suffix in ("", "-journal"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def rescue(connection: sqlite3.Connection, path: Path, folder: Path) -> Path:
    """Copy what an open connection still sees of a file that was deleted, moved or replaced under it (the old
    file and its WAL stay readable through the connection) to ``folder``, verified. Then empty the old WAL so
    that it is never replayed onto whatever file now has the old name."""
    from ..paths import make_private_dir

    make_private_dir(folder)
    destination = folder / f"{path.stem}-rescued-{_stamp()}.sqlite3"
    copy_sqlite(path, destination, source=connection)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except _DB_ERRORS:
        log.warning("could not empty the WAL of a moved database file")
    log.warning("database file moved or deleted while open; its contents were rescued (%d bytes)",
                destination.stat().st_size)
    return destination


def verify_backup(path: Path) -> Verified:
    """Full check of a backup file: integrity, an scpdesk schema this version knows, row counts."""
    path = Path(path)
    if not looks_whole(path):
        raise StorageError(f"{path} is not a whole SQLite database (it may be cut short or damaged).",
                           hint="Choose another backup.")
    try:
        conn = _open_readonly(path)
        try:
            return _verify_connection(conn, str(path))
        finally:
            conn.close()
    except _DB_ERRORS as exc:
        raise StorageError(f"{path} cannot be read as a database ({exc}).", hint="Choose another backup.") from exc


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    source: Path
    revision: str
    previous: Path | None
    counts: dict[str, int]


def restore(target: Path, backup_file: Path, backup_dir: Path) -> RestoreResult:
    """Replace the local database ``target`` with a verified copy of ``backup_file``.

    Every connection to ``target`` must be closed first. The current file (if any) is backed up (verified)
    into ``backup_dir``; if it is too damaged to back up it is kept there as ``.damaged``. The copy is placed
    with an atomic rename after the old file's -wal/-shm are removed (a stale WAL must never be replayed
    onto another database)."""
    target, backup_file = Path(target), Path(backup_file)
    if backup_file.resolve() == target.resolve():
        raise StorageError("That is the database file itself, not a backup.", hint="Choose a backup file.")
    verify_backup(backup_file)
    from ..paths import create_private_file, make_private_dir

    make_private_dir(target.parent)
    make_private_dir(backup_dir)
    clean_leftovers(target.parent)
    staged = target.with_name(f"{target.name}.restore")
    staged = _temporary_name(staged)
    writers = None
    try:
        verified = copy_sqlite(backup_file, staged, source_immutable=True)
        previous = None
        if target.exists():
            writers = _hold_writers(target)
            previous = backup_dir / f"{target.stem}-before-restore-{_stamp()}.sqlite3"
            try:
                copy_sqlite(target, previous)
            except _DB_OR_STORAGE:
                previous = previous.with_suffix(".damaged")
                for suffix in ("", "-wal"):  # raw copies, WAL included: nothing the old file held is dropped
                    if Path(f"{target}{suffix}").exists():
                        create_private_file(Path(f"{previous}{suffix}"))
                        shutil.copyfile(f"{target}{suffix}", f"{previous}{suffix}")
                        _fsync(Path(f"{previous}{suffix}"))
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staged, target)
        _fsync(target.parent, directory=True)
        _release(writers)  # a writer that waited commits to the old file: its guard refuses it
        writers = None
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    finally:
        _release(writers)
        staged.unlink(missing_ok=True)
    log.info("database restored from a backup (schema %s, %d tables)", verified.revision, len(verified.counts))
    return RestoreResult(target, backup_file, verified.revision, previous, verified.counts)


def _hold_writers(target: Path) -> Any:
    """The write lock of ``target`` (BEGIN IMMEDIATE: readers go on, other writers wait), held from the copy of
    the file being replaced until the swap: a save another process commits meanwhile is never acknowledged into
    a file that is neither kept nor restored. It waits at most 15 s for a save in progress to finish."""
    try:
        conn = cipher.connect(target, query="mode=rw", timeout=15, isolation_level=None)
    except _DB_OR_STORAGE:
        return None  # a file too damaged to open: the restore keeps a raw copy of it (nothing to wait for)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except _DB_ERRORS as exc:
        conn.close()
        text_ = str(exc).lower()
        if "locked" not in text_ and "busy" not in text_:
            return None  # damaged, not busy: as above
        raise StorageError(f"Another scpdesk is saving to {target} and did not finish; nothing was restored.",
                           hint="Close scpdesk everywhere it is open, then restore again.") from exc
    return conn


def _release(conn: Any) -> None:
    if conn is not None:
        with contextlib.suppress(*_DB_ERRORS):
            conn.execute("ROLLBACK")
        conn.close()


def _pg_dump(db: Database, destination: Path) -> Path:
    """pg_dump (custom format) to a temporary name, checked by ``pg_restore --list``, then renamed."""
    url = db.engine.url
    temporary = _temporary_name(destination)
    cmd = ["pg_dump", "--format=custom", f"--file={temporary}", "--no-password",
           f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}",
           f"--username={url.username or ''}", str(url.database)]
    env = {**os.environ, "PGPASSWORD": str(url.password)} if url.password else None
    from ..paths import create_private_file

    temporary.unlink(missing_ok=True)
    create_private_file(temporary)  # pg_dump writes into it, keeping its mode (0600)
    try:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600, check=False)
        except FileNotFoundError as exc:
            raise StorageError("pg_dump was not found.",
                               hint="Install the PostgreSQL client tools, or back up on the server.") from exc
        if done.returncode != 0:
            raise StorageError(f"pg_dump failed: {done.stderr.strip()[:500]}")
        try:
            listed = subprocess.run(["pg_restore", "--list", str(temporary)], capture_output=True, text=True,
                                    timeout=600, check=False)
        except FileNotFoundError as exc:
            raise StorageError("pg_restore was not found, so the dump cannot be checked; nothing was kept.",
                               hint="Install the PostgreSQL client tools.") from exc
        if listed.returncode != 0 or "TABLE DATA" not in listed.stdout or "alembic_version" not in listed.stdout:
            raise StorageError(f"The dump did not pass pg_restore --list: {listed.stderr.strip()[:300]}",
                               hint="Nothing was kept. Check the server's disk and try again.")
        _fsync(temporary)
        if destination.exists():
            raise StorageError(f"{destination} already exists.", hint="Choose a new file name for the backup.")
        os.replace(temporary, destination)
        _fsync(destination.parent, directory=True)
    finally:
        temporary.unlink(missing_ok=True)
    audit.record_anchor(db, "backup", sidecar=destination.with_name(destination.name + audit.HEAD_SUFFIX))
    return destination


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    revision: str | None
    head: str
    problems: list[str] = field(default_factory=list)
    #: The audit chain (None when the schema predates it).
    chain: audit.ChainReport | None = None

    def lines(self) -> list[str]:
        status = "OK" if self.ok else "PROBLEMS FOUND"
        lines = [f"schema: {self.revision or 'none'} (this scpdesk: {self.head})", f"integrity: {status}",
                 *(f"- {p}" for p in self.problems)]
        if self.chain is not None:
            c = self.chain
            lines.append(f"audit chain: OK ({c.rows} rows, head id {c.head_id}, "
                         f"{c.anchors} recorded {'head' if c.anchors == 1 else 'heads'} matched)"
                         if c.ok else f"audit chain: BROKEN, first broken link at audit row {c.first_broken}")
        return lines


def check(db: Database, *, data_dir: Path | None = None, backups: Path | None = None) -> CheckReport:
    """Integrity (SQLite ``integrity_check`` and ``foreign_key_check``), schema version, and the audit chain
    against the heads recorded outside the table (``data_dir``'s anchors store, sidecars in ``backups``)."""
    problems: list[str] = []
    chain = None
    revision = current_revision(db)
    if revision is None:
        problems.append("the database has no scpdesk tables yet (run: scpdesk db upgrade)")
    elif revision != HEAD_REVISION:
        if revision in known_revisions():
            problems.append(f"schema {revision} is older than {HEAD_REVISION} (run: scpdesk db upgrade)")
        else:
            problems.append(f"schema {revision} is newer than this scpdesk ({HEAD_REVISION})")
    try:
        with db.engine.connect() as conn:
            if db.is_sqlite:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
                if rows != ["ok"]:
                    problems.extend(f"integrity: {r}" for r in rows[:20])
                fk = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                problems.extend(f"foreign key: table {r[0]} row {r[1]} points at a missing {r[2]}" for r in fk[:20])
            elif revision == HEAD_REVISION:
                from .roles import problems as role_problems

                problems.extend(role_problems(conn))  # roles, grants and row security (issue 10)
            if revision == HEAD_REVISION:
                inspector = inspect(conn)
                tables = {name: {c["name"] for c in inspector.get_columns(name)}
                          for name in inspector.get_table_names()}
                problems.extend(f"schema: {m} is missing" for m in missing_schema(tables))
            if revision is not None and revision >= "0005" and revision in known_revisions():
                chain = audit.verify_chain(conn, audit.load_anchors(db, data_dir=data_dir, backups=backups))
                problems.extend(chain.problems)
    except _DRIVER_FAULTS as exc:
        raise _storage_error(exc, db) from exc
    if chain is not None and chain.ok:
        audit.record_anchor(db, "check", data_dir=data_dir)
    return CheckReport(ok=not problems, revision=revision, head=HEAD_REVISION, problems=problems, chain=chain)


@dataclass(frozen=True)
class ConvertResult:
    path: Path
    encrypted: bool
    previous: Path | None
    counts: dict[str, int]


def convert(target: Path, backup_dir: Path, *, encrypt: bool) -> ConvertResult:
    """``db encrypt`` / ``db decrypt``: export ``target`` into a private temporary file (encrypted with the active
    key, or in plain), then put it in place through ``restore`` (verified: integrity and every table's row count;
    the original backed up into ``backup_dir``; atomic swap). Every connection to ``target`` must be closed."""
    target = Path(target)
    if not target.is_file():
        raise StorageError(f"{target} does not exist.", hint="Give the database file to convert.")
    from ..paths import create_private_file, make_private_dir

    make_private_dir(backup_dir)
    source = _verified_live(target)
    staged = _temporary_name(target.with_name(f"{target.name}.converted"))
    staged.unlink(missing_ok=True)
    create_private_file(staged)
    try:
        cipher.export(target, staged, encrypt=encrypt)
        _fsync(staged)
        result = restore(target, staged, backup_dir)
    finally:
        staged.unlink(missing_ok=True)
    if result.counts != source.counts:
        raise StorageError(f"The converted {target.name} does not hold the same rows as before.",
                           hint=f"The original was kept as {result.previous}: restore it.")
    log.info("database %s (%d tables)", "encrypted" if encrypt else "decrypted", len(result.counts))
    return ConvertResult(target, cipher.is_encrypted(target), result.previous, result.counts)


def _verified_live(path: Path) -> Verified:
    """Integrity, schema and row counts of a closed live file (its WAL included)."""
    conn = cipher.connect(path, query="mode=rw", timeout=15)
    try:
        return _verify_connection(conn, str(path))
    finally:
        conn.close()

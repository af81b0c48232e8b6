"""Engines and sessions for the local SQLite file and the shared PostgreSQL server."""

from __future__ import annotations

import hashlib
import logging
import os
import select
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import StorageError
from ..paths import create_private_file
from . import cipher

log = logging.getLogger(__name__)

#: FULL, not NORMAL: in WAL mode NORMAL can lose the last commits on power loss; FULL cannot (bench/durability.py).
SQLITE_SYNCHRONOUS = "FULL"

_SYNCED_MARKERS = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "box sync", "sharepoint")


#: A pooled server connection that sat idle longer than this is pinged (one round trip) before it is used: a
#: VPN or a firewall may have dropped it silently. One used more recently is only checked without a round trip
#: (:func:`_alive`), so a read costs its statement alone.
IDLE_PING_SECONDS = 30.0


#: The SQL function a SQLite connection computes a text's digest with (PostgreSQL has ``sha256`` itself; the
#: clock context's version: services/clock_context.py).
SQLITE_DIGEST = "scpdesk_sha256"


def _sha256(value: str | None) -> str | None:
    return None if value is None else hashlib.sha256(value.encode()).hexdigest()


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, connection_record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, emit BEGIN (see _sqlite_begin): DDL and migrations become atomic.
    dbapi_connection.isolation_level = None
    dbapi_connection.create_function(SQLITE_DIGEST, 1, _sha256, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()
    connection_record.info["wal"] = bool(mode) and str(mode[0]).lower() == "wal"
    cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A unit of work asks for BEGIN IMMEDIATE (the write lock first, waiting busy_timeout for it).
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}" if mode in ("IMMEDIATE", "EXCLUSIVE") else "BEGIN")


def _alive(dbapi_connection: Any) -> bool | None:
    """Whether an idle server connection still looks usable, without a round trip: nothing may arrive on the
    socket of a connection with no statement running, so anything readable there is the server's goodbye (the
    FATAL message and end of stream a restart or shutdown sends) or its end: the connection is dead. None when
    the socket cannot be looked at (then a ping decides)."""
    if getattr(dbapi_connection, "closed", False):
        return False
    try:
        readable, _w, _x = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    return not readable


def _ping(engine: Engine, dbapi_connection: Any) -> bool:
    """One round trip (the dialect's ``SELECT 1``, outside a transaction)."""
    try:
        return bool(engine.dialect.do_ping(dbapi_connection))
    except (engine.dialect.loaded_dbapi.Error, OSError):  # the pool connects afresh
        return False


def _check_on_checkout(engine: Engine) -> None:
    """Instead of ``pool_pre_ping`` (one round trip on EVERY checkout, i.e. per transaction): a connection used
    within :data:`IDLE_PING_SECONDS` is checked without a round trip (:func:`_alive`), an older one is pinged.
    A dead one is replaced: ``DisconnectionError`` makes the pool connect afresh (up to three times), and a server
    that cannot be reached raises from that connect, as before. A connection that dies silently during a
    statement fails that statement (a read says the server cannot be reached; a write is never retried)."""

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        last = record.info.get("checked_in")
        if last is None:  # just connected
            return
        alive = _alive(dbapi_connection)
        if alive is None or (alive and time.monotonic() - last >= IDLE_PING_SECONDS):
            alive = _ping(engine, dbapi_connection)
        if not alive:
            log.info("a pooled server connection was dead: connecting afresh")
            raise DisconnectionError("pooled connection closed by the server")

    @event.listens_for(engine, "checkin")
    def _checkin(dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info["checked_in"] = time.monotonic()


def location_warning(path: Path) -> str | None:
    """A warning when a SQLite file sits on a network share or a synced folder (where it corrupts)."""
    text = str(path).lower()
    if text.startswith(("\\\\", "//")):
        return "The database file is on a network share. SQLite files corrupt there: use the local disk, " \
               "or a shared PostgreSQL server for a team."
    if any(marker in text for marker in _SYNCED_MARKERS):
        return "The database file is in a synced folder (OneDrive, Dropbox…). Sync corrupts SQLite files: " \
               "move it to a local folder, or use a shared PostgreSQL server for a team."
    return None


def file_moved_error(path: Path, rescued: Path | None = None, *, journal: bool = False) -> StorageError:
    kept = f" Everything saved before was copied to {rescued}." if rescued else ""
    what = f"The database's journal {path}-wal (part of the database file)" if journal else \
        f"The database file {path}"
    return StorageError(
        f"{what} was moved, deleted or replaced while scpdesk was open. Nothing was saved; "
        f"your text is kept.{kept}",
        hint="Close scpdesk, put the file back where it was (or restore a backup or the rescued copy: "
             "File → Restore…, or scpdesk db restore BACKUP), then start scpdesk again.")


@dataclass
class FileGuard:
    """The identity (device, inode) of the local file a Database opened, checked before every commit.

    SQLite keeps writing into a file that was deleted, moved or replaced while it is open, and reports success:
    a save would vanish. An ``os.stat`` per commit (a few microseconds, see bench/durability.py) catches it.
    The inode cannot be reused while SQLite holds the old file open. Never ``open()`` the live file here:
    closing any descriptor of it would drop SQLite's POSIX locks.
    """

    path: Path
    identity: tuple[int, int] | None = None
    #: Where to copy what the open connection still sees once the file is gone (the backups folder).
    rescue_dir: Path | None = None
    rescued: Path | None = None

    def record(self) -> None:
        st = os.stat(self.path)
        self.identity = (st.st_dev, st.st_ino)

    def moved(self) -> bool:
        """Whether the path no longer names the file that was opened. Raises StorageError if it cannot tell."""
        if self.identity is None:
            return False
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return True
        except OSError as exc:
            raise StorageError(f"The database file {self.path} cannot be reached ({exc.strerror}). Nothing was "
                               "saved; your text is kept.", hint="Check the disk or folder, then try again.") from exc
        dev, ino = self.identity
        return st.st_ino != ino or bool(ino and st.st_dev != dev)

    def wal_moved(self, record_info: dict[str, Any]) -> bool:
        """In WAL mode: whether the -wal this connection writes into was deleted or replaced. While a connection
        is open SQLite keeps its -wal (removing it only when the last one closes), so a missing -wal means
        someone deleted it, and SQLite would go on acknowledging commits into the unlinked file, which a crash
        loses. One more ``os.stat`` per commit; the identity is recorded per connection (a new connection after
        all had closed may find a new -wal)."""
        if not record_info.get("wal"):
            return False
        try:
            st = os.stat(f"{self.path}-wal")
        except FileNotFoundError:
            return True
        except OSError:
            return False  # the main file's check reports an unreachable folder
        identity = (st.st_dev, st.st_ino)
        seen = record_info.setdefault("wal_identity", identity)
        return seen != identity

    def refuse(self, dbapi_connection: sqlite3.Connection, *, journal: bool = False) -> StorageError:
        """Roll back, rescue (once) what the connection still sees of the old file, and say so."""
        if dbapi_connection.in_transaction:
            dbapi_connection.execute("ROLLBACK")
        folder = self.rescue_dir or self.path.parent
        if self.rescued is None and (self.rescue_dir is not None or folder.is_dir()):
            from .schema import rescue

            try:
                self.rescued = rescue(dbapi_connection, self.path, folder)
            except (OSError, sqlite3.Error, StorageError):
                log.exception("could not rescue a moved database file")
        return file_moved_error(self.path, self.rescued, journal=journal)

    def connect_args(self, cargs: list[Any], cparams: dict[str, Any]) -> None:
        """Once the file is known, a new pooled connection must never create an empty file in its place."""
        if self.identity is not None:
            cargs[0] = self.path.resolve().as_uri() + "?mode=rw"
            cparams["uri"] = True
        elif not self.path.exists():
            create_private_file(self.path)


def _watch_file(engine: Engine, guard: FileGuard) -> None:
    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        guard.connect_args(cargs, cparams)

    @event.listens_for(engine, "connect")
    def _opened(dbapi_connection: Any, record: Any) -> None:
        if guard.identity is None:
            guard.record()

    @event.listens_for(engine, "commit")
    def _before_commit(connection: Any) -> None:
        if guard.moved():
            raise guard.refuse(connection.connection.dbapi_connection)
        pooled = connection.connection
        if guard.wal_moved(pooled.info):
            raise guard.refuse(pooled.dbapi_connection, journal=True)


def _key_connections(engine: Engine, path: Path) -> None:
    """An encrypted file: every new connection is made here, ``PRAGMA key`` first (before the pragmas of
    ``_sqlite_pragmas``), and proved to open the file; a wrong key raises StorageError. A new file gets a fresh
    salt. (A ``do_connect`` hook rather than ``creator``: it runs after the file guard's, keeping its URI.)"""
    new_salt = cipher.new_salt()

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> Any:
        conn = dialect.dbapi.connect(*cargs, **cparams)
        fresh = not path.exists() or path.stat().st_size == 0
        cipher.apply_key(conn, path, new_salt if fresh else cipher.read_salt(path))
        return conn


@dataclass
class Database:
    """One database: its URL, engine and session factory, and how to describe it to a user."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    user: str = ""
    warnings: list[str] = field(default_factory=list)
    guard: FileGuard | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_encrypted(self) -> bool:
        path = self.sqlite_path
        return path is not None and cipher.is_encrypted(path)

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        name = self.engine.url.database
        return Path(name) if name and name != ":memory:" else None

    def describe(self) -> str:
        """What the status bar says: the local file, or the shared server (never a password)."""
        if self.is_sqlite:
            return f"Local file: {self.sqlite_path or 'in memory'}"
        url = self.engine.url
        port = f":{url.port}" if url.port else ""
        return f"Shared server: {url.host or 'localhost'}{port}/{url.database}"

    def dispose(self) -> None:
        self.engine.dispose()


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3 URLs; reject anything unsupported."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(f"'{url}' is not a database URL.",
                           hint="Use e.g. postgresql://user@server/scpdesk or sqlite:///C:/path/file.sqlite3") \
            from exc
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend != "sqlite":
        raise StorageError(f"Database type '{backend}' is not supported.",
                           hint="scpdesk works with a local SQLite file or a PostgreSQL server.")
    return parsed.render_as_string(hide_password=False)


def open_database(url: str, *, user: str = "", create_dir: bool = True) -> Database:
    """Build the engine and session factory. Nothing is read yet: see ``schema.prepare`` for the upgrade."""
    from . import _load_all
    from .timeframes import forget_holiday_tables

    _load_all()  # every entity mapped before the first query (relationships name each other)
    forget_holiday_tables()  # holidays kept in a user's file served a start's first rows, never a stored deadline
    url = normalise_url(url)
    parsed = make_url(url)
    warnings: list[str] = []
    guard = None
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        if db_path and db_path != ":memory:":
            path = Path(db_path)
            if create_dir:
                from ..paths import make_private_dir

                make_private_dir(path.parent)
            from ..paths import windows_acl_warning

            for warning in (location_warning(path.resolve()), windows_acl_warning(path.resolve().parent)):
                if warning:
                    warnings.append(warning)
        module = cipher.engine_module(Path(db_path)) if db_path and db_path != ":memory:" else None
        engine = create_engine(url, connect_args={"timeout": 15}, **({"module": module} if module else {}))
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        if db_path and db_path != ":memory:":
            guard = FileGuard(Path(db_path))
            _watch_file(engine, guard)
            if module is not None:
                _key_connections(engine, Path(db_path))
    else:
        engine = create_engine(url, pool_size=4, max_overflow=4,
                               # prepare_threshold None: psycopg would prepare a statement run five times on a
                               # connection, then clear every prepared one at the next ROLLBACK with a DEALLOCATE
                               # ALL of its own: a round trip more on every read transaction that ended so.
                               connect_args={"connect_timeout": 10, "application_name": "scpdesk",
                                             "prepare_threshold": None})
        _check_on_checkout(engine)
        from .pipeline import fold_begin

        fold_begin(engine)  # each transaction's BEGIN travels with its first statement (one round trip)
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(url=url, engine=engine, sessions=sessions, user=user, warnings=warnings, guard=guard)

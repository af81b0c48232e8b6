"""Engines and sessions for the local SQLite file and the shared PostgreSQL server."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import StorageError

log = logging.getLogger(__name__)

_SYNCED_MARKERS = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "box sync", "sharepoint")


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, connection_record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, emit BEGIN (see _sqlite_begin): DDL and migrations become atomic.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A unit of work asks for BEGIN IMMEDIATE (the write lock first, waiting busy_timeout for it).
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}" if mode in ("IMMEDIATE", "EXCLUSIVE") else "BEGIN")


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


@dataclass
class Database:
    """One database: its URL, engine and session factory, and how to describe it to a user."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    user: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

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

    _load_all()  # every entity mapped before the first query (relationships name each other)
    url = normalise_url(url)
    parsed = make_url(url)
    warnings: list[str] = []
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        if db_path and db_path != ":memory:":
            path = Path(db_path)
            if create_dir:
                path.parent.mkdir(parents=True, exist_ok=True)
            warning = location_warning(path.resolve())
            if warning:
                warnings.append(warning)
        engine = create_engine(url, connect_args={"timeout": 15})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4,
                               connect_args={"connect_timeout": 10, "application_name": "scpdesk"})
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(url=url, engine=engine, sessions=sessions, user=user, warnings=warnings)

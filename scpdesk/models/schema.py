"""Schema versions: upgrade (backed up on SQLite, under an advisory lock on PostgreSQL), backup and check.

Alembic is imported only when a migration has to run, so a normal start stays fast.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError

from ..errors import StorageError
from . import audit
from .database import Database

log = logging.getLogger(__name__)

#: The newest migration this build knows. A test keeps it equal to the Alembic script head.
HEAD_REVISION = "0003"
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


def _storage_error(exc: Exception, db: Database) -> StorageError:
    """Turn the environment's faults into a message a coordinator or IT can act on."""
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    lowered = detail.lower()
    where = db.describe()
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return StorageError(f"{where} is not an scpdesk database (or it is damaged).",
                            hint="Choose another file, or restore a backup from the backups folder.")
    if "readonly" in lowered or "read-only" in lowered:
        return StorageError(f"{where} is read-only.", hint="Check the file's permissions and free disk space.")
    if "locked" in lowered:
        return StorageError(f"{where} is locked by another program.",
                            hint="Close other copies of scpdesk using this file and try again.")
    if "disk" in lowered and ("full" in lowered or "i/o" in lowered):
        return StorageError(f"{where}: the disk is full or failing.", hint="Free some space and try again.")
    if "unable to open" in lowered:
        return StorageError(f"{where} cannot be opened.", hint="Check that the folder exists and is writable.")
    if not db.is_sqlite:
        return StorageError(f"Cannot use the shared database ({where}): {detail}",
                            hint="Check the server name, that the server is running and that you may log in.")
    return StorageError(f"Cannot use {where}: {detail}")


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
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        raise _storage_error(exc, db) from exc


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


def prepare(db: Database, *, backup_dir: Path | None, allow_upgrade: bool | None = None) -> PrepareResult:
    """Make the database ready for the app. A local SQLite file is backed up and upgraded automatically; a
    shared server is upgraded only by ``scpdesk db upgrade`` (``allow_upgrade`` defaults to SQLite only)."""
    if allow_upgrade is None:
        allow_upgrade = db.is_sqlite
    revision = current_revision(db)
    if revision == HEAD_REVISION:
        saved = daily_backup(db, backup_dir) if backup_dir is not None else None
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


def daily_backup(db: Database, backup_dir: Path, *, keep: int = 14) -> Path | None:
    """Once a day, on start, copy a local file into ``backup_dir``; keep the newest ``keep`` copies."""
    if not db.is_sqlite or db.sqlite_path is None:
        return None
    stem = db.sqlite_path.stem
    target = backup_dir / f"{stem}-daily-{dt.date.today():%Y-%m-%d}.sqlite3"
    if target.exists():
        return None
    saved = backup(db, target)
    for old in sorted(backup_dir.glob(f"{stem}-daily-*.sqlite3"))[:-keep]:
        old.unlink(missing_ok=True)
    return saved


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
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        raise _storage_error(exc, db) from exc
    log.info("database upgraded from %s to %s", revision, HEAD_REVISION)
    return HEAD_REVISION


def backup(db: Database, destination: Path) -> Path:
    """A consistent copy of the database at ``destination`` (SQLite online backup; pg_dump for a server)."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        raise StorageError(f"{destination} already exists.", hint="Choose a new file name for the backup.")
    if db.is_sqlite:
        source_path = db.sqlite_path
        if source_path is None:
            raise StorageError("An in-memory database cannot be backed up.")
        try:
            with sqlite3.connect(source_path) as source, sqlite3.connect(destination) as target:
                source.backup(target)
            target.close()
        except sqlite3.DatabaseError as exc:
            destination.unlink(missing_ok=True)
            raise _storage_error(exc, db) from exc
        log.info("database backed up (%d bytes)", destination.stat().st_size)
        audit.record_anchor(db, "backup", sidecar=destination.with_name(destination.name + audit.HEAD_SUFFIX))
        return destination
    url = db.engine.url
    cmd = ["pg_dump", "--format=custom", f"--file={destination}", "--no-password",
           f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}",
           f"--username={url.username or ''}", str(url.database)]
    env = None
    if url.password:
        import os

        env = {**os.environ, "PGPASSWORD": str(url.password)}
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600, check=False)
    except FileNotFoundError as exc:
        raise StorageError("pg_dump was not found.",
                           hint="Install the PostgreSQL client tools, or back up on the server.") from exc
    if done.returncode != 0:
        destination.unlink(missing_ok=True)
        raise StorageError(f"pg_dump failed: {done.stderr.strip()[:500]}")
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
            else:
                conn.execute(text("SELECT 1"))
            if revision is not None and revision >= "0003" and revision in known_revisions():
                chain = audit.verify_chain(conn, audit.load_anchors(db, data_dir=data_dir, backups=backups))
                problems.extend(chain.problems)
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        raise _storage_error(exc, db) from exc
    if chain is not None and chain.ok:
        audit.record_anchor(db, "check", data_dir=data_dir)
    return CheckReport(ok=not problems, revision=revision, head=HEAD_REVISION, problems=problems, chain=chain)

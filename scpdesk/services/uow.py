"""One unit of work per user action: a session that commits or rolls back as a whole."""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..clock import Clock, as_clock, default_clock
from ..errors import ConflictError, StorageError, UserError
from ..identity import os_user
from ..models import validation  # noqa: F401 - registers the text check run before every flush
from ..models.database import Database
from .access import Access, refusal
from .referrals import next_due  # noqa: F401 - registers the hooks that keep the stored referral clocks current

log = logging.getLogger(__name__)


class _Unchecked:
    """The version argument of an internal helper for a write that only appends (nothing the user saw is
    replaced). Public writes never take it: a ``None`` or any other non-matching version is a conflict."""

    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED: Any = _Unchecked()

#: How long a write waits for another writer of a local file before saying so (SQLite's busy_timeout
#: waits inside each attempt; the attempts below cover the busy replies SQLite gives without waiting).
BUSY_BUDGET_SECONDS = 5.0
_BUSY_FIRST_PAUSE = 0.05


class ServiceContext:
    """What every service needs: the database, who is acting, and the clock (what day it is).

    ``clock`` defaults to the process's default clock (the system clock; tests pin it). ``today`` is a
    shorthand that pins the clock: a date, or a function returning one."""

    def __init__(self, db: Database, user: str | None = None, clock: Clock | None = None, *,
                 today: dt.date | Callable[[], dt.date] | None = None, access: Access | None = None,
                 os_account: str | None = None) -> None:
        if clock is not None and today is not None:
            raise TypeError("pass clock or today, not both")
        self.db = db
        self.user = user if user is not None else os_user()
        self.clock: Clock = as_clock(today) if today is not None else (clock or default_clock())
        #: What this login may do (a shared server's roles; everything on a local file). See services/access.py.
        self.access: Access = access if access is not None else Access(user="")
        #: The OS account beside the database login, for the audit (services/registry.py sets both).
        self.os_account: str = os_account if os_account is not None else os_user()
        #: Told False when the shared server cannot be reached, True when a later call gets through (the
        #: window shows "server unreachable — retrying"); called on whichever thread made the call.
        self.reachability_listeners: list[Callable[[bool], None]] = []
        self.unreachable = False

    def with_db(self, db: Database) -> ServiceContext:
        """The same user, clock and access on another database (a restored file reopened)."""
        return ServiceContext(db, self.user, self.clock, access=self.access, os_account=self.os_account)

    def __repr__(self) -> str:
        return f"ServiceContext({self.db.describe()!r}, user={self.user!r}, clock={self.clock!r})"

    def today(self) -> dt.date:
        """Today in Europe/London, from the context's clock."""
        return self.clock.today()

    def now(self) -> dt.datetime:
        """The current instant (UTC), from the context's clock."""
        return self.clock.now()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Commit when the block ends, roll back on any error; environment faults become StorageError.

        On a local file the write lock is taken first (``BEGIN IMMEDIATE``), waiting a few seconds for
        another writer, so two saves never collide half-way through."""
        session = self.db.sessions()
        session.info["user"] = self.user
        session.info["os_user"] = self.os_account
        try:
            if self.db.is_sqlite:
                self._take_write_lock(session)
            yield session
            session.commit()
            self._reached()
        except StaleDataError as exc:
            stale = _stale_rows(session, exc)
            session.rollback()
            raise _stale_conflict(self.db, stale) from exc
        except IntegrityError as exc:
            session.rollback()
            raise _integrity_error(exc) from exc
        except DataError as exc:
            session.rollback()
            raise _data_error(exc) from exc
        except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
            _rollback_quietly(session)
            raise self._environment_error(exc) from exc
        except BaseException:
            _rollback_quietly(session)
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session (rolled back at the end)."""
        session = self.db.sessions()
        session.info["user"] = self.user  # an audited read (e.g. of an identity) names who read it
        session.info["os_user"] = self.os_account
        try:
            yield session
            self._reached()
        except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
            raise self._environment_error(exc) from exc
        finally:
            _rollback_quietly(session)
            session.close()

    @contextmanager
    def read_one(self) -> Iterator[Session]:
        """A read of ONE statement (or of statements each of which stands alone): on a server it runs outside a
        transaction block (``AUTOCOMMIT``), so a statement, which always sees one snapshot by itself, costs its
        own round trip and no BEGIN or ROLLBACK. The login, its roles and row-level security apply as in any
        read (they belong to the connection, not the transaction). Several statements that must agree go in
        :meth:`read` or :meth:`snapshot`; on a local file this is :meth:`read` (no network to save)."""
        with self.read() as session:
            if not self.db.is_sqlite:
                session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A read whose every statement sees the database as it was at the first one, so a document read in
        several statements is never half before and half after a colleague's save: REPEATABLE READ on a server
        (READ COMMITTED would give each statement its own snapshot); on SQLite the read transaction is one."""
        with self.read() as session:
            if not self.db.is_sqlite:
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield session

    @contextmanager
    def text_reader(self) -> Iterator[Callable[[str, Mapping[str, Any]], Sequence[Any]]]:
        """:meth:`snapshot` as ``fetch(sql, params) -> rows``: for statements written once as SQL text that also
        run on Python's own ``sqlite3`` (services/today.py, whose first page is read before SQLAlchemy is)."""
        with self.snapshot() as session:
            yield lambda sql, params: session.execute(text(sql), dict(params)).all()

    def _environment_error(self, exc: Exception) -> Exception:
        """A refusal by the database's roles names the role needed; anything else is a StorageError."""
        return refusal(exc, self.user) or self._storage_error(exc)


    def _take_write_lock(self, session: Session) -> None:
        """``BEGIN IMMEDIATE`` with a bounded back-off: SQLite's busy_timeout waits inside an attempt; a busy
        reply it gives at once (another connection recovering or checkpointing the file) is retried here."""
        deadline = time.monotonic() + BUSY_BUDGET_SECONDS
        pause = _BUSY_FIRST_PAUSE
        while True:
            try:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
                return
            except OperationalError as exc:
                _rollback_quietly(session)
                if not _is_busy(exc) or time.monotonic() + pause > deadline:
                    raise
                log.info("local file busy: retrying in %.2f s", pause)
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

    def _storage_error(self, exc: Exception) -> StorageError:
        from ..models.schema import _storage_error, is_unreachable

        if not self.db.is_sqlite and is_unreachable(exc):
            # The pool's connections died with the server: start afresh so the next try reconnects.
            log.warning("database server unreachable: %s; pool reset", type(getattr(exc, "orig", exc)).__name__)
            self.db.engine.dispose()
            self._tell(reachable=False)
        return _storage_error(exc, self.db)

    def ping(self) -> None:
        """One round trip to the database (the window's retry while the server is unreachable)."""
        with self.read() as s:
            s.execute(text("SELECT 1"))

    def _reached(self) -> None:
        if self.unreachable:
            self._tell(reachable=True)

    def _tell(self, *, reachable: bool) -> None:
        if self.unreachable == (not reachable):
            return
        self.unreachable = not reachable
        log.info("database server %s", "reachable again" if reachable else "unreachable")
        for listener in list(self.reachability_listeners):
            try:
                listener(reachable)
            except Exception:  # a closed window must not hide the error being raised
                log.exception("reachability listener failed")


def _stale_rows(session: Session, exc: StaleDataError) -> list[tuple[Any, int]]:
    """The (table, id) of the rows this session was changing on the table the StaleDataError names."""
    match = re.search(r"on table '([^']+)'", str(exc))
    rows: list[tuple[Any, int]] = []
    for obj in [*session.dirty, *session.deleted, *session.identity_map.values()]:
        state = inspect(obj)
        table = state.mapper.local_table
        if state.identity and (match is None or table.name == match.group(1)) and "updated_by" in table.c:
            rows.append((table, state.identity[0]))
    return rows


def _stale_conflict(db: Database, rows: list[tuple[Any, int]]) -> ConflictError:
    """A row changed between our check and our write (``version_id_col``): name who changed it and when,
    read afresh in a new session (point 2 of the version convention)."""
    if not rows:
        return ConflictError("record", None)
    table, row_id = rows[0]
    entity = table.name.replace("_", " ")
    try:
        with db.sessions() as s:
            found = s.execute(select(table.c.updated_by, table.c.updated_at).where(table.c.id == row_id)).first()
    except (OperationalError, DBAPIError, sqlite3.DatabaseError):  # the server went: still a conflict
        found = None
    if found is None:
        return ConflictError(entity, row_id)
    by, at = found
    return ConflictError(entity, row_id, by or None, f"{at:%d/%m/%Y %H:%M} UTC" if at else None)


def _rollback_quietly(session: Session) -> None:
    """Roll back; a connection that is already gone cannot roll back, and must not hide the first error."""
    try:
        session.rollback()
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
        log.info("rollback after a failure failed too: %s", type(exc).__name__)


def _is_busy(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return "locked" in text or "busy" in text


def _data_error(exc: DataError) -> UserError:
    """A value the database refused (validation should have caught it first: logged as such)."""
    log.warning("database refused a value: %s", type(exc.orig).__name__)
    return UserError("", "a value is too long or holds characters that cannot be stored; shorten it or remove "
                         "unusual characters, then save again")


def _integrity_error(exc: IntegrityError) -> UserError:
    text = str(exc.orig).lower()
    if "unique" in text and "login" in text:  # two people given one account at the same moment
        return UserError("login", "another person was linked to this account at the same moment; clear it there "
                                  "or enter another account")
    for column in ("reference", "name", "day"):
        if "unique" in text and column in text:
            return UserError(column, f"this {column} is already used by another record; choose another")
    log.warning("integrity error: %s", type(exc.orig).__name__)
    return UserError("", "the change conflicts with other saved records and was not saved")

"""One unit of work per user action: a session that commits or rolls back as a whole."""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..errors import ConflictError, UserError
from ..identity import os_user
from ..models.database import Database
from .access import Access, refusal

log = logging.getLogger(__name__)


def today_london() -> dt.date:
    """Deadlines are dates in the Europe/London calendar (rule 5)."""
    from zoneinfo import ZoneInfo

    try:
        return dt.datetime.now(ZoneInfo("Europe/London")).date()
    except Exception:  # noqa: BLE001 - no tz database (rare Windows installs): UK dates are UTC-aligned
        return dt.datetime.now(dt.UTC).date()


@dataclass
class ServiceContext:
    """What every service needs: the database, who is acting, and what day it is."""

    db: Database
    user: str = field(default_factory=os_user)
    today: Callable[[], dt.date] = today_london
    #: What this login may do (a shared server's roles; everything on a local file). See services/access.py.
    access: Access = field(default_factory=lambda: Access(user=""))
    #: The OS account beside the database login, for the audit (services/registry.py sets both).
    os_account: str = field(default_factory=os_user)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """Commit when the block ends, roll back on any error; environment faults become StorageError."""
        session = self.db.sessions()
        session.info["user"] = self.user
        session.info["os_user"] = self.os_account
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            stale = _stale_rows(session, exc)
            session.rollback()
            raise _stale_conflict(self.db, stale) from exc
        except IntegrityError as exc:
            session.rollback()
            raise _integrity_error(exc) from exc
        except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
            session.rollback()
            raise self._environment_error(exc) from exc
        except BaseException:
            session.rollback()
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
        except (OperationalError, DBAPIError, sqlite3.DatabaseError) as exc:
            raise self._environment_error(exc) from exc
        finally:
            session.rollback()
            session.close()

    def _environment_error(self, exc: Exception) -> Exception:
        """A refusal by the database's roles names the role needed; anything else is a StorageError."""
        from ..models.schema import _storage_error

        return refusal(exc, self.user) or _storage_error(exc, self.db)


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


def _integrity_error(exc: IntegrityError) -> UserError:
    text = str(exc.orig).lower()
    for column in ("reference", "name", "day"):
        if "unique" in text and column in text:
            return UserError(column, f"this {column} is already used by another record; choose another")
    log.warning("integrity error: %s", type(exc.orig).__name__)
    return UserError("", "the change conflicts with other saved records and was not saved")

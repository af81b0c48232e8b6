"""The clock context — the organisation's settings and closure days every clock is computed under — kept per
process and trusted only when its version, read in the SAME statement as the rows it serves, says it is current.

Every list row's clock and every stored headline clock (services/referrals/next_due.py) depends on the settings and the
closure days. Reading them beside each list or write costs a statement (a round trip on a shared server) each,
and their few kilobytes on every row if folded into a list's statement. Instead a statement adds
:func:`version_column`: a digest (SHA-256) of the settings (the logo apart) and of the closure days, computed by
the database from their current content in that statement's own snapshot. The caller computes with the context
it last saw (:func:`latest`) and then :func:`confirm`\\ s it against the version its rows came with: equal, the
rows and the context agree exactly; different (a colleague changed a setting or a closure day), the context is
read afresh (:func:`load`, one statement) and the caller runs its statement again with it.

Nothing here is trusted on its own word: the digest covers the content itself (not a version counter a
hand edit or a migration might leave behind), and a stale cache can only cost a re-read, never a wrong clock.
On a local file the same SQL runs, the digest computed by a function registered on each SQLite connection
(models/database.py); SHA-256 rather than MD5, which a PostgreSQL built for FIPS refuses.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import Label
from sqlalchemy.sql.functions import FunctionElement

from ..models import ClosureDay, OrganisationSetting
from ..models.database import SQLITE_DIGEST
from .folds import fold
from .settings import LOGO_KEY, OrganisationSettings, _settings_from

__all__ = ["VERSION", "ClockContext", "confirm", "latest", "load", "version_column"]

#: The label of the version column in a statement's rows.
VERSION = "clock_context"
#: Separators no key, JSON value or ISO date can hold (JSON escapes control characters).
_FIELD, _ROW, _PART = "\x1f", "\x1e", "\x1d"
#: How many contexts are remembered by version (a few: settings seldom change).
_KEEP = 8


@dataclass(frozen=True)
class ClockContext:
    """The settings and closure days as of ``version`` (the digest :func:`version_column` computes)."""

    version: str
    settings: OrganisationSettings
    closures: frozenset[dt.date]


def version_column() -> Label[Any]:
    """A scalar subquery, labelled ``clock_context``: the digest of the current settings and closure days. Add
    it to a statement and pass the value its rows carry to :func:`confirm`."""
    settings = (select(OrganisationSetting.key, OrganisationSetting.value_json)
                .where(OrganisationSetting.key != LOGO_KEY).order_by(OrganisationSetting.key).subquery())
    closures = select(cast(ClosureDay.day, String).label("day")).order_by(ClosureDay.day).subquery()
    settings_text = (select(func.aggregate_strings(settings.c.key.concat(_FIELD).concat(settings.c.value_json), _ROW))
                     .scalar_subquery())
    closures_text = select(func.aggregate_strings(closures.c.day, _ROW)).scalar_subquery()
    text = func.coalesce(settings_text, "").concat(literal(_PART)).concat(func.coalesce(closures_text, ""))
    return _Digest(text).label(VERSION)


class _Digest(FunctionElement[str]):
    """The hex SHA-256 of a text: ``encode(sha256(convert_to(text, 'UTF8')), 'hex')`` on PostgreSQL, the
    function models/database.py registers on SQLite."""

    type = String()
    inherit_cache = True


@compiles(_Digest)
def _digest_sqlite(element: _Digest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_DIGEST}({compiler.process(element.clauses, **kw)})"


@compiles(_Digest, "postgresql")
def _digest_postgresql(element: _Digest, compiler: SQLCompiler, **kw: Any) -> str:
    return f"encode(sha256(convert_to({compiler.process(element.clauses, **kw)}, 'UTF8')), 'hex')"


_SETTINGS = fold("settings", [OrganisationSetting.key, OrganisationSetting.value_json],
                 lambda q: q.where(OrganisationSetting.key != LOGO_KEY))
_CLOSURES = fold("closures", [ClosureDay.day], lambda q: q.select_from(ClosureDay))

_lock = threading.Lock()
_by_version: dict[str, ClockContext] = {}
_latest: weakref.WeakKeyDictionary[Any, ClockContext] = weakref.WeakKeyDictionary()


def load(s: Session) -> ClockContext:
    """The settings, the closure days and their version: ONE statement (remembered for :func:`latest`)."""
    row = s.execute(select(version_column(), _SETTINGS.column, _CLOSURES.column)).one()
    settings = _settings_from((str(key), str(value)) for key, value in _SETTINGS.rows(row.settings))
    closures = frozenset(day for (day,) in _CLOSURES.rows(row.closures) if isinstance(day, dt.date))
    return _remember(s, ClockContext(str(row.clock_context), settings, closures))


def latest(s: Session) -> ClockContext:
    """The context last seen on this database (not yet confirmed: see :func:`confirm`), or read now."""
    with _lock:
        found = _latest.get(s.get_bind())
    return found if found is not None else load(s)


def confirm(s: Session, version: object, guess: ClockContext) -> ClockContext:
    """The context of ``version`` (what a statement's rows came with): ``guess`` itself when it is that one
    (the caller's results stand), else the one remembered for it or read afresh (the caller runs again)."""
    if version is None or version == guess.version:
        return guess
    with _lock:
        known = _by_version.get(str(version))
    if known is not None:
        return _remember(s, known)
    return load(s)


def _remember(s: Session, context: ClockContext) -> ClockContext:
    with _lock:
        _by_version[context.version] = context
        while len(_by_version) > _KEEP:
            del _by_version[next(iter(_by_version))]
        _latest[s.get_bind()] = context
    return context

"""The first page of the referral list read straight from a local file, before the database layer is loaded.

Opening the database the usual way (``registry.open_services``) imports SQLAlchemy, the models and every service,
checks the schema, takes the day's backup and anchors the audit chain: on an ordinary PC that is several times
longer than the window takes to appear. What the user waits for at a start is the list of the most urgent
referrals, so the window asks this module for them first (Python's own ``sqlite3``, read-only, one snapshot), shows
them, and opens the database the usual way behind them.

It answers only when the answer is certainly the one the referral service would give
(``ReferralService.first_rows``; a test holds the two equal) and nothing at a start should come before it; else
``None``, and the start goes the usual way, which explains, migrates, refuses or repairs as it always has:

* only a plain local SQLite file that exists (an encrypted file is unlocked and opened by the usual way; a shared
  server applies its roles there);
* only a schema at this build's :data:`~scpdesk.models.revision.HEAD_REVISION` (an older file is upgraded first,
  a newer one refused);
* not when the partnership requires encrypted files (the usual way refuses this plain one);
* only when every referral's stored headline clock is current (same basis: settings, closure days, holiday
  package, engine): a stale one is computed by the engine or repaired by the usual way, never shown as fine.

The rows are built by the same code as the service's (``headline.list_row``, ``headline.headline_on``) with the
settings read by ``settings_values``; nothing here imports SQLAlchemy (an import-linter contract keeps it so).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ...models.cipher import PLAIN_HEADER
from ...models.enums import ReferralStatus, Route, RouteRequested
from ...models.revision import HEAD_REVISION
from ...models.timeframes import RULE_SETS, holiday_tables, holidays_version, use_holiday_tables
from ..dto import ReferralRow
from ..settings_values import LOGO_KEY, _settings_from
from ..today import TodayList, build_today
from .headline import SEP, basis_of, stored, stored_row, urgency

log = logging.getLogger(__name__)

__all__ = ["FIRST_PAGE_ROWS", "HOLIDAYS_FILE", "FirstPage", "PageReading", "keep_holidays", "read_first_page"]

#: Rows read for the first screen: more than a window shows, a small fraction of a big list.
FIRST_PAGE_ROWS = 100
#: In the data folder: the bank holidays the first page of a start counts working days with, kept from the previous
#: run (see :func:`keep_holidays`).
HOLIDAYS_FILE = "bank-holidays.json"


@dataclass(frozen=True)
class FirstPage:
    """The most urgent referrals, how many there are in all, and what the window needs with them."""

    rows: tuple[ReferralRow, ...]
    total: int
    idle_minutes: int
    #: A partnership profile has been saved (else the window offers the first-run screen).
    configured: bool
    #: The Today list (``services.today.today_list``'s, built by the same code from the same SQL text) when a
    #: login was given to :func:`read_first_page`, else None.
    today: TodayList | None = None


class PageReading:
    """:func:`read_first_page` on a plain thread of its own, started by the command line before Qt and the window's
    modules are imported: the file is read while they load (most of that read is SQLite's, which runs beside
    Python), so the rows are there when the window first paints. :meth:`result` waits for it (the window calls it
    from a worker, never from the GUI thread)."""

    def __init__(self, path: Path | None, *, today: dt.date, holidays_file: Path | None, login: str | None,
                 limit: int = FIRST_PAGE_ROWS) -> None:
        self._page: FirstPage | None = None
        self._error: BaseException | None = None

        def read() -> None:
            try:
                self._page = read_first_page(path, today=today, limit=limit, holidays_file=holidays_file,
                                             login=login, today_rows=limit)
            except BaseException as exc:  # noqa: BLE001 - handed to result()'s caller, which logs it
                self._error = exc

        self._thread = threading.Thread(target=read, name="scpdesk-first-page", daemon=True)
        self._thread.start()

    def result(self) -> FirstPage | None:
        """The page (None: it comes the usual way); re-raises what the read raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._page


class _Row(NamedTuple):
    id: int
    reference: str
    pseudonym: str | None
    received_date: dt.date
    route: Route | None
    route_requested: RouteRequested
    status: ReferralStatus
    next_clock: str | None
    next_due_date: dt.date | None
    next_paused_reason: str | None
    next_missing: int | None
    next_missing_clock: str | None
    agencies: str | None
    children: str | None


# The columns of ``ReferralService.first_rows``'s query, in _Row's order. (The statements are constant text with
# their values bound: S608 warns of f-strings that put values in SQL.)
_COLUMNS = f"""referral.id, referral.reference,
    (SELECT referral_child.pseudonym FROM referral_child WHERE referral_child.referral_id = referral.id
     ORDER BY referral_child.position LIMIT 1) AS pseudonym,
    referral.received_date, referral.route, referral.route_requested, referral.status, referral.next_clock,
    referral.next_due_date, referral.next_paused_reason, referral.next_missing, referral.next_missing_clock,
    (SELECT group_concat(agency.name, '{SEP}') FROM agency, referral_agency
     WHERE referral_agency.agency_id = agency.id AND referral_agency.referral_id = referral.id) AS agencies,
    (SELECT group_concat(CAST(referral_child.position AS VARCHAR) || ':' || referral_child.pseudonym, '{SEP}')
     FROM referral_child WHERE referral_child.referral_id = referral.id) AS children"""  # noqa: S608

# Referrals whose clocks cannot start (newest first), then down the next-due index: two limited parts, as
# ``referrals._most_urgent`` composes them.
_MOST_URGENT = f"""SELECT * FROM (
    SELECT * FROM (SELECT {_COLUMNS} FROM referral WHERE coalesce(referral.next_missing, 0) > 0
                   ORDER BY referral.received_date DESC, referral.id DESC LIMIT :limit)
    UNION ALL
    SELECT * FROM (SELECT {_COLUMNS} FROM referral
                   WHERE referral.next_due_date IS NOT NULL AND coalesce(referral.next_missing, 0) <= 0
                   ORDER BY referral.next_due_date, referral.received_date DESC, referral.id DESC LIMIT :limit))
ORDER BY coalesce(next_missing, 0) <= 0, next_due_date, received_date DESC, id DESC LIMIT :limit"""  # noqa: S608

# When the page is not full: the referrals with nothing open, newest first.
_NOTHING_OPEN = f"""SELECT {_COLUMNS} FROM referral
WHERE referral.next_due_date IS NULL AND coalesce(referral.next_missing, 0) <= 0
ORDER BY referral.received_date DESC, referral.id DESC LIMIT :limit"""  # noqa: S608


def read_first_page(path: Path | None, *, today: dt.date, limit: int, holidays_file: Path | None = None,
                    login: str | None = None, today_rows: int | None = None) -> FirstPage | None:
    """The first ``limit`` rows of the referral list in the local file ``path`` (None: not a local file), or None
    when they must come the usual way (see the module's docstring). Never raises for the file's sake: whatever
    is wrong with it is for the usual way to explain. ``holidays_file``: the bank holidays kept by
    :func:`keep_holidays` (used only if the installed ``holidays`` package is the version that computed them).
    ``login`` (the signed-in account, e.g. ``identity.os_user()``): also read the Today list for it, in the same
    snapshot (``FirstPage.today``): its first ``today_rows`` items only, when given (``TodayList.complete`` False if
    there are more; the clocks are computed only as far as those need)."""
    if holidays_file is not None:
        _use_kept_holidays(holidays_file)
    if path is None:
        return None
    try:
        with path.open("rb") as file:
            if file.read(len(PLAIN_HEADER)) != PLAIN_HEADER:
                return None  # encrypted, empty or not a database
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=True)
    except (OSError, sqlite3.Error, ValueError) as exc:
        log.debug("first page not read from the file: %s", type(exc).__name__)
        return None
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("BEGIN")  # one snapshot for the settings, the closure days and the rows
        return _read(conn, today, limit, login, today_rows)
    except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
        log.info("first page not read from the file (%s); opening the database first", type(exc).__name__)
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, today: dt.date, limit: int, login: str | None = None,
          today_rows: int | None = None) -> FirstPage | None:
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if revision != [(HEAD_REVISION,)]:
        return None  # to be upgraded (or refused) first
    settings = _settings_from(conn.execute("SELECT key, value_json FROM organisation_setting WHERE key != ?",
                                           (LOGO_KEY,)))
    if settings.require_encryption:
        return None  # the usual way refuses this plain file
    closures = frozenset(dt.date.fromisoformat(day) for (day,) in conn.execute("SELECT day FROM closure_day"))
    basis = basis_of(settings, closures)
    stale = conn.execute("SELECT EXISTS (SELECT referral.id FROM referral WHERE referral.next_due_basis IS NULL "
                         "OR referral.next_due_basis != ?)", (basis,)).fetchone()[0]
    if stale:
        return None  # the engine computes (or a writer repairs) what is not current
    (total,) = conn.execute("SELECT count(referral.id) FROM referral").fetchone()
    found = conn.execute(_MOST_URGENT, {"limit": limit}).fetchall()
    if len(found) < limit:
        found += conn.execute(_NOTHING_OPEN, {"limit": limit - len(found)}).fetchall()
    ruleset = settings.ruleset
    rows = []
    for raw in _typed(found):
        rows.append(stored_row(raw, stored(raw), today=today, ruleset=ruleset, closures=closures))
    rows.sort(key=urgency)
    today_list = None
    if login is not None:
        today_list = build_today(_fetcher(conn), today=today, login=login, certain=True, first=today_rows)
        if today_list is None:
            return None
    return FirstPage(tuple(rows), total, settings.idle_lock_minutes, settings.is_configured, today_list)


def _fetcher(conn: sqlite3.Connection) -> Callable[[str, Mapping[str, Any]], list[Any]]:
    """``services.today``'s ``fetch`` on this connection: dates bound as the ISO text SQLite stores."""
    def fetch(sql: str, params: Mapping[str, Any]) -> list[Any]:
        bound = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in params.items()}
        return conn.execute(sql, bound).fetchall()
    return fetch


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _typed(found: Sequence[Any]) -> list[_Row]:
    """The stored text as the ORM reads it (dates, enums by value); ValueError for anything it would refuse."""
    rows = []
    for (rid, reference, pseudonym, received, route, requested, status, clock, due, paused, missing, missing_clock,
         agencies, children) in found:
        received_date = _date(received)
        if received_date is None:
            raise ValueError("a referral without its received date")
        rows.append(_Row(rid, reference, pseudonym, received_date, Route(route) if route else None,
                         RouteRequested(requested), ReferralStatus(status), clock, _date(due), paused, missing,
                         missing_clock, agencies, children))
    return rows


# -- the bank holidays, kept between runs ------------------------------------------------------------------
#: The years kept around today's: a first page's working days left are counted between today and due dates.
_YEARS_BACK, _YEARS_ON = 12, 3


def keep_holidays(file: Path, *, today: dt.date) -> None:
    """Keep in ``file`` the bank holidays of every rule set's calendar around ``today`` as the installed ``holidays``
    package computes them, so that the next start's first page needs no import of the package. Written (to a
    temporary name, then renamed) only when what is kept is not already that; runs after the database is open
    (which has forgotten the kept tables: these are the package's own)."""
    version = holidays_version()
    years = range(today.year - _YEARS_BACK, today.year + _YEARS_ON + 1)
    calendars = sorted({(rules.calendar.country, rules.calendar.subdiv) for rules in RULE_SETS.values()},
                       key=str)
    wanted = {"version": version, "calendars": [list(c) for c in calendars], "years": [years[0], years[-1]]}
    tables = []
    for country, subdiv in calendars:
        calendar = next(r.calendar for r in RULE_SETS.values()
                        if (r.calendar.country, r.calendar.subdiv) == (country, subdiv))
        for year, table in holiday_tables(calendar, years).items():
            tables.append([country, subdiv, year, sorted((d.isoformat(), name) for d, name in table.items())])
    text = json.dumps({**wanted, "tables": tables}, ensure_ascii=False)
    if _load(file) == json.loads(text):
        return  # (compared whole: an edited table is written again)
    temporary = file.with_name(f".{file.name}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o600)
        os.replace(temporary, file)
    except OSError as exc:
        log.info("bank holidays not kept for the next start: %s", type(exc).__name__)
        temporary.unlink(missing_ok=True)


def _load(file: Path) -> dict[str, Any] | None:
    try:
        kept = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return kept if isinstance(kept, dict) else None


def _use_kept_holidays(file: Path) -> None:
    kept = _load(file)
    if kept is None:
        return
    try:
        tables = {(str(country), None if subdiv is None else str(subdiv), int(year)):
                  {dt.date.fromisoformat(day): str(name) for day, name in days}
                  for country, subdiv, year, days in kept["tables"]}
        used = use_holiday_tables(str(kept["version"]), tables)
    except (KeyError, TypeError, ValueError):
        used = False
    if not used:
        log.debug("kept bank holidays not used (another holidays version, or unreadable)")

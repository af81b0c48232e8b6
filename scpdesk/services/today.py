"""The Today view: every open item with a date across referrals, meetings and the library, grouped by urgency.

``today_list`` reads them (and the start's first page reads its first items by the same code, without
SQLAlchemy); the Today tab, the reminders and the calendar export (``services/today_calendar.py``) are built on
these types.

Rules (never hide a deadline):
* Every open referral clock is an item (not only the next one), every review clock (6-month target,
  pre-publication copy, leaving the website), every agency summary asked for and not received, every safety
  action and meeting action not done, every recommendation action not complete, every archive request not
  answered, and every meeting (not cancelled) in the next 14 days with its quorum and unready items.
* A clock overdue while paused or deferred is OVERDUE, its note says why it is paused or deferred.
* A clock that cannot start for want of its start date is NO_DATE (listed before the dated groups after
  Overdue), never dropped.

**One code, two ways to read.** :func:`today_list` runs the statements below through SQLAlchemy (``text()``, on
SQLite or PostgreSQL, by ``ServiceContext.text_reader``); a start's first page (``referrals/first_page.py``) runs
the very same text through Python's own ``sqlite3`` before the database layer is loaded. So this module imports
no SQLAlchemy (an import-linter contract keeps it so): :func:`build_today` takes a ``fetch(sql, params) -> rows``.
Values come back as each driver gives them (dates as ISO text from SQLite, ``date`` objects from PostgreSQL) and
are read by :func:`_date`.

**Few, indexed reads; clocks only where an item can be in view:**

* a referral's clocks are all due on or after its stored ``next_due_date`` (the earliest-due open clock,
  ``next_due.compute``), and those that cannot start are counted by ``next_missing``: so only referrals with a
  missing start or a ``next_due_date`` within the horizon are read (every open referral when a stored value is
  not current: the engine decides then);
* a review has clocks only before its publication (LCSPR types) or while its published window runs;
* dated actions, summaries and requests are read up to the horizon, undated ones always (never hidden: they are
  listed under NO_DATE, "No due date").

The owner of a referral clock is the partnership's local authority (the first current agency of that kind in
the directory; "" when there is none): the referral names nobody, and the LA holds the statutory duty to notify.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from ..models.enums import (
    AgencyKind,
    Attendance,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
    label,
)
from ..models.timeframes import Clock, ClockState, add_months, missing_start_words
from ..models.words import owner_words
from ..translatable import QT_TRANSLATE_NOOP
from .clocks import basis_of, referral_clocks, review_clocks, watched
from .dto import RecordLink
from .quorum import counted_kinds, missing_partners
from .settings_values import LOGO_KEY, OrganisationSettings, _settings_from


class ItemKind(StrEnum):
    REFERRAL_CLOCK = "referral_clock"
    AGENCY_SUMMARY = "agency_summary"
    SAFETY_ACTION = "safety_action"
    MEETING = "meeting"
    MEETING_ACTION = "meeting_action"
    REVIEW_CLOCK = "review_clock"
    ACTION = "action"
    ARCHIVE_REQUEST = "archive_request"


#: What the kind filter shows for each kind (plural, in the partners' words).
KIND_LABELS: dict[ItemKind, str] = {
    ItemKind.REFERRAL_CLOCK: QT_TRANSLATE_NOOP("TodayList", "Referral clocks"),
    ItemKind.AGENCY_SUMMARY: QT_TRANSLATE_NOOP("TodayList", "Agency summaries awaited"),
    ItemKind.SAFETY_ACTION: QT_TRANSLATE_NOOP("TodayList", "Safety actions"),
    ItemKind.MEETING: QT_TRANSLATE_NOOP("TodayList", "Meetings"),
    ItemKind.MEETING_ACTION: QT_TRANSLATE_NOOP("TodayList", "Meeting actions"),
    ItemKind.REVIEW_CLOCK: QT_TRANSLATE_NOOP("TodayList", "Review clocks"),
    ItemKind.ACTION: QT_TRANSLATE_NOOP("TodayList", "Recommendation actions"),
    ItemKind.ARCHIVE_REQUEST: QT_TRANSLATE_NOOP("TodayList", "Archive requests"),
}


class Group(StrEnum):
    """In display order. THIS_WEEK: due from today to the Sunday of this week (Monday–Sunday);
    NEXT_4_WEEKS: the 28 days after that Sunday; LATER: only in the full list (calendar export)."""

    OVERDUE = "overdue"
    NO_DATE = "no_date"
    THIS_WEEK = "this_week"
    NEXT_4_WEEKS = "next_4_weeks"
    LATER = "later"


GROUP_TITLES: dict[Group, str] = {
    Group.OVERDUE: QT_TRANSLATE_NOOP("TodayList", "Overdue"),
    Group.NO_DATE: QT_TRANSLATE_NOOP("TodayList", "Waiting for a start date"),
    Group.THIS_WEEK: QT_TRANSLATE_NOOP("TodayList", "Due this week"),
    Group.NEXT_4_WEEKS: QT_TRANSLATE_NOOP("TodayList", "Next 4 weeks"),
    Group.LATER: QT_TRANSLATE_NOOP("TodayList", "Later"),
}


@dataclass(frozen=True, slots=True)
class TodayItem:
    #: Stable across runs and machines, e.g. "referral-12-sin", "action-40", "meeting-7": snoozes and calendar
    #: event UIDs use it.
    key: str
    kind: ItemKind
    #: What is due, e.g. "SIN to the National Panel", "Summary from Northbrook Constabulary", the action's text.
    what: str
    #: The case or review reference (a meeting's reference for a meeting).
    reference: str
    #: Pseudonym(s) only, never a real name ("Child N, Child O"); "" for a meeting.
    case: str
    due: dt.date | None
    #: Working days left (>0), 0 on the due date, late (<0); None without a due date.
    working_days: int | None
    #: In words: "3 working days late", "Due today", "Due tomorrow", "4 working days left", "Needs the LA-aware date".
    when: str
    #: Whose it is, e.g. "A. Khan (Northbrook Constabulary)", "Northbrook Council", "" when nobody is named.
    owner: str
    owner_agency_id: int | None
    owner_person_id: int | None
    group: Group
    link: RecordLink
    #: More to know: "paused: awaiting police disclosure", "deferred: criminal trial", "Not quorate: police not
    #: represented; 2 items have no papers".
    note: str = ""
    statutory: bool = False


@dataclass(frozen=True)
class Me:
    """The signed-in account and the directory person linked to it (none linked: ``person_id`` None)."""

    login: str
    person_id: int | None = None
    person_name: str = ""
    agency_id: int | None = None
    agency_name: str = ""

    def owns(self, item: TodayItem) -> bool:
        """Mine: owned by my person, or by my agency."""
        if self.person_id is not None and item.owner_person_id == self.person_id:
            return True
        return self.agency_id is not None and item.owner_agency_id == self.agency_id


@dataclass(frozen=True)
class TodayList:
    today: dt.date
    #: In group order, then due date, then reference, then what.
    items: tuple[TodayItem, ...]
    me: Me
    #: False: only the first items (a start's first screen, ``build_today(first=N)``); the full list follows.
    complete: bool = True

    def mine(self) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if self.me.owns(i))

    def of_kinds(self, kinds: Iterable[ItemKind]) -> tuple[TodayItem, ...]:
        wanted = frozenset(kinds)
        return tuple(i for i in self.items if i.kind in wanted)

    def in_group(self, group: Group) -> tuple[TodayItem, ...]:
        return tuple(i for i in self.items if i.group is group)


#: ``fetch(sql, params)``: the rows of one statement (``:name`` parameters; dates passed as ``date``).
Fetch = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]

#: Meetings are listed this many days ahead.
MEETING_DAYS = 14
#: Ids bound in one statement at most (inlined as integers); more, and the rows are read whole and filtered.
_IN_LIMIT = 500
_LATEST = dt.date(9999, 12, 31)


# -- the statements (constant text, values bound) ---------------------------------------------------------

_SETTINGS = "SELECT key, value_json FROM organisation_setting WHERE key != :logo"
_CLOSURES = "SELECT day FROM closure_day"
# What stands for the whole list, in one statement: whether any stored referral clock is not current, the
# partnership's local authority (the owner of referral clocks) and the directory person who signs in as the login.
_HEAD = """SELECT
    (SELECT count(referral.id) FROM referral
     WHERE referral.next_due_basis IS NULL OR referral.next_due_basis != :basis),
    (SELECT agency.id FROM agency WHERE agency.kind = 'local_authority' AND agency.retired_on IS NULL
     ORDER BY agency.id LIMIT 1),
    (SELECT agency.name FROM agency WHERE agency.kind = 'local_authority' AND agency.retired_on IS NULL
     ORDER BY agency.id LIMIT 1),
    (SELECT person.id FROM person WHERE person.login = :login),
    (SELECT person.name FROM person WHERE person.login = :login),
    (SELECT person.agency_id FROM person WHERE person.login = :login),
    (SELECT agency.name FROM person JOIN agency ON agency.id = person.agency_id WHERE person.login = :login)"""

_REFERRALS = """SELECT referral.id, referral.reference, referral.status, referral.route, referral.la_aware_date,
    referral.partners_aware_date, referral.partners_notified_date, referral.sin_sent_date,
    rapid_review.completed_date, rapid_review.sent_to_panel_date, rapid_review.panel_response_date,
    referral.next_missing, referral.next_due_date
FROM referral LEFT OUTER JOIN rapid_review ON rapid_review.referral_id = referral.id
WHERE referral.status != 'closed' AND (:every = 1 OR coalesce(referral.next_missing, 0) > 0
    OR referral.next_due_date <= :until)
  AND (:first = 0 OR coalesce(referral.next_missing, 0) > 0 OR referral.next_due_date <= coalesce(
    (SELECT other.next_due_date FROM referral AS other
     WHERE other.next_due_date IS NOT NULL AND coalesce(other.next_missing, 0) <= 0
     ORDER BY other.next_due_date LIMIT 1 OFFSET :offset), :until))
ORDER BY referral.id"""

# (``:first`` > 0, a start's first screen: of the referrals whose clocks can all start, only those due no later
# than the ``first``-th of them — each gives an item due on its stored next due date, so these ``first`` items
# come before any other referral's: the rest need not be read.)

# The pauses of the referrals and reviews read, and their children's pseudonyms ({ids}: the ids, inlined).
_PAUSES = """SELECT clock_pause.referral_id, clock_pause.review_id, clock_pause.clock_key, clock_pause.reason,
    clock_pause.paused_date, clock_pause.resumed_date FROM clock_pause
WHERE {ids} ORDER BY clock_pause.paused_date, clock_pause.id"""

_CHILDREN = """SELECT referral_child.referral_id, referral_child.pseudonym FROM referral_child
WHERE {ids} ORDER BY referral_child.referral_id, referral_child.position"""

_REVIEWS = """SELECT review.id, review.reference, review.pseudonym, review.review_type, review.status,
    review.decision_date, review.planned_publication_date, review.final_report_sent_date, review.published_date,
    review.deferral_reason, review.deferral_review_date, review.deferral_expected_end
FROM review
WHERE (review.published_date IS NULL
       AND review.review_type IN ('lcspr', 'learning_summary', 'joint', 'thematic'))
   OR review.published_date >= :published_since
ORDER BY review.id"""

# The owners: an agency named, a person named (and the person's agency when no agency is).
_SUMMARIES = """SELECT agency_summary.id, referral.id, referral.reference, agency_summary.due_date,
    agency.id, agency.name, person.id, person.name
FROM agency_summary JOIN rapid_review ON rapid_review.id = agency_summary.rapid_review_id
JOIN referral ON referral.id = rapid_review.referral_id
JOIN agency ON agency.id = agency_summary.agency_id
LEFT OUTER JOIN person ON person.id = agency_summary.person_id
WHERE agency_summary.received_date IS NULL AND referral.status != 'closed'
  AND (agency_summary.due_date IS NULL OR agency_summary.due_date <= :until)"""

_SAFETY_ACTIONS = """SELECT safety_action.id, referral.id, referral.reference, safety_action.description,
    safety_action.due_date, coalesce(safety_action.owner_agency_id, person.agency_id),
    coalesce(agency.name, person_agency.name), person.id, person.name
FROM safety_action JOIN rapid_review ON rapid_review.id = safety_action.rapid_review_id
JOIN referral ON referral.id = rapid_review.referral_id
LEFT OUTER JOIN agency ON agency.id = safety_action.owner_agency_id
LEFT OUTER JOIN person ON person.id = safety_action.owner_person_id
LEFT OUTER JOIN agency AS person_agency ON person_agency.id = person.agency_id
WHERE safety_action.done_date IS NULL AND (safety_action.due_date IS NULL OR safety_action.due_date <= :until)"""

_MEETING_ACTIONS = """SELECT meeting_action.id, meeting.id, meeting.reference, agenda_item.referral_id,
    meeting_action.description, meeting_action.due_date, person.agency_id, agency.name, person.id, person.name
FROM meeting_action JOIN agenda_item ON agenda_item.id = meeting_action.agenda_item_id
JOIN meeting ON meeting.id = agenda_item.meeting_id
LEFT OUTER JOIN person ON person.id = meeting_action.owner_person_id
LEFT OUTER JOIN agency ON agency.id = person.agency_id
WHERE meeting_action.done_date IS NULL AND (meeting_action.due_date IS NULL OR meeting_action.due_date <= :until)"""

_ACTIONS = """SELECT action.id, review.id, review.reference, review.pseudonym, action.description, action.due_date,
    coalesce(action.owner_agency_id, person.agency_id), coalesce(agency.name, person_agency.name), person.id,
    person.name
FROM action JOIN recommendation ON recommendation.id = action.recommendation_id
JOIN review ON review.id = recommendation.review_id
LEFT OUTER JOIN agency ON agency.id = action.owner_agency_id
LEFT OUTER JOIN person ON person.id = action.owner_person_id
LEFT OUTER JOIN agency AS person_agency ON person_agency.id = person.agency_id
WHERE action.status != 'complete' AND (action.due_date IS NULL OR action.due_date <= :until)"""

# Due a number of working days after it was received: read those received by the horizon (none can be due
# before it was received).
_ARCHIVE_REQUESTS = """SELECT archive_request.id, review.id, review.reference, review.pseudonym,
    archive_request.received_date, archive_request.organisation
FROM archive_request JOIN review ON review.id = archive_request.review_id
WHERE archive_request.sent_date IS NULL AND archive_request.received_date <= :until"""

_MEETINGS = """SELECT meeting.id, meeting.reference, meeting.kind, meeting.meeting_date, meeting.status
FROM meeting WHERE meeting.status != 'cancelled' AND meeting.meeting_date >= :today
  AND meeting.meeting_date <= :meetings_until ORDER BY meeting.meeting_date, meeting.id"""

_MEETING_MEMBERS = """SELECT meeting_member.meeting_id, meeting_member.attendance, agency.kind
FROM meeting_member JOIN meeting ON meeting.id = meeting_member.meeting_id
JOIN person ON person.id = meeting_member.person_id LEFT OUTER JOIN agency ON agency.id = person.agency_id
WHERE meeting.status != 'cancelled' AND meeting.meeting_date >= :today
  AND meeting.meeting_date <= :meetings_until"""

# A case item is ready with its papers and its presenter.
_MEETING_ITEMS = """SELECT agenda_item.meeting_id, agenda_item.presenter_id,
    (SELECT count(paper.id) FROM paper WHERE paper.agenda_item_id = agenda_item.id)
FROM agenda_item JOIN meeting ON meeting.id = agenda_item.meeting_id
WHERE agenda_item.kind = 'case' AND meeting.status != 'cancelled' AND meeting.meeting_date >= :today
  AND meeting.meeting_date <= :meetings_until"""


# -- words and groups -------------------------------------------------------------------------------------

def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def when_words(due: dt.date | None, working_days: int | None, today: dt.date, *, missing: str = "") -> str:
    """"Due today", "Due tomorrow", "4 working days left", "3 working days late"; without a due date, what is
    missing ("Needs the LA-aware date") or "No due date"."""
    if due is None or working_days is None:
        if missing:
            return f"Needs the {missing.removesuffix(' missing')}"
        return "No due date"
    if due == today:
        return "Due today"
    if due == today + dt.timedelta(days=1):
        return "Due tomorrow"
    if due < today:
        return f"{_plural(max(-working_days, 1), 'working day')} late" if working_days < 0 \
            else f"Overdue (due {due:%a} {due.day} {due:%b})"
    return f"{_plural(working_days, 'working day')} left" if working_days > 0 \
        else f"Due {due:%a} {due.day} {due:%b}"


def week_end(today: dt.date) -> dt.date:
    """The Sunday of ``today``'s week (Monday–Sunday)."""
    return today + dt.timedelta(days=6 - today.weekday())


def group_of(due: dt.date | None, today: dt.date) -> Group:
    if due is None:
        return Group.NO_DATE
    if due < today:
        return Group.OVERDUE
    sunday = week_end(today)
    if due <= sunday:
        return Group.THIS_WEEK
    if due <= sunday + dt.timedelta(days=28):
        return Group.NEXT_4_WEEKS
    return Group.LATER


_GROUP_ORDER = {g: i for i, g in enumerate(Group)}


def _sort_key(item: TodayItem) -> tuple[Any, ...]:
    return (_GROUP_ORDER[item.group], item.due or dt.date.min, item.reference, item.what, item.key)


# -- reading ----------------------------------------------------------------------------------------------

def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _in(column: str, ids: Iterable[int]) -> str:
    """``column IN (1, 2, 3)`` (integers, written as such); "1 = 1" (every row, filtered after) for many ids."""
    wanted = sorted(set(ids))
    if len(wanted) > _IN_LIMIT:
        return "1 = 1"
    return f"{column} IN ({', '.join(str(int(i)) for i in wanted)})" if wanted else "1 = 0"


class _Reader:
    def __init__(self, fetch: Fetch, today: dt.date, settings: OrganisationSettings,
                 closures: frozenset[dt.date], until: dt.date) -> None:
        self.fetch, self.today, self.settings, self.closures, self.until = fetch, today, settings, closures, until
        self.calendar = settings.ruleset.calendar
        self.items: list[TodayItem] = []
        #: The same words are said of many items: one string each (thousands of items stay in the window).
        self._words: dict[tuple[Any, ...], str] = {}

    def words(self, key: tuple[Any, ...], say: Callable[[], str]) -> str:
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = say()
        return found

    def working_days(self, due: dt.date | None) -> int | None:
        if due is None:
            return None
        if due >= self.today:
            return self.calendar.working_days_between(self.today, due, closures=self.closures)
        return -self.calendar.working_days_between(due, self.today, closures=self.closures)

    def add(self, key: str, kind: ItemKind, what: str, reference: str, case: str, due: dt.date | None,
            owner: tuple[int | None, str | None, int | None, str | None], link: RecordLink, *, note: str = "",
            working_days: int | None = None, statutory: bool = False, missing: str = "") -> None:
        if due is not None and due > self.until:
            return
        left = working_days if working_days is not None else self.working_days(due)
        agency_id, agency, person_id, person = owner
        self.items.append(TodayItem(
            key=key, kind=kind, what=what, reference=reference, case=case, due=due, working_days=left,
            when=self.words((due, left, missing), lambda: when_words(due, left, self.today, missing=missing)),
            owner=self.words(("owner", person, agency), lambda: owner_words(person, agency)),
            owner_agency_id=agency_id, owner_person_id=person_id, group=group_of(due, self.today), link=link,
            note=note, statutory=statutory))

    def pseudonyms(self, referral_ids: Iterable[int]) -> dict[int, str]:
        wanted = set(referral_ids)
        if not wanted:
            return {}
        found: dict[int, list[str]] = defaultdict(list)
        for rid, pseudonym in self.fetch(_CHILDREN.format(ids=_in("referral_child.referral_id", wanted)), {}):
            if rid in wanted:
                found[rid].append(pseudonym)
        return {rid: ", ".join(names) for rid, names in found.items()}

    def pauses(self, referral_ids: Sequence[int], review_ids: Sequence[int]
               ) -> tuple[dict[int, list[tuple[Any, ...]]], dict[int, list[tuple[Any, ...]]]]:
        """The pauses of these referrals and of these reviews (one statement)."""
        referrals: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        reviews: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        if not referral_ids and not review_ids:
            return referrals, reviews
        ids = f"({_in('clock_pause.referral_id', referral_ids)} OR {_in('clock_pause.review_id', review_ids)})"
        want_referrals, want_reviews = set(referral_ids), set(review_ids)
        for referral_id, review_id, key, reason, since, until in self.fetch(_PAUSES.format(ids=ids), {}):
            pause = (key, reason, _date(since), _date(until))
            if referral_id in want_referrals:
                referrals[referral_id].append(pause)
            elif review_id in want_reviews:
                reviews[review_id].append(pause)
        return referrals, reviews


def _clock_note(c: Clock) -> str:
    if c.deferred_reason:
        return f"deferred: {c.deferred_reason}"
    if c.paused_reason:
        return f"paused: {c.paused_reason}"
    return ""


def _add_clocks(r: _Reader, clocks: Iterable[Clock], key: str, reference: str, case: str,
                owner: tuple[int | None, str | None, int | None, str | None], link: RecordLink) -> None:
    """Each clock to watch (``clocks.open_clocks``'s, not put in words: thousands are read at a start)."""
    for c, standing_for in watched(clocks):
        missing = c.rule is not None and c.state is ClockState.START_MISSING
        r.add(f"{key}-{c.key}", ItemKind.REFERRAL_CLOCK if link.tab == "referrals" else ItemKind.REVIEW_CLOCK,
              standing_for or c.label, reference, case, c.due_date, owner, link, note=_clock_note(c),
              working_days=c.working_days_left, statutory=c.statutory,
              missing=missing_start_words(c.rule) if missing and c.rule is not None else "")


def _review_earliest_due(r: _Reader, decision: dt.date | None, planned: dt.date | None,
                         published: dt.date | None) -> dt.date | None:
    """The earliest due date a review's clocks can have (None: no clock can start). Exact, as the engine computes
    them (rules 11–13; a pause or a deferral never moves a due date): cheap enough to weigh a thousand reviews."""
    settings = r.settings
    dues = []
    if decision is not None:
        dues.append(add_months(decision, settings.lcspr_target_months))
    if planned is not None:
        dues.append(r.calendar.add_working_days(planned, -settings.pre_publication_working_days, closures=r.closures))
    if published is not None:
        dues.append(add_months(published, settings.published_window_months))
    return min(dues, default=None)


def _clock_items(r: _Reader, every: bool, la: tuple[int | None, str | None], first: int | None = None) -> bool:
    """Every open clock of the referrals and reviews that can have one in view, and every agency summary,
    safety action and meeting action (their referrals' pseudonyms and the clocks' pauses read once for all).
    ``first`` (the stored clocks current): the referrals' clocks only until the first ``first`` items of the list
    are certain — a referral's items all come at or after its stored next due date, so the referrals are taken in
    that order (those whose clocks cannot start first) and the rest left once the next one cannot come before
    the ``first``-th item. False when some were left."""
    limited = first is not None and not every
    referrals = r.fetch(_REFERRALS, {"every": 1 if every else 0, "until": r.until, "first": first if limited else 0,
                                     "offset": (first or 1) - 1})
    reviews = r.fetch(_REVIEWS, {"published_since": add_months(r.today, -(r.settings.published_window_months + 1))})
    params = {"until": r.until}
    summaries = r.fetch(_SUMMARIES, params)
    safety = r.fetch(_SAFETY_ACTIONS, params)
    meeting_actions = r.fetch(_MEETING_ACTIONS, params)
    names = r.pseudonyms([row[0] for row in referrals] + [row[1] for row in summaries] + [row[1] for row in safety]
                         + [row[3] for row in meeting_actions if row[3] is not None])
    referral_pauses, review_pauses = r.pauses([row[0] for row in referrals], [row[0] for row in reviews])
    owner = (la[0], la[1], None, None)
    for sid, rid, reference, due, agency_id, agency, person_id, person in summaries:
        r.add(f"summary-{sid}", ItemKind.AGENCY_SUMMARY, f"Summary from {agency}", reference, names.get(rid, ""),
              _date(due), (agency_id, agency, person_id, person), RecordLink("referrals", rid, "rapid_review"))
    for aid, rid, reference, text, due, agency_id, agency, person_id, person in safety:
        r.add(f"safety-action-{aid}", ItemKind.SAFETY_ACTION, _one_line(text), reference, names.get(rid, ""),
              _date(due), (agency_id, agency, person_id, person), RecordLink("referrals", rid, "rapid_review"))
    for aid, mid, reference, rid, text, due, agency_id, agency, person_id, person in meeting_actions:
        r.add(f"meeting-action-{aid}", ItemKind.MEETING_ACTION, _one_line(text), reference,
              names.get(rid, "") if rid is not None else "", _date(due), (agency_id, agency, person_id, person),
              RecordLink("panel", mid, "actions"))

    if limited:
        # Those whose clocks cannot start, then by stored next due date (text from sqlite3: ISO sorts as dates).
        referrals = sorted(referrals, key=lambda row: (not (row[11] or 0) > 0, _date(row[12]) or dt.date.min))
    kept = sorted(_sort_key(i) for i in r.items)[:first] if first is not None else []
    cut = False
    for (rid, reference, status, route, la_aware, partners_aware, notified, sin_sent, rr_done, rr_sent,
         response, missing, next_due) in referrals:
        if ReferralStatus(status) is ReferralStatus.CLOSED:
            continue
        if limited and first is not None and not (missing or 0) > 0 and len(kept) >= first:
            due = _date(next_due)
            if due is not None and (_GROUP_ORDER[group_of(due, r.today)], due) > kept[-1][:2]:
                cut = True
                break
        before = len(r.items)
        clocks = referral_clocks(
            route=Route(route) if route else None, la_aware=_date(la_aware), partners_aware=_date(partners_aware),
            partners_notified=_date(notified), sin_sent=_date(sin_sent), rr_completed=_date(rr_done),
            rr_sent=_date(rr_sent), panel_response=_date(response), pauses=referral_pauses.get(rid, ()),
            today=r.today, settings=r.settings, closures=r.closures)
        _add_clocks(r, clocks, f"referral-{rid}", reference, names.get(rid, ""), owner, RecordLink("referrals", rid))
        if first is not None:
            kept = sorted([*kept, *(_sort_key(i) for i in r.items[before:])])[:first]
    # The reviews after the referrals: at a start, only those whose earliest clock can come among the first items.
    complete = not cut
    for (rid, reference, pseudonym, rtype, status, decision, planned, sent, published, d_reason, d_review,
         d_end) in reviews:
        if limited and first is not None and len(kept) >= first:
            earliest = _review_earliest_due(r, _date(decision), _date(planned), _date(published))
            if earliest is None or (_GROUP_ORDER[group_of(earliest, r.today)], earliest) > kept[-1][:2]:
                complete = complete and earliest is None
                continue  # its clocks all come after the first screen's items (the whole list follows)
        before = len(r.items)
        clocks = review_clocks(
            review_type=ReviewType(rtype), status=ReviewStatus(status), decision=_date(decision),
            planned_publication=_date(planned), final_report_sent=_date(sent), published=_date(published),
            deferral_reason=d_reason or "", deferral_review_date=_date(d_review), deferral_expected_end=_date(d_end),
            pauses=review_pauses.get(rid, ()), today=r.today, settings=r.settings, closures=r.closures)
        _add_clocks(r, clocks, f"review-{rid}", reference, pseudonym or "", (None, None, None, None),
                    RecordLink("library", rid))
        if first is not None:
            kept = sorted([*kept, *(_sort_key(i) for i in r.items[before:])])[:first]
    return complete

def _library_items(r: _Reader) -> None:
    for aid, rid, reference, pseudonym, text, due, agency_id, agency, person_id, person in r.fetch(
            _ACTIONS, {"until": r.until}):
        r.add(f"action-{aid}", ItemKind.ACTION, _one_line(text), reference, pseudonym or "", _date(due),
              (agency_id, agency, person_id, person), RecordLink("library", rid, "actions"))
    days = r.settings.archive_answer_working_days
    for qid, rid, reference, pseudonym, received, organisation in r.fetch(_ARCHIVE_REQUESTS, {"until": r.until}):
        got = _date(received)
        assert got is not None
        due = r.calendar.add_working_days(got, days, closures=r.closures)
        org = " ".join((organisation or "").split())
        r.add(f"archive-request-{qid}", ItemKind.ARCHIVE_REQUEST,
              f"Answer the archive request{f' from {org}' if org else ''} (received {got:%d %b %Y})", reference,
              pseudonym or "", due, (None, None, None, None), RecordLink("library", rid, "archive"))


def _meetings(r: _Reader) -> None:
    params = {"today": r.today, "meetings_until": r.today + dt.timedelta(days=MEETING_DAYS)}
    meetings = r.fetch(_MEETINGS, params)
    if not meetings:
        return
    members: dict[int, list[tuple[Attendance, AgencyKind | None]]] = defaultdict(list)
    for mid, attendance, kind in r.fetch(_MEETING_MEMBERS, params):
        members[mid].append((Attendance(attendance), AgencyKind(kind) if kind else None))
    no_papers: dict[int, int] = defaultdict(int)
    no_presenter: dict[int, int] = defaultdict(int)
    for mid, presenter, papers in r.fetch(_MEETING_ITEMS, params):
        no_papers[mid] += not papers
        no_presenter[mid] += presenter is None
    for mid, reference, kind, day, status in meetings:
        counted = counted_kinds(MeetingStatus(status), members.get(mid, ()))
        missing = [label(k) for k in missing_partners(counted)]
        notes = []
        if missing:
            notes.append("Not quorate: " + ", ".join(missing) + " not represented")
        if no_papers[mid]:
            notes.append(f"{_plural(no_papers[mid], 'case item')} without papers")
        if no_presenter[mid]:
            notes.append(f"{_plural(no_presenter[mid], 'case item')} without a presenter")
        r.add(f"meeting-{mid}", ItemKind.MEETING, label(MeetingKind(kind)), reference, "", _date(day),
              (None, None, None, None), RecordLink("panel", mid), note="; ".join(notes))


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def read_context(fetch: Fetch) -> tuple[OrganisationSettings, frozenset[dt.date]]:
    """The settings and closure days the clocks are computed under (two statements)."""
    settings = _settings_from((str(k), str(v)) for k, v in fetch(_SETTINGS, {"logo": LOGO_KEY}))
    closures = frozenset(d for (day,) in fetch(_CLOSURES, {}) if (d := _date(day)) is not None)
    return settings, closures


def build_today(fetch: Fetch, *, today: dt.date, login: str, everything: bool = False,
                certain: bool = False, first: int | None = None) -> TodayList | None:
    """The Today list read by ``fetch`` (fifteen statements, whatever the number of records). ``certain`` (the
    first page): None when a referral's stored clock is not current (only the engine, through the usual way, can
    say then); otherwise such referrals are all read and computed by the engine. ``login``: the signed-in account,
    matched to the directory person who signs in as it (logins are kept in lower case). ``first``: only the first
    items, the referrals' clocks computed only as far as they need (a start's first screen; ``complete`` False
    when the list is longer)."""
    if first is not None and first < 1:
        raise ValueError("first: at least one item")
    settings, closures = read_context(fetch)
    wanted = login.strip().lower()
    stale, la_id, la_name, person_id, person, agency_id, agency = fetch(
        _HEAD, {"basis": basis_of(settings, closures), "login": wanted})[0]
    if stale and certain:
        return None
    until = _LATEST if everything else week_end(today) + dt.timedelta(days=28)
    r = _Reader(fetch, today, settings, closures, until)
    _meetings(r)
    _library_items(r)
    complete = _clock_items(r, everything or bool(stale), (la_id, la_name), first)
    items = tuple(sorted(r.items, key=_sort_key))
    if first is not None and len(items) > first:
        items, complete = items[:first], False
    me = Me(login) if person_id is None or not wanted else Me(login, person_id, person, agency_id, agency or "")
    return TodayList(today, items, me, complete)


# -- the service ------------------------------------------------------------------------------------------

class _Context(Protocol):
    """What :func:`today_list` needs of a ``ServiceContext`` (named so, not imported: this module stays free of
    SQLAlchemy for the first page)."""

    user: str

    def today(self) -> dt.date: ...

    def text_reader(self) -> AbstractContextManager[Fetch]: ...


def today_list(ctx: _Context, *, everything: bool = False) -> TodayList:
    """Overdue, no-date, this week and next 4 weeks (``everything``: also LATER, for the calendar export), and
    who the signed-in account is in the directory. One read-only snapshot, fifteen statements whatever the size."""
    with ctx.text_reader() as fetch:
        found = build_today(fetch, today=ctx.today(), login=ctx.user, everything=everything)
    assert found is not None  # only a ``certain`` build declines
    return found


# The calendar of these deadlines (export_deadlines_ics) is services/today_calendar.py: it writes a file and
# an audit row, which needs the database layer this module keeps out of the first page.

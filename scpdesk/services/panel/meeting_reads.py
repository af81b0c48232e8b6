"""The meeting screen read in ONE statement, however many cases, papers, actions or members it has: query
functions that take an open ``Session`` and read a whole set at once, and ``meeting_screen`` folding the three
into one row (``folds.fold``).

* ``meeting_agenda(s, meeting_id)``: the meeting, its items in order and, for each case item, the referral's
  own facts (reference, status, decision, route, the children's pseudonyms, the dates its clocks count from);
* ``meeting_people(s, meeting_id)``: the whole directory with each person's membership of this meeting (the
  members, the names of chair, presenters and owners, and the people the pickers offer);
* ``meeting_extras(s, meeting_id)``: what hangs off the items and the clocks — papers (never their content),
  actions, the cases' clock pauses, the organisation settings and closure days — as one UNION ALL.

None of them depends on another's result, so ``meeting_screen`` reads the three as JSON columns of one
statement: one snapshot, one round trip on a server (no transaction block: ``MeetingService.screen``). The
clocks are the clock engine's (``referral_clocks``), fed exactly what ``ReferralService.get`` feeds it;
``tests/db/test_meeting_screen.py`` checks the two agree for every demo meeting.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Date, Integer, String, Text, and_, cast, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from ...errors import NotFoundError
from ...models import (
    Agency,
    AgendaItem,
    ClockPause,
    ClosureDay,
    Meeting,
    MeetingAction,
    MeetingMember,
    OrganisationSetting,
    Paper,
    Person,
    RapidReview,
    Referral,
    ReferralChild,
)
from ...models.base import UTCDateTime
from ...models.enums import (
    PARTNER_KINDS,
    Decision,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    Route,
    label,
)
from ...models.timeframes import Clock
from ..clocks import PauseRow, referral_clocks
from ..folds import fold
from ..organisation.directory import PersonDTO
from ..people import owner_words
from ..quorum import counted_kinds, is_quorate
from ..referrals.referrals import pause_who
from ..settings import LOGO_KEY, OrganisationSettings, _settings_from
from .meeting_dto import ActionDTO, ItemDetail, MeetingDetail, MemberDTO, PaperDTO
from .meeting_rules import (
    decision_options,
    item_times,
    long_date,
    rapid_review_clock,
    rapid_review_warning,
)


@dataclass(frozen=True)
class MeetingScreen:
    """Everything the meeting screen shows, read in one transaction: the meeting (members, items, cases with
    their clocks, papers, actions) and the current directory its pickers offer (chair, members, presenters,
    owners)."""

    detail: MeetingDetail
    people: tuple[PersonDTO, ...]


@dataclass(frozen=True)
class CaseFacts:
    """A case item's referral as the meeting needs it: never the children's identities, only pseudonyms."""

    id: int
    version: int
    reference: str
    status: ReferralStatus
    decision: Decision | None
    route: Route | None
    la_aware: dt.date | None
    partners_aware: dt.date | None
    partners_notified: dt.date | None
    sin_sent: dt.date | None
    rr_completed: dt.date | None
    rr_sent: dt.date | None
    panel_response: dt.date | None
    # The nations' milestones (issue 17): their clocks run from these.
    received: dt.date | None = None
    recommendation: dt.date | None = None
    decided: dt.date | None = None
    decision_notified: dt.date | None = None
    children: tuple[str, ...] = ()

    @property
    def pseudonyms(self) -> str:
        """"Child N, Child N2" (as ``meeting_rules.pseudonyms``), else the reference."""
        return ", ".join(self.children) or self.reference


@dataclass(frozen=True)
class MeetingPeople:
    """The directory (retired people too: an old action's owner keeps their name) and this meeting's members."""

    everyone: tuple[PersonDTO, ...]
    members: tuple[MemberDTO, ...]

    @property
    def names(self) -> dict[int, str]:
        return {p.id: p.name for p in self.everyone}

    @property
    def owners(self) -> dict[int, str]:
        """An action owner as lists and the pack show them: "Name (Agency)" (``people.owner_words``)."""
        return {p.id: owner_words(p.name, p.agency) for p in self.everyone}

    @property
    def current(self) -> tuple[PersonDTO, ...]:
        """The people a picker offers: not retired, by name (as ``directory.people``)."""
        return tuple(p for p in self.everyone if p.retired_on is None)


@dataclass
class MeetingExtras:
    papers: dict[int, list[PaperDTO]] = field(default_factory=lambda: defaultdict(list))
    #: item id -> (action id, version, description, owner id, due, done)
    actions: dict[int, list[tuple[int, int, str, int | None, dt.date | None, dt.date | None]]] = field(
        default_factory=lambda: defaultdict(list))
    pauses: dict[int, list[PauseRow]] = field(default_factory=lambda: defaultdict(list))
    setting_rows: list[tuple[str, str]] = field(default_factory=list)
    closures: set[dt.date] = field(default_factory=set)

    @property
    def settings(self) -> OrganisationSettings:
        return _settings_from(self.setting_rows)


_MEETING_COLUMNS = (Meeting.id, Meeting.version, Meeting.reference, Meeting.kind, Meeting.meeting_date,
                    Meeting.start_time, Meeting.place, Meeting.online_link, Meeting.chair_id, Meeting.status,
                    Meeting.notes, Meeting.updated_by, Meeting.updated_at)
_ITEM_COLUMNS = (AgendaItem.id, AgendaItem.version, AgendaItem.position, AgendaItem.kind, AgendaItem.title,
                 AgendaItem.duration_minutes, AgendaItem.presenter_id, AgendaItem.confidential, AgendaItem.questions,
                 AgendaItem.minutes, AgendaItem.decision, AgendaItem.referral_id)
_CASE_COLUMNS = (Referral.version, Referral.reference, Referral.status, Referral.decision, Referral.route,
                 Referral.la_aware_date, Referral.partners_aware_date, Referral.partners_notified_date,
                 Referral.sin_sent_date, RapidReview.completed_date, RapidReview.sent_to_panel_date,
                 RapidReview.panel_response_date, Referral.received_date, Referral.recommendation_date,
                 Referral.decision_date, Referral.decision_notified_date)


_AGENDA_COLUMNS = (*_MEETING_COLUMNS, *_ITEM_COLUMNS, *_CASE_COLUMNS, ReferralChild.pseudonym)
_AGENDA_ORDER = (AgendaItem.position, ReferralChild.position, ReferralChild.id)


def _agenda_from(q: Any, meeting_id: int) -> Any:
    return (q.select_from(Meeting)
            .outerjoin(AgendaItem, AgendaItem.meeting_id == Meeting.id)
            .outerjoin(Referral, Referral.id == AgendaItem.referral_id)
            .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
            .outerjoin(ReferralChild, ReferralChild.referral_id == Referral.id)
            .where(Meeting.id == meeting_id))


def meeting_agenda(s: Session, meeting_id: int) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[int, CaseFacts]]:
    """The meeting's head (column name -> value), its items in order (``_ITEM_COLUMNS``) and the facts of each
    case on it, in one statement (one row per item and child). NotFoundError when there is no such meeting."""
    stmt = _agenda_from(select(*_AGENDA_COLUMNS), meeting_id).order_by(*_AGENDA_ORDER)
    return _agenda(meeting_id, [tuple(row) for row in s.execute(stmt)])


def _agenda(meeting_id: int, rows: list[tuple[Any, ...]]
            ) -> tuple[dict[str, Any], list[tuple[Any, ...]], dict[int, CaseFacts]]:
    """``meeting_agenda`` from its rows (``_AGENDA_COLUMNS``, in ``_AGENDA_ORDER``)."""
    if not rows:
        raise NotFoundError("meeting", meeting_id)
    m, n = len(_MEETING_COLUMNS), len(_ITEM_COLUMNS)
    head = {column.key: value for column, value in zip(_MEETING_COLUMNS, rows[0][:m], strict=True)}
    items: dict[int, tuple[Any, ...]] = {}
    facts: dict[int, tuple[Any, ...]] = {}
    children: dict[int, list[str]] = defaultdict(list)  # item id -> its referral's pseudonyms, in order
    for row in rows:
        item = row[m:m + n]
        if item[0] is None:  # a meeting with no items: one row, the head alone
            continue
        items.setdefault(item[0], item)
        if item[-1] is not None:
            facts.setdefault(item[-1], row[m + n:-1])
            if row[-1] is not None:
                children[item[0]].append(row[-1])
    first_item = {rid: next(iid for iid, i in items.items() if i[-1] == rid) for rid in facts}
    cases = {rid: replace(CaseFacts(rid, *values), children=tuple(children[first_item[rid]]))
             for rid, values in facts.items()}
    return head, list(items.values()), cases


def case_facts(s: Session, referral_ids: Sequence[int]) -> dict[int, CaseFacts]:
    """The facts of these referrals as a meeting needs them, in one statement (one row per child)."""
    rows = s.execute(select(Referral.id, *_CASE_COLUMNS, ReferralChild.pseudonym)
                     .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
                     .outerjoin(ReferralChild, ReferralChild.referral_id == Referral.id)
                     .where(Referral.id.in_(sorted(set(referral_ids))))
                     .order_by(Referral.id, ReferralChild.position, ReferralChild.id)).all()
    facts: dict[int, CaseFacts] = {}
    children: dict[int, list[str]] = defaultdict(list)
    for rid, *values, pseudonym in rows:
        facts.setdefault(rid, CaseFacts(rid, *values))
        if pseudonym is not None:
            children[rid].append(pseudonym)
    return {rid: replace(f, children=tuple(children[rid])) for rid, f in facts.items()}


_PEOPLE_COLUMNS = (Person.id, Person.version, Person.name, Person.role, Person.agency_id, Agency.name, Agency.kind,
                   Person.email, Person.panel_member, Person.qas_member, Person.retired_on,
                   MeetingMember.id, MeetingMember.version, MeetingMember.attendance)


def _people_from(q: Any, meeting_id: int) -> Any:
    return (q.outerjoin(Agency, Agency.id == Person.agency_id)
            .outerjoin(MeetingMember,
                       and_(MeetingMember.person_id == Person.id, MeetingMember.meeting_id == meeting_id)))


def meeting_people(s: Session, meeting_id: int) -> MeetingPeople:
    """Everyone in the directory with their agency, and this meeting's members (by name), in one statement."""
    stmt = _people_from(select(*_PEOPLE_COLUMNS), meeting_id).order_by(Person.name, Person.id)
    return _people([tuple(row) for row in s.execute(stmt)])


def _people(rows: list[tuple[Any, ...]]) -> MeetingPeople:
    """``meeting_people`` from its rows (``_PEOPLE_COLUMNS``, by name as the database sorts names)."""
    everyone = tuple(PersonDTO(pid, version, name, role, agency_id, agency or "", kind, email, panel, qas, retired)
                     for pid, version, name, role, agency_id, agency, kind, email, panel, qas, retired, *_m in rows)
    members = sorted(((name, mid), MemberDTO(mid, mversion, pid, name, role, agency or "", kind, attendance))
                     for pid, _v, name, role, _a, agency, kind, _e, _p, _q, _r, mid, mversion, attendance in rows
                     if mid is not None)
    return MeetingPeople(everyone, tuple(member for _key, member in members))


def meeting_extras(s: Session, meeting_id: int) -> MeetingExtras:
    """Papers (not their content), actions, the case referrals' clock pauses, the organisation settings (not the
    logo) and the closure days, in one UNION ALL: every part has the same ten columns."""
    return _extras([tuple(row) for row in s.execute(_extras_query(meeting_id))])


def _extras_query(meeting_id: int) -> Any:
    """The UNION ALL of :func:`meeting_extras`."""
    on_agenda = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
    cases = select(AgendaItem.referral_id).where(AgendaItem.meeting_id == meeting_id,
                                                 AgendaItem.referral_id.is_not(None))

    def no(type_: Any) -> Any:
        return cast(null(), type_)

    # kind, owner, id, version, text, text2, number, day1, day2, at
    parts = [
        select(literal("paper", String).label("kind"), Paper.agenda_item_id.label("owner"), Paper.id.label("id"),
               no(Integer).label("version"), cast(Paper.filename, Text).label("text"),
               cast(Paper.created_by, Text).label("text2"), Paper.size_bytes.label("number"),
               no(Date).label("day1"), no(Date).label("day2"), Paper.created_at.label("at"))
        .where(Paper.agenda_item_id.in_(on_agenda)),
        select(literal("action", String), MeetingAction.agenda_item_id, MeetingAction.id, MeetingAction.version,
               cast(MeetingAction.description, Text), no(Text), MeetingAction.owner_person_id,
               MeetingAction.due_date, MeetingAction.done_date, no(UTCDateTime()))
        .where(MeetingAction.agenda_item_id.in_(on_agenda)),
        select(literal("pause", String), ClockPause.referral_id, ClockPause.id, no(Integer),
               cast(ClockPause.clock_key, Text), cast(ClockPause.reason, Text), no(Integer), ClockPause.paused_date,
               ClockPause.resumed_date, no(UTCDateTime()))
        .where(ClockPause.referral_id.in_(cases)),
        # who paused and who resumed: a second row per pause keeps every part at ten columns
        select(literal("pause_by", String), ClockPause.referral_id, ClockPause.id, no(Integer),
               cast(ClockPause.created_by, Text), cast(ClockPause.updated_by, Text), no(Integer), no(Date),
               no(Date), no(UTCDateTime()))
        .where(ClockPause.referral_id.in_(cases)),
        select(literal("setting", String), no(Integer), no(Integer), no(Integer), cast(OrganisationSetting.key, Text),
               OrganisationSetting.value_json, no(Integer), no(Date), no(Date), no(UTCDateTime()))
        .where(OrganisationSetting.key != LOGO_KEY),  # the logo (up to 1.4 MB) is never read with the settings
        select(literal("closure", String), no(Integer), ClosureDay.id, no(Integer), no(Text), no(Text), no(Integer),
               ClosureDay.day, no(Date), no(UTCDateTime())),
    ]
    return union_all(*parts)


def _extras(rows: list[tuple[Any, ...]]) -> MeetingExtras:
    """``meeting_extras`` from the rows of its UNION ALL (in any order)."""
    extras = MeetingExtras()
    pauses: dict[int, dict[str, Any]] = defaultdict(dict)
    for kind, owner, row_id, version, text, text2, number, day1, day2, at in rows:
        if kind == "paper":
            extras.papers[owner].append(PaperDTO(row_id, text, number, text2 or "", at))
        elif kind == "action":
            extras.actions[owner].append((row_id, version, text, number, day1, day2))
        elif kind == "pause":
            pauses[row_id].update(referral=owner, key=text, reason=text2, since=day1, until=day2)
        elif kind == "pause_by":
            pauses[row_id].update(by=text or "", resumer=text2 or "")
        elif kind == "setting":
            extras.setting_rows.append((text, text2))
        else:
            extras.closures.add(day1)
    for papers in extras.papers.values():
        papers.sort(key=lambda paper: paper.id)
    for actions in extras.actions.values():
        actions.sort(key=lambda action: action[0])
    for _pause_id, p in sorted(pauses.items(), key=lambda kv: (kv[1]["since"], kv[0])):
        extras.pauses[p["referral"]].append(PauseRow(p["key"], p["reason"], p["since"], p["until"],
                                                     pause_who(p["by"], p["resumer"], p["until"])))
    return extras


def case_clocks(case: CaseFacts, pauses: Sequence[PauseRow], *, today: dt.date, settings: OrganisationSettings,
                closures: frozenset[dt.date]) -> list[Clock]:
    """A case's clocks, from the engine, fed as ``ReferralService.get`` feeds it."""
    return referral_clocks(route=case.route, la_aware=case.la_aware, partners_aware=case.partners_aware,
                           partners_notified=case.partners_notified, sin_sent=case.sin_sent,
                           rr_completed=case.rr_completed, rr_sent=case.rr_sent, panel_response=case.panel_response,
                           received=case.received, recommendation=case.recommendation, decision=case.decision,
                           decided=case.decided, decision_notified=case.decision_notified,
                           pauses=pauses, today=today, settings=settings, closures=closures)


def _screen_rows(s: Session, meeting_id: int) -> tuple[Any, MeetingPeople, MeetingExtras]:
    """The agenda, the people and the extras as ONE statement: each of the three queries folded into a JSON
    column (``folds.fold``) of a single row, so the screen is one snapshot and one round trip. The database's
    orders are kept: the agenda's by the positions it carries, the directory's by a rank the database gives
    (names sort as the database collates them, as in ``meeting_people``)."""
    agenda = fold("agenda", [*_AGENDA_COLUMNS, *_AGENDA_ORDER], lambda q: _agenda_from(q, meeting_id))
    ranked = _people_from(select(*_PEOPLE_COLUMNS, func.row_number().over(order_by=(Person.name, Person.id))
                                 .label("rank")), meeting_id).subquery()
    people = fold("people", list(ranked.c), lambda q: q.select_from(ranked))
    union = _extras_query(meeting_id).subquery()
    extras = fold("extras", list(union.c), lambda q: q.select_from(union))
    row = s.execute(select(agenda.column, people.column, extras.column)).one()
    order = len(_AGENDA_ORDER)

    def agenda_key(r: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:  # as ORDER BY sorts: NULLs last
        return tuple((v is None, v if v is not None else 0) for v in r[-order:])

    agenda_rows = [r[:-order] for r in sorted(agenda.rows(row.agenda), key=agenda_key)]
    people_rows = [r[:-1] for r in sorted(people.rows(row.people),
                                          key=lambda r: r[-1] if isinstance(r[-1], int) else 0)]
    return (_agenda(meeting_id, agenda_rows), _people(people_rows), _extras(extras.rows(row.extras)))


def meeting_screen(s: Session, meeting_id: int, today: dt.date) -> MeetingScreen:
    """The whole meeting screen in ONE statement (:func:`_screen_rows`)."""
    (head, rows, cases), people, extras = _screen_rows(s, meeting_id)
    names, owners = people.names, people.owners
    kind: MeetingKind = head["kind"]
    status: MeetingStatus = head["status"]
    day: dt.date = head["meeting_date"]
    start: dt.time | None = head["start_time"]
    settings, closures = extras.settings, frozenset(extras.closures)
    times = item_times(start, [r[5] for r in rows])
    details: list[ItemDetail] = []
    warnings: list[str] = []
    for (iid, version, position, ikind, title, length, presenter_id, confidential, questions, minutes, decision,
         rid), (begin, end) in zip(rows, times, strict=True):
        item = ItemDetail(
            id=iid, version=version, position=position, kind=ikind, title=title, duration_minutes=length,
            start_time=begin, end_time=end, presenter_id=presenter_id,
            presenter=names.get(presenter_id, "") if presenter_id else "", confidential=confidential,
            questions=questions, minutes=minutes, decision=decision, papers=tuple(extras.papers.get(iid, ())),
            actions=tuple(ActionDTO(aid, aversion, description, owner, owners.get(owner, "") if owner else "", due,
                                    done)
                          for aid, aversion, description, owner, due, done in extras.actions.get(iid, ())))
        case = cases.get(rid) if rid is not None else None
        if case is not None:
            clocks = case_clocks(case, extras.pauses.get(case.id, ()), today=today, settings=settings,
                                 closures=closures)
            clock = rapid_review_clock(clocks)
            warning = rapid_review_warning(clocks, day)
            item = _with_case(item, case, clock, warning, kind, settings.rule_set)
            if warning and clock is not None and clock.due_date is not None:  # a warning implies a due date
                warnings.append(f"Item {position}, {item.pseudonyms} ({case.reference}): "
                                f"the rapid review is due {long_date(clock.due_date)}, before this meeting")
        details.append(item)
    counted = counted_kinds(status, [(m.attendance, m.agency_kind) for m in people.members])
    missing = () if status is MeetingStatus.CANCELLED else tuple(label(k) for k in PARTNER_KINDS if k not in counted)
    chair_id: int | None = head["chair_id"]
    detail = MeetingDetail(
        id=head["id"], version=head["version"], reference=head["reference"], kind=kind, meeting_date=day,
        start_time=start, end_time=times[-1][1] if times else None, place=head["place"],
        online_link=head["online_link"], chair_id=chair_id, chair=names.get(chair_id, "") if chair_id else "",
        status=status, notes=head["notes"], members=people.members, items=tuple(details),
        quorate=status is not MeetingStatus.CANCELLED and is_quorate(counted), missing_partners=missing,
        warnings=tuple(warnings), updated_by=head["updated_by"], updated_at=head["updated_at"])
    return MeetingScreen(detail, people.current)


def _with_case(item: ItemDetail, case: CaseFacts, clock: Clock | None, warning: str, kind: MeetingKind,
               rule_set: str) -> ItemDetail:
    return replace(item, referral_id=case.id, referral_version=case.version, referral_reference=case.reference,
                   pseudonyms=case.pseudonyms, referral_status=case.status,
                   referral_decision=case.decision,
                   rapid_review_due=clock.due_date if clock is not None else None, warning=warning,
                   decision_options=decision_options(case.route, kind, rule_set))


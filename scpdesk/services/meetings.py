"""Rapid Review Panel and QA&S meeting use cases: the list with quorum, meetings and their members, the agenda
(cases suggested by their clocks, standing items, order and times), papers, minutes, actions and decisions.

Versions: the meeting is one aggregate (details, members, the agenda's make-up and order) and each agenda item
another (title, duration, questions, papers, minutes, decision, actions). A structural change takes the
meeting's version, an item edit the item's; a stale one raises ``ConflictError``. Reordering moves positions
without touching the items' versions, so a colleague typing minutes is not told someone else changed "their"
item when only its place changed. An action is its own record, checked on its own version. Every replacing or
removing write takes a required ``expected_version``; adding a paper or an action (and creating or copying a
meeting) adds a record, replaces nothing, and takes none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, defer, selectinload

from ..errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ..models import Agency, AgendaItem, Meeting, MeetingAction, MeetingMember, Paper, Person, Referral
from ..models.audit import record as audit_record
from ..models.base import utcnow
from ..models.enums import (
    PARTNER_KINDS,
    AgencyKind,
    AgendaItemKind,
    Attendance,
    AuditAction,
    Decision,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    Route,
    label,
)
from ..models.timeframes import Clock
from ..models.validation import require_storable, storable
from .directory import PersonDTO, people
from .dto import Changes, MeetingRow, ReferralRow
from .referrals import ReferralDetail, ReferralService
from .uow import UNCHECKED, ServiceContext
from .workflow import LEARNING_REVIEW_DECISIONS, RAPID_REVIEW_DECISIONS, Criteria, WorkflowService

# Rules of the agenda ---------------------------------------------------------------------------------------

#: The standing items every meeting may carry, with their usual minutes.
STANDING_ITEMS: dict[str, int] = {"Minutes of the last meeting": 5, "Actions log": 10, "Any other business": 5}
#: Standing items that stay at the end of the agenda when a case is added.
_LAST_ITEMS = frozenset({"any other business"})

#: The referrals each kind of meeting decides on (the suggested list).
AWAITING: dict[MeetingKind, frozenset[ReferralStatus]] = {
    MeetingKind.RAPID_REVIEW_PANEL: frozenset({ReferralStatus.SCREENING, ReferralStatus.SIN_SENT,
                                               ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT,
                                               ReferralStatus.PANEL_RESPONDED}),
    MeetingKind.QAS: frozenset({ReferralStatus.LEARNING_REVIEW}),
}
DEFAULT_CASE_MINUTES = {MeetingKind.RAPID_REVIEW_PANEL: 30, MeetingKind.QAS: 20}
MAX_ITEM_MINUTES = 480

#: The wording of each decision where the panel chooses one (the pack's options, the item's decision text).
DECISION_TEXT: dict[Decision, str] = {
    Decision.LCSPR: "Undertake a Local Child Safeguarding Practice Review (LCSPR)",
    Decision.LEARNING_SUMMARY: "Learning summary (LCSPR criteria met, no full review)",
    Decision.NATIONAL_REVIEW: "Refer to the National Panel for a national review",
    Decision.PLR: "Practice Learning Review (PLR)",
    Decision.OTHER_LEARNING: "Other learning (single- or multi-agency)",
    Decision.NO_FURTHER_REVIEW: "No further review",
}

#: Papers are PDFs stored in the database: this many bytes at most each, unless a service says otherwise.
MAX_PAPER_BYTES = 20 * 1024 * 1024
#: Readers (Acrobat, pypdf) accept the ``%PDF-`` header anywhere in the first kilobyte.
_PDF_MAGIC, _PDF_MAGIC_WITHIN = b"%PDF-", 1024


def is_quorate(kinds_present: set[AgencyKind]) -> bool:
    """Quorate when the three safeguarding partners (LA, police, ICB) are each represented."""
    return all(kind in kinds_present for kind in PARTNER_KINDS)


def counted_kinds(status: MeetingStatus, members: Iterable[tuple[Attendance, AgencyKind | None]]) -> set[AgencyKind]:
    """The agency kinds that count towards quorum: present people once held, else invited or present."""
    counting = {Attendance.PRESENT} if status is MeetingStatus.HELD else {Attendance.PRESENT, Attendance.INVITED}
    return {kind for attendance, kind in members if kind is not None and attendance in counting}


def item_times(start: dt.time | None, durations: Sequence[int]) -> list[tuple[dt.time | None, dt.time | None]]:
    """Each item's (start, end): the meeting's start plus the durations of the items before it."""
    if start is None:
        return [(None, None)] * len(durations)
    base = dt.datetime.combine(dt.date(2000, 1, 1), start)
    times: list[tuple[dt.time | None, dt.time | None]] = []
    elapsed = 0
    for minutes in durations:
        begin = base + dt.timedelta(minutes=elapsed)
        elapsed += minutes
        times.append((begin.time(), (base + dt.timedelta(minutes=elapsed)).time()))
    return times


def long_date(day: dt.date) -> str:
    """"Fri 27 Nov 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def rapid_review_clock(clocks: Iterable[Clock]) -> Clock | None:
    return next((c for c in clocks if c.key == "rapid_review"), None)


def rapid_review_warning(clocks: Iterable[Clock], meeting_date: dt.date) -> str:
    """The warning for a case whose rapid review falls due before the meeting (and is not yet complete)."""
    clock = rapid_review_clock(clocks)
    if clock is None or clock.due_date is None or not clock.is_open or clock.due_date >= meeting_date:
        return ""
    return f"The rapid review is due {long_date(clock.due_date)}, before this meeting."


def decision_options(route: Route | None, kind: MeetingKind) -> tuple[Decision, ...]:
    """The decisions open to a case: by its route (as the workflow enforces), else by the kind of meeting."""
    if route is Route.LEARNING_REVIEW or (route is None and kind is MeetingKind.QAS):
        return LEARNING_REVIEW_DECISIONS
    return RAPID_REVIEW_DECISIONS


def pseudonyms(detail: ReferralDetail) -> str:
    """The children's pseudonyms ("Child N, Child N2"), never an identity."""
    return ", ".join(c.pseudonym for c in detail.children) or detail.reference


def _kind(value: MeetingKind | str) -> MeetingKind:
    try:
        return MeetingKind(value)
    except ValueError:
        raise UserError("kind", "choose a Rapid Review Panel or a QA&S group meeting") from None


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


# Values the UI sends ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseMeetingDTO:
    """One agenda item about a referral, as the case shows it: the meeting, the item, its decision and minutes."""

    meeting_id: int
    meeting_reference: str
    meeting_date: dt.date
    kind: MeetingKind
    item_id: int
    title: str
    decision: str
    minutes: str
    open_actions: int

    @property
    def id(self) -> int:  # the row id a table keeps
        return self.item_id

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    def minutes_excerpt(self, limit: int = 160) -> str:
        """The minutes on one line, cut at a word before ``limit`` characters with "…" when longer."""
        text = " ".join(self.minutes.split())
        if len(text) <= limit:
            return text
        cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
        return cut.rstrip(" ,;:.") + "…"


@dataclass(frozen=True)
class MeetingInput:
    """A new meeting. The reference is made from the kind and date ("RRP-2026-04-08") when left empty."""

    kind: MeetingKind
    meeting_date: dt.date | None
    start_time: dt.time | None = None
    place: str = ""
    online_link: str = ""
    chair_id: int | None = None
    notes: str = ""
    reference: str = ""
    #: People invited besides the chair (who is always a member).
    member_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class MeetingEdit:
    """The editable details of a meeting (its kind and reference are fixed: the calendar UID uses them)."""

    meeting_date: dt.date | None
    start_time: dt.time | None
    place: str
    online_link: str
    chair_id: int | None
    status: MeetingStatus
    notes: str = ""


@dataclass(frozen=True)
class ItemEdit:
    title: str
    duration_minutes: int
    presenter_id: int | None = None
    questions: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner_person_id: int | None = None
    due_date: dt.date | None = None
    done_date: dt.date | None = None


# Values the UI shows ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingListEntry:
    """A list row with the stored keys scripts need (``MeetingRow`` carries labels)."""

    row: MeetingRow
    kind: MeetingKind
    status: MeetingStatus
    place: str
    online_link: str


@dataclass(frozen=True)
class MemberDTO:
    id: int
    version: int
    person_id: int
    name: str
    role: str
    agency: str
    agency_kind: AgencyKind | None
    attendance: Attendance

    @property
    def attendance_label(self) -> str:
        return label(self.attendance)


@dataclass(frozen=True)
class PaperDTO:
    id: int
    filename: str
    size_bytes: int
    added_by: str
    added_at: dt.datetime

    @property
    def size_label(self) -> str:
        return _size(self.size_bytes)


@dataclass(frozen=True)
class ActionDTO:
    id: int
    version: int
    description: str
    owner_person_id: int | None
    owner: str
    due_date: dt.date | None
    done_date: dt.date | None


@dataclass(frozen=True)
class ItemDetail:
    id: int
    version: int
    position: int
    kind: AgendaItemKind
    title: str
    duration_minutes: int
    start_time: dt.time | None
    end_time: dt.time | None
    presenter_id: int | None
    presenter: str
    confidential: bool
    questions: str
    minutes: str
    decision: str
    papers: tuple[PaperDTO, ...] = ()
    actions: tuple[ActionDTO, ...] = ()
    referral_id: int | None = None
    #: The case's referral version as shown (a case decision is checked against it).
    referral_version: int | None = None
    referral_reference: str = ""
    #: The children's pseudonyms, for case items ("Child N, Child N2").
    pseudonyms: str = ""
    referral_status: str = ""
    referral_status_key: ReferralStatus | None = None
    #: The referral's decision, once recorded (shown at once after ``record_case_decision``).
    referral_decision: str = ""
    rapid_review_due: dt.date | None = None
    #: Set when the rapid review falls due before the meeting.
    warning: str = ""
    #: The decisions the workflow accepts for this case (empty for standing items).
    decision_options: tuple[Decision, ...] = ()

    @property
    def is_case(self) -> bool:
        return self.kind is AgendaItemKind.CASE

    def as_edit(self) -> ItemEdit:
        return ItemEdit(self.title, self.duration_minutes, self.presenter_id, self.questions, self.confidential)


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    version: int
    reference: str
    kind: MeetingKind
    meeting_date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    online_link: str
    chair_id: int | None
    chair: str
    status: MeetingStatus
    notes: str
    members: tuple[MemberDTO, ...]
    items: tuple[ItemDetail, ...]
    quorate: bool
    #: The partners (labels) not represented, when not quorate.
    missing_partners: tuple[str, ...]
    #: One line per case whose rapid review falls due before the meeting.
    warnings: tuple[str, ...]
    updated_by: str
    updated_at: dt.datetime

    @property
    def kind_label(self) -> str:
        return label(self.kind)

    @property
    def status_label(self) -> str:
        return label(self.status)

    @property
    def total_minutes(self) -> int:
        return sum(i.duration_minutes for i in self.items)

    def as_edit(self) -> MeetingEdit:
        return MeetingEdit(self.meeting_date, self.start_time, self.place, self.online_link, self.chair_id,
                           self.status, self.notes)


class _JoinedContext(ServiceContext):
    """A context whose units of work join an open session, so an action spanning two services (a case decision:
    the workflow's rule plus the agenda item's text) commits or rolls back as one."""

    def __init__(self, outer: ServiceContext, session: Session) -> None:
        super().__init__(outer.db, outer.user, outer.clock)
        self.session: Session | None = session

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        assert self.session is not None
        yield self.session
        self.session.flush()

    @contextmanager
    def read(self) -> Iterator[Session]:
        assert self.session is not None
        yield self.session


# The service -----------------------------------------------------------------------------------------------

class MeetingService:
    #: The largest paper accepted, in bytes (default 20 MB).
    max_paper_bytes: int = MAX_PAPER_BYTES

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # Reading --------------------------------------------------------------------------------------------
    def list_rows(self) -> list[MeetingRow]:
        return [entry.row for entry in self.list_entries()]

    def list_entries(self) -> list[MeetingListEntry]:
        """Every meeting, newest first, with its counts and quorum."""
        with self.ctx.read() as s:
            items = dict(s.execute(select(AgendaItem.meeting_id, func.count()).group_by(AgendaItem.meeting_id)).all())
            counts: dict[int, Counter[Attendance]] = defaultdict(Counter)
            members: dict[int, list[tuple[Attendance, AgencyKind | None]]] = defaultdict(list)
            for mid, attendance, kind in s.execute(
                    select(MeetingMember.meeting_id, MeetingMember.attendance, Agency.kind)
                    .join(Person, Person.id == MeetingMember.person_id)
                    .outerjoin(Agency, Agency.id == Person.agency_id)):
                counts[mid][attendance] += 1
                members[mid].append((attendance, kind))
            rows = s.execute(select(Meeting.id, Meeting.reference, Meeting.kind, Meeting.meeting_date,
                                    Meeting.start_time, Meeting.place, Meeting.online_link, Person.name,
                                    Meeting.status)
                             .outerjoin(Person, Person.id == Meeting.chair_id)
                             .order_by(Meeting.meeting_date.desc(), Meeting.id.desc())).all()
        return [MeetingListEntry(
            row=MeetingRow(id=mid, reference=ref, kind=label(kind), meeting_date=date, start_time=start,
                           place=place or ("Online" if link else ""), chair=chair or "",
                           items=items.get(mid, 0), present=counts[mid][Attendance.PRESENT],
                           apologies=counts[mid][Attendance.APOLOGIES],
                           quorate=status is not MeetingStatus.CANCELLED
                           and is_quorate(counted_kinds(status, members[mid])),
                           status=label(status)),
            kind=kind, status=status, place=place, online_link=link)
            for mid, ref, kind, date, start, place, link, chair, status in rows]

    def find(self, reference: str) -> int | None:
        """The id of the meeting with this reference (exact, else ignoring case), or ``None``."""
        text = reference.strip()
        if not storable(text):
            return None
        with self.ctx.read() as s:
            found = s.scalar(select(Meeting.id).where(Meeting.reference == text))
            if found is None:
                found = s.scalars(select(Meeting.id).where(func.lower(Meeting.reference) == text.lower())
                                  .order_by(Meeting.id)).first()
            return found

    def people(self) -> list[PersonDTO]:
        """The current people directory (members, chairs, presenters, action owners are chosen from it)."""
        return people(self.ctx)

    def get(self, meeting_id: int) -> MeetingDetail:
        with self.ctx.read() as s:
            meeting = s.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFoundError("meeting", meeting_id)
            names = dict(s.execute(select(Person.id, Person.name)).all())
            members = [MemberDTO(mid, version, pid, name, role, agency or "", kind, attendance)
                       for mid, version, pid, name, role, agency, kind, attendance in s.execute(
                           select(MeetingMember.id, MeetingMember.version, Person.id, Person.name, Person.role,
                                  Agency.name, Agency.kind, MeetingMember.attendance)
                           .join(Person, Person.id == MeetingMember.person_id)
                           .outerjoin(Agency, Agency.id == Person.agency_id)
                           .where(MeetingMember.meeting_id == meeting_id).order_by(Person.name, MeetingMember.id))]
            items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                                   .order_by(AgendaItem.position)))
            item_ids = [i.id for i in items]
            papers: dict[int, list[PaperDTO]] = defaultdict(list)
            actions: dict[int, list[ActionDTO]] = defaultdict(list)
            if item_ids:
                for pid, iid, filename, size, by, at in s.execute(
                        select(Paper.id, Paper.agenda_item_id, Paper.filename, Paper.size_bytes, Paper.created_by,
                               Paper.created_at).where(Paper.agenda_item_id.in_(item_ids)).order_by(Paper.id)):
                    papers[iid].append(PaperDTO(pid, filename, size, by, at))
                for a in s.scalars(select(MeetingAction).where(MeetingAction.agenda_item_id.in_(item_ids))
                                   .order_by(MeetingAction.id)):
                    actions[a.agenda_item_id].append(ActionDTO(
                        a.id, a.version, a.description, a.owner_person_id,
                        names.get(a.owner_person_id, "") if a.owner_person_id else "", a.due_date, a.done_date))
            kind, status, day, start = meeting.kind, meeting.status, meeting.meeting_date, meeting.start_time
            head = dict(id=meeting.id, version=meeting.version, reference=meeting.reference, kind=kind,
                        meeting_date=day, start_time=start, place=meeting.place, online_link=meeting.online_link,
                        chair_id=meeting.chair_id, chair=names.get(meeting.chair_id, "") if meeting.chair_id else "",
                        status=status, notes=meeting.notes, updated_by=meeting.updated_by,
                        updated_at=meeting.updated_at)
            rows = [(i.id, i.version, i.position, i.kind, i.title, i.duration_minutes, i.presenter_id,
                     i.confidential, i.questions, i.minutes, i.decision, i.referral_id) for i in items]
        cases = self._cases(r[11] for r in rows)
        times = item_times(start, [r[5] for r in rows])
        details: list[ItemDetail] = []
        warnings: list[str] = []
        for (iid, version, position, ikind, title, minutes_long, presenter_id, confidential, questions, minutes,
             decision, rid), (begin, end) in zip(rows, times, strict=True):
            item = ItemDetail(
                id=iid, version=version, position=position, kind=ikind, title=title, duration_minutes=minutes_long,
                start_time=begin, end_time=end, presenter_id=presenter_id,
                presenter=names.get(presenter_id, "") if presenter_id else "", confidential=confidential,
                questions=questions, minutes=minutes, decision=decision, papers=tuple(papers[iid]),
                actions=tuple(actions[iid]))
            case = cases.get(rid) if rid is not None else None
            if case is not None:
                clock = rapid_review_clock(case.clocks)
                warning = rapid_review_warning(case.clocks, day)
                item = _with_case(item, case, clock, warning, kind)
                if warning and clock is not None and clock.due_date is not None:  # a warning implies a due date
                    warnings.append(f"Item {position}, {item.pseudonyms} ({case.reference}): "
                                    f"the rapid review is due {long_date(clock.due_date)}, before this meeting")
            details.append(item)
        counted = counted_kinds(status, [(m.attendance, m.agency_kind) for m in members])
        missing = () if status is MeetingStatus.CANCELLED else tuple(
            label(k) for k in PARTNER_KINDS if k not in counted)
        return MeetingDetail(**head, end_time=times[-1][1] if times else None, members=tuple(members),
                             items=tuple(details),
                             quorate=status is not MeetingStatus.CANCELLED and is_quorate(counted),
                             missing_partners=missing, warnings=tuple(warnings))

    def _cases(self, referral_ids: Iterable[int | None]) -> dict[int, ReferralDetail]:
        """Each case's referral with its clocks, through the referral service (one rule, one place)."""
        referrals = ReferralService(self.ctx)
        found: dict[int, ReferralDetail] = {}
        for rid in referral_ids:
            if rid is not None and rid not in found:
                found[rid] = referrals.get(rid)
        return found

    def for_referral(self, referral_id: int) -> list[CaseMeetingDTO]:
        """Every meeting item about a referral, oldest meeting first, with its decision and minutes, so what
        was decided at the Panel or the QA&S group appears on the case. One query."""
        open_actions = (select(func.count(MeetingAction.id))
                        .where(MeetingAction.agenda_item_id == AgendaItem.id, MeetingAction.done_date.is_(None))
                        .correlate(AgendaItem).scalar_subquery())
        with self.ctx.read() as s:
            rows = s.execute(select(Meeting.id, Meeting.reference, Meeting.meeting_date, Meeting.kind, AgendaItem.id,
                                    AgendaItem.title, AgendaItem.decision, AgendaItem.minutes, open_actions)
                             .join(Meeting, Meeting.id == AgendaItem.meeting_id)
                             .where(AgendaItem.referral_id == referral_id)
                             .order_by(Meeting.meeting_date, Meeting.id, AgendaItem.position)).all()
        return [CaseMeetingDTO(mid, ref, day, kind, iid, title, decision or "", minutes or "", int(n or 0))
                for mid, ref, day, kind, iid, title, decision, minutes, n in rows]

    def suggested_referrals(self, meeting_id: int) -> list[ReferralRow]:
        """Referrals awaiting this kind of meeting's decision and not yet on its agenda, soonest clock first."""
        with self.ctx.read() as s:
            kind = s.scalar(select(Meeting.kind).where(Meeting.id == meeting_id))
            if kind is None:
                raise NotFoundError("meeting", meeting_id)
            listed = set(s.scalars(select(AgendaItem.referral_id).where(AgendaItem.meeting_id == meeting_id,
                                                                        AgendaItem.referral_id.is_not(None))))
        wanted = {str(status) for status in AWAITING[kind]}
        rows = [r for r in ReferralService(self.ctx).list_rows() if r.status_key in wanted and r.id not in listed]
        return sorted(rows, key=lambda r: (r.next_due is None, r.next_due or dt.date.max, r.reference))

    def paper_content(self, paper_id: int) -> tuple[str, bytes]:
        """A paper's file name and bytes (to open or save it)."""
        with self.ctx.read() as s:
            row = s.execute(select(Paper.filename, Paper.content).where(Paper.id == paper_id)).one_or_none()
        if row is None:
            raise NotFoundError("paper", paper_id)
        return row[0], row[1]

    # Meetings -------------------------------------------------------------------------------------------
    def create(self, data: MeetingInput) -> tuple[int, Changes]:
        kind = _kind(data.kind)
        with self.ctx.unit_of_work() as s:
            values = self._details(s, data.meeting_date, data.start_time, data.place, data.online_link, data.chair_id,
                                   MeetingStatus.PLANNED, data.notes)
            reference = self._reference(s, data.reference, kind, values["meeting_date"])
            meeting = Meeting(reference=reference, kind=kind, **values)
            s.add(meeting)
            s.flush()
            wanted = list(dict.fromkeys((*([data.chair_id] if data.chair_id else []), *data.member_ids)))
            self._check_people(s, wanted, "members")
            s.add_all(MeetingMember(meeting_id=meeting.id, person_id=pid, attendance=Attendance.INVITED)
                      for pid in wanted)
            s.flush()
            return meeting.id, Changes.of("meeting", meeting.id)

    def copy(self, meeting_id: int, *, meeting_date: dt.date | None, start_time: dt.time | None = None,
             reference: str = "") -> tuple[int, Changes]:
        """A new meeting from a previous one: same kind, place, link, chair, members (invited again) and standing
        items; the new date (and start time, else the old one); no case items, minutes, decisions or papers."""
        with self.ctx.unit_of_work() as s:
            old = s.get(Meeting, meeting_id)
            if old is None:
                raise NotFoundError("meeting", meeting_id)
            current = set(s.scalars(select(Person.id).where(Person.retired_on.is_(None))))
            chair = old.chair_id if old.chair_id in current else None
            values = self._details(s, meeting_date, start_time or old.start_time, old.place, old.online_link, chair,
                                   MeetingStatus.PLANNED, "")
            new = Meeting(reference=self._reference(s, reference, old.kind, values["meeting_date"]), kind=old.kind,
                          **values)
            s.add(new)
            s.flush()
            person_ids = s.scalars(select(MeetingMember.person_id).where(MeetingMember.meeting_id == meeting_id)
                                   .order_by(MeetingMember.id))
            s.add_all(MeetingMember(meeting_id=new.id, person_id=pid, attendance=Attendance.INVITED)
                      for pid in person_ids if pid in current)
            standing = s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id,
                                                          AgendaItem.kind == AgendaItemKind.STANDING)
                                 .order_by(AgendaItem.position))
            s.add_all(AgendaItem(meeting_id=new.id, position=n, kind=AgendaItemKind.STANDING, title=i.title,
                                 duration_minutes=i.duration_minutes, questions=i.questions,
                                 presenter_id=i.presenter_id if i.presenter_id in current else None,
                                 confidential=i.confidential)
                      for n, i in enumerate(standing, start=1))
            s.flush()
            return new.id, Changes.of("meeting", new.id)

    def update(self, meeting_id: int, expected_version: int, data: MeetingEdit) -> Changes:
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            values = self._details(s, data.meeting_date, data.start_time, data.place, data.online_link,
                                   data.chair_id, data.status, data.notes, keep_chair=meeting.chair_id)
            day = values["meeting_date"]
            if day > self.ctx.today() and day != meeting.meeting_date:
                self._nobody_present(s, meeting_id, "meeting_date", f"the meeting cannot be moved to "
                                     f"{day:%d/%m/%Y}, which is in the future")
                decided = s.scalar(select(func.count()).select_from(AgendaItem).where(
                    AgendaItem.meeting_id == meeting_id, AgendaItem.decision != "")) or 0
                if decided:
                    raise UserError("meeting_date", f"{decided} decision{'s were' if decided != 1 else ' was'} "
                                    f"recorded at this meeting, so it cannot be moved to {day:%d/%m/%Y}, which is "
                                    "in the future; check the date")
            if values["status"] is MeetingStatus.CANCELLED and meeting.status is not MeetingStatus.CANCELLED:
                self._nobody_present(s, meeting_id, "status", "the meeting cannot be marked cancelled")
            for key, value in values.items():
                setattr(meeting, key, value)
            return Changes.of("meeting", meeting_id)

    def add_members(self, meeting_id: int, expected_version: int, person_ids: Iterable[int], *,
                    attendance: Attendance = Attendance.INVITED) -> Changes:
        wanted = list(dict.fromkeys(person_ids))
        attendance = self._attendance(attendance)
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            self._present_possible(meeting, attendance)
            self._check_people(s, wanted, "members")
            already = set(s.scalars(select(MeetingMember.person_id).where(MeetingMember.meeting_id == meeting_id)))
            s.add_all(MeetingMember(meeting_id=meeting_id, person_id=pid, attendance=attendance)
                      for pid in wanted if pid not in already)
            self._touch(meeting)
            return Changes.of("meeting", meeting_id)

    def remove_member(self, meeting_id: int, expected_version: int, person_id: int) -> Changes:
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            s.delete(self._member(s, meeting_id, person_id))
            self._touch(meeting)
            return Changes.of("meeting", meeting_id)

    def set_attendance(self, meeting_id: int, expected_version: int, person_id: int,
                       attendance: Attendance) -> Changes:
        """Record a member's attendance or apologies. "Present" only once the meeting's day has come (and not
        for a cancelled meeting); apologies can be recorded ahead."""
        attendance = self._attendance(attendance)
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            self._present_possible(meeting, attendance)
            self._member(s, meeting_id, person_id).attendance = attendance
            self._touch(meeting)
            return Changes.of("meeting", meeting_id)

    # The agenda -----------------------------------------------------------------------------------------
    def add_case(self, meeting_id: int, expected_version: int, referral_id: int, *,
                 duration_minutes: int | None = None, presenter_id: int | None = None, questions: str = "",
                 confidential: bool = False, position: int | None = None) -> tuple[int, Changes]:
        """Add a referral awaiting this meeting's decision (see ``suggested_referrals``). It goes before a
        closing "Any other business" unless ``position`` says where."""
        detail = ReferralService(self.ctx).get(referral_id)
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            return self._add_case(s, meeting, detail, ItemEdit("", duration_minutes or 0, presenter_id, questions,
                                                               confidential), position,
                                  default_minutes=duration_minutes is None)

    def add_cases(self, meeting_id: int, expected_version: int, referral_ids: Iterable[int]) -> Changes:
        """Add several waiting referrals in one go (one save, checked once against the meeting's version)."""
        referrals = ReferralService(self.ctx)
        details = [referrals.get(rid) for rid in dict.fromkeys(referral_ids)]
        changes = Changes()
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            for detail in details:
                changes = changes | self._add_case(s, meeting, detail, ItemEdit("", 0), None,
                                                   default_minutes=True)[1]
        return changes

    def _add_case(self, s: Session, meeting: Meeting, detail: ReferralDetail, edit: ItemEdit, position: int | None,
                  *, default_minutes: bool) -> tuple[int, Changes]:
        status = s.scalar(select(Referral.status).where(Referral.id == detail.id))  # now, not when read
        if status not in AWAITING[meeting.kind]:
            raise UserError("referral", f"{detail.reference} is '{label(status)}': a {label(meeting.kind)} "
                                        "considers referrals " + _awaiting_text(meeting.kind))
        if s.scalar(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                                AgendaItem.referral_id == detail.id)) is not None:
            raise UserError("referral", f"{detail.reference} is already on this agenda")
        is_rr = detail.route_key is Route.RAPID_REVIEW or meeting.kind is MeetingKind.RAPID_REVIEW_PANEL
        title = f"{pseudonyms(detail)}: {'rapid review' if is_rr else 'referral for a learning review'}"
        minutes = DEFAULT_CASE_MINUTES[meeting.kind] if default_minutes else edit.duration_minutes
        item = AgendaItem(meeting_id=meeting.id, kind=AgendaItemKind.CASE, referral_id=detail.id,
                          **self._item_values(s, replace(edit, title=title[:300], duration_minutes=minutes)))
        return self._insert(s, meeting, item, position)

    def add_standing_item(self, meeting_id: int, expected_version: int, title: str, *,
                          duration_minutes: int | None = None, presenter_id: int | None = None,
                          position: int | None = None) -> tuple[int, Changes]:
        """A standing item (see ``STANDING_ITEMS`` for the usual ones), at the end unless ``position`` is given."""
        minutes = STANDING_ITEMS.get(title.strip(), 10) if duration_minutes is None else duration_minutes
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            item = AgendaItem(meeting_id=meeting_id, kind=AgendaItemKind.STANDING,
                              **self._item_values(s, ItemEdit(title, minutes, presenter_id)))
            return self._insert(s, meeting, item, position, keep_last=title.strip().casefold() not in _LAST_ITEMS)

    def add_standing_items(self, meeting_id: int, expected_version: int) -> Changes:
        """Add whichever of the usual standing items the agenda lacks, in their usual places."""
        with self.ctx.unit_of_work() as s:
            meeting = self._meeting(s, meeting_id, expected_version)
            items = self._items(s, meeting_id)
            have = {i.title.strip().casefold() for i in items if i.kind is AgendaItemKind.STANDING}
            first, log, last = STANDING_ITEMS
            order = [i.id for i in items]
            new: list[tuple[int, AgendaItem]] = []
            lead = [t for t in (first, log) if t.casefold() not in have]
            for n, title in enumerate(lead):
                new.append((n + 1, AgendaItem(meeting_id=meeting_id, kind=AgendaItemKind.STANDING, title=title,
                                              duration_minutes=STANDING_ITEMS[title], position=0)))
            wanted = {iid: n for n, iid in enumerate(order, start=len(lead) + 1)}
            if last.casefold() not in have:
                new.append((len(lead) + len(order) + 1, AgendaItem(
                    meeting_id=meeting_id, kind=AgendaItemKind.STANDING, title=last,
                    duration_minutes=STANDING_ITEMS[last], position=0)))
            self._set_positions(s, {i.id: i.position for i in items}, wanted)
            for position, item in new:
                item.position = position
                s.add(item)
            self._touch(meeting)
            s.flush()
            return Changes.of("meeting", meeting_id)

    def move_item(self, item_id: int, expected_version: int, position: int) -> Changes:
        """Move an item to ``position`` (1 = first); the others close up, positions stay 1..n. The order is the
        meeting's: ``expected_version`` is the *meeting's* version the user saw."""
        with self.ctx.unit_of_work() as s:
            meeting_id = self._meeting_of(s, item_id)
            meeting = self._meeting(s, meeting_id, expected_version)
            items = self._items(s, meeting_id)
            if not 1 <= position <= len(items):
                raise UserError("position", f"choose a position from 1 to {len(items)}")
            order = [i.id for i in items if i.id != item_id]
            order.insert(position - 1, item_id)
            self._set_positions(s, {i.id: i.position for i in items},
                                {iid: n for n, iid in enumerate(order, start=1)})
            self._touch(meeting)
            return Changes.of("meeting", meeting_id) | Changes.of("agenda_item", *order)

    def remove_item(self, item_id: int, expected_version: int) -> Changes:
        """Take an item off the agenda, with its papers, minutes and actions; the rest close up. Checked against
        the *meeting's* version the user saw (``expected_version``)."""
        with self.ctx.unit_of_work() as s:
            meeting_id = self._meeting_of(s, item_id)
            meeting = self._meeting(s, meeting_id, expected_version)
            # The papers (content not loaded) and actions go with the item, each deletion audited.
            item = s.scalars(select(AgendaItem).where(AgendaItem.id == item_id).options(
                selectinload(AgendaItem.papers).defer(Paper.content), selectinload(AgendaItem.actions))).one()
            rest = [i for i in self._items(s, meeting_id) if i.id != item_id]
            s.delete(item)
            s.flush()
            self._set_positions(s, {i.id: i.position for i in rest},
                                {i.id: n for n, i in enumerate(rest, start=1)})
            self._touch(meeting)
            return Changes.of("meeting", meeting_id) | Changes.of("agenda_item", item_id)

    def update_item(self, item_id: int, expected_version: int, data: ItemEdit) -> Changes:
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, expected_version)
            for key, value in self._item_values(s, data).items():
                setattr(item, key, value)
            return Changes.of("agenda_item", item_id) | Changes.of("meeting", item.meeting_id)

    # Papers ---------------------------------------------------------------------------------------------
    def attach_paper(self, item_id: int, filename: str, content: bytes) -> tuple[int, Changes]:
        """Attach a PDF paper to an item, stored in the database (so a shared team sees it). Adds a paper,
        replaces nothing: no version asked (the item's version moves, so its editors are told)."""
        name = _paper_name(filename)
        self._check_paper(name, len(content), content[:_PDF_MAGIC_WITHIN + len(_PDF_MAGIC)])
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, UNCHECKED)
            paper = Paper(agenda_item_id=item_id, filename=name, size_bytes=len(content), content=bytes(content))
            s.add(paper)
            self._touch(item)
            s.flush()
            return paper.id, Changes.of("paper", paper.id) | Changes.of("agenda_item", item_id) \
                | Changes.of("meeting", item.meeting_id)

    def attach_paper_file(self, item_id: int, path: str | Path) -> tuple[int, Changes]:
        """Attach the PDF at ``path``; its size is checked before it is read."""
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > self.max_paper_bytes:
                self._check_paper(path.name, size, b"")
            content = path.read_bytes()
        except OSError as exc:
            raise UserError("paper", f"{path.name} cannot be read ({exc.strerror or exc}); check the file and "
                                     "try again") from exc
        return self.attach_paper(item_id, path.name, content)

    def remove_paper(self, paper_id: int, expected_version: int) -> Changes:
        """Remove a paper, checked against its *agenda item's* version the user saw (``expected_version``)."""
        with self.ctx.unit_of_work() as s:
            paper = s.scalars(select(Paper).where(Paper.id == paper_id).options(defer(Paper.content))).one_or_none()
            if paper is None:
                raise NotFoundError("paper", paper_id)
            item = self._item(s, paper.agenda_item_id, expected_version)
            s.delete(paper)
            self._touch(item)
            return Changes.of("paper", paper_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    def _check_paper(self, name: str, size: int, head: bytes) -> None:
        limit = self.max_paper_bytes
        if size > limit:
            raise UserError("paper", f"{name} is {_size(size)}; a paper can be at most {_size(limit)}. Make it "
                                     "smaller (save or print it to PDF at a lower image quality) or split it "
                                     "into parts, then attach it again")
        if size == 0:
            raise UserError("paper", f"{name} is empty; choose the saved PDF file")
        if _PDF_MAGIC not in head[:_PDF_MAGIC_WITHIN + len(_PDF_MAGIC)]:
            raise UserError("paper", f"{name} is not a PDF file; save or print the paper as PDF, then attach "
                                     "the .pdf file")

    # Minutes, decisions and actions --------------------------------------------------------------------
    def record_minutes(self, item_id: int, expected_version: int, *, minutes: str,
                       decision: str | None = None) -> Changes:
        """The item's minutes and (when given) its decision text. A case's decision on the referral goes
        through ``record_case_decision``."""
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, expected_version)
            item.minutes = (minutes or "").strip()
            if decision is not None:
                item.decision = decision.strip()
            return Changes.of("agenda_item", item_id) | Changes.of("meeting", item.meeting_id)

    def record_case_decision(self, item_id: int, decision: Decision, decision_date: dt.date | None, rationale: str,
                             criteria: Criteria | None, *, expected_version: int, referral_version: int,
                             confirmed: bool = False) -> Changes:
        """Decide a case item's referral through the workflow (its rules, its follow-on review) and write the
        decision as the item's decision text, in one transaction. ``expected_version`` is the item's version the
        user saw, ``referral_version`` the referral's (``ItemDetail.referral_version``): both are checked.

        The decision date defaults to the meeting's date (today, for a meeting not yet held). A meeting in the
        future or not quorate raises NeedsConfirmation (with the workflow's own reasons) unless ``confirmed``;
        a cancelled meeting is refused."""
        today = self.ctx.today()
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, expected_version)
            if item.kind is not AgendaItemKind.CASE or item.referral_id is None:
                raise UserError("decision", "this is a standing item; record its decision as text with the minutes")
            meeting = s.get(Meeting, item.meeting_id)
            assert meeting is not None  # the item's foreign key
            if meeting.status is MeetingStatus.CANCELLED:
                raise UserError("decision", "this meeting was cancelled; record the decision at the meeting where "
                                            "it was made")
            when = decision_date or min(meeting.meeting_date, today)
            joined = _JoinedContext(self.ctx, s)
            changes = WorkflowService(joined).decide(item.referral_id, referral_version, decision=decision,
                                                     decision_date=when, rationale=rationale,
                                                     criteria=criteria, confirmed=confirmed,
                                                     also_confirm=self._decision_concerns(s, meeting, today))
            item.decision = f"{DECISION_TEXT[Decision(decision)]} ({when:%d/%m/%Y}). {rationale.strip()}"
            return changes | Changes.of("agenda_item", item_id) | Changes.of("meeting", item.meeting_id)

    def add_action(self, item_id: int, data: ActionInput) -> tuple[int, Changes]:
        """Add an action to an item: adds, replaces nothing, so no version is asked."""
        with self.ctx.unit_of_work() as s:
            item = self._item(s, item_id, UNCHECKED)
            action = MeetingAction(agenda_item_id=item_id, **self._action_values(s, data))
            s.add(action)
            self._touch(item)
            s.flush()
            return action.id, Changes.of("meeting_action", action.id) | Changes.of("agenda_item", item_id) \
                | Changes.of("meeting", item.meeting_id)

    def update_action(self, action_id: int, expected_version: int, data: ActionInput) -> Changes:
        with self.ctx.unit_of_work() as s:
            action = self._action(s, action_id, expected_version)
            for key, value in self._action_values(s, data).items():
                setattr(action, key, value)
            item = self._item(s, action.agenda_item_id, UNCHECKED)
            self._touch(item)
            return Changes.of("meeting_action", action_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    def complete_action(self, action_id: int, expected_version: int, done_date: dt.date | None) -> Changes:
        """Mark an action done (``None`` reopens it), checked against the action's version the user saw."""
        with self.ctx.unit_of_work() as s:
            action = self._action(s, action_id, expected_version)
            action.done_date = self._done(done_date)
            item = self._item(s, action.agenda_item_id, UNCHECKED)
            self._touch(item)
            return Changes.of("meeting_action", action_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    def remove_action(self, action_id: int, expected_version: int) -> Changes:
        """Remove an action, checked against its version the user saw."""
        with self.ctx.unit_of_work() as s:
            action = self._action(s, action_id, expected_version)
            item = self._item(s, action.agenda_item_id, UNCHECKED)
            s.delete(action)
            self._touch(item)
            return Changes.of("meeting_action", action_id) | Changes.of("agenda_item", item.id) \
                | Changes.of("meeting", item.meeting_id)

    # Internals ------------------------------------------------------------------------------------------
    def _lock(self, stmt: Any) -> Any:
        return stmt if self.ctx.db.is_sqlite else stmt.with_for_update()

    def _meeting(self, s: Session, meeting_id: int, expected_version: int | None) -> Meeting:
        meeting = s.scalars(self._lock(select(Meeting).where(Meeting.id == meeting_id))).one_or_none()
        if meeting is None:
            raise NotFoundError("meeting", meeting_id)
        if expected_version is not UNCHECKED and meeting.version != expected_version:
            raise ConflictError("meeting", meeting_id, meeting.updated_by, f"{meeting.updated_at:%d/%m/%Y %H:%M} UTC")
        return meeting

    def _item(self, s: Session, item_id: int, expected_version: int | None) -> AgendaItem:
        item = s.scalars(self._lock(select(AgendaItem).where(AgendaItem.id == item_id))).one_or_none()
        if item is None:
            raise NotFoundError("agenda item", item_id)
        if expected_version is not UNCHECKED and item.version != expected_version:
            raise ConflictError("agenda item", item_id, item.updated_by, f"{item.updated_at:%d/%m/%Y %H:%M} UTC")
        return item

    def _action(self, s: Session, action_id: int, expected_version: int | None) -> MeetingAction:
        action = s.scalars(self._lock(select(MeetingAction).where(MeetingAction.id == action_id))).one_or_none()
        if action is None:
            raise NotFoundError("action", action_id)
        if expected_version is not UNCHECKED and action.version != expected_version:
            raise ConflictError("action", action_id, action.updated_by, f"{action.updated_at:%d/%m/%Y %H:%M} UTC")
        return action

    @staticmethod
    def _meeting_of(s: Session, item_id: int) -> int:
        meeting_id = s.scalar(select(AgendaItem.meeting_id).where(AgendaItem.id == item_id))
        if meeting_id is None:
            raise NotFoundError("agenda item", item_id)
        return meeting_id

    @staticmethod
    def _items(s: Session, meeting_id: int) -> list[AgendaItem]:
        return list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                              .order_by(AgendaItem.position)))

    @staticmethod
    def _member(s: Session, meeting_id: int, person_id: int) -> MeetingMember:
        member = s.scalars(select(MeetingMember).where(MeetingMember.meeting_id == meeting_id,
                                                       MeetingMember.person_id == person_id)).one_or_none()
        if member is None:
            raise UserError("member", "this person is not a member of the meeting; add them first")
        return member

    def _touch(self, row: Meeting | AgendaItem) -> None:
        """A change to a part moves the whole's version (and says who), so a stale editor is told."""
        row.updated_at = utcnow()
        row.updated_by = self.ctx.user

    @staticmethod
    def _decision_concerns(s: Session, meeting: Meeting, today: dt.date) -> list[str]:
        """Why a decision recorded at ``meeting`` should be confirmed: not held yet, or not quorate."""
        reasons = []
        if meeting.meeting_date > today:
            reasons.append(f"the meeting is on {long_date(meeting.meeting_date)}, which has not happened yet")
        counted = counted_kinds(meeting.status, s.execute(
            select(MeetingMember.attendance, Agency.kind).join(Person, Person.id == MeetingMember.person_id)
            .outerjoin(Agency, Agency.id == Person.agency_id).where(MeetingMember.meeting_id == meeting.id)).all())
        if not is_quorate(counted):
            missing = ", ".join(label(k) for k in PARTNER_KINDS if k not in counted)
            reasons.append(f"the meeting is not quorate: {missing} not represented")
        return reasons

    def _present_possible(self, meeting: Meeting, attendance: Attendance) -> None:
        if attendance is not Attendance.PRESENT:
            return
        if meeting.status is MeetingStatus.CANCELLED:
            raise UserError("attendance", "the meeting was cancelled, so nobody can have been present; record "
                                          "apologies or absent, or change the meeting's status first")
        if meeting.meeting_date > self.ctx.today():
            raise UserError("attendance", f"the meeting is on {meeting.meeting_date:%d/%m/%Y}, which has not "
                                          "happened yet: record who was present on or after that day (apologies "
                                          "can be recorded now)")

    @staticmethod
    def _nobody_present(s: Session, meeting_id: int, field: str, what: str) -> None:
        present = s.scalar(select(func.count()).select_from(MeetingMember).where(
            MeetingMember.meeting_id == meeting_id, MeetingMember.attendance == Attendance.PRESENT)) or 0
        if present:
            raise UserError(field, f"{present} member{'s are' if present != 1 else ' is'} recorded as present, so "
                                   f"{what}; check the date, or change their attendance first")

    @staticmethod
    def _attendance(value: Attendance | str) -> Attendance:
        try:
            return Attendance(value)
        except ValueError:
            raise UserError("attendance", "choose invited, present, apologies or absent") from None

    @staticmethod
    def _set_positions(s: Session, current: dict[int, int], wanted: dict[int, int]) -> None:
        """Renumber items without ever holding two at one position (UniqueConstraint(meeting_id, position) is
        checked row by row on SQLite and PostgreSQL): the moving ones step aside to negative positions, then
        take their places. Plain SQL, so the items' versions do not move; the changes are audited here."""
        changed = {iid: p for iid, p in wanted.items() if current[iid] != p}
        if not changed:
            return
        table = AgendaItem.__table__
        s.flush()
        s.execute(update(table).where(table.c.id.in_(sorted(changed))).values(position=-table.c.position))
        s.execute(update(table).where(table.c.id == bindparam("item_id")).values(position=bindparam("new_position")),
                  [{"item_id": iid, "new_position": p} for iid, p in changed.items()])
        for iid, p in changed.items():
            audit_record(s, AuditAction.UPDATE, "agenda_item", iid, "position", current[iid], p)
        for obj in list(s.identity_map.values()):
            if isinstance(obj, AgendaItem) and obj.id in changed:
                s.expire(obj, ["position"])

    def _insert(self, s: Session, meeting: Meeting, item: AgendaItem, position: int | None, *,
                keep_last: bool = True) -> tuple[int, Changes]:
        items = self._items(s, meeting.id)
        n = len(items)
        if position is None:
            position = n + 1
            if keep_last and items and items[-1].kind is AgendaItemKind.STANDING \
                    and items[-1].title.strip().casefold() in _LAST_ITEMS:
                position = n
        elif not 1 <= position <= n + 1:
            raise UserError("position", f"choose a position from 1 to {n + 1}")
        self._set_positions(s, {i.id: i.position for i in items},
                            {i.id: k if k < position else k + 1 for k, i in enumerate(items, start=1)})
        item.position = position
        s.add(item)
        self._touch(meeting)
        s.flush()
        return item.id, Changes.of("agenda_item", item.id) | Changes.of("meeting", meeting.id)

    def _item_values(self, s: Session, data: ItemEdit) -> dict[str, Any]:
        errors: list[UserError] = []
        title = (data.title or "").strip()
        if not title:
            errors.append(UserError("title", "enter the item's title"))
        elif len(title) > 300:
            errors.append(UserError("title", "keep the title under 300 characters"))
        minutes = data.duration_minutes
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= MAX_ITEM_MINUTES:
            errors.append(UserError("duration_minutes", f"enter the item's length in minutes, from 1 to "
                                                        f"{MAX_ITEM_MINUTES}"))
        try:
            self._check_people(s, [data.presenter_id] if data.presenter_id is not None else [], "presenter")
        except UserError as exc:
            errors.append(exc)
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        return {"title": title, "duration_minutes": minutes, "presenter_id": data.presenter_id,
                "questions": (data.questions or "").strip(), "confidential": bool(data.confidential)}

    def _action_values(self, s: Session, data: ActionInput) -> dict[str, Any]:
        errors: list[UserError] = []
        description = (data.description or "").strip()
        if not description:
            errors.append(UserError("description", "say what is to be done"))
        try:
            self._check_people(s, [data.owner_person_id] if data.owner_person_id is not None else [], "owner")
        except UserError as exc:
            errors.append(exc)
        try:
            done = self._done(data.done_date)
        except UserError as exc:
            errors.append(exc)
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        return {"description": description, "owner_person_id": data.owner_person_id, "due_date": data.due_date,
                "done_date": done}

    def _done(self, done_date: dt.date | None) -> dt.date | None:
        if done_date is not None and done_date > self.ctx.today():
            raise UserError("done_date", f"{done_date:%d/%m/%Y} is in the future; enter the date it was done")
        return done_date

    @staticmethod
    def _check_people(s: Session, person_ids: Sequence[int], what: str) -> None:
        if not person_ids:
            return
        found = dict(s.execute(select(Person.id, Person.retired_on).where(Person.id.in_(person_ids))).all())
        if len(found) != len(set(person_ids)):
            raise UserError(what, "one of the chosen people is no longer in the directory; choose again")
        if any(found[pid] is not None for pid in person_ids):
            raise UserError(what, "one of the chosen people has left (retired in the directory); choose someone "
                                  "current")

    def _details(self, s: Session, meeting_date: dt.date | None, start_time: dt.time | None, place: str,
                 online_link: str, chair_id: int | None, status: MeetingStatus | str, notes: str, *,
                 keep_chair: int | None = None) -> dict[str, Any]:
        errors: list[UserError] = []
        if meeting_date is None:
            errors.append(UserError("meeting_date", "enter the date of the meeting"))
        try:
            status = MeetingStatus(status)
        except ValueError:
            errors.append(UserError("status", "choose planned, held or cancelled"))
            status = MeetingStatus.PLANNED
        if status is MeetingStatus.HELD and meeting_date is not None and meeting_date > self.ctx.today():
            errors.append(UserError("status", f"the meeting is on {meeting_date:%d/%m/%Y}, so it cannot have been "
                                              "held yet; leave it planned"))
        place = (place or "").strip()
        if len(place) > 300:
            errors.append(UserError("place", "keep the place under 300 characters"))
        link = (online_link or "").strip()
        if link and (not re.match(r"^https?://\S+$", link, re.IGNORECASE) or len(link) > 1000):
            errors.append(UserError("online_link", "enter the whole meeting link, starting https:// (no spaces), "
                                                   "or leave it empty"))
        if chair_id is not None and chair_id != keep_chair:
            try:
                self._check_people(s, [chair_id], "chair")
            except UserError as exc:
                errors.append(exc)
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        return {"meeting_date": meeting_date, "start_time": start_time, "place": place, "online_link": link,
                "chair_id": chair_id, "status": status, "notes": (notes or "").strip()}

    @staticmethod
    def _reference(s: Session, wanted: str, kind: MeetingKind, day: dt.date) -> str:
        text = (wanted or "").strip()
        if text:
            if len(text) > 40:
                raise UserError("reference", "keep the reference under 40 characters")
            require_storable("reference", text)
            if s.scalar(select(Meeting.id).where(Meeting.reference == text)) is not None:
                raise UserError("reference", f"{text} is already used by another meeting; choose another")
            return text
        base = f"{'RRP' if kind is MeetingKind.RAPID_REVIEW_PANEL else 'QAS'}-{day.isoformat()}"
        taken = set(s.scalars(select(Meeting.reference).where(Meeting.reference.like(f"{base}%"))))
        n, reference = 1, base
        while reference in taken:
            n += 1
            reference = f"{base}-{n}"
        return reference


def _awaiting_text(kind: MeetingKind) -> str:
    return ", ".join(f"'{label(s)}'" for s in sorted(AWAITING[kind], key=list(ReferralStatus).index))


def _paper_name(filename: str) -> str:
    name = re.split(r"[\\/]", (filename or "").strip())[-1].strip()
    if not name:
        raise UserError("paper", "the paper has no file name; choose the PDF file again")
    if len(name) > 255:
        stem, suffix = PurePath(name).stem, PurePath(name).suffix[:20]
        name = stem[: 255 - len(suffix)] + suffix
    return name


def _with_case(item: ItemDetail, case: ReferralDetail, clock: Clock | None, warning: str,
               kind: MeetingKind) -> ItemDetail:
    return replace(item, referral_id=case.id, referral_version=case.version,
                   referral_reference=case.reference, pseudonyms=pseudonyms(case),
                   referral_status=case.status, referral_status_key=case.status_key, referral_decision=case.decision,
                   rapid_review_due=clock.due_date if clock is not None else None, warning=warning,
                   decision_options=decision_options(case.route_key, kind))


def record_case_decision(ctx: ServiceContext, item_id: int, decision: Decision, decision_date: dt.date | None,
                         rationale: str, criteria: Criteria | None, *, expected_version: int, referral_version: int
                         ) -> Changes:
    """Module-level form of ``MeetingService.record_case_decision``."""
    return MeetingService(ctx).record_case_decision(item_id, decision, decision_date, rationale, criteria,
                                                    expected_version=expected_version,
                                                    referral_version=referral_version)


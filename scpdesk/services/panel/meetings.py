"""Rapid Review Panel and QA&S meetings: the list with quorum, a meeting's screen, its details and members.

The agenda and its papers live in ``agenda.py``, minutes, decisions and actions in ``minutes.py``, the rules
(quorum, standing items, decisions open to a case) in ``meeting_rules.py`` and the values in ``meeting_dto.py``;
``MeetingService`` carries every method, and every public name stays importable from here. The versions each
write checks are described in ``meeting_base.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...errors import NotFoundError, UserError, ValidationErrors
from ...models import Agency, AgendaItem, Meeting, MeetingAction, MeetingMember, Person
from ...models.enums import (
    AgencyKind,
    AgendaItemKind,
    Attendance,
    MeetingKind,
    MeetingStatus,
)
from ...models.validation import require_storable, storable
from ..dto import CaseMeetingDTO, Changes, MeetingRow
from ..organisation.directory import PersonDTO, people
from ..quorum import counted_kinds, is_quorate
from .agenda import AgendaService
from .meeting_base import _JoinedContext
from .meeting_dto import (
    ActionDTO,
    ActionInput,
    ItemDetail,
    ItemEdit,
    MeetingDetail,
    MeetingEdit,
    MeetingInput,
    MeetingListEntry,
    MemberDTO,
    PaperDTO,
)
from .meeting_reads import MeetingScreen, meeting_screen
from .meeting_rules import (
    AWAITING,
    DECISION_TEXT,
    DEFAULT_CASE_MINUTES,
    MAX_ITEM_MINUTES,
    MAX_PAPER_BYTES,
    STANDING_ITEMS,
    decision_options,
    item_times,
    long_date,
    pseudonyms,
    rapid_review_clock,
    rapid_review_warning,
)
from .minutes import MinutesService, record_case_decision

__all__ = [
    "AWAITING", "DECISION_TEXT", "DEFAULT_CASE_MINUTES", "MAX_ITEM_MINUTES", "MAX_PAPER_BYTES", "STANDING_ITEMS",
    "ActionDTO", "ActionInput", "AgendaService", "CaseMeetingDTO", "ItemDetail", "ItemEdit", "MeetingDetail",
    "MeetingEdit", "MeetingInput", "MeetingListEntry", "MeetingScreen", "MeetingService", "MemberDTO",
    "MinutesService", "PaperDTO",
    "_JoinedContext", "counted_kinds", "decision_options", "is_quorate", "item_times", "long_date", "pseudonyms",
    "rapid_review_clock", "rapid_review_warning", "record_case_decision",
]


def _kind(value: MeetingKind | str) -> MeetingKind:
    try:
        return MeetingKind(value)
    except ValueError:
        raise UserError("kind", "choose a Rapid Review Panel or a QA&S group meeting") from None


class MeetingService(AgendaService, MinutesService):
    """Meetings and their members; with the agenda and papers (``AgendaService``) and the minutes, decisions
    and actions (``MinutesService``), everything the Panel tab and the command line call."""

    # Reading --------------------------------------------------------------------------------------------
    def list_rows(self) -> list[MeetingRow]:
        return [entry.row for entry in self.list_entries()]

    def list_entries(self) -> list[MeetingListEntry]:
        """Every meeting, newest first, with its counts and quorum: ONE statement (each meeting's members and
        their agencies' kinds folded into its row), however many meetings there are; one round trip on a
        server (no transaction block: a statement is one snapshot by itself)."""
        from ..folds import fold

        item_count = (select(func.count(AgendaItem.id)).where(AgendaItem.meeting_id == Meeting.id)
                      .correlate(Meeting).scalar_subquery())
        membership = fold("members", [MeetingMember.attendance, Agency.kind],
                          lambda q: q.select_from(MeetingMember).join(Person, Person.id == MeetingMember.person_id)
                          .outerjoin(Agency, Agency.id == Person.agency_id)
                          .where(MeetingMember.meeting_id == Meeting.id).correlate(Meeting))
        counts: dict[int, Counter[Attendance]] = defaultdict(Counter)
        members: dict[int, list[tuple[Attendance, AgencyKind | None]]] = defaultdict(list)
        rows = []
        with self.ctx.read_one() as s:
            for *row, folded in s.execute(
                    select(Meeting.id, Meeting.reference, Meeting.kind, Meeting.meeting_date, Meeting.start_time,
                           Meeting.place, Meeting.online_link, Person.name, Meeting.status, item_count,
                           membership.column)
                    .outerjoin(Person, Person.id == Meeting.chair_id)
                    .order_by(Meeting.meeting_date.desc(), Meeting.id.desc())):
                rows.append(row)
                for attendance, kind in membership.rows(folded):
                    assert isinstance(attendance, Attendance)
                    counts[row[0]][attendance] += 1
                    members[row[0]].append((attendance, kind if isinstance(kind, AgencyKind) else None))
        return [MeetingListEntry(
            row=MeetingRow(id=mid, reference=ref, kind=kind, meeting_date=date, start_time=start,
                           place=place or ("Online" if link else ""), chair=chair or "",
                           items=int(items or 0), present=counts[mid][Attendance.PRESENT],
                           apologies=counts[mid][Attendance.APOLOGIES],
                           quorate=status is not MeetingStatus.CANCELLED
                           and is_quorate(counted_kinds(status, members[mid])),
                           status=status),
            kind=kind, status=status, place=place, online_link=link)
            for mid, ref, kind, date, start, place, link, chair, status, items in rows]

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

    def screen(self, meeting_id: int) -> MeetingScreen:
        """The whole meeting screen: the meeting with its members, items, cases (and their rapid review clocks),
        papers and actions, and the directory its pickers offer. ONE statement on any meeting, however many
        cases it has (``meeting_reads``): one snapshot by itself, so no transaction block (one round trip)."""
        with self.ctx.read_one() as s:
            return meeting_screen(s, meeting_id, self.ctx.today())

    def get(self, meeting_id: int) -> MeetingDetail:
        """The meeting as the screen shows it (``screen(...).detail``)."""
        return self.screen(meeting_id).detail

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

    # Internals ------------------------------------------------------------------------------------------
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


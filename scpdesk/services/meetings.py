"""Rapid Review Panel and QA&S meeting use cases: the list, with quorum."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import func, select

from ..models import Agency, AgendaItem, Meeting, MeetingMember, Person
from ..models.enums import PARTNER_KINDS, AgencyKind, Attendance, MeetingStatus, label
from .dto import MeetingRow
from .uow import ServiceContext


def is_quorate(kinds_present: set[AgencyKind]) -> bool:
    """Quorate when the three safeguarding partners (LA, police, ICB) are each represented."""
    return all(kind in kinds_present for kind in PARTNER_KINDS)


def _quorate(status: MeetingStatus, present: set[AgencyKind], expected: set[AgencyKind]) -> bool:
    """A held meeting counts who attended; a planned one counts who is expected (no apologies)."""
    if status is MeetingStatus.CANCELLED:
        return False
    return is_quorate(present if status is MeetingStatus.HELD else expected)


class MeetingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_rows(self) -> list[MeetingRow]:
        with self.ctx.read() as s:
            items = dict(s.execute(select(AgendaItem.meeting_id, func.count()).group_by(AgendaItem.meeting_id)).all())
            counts: dict[int, Counter[Attendance]] = defaultdict(Counter)
            present_kinds: dict[int, set[AgencyKind]] = defaultdict(set)
            expected_kinds: dict[int, set[AgencyKind]] = defaultdict(set)
            for mid, attendance, kind in s.execute(
                    select(MeetingMember.meeting_id, MeetingMember.attendance, Agency.kind)
                    .join(Person, Person.id == MeetingMember.person_id)
                    .outerjoin(Agency, Agency.id == Person.agency_id)):
                counts[mid][attendance] += 1
                if kind is None:
                    continue
                if attendance is Attendance.PRESENT:
                    present_kinds[mid].add(kind)
                if attendance in (Attendance.PRESENT, Attendance.INVITED):
                    expected_kinds[mid].add(kind)
            rows = s.execute(select(Meeting.id, Meeting.reference, Meeting.kind, Meeting.meeting_date,
                                    Meeting.start_time, Meeting.place, Meeting.online_link, Person.name,
                                    Meeting.status)
                             .outerjoin(Person, Person.id == Meeting.chair_id)
                             .order_by(Meeting.meeting_date.desc(), Meeting.id.desc())).all()
        return [MeetingRow(id=mid, reference=ref, kind=label(kind), meeting_date=date, start_time=start,
                           place=place or ("Online" if link else ""), chair=chair or "",
                           items=items.get(mid, 0), present=counts[mid][Attendance.PRESENT],
                           apologies=counts[mid][Attendance.APOLOGIES],
                           quorate=_quorate(status, present_kinds[mid], expected_kinds[mid]),
                           status=label(status))
                for mid, ref, kind, date, start, place, link, chair, status in rows]

"""A meeting's quorum, without a database: which agency kinds count, and whether the three safeguarding partners
are represented. Shared by the meeting screen, the minutes, the meeting pack (through ``meeting_rules``) and the
Today view (services/today.py, read before SQLAlchemy is: this module imports only the enums)."""

from __future__ import annotations

from collections.abc import Iterable

from ..models.enums import PARTNER_KINDS, AgencyKind, Attendance, MeetingStatus

__all__ = ["counted_kinds", "is_quorate", "missing_partners"]


def is_quorate(kinds_present: set[AgencyKind]) -> bool:
    """Quorate when the three safeguarding partners (LA, police, ICB) are each represented."""
    return all(kind in kinds_present for kind in PARTNER_KINDS)


def counted_kinds(status: MeetingStatus, members: Iterable[tuple[Attendance, AgencyKind | None]]) -> set[AgencyKind]:
    """The agency kinds that count towards quorum: present people once held, else invited or present."""
    counting = {Attendance.PRESENT} if status is MeetingStatus.HELD else {Attendance.PRESENT, Attendance.INVITED}
    return {kind for attendance, kind in members if kind is not None and attendance in counting}


def missing_partners(counted: set[AgencyKind]) -> tuple[AgencyKind, ...]:
    """The safeguarding partners not represented, in the partners' order."""
    return tuple(kind for kind in PARTNER_KINDS if kind not in counted)

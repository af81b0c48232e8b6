"""The values the meeting screens send (inputs) and show (details), frozen: nothing of a session leaks upward."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...models.enums import (
    AgencyKind,
    AgendaItemKind,
    Attendance,
    Decision,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    label,
)
from ..dto import MeetingRow
from .meeting_rules import file_size

# Values the UI sends ---------------------------------------------------------------------------------------

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
    """A list row with what scripts need beside it."""

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
        return file_size(self.size_bytes)


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
    referral_status: ReferralStatus | None = None
    #: The referral's decision, once recorded (shown at once after ``record_case_decision``).
    referral_decision: Decision | None = None
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

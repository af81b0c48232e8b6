"""Rapid Review Panel and QA&S meetings: members, agenda items, papers, minutes and actions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Versioned
from .enums import AgendaItemKind, Attendance, MeetingKind, MeetingStatus
from .types import enum_type


class Meeting(Versioned, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_type(MeetingKind, "meeting_kind"))
    meeting_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(300), default="")
    online_link: Mapped[str] = mapped_column(String(1000), default="")
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    status: Mapped[MeetingStatus] = mapped_column(enum_type(MeetingStatus, "meeting_status"),
                                                  default=MeetingStatus.PLANNED)
    notes: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[MeetingMember]] = relationship(back_populates="meeting", lazy="raise",
                                                        cascade="all, delete-orphan")
    items: Mapped[list[AgendaItem]] = relationship(back_populates="meeting", lazy="raise",
                                                   cascade="all, delete-orphan",
                                                   order_by="AgendaItem.position")


class MeetingMember(Versioned, Base):
    """A person invited to a meeting, with their attendance or apologies."""

    __tablename__ = "meeting_member"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    attendance: Mapped[Attendance] = mapped_column(enum_type(Attendance, "attendance"),
                                                   default=Attendance.INVITED)

    meeting: Mapped[Meeting] = relationship(back_populates="members", lazy="raise")


class AgendaItem(Versioned, Base):
    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AgendaItemKind] = mapped_column(enum_type(AgendaItemKind, "agenda_item_kind"))
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=15)
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    questions: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items", lazy="raise")
    papers: Mapped[list[Paper]] = relationship(back_populates="item", lazy="raise", cascade="all, delete-orphan")
    actions: Mapped[list[MeetingAction]] = relationship(back_populates="item", lazy="raise",
                                                        cascade="all, delete-orphan")


class Paper(Audited, Base):
    """A PDF paper attached to an agenda item, stored in the database so a shared team sees it."""

    __tablename__ = "paper"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)

    item: Mapped[AgendaItem] = relationship(back_populates="papers", lazy="raise")


class MeetingAction(Versioned, Base):
    __tablename__ = "meeting_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    done_date: Mapped[dt.date | None] = mapped_column(Date)

    item: Mapped[AgendaItem] = relationship(back_populates="actions", lazy="raise")

"""Referrals, the children they concern (identity held apart), and the rapid review."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Versioned
from .enums import (
    AbuseNeglect,
    ChildRole,
    Decision,
    IncidentType,
    LegalStatus,
    Partner,
    ReferralStatus,
    Route,
    RouteRequested,
    Sex,
)
from .types import enum_type

if TYPE_CHECKING:  # mapped by name in the registry; imported here for the type checker only
    from .directory import Agency
    from .reviews import Theme

#: Agencies involved with the child and family (many per referral).
referral_agency = Table(
    "referral_agency",
    Base.metadata,
    Column("referral_id", ForeignKey("referral.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agency.id", ondelete="RESTRICT"), primary_key=True, index=True),
)

rapid_review_theme = Table(
    "rapid_review_theme",
    Base.metadata,
    Column("rapid_review_id", ForeignKey("rapid_review.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


#: The stored headline clock's columns: not loaded with a Referral object (read together if ever asked for,
#: e.g. by the audit of a deletion), and never set through one.
_DERIVED: dict[str, Any] = {"deferred": True, "deferred_group": "next_due"}


class Referral(Versioned, Base):
    __tablename__ = "referral"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    received_date: Mapped[dt.date] = mapped_column(Date)
    referrer_name: Mapped[str] = mapped_column(String(200), default="")
    referrer_role: Mapped[str] = mapped_column(String(200), default="")
    referrer_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"),
                                                           index=True)
    referrer_contact: Mapped[str] = mapped_column(String(254), default="")
    lead_approval_name: Mapped[str] = mapped_column(String(200), default="")
    lead_approval_date: Mapped[dt.date | None] = mapped_column(Date)
    route_requested: Mapped[RouteRequested] = mapped_column(enum_type(RouteRequested, "route_requested"),
                                                            default=RouteRequested.UNSURE)
    route: Mapped[Route | None] = mapped_column(enum_type(Route, "route"))
    screened_date: Mapped[dt.date | None] = mapped_column(Date)
    screening_notes: Mapped[str] = mapped_column(Text, default="")
    incident_date: Mapped[dt.date | None] = mapped_column(Date)
    incident_type: Mapped[IncidentType | None] = mapped_column(enum_type(IncidentType, "incident_type"))
    abuse_neglect: Mapped[AbuseNeglect | None] = mapped_column(enum_type(AbuseNeglect, "abuse_neglect"))
    la_aware_date: Mapped[dt.date | None] = mapped_column(Date)
    partners_aware_date: Mapped[dt.date | None] = mapped_column(Date)
    partners_notified_date: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    sin_reference: Mapped[str] = mapped_column(String(60), default="")
    sin_sent_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[ReferralStatus] = mapped_column(enum_type(ReferralStatus, "referral_status"),
                                                  default=ReferralStatus.RECEIVED, index=True)
    decision: Mapped[Decision | None] = mapped_column(enum_type(Decision, "decision"))
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    # The nations' milestones (migration 0012): the case review group's / nominated group's recommendation or the
    # Local Safeguarding Panel's referral, and the decision notified to Welsh Government / the Care Inspectorate.
    recommendation_date: Mapped[dt.date | None] = mapped_column(Date)
    decision_notified_date: Mapped[dt.date | None] = mapped_column(Date)
    decision_rationale: Mapped[str] = mapped_column(Text, default="")
    criteria_improvements: Mapped[bool | None] = mapped_column(Boolean)
    criteria_recurrent_themes: Mapped[bool | None] = mapped_column(Boolean)
    criteria_multi_agency: Mapped[bool | None] = mapped_column(Boolean)
    criteria_panel_suggested: Mapped[bool | None] = mapped_column(Boolean)
    # The headline clock the referral list shows, stored so the list is one indexed query (migration 0007).
    # Derived data, kept equal to the clock engine's by services/referrals/next_due.py on every write that affects it;
    # never edited, audited or versioned (written with Core UPDATEs). See that module's docstring.
    next_due_date: Mapped[dt.date | None] = mapped_column(Date, index=True, **_DERIVED)
    next_clock: Mapped[str | None] = mapped_column(String(40), **_DERIVED)
    next_paused_reason: Mapped[str | None] = mapped_column(Text, **_DERIVED)
    next_missing: Mapped[int | None] = mapped_column(Integer, **_DERIVED)
    # Which clock cannot start when ``next_missing`` counts any (``next_clock`` is then the earliest running
    # clock, if there is one, so an overdue clock is never hidden behind the missing date: migration 0008).
    next_missing_clock: Mapped[str | None] = mapped_column(String(40), **_DERIVED)
    next_due_basis: Mapped[str | None] = mapped_column(String(40), **_DERIVED)
    next_due_seq: Mapped[int | None] = mapped_column(Integer, **_DERIVED)

    children: Mapped[list[ReferralChild]] = relationship(
        back_populates="referral", lazy="raise", cascade="all, delete-orphan",
        order_by="ReferralChild.position")
    agencies: Mapped[list[Agency]] = relationship(secondary=referral_agency, lazy="raise")
    rapid_review: Mapped[RapidReview | None] = relationship(back_populates="referral", lazy="raise",
                                                            cascade="all, delete-orphan")
    pauses: Mapped[list[ClockPause]] = relationship(back_populates="referral", lazy="raise",
                                                    cascade="all, delete-orphan")


class ReferralChild(Versioned, Base):
    """A child named in a referral, by pseudonym only. Up to four per referral (one SIN)."""

    __tablename__ = "referral_child"
    __table_args__ = (
        UniqueConstraint("referral_id", "position"),
        CheckConstraint("position BETWEEN 1 AND 4", name="position_1_to_4"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    pseudonym: Mapped[str] = mapped_column(String(80))
    role: Mapped[ChildRole] = mapped_column(enum_type(ChildRole, "child_role"), default=ChildRole.SUBJECT)
    age_years: Mapped[int | None] = mapped_column(Integer)
    age_band: Mapped[str] = mapped_column(String(40), default="")
    sex: Mapped[Sex | None] = mapped_column(enum_type(Sex, "sex"))
    legal_status_now: Mapped[LegalStatus | None] = mapped_column(enum_type(LegalStatus, "legal_status_now"))
    legal_status_6m: Mapped[LegalStatus | None] = mapped_column(enum_type(LegalStatus, "legal_status_6m"))

    referral: Mapped[Referral] = relationship(back_populates="children", lazy="raise")
    identity: Mapped[ChildIdentity | None] = relationship(back_populates="child", lazy="raise",
                                                          cascade="all, delete-orphan")


class ChildIdentity(Versioned, Base):
    """The child's real identity, held apart from the pseudonym and never printed in published outputs."""

    __tablename__ = "child_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("referral_child.id", ondelete="CASCADE"), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    nhs_number: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    child: Mapped[ReferralChild] = relationship(back_populates="identity", lazy="raise")


class RapidReview(Versioned, Base):
    __tablename__ = "rapid_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), unique=True)
    started_date: Mapped[dt.date | None] = mapped_column(Date)
    strengths: Mapped[str] = mapped_column(Text, default="")
    emerging_learning: Mapped[str] = mapped_column(Text, default="")
    completed_date: Mapped[dt.date | None] = mapped_column(Date)
    sent_to_panel_date: Mapped[dt.date | None] = mapped_column(Date)
    panel_response_date: Mapped[dt.date | None] = mapped_column(Date)
    panel_view: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="rapid_review", lazy="raise")
    summaries: Mapped[list[AgencySummary]] = relationship(back_populates="rapid_review", lazy="raise",
                                                          cascade="all, delete-orphan")
    safety_actions: Mapped[list[SafetyAction]] = relationship(back_populates="rapid_review", lazy="raise",
                                                              cascade="all, delete-orphan")
    signoffs: Mapped[list[PartnerSignoff]] = relationship(back_populates="rapid_review", lazy="raise",
                                                          cascade="all, delete-orphan")
    themes: Mapped[list[Theme]] = relationship(secondary=rapid_review_theme, lazy="raise")


class AgencySummary(Versioned, Base):
    """An Individual Agency Summary (IAS) requested from, and returned by, one agency."""

    __tablename__ = "agency_summary"
    __table_args__ = (UniqueConstraint("rapid_review_id", "agency_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rapid_review_id: Mapped[int] = mapped_column(ForeignKey("rapid_review.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"), index=True)
    #: The person asked for it, if one was named (migration 0009); their agency is ``agency_id``.
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    requested_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    received_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    rapid_review: Mapped[RapidReview] = relationship(back_populates="summaries", lazy="raise")


class SafetyAction(Versioned, Base):
    """An immediate safety action agreed in the rapid review."""

    __tablename__ = "safety_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rapid_review_id: Mapped[int] = mapped_column(ForeignKey("rapid_review.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"),
                                                        index=True)
    #: The person who owns it, if one was named (migration 0009); the owner agency is theirs.
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    done_date: Mapped[dt.date | None] = mapped_column(Date)

    rapid_review: Mapped[RapidReview] = relationship(back_populates="safety_actions", lazy="raise")


class PartnerSignoff(Versioned, Base):
    __tablename__ = "partner_signoff"
    __table_args__ = (UniqueConstraint("rapid_review_id", "partner"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rapid_review_id: Mapped[int] = mapped_column(ForeignKey("rapid_review.id", ondelete="CASCADE"), index=True)
    partner: Mapped[Partner] = mapped_column(enum_type(Partner, "partner"))
    #: The name as signed (kept even if the person named below is later retired or renamed).
    name: Mapped[str] = mapped_column(String(200))
    #: The person from the directory who signed, if one was chosen (migration 0009).
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    signed_date: Mapped[dt.date] = mapped_column(Date)

    rapid_review: Mapped[RapidReview] = relationship(back_populates="signoffs", lazy="raise")


class ClockPause(Audited, Base):
    """A statutory clock paused, always with a reason (rule 14). Belongs to a referral or a review."""

    __tablename__ = "clock_pause"
    __table_args__ = (
        CheckConstraint("(referral_id IS NULL) <> (review_id IS NULL)", name="one_owner"),
        CheckConstraint("length(reason) > 0", name="reason_given"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    clock_key: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    paused_date: Mapped[dt.date] = mapped_column(Date)
    resumed_date: Mapped[dt.date | None] = mapped_column(Date)

    referral: Mapped[Referral | None] = relationship(back_populates="pauses", lazy="raise")

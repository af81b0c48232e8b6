"""The review library: reviews, themes, recommendations, actions and archive requests."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Versioned
from .enums import ActionStatus, ReviewStatus, ReviewType
from .types import enum_type

if TYPE_CHECKING:  # mapped by name in the registry; imported here for the type checker only
    from .referrals import Referral

review_theme = Table(
    "review_theme",
    Base.metadata,
    Column("review_id", ForeignKey("review.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("theme.id", ondelete="RESTRICT"), primary_key=True, index=True),
)


class Theme(Versioned, Base):
    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)


class Review(Versioned, Base):
    __tablename__ = "review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    pseudonym: Mapped[str] = mapped_column(String(80), default="")
    review_type: Mapped[ReviewType] = mapped_column(enum_type(ReviewType, "review_type"), index=True)
    partnership: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[ReviewStatus] = mapped_column(enum_type(ReviewStatus, "review_status"), index=True)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id", ondelete="RESTRICT"), index=True)
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    chair: Mapped[str] = mapped_column(String(200), default="")
    decision_date: Mapped[dt.date | None] = mapped_column(Date)
    commissioned_date: Mapped[dt.date | None] = mapped_column(Date)
    planned_publication_date: Mapped[dt.date | None] = mapped_column(Date)
    final_report_sent_date: Mapped[dt.date | None] = mapped_column(Date)
    # The nations' milestones (migration 0012): the learning event (Wales) and the report (with its action plan)
    # completed and agreed; the report sent on is ``final_report_sent_date``.
    learning_event_date: Mapped[dt.date | None] = mapped_column(Date)
    report_completed_date: Mapped[dt.date | None] = mapped_column(Date)
    published_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    deferral_reason: Mapped[str] = mapped_column(Text, default="")
    deferral_expected_end: Mapped[dt.date | None] = mapped_column(Date)
    deferral_review_date: Mapped[dt.date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    learning_points: Mapped[str] = mapped_column(Text, default="")
    report_url: Mapped[str] = mapped_column(String(1000), default="")
    nspcc_deposit_date: Mapped[dt.date | None] = mapped_column(Date)

    referral: Mapped[Referral | None] = relationship(lazy="raise")
    themes: Mapped[list[Theme]] = relationship(secondary=review_theme, lazy="raise")
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="review", lazy="raise", cascade="all, delete-orphan",
        order_by="Recommendation.position")
    archive_requests: Mapped[list[ArchiveRequest]] = relationship(back_populates="review", lazy="raise",
                                                                  cascade="all, delete-orphan")


class Recommendation(Versioned, Base):
    __tablename__ = "recommendation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    text: Mapped[str] = mapped_column(Text)

    review: Mapped[Review] = relationship(back_populates="recommendations", lazy="raise")
    actions: Mapped[list[Action]] = relationship(back_populates="recommendation", lazy="raise",
                                                 cascade="all, delete-orphan")


class Action(Versioned, Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"),
                                                   index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"), index=True)
    #: The person who owns it, if one was named (migration 0009); the owner agency is theirs.
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    expected_change: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus, "action_status"),
                                                 default=ActionStatus.NOT_STARTED)
    progress_notes: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    impact_check_date: Mapped[dt.date | None] = mapped_column(Date)
    completed_date: Mapped[dt.date | None] = mapped_column(Date)

    recommendation: Mapped[Recommendation] = relationship(back_populates="actions", lazy="raise")


class ArchiveRequest(Versioned, Base):
    """A request for an archived review ("available on request"): who asked, and when it was answered."""

    __tablename__ = "archive_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="RESTRICT"), index=True)
    requester_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    received_date: Mapped[dt.date] = mapped_column(Date)
    sent_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[Review] = relationship(back_populates="archive_requests", lazy="raise")


class LearningSummaryContent(Versioned, Base):
    """The structured sections of a review's learning summary (domain.md §6), edited in the library and
    printed as the learning summary PDF, the 7-minute briefing and the website HTML. Pseudonyms only."""

    __tablename__ = "learning_summary"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), unique=True)
    about: Mapped[str] = mapped_column(Text, default="")
    the_child: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    what_went_well: Mapped[str] = mapped_column(Text, default="")
    #: One learning point per line, printed numbered.
    key_learning: Mapped[str] = mapped_column(Text, default="")
    practice: Mapped[str] = mapped_column(Text, default="")
    #: One question per line.
    reflective_questions: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    contacts: Mapped[str] = mapped_column(Text, default="")


#: The languages a learning summary's text may be stored in beside the English of ``learning_summary``.
SUMMARY_TEXT_LANGUAGES = ("cy",)


class LearningSummaryText(Versioned, Base):
    """A review's learning summary in another language (Welsh, "cy"), entered separately from the English of
    ``learning_summary`` (issue 17): the same sections, the review's title in that language, and the action plan's
    actions and the review's themes in that language, one per line in the order the English prints them.
    Pseudonyms only. One row per (review, language); its own version, so the Welsh and the English are edited
    (and clash) independently."""

    __tablename__ = "learning_summary_text"
    __table_args__ = (
        UniqueConstraint("review_id", "language"),
        CheckConstraint("language IN ('cy')", name="language"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(300), default="")
    about: Mapped[str] = mapped_column(Text, default="")
    the_child: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    what_went_well: Mapped[str] = mapped_column(Text, default="")
    key_learning: Mapped[str] = mapped_column(Text, default="")
    practice: Mapped[str] = mapped_column(Text, default="")
    reflective_questions: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    contacts: Mapped[str] = mapped_column(Text, default="")
    #: The action plan's actions in this language, one per line, in the plan's order.
    actions: Mapped[str] = mapped_column(Text, default="")
    #: The review's themes in this language, one per line, in the order the English prints them (by name).
    themes: Mapped[str] = mapped_column(Text, default="")

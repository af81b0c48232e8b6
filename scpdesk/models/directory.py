"""Agencies, people, organisation settings and local closure days."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Audited, Base, Versioned
from .enums import AgencyKind
from .types import enum_type


class Agency(Versioned, Base):
    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[AgencyKind] = mapped_column(enum_type(AgencyKind, "agency_kind"))
    retired_on: Mapped[dt.date | None] = mapped_column(Date)

    people: Mapped[list[Person]] = relationship(back_populates="agency", lazy="raise")


class Person(Versioned, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    panel_member: Mapped[bool] = mapped_column(Boolean, default=False)
    qas_member: Mapped[bool] = mapped_column(Boolean, default=False)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)
    #: The account this person signs in as, in lower case (migration 0010): the Today view's "mine".
    login: Mapped[str | None] = mapped_column(String(200), index=True, unique=True)

    agency: Mapped[Agency | None] = relationship(back_populates="people", lazy="raise")


class OrganisationSetting(Versioned, Base):
    """One organisation setting (rule set, markings, window lengths, retention): key → JSON value."""

    __tablename__ = "organisation_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class ClosureDay(Audited, Base):
    """A local closure day (e.g. the council's Christmas closure): not a working day for any clock."""

    __tablename__ = "closure_day"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")

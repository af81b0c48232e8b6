"""Agencies and themes as pick lists, and the people directory meetings draw their members from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ..models import Agency, Person, Theme
from ..models.enums import AgencyKind
from .dto import Changes
from .uow import ServiceContext


@dataclass(frozen=True)
class AgencyDTO:
    id: int
    name: str
    kind: AgencyKind


@dataclass(frozen=True)
class ThemeDTO:
    id: int
    name: str


def list_agencies(ctx: ServiceContext, *, include_retired: bool = False) -> list[AgencyDTO]:
    with ctx.read() as s:
        stmt = select(Agency.id, Agency.name, Agency.kind).order_by(Agency.name)
        if not include_retired:
            stmt = stmt.where(Agency.retired_on.is_(None))
        return [AgencyDTO(i, n, k) for i, n, k in s.execute(stmt)]


def list_themes(ctx: ServiceContext) -> list[ThemeDTO]:
    with ctx.read() as s:
        return [ThemeDTO(i, n) for i, n in s.execute(select(Theme.id, Theme.name)
                                                      .where(Theme.retired_on.is_(None)).order_by(Theme.name))]


# People ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonDTO:
    """A person in the directory, as meeting screens pick them (members, chairs, presenters, owners)."""

    id: int
    version: int
    name: str
    role: str
    agency_id: int | None
    agency: str
    agency_kind: AgencyKind | None
    email: str
    panel_member: bool
    qas_member: bool
    retired_on: dt.date | None = None

    @property
    def label(self) -> str:
        """"Name (Role, Agency)" for pick lists."""
        extra = ", ".join(x for x in (self.role, self.agency) if x)
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True)
class PersonInput:
    name: str
    role: str = ""
    agency_id: int | None = None
    email: str = ""
    panel_member: bool = False
    qas_member: bool = False


def people(ctx: ServiceContext, *, include_retired: bool = False) -> list[PersonDTO]:
    """Everyone in the directory, by name, with their agency and its kind (the quorum counts kinds)."""
    with ctx.read() as s:
        stmt = (select(Person.id, Person.version, Person.name, Person.role, Person.agency_id, Agency.name,
                       Agency.kind, Person.email, Person.panel_member, Person.qas_member, Person.retired_on)
                .outerjoin(Agency, Agency.id == Person.agency_id).order_by(Person.name, Person.id))
        if not include_retired:
            stmt = stmt.where(Person.retired_on.is_(None))
        return [PersonDTO(pid, version, name, role, agency_id, agency or "", kind, email, panel, qas, retired)
                for pid, version, name, role, agency_id, agency, kind, email, panel, qas, retired in s.execute(stmt)]


def _person_values(s: Session, data: PersonInput) -> dict[str, object]:
    errors: list[UserError] = []
    name = data.name.strip()
    if not name:
        errors.append(UserError("name", "enter the person's name"))
    elif len(name) > 200:
        errors.append(UserError("name", "keep the name under 200 characters"))
    if len(data.role.strip()) > 200:
        errors.append(UserError("role", "keep the role under 200 characters"))
    email = data.email.strip()
    if email and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
        errors.append(UserError("email", "enter an email address like name@example.org, or leave it empty"))
    if data.agency_id is not None and s.get(Agency, data.agency_id) is None:
        errors.append(UserError("agency", "the chosen agency no longer exists; choose again"))
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return {"name": name, "role": data.role.strip(), "agency_id": data.agency_id, "email": email,
            "panel_member": bool(data.panel_member), "qas_member": bool(data.qas_member)}


def add_person(ctx: ServiceContext, data: PersonInput) -> tuple[int, Changes]:
    with ctx.unit_of_work() as s:
        person = Person(**_person_values(s, data))
        s.add(person)
        s.flush()
        return person.id, Changes.of("person", person.id)


def update_person(ctx: ServiceContext, person_id: int, expected_version: int | None, data: PersonInput) -> Changes:
    with ctx.unit_of_work() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError("person", person_id)
        if expected_version is not None and person.version != expected_version:
            raise ConflictError("person", person_id, person.updated_by, f"{person.updated_at:%d/%m/%Y %H:%M} UTC")
        for key, value in _person_values(s, data).items():
            setattr(person, key, value)
        return Changes.of("person", person_id)


def retire_person(ctx: ServiceContext, person_id: int, retired_on: dt.date | None) -> Changes:
    """Someone who has left: kept on past meetings, no longer offered for new ones (``None`` brings them back)."""
    with ctx.unit_of_work() as s:
        person = s.get(Person, person_id)
        if person is None:
            raise NotFoundError("person", person_id)
        person.retired_on = retired_on
        return Changes.of("person", person_id)

"""Agencies and themes as pick lists, and the people directory meetings draw their members from."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ...models import Agency, Person, Theme
from ...models.enums import AgencyKind
from ...translatable import QT_TRANSLATE_NOOP
from ..dto import Changes
from ..uow import ServiceContext


@dataclass(frozen=True)
class AgencyDTO:
    id: int
    name: str
    kind: AgencyKind
    version: int = 0
    #: Set when the agency was retired: kept on the records that name it, no longer offered in pick lists.
    retired_on: dt.date | None = None

    @property
    def kind_label(self) -> str:
        return AGENCY_KIND_LABELS.get(self.kind, str(self.kind))

    @property
    def retired(self) -> bool:
        return self.retired_on is not None


@dataclass(frozen=True)
class ThemeDTO:
    id: int
    name: str


#: The kinds an agency can be, with their labels, in the order pick lists show them.
#: Marked for the window, which shows them translated (``tr_data("AgencyKinds", …)``).
AGENCY_KIND_LABELS: dict[AgencyKind, str] = {
    AgencyKind.LOCAL_AUTHORITY: QT_TRANSLATE_NOOP("AgencyKinds", "Local authority"),
    AgencyKind.POLICE: QT_TRANSLATE_NOOP("AgencyKinds", "Police"),
    AgencyKind.HEALTH: QT_TRANSLATE_NOOP("AgencyKinds", "Health"),
    AgencyKind.ICB: QT_TRANSLATE_NOOP("AgencyKinds", "Integrated Care Board (ICB)"),
    AgencyKind.EDUCATION: QT_TRANSLATE_NOOP("AgencyKinds", "Education"),
    AgencyKind.PROBATION: QT_TRANSLATE_NOOP("AgencyKinds", "Probation"),
    AgencyKind.HOUSING: QT_TRANSLATE_NOOP("AgencyKinds", "Housing"),
    AgencyKind.VOLUNTARY: QT_TRANSLATE_NOOP("AgencyKinds", "Voluntary sector"),
    AgencyKind.OTHER: QT_TRANSLATE_NOOP("AgencyKinds", "Other"),
}
MAX_AGENCY_NAME = 200
#: One @, something before it, a domain with a dot after it, no spaces: catches typing slips, not every rule.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def list_agencies(ctx: ServiceContext, *, include_retired: bool = False) -> list[AgencyDTO]:
    """Agencies by name; retired ones only with ``include_retired`` (the directory screen, not pick lists)."""
    with ctx.read() as s:
        stmt = select(Agency.id, Agency.name, Agency.kind, Agency.version, Agency.retired_on).order_by(Agency.name)
        if not include_retired:
            stmt = stmt.where(Agency.retired_on.is_(None))
        return [AgencyDTO(i, n, k, v, r) for i, n, k, v, r in s.execute(stmt)]


def list_themes(ctx: ServiceContext) -> list[ThemeDTO]:
    with ctx.read() as s:
        return [ThemeDTO(i, n) for i, n in s.execute(select(Theme.id, Theme.name)
                                                      .where(Theme.retired_on.is_(None)).order_by(Theme.name))]


# Agencies -------------------------------------------------------------------------------------------------

def _agency_dto(agency: Agency) -> AgencyDTO:
    return AgencyDTO(agency.id, agency.name, agency.kind, agency.version, agency.retired_on)


def get_agency(ctx: ServiceContext, agency_id: int) -> AgencyDTO:
    with ctx.read() as s:
        agency = s.get(Agency, agency_id)
        if agency is None:
            raise NotFoundError("agency", agency_id)
        return _agency_dto(agency)


def _agency_kind(kind: AgencyKind | str) -> AgencyKind:
    try:
        return AgencyKind(kind)
    except ValueError:
        raise UserError("kind", "choose one of " + ", ".join(k.value for k in AgencyKind)) from None


def _agency_name(s: Session, name: str, own_id: int | None) -> str:
    """The name tidied, or UserError: empty, too long, or used by another agency (ignoring case)."""
    if not isinstance(name, str) or not " ".join(name.split()):
        raise UserError("name", "enter the agency's name, e.g. Northshire Police")
    text = " ".join(name.split())
    if len(text) > MAX_AGENCY_NAME:
        raise UserError("name", f"keep the name to {MAX_AGENCY_NAME} characters (it has {len(text)})")
    key = text.casefold()
    for other_id, other, retired in s.execute(select(Agency.id, Agency.name, Agency.retired_on)):
        if other_id != own_id and other.casefold() == key:
            if retired is not None:
                raise UserError("name", f"{other} is a retired agency; bring it back instead of adding it again, "
                                        "or choose another name")
            raise UserError("name", f"{other} is already in the directory; choose another name")
    return text


def _agency_conflict(agency: Agency) -> ConflictError:
    return ConflictError("agency", agency.id, agency.updated_by, f"{agency.updated_at:%d/%m/%Y %H:%M} UTC")


def add_agency(ctx: ServiceContext, name: str, kind: AgencyKind | str) -> tuple[int, Changes]:
    """A new agency for the pick lists. The name must be new (ignoring case), retired agencies included."""
    agency_kind = _agency_kind(kind)
    with ctx.unit_of_work() as s:
        agency = Agency(name=_agency_name(s, name, None), kind=agency_kind)
        s.add(agency)
        s.flush()
        return agency.id, Changes.of("agency", agency.id)


def update_agency(ctx: ServiceContext, agency_id: int, expected_version: int, *, name: str | None = None,
                  kind: AgencyKind | str | None = None) -> Changes:
    """Rename an agency and/or change its kind. Every referral, action and person naming it follows (they
    refer to it by id). ConflictError if it changed since ``expected_version``."""
    new_kind = _agency_kind(kind) if kind is not None else None
    with ctx.unit_of_work() as s:
        agency = s.get(Agency, agency_id, with_for_update=not ctx.db.is_sqlite)
        if agency is None:
            raise NotFoundError("agency", agency_id)
        if agency.version != expected_version:
            raise _agency_conflict(agency)
        if name is not None:
            text = _agency_name(s, name, agency_id)
            if text != agency.name:
                agency.name = text
        if new_kind is not None and new_kind is not agency.kind:
            agency.kind = new_kind
        return Changes.of("agency", agency_id)


def retire_agency(ctx: ServiceContext, agency_id: int, retired_on: dt.date | None, *,
                  expected_version: int) -> Changes:
    """An agency that no longer exists (merged, renamed by reorganisation): kept on every record that names it,
    no longer offered in pick lists. ``None`` brings it back. The date cannot be in the future."""
    if retired_on is not None:
        if isinstance(retired_on, dt.datetime) or not isinstance(retired_on, dt.date):
            raise UserError("retired_on", "give the date the agency closed, e.g. 31/03/2026")
        if retired_on > ctx.today():
            raise UserError("retired_on", f"{retired_on:%d/%m/%Y} is in the future; retire the agency on the day "
                                          "it closes")
    with ctx.unit_of_work() as s:
        agency = s.get(Agency, agency_id, with_for_update=not ctx.db.is_sqlite)
        if agency is None:
            raise NotFoundError("agency", agency_id)
        if agency.version != expected_version:
            raise _agency_conflict(agency)
        if retired_on is None and agency.retired_on is not None:
            _agency_name(s, agency.name, agency_id)  # a current agency may have taken the name meanwhile
        if agency.retired_on != retired_on:
            agency.retired_on = retired_on
        return Changes.of("agency", agency_id)


def restore_agency(ctx: ServiceContext, agency_id: int, *, expected_version: int) -> Changes:
    """Bring a retired agency back into the pick lists."""
    return retire_agency(ctx, agency_id, None, expected_version=expected_version)


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
    #: The account this person signs in as (lower case), "" when none (the Today view's "mine").
    login: str = ""

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
    #: The account the person signs in as ("" none); None leaves it as it is (an edit that does not show it).
    login: str | None = None


def people(ctx: ServiceContext, *, include_retired: bool = False) -> list[PersonDTO]:
    """Everyone in the directory, by name, with their agency and its kind (the quorum counts kinds)."""
    with ctx.read() as s:
        stmt = (select(Person.id, Person.version, Person.name, Person.role, Person.agency_id, Agency.name,
                       Agency.kind, Person.email, Person.panel_member, Person.qas_member, Person.retired_on,
                       Person.login)
                .outerjoin(Agency, Agency.id == Person.agency_id).order_by(Person.name, Person.id))
        if not include_retired:
            stmt = stmt.where(Person.retired_on.is_(None))
        return [PersonDTO(pid, version, name, role, agency_id, agency or "", kind, email, panel, qas, retired,
                          login or "")
                for pid, version, name, role, agency_id, agency, kind, email, panel, qas, retired, login
                in s.execute(stmt)]


def _login(s: Session, typed: str, own_id: int | None) -> str | None:
    """The account as kept (trimmed, lower case: compared case-insensitively), None for none; refused when it is
    not one word or another person already signs in as it (named, so the user knows whom to change)."""
    login = typed.strip().lower()
    if not login:
        return None
    if len(login) > 200 or any(c.isspace() or not c.isprintable() for c in login):
        raise UserError("login", "enter the account as one word, e.g. NORTHSHIRE\\akhan or akhan, or leave it empty")
    other = s.execute(select(Person.id, Person.name).where(Person.login == login)).first()
    if other is not None and other.id != own_id:
        raise UserError("login", f"{other.name} already signs in as {login}; clear it there first")
    return login


def _person_values(s: Session, data: PersonInput, current_agency_id: int | None = None,
                   own_id: int | None = None) -> dict[str, object]:
    """The person's values tidied, or UserError / ValidationErrors naming each field. A retired agency can
    stay on someone who already belongs to it, but cannot be newly chosen."""
    errors: list[UserError] = []
    login: str | None = None
    if data.login is not None:
        try:
            login = _login(s, data.login, own_id)
        except UserError as exc:
            errors.append(exc)
    name = data.name.strip()
    if not name:
        errors.append(UserError("name", "enter the person's name"))
    elif len(name) > 200:
        errors.append(UserError("name", "keep the name under 200 characters"))
    if len(data.role.strip()) > 200:
        errors.append(UserError("role", "keep the role under 200 characters"))
    email = data.email.strip()
    if email and (len(email) > 254 or not _EMAIL.fullmatch(email) or ".." in email):
        errors.append(UserError("email", "enter an email address like name@example.org, or leave it empty"))
    if data.agency_id is not None:
        agency = s.get(Agency, data.agency_id)
        if agency is None:
            errors.append(UserError("agency", "the chosen agency no longer exists; choose again"))
        elif agency.retired_on is not None and data.agency_id != current_agency_id:
            errors.append(UserError("agency", f"{agency.name} was retired on {agency.retired_on:%d/%m/%Y}; choose "
                                              "a current agency"))
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    values: dict[str, object] = {"name": name, "role": data.role.strip(), "agency_id": data.agency_id,
                                 "email": email, "panel_member": bool(data.panel_member),
                                 "qas_member": bool(data.qas_member)}
    if data.login is not None:
        values["login"] = login
    return values


def add_person(ctx: ServiceContext, data: PersonInput) -> tuple[int, Changes]:
    with ctx.unit_of_work() as s:
        person = Person(**_person_values(s, data))
        s.add(person)
        s.flush()
        return person.id, Changes.of("person", person.id)


def update_person(ctx: ServiceContext, person_id: int, expected_version: int, data: PersonInput) -> Changes:
    with ctx.unit_of_work() as s:
        person = s.get(Person, person_id, with_for_update=not ctx.db.is_sqlite)
        if person is None:
            raise NotFoundError("person", person_id)
        if person.version != expected_version:
            raise _person_conflict(person)
        for key, value in _person_values(s, data, person.agency_id, person.id).items():
            if getattr(person, key) != value:
                setattr(person, key, value)
        return Changes.of("person", person_id)


def retire_person(ctx: ServiceContext, person_id: int, retired_on: dt.date | None, *,
                  expected_version: int) -> Changes:
    """Someone who has left: kept on past meetings, no longer offered for new ones (``None`` brings them back)."""
    if retired_on is not None and (isinstance(retired_on, dt.datetime) or not isinstance(retired_on, dt.date)):
        raise UserError("retired_on", "give the date the person left, e.g. 31/03/2026")
    with ctx.unit_of_work() as s:
        person = s.get(Person, person_id, with_for_update=not ctx.db.is_sqlite)
        if person is None:
            raise NotFoundError("person", person_id)
        if person.version != expected_version:
            raise _person_conflict(person)
        if person.retired_on != retired_on:
            person.retired_on = retired_on
        return Changes.of("person", person_id)


def restore_person(ctx: ServiceContext, person_id: int, *, expected_version: int) -> Changes:
    """Bring a retired person back into the pick lists (someone who returned)."""
    return retire_person(ctx, person_id, None, expected_version=expected_version)


def get_person(ctx: ServiceContext, person_id: int) -> PersonDTO:
    """One person (retired or not), with the version to pass back to ``update_person``."""
    with ctx.read() as s:
        row = s.execute(select(Person.id, Person.version, Person.name, Person.role, Person.agency_id, Agency.name,
                               Agency.kind, Person.email, Person.panel_member, Person.qas_member, Person.retired_on,
                               Person.login)
                        .outerjoin(Agency, Agency.id == Person.agency_id).where(Person.id == person_id)).one_or_none()
        if row is None:
            raise NotFoundError("person", person_id)
        pid, version, name, role, agency_id, agency, kind, email, panel, qas, retired, login = row
        return PersonDTO(pid, version, name, role, agency_id, agency or "", kind, email, panel, qas, retired,
                         login or "")


def _person_conflict(person: Person) -> ConflictError:
    return ConflictError("person", person.id, person.updated_by, f"{person.updated_at:%d/%m/%Y %H:%M} UTC")

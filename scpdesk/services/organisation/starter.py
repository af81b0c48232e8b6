"""First start: what a new partnership has still to set up (a checklist computed from the data) and the starter
set of agencies a coordinator can load in one go on an empty directory.

The starter set is the partnership's three statutory partners (local authority, police, ICB), named from the
partnership's name where it has been saved ("Northshire Council"), and one agency for each type a referral
usually involves (health, education, probation, housing, the voluntary sector). Agency *types* are fixed in the
model (``AgencyKind``): they need no loading. Loading is one transaction, audited, and idempotent: a name already
in the directory (ignoring case), or a statutory partner whose type is already there, is skipped, and two users
loading at once are serialised (the write lock on a local file, an advisory lock on a server), so nothing is ever
added twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select

from ...models import Agency, ClosureDay, OrganisationSetting, Person
from ...models.audit import record
from ...models.enums import PARTNER_KINDS, AgencyKind, AuditAction
from ..dto import Changes
from ..settings_values import LOGO_KEY
from ..uow import ServiceContext
from .directory import _agency_kind, _agency_name

#: Transaction-scoped advisory lock on a shared server: one starter set loaded at a time.
STARTER_LOCK_KEY = 0x5C9A57A7

_PARTNERSHIP = re.compile(r"\s*\b(safeguarding\s+)?(children'?s?\s+)?(safeguarding\s+)?partnership\b.*$", re.I)


@dataclass(frozen=True)
class StarterAgency:
    name: str
    kind: AgencyKind


@dataclass(frozen=True)
class FirstSteps:
    """What a new partnership has set up: each item of the first-start checklist, computed from the data."""

    agencies: bool
    people: bool
    closure_days: bool
    logo: bool
    #: The partnership's saved name ("" when none has been saved): the starter set is named from it.
    partnership_name: str = ""

    @property
    def empty(self) -> bool:
        """No agencies and no people: the window offers the starter set."""
        return not self.agencies and not self.people

    @property
    def done(self) -> bool:
        """Every item done: the checklist goes."""
        return self.agencies and self.people and self.closure_days and self.logo

    def starter(self) -> tuple[StarterAgency, ...]:
        return starter_agencies(area_name(self.partnership_name))


def area_name(partnership_name: str) -> str:
    """The place a partnership is named after: "Northshire Safeguarding Children Partnership" → "Northshire"
    ("" when the name says no more than "Safeguarding Children Partnership")."""
    return " ".join(_PARTNERSHIP.sub("", partnership_name or "").split())


def starter_agencies(area: str = "") -> tuple[StarterAgency, ...]:
    """The starter set: the three statutory partners first, then one agency per usual type. Named after
    ``area`` where there is one, else by their type (the user edits the names before loading)."""
    def named(text: str, plain: str) -> str:
        return text.format(area=area) if area else plain

    return (
        StarterAgency(named("{area} Council", "Local authority"), AgencyKind.LOCAL_AUTHORITY),
        StarterAgency(named("{area} Police", "Police"), AgencyKind.POLICE),
        StarterAgency(named("NHS {area} Integrated Care Board", "Integrated Care Board"), AgencyKind.ICB),
        StarterAgency(named("{area} health services", "Health services"), AgencyKind.HEALTH),
        StarterAgency(named("{area} schools", "Schools"), AgencyKind.EDUCATION),
        StarterAgency("Probation Service", AgencyKind.PROBATION),
        StarterAgency(named("{area} housing", "Housing"), AgencyKind.HOUSING),
        StarterAgency(named("{area} voluntary sector", "Voluntary sector"), AgencyKind.VOLUNTARY),
    )


def first_steps(ctx: ServiceContext) -> FirstSteps:
    """The checklist, read in one statement (one round trip on a server)."""
    def setting(key: str) -> Any:
        return select(OrganisationSetting.value_json).where(OrganisationSetting.key == key).scalar_subquery()

    stmt = select(exists().where(Agency.retired_on.is_(None)), exists().where(Person.retired_on.is_(None)),
                  exists().where(ClosureDay.id.isnot(None)),
                  exists().where(OrganisationSetting.key == LOGO_KEY), setting("partnership_name"))
    with ctx.read_one() as s:
        agencies, people, closures, logo, raw_name = s.execute(stmt).one()
    return FirstSteps(bool(agencies), bool(people), bool(closures), bool(logo), _name(raw_name))


def _name(raw: object) -> str:
    try:
        value = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return ""
    return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True)
class StarterResult:
    #: The agencies added, and those left out because the directory already had them.
    added: tuple[str, ...]
    skipped: tuple[str, ...]
    changes: Changes


def load_starter_set(ctx: ServiceContext, agencies: Sequence[StarterAgency] | None = None) -> StarterResult:
    """Add the starter agencies (default: :func:`starter_agencies` named from the saved partnership name) in one
    transaction. A blank name is left out; a name already in the directory (ignoring case, retired ones too),
    or a statutory partner whose type the directory already has, is skipped: loading twice, or two users at
    once, never adds an agency twice. The audit records each agency added and one line for the starter set."""
    if agencies is None:
        agencies = first_steps(ctx).starter()
    wanted = [(" ".join(a.name.split()), _agency_kind(a.kind)) for a in agencies]
    with ctx.unit_of_work() as s:
        if not ctx.db.is_sqlite:  # (a local file's write lock is already held: BEGIN IMMEDIATE)
            s.execute(select(func.pg_advisory_xact_lock(STARTER_LOCK_KEY)))
        names = {n.casefold() for n in s.scalars(select(Agency.name))}
        kinds = set(s.scalars(select(Agency.kind).where(Agency.retired_on.is_(None))))
        added: list[Agency] = []
        skipped: list[str] = []
        for name, kind in wanted:
            if not name:
                continue
            if name.casefold() in names or (kind in PARTNER_KINDS and kind in kinds):
                skipped.append(name)
                continue
            agency = Agency(name=_agency_name(s, name, None), kind=kind)
            s.add(agency)
            names.add(name.casefold())
            kinds.add(kind)
            added.append(agency)
        if not added:
            return StarterResult((), tuple(skipped), Changes())
        s.flush()
        record(s, AuditAction.INSERT, "agency", "", field="starter set",
               new=f"{len(added)} agencies: " + "; ".join(a.name for a in added))
        return StarterResult(tuple(a.name for a in added), tuple(skipped),
                             Changes.of("agency", *(a.id for a in added)))

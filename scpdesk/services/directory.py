"""Agencies and themes as pick lists (the full directory screens come with the settings work)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..models import Agency, Theme
from ..models.enums import AgencyKind
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

"""Referral use cases: the list with its next clock, the detail with every clock, intake and edits."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..errors import ConflictError, NotFoundError, UserError, ValidationErrors
from ..models import Agency, ClockPause, RapidReview, Referral, ReferralChild
from ..models.enums import ReferralStatus, RouteRequested, label
from .clocks import Clock, next_open_clock, rag, referral_clocks
from .dto import Changes, ReferralRow
from .settings import load_closures, load_settings
from .uow import ServiceContext


@dataclass(frozen=True)
class ChildDTO:
    position: int
    pseudonym: str
    role: str
    age_years: int | None
    age_band: str
    legal_status_now: str


@dataclass(frozen=True)
class ReferralDetail:
    id: int
    version: int
    reference: str
    received_date: dt.date
    route_requested: str
    route: str
    status: str
    incident_date: dt.date | None
    la_aware_date: dt.date | None
    partners_aware_date: dt.date | None
    summary: str
    reason: str
    sin_reference: str
    sin_sent_date: dt.date | None
    children: tuple[ChildDTO, ...]
    agencies: tuple[str, ...]
    clocks: tuple[Clock, ...]
    updated_by: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class ReferralInput:
    """What intake needs. Only the pseudonym is required of the child; identity is recorded separately."""

    reference: str
    received_date: dt.date | None
    child_pseudonym: str
    la_aware_date: dt.date | None = None
    partners_aware_date: dt.date | None = None
    incident_date: dt.date | None = None
    route_requested: RouteRequested = RouteRequested.UNSURE
    summary: str = ""
    reason: str = ""
    referrer_agency_id: int | None = None
    agency_ids: tuple[int, ...] = field(default_factory=tuple)


#: A pseudonym like "Child N", "Child B2", "Family X", "Sibling 2" — or a first name the family agreed to.
_PSEUDONYM_PATTERN = re.compile(r"^(child|children|family|sibling|young person|baby|infant)\b", re.IGNORECASE)
_LOOKS_LIKE_FULL_NAME = re.compile(r"^[A-Z][a-z'’-]+(\s+[A-Z][a-z'’-]+){1,3}$")


def pseudonym_problem(pseudonym: str) -> str | None:
    """Why a pseudonym would be refused or questioned, or None."""
    text = pseudonym.strip()
    if not text:
        return "enter the child's pseudonym (e.g. \"Child N\"); the real name goes in the identity section"
    if len(text) > 80:
        return "keep the pseudonym under 80 characters"
    if not _PSEUDONYM_PATTERN.match(text) and _LOOKS_LIKE_FULL_NAME.match(text):
        return "this looks like a real full name; use a pseudonym such as \"Child N\" and record the name " \
               "in the identity section"
    return None


def validate(data: ReferralInput, *, today: dt.date) -> None:
    errors: list[UserError] = []
    if not data.reference.strip():
        errors.append(UserError("reference", "enter the referral reference, e.g. NSCP-2026-001"))
    elif len(data.reference.strip()) > 40:
        errors.append(UserError("reference", "keep the reference under 40 characters"))
    if data.received_date is None:
        errors.append(UserError("received_date", "enter the date the referral was received"))
    problem = pseudonym_problem(data.child_pseudonym)
    if problem:
        errors.append(UserError("child_pseudonym", problem))
    for name in ("received_date", "incident_date", "la_aware_date", "partners_aware_date"):
        value = getattr(data, name)
        if value is not None and value > today:
            errors.append(UserError(name, f"{value:%d/%m/%Y} is in the future; enter the date it happened"))
    if data.la_aware_date and data.incident_date and data.la_aware_date < data.incident_date:
        errors.append(UserError("la_aware_date", "the LA cannot have become aware before the incident date; "
                                                 "check both dates"))
    if data.partners_aware_date and data.la_aware_date and data.partners_aware_date < data.la_aware_date:
        errors.append(UserError("partners_aware_date",
                                "partners became aware before the LA did; check both dates"))
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


class ReferralService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_rows(self) -> list[ReferralRow]:
        """Every referral with its next clock, newest first. One query for the rows, one for pauses."""
        today = self.ctx.today()
        with self.ctx.read() as s:
            settings = load_settings(s)
            closures = load_closures(s)
            first_child = (select(ReferralChild.pseudonym)
                           .where(ReferralChild.referral_id == Referral.id)
                           .order_by(ReferralChild.position).limit(1).scalar_subquery())
            stmt = (select(Referral.id, Referral.reference, first_child, Referral.received_date, Referral.route,
                           Referral.route_requested, Referral.status, Referral.la_aware_date,
                           Referral.partners_aware_date, Referral.partners_notified_date, Referral.sin_sent_date,
                           RapidReview.completed_date, RapidReview.sent_to_panel_date,
                           RapidReview.panel_response_date)
                    .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
                    .order_by(Referral.received_date.desc(), Referral.id.desc()))
            rows = s.execute(stmt).all()
            pauses: dict[int, list[tuple[str, str, dt.date]]] = defaultdict(list)
            for rid, key, reason, since in s.execute(
                    select(ClockPause.referral_id, ClockPause.clock_key, ClockPause.reason, ClockPause.paused_date)
                    .where(ClockPause.referral_id.is_not(None), ClockPause.resumed_date.is_(None))):
                pauses[rid].append((key, reason, since))
        result = []
        for (rid, ref, pseud, received, route, requested, status, la, pa, pn, sin, done, sent, resp) in rows:
            nxt = None
            if status is not ReferralStatus.CLOSED:  # a closed referral has no clock to show in the list
                nxt = next_open_clock(referral_clocks(
                    route=route, la_aware=la, partners_aware=pa, partners_notified=pn, sin_sent=sin,
                    rr_completed=done, rr_sent=sent, panel_response=resp, pauses=pauses.get(rid, ()), today=today,
                    settings=settings, closures=closures))
            result.append(ReferralRow(
                id=rid, reference=ref, pseudonym=pseud or "", received_date=received,
                route=label(route) if route else f"{label(requested)} (requested)", status=label(status),
                next_clock=nxt.label if nxt else "", next_due=nxt.due_date if nxt else None,
                working_days_left=nxt.working_days_left if nxt else None,
                state=nxt.display_state if nxt else "", rag=rag(nxt)))
        return result

    def get(self, referral_id: int) -> ReferralDetail:
        today = self.ctx.today()
        with self.ctx.read() as s:
            referral = s.scalars(
                select(Referral).where(Referral.id == referral_id).options(
                    selectinload(Referral.children), selectinload(Referral.agencies),
                    selectinload(Referral.rapid_review), selectinload(Referral.pauses))).one_or_none()
            if referral is None:
                raise NotFoundError("referral", referral_id)
            settings = load_settings(s)
            closures = load_closures(s)
            rr = referral.rapid_review
            clocks = referral_clocks(
                route=referral.route, la_aware=referral.la_aware_date,
                partners_aware=referral.partners_aware_date, partners_notified=referral.partners_notified_date,
                sin_sent=referral.sin_sent_date, rr_completed=rr.completed_date if rr else None,
                rr_sent=rr.sent_to_panel_date if rr else None, panel_response=rr.panel_response_date if rr else None,
                pauses=[(p.clock_key, p.reason, p.paused_date) for p in referral.pauses if p.resumed_date is None],
                today=today, settings=settings, closures=closures)
            return ReferralDetail(
                id=referral.id, version=referral.version, reference=referral.reference,
                received_date=referral.received_date, route_requested=label(referral.route_requested),
                route=label(referral.route), status=label(referral.status), incident_date=referral.incident_date,
                la_aware_date=referral.la_aware_date, partners_aware_date=referral.partners_aware_date,
                summary=referral.summary, reason=referral.reason, sin_reference=referral.sin_reference,
                sin_sent_date=referral.sin_sent_date,
                children=tuple(ChildDTO(c.position, c.pseudonym, label(c.role), c.age_years, c.age_band,
                                        label(c.legal_status_now)) for c in referral.children),
                agencies=tuple(sorted(a.name for a in referral.agencies)), clocks=tuple(clocks),
                updated_by=referral.updated_by, updated_at=referral.updated_at)

    def create(self, data: ReferralInput) -> tuple[int, Changes]:
        """Intake: validate, then save the referral, its first child and agencies in one transaction."""
        data = replace(data, reference=data.reference.strip(), child_pseudonym=data.child_pseudonym.strip())
        validate(data, today=self.ctx.today())
        with self.ctx.unit_of_work() as s:
            if s.scalar(select(Referral.id).where(Referral.reference == data.reference)) is not None:
                raise UserError("reference", f"{data.reference} is already used by another referral; "
                                             "choose another reference")
            agencies = list(s.scalars(select(Agency).where(Agency.id.in_(data.agency_ids)))) \
                if data.agency_ids else []
            if len(agencies) != len(set(data.agency_ids)):
                raise UserError("agencies", "one of the chosen agencies no longer exists; choose again")
            assert data.received_date is not None  # validated above
            referral = Referral(
                reference=data.reference, received_date=data.received_date, la_aware_date=data.la_aware_date,
                partners_aware_date=data.partners_aware_date, incident_date=data.incident_date,
                route_requested=data.route_requested, summary=data.summary, reason=data.reason,
                referrer_agency_id=data.referrer_agency_id, status=ReferralStatus.RECEIVED)
            referral.children = [ReferralChild(position=1, pseudonym=data.child_pseudonym)]
            referral.agencies = agencies
            s.add(referral)
            s.flush()
            return referral.id, Changes.of("referral", referral.id)

    #: Fields ``update`` may change directly (workflow transitions come with the referrals tab).
    EDITABLE = frozenset({"summary", "reason", "incident_date", "la_aware_date", "partners_aware_date",
                          "partners_notified_date", "referrer_name", "referrer_role", "referrer_contact",
                          "route_requested"})

    def update(self, referral_id: int, expected_version: int, **changes: Any) -> Changes:
        """Save edits made to the version the user opened; if someone saved since, raise ConflictError."""
        unknown = set(changes) - self.EDITABLE
        if unknown:
            raise UserError(sorted(unknown)[0], "this field cannot be edited here")
        today = self.ctx.today()
        with self.ctx.unit_of_work() as s:
            referral = s.get(Referral, referral_id, with_for_update=not self.ctx.db.is_sqlite)
            if referral is None:
                raise NotFoundError("referral", referral_id)
            if referral.version != expected_version:
                raise ConflictError("referral", referral_id, referral.updated_by,
                                    f"{referral.updated_at:%d/%m/%Y %H:%M} UTC")
            for name in ("incident_date", "la_aware_date", "partners_aware_date", "partners_notified_date"):
                value = changes.get(name)
                if value is not None and value > today:
                    raise UserError(name, f"{value:%d/%m/%Y} is in the future; enter the date it happened")
            merged_la = changes.get("la_aware_date", referral.la_aware_date)
            merged_incident = changes.get("incident_date", referral.incident_date)
            if merged_la and merged_incident and merged_la < merged_incident:
                raise UserError("la_aware_date", "the LA cannot have become aware before the incident date; "
                                                 "check both dates")
            for name, value in changes.items():
                setattr(referral, name, value)
            return Changes.of("referral", referral_id)


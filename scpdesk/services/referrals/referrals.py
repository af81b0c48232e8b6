"""Referral use cases: the list with its next clock, the detail with every clock, intake and edits."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from sqlalchemy import String, cast, func, select, union_all
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, selectinload

from ...errors import ConflictError, NotFoundError, ScpdeskError, UserError, ValidationErrors
from ...models import Agency, ChildIdentity, ClockPause, RapidReview, Referral, ReferralChild, Review
from ...models.audit import record
from ...models.enums import (
    AbuseNeglect,
    AuditAction,
    ChildRole,
    Decision,
    IncidentType,
    LegalStatus,
    ReferralStatus,
    Route,
    RouteRequested,
    Sex,
)
from ...models.referrals import referral_agency
from ...models.validation import require_storable
from ..clocks import Clock, ClockState, PauseRow, headline, open_clocks, referral_clocks
from ..dto import Changes, ClockSummary, ReferralRow
from ..settings import load_closures, load_settings
from ..uow import ServiceContext
from .headline import SEP, stored_row, urgency

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChildDTO:
    position: int
    pseudonym: str
    role: ChildRole
    age_years: int | None
    age_band: str
    legal_status_now: LegalStatus | None
    sex: Sex | None = None
    legal_status_6m: LegalStatus | None = None


@dataclass(frozen=True)
class ReferralDetail:
    id: int
    version: int
    reference: str
    received_date: dt.date
    route_requested: RouteRequested
    route: Route | None
    status: ReferralStatus
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
    referrer: str = ""
    referrer_agency: str = ""
    lead_approval: str = ""
    incident_type: IncidentType | None = None
    abuse_neglect: AbuseNeglect | None = None
    partners_notified_date: dt.date | None = None
    screened_date: dt.date | None = None
    screening_notes: str = ""
    decision: Decision | None = None
    decision_date: dt.date | None = None
    decision_rationale: str = ""
    criteria: tuple[bool | None, bool | None, bool | None, bool | None] = (None, None, None, None)
    agency_ids: tuple[int, ...] = ()
    reviews: tuple[str, ...] = ()
    #: The nations' milestones (migration 0012): the recommendation (case review group / nominated group / Local
    #: Safeguarding Panel) and the decision notified (Welsh Government / the Care Inspectorate).
    recommendation_date: dt.date | None = None
    decision_notified_date: dt.date | None = None
    #: The rule set the clocks were computed under (the screen offers that nation's decisions and milestones).
    rule_set: str = "england"


@dataclass(frozen=True)
class IdentityInput:
    """The child's real identity: held apart from the pseudonym, never in lists, exports or published outputs."""

    full_name: str = ""
    date_of_birth: dt.date | None = None
    nhs_number: str = ""
    address: str = ""

    @property
    def empty(self) -> bool:
        return not (self.full_name.strip() or self.date_of_birth or self.nhs_number.strip() or self.address.strip())


@dataclass(frozen=True)
class ChildInput:
    pseudonym: str
    role: ChildRole = ChildRole.SUBJECT
    age_years: int | None = None
    age_band: str = ""
    sex: Sex | None = None
    legal_status_now: LegalStatus | None = None
    legal_status_6m: LegalStatus | None = None
    identity: IdentityInput | None = None


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
    #: The full list of children (1 to 4, the first is the subject); when empty, one child ``child_pseudonym``.
    children: tuple[ChildInput, ...] = ()
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_contact: str = ""
    lead_approval_name: str = ""
    lead_approval_date: dt.date | None = None
    incident_type: IncidentType | None = None
    abuse_neglect: AbuseNeglect | None = None
    #: The user confirmed that a pseudonym which looks like a real name is the agreed pseudonym.
    pseudonym_confirmed: bool = False

    def all_children(self) -> tuple[ChildInput, ...]:
        return self.children or (ChildInput(self.child_pseudonym),)


MAX_CHILDREN = 4


#: A pseudonym like "Child N", "Child B2", "Family X", "Sibling 2" — or a first name the family agreed to.
_PSEUDONYM_PATTERN = re.compile(r"^(child|children|family|sibling|young person|baby|infant)\b", re.IGNORECASE)
_LOOKS_LIKE_FULL_NAME = re.compile(r"^[A-Z][a-z'’-]+(\s+[A-Z][a-z'’-]+){1,3}$")


def pseudonym_problem(pseudonym: str, *, confirmed: bool = False) -> str | None:
    """Why a pseudonym would be refused, or questioned (a real-looking name, unless the user confirmed it)."""
    text = pseudonym.strip()
    if not text:
        return "enter the child's pseudonym (e.g. \"Child N\"); the real name goes in the identity section"
    if len(text) > 80:
        return "keep the pseudonym under 80 characters"
    if not confirmed and looks_like_real_name(text):
        return "this looks like a real full name; use a pseudonym such as \"Child N\" and record the name " \
               "in the identity section (or confirm it is the agreed pseudonym)"
    return None


def looks_like_real_name(pseudonym: str) -> bool:
    text = pseudonym.strip()
    return not _PSEUDONYM_PATTERN.match(text) and bool(_LOOKS_LIKE_FULL_NAME.match(text))


#: The order domain.md §3 implies for a referral's dates: (earlier, later, field blamed, what is wrong and the fix).
#: Equal dates are fine (all on one day). One table for intake, edits and imports; the workflow's own steps
#: (SIN, rapid review, Panel, decision) are checked by their actions against the same dates.
DATE_ORDER: tuple[tuple[str, str, str, str], ...] = (
    ("incident_date", "received_date", "incident_date",
     "the incident ({earlier}) cannot be after the referral was received ({later}); check both dates"),
    ("incident_date", "la_aware_date", "la_aware_date",
     "the LA cannot have become aware before the incident date ({earlier}); check both dates"),
    ("la_aware_date", "partners_aware_date", "partners_aware_date",
     "partners became aware before the LA did ({earlier}); check both dates"),
    ("incident_date", "partners_aware_date", "partners_aware_date",
     "partners cannot have become aware before the incident date ({earlier}); check both dates"),
    ("incident_date", "lead_approval_date", "lead_approval_date",
     "the agency lead cannot have approved the referral before the incident ({earlier}); check both dates"),
    ("lead_approval_date", "received_date", "lead_approval_date",
     "the agency lead approves a referral before it is sent, but this approval ({earlier}) is after the "
     "referral was received ({later}); check both dates"),
    ("received_date", "screened_date", "screened_date",
     "the referral cannot have been screened before it was received ({earlier}); check both dates"),
    ("la_aware_date", "sin_sent_date", "la_aware_date",
     "the SIN was sent to the National Panel on {later}, before this date; the LA must have been aware by then: "
     "check both dates"),
    ("la_aware_date", "partners_notified_date", "la_aware_date",
     "the local partners were told on {later}, before this date; the LA must have been aware by then: "
     "check both dates"),
    # The nations' milestones (issue 17).
    ("received_date", "recommendation_date", "recommendation_date",
     "the recommendation cannot come before the referral was received ({earlier}); check both dates"),
    ("recommendation_date", "decision_date", "recommendation_date",
     "the decision was made on {later}, before this recommendation; check both dates"),
    ("decision_date", "decision_notified_date", "decision_notified_date",
     "the decision cannot be notified before it was made ({earlier}); check both dates"),
)


def date_order_problems(dates: dict[str, dt.date | None], *, blame: frozenset[str] = frozenset()
                        ) -> list[UserError]:
    """Every pair of ``dates`` (field → date; missing or None: not known) out of the order of DATE_ORDER, one
    error per field. The error names the rule's field, or the other date when only that one is in ``blame``
    (the fields the user is changing: the fix belongs where the typing was)."""
    errors: list[UserError] = []
    named: set[str] = set()
    for earlier, later, field_name, message in DATE_ORDER:
        first, second = dates.get(earlier), dates.get(later)
        if first is None or second is None or first <= second:
            continue
        other = later if field_name == earlier else earlier
        if blame and field_name not in blame and other in blame:
            field_name = other
        if field_name in named:
            continue
        named.add(field_name)
        errors.append(UserError(field_name, message.format(earlier=f"{first:%d/%m/%Y}",
                                                           later=f"{second:%d/%m/%Y}")))
    return errors


#: No referral's date is earlier: a year before this is a typo ("1025" for "2025", "0001" from a spreadsheet),
#: which would show clocks overdue by centuries.
EARLIEST = dt.date(2000, 1, 1)


def date_problem(name: str, value: dt.date | None, today: dt.date) -> UserError | None:
    """A date of the referral that cannot be: in the future, or before EARLIEST."""
    if value is not None and value > today:
        return UserError(name, f"{value:%d/%m/%Y} is in the future; enter the date it happened")
    if value is not None and value < EARLIEST:
        return UserError(name, f"{value:%d/%m/%Y} is before {EARLIEST.year}; check the year")
    return None


def validate(data: ReferralInput, *, today: dt.date) -> None:
    errors: list[UserError] = []
    if not data.reference.strip():
        errors.append(UserError("reference", "enter the referral reference, e.g. NSCP-2026-001"))
    elif len(data.reference.strip()) > 40:
        errors.append(UserError("reference", "keep the reference under 40 characters"))
    if data.received_date is None:
        errors.append(UserError("received_date", "enter the date the referral was received"))
    children = data.all_children()
    if len(children) > MAX_CHILDREN:
        errors.append(UserError("children", f"one notification covers at most {MAX_CHILDREN} children; "
                                            "make a second referral for the others"))
    seen: set[str] = set()
    for i, child in enumerate(children, start=1):
        where = "child_pseudonym" if i == 1 else f"child {i} pseudonym"
        problem = pseudonym_problem(child.pseudonym, confirmed=data.pseudonym_confirmed)
        if problem:
            errors.append(UserError(where, problem))
        elif child.pseudonym.strip().casefold() in seen:
            errors.append(UserError(where, "two children have the same pseudonym; make them distinct"))
        seen.add(child.pseudonym.strip().casefold())
        if child.age_years is not None and not 0 <= child.age_years <= 25:
            errors.append(UserError(f"child {i} age", "enter an age from 0 to 25 years (care leavers up to 25)"))
        identity = child.identity
        if identity is not None and identity.date_of_birth is not None and identity.date_of_birth > today:
            errors.append(UserError(f"child {i} date of birth", "the date of birth is in the future"))
        elif (identity is not None and identity.date_of_birth is not None and child.role is ChildRole.SUBJECT
              and data.incident_date is not None and identity.date_of_birth > data.incident_date):
            errors.append(UserError(f"child {i} date of birth", f"the child the referral is about was born after "
                                    f"the incident ({data.incident_date:%d/%m/%Y}); check both dates"))
    if data.lead_approval_date is not None and data.lead_approval_date > today:
        errors.append(UserError("lead_approval_date", "the approval date is in the future"))
    elif (refused := date_problem("lead_approval_date", data.lead_approval_date, today)) is not None:
        errors.append(refused)
    for name in ("received_date", "incident_date", "la_aware_date", "partners_aware_date"):
        if (refused := date_problem(name, getattr(data, name), today)) is not None:
            errors.append(refused)
    errors += date_order_problems({name: getattr(data, name) for name in (
        "received_date", "incident_date", "la_aware_date", "partners_aware_date", "lead_approval_date")})
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


def first_child_pseudonym() -> Any:
    """A scalar subquery: the pseudonym of a referral's first child (the subject), for list queries."""
    return (select(ReferralChild.pseudonym).where(ReferralChild.referral_id == Referral.id)
            .order_by(ReferralChild.position).limit(1).scalar_subquery())


def clock_pauses(s: Session, *, reviews: bool = False, ids: Sequence[int] | None = None) -> dict[int, list[PauseRow]]:
    """Every referral's (``reviews``: every review's; ``ids``: only those) clock pauses, open and ended, oldest
    first: owner id → [PauseRow]. Ended pauses stay in "why this date"."""
    owner = ClockPause.review_id if reviews else ClockPause.referral_id
    stmt = (select(owner, ClockPause.clock_key, ClockPause.reason, ClockPause.paused_date, ClockPause.resumed_date,
                   ClockPause.created_by, ClockPause.updated_by)
            .where(owner.is_not(None)).order_by(ClockPause.paused_date, ClockPause.id))
    if ids is not None:
        stmt = stmt.where(owner.in_(list(ids)))
    pauses: dict[int, list[PauseRow]] = defaultdict(list)
    for oid, key, reason, since, until, by, resumer in s.execute(stmt):
        assert oid is not None  # (the query keeps only pauses of this kind of record)
        pauses[oid].append(PauseRow(key, reason, since, until, pause_who(by, resumer, until)))
    return pauses


def pause_who(by: str, resumer: str, until: dt.date | None) -> str:
    """Who paused (and, when someone else ended it, who resumed): "alice" or "alice; resumed by bob"."""
    if until is not None and resumer and resumer != by:
        return f"{by}; resumed by {resumer}" if by else f"resumed by {resumer}"
    return by


class ScreenReader(Protocol):
    """Reads a referral's whole screen in a session (``referral_screen.screen_of``, given by the composition
    root: the screen is built from this module's reads, so this module cannot import it)."""

    def __call__(self, s: Session, referral_id: int, *, today: dt.date, identity: bool) -> object: ...


def with_screen(ctx: ServiceContext, s: Session, changes: Changes, referral_id: int,
                screen_of: ScreenReader | None) -> Changes:
    """``changes`` with the referral's screen as the write leaves it (when the services were given a
    ``screen_of``: the window's are), read in the write's own transaction after its audit rows are linked, so the
    history shows this change too: one more statement instead of a second transaction."""
    if screen_of is None:
        return changes
    from ...models.audit import link_pending

    link_pending(s, read_next=True)  # on a server the audit rows travel with the screen's read
    try:
        screen = screen_of(s, referral_id, today=ctx.today(), identity=ctx.access.identity)
    except DBAPIError:  # the transaction cannot commit now: the unit of work explains it
        raise
    except Exception:
        log.error("referral %s saved; its fresh screen could not be built (the window reads it again)",
                  referral_id, exc_info=True)
        return changes
    return changes.with_fresh(screen)


#: The name other services use (pauses that ended are included: the clocks keep them in "why this date").
open_pauses = clock_pauses


def _joined(value: Any, *where: Any) -> Any:
    """A correlated scalar subquery: the ``value``s of the rows ``where`` selects, joined by SEP (NULL when there
    are none; in no particular order)."""
    return select(func.aggregate_strings(value, SEP)).where(*where).scalar_subquery()


@dataclass(frozen=True)
class ReferralPage:
    """The first rows of the referral list (most urgent first) and how many referrals there are in all."""

    rows: tuple[ReferralRow, ...]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.rows) >= self.total


def _cannot_start(column: Any = Referral.next_missing) -> Any:
    return func.coalesce(column, 0) > 0


def _most_urgent(stmt: Any, limit: int) -> Any:
    """The first ``limit`` rows of ``stmt`` with a stored clock: the referrals whose clocks cannot start (newest
    first), then the rows with a due date down its index, then those with none (nothing open, closed), newest
    first; ONE statement of three limited parts, however full the page."""
    newest = (Referral.received_date.desc(), Referral.id.desc())
    missing = stmt.where(_cannot_start()).order_by(*newest).limit(limit).subquery()
    dated = (stmt.where(Referral.next_due_date.is_not(None), ~_cannot_start())
             .order_by(Referral.next_due_date, *newest).limit(limit).subquery())
    undated = (stmt.where(Referral.next_due_date.is_(None), ~_cannot_start())
               .order_by(*newest).limit(limit).subquery())
    parts = union_all(select(missing), select(dated), select(undated)).subquery()
    return select(parts).order_by(~_cannot_start(parts.c.next_missing), parts.c.next_due_date.is_(None),
                                  parts.c.next_due_date, parts.c.received_date.desc(), parts.c.id.desc()).limit(limit)


def watch_row(rid: int, reference: str, pseudonym: str, received: dt.date, route: Route | None,
              requested: RouteRequested | None, status: ReferralStatus, agencies: tuple[str, ...],
              watch: tuple[ClockSummary, ...], pseudonyms: tuple[str, ...]) -> ReferralRow:
    """A list row from the engine's open clocks (``watch``; empty for a closed referral): what
    :meth:`ReferralService.watch_rows` lists, and the row a write returns with its referral's screen (the list
    shows the row the write left without reading the list again)."""
    nxt = headline(watch)
    return ReferralRow(
        id=rid, reference=reference, pseudonym=pseudonym, received_date=received,
        status=status, route=route, route_requested=requested,
        next_clock=nxt.label if nxt else "", next_due=nxt.due_date if nxt else None,
        working_days_left=nxt.working_days_left if nxt else None, agencies=agencies,
        state_key=nxt.state if nxt else None, paused_reason=nxt.paused_reason if nxt else "",
        state_detail=nxt.detail if nxt else "", open_clocks=watch, pseudonyms=pseudonyms,
        running_due=next((c.due_date for c in watch if c.due_date is not None), None)
        if nxt is not None and nxt.state is ClockState.START_MISSING else None)


class ReferralService:
    def __init__(self, ctx: ServiceContext, *, screen_of: ScreenReader | None = None) -> None:
        self.ctx = ctx
        #: Given (the window's services): writes return the referral's fresh screen in ``Changes.fresh``;
        #: imports and the command line do not pay the extra read.
        self.screen_of = screen_of

    def list_rows(self) -> list[ReferralRow]:
        """Every referral with its headline clock, most urgent first (by next due date; no date last; newest
        first among equals). The clock comes from the stored values (services/referrals/next_due.py), its state derived
        for today; ``open_clocks`` is left empty (see :meth:`watch_rows`)."""
        return list(self.first_rows(None).rows)

    def first_rows(self, limit: int | None, *, repair: bool = True) -> ReferralPage:
        """The first ``limit`` rows of :meth:`list_rows` (None: all) and how many there are in all: ONE statement
        (no transaction block on a server: one round trip) walking the stored next due date's index, with the
        clock context's version (services/clock_context.py: the settings and closure days come from the process's
        cache when that version says they are current, else are read and the page read again). Should the stored
        clocks be out of date, a login that may edit stores them afresh (``repair``) and a viewer's page is
        computed from the engine."""
        from .. import clock_context
        from .next_due import any_stale, stored_rows

        today = self.ctx.today()
        with self.ctx.read_one() as s:  # one statement (a second only when settings or stored clocks moved)
            stmt = (select(Referral.id, Referral.reference, first_child_pseudonym().label("pseudonym"),
                           Referral.received_date, Referral.route, Referral.route_requested, Referral.status,
                           Referral.next_clock, Referral.next_due_date, Referral.next_paused_reason,
                           Referral.next_missing, Referral.next_missing_clock, Referral.next_due_basis, _joined(
                               Agency.name, referral_agency.c.agency_id == Agency.id,
                               referral_agency.c.referral_id == Referral.id).label("agencies"),
                           _joined(cast(ReferralChild.position, String).concat(":").concat(ReferralChild.pseudonym),
                                   ReferralChild.referral_id == Referral.id).label("children")))
            stmt = stmt.add_columns(clock_context.version_column())
            context = clock_context.latest(s)
            for _attempt in range(3):  # again only if the settings or closure days changed meanwhile
                settings, closures = context.settings, context.closures
                if limit is None:
                    rows = list(s.execute(stmt.order_by(~_cannot_start(), Referral.next_due_date.is_(None),
                                                        Referral.next_due_date, Referral.received_date.desc(),
                                                        Referral.id.desc())))
                    total = len(rows)
                else:
                    # Clocks that cannot start (no due date) come first, as in the engine's open_clocks; then
                    # the next-due index walk, never a deadline sorted away (see _most_urgent). Whether every
                    # stored clock is current under this context comes in the same row (else the stored order
                    # cannot be trusted).
                    paged = stmt.add_columns(select(func.count(Referral.id)).scalar_subquery().label("total"),
                                            any_stale(settings, closures).label("stale"))
                    rows = list(s.execute(_most_urgent(paged, limit)))
                    total = rows[0].total if rows else 0
                    if rows and rows[0].stale:
                        total = -1
                confirmed = clock_context.confirm(s, rows[0].clock_context if rows else None, context)
                if confirmed is context or limit is None:  # (the whole list's SQL does not depend on it)
                    context = confirmed
                    break
                context = confirmed
            settings, closures = context.settings, context.closures
            stored = stored_rows(s, rows, settings, closures) if total >= 0 else {}
        if total < 0:  # store the clocks afresh (if this login may), or compute them all
            if repair and self._restore_clocks():
                return self.first_rows(limit, repair=False)
            page = self.first_rows(None)
            return ReferralPage(page.rows[:limit], page.total)
        ruleset = settings.ruleset
        result = []
        for row in rows:
            result.append(stored_row(row, stored[row.id], today=today, ruleset=ruleset, closures=closures))
        # The query's order, unless a row had to be computed by the engine (its stored due date was not current).
        result.sort(key=urgency)
        return ReferralPage(tuple(result), total)

    def _restore_clocks(self) -> bool:
        """Store every out-of-date headline clock (a new holiday package, a row another version wrote) so the
        next start reads one page again; False when this login may not write or the write failed."""
        from .next_due import refresh_next_due

        if not self.ctx.access.edit:
            return False
        try:
            with self.ctx.unit_of_work() as s:
                written = refresh_next_due(s)
        except ScpdeskError as exc:
            log.warning("stored referral clocks not refreshed: %s", type(exc).__name__)
            return False
        log.info("stored referral clocks refreshed: %d row(s)", written)
        return True

    def watch_rows(self) -> list[ReferralRow]:
        """Every referral with *every* open clock computed by the engine (``open_clocks``), newest first: for
        ``scpdesk deadlines`` and anything that needs more than the headline. The list uses :meth:`list_rows`."""
        today = self.ctx.today()
        with self.ctx.read() as s:
            settings = load_settings(s)
            closures = load_closures(s)
            stmt = (select(Referral.id, Referral.reference, first_child_pseudonym(), Referral.received_date,
                           Referral.route, Referral.route_requested, Referral.status, Referral.la_aware_date,
                           Referral.partners_aware_date, Referral.partners_notified_date, Referral.sin_sent_date,
                           RapidReview.completed_date, RapidReview.sent_to_panel_date,
                           RapidReview.panel_response_date, Referral.recommendation_date, Referral.decision,
                           Referral.decision_date, Referral.decision_notified_date)
                    .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
                    .order_by(Referral.received_date.desc(), Referral.id.desc()))
            rows = s.execute(stmt).all()
            involved: dict[int, list[str]] = defaultdict(list)
            for rid, name in s.execute(select(referral_agency.c.referral_id, Agency.name)
                                       .join(Agency, Agency.id == referral_agency.c.agency_id)):
                involved[rid].append(name)
            pauses = open_pauses(s)
            children: dict[int, list[str]] = defaultdict(list)
            for rid, name in s.execute(select(ReferralChild.referral_id, ReferralChild.pseudonym)
                                       .order_by(ReferralChild.referral_id, ReferralChild.position)):
                children[rid].append(name)
        result = []
        for (rid, ref, pseud, received, route, requested, status, la, pa, pn, sin, done, sent, resp, rec, what,
             decided, told) in rows:
            watch: tuple[ClockSummary, ...] = ()
            if status is not ReferralStatus.CLOSED:  # a closed referral has no clock to show in the list
                watch = open_clocks(referral_clocks(
                    route=route, la_aware=la, partners_aware=pa, partners_notified=pn, sin_sent=sin,
                    rr_completed=done, rr_sent=sent, panel_response=resp, received=received, recommendation=rec,
                    decision=what, decided=decided, decision_notified=told, pauses=pauses.get(rid, ()), today=today,
                    settings=settings, closures=closures))
            result.append(watch_row(rid, ref, pseud or "", received, route, requested, status,
                                    tuple(sorted(involved.get(rid, ()))), watch, tuple(children.get(rid, ()))))
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
                received=referral.received_date, recommendation=referral.recommendation_date,
                decision=referral.decision, decided=referral.decision_date,
                decision_notified=referral.decision_notified_date,
                pauses=[PauseRow(p.clock_key, p.reason, p.paused_date, p.resumed_date,
                                 pause_who(p.created_by, p.updated_by, p.resumed_date))
                        for p in sorted(referral.pauses, key=lambda p: (p.paused_date, p.id))],
                today=today, settings=settings, closures=closures)
            return ReferralDetail(
                id=referral.id, version=referral.version, reference=referral.reference,
                received_date=referral.received_date, route_requested=referral.route_requested,
                route=referral.route, status=referral.status, incident_date=referral.incident_date,
                la_aware_date=referral.la_aware_date, partners_aware_date=referral.partners_aware_date,
                summary=referral.summary, reason=referral.reason, sin_reference=referral.sin_reference,
                sin_sent_date=referral.sin_sent_date,
                children=tuple(ChildDTO(c.position, c.pseudonym, c.role, c.age_years, c.age_band,
                                        c.legal_status_now, c.sex, c.legal_status_6m)
                               for c in referral.children),
                agencies=tuple(sorted(a.name for a in referral.agencies)), clocks=tuple(clocks),
                updated_by=referral.updated_by, updated_at=referral.updated_at,
                referrer=", ".join(x for x in (referral.referrer_name, referral.referrer_role) if x),
                referrer_agency=(s.scalar(select(Agency.name).where(Agency.id == referral.referrer_agency_id))
                                 or "") if referral.referrer_agency_id else "",
                lead_approval=" on ".join(x for x in (referral.lead_approval_name,
                                                      f"{referral.lead_approval_date:%d/%m/%Y}"
                                                      if referral.lead_approval_date else "") if x),
                incident_type=referral.incident_type, abuse_neglect=referral.abuse_neglect,
                partners_notified_date=referral.partners_notified_date, screened_date=referral.screened_date,
                screening_notes=referral.screening_notes, decision=referral.decision,
                decision_date=referral.decision_date, decision_rationale=referral.decision_rationale,
                recommendation_date=referral.recommendation_date,
                decision_notified_date=referral.decision_notified_date, rule_set=settings.rule_set,
                criteria=(referral.criteria_improvements, referral.criteria_recurrent_themes,
                          referral.criteria_multi_agency, referral.criteria_panel_suggested),
                agency_ids=tuple(a.id for a in referral.agencies),
                reviews=tuple(s.scalars(select(Review.reference).where(Review.referral_id == referral.id))))

    def create(self, data: ReferralInput) -> tuple[int, Changes]:
        """Intake: validate, then save the referral, its first child and agencies in one transaction."""
        data = replace(data, reference=data.reference.strip(), child_pseudonym=data.child_pseudonym.strip(),
                       children=tuple(replace(c, pseudonym=c.pseudonym.strip()) for c in data.children))
        validate(data, today=self.ctx.today())
        require_storable("reference", data.reference)
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
                referrer_agency_id=data.referrer_agency_id, status=ReferralStatus.RECEIVED,
                referrer_name=data.referrer_name.strip(), referrer_role=data.referrer_role.strip(),
                referrer_contact=data.referrer_contact.strip(), lead_approval_name=data.lead_approval_name.strip(),
                lead_approval_date=data.lead_approval_date, incident_type=data.incident_type,
                abuse_neglect=data.abuse_neglect)
            referral.children = [self._child(position, child)
                                 for position, child in enumerate(data.all_children(), start=1)]
            referral.agencies = agencies
            s.add(referral)
            s.flush()
            return referral.id, with_screen(self.ctx, s, Changes.of("referral", referral.id), referral.id,
                                            self.screen_of)

    @staticmethod
    def _child(position: int, child: ChildInput) -> ReferralChild:
        row = ReferralChild(position=position, pseudonym=child.pseudonym, role=child.role,
                            age_years=child.age_years, age_band=child.age_band.strip(), sex=child.sex,
                            legal_status_now=child.legal_status_now, legal_status_6m=child.legal_status_6m)
        if child.identity is not None and not child.identity.empty:
            i = child.identity
            row.identity = ChildIdentity(full_name=i.full_name.strip(), date_of_birth=i.date_of_birth,
                                         nhs_number=i.nhs_number.strip(), address=i.address.strip())
        return row

    def identities(self, referral_id: int) -> list[tuple[str, IdentityInput]]:
        """The real identities (pseudonym, identity) of a referral's children, for the marked identity section
        only. Every read is audited (which identity rows and fields were shown, never the values)."""
        with self.ctx.unit_of_work() as s:
            rows = s.execute(select(ReferralChild.pseudonym, ChildIdentity)
                             .join(ChildIdentity, ChildIdentity.child_id == ReferralChild.id)
                             .where(ReferralChild.referral_id == referral_id).order_by(ReferralChild.position)).all()
            for _p, i in rows:
                record(s, AuditAction.READ, "child_identity", i.id, field="shown",
                       new=f"referral {referral_id}: full_name, date_of_birth, nhs_number, address")
            return [(p, IdentityInput(i.full_name, i.date_of_birth, i.nhs_number, i.address)) for p, i in rows]

    def editable(self, referral_id: int) -> dict[str, Any]:
        """The current values of the fields ``update`` accepts (for an edit form): one statement."""
        with self.ctx.read_one() as s:
            referral = s.get(Referral, referral_id)
            if referral is None:
                raise NotFoundError("referral", referral_id)
            return {name: getattr(referral, name) for name in sorted(self.EDITABLE)}

    #: Fields ``update`` may change directly (workflow transitions come with the referrals tab).
    EDITABLE = frozenset({"summary", "reason", "incident_date", "la_aware_date", "partners_aware_date",
                          "referrer_name", "referrer_role", "referrer_contact", "route_requested",
                          "incident_type", "abuse_neglect", "lead_approval_name", "lead_approval_date",
                          # the nations' milestones (migration 0012)
                          "recommendation_date", "decision_notified_date"})

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
            for name in ("incident_date", "la_aware_date", "partners_aware_date", "lead_approval_date",
                         "recommendation_date", "decision_notified_date"):
                if (problem := date_problem(name, changes.get(name), today)) is not None:
                    raise problem
            if "la_aware_date" in changes and changes["la_aware_date"] is None and referral.la_aware_date:
                step = next(((what, when) for what, when in (("the SIN was sent", referral.sin_sent_date), (
                    "the local partners were told", referral.partners_notified_date)) if when is not None), None)
                if step is not None:
                    raise UserError("la_aware_date", f"{step[0]} on {step[1]:%d/%m/%Y}, so the LA was aware by then "
                                    "and the clocks count from that date; correct it rather than clear it")
            merged = {name: changes.get(name, getattr(referral, name)) for name in (
                "received_date", "incident_date", "la_aware_date", "partners_aware_date", "lead_approval_date",
                "screened_date", "sin_sent_date", "partners_notified_date", "recommendation_date", "decision_date",
                "decision_notified_date")}
            errors = date_order_problems(merged, blame=frozenset(changes))
            if errors:
                raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
            for name, value in changes.items():
                setattr(referral, name, value)
            return with_screen(self.ctx, s, Changes.of("referral", referral_id), referral_id,
                               self.screen_of)


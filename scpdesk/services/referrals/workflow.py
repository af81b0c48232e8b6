"""The referral flow of domain.md §3 as explicit actions. One rule, one place: the Referrals tab, the Rapid
Review Panel tab and the command line all move a referral through these methods only.

Every action checks that it is allowed from the referral's current state (invalid transitions raise
``UserError`` naming the action), validates what it is given (errors name the field), refuses a stale edit
(``ConflictError``) and is audited in the same transaction.

Versions: the referral is the aggregate. Every action that replaces a value (a step, a rapid review field, a
summary's notes, a sign-off, a safety action done, a clock resumed) takes ``expected_version``, the version of
the *referral* the user saw (``ReferralDetail.version``), and every action moves that version. Two people
changing different parts of one referral at once may therefore be told of each other; that is the price of
never overwriting silently. Actions that only add a record (a safety action, a pause, a summary request) take
no version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from ...errors import ConflictError, NeedsConfirmation, NotFoundError, UserError, ValidationErrors
from ...models import (
    Agency,
    AgencySummary,
    ClockPause,
    PartnerSignoff,
    Person,
    RapidReview,
    Referral,
    Review,
    SafetyAction,
    Theme,
)
from ...models.audit import record
from ...models.base import utcnow
from ...models.enums import AuditAction, Decision, Partner, ReferralStatus, ReviewStatus, ReviewType, Route, label
from ...models.referrals import rapid_review_theme
from ...models.timeframes import RULE_SETS
from ...models.words import decision_text, review_type_text
from ..clocks import REFERRAL_CLOCKS
from ..dto import Changes, PauseDTO
from ..people import named_person, owner_words, person_owner
from ..settings import load_closures, load_settings
from ..uow import UNCHECKED, ServiceContext
from .referrals import ScreenReader, pause_who, with_screen

S = ReferralStatus

#: Where each action may be taken from. The UI offers exactly these; the service enforces them.
ALLOWED: dict[str, frozenset[ReferralStatus]] = {
    "screen": frozenset({S.RECEIVED, S.SCREENING}),
    "record_sin": frozenset({S.SCREENING}),
    "notify_partners": frozenset({S.SCREENING, S.SIN_SENT, S.RAPID_REVIEW}),
    "start_rapid_review": frozenset({S.SIN_SENT}),
    "rapid_review_work": frozenset({S.RAPID_REVIEW}),
    "complete_rapid_review": frozenset({S.RAPID_REVIEW}),
    "send_to_panel": frozenset({S.RAPID_REVIEW}),
    "record_panel_response": frozenset({S.RR_SENT}),
    "decide": frozenset({S.RR_SENT, S.PANEL_RESPONDED, S.LEARNING_REVIEW}),
    "pause_clock": frozenset({S.RECEIVED, S.SCREENING, S.SIN_SENT, S.RAPID_REVIEW, S.RR_SENT}),
}

ACTION_LABELS = {
    "screen": "Screen",
    "record_sin": "Record SIN sent",
    "notify_partners": "Record partners told",
    "start_rapid_review": "Start rapid review",
    "rapid_review_work": "Rapid review work",
    "complete_rapid_review": "Mark rapid review complete",
    "send_to_panel": "Record sent to Panel",
    "record_panel_response": "Record Panel response",
    "decide": "Record decision",
    "pause_clock": "Pause a clock",
}

#: Decisions open to each route: the rapid review route decides on an LCSPR; the QA&S group on learning.
RAPID_REVIEW_DECISIONS = (Decision.LCSPR, Decision.LEARNING_SUMMARY, Decision.NATIONAL_REVIEW,
                          Decision.OTHER_LEARNING, Decision.NO_FURTHER_REVIEW)
LEARNING_REVIEW_DECISIONS = (Decision.PLR, Decision.OTHER_LEARNING, Decision.NO_FURTHER_REVIEW)

#: The library record each decision creates (``None``: no follow-on record).
FOLLOW_ON: dict[Decision, tuple[ReviewType, ReviewStatus] | None] = {
    Decision.LCSPR: (ReviewType.LCSPR, ReviewStatus.COMMISSIONED),
    Decision.LEARNING_SUMMARY: (ReviewType.LEARNING_SUMMARY, ReviewStatus.COMMISSIONED),
    Decision.PLR: (ReviewType.PLR, ReviewStatus.COMMISSIONED),
    Decision.NATIONAL_REVIEW: (ReviewType.NATIONAL, ReviewStatus.COMMISSIONED),
    Decision.OTHER_LEARNING: None,
    Decision.NO_FURTHER_REVIEW: None,
    # The nations' reviews (issue 17): the decision commissions the review its clocks run on.
    Decision.CPR_CONCISE: (ReviewType.CPR_CONCISE, ReviewStatus.COMMISSIONED),
    Decision.CPR_EXTENDED: (ReviewType.CPR_EXTENDED, ReviewStatus.COMMISSIONED),
    Decision.LEARNING_REVIEW: (ReviewType.LEARNING_REVIEW, ReviewStatus.COMMISSIONED),
    Decision.CMR: (ReviewType.CMR, ReviewStatus.COMMISSIONED),
}


def nation_decisions(rule_set: str) -> tuple[Decision, ...] | None:
    """The decisions open under a nation's rule set (whatever the route), or None under England's, where the
    route decides (RAPID_REVIEW_DECISIONS / LEARNING_REVIEW_DECISIONS)."""
    if rule_set == "england" or rule_set not in RULE_SETS:
        return None
    return tuple(Decision(d) for d in RULE_SETS[rule_set].decisions)

#: Rapid review summaries are asked back within this many working days unless the user says otherwise.
DEFAULT_SUMMARY_WORKING_DAYS = 5


@dataclass(frozen=True)
class ActionInfo:
    key: str
    label: str
    enabled: bool
    why_not: str = ""


@dataclass(frozen=True)
class Criteria:
    """The four LCSPR criteria the partners weigh (domain.md §4), each recorded yes or no."""

    improvements: bool
    recurrent_themes: bool
    multi_agency: bool
    panel_suggested: bool


@dataclass(frozen=True)
class SummaryDTO:
    agency_id: int
    agency: str
    requested_date: dt.date | None
    due_date: dt.date | None
    received_date: dt.date | None
    notes: str
    #: The name of the person asked for it; "" when only the agency was asked.
    person: str = ""

    @property
    def outstanding(self) -> bool:
        return self.received_date is None


@dataclass(frozen=True)
class SafetyActionDTO:
    id: int
    description: str
    #: "Name (Agency)" when a person owns it, else the agency ("" for no owner): ``people.owner_words``.
    owner: str
    due_date: dt.date | None
    done_date: dt.date | None
    owner_person_id: int | None = None


@dataclass(frozen=True)
class SignoffDTO:
    partner: Partner
    name: str
    signed_date: dt.date
    #: The directory person who signed (None: a name typed before people could be chosen) and their agency.
    person_id: int | None = None
    agency: str = ""

    @property
    def signed_by(self) -> str:
        return owner_words(self.name, self.agency)


@dataclass(frozen=True)
class RapidReviewDTO:
    id: int
    version: int
    started_date: dt.date | None
    strengths: str
    emerging_learning: str
    completed_date: dt.date | None
    sent_to_panel_date: dt.date | None
    panel_response_date: dt.date | None
    panel_view: str
    summaries: tuple[SummaryDTO, ...]
    safety_actions: tuple[SafetyActionDTO, ...]
    signoffs: tuple[SignoffDTO, ...]
    themes: tuple[str, ...]

    @property
    def outstanding_summaries(self) -> tuple[str, ...]:
        return tuple(s.agency for s in self.summaries if s.outstanding)

    @property
    def missing_signoffs(self) -> tuple[Partner, ...]:
        signed = {s.partner for s in self.signoffs}
        return tuple(p for p in Partner if p not in signed)


def _require_date(field: str, value: dt.date | None, today: dt.date, *, after: dt.date | None = None,
                  after_what: str = "") -> dt.date:
    if value is None:
        raise UserError(field, "enter the date")
    if value > today:
        raise UserError(field, f"{value:%d/%m/%Y} is in the future; enter the date it happened")
    if after is not None and value < after:
        raise UserError(field, f"{value:%d/%m/%Y} is before {after_what} ({after:%d/%m/%Y}); check the dates")
    return value


def _require_text(field: str, value: str, what: str, *, limit: int | None = None) -> str:
    text = (value or "").strip()
    if not text:
        raise UserError(field, f"enter {what}")
    if limit is not None and len(text) > limit:
        raise UserError(field, f"keep it under {limit} characters")
    return text


@dataclass(frozen=True)
class Progress:
    """What the workflow's rules look at: the referral's state and its rapid review's (read from the entities
    in a write, or from a screen's DTOs: the same rules either way)."""

    status: ReferralStatus
    route: Route | None
    sin_sent_date: dt.date | None
    rr_started: bool = False
    rr_completed: dt.date | None = None
    signed: frozenset[Partner] = frozenset()
    #: Under a nation's rule set the Board chair / CPC / SBNI chair decides once the referral is open, with no
    #: rapid review to send first.
    nation: bool = False
    #: Under a rule set whose decision counts from a recommendation (Wales's case review group, Scotland's to the
    #: CPC) that is not recorded yet: its words ("case review group recommended"); "" otherwise.
    recommendation_missing: str = ""

    @classmethod
    def of(cls, referral: Referral, rr: RapidReview | None, *, nation: bool = False,
           rule_set: str = "england") -> Progress:
        return cls(referral.status, referral.route, referral.sin_sent_date, rr is not None,
                   rr.completed_date if rr is not None else None,
                   frozenset(x.partner for x in rr.signoffs) if rr is not None else frozenset(), nation,
                   recommendation_missing(rule_set, referral.recommendation_date) if nation else "")


def recommendation_missing(rule_set: str, recommendation: dt.date | None) -> str:
    """The words of the recommendation a rule set's decision counts from ("case review group recommended"), when
    it has one and it is not recorded; "" otherwise (England, Northern Ireland, or recorded)."""
    rules = RULE_SETS.get(rule_set)
    if recommendation is not None or rules is None or not any(r.start_event == "recommendation" for r in rules.rules):
        return ""
    return dict(rules.event_labels).get("recommendation", "recommendation made")


def _blocker(key: str, p: Progress) -> tuple[str, str] | None:
    """Why action ``key`` cannot be taken now, as (field, reason); ``None`` when it can. The one place both
    ``available_actions`` (what the UI offers) and every action (what the service enforces) ask."""
    status = p.status
    if key == "decide" and p.nation:
        if status in (S.DECIDED, S.CLOSED):
            return "action", f"not while the referral is '{label(status)}'"
        if p.recommendation_missing:  # else the recommendation's clock would stay overdue for good
            return "recommendation_date", (f"record the date '{p.recommendation_missing}' first (Edit details): "
                                           "the decision's clock counts from it")
        return None
    if key == "start_rapid_review" and p.sin_sent_date is None and status in (S.RECEIVED, S.SCREENING):
        return "action", "record the SIN sent to the National Panel first: a rapid review cannot start without it"
    if status not in ALLOWED[key]:
        return "action", f"not while the referral is '{label(status)}'"
    if key == "record_sin" and p.route is not Route.RAPID_REVIEW:
        return "action", "screen the referral to the rapid review route first"
    if key == "complete_rapid_review":
        if not p.rr_started:
            return "action", "start the rapid review first"
        if p.rr_completed is not None:
            return "action", "already marked complete"
        missing = [label(x) for x in Partner if x not in p.signed]
        if missing:
            return "signoffs", "the rapid review needs the sign-off of " + ", ".join(missing)
    if key == "send_to_panel" and p.rr_completed is None:
        return "action", "mark the rapid review complete first"
    return None


def actions_for(progress: Progress) -> list[ActionInfo]:
    """Every action of the flow, enabled or with the reason it is not (what the Referrals tab offers)."""
    result = []
    for key in ALLOWED:
        blocker = _blocker(key, progress)
        result.append(ActionInfo(key, ACTION_LABELS[key], blocker is None, blocker[1] if blocker else ""))
    return result


#: Decisions that say the LCSPR criteria are met (domain.md §2): with none of the four ticked, ask first.
CRITERIA_DECISIONS = frozenset({Decision.LCSPR, Decision.LEARNING_SUMMARY})


def _confirm(s: Session, confirmed: bool, action: str, entity: str, entity_id: int, reasons: list[str]) -> None:
    """A risky step: refuse with NeedsConfirmation (nothing is saved) unless the user confirmed, and then
    record in the audit, in the same transaction, that it was confirmed and why it was asked."""
    if not confirmed:
        raise NeedsConfirmation(ACTION_LABELS.get(action, action), reasons)
    record(s, AuditAction.UPDATE, entity, entity_id, field="confirmed",
           new=f"{ACTION_LABELS.get(action, action)} confirmed: " + "; ".join(reasons))


def _partner_words(partner: Partner | str) -> str:
    """A statutory partner in a sentence: "local authority", "police", "ICB"."""
    words = label(Partner(partner))
    return words if words.isupper() else words.lower()


class WorkflowService:
    def __init__(self, ctx: ServiceContext, *, screen_of: ScreenReader | None = None) -> None:
        self.ctx = ctx
        #: Every action returns the referral's fresh ``ReferralScreen`` in ``Changes.fresh`` (see
        #: ``referrals.with_screen``).
        self.screen_of = screen_of

    # Reading ------------------------------------------------------------------------------------------
    def available_actions(self, referral_id: int) -> list[ActionInfo]:
        with self.ctx.read() as s:
            referral = self._load(s, referral_id)
            rule_set = load_settings(s).rule_set
            return actions_for(Progress.of(referral, referral.rapid_review, nation=rule_set != "england",
                                           rule_set=rule_set))

    def rapid_review(self, referral_id: int) -> RapidReviewDTO | None:
        with self.ctx.read() as s:
            rr = s.scalars(select(RapidReview).where(RapidReview.referral_id == referral_id).options(
                selectinload(RapidReview.summaries), selectinload(RapidReview.safety_actions),
                selectinload(RapidReview.signoffs), selectinload(RapidReview.themes))).one_or_none()
            if rr is None:
                return None
            names = dict(s.execute(select(Agency.id, Agency.name)).all())
            people = {pid: (name, agency_id) for pid, name, agency_id
                      in s.execute(select(Person.id, Person.name, Person.agency_id))}

            def person(pid: int | None) -> str:
                return people[pid][0] if pid in people else ""

            def owner(pid: int | None, agency_id: int | None) -> str:
                return owner_words(person(pid), names.get(agency_id or 0))

            return RapidReviewDTO(
                id=rr.id, version=rr.version, started_date=rr.started_date, strengths=rr.strengths,
                emerging_learning=rr.emerging_learning, completed_date=rr.completed_date,
                sent_to_panel_date=rr.sent_to_panel_date, panel_response_date=rr.panel_response_date,
                panel_view=rr.panel_view,
                summaries=tuple(sorted((SummaryDTO(x.agency_id, names.get(x.agency_id, "?"), x.requested_date,
                                                   x.due_date, x.received_date, x.notes, person(x.person_id))
                                        for x in rr.summaries),
                                       key=lambda x: x.agency.casefold())),
                safety_actions=tuple(SafetyActionDTO(a.id, a.description, owner(a.owner_person_id, a.owner_agency_id),
                                                     a.due_date, a.done_date, a.owner_person_id)
                                     for a in sorted(rr.safety_actions, key=lambda a: a.id)),
                signoffs=tuple(SignoffDTO(x.partner, x.name, x.signed_date, x.person_id,
                                          names.get(people[x.person_id][1] or 0, "") if x.person_id in people else "")
                               for x in sorted(rr.signoffs, key=lambda x: list(Partner).index(x.partner))),
                themes=tuple(sorted(t.name for t in rr.themes)))

    def pauses(self, referral_id: int) -> list[PauseDTO]:
        with self.ctx.read() as s:
            rows = s.scalars(select(ClockPause).where(ClockPause.referral_id == referral_id)
                             .order_by(ClockPause.paused_date, ClockPause.id))
            return [PauseDTO(p.id, p.clock_key, p.reason, p.paused_date, p.resumed_date,
                             pause_who(p.created_by, p.updated_by, p.resumed_date)) for p in rows]

    # Internals ----------------------------------------------------------------------------------------
    def _load(self, s: Session, referral_id: int, *, lock: bool = False) -> Referral:
        # The rapid review joined in the same statement (one to one); its sign-offs only when there is one.
        stmt = select(Referral).where(Referral.id == referral_id).options(
            joinedload(Referral.rapid_review).selectinload(RapidReview.signoffs))
        if lock and not self.ctx.db.is_sqlite:
            stmt = stmt.with_for_update(of=Referral)
        referral = s.scalars(stmt).one_or_none()
        if referral is None:
            raise NotFoundError("referral", referral_id)
        return referral

    def _act(self, referral_id: int, expected_version: int, action: str | None,
             body: Callable[[Session, Referral], Changes | None]) -> Changes:
        """Load, check the referral's version against the one the user saw, check the transition (``action``
        None: no transition), run ``body``; bump the referral's version."""
        return self._write(referral_id, expected_version, action, body)

    def _append(self, referral_id: int, action: str | None,
                body: Callable[[Session, Referral], Changes | None]) -> Changes:
        """As ``_act`` for an action that only adds a record (a safety action, a pause, a summary request):
        nothing the user saw is replaced, so no version is asked for; the referral's version still moves."""
        return self._write(referral_id, UNCHECKED, action, body)

    def _write(self, referral_id: int, expected_version: int | None, action: str | None,
               body: Callable[[Session, Referral], Changes | None]) -> Changes:
        with self.ctx.unit_of_work() as s:
            referral = self._load(s, referral_id, lock=True)
            if expected_version is not UNCHECKED and referral.version != expected_version:
                raise ConflictError("referral", referral_id, referral.updated_by,
                                    f"{referral.updated_at:%d/%m/%Y %H:%M} UTC")
            if action is not None:
                blocker = _blocker(action, Progress.of(referral, referral.rapid_review))
                rule_set = load_settings(s).rule_set if blocker is not None and action == "decide" else "england"
                if rule_set != "england":
                    # Under a nation's rule set the decision needs no rapid review first (the settings are read
                    # only then: England's steps keep their round trips).
                    blocker = _blocker(action, Progress.of(referral, referral.rapid_review, nation=True,
                                                           rule_set=rule_set))
                if blocker is not None:
                    raise UserError(blocker[0], f"{ACTION_LABELS[action]}: {blocker[1]}")
            extra = body(s, referral)
            # Every action changes the referral aggregate: touch it so its version moves and a colleague
            # working from the old version is told who, even when only a child row (a summary, a sign-off)
            # changed (the audit hook stamps updated_by only when an audited column of the row changed).
            referral.updated_at = utcnow()
            referral.updated_by = self.ctx.user
            changes = Changes.of("referral", referral_id)
            changes = changes | extra if extra is not None else changes
            return with_screen(self.ctx, s, changes, referral_id, self.screen_of)

    def _rr(self, s: Session, referral: Referral) -> RapidReview:
        rr = referral.rapid_review
        if rr is None:
            raise UserError("action", "start the rapid review first")
        return rr

    # Actions ------------------------------------------------------------------------------------------
    def screen(self, referral_id: int, expected_version: int, *, route: Route,
               screened_date: dt.date | None, notes: str = "") -> Changes:
        """Screening: rapid review (a serious incident: SIN next), learning review (QA&S), single-agency
        audit or no further action (both close the referral)."""
        today = self.ctx.today()
        try:
            route = Route(route)
        except ValueError:
            raise UserError("route", "choose where screening sends the referral") from None

        def body(s: Session, r: Referral) -> None:
            when = _require_date("screened_date", screened_date, today, after=r.received_date,
                                 after_what="the date the referral was received")
            if route in (Route.SINGLE_AGENCY_AUDIT, Route.NO_FURTHER_ACTION) and not notes.strip():
                raise UserError("notes", "say why the referral goes no further (it is kept on record)")
            r.route, r.screened_date, r.screening_notes = route, when, notes.strip()
            r.status = {Route.RAPID_REVIEW: S.SCREENING, Route.LEARNING_REVIEW: S.LEARNING_REVIEW}.get(route, S.CLOSED)
            return None

        return self._act(referral_id, expected_version, "screen", body)

    def record_sin(self, referral_id: int, expected_version: int, *, sin_reference: str,
                   sent_date: dt.date | None) -> Changes:
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            ref = _require_text("sin_reference", sin_reference, "the notification's reference from the Panel's "
                                "system", limit=60)
            when = _require_date("sin_sent_date", sent_date, today, after=r.la_aware_date,
                                 after_what="the date the LA became aware")
            r.sin_reference, r.sin_sent_date, r.status = ref, when, S.SIN_SENT
            return None

        return self._act(referral_id, expected_version, "record_sin", body)

    def notify_partners(self, referral_id: int, expected_version: int, *,
                        notified_date: dt.date | None) -> Changes:
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            r.partners_notified_date = _require_date("partners_notified_date", notified_date, today,
                                                     after=r.la_aware_date, after_what="the date the LA became aware")
            return None

        return self._act(referral_id, expected_version, "notify_partners", body)

    def start_rapid_review(self, referral_id: int, expected_version: int, *, started_date: dt.date | None,
                           agency_ids: Iterable[int], summaries_due: dt.date | None = None) -> Changes:
        """Open the rapid review and ask each chosen agency for its summary (IAS)."""
        today = self.ctx.today()
        wanted = sorted(set(agency_ids))

        def body(s: Session, r: Referral) -> Changes:
            when = _require_date("started_date", started_date, today, after=r.sin_sent_date,
                                 after_what="the SIN")
            if not wanted:
                raise UserError("agencies", "choose the agencies asked for a summary")
            found = set(s.scalars(select(Agency.id).where(Agency.id.in_(wanted))))
            if found != set(wanted):
                raise UserError("agencies", "one of the chosen agencies no longer exists; choose again")
            calendar = load_settings(s).ruleset.calendar
            due = summaries_due or calendar.add_working_days(when, DEFAULT_SUMMARY_WORKING_DAYS,
                                                             closures=load_closures(s))
            if due < when:
                raise UserError("summaries_due", "the summaries cannot be due before they were asked for")
            rr = RapidReview(referral_id=r.id, started_date=when)
            rr.summaries = [AgencySummary(agency_id=a, requested_date=when, due_date=due) for a in wanted]
            s.add(rr)
            r.status = S.RAPID_REVIEW
            s.flush()
            return Changes.of("rapid_review", rr.id)

        return self._act(referral_id, expected_version, "start_rapid_review", body)

    def request_summaries(self, referral_id: int, *, agency_ids: Iterable[int], requested_date: dt.date | None,
                          due_date: dt.date | None, person_ids: Iterable[int] = ()) -> Changes:
        """Ask more agencies for their summary. ``person_ids``: named people asked; each one's agency is asked
        (it follows the person) and the summary names them (a summary already asked of their agency without a
        name gets it)."""
        today = self.ctx.today()
        named = sorted(set(person_ids))

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            when = _require_date("requested_date", requested_date, today, after=rr.started_date,
                                 after_what="the rapid review started")
            if due_date is None or due_date < when:
                raise UserError("due_date", "enter a due date on or after the request")
            asked: dict[int, Person] = {}  # agency → the person asked there
            for pid in named:
                person = named_person(s, pid, "people")
                assert person is not None
                if person.agency_id is None:
                    raise UserError("people", f"{person.name} has no agency in the directory; give them one, or "
                                              "ask their agency instead")
                if person.agency_id in asked:
                    raise UserError("people", f"{asked[person.agency_id].name} and {person.name} are in the same "
                                              "agency; one summary is asked of each agency, so name one of them")
                asked[person.agency_id] = person
            wanted = set(agency_ids) | set(asked)
            if not wanted:
                raise UserError("agencies", "choose the agencies (or the people) asked for a summary")
            if set(s.scalars(select(Agency.id).where(Agency.id.in_(wanted)))) != wanted:
                raise UserError("agencies", "one of the chosen agencies no longer exists; choose again")
            have = {x.agency_id: x for x in s.scalars(select(AgencySummary).where(
                AgencySummary.rapid_review_id == rr.id))}
            for agency_id in sorted(wanted):
                person = asked.get(agency_id)
                summary = have.get(agency_id)
                if summary is None:
                    summary = AgencySummary(rapid_review_id=rr.id, agency_id=agency_id, requested_date=when,
                                            due_date=due_date, person_id=person.id if person else None)
                    s.add(summary)
                elif person is None or summary.person_id == person.id:
                    continue  # already asked: nothing the user saw is replaced
                elif summary.person_id is not None:  # another person there was asked: say so, never ignore it
                    first = s.get(Person, summary.person_id)
                    agency = s.get(Agency, agency_id)
                    raise UserError("people", f"the summary of {agency.name if agency else 'their agency'} was already"
                                              f" asked of {first.name if first else 'someone else'}; one summary is "
                                              f"asked of each agency, so leave {person.name} out")
                else:
                    summary.person_id = person.id
                if person is not None:
                    s.flush()
                    record(s, AuditAction.UPDATE, "agency_summary", summary.id, field="asked",
                           new=person_owner(s, person))
            return None

        return self._append(referral_id, "rapid_review_work", body)

    def record_summary(self, referral_id: int, expected_version: int, *, agency_id: int,
                       received_date: dt.date | None, notes: str) -> Changes:
        """An agency's summary came back: its date and notes (the notes replace the ones shown, so the form
        shows them and the save is checked against the referral's version)."""
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            summary = s.scalars(select(AgencySummary).where(AgencySummary.rapid_review_id == rr.id,
                                                            AgencySummary.agency_id == agency_id)).one_or_none()
            if summary is None:
                raise UserError("agency", "no summary was requested from this agency; request it first")
            summary.received_date = _require_date("received_date", received_date, today,
                                                  after=summary.requested_date, after_what="the request")
            summary.notes = notes.strip()
            return None

        return self._act(referral_id, expected_version, "rapid_review_work", body)

    def add_safety_action(self, referral_id: int, *, description: str, owner_agency_id: int | None,
                          due_date: dt.date | None, owner_person_id: int | None = None) -> Changes:
        """A new immediate safety action, owned by an agency, or by a person (their agency follows)."""
        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            text = _require_text("description", description, "what must be done to keep the child safe")
            person = named_person(s, owner_person_id, "owner_person")
            agency_id = person.agency_id if person is not None and person.agency_id is not None else owner_agency_id
            if agency_id is not None and s.get(Agency, agency_id) is None:
                raise UserError("owner_agency", "the chosen agency no longer exists; choose again")
            action = SafetyAction(rapid_review_id=rr.id, description=text, owner_agency_id=agency_id,
                                  owner_person_id=owner_person_id, due_date=due_date)
            s.add(action)
            if person is not None:
                s.flush()
                record(s, AuditAction.UPDATE, "safety_action", action.id, field="owner", new=person_owner(s, person))
            return None

        return self._append(referral_id, "rapid_review_work", body)

    def complete_safety_action(self, referral_id: int, expected_version: int, action_id: int, *,
                               done_date: dt.date | None) -> Changes:
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            action = s.get(SafetyAction, action_id)
            if action is None or action.rapid_review_id != rr.id:
                raise NotFoundError("safety action", action_id)
            action.done_date = _require_date("done_date", done_date, today)
            return None

        return self._act(referral_id, expected_version, "rapid_review_work", body)

    def record_learning(self, referral_id: int, expected_version: int, *, strengths: str, emerging_learning: str,
                        theme_ids: Iterable[int]) -> Changes:
        wanted = sorted(set(theme_ids))

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            rr = s.scalars(select(RapidReview).where(RapidReview.id == rr.id)
                           .options(selectinload(RapidReview.themes))).one()
            themes = list(s.scalars(select(Theme).where(Theme.id.in_(wanted)))) if wanted else []
            if len(themes) != len(wanted):
                raise UserError("themes", "one of the chosen themes no longer exists; choose again")
            rr.strengths, rr.emerging_learning, rr.themes = strengths.strip(), emerging_learning.strip(), themes
            return None

        return self._act(referral_id, expected_version, "rapid_review_work", body)

    def sign_off(self, referral_id: int, expected_version: int, *, partner: Partner, name: str,
                 signed_date: dt.date | None, person_id: int | None = None) -> Changes:
        """A partner's sign-off, by a person chosen from the directory (``person_id``: the name is theirs and
        their agency shows beside it) or by a name typed (as before people could be chosen)."""
        today = self.ctx.today()
        try:
            partner = Partner(partner)
        except ValueError:
            raise UserError("partner", "choose the local authority, the police or the ICB") from None

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            existing = s.scalars(select(PartnerSignoff).where(PartnerSignoff.rapid_review_id == rr.id,
                                                              PartnerSignoff.partner == partner)).one_or_none()
            person = named_person(s, person_id, "person", current=existing.person_id if existing else None)
            if person is not None:  # three partners' leads, not one person three times (a slip of the type-ahead)
                other = s.scalar(select(PartnerSignoff.partner).where(
                    PartnerSignoff.rapid_review_id == rr.id, PartnerSignoff.person_id == person.id,
                    PartnerSignoff.partner != partner))
                if other is not None:
                    raise UserError("person", f"{person.name} signed off for the {_partner_words(other)} already; "
                                              f"the {_partner_words(partner)} sign-off is by its own lead")
            who = person.name if person is not None else \
                _require_text("name", name, f"the name of the {label(partner)} lead signing off", limit=200)
            when = _require_date("signed_date", signed_date, today, after=rr.started_date,
                                 after_what="the start of the rapid review")
            before = existing.person_id if existing is not None else None
            if existing is None:
                existing = PartnerSignoff(rapid_review_id=rr.id, partner=partner, name=who, signed_date=when,
                                          person_id=person_id)
                s.add(existing)
            else:
                existing.name, existing.signed_date, existing.person_id = who, when, person_id
            if person_id != before:  # who signed, in words, beside the id the column change records
                s.flush()
                old = s.get(Person, before) if before is not None else None
                record(s, AuditAction.UPDATE, "partner_signoff", existing.id, field="signed by",
                       old=person_owner(s, old) or None, new=person_owner(s, person) or None)
            return None

        return self._act(referral_id, expected_version, "rapid_review_work", body)

    def complete_rapid_review(self, referral_id: int, expected_version: int, *,
                              completed_date: dt.date | None, confirmed: bool = False) -> Changes:
        """Complete: the three partners have signed off. Late completion is flagged by the clock, never
        blocked (rule 8). With agency summaries still outstanding it raises NeedsConfirmation unless
        ``confirmed`` (the user was asked); a confirmed completion is audited with the agencies outstanding."""
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)  # the three sign-offs are checked with the transition (_blocker)
            last_signed = max(x.signed_date for x in rr.signoffs)  # each on or after the start (sign_off)
            rr.completed_date = _require_date("completed_date", completed_date, today, after=last_signed,
                                              after_what="the last partner sign-off")
            names = dict(s.execute(select(Agency.id, Agency.name)).all())
            outstanding = sorted((names.get(x.agency_id, "?") for x in s.scalars(select(AgencySummary).where(
                AgencySummary.rapid_review_id == rr.id, AgencySummary.received_date.is_(None)))), key=str.casefold)
            if outstanding:
                _confirm(s, confirmed, "complete_rapid_review", "rapid_review", rr.id, [
                    f"{len(outstanding)} agency summar{'y is' if len(outstanding) == 1 else 'ies are'} still "
                    "outstanding: " + ", ".join(outstanding)])
            return None

        return self._act(referral_id, expected_version, "complete_rapid_review", body)

    def send_to_panel(self, referral_id: int, expected_version: int, *, sent_date: dt.date | None) -> Changes:
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            rr.sent_to_panel_date = _require_date("sent_to_panel_date", sent_date, today, after=rr.completed_date,
                                                  after_what="the date the rapid review was completed")
            r.status = S.RR_SENT
            return None

        return self._act(referral_id, expected_version, "send_to_panel", body)

    def record_panel_response(self, referral_id: int, expected_version: int, *,
                              response_date: dt.date | None, view: str) -> Changes:
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            rr = self._rr(s, r)
            rr.panel_response_date = _require_date("panel_response_date", response_date, today,
                                                   after=rr.sent_to_panel_date, after_what="the date it was sent")
            rr.panel_view = _require_text("panel_view", view, "what the National Panel said")
            r.status = S.PANEL_RESPONDED
            return None

        return self._act(referral_id, expected_version, "record_panel_response", body)

    def decide(self, referral_id: int, expected_version: int, *, decision: Decision,
               decision_date: dt.date | None, rationale: str, criteria: Criteria | None, confirmed: bool = False,
               also_confirm: Iterable[str] = ()) -> Changes:
        """Record the decision with its rationale (and, on the rapid review route, the four LCSPR criteria),
        and create the follow-on library record: LCSPR → a commissioned review with its six-month clock,
        learning summary → a learning summary, PLR → a Practice Learning Review; no further review closes.

        The decision is dated on or after screening, the rapid review's sending to the Panel and the Panel's
        response. An LCSPR or learning summary with none of the four criteria met, or any reason in
        ``also_confirm`` (a meeting's), raises NeedsConfirmation unless ``confirmed``; a confirmed decision is
        audited with its reasons."""
        today = self.ctx.today()
        try:
            decision = Decision(decision)
        except ValueError:
            raise UserError("decision", "choose a decision") from None
        rationale = rationale or ""

        def body(s: Session, r: Referral) -> Changes | None:
            errors: list[UserError] = []
            rule_set = load_settings(s).rule_set
            nation = nation_decisions(rule_set)
            allowed = nation or (LEARNING_REVIEW_DECISIONS if r.route is Route.LEARNING_REVIEW
                                 else RAPID_REVIEW_DECISIONS)
            if decision not in allowed:
                where = (f"the {RULE_SETS[rule_set].label} rule set" if nation
                         else f"the {label(r.route).lower()} route")
                errors.append(UserError("decision", f"'{decision_text(decision)}' is not a decision for {where}; "
                                                    "choose one of " + ", ".join(decision_text(d) for d in allowed)))
            if not rationale.strip():
                errors.append(UserError("rationale", "record why the partners decided this"))
            if nation is None and r.route is Route.RAPID_REVIEW and criteria is None:
                errors.append(UserError("criteria", "record each of the four LCSPR criteria as yes or no"))
            rr = r.rapid_review
            after, after_what = r.screened_date or r.received_date, "screening"
            for day, what in ((rr.sent_to_panel_date, "the date the rapid review was sent to the Panel"),
                              (rr.panel_response_date, "the Panel's response")) if rr is not None else ():
                if day is not None and day >= after:
                    after, after_what = day, what
            try:
                when = _require_date("decision_date", decision_date, today, after=after, after_what=after_what)
            except UserError as exc:
                errors.append(exc)
            if errors:
                raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
            reasons = list(also_confirm)
            if decision in CRITERIA_DECISIONS and criteria is not None and not any(
                    (criteria.improvements, criteria.recurrent_themes, criteria.multi_agency,
                     criteria.panel_suggested)):
                reasons.append(f"'{label(decision)}' is recorded with none of the four LCSPR criteria met")
            if reasons:
                _confirm(s, confirmed, "decide", "referral", r.id, reasons)
            r.decision, r.decision_date, r.decision_rationale = decision, when, rationale.strip()
            if criteria is not None:
                r.criteria_improvements = criteria.improvements
                r.criteria_recurrent_themes = criteria.recurrent_themes
                r.criteria_multi_agency = criteria.multi_agency
                r.criteria_panel_suggested = criteria.panel_suggested
            follow_on = FOLLOW_ON[decision]
            if follow_on is None:
                closes = decision is Decision.NO_FURTHER_REVIEW
                if closes and nation is not None and any(
                        rule.start_event == "decision" and rule.applies_when is None
                        for rule in RULE_SETS[rule_set].rules):
                    # Scotland: a decision not to proceed is notified too (to the Care Inspectorate, with the
                    # reasons): the referral stays open, so that clock stays in every list until it is met.
                    closes = False
                r.status = S.CLOSED if closes else S.DECIDED
                return None
            r.status = S.DECIDED
            review_type, review_status = follow_on
            pseudonym = self._pseudonym(s, r)
            review = Review(reference=self._review_reference(s, r.reference), title=f"{pseudonym}: "
                            f"{review_type_text(review_type)}",
                            pseudonym=pseudonym, review_type=review_type, status=review_status,
                            referral_id=r.id, decision_date=when, commissioned_date=when,
                            **self._carried_forward(s, r))
            s.add(review)
            s.flush()
            return Changes.of("review", review.id)

        return self._act(referral_id, expected_version, "decide", body)

    def pause_clock(self, referral_id: int, *, clock_key: str, reason: str, paused_date: dt.date | None) -> Changes:
        """Pause a clock, only with a recorded reason (rule 14). Its due date stays visible."""
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            if clock_key not in REFERRAL_CLOCKS:
                raise UserError("clock", "choose one of the referral's clocks")
            why = _require_text("reason", reason, "the reason the clock is paused (it is shown with the clock)",
                                limit=1000)
            started = min(d for d in (r.received_date, r.la_aware_date) if d is not None)
            when = _require_date("paused_date", paused_date, today, after=started,
                                 after_what="the case began (LA aware or referral received)")
            open_pause = s.scalar(select(ClockPause.id).where(ClockPause.referral_id == r.id,
                                                              ClockPause.clock_key == clock_key,
                                                              ClockPause.resumed_date.is_(None)))
            if open_pause is not None:
                raise UserError("clock", "this clock is already paused")
            s.add(ClockPause(referral_id=r.id, clock_key=clock_key, reason=why, paused_date=when))
            return None

        return self._append(referral_id, "pause_clock", body)

    def resume_clock(self, referral_id: int, expected_version: int, pause_id: int, *,
                     resumed_date: dt.date | None) -> Changes:
        """Restart a paused clock. Allowed in any state, so a pause never outlives the need for it."""
        today = self.ctx.today()

        def body(s: Session, r: Referral) -> None:
            pause = s.get(ClockPause, pause_id)
            if pause is None or pause.referral_id != r.id:
                raise NotFoundError("pause", pause_id)
            if pause.resumed_date is not None:
                raise UserError("clock", "this clock is already running again")
            pause.resumed_date = _require_date("resumed_date", resumed_date, today, after=pause.paused_date,
                                               after_what="the pause")
            return None

        return self._act(referral_id, expected_version, None, body)

    # Helpers ------------------------------------------------------------------------------------------
    @staticmethod
    def _pseudonym(s: Session, r: Referral) -> str:
        from ...models import ReferralChild

        first = s.scalar(select(ReferralChild.pseudonym).where(ReferralChild.referral_id == r.id)
                         .order_by(ReferralChild.position).limit(1))
        return first or r.reference

    @staticmethod
    def _carried_forward(s: Session, r: Referral) -> dict[str, object]:
        """What the review the decision creates starts with: the partnership's name from its profile (blank
        until the profile is saved) and the rapid review's emerging learning and themes, so the learning the
        partners found follows the case into the library."""
        settings = load_settings(s)
        values: dict[str, object] = {"partnership": settings.partnership_name if settings.is_configured else ""}
        rr = r.rapid_review
        if rr is not None:
            values["learning_points"] = rr.emerging_learning
            values["themes"] = list(s.scalars(select(Theme).join(rapid_review_theme, rapid_review_theme.c.theme_id
                                                                 == Theme.id)
                                              .where(rapid_review_theme.c.rapid_review_id == rr.id)
                                              .order_by(Theme.id)))
        return values

    @staticmethod
    def _review_reference(s: Session, referral_reference: str) -> str:
        # Room for the "-R" and a number: a long reference is shortened, never its suffix.
        base = f"{referral_reference[:35]}-R"
        taken = set(s.scalars(select(Review.reference).where(Review.reference.like(f"{base}%"))))
        if base not in taken:
            return base
        n = 2
        while f"{base}{n}" in taken:
            n += 1
        return f"{base}{n}"

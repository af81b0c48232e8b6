"""Demonstration data for training and screenshots, and synthetic volume data for benchmarks.

Everything here is **entirely fictional**: the "Northbrook Safeguarding Children Partnership", its agencies,
its staff, the children (pseudonyms, and the identity rows with invented names, ``999`` test-range NHS numbers
and an invented "NB" postcode area) and every case. Any resemblance to a real child or case is coincidental.

* :func:`fill_demo_data` fills an *empty* database with the records of ``scpdesk/resources/demo.json`` (read
  and checked by ``demo_content``: a mistake in the file is found before anything is written) through the ORM,
  so the audit trail records them and the models' checks apply, in one unit of work. Dates are relative to
  ``today`` so the clocks sit around the day the demonstration is given: SIN notifications due soon and overdue,
  rapid reviews part-way through, reviews commissioned, deferred and recently published, actions overdue.
* :func:`fill_bulk` adds thousands of synthetic rows with SQLAlchemy Core for benchmarks (bench data only).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models.directory import Agency, ClosureDay, OrganisationSetting, Person
from ..models.enums import (
    AbuseNeglect,
    ActionStatus,
    AgencyKind,
    AgendaItemKind,
    Attendance,
    ChildRole,
    Decision,
    IncidentType,
    LegalStatus,
    MeetingStatus,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
    RouteRequested,
    Sex,
)
from ..models.meetings import AgendaItem, Meeting, MeetingAction, MeetingMember
from ..models.referrals import (
    AgencySummary,
    ChildIdentity,
    ClockPause,
    PartnerSignoff,
    RapidReview,
    Referral,
    ReferralChild,
    SafetyAction,
    referral_agency,
)
from ..models.reviews import (
    Action,
    ArchiveRequest,
    LearningSummaryContent,
    LearningSummaryText,
    Recommendation,
    Review,
    Theme,
    review_theme,
)
from ..models.timeframes import RULE_SETS, add_months, add_working_days
from .demo_content import (
    ActionSpec,
    CaseSpec,
    ChildSpec,
    DemoContent,
    DemoDataError,
    ReferralSpec,
    ReviewSpec,
    StandingItemSpec,
    When,
    load_demo_content,
)
from .uow import ServiceContext

__all__ = ["DemoContent", "DemoDataError", "DemoSummary", "fill_bulk", "fill_demo_data", "load_demo_content"]


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`fill_demo_data` created. ``actions`` counts review-recommendation actions."""

    agencies: int
    people: int
    referrals: int
    meetings: int
    reviews: int
    actions: int


# --------------------------------------------------------------------------------------------------
# Building the records
# --------------------------------------------------------------------------------------------------


#: The demo is an English partnership's: England's decisions and review types only (the nations' are data too).
_ENGLAND_DECISIONS = tuple(Decision(d) for d in RULE_SETS["england"].decisions)
_ENGLAND_TYPES = tuple(ReviewType(t) for t in RULE_SETS["england"].review_types)

def _nhs_number(serial: int) -> str:
    """A number in the 999 test range with a valid modulus-11 check digit (never a real patient's)."""
    while True:
        body = f"999{serial:06d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            return f"{body[:3]} {body[3:6]} {body[6:]}{check}"
        serial += 1


def _age_band(months: int) -> str:
    years = months // 12
    if years < 1:
        return "under 1"
    if years < 5:
        return "1 to 4"
    if years < 10:
        return "5 to 9"
    if years < 16:
        return "10 to 15"
    return "16 to 17"


class _Clock:
    """Working days counted as the partnership counts them (bank holidays and its closure days skipped)."""

    def __init__(self, today: date, closures: Iterable[date]) -> None:
        self.today = today
        self.closures = frozenset(closures)

    def add(self, start: date, days: int) -> date:
        return add_working_days(start, days, closures=self.closures)

    def ago(self, days: int) -> date:
        return self.add(self.today, -days) if days else self.today

    def workday(self, d: date) -> date:
        """``d`` when it is a working day, else the next working day."""
        return self.add(d - timedelta(days=1), 1)


_STAGES = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING, ReferralStatus.SIN_SENT, ReferralStatus.RAPID_REVIEW,
           ReferralStatus.RR_SENT, ReferralStatus.PANEL_RESPONDED, ReferralStatus.DECIDED)


def fill_demo_data(ctx: ServiceContext, *, today: date | None = None) -> DemoSummary:
    """Fill an empty database with the fictional Northbrook demonstration set, in one unit of work.

    Refuses (``UserError``) when any referral or review already exists. Deterministic for a given ``today``.
    """
    content = load_demo_content()  # a mistake in the file is found before anything is written
    today = today or ctx.today()
    with ctx.unit_of_work() as s:
        held = (s.scalar(select(func.count()).select_from(Referral)) or 0) + \
               (s.scalar(select(func.count()).select_from(Review)) or 0)
        if held:
            raise UserError("database", "this database already holds records; demo data goes only into an "
                                        "empty database")
        summary = _Builder(s, today, content).build()
        _add_learning_summaries(s, content)
        return summary


def _add_learning_summaries(s: Session, content: DemoContent) -> None:
    """The structured learning summary sections of the named published reviews (in the same unit of work)."""
    sections = {spec.pseudonym: spec.sections() for spec in content.learning_summaries}
    welsh = {spec.pseudonym: spec.welsh for spec in content.learning_summaries if spec.welsh}
    reviews = s.scalars(select(Review).where(Review.pseudonym.in_(list(sections)),
                                             Review.status == ReviewStatus.PUBLISHED))
    for review in reviews:
        s.add(LearningSummaryContent(review_id=review.id, **sections[review.pseudonym]))
        if review.pseudonym in welsh:
            s.add(LearningSummaryText(review_id=review.id, language="cy", **welsh[review.pseudonym]))
    s.flush()


class _Builder:
    def __init__(self, s: Session, today: date, content: DemoContent) -> None:
        self.s = s
        self.today = today
        self.c = content
        self.agencies: dict[str, Agency] = {}
        self.people: dict[str, Person] = {}
        self.themes: dict[str, Theme] = {}
        self.referrals: dict[str, Referral] = {}
        self.serial = 0
        self.closures: list[date] = []
        self.clock = _Clock(today, ())
        self.counts = {"agencies": 0, "people": 0, "meetings": 0, "reviews": 0, "actions": 0}

    # -- building blocks ------------------------------------------------------------------------------

    def build(self) -> DemoSummary:
        self._settings()
        self._closure_days()
        self._directory()
        self.themes = {t.name: t for t in self.s.scalars(select(Theme))}
        self._referrals()
        self._reviews()
        self._meetings()
        self.s.flush()
        return DemoSummary(agencies=self.counts["agencies"], people=self.counts["people"],
                           referrals=len(self.referrals), meetings=self.counts["meetings"],
                           reviews=self.counts["reviews"], actions=self.counts["actions"])

    def _theme(self, name: str) -> Theme:
        theme = self.themes.get(name)
        if theme is None:  # renamed or removed by the partnership: add it back for the demo
            theme = self.themes[name] = Theme(name=name)
            self.s.add(theme)
        return theme

    def _settings(self) -> None:
        partnership = self.c.partnership
        for key, value in (("partnership_name", partnership.name), ("partnership_short_name", partnership.short_name),
                           ("partnership_name_cy", partnership.name_cy)):
            if not value:
                continue
            text = json.dumps(value, ensure_ascii=False)
            row = self.s.get(OrganisationSetting, key)
            if row is None:
                self.s.add(OrganisationSetting(key=key, value_json=text))
            else:
                row.value_json = text

    def _closure_days(self) -> None:
        existing = set(self.s.scalars(select(ClosureDay.day)))
        for d in self.c.closure_days.days(self.today):
            if d not in existing:
                self.s.add(ClosureDay(day=d, reason=self.c.closure_days.reason))
            existing.add(d)
        self.closures = sorted(existing)
        self.clock = _Clock(self.today, self.closures)

    def _directory(self) -> None:
        existing = {a.name: a for a in self.s.scalars(select(Agency))}
        for spec in self.c.agencies:
            agency = existing.get(spec.name)
            if agency is None:
                agency = Agency(name=spec.name, kind=spec.kind)
                self.s.add(agency)
                self.counts["agencies"] += 1
            self.agencies[spec.key] = agency
        for p in self.c.people:
            person = Person(name=p.name, role=p.role, agency=self.agencies[p.agency] if p.agency else None,
                            email=self.c.email(p.name), panel_member=p.panel_member, qas_member=p.qas_member)
            self.s.add(person)
            self.people[p.key] = person
            self.counts["people"] += 1
        self.s.flush()

    # -- referrals ------------------------------------------------------------------------------------

    def _child(self, spec: ChildSpec, position: int) -> ReferralChild:
        self.serial += 1
        dob = add_months(self.today, -spec.age_months) - timedelta(days=(self.serial * 7) % 25)
        streets, area = self.c.streets, self.c.partnership.postcode_area
        identity = ChildIdentity(
            full_name=spec.name, date_of_birth=dob, nhs_number=_nhs_number(100 + self.serial * 37),
            address=f"{self.serial * 3 + 2} {streets[self.serial % len(streets)]}, Northbrook "
                    f"{area}{self.serial % 9 + 1} {self.serial % 9 + 1}XZ",
            notes=self.c.partnership.fictional_note)
        return ReferralChild(position=position, pseudonym=spec.pseudonym, role=spec.role,
                             age_years=spec.age_months // 12, age_band=_age_band(spec.age_months), sex=spec.sex,
                             legal_status_now=spec.legal_status_now, legal_status_6m=spec.legal_status_6m,
                             identity=identity)

    def _referrals(self) -> None:
        c = self.clock
        people = {p.key: p for p in self.c.people}
        agency_names = {a.key: a.name for a in self.c.agencies}
        built: list[tuple[str, Referral]] = []
        for spec in self.c.referrals:
            aware = c.ago(spec.aware_working_days_ago)
            received = min(c.add(aware, 1), self.today)
            referrer = people[spec.referrer]
            name, agency_key = referrer.name, referrer.agency
            ref = Referral(
                reference="", received_date=received, referrer_name=name, referrer_role=referrer.role,
                referrer_agency_id=self.agencies[agency_key].id if agency_key else None,
                referrer_contact=self.c.email(name), lead_approval_name=name if agency_key == "la" else
                f"Safeguarding lead, {agency_names[agency_key or 'la']}", lead_approval_date=received,
                route_requested=spec.route_requested, incident_date=aware - timedelta(days=1),
                incident_type=spec.incident, abuse_neglect=spec.abuse_neglect, la_aware_date=aware,
                partners_aware_date=aware, reason=spec.reason, summary=spec.summary, status=spec.stage,
                children=[self._child(ch, i) for i, ch in enumerate(spec.children, start=1)],
                agencies=[self.agencies[k] for k in spec.agencies])
            if spec.route is Route.RAPID_REVIEW:
                self._rapid_review_route(spec, ref, aware)
            else:
                ref.route = spec.route
                ref.screened_date = c.add(aware, 3)
                if spec.decision is not None:
                    ref.decision_date = (c.ago(spec.decision_working_days_ago) if spec.decision_working_days_ago
                                         else ref.screened_date)
            if spec.decision is not None:
                ref.decision = spec.decision
                ref.decision_rationale = spec.rationale
            if spec.criteria is not None:
                (ref.criteria_improvements, ref.criteria_recurrent_themes, ref.criteria_multi_agency,
                 ref.criteria_panel_suggested) = spec.criteria
            if spec.pause:
                ref.pauses = [ClockPause(clock_key="rapid_review", reason=spec.pause, paused_date=c.ago(3))]
            built.append((spec.key, ref))
        # References follow the order of receipt, numbered within each year: NSCP-2026-014.
        per_year: dict[int, int] = {}
        short = self.c.partnership.short_name
        for key, ref in sorted(built, key=lambda kr: (kr[1].received_date, kr[0])):
            per_year[ref.received_date.year] = per_year.get(ref.received_date.year, 0) + 1
            ref.reference = f"{short}-{ref.received_date.year}-{per_year[ref.received_date.year]:03d}"
            self.s.add(ref)
            self.referrals[key] = ref
        self.s.flush()

    def _rapid_review_route(self, spec: ReferralSpec, ref: Referral, aware: date) -> None:
        c = self.clock
        stage = _STAGES.index(spec.stage if spec.stage in _STAGES else ReferralStatus.DECIDED)
        if stage < _STAGES.index(ReferralStatus.SIN_SENT):
            return  # received, or screening in progress: no route yet
        ref.route = Route.RAPID_REVIEW
        ref.screened_date = c.add(aware, 2)
        ref.sin_sent_date = c.add(aware, 3)
        ref.sin_reference = f"SIN-{ref.sin_sent_date.year}-{4100 + spec.aware_working_days_ago * 7 % 900:04d}"
        ref.partners_notified_date = c.add(aware, 3)
        if stage < _STAGES.index(ReferralStatus.RAPID_REVIEW):
            return
        started = c.add(aware, 4)
        rr = RapidReview(started_date=started, strengths=spec.strengths, emerging_learning=spec.learning,
                         themes=[self._theme(t) for t in spec.themes])
        for i, agency_key in enumerate(spec.agencies):
            returned = None if agency_key in spec.ias_missing else c.add(aware, 6 + i % 4)
            rr.summaries.append(AgencySummary(
                agency_id=self.agencies[agency_key].id, requested_date=started, due_date=c.add(aware, 9),
                received_date=returned if returned and returned <= self.today else None,
                notes="" if returned else self.c.notes.agency_summary_chased))
        for safety in spec.safety:
            after = safety.due_working_days_after_start
            due_date = c.add(started, after) if after is not None else c.add(self.today,
                                                                             safety.due_working_days_from_today)
            rr.safety_actions.append(SafetyAction(description=safety.description,
                                                  owner_agency_id=self.agencies[safety.owner].id, due_date=due_date,
                                                  done_date=due_date if safety.done else None))
        ref.rapid_review = rr
        if stage < _STAGES.index(ReferralStatus.RR_SENT):
            return
        rr.completed_date = c.add(aware, spec.rr_days)
        rr.sent_to_panel_date = c.add(rr.completed_date, spec.sent_lag)
        names = {p.key: p.name for p in self.c.people}
        for partner, person in self.c.signoffs.items():
            rr.signoffs.append(PartnerSignoff(partner=partner, name=names[person], signed_date=rr.completed_date))
        if stage < _STAGES.index(ReferralStatus.PANEL_RESPONDED):
            return
        rr.panel_response_date = c.add(rr.sent_to_panel_date, 8)
        rr.panel_view = spec.panel_view
        if spec.decision is not None:
            ref.decision_date = c.ago(spec.decision_working_days_ago or 0)

    # -- library --------------------------------------------------------------------------------------

    def _date(self, when: date | When | None, published: date | None = None) -> date | None:
        if when is None or isinstance(when, date):
            return when
        if when.working_days_ago is not None:
            return self.clock.ago(when.working_days_ago)
        if when.months_after_published is not None:
            assert published is not None  # checked when the file was read
            return self.clock.workday(add_months(published, when.months_after_published))
        assert when.referral_decision is not None
        return self.referrals[when.referral_decision].decision_date

    def _reviews(self) -> None:
        per_year: dict[int, int] = {}
        for spec in self.c.reviews:
            review = self._review(spec)
            year = (review.published_date or review.decision_date or self.today).year
            per_year[year] = per_year.get(year, 0) + 1
            review.reference = f"{self.c.partnership.short_name}-CR-{year}-{per_year[year]:02d}"
            self.s.add(review)
            self.counts["reviews"] += 1
        self.s.flush()

    def _review(self, spec: ReviewSpec) -> Review:
        c = self.clock
        published = self._date(spec.published)
        decision = self._date(spec.decision, published) or (add_months(published, -9) if published else None)
        chair = next(p.name for p in self.c.people if p.key == self.c.chair_of(spec.review_type))
        review = Review(
            reference="", title=spec.title, pseudonym=spec.pseudonym, review_type=spec.review_type,
            partnership=spec.partnership or self.c.partnership.label, status=spec.status,
            referral_id=self.referrals[spec.referral].id if spec.referral else None,
            reviewer=spec.reviewer, chair=chair, decision_date=decision,
            commissioned_date=c.add(decision, 10) if decision else None,
            summary=spec.summary, learning_points="\n".join(f"{i}. {p}" for i, p in enumerate(spec.learning, 1)),
            themes=[self._theme(t) for t in spec.themes])
        if published:
            review.published_date = published
            review.planned_publication_date = published
            review.final_report_sent_date = c.add(published, -9)
            review.nspcc_deposit_date = published + timedelta(days=14)
            review.report_url = self.c.partnership.web + spec.slug
        elif decision and spec.review_type in (ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY):
            review.planned_publication_date = add_months(decision, 6)
        if spec.status is ReviewStatus.SENT_TO_PANEL:
            review.planned_publication_date = c.add(self.today, 8)
            review.final_report_sent_date = c.ago(2)
        elif spec.status is ReviewStatus.FINAL_AGREED:
            review.planned_publication_date = c.add(self.today, 22)
        elif spec.status is ReviewStatus.DEFERRED:
            review.planned_publication_date = None
            review.deferral_reason = self.c.notes.deferral_reason
            review.deferral_expected_end = add_months(self.today, 4)
            review.deferral_review_date = c.add(self.today, 15)
        elif spec.status is ReviewStatus.COMPLETED:
            review.planned_publication_date = None
        for position, recommendation in enumerate(spec.recommendations, start=1):
            rec = Recommendation(position=position, text=recommendation.text)
            for act in recommendation.actions:
                rec.actions.append(self._action(act))
                self.counts["actions"] += 1
            review.recommendations.append(rec)
        if spec.archive_requests:
            review.archive_requests = [
                ArchiveRequest(requester_name=a.requester_name, organisation=a.organisation,
                               received_date=c.ago(a.received_working_days_ago),
                               sent_date=c.ago(a.sent_working_days_ago) if a.sent_working_days_ago is not None
                               else None, notes=a.notes)
                for a in spec.archive_requests]
        return review

    def _action(self, spec: ActionSpec) -> Action:
        due = self.clock.workday(self.today + timedelta(days=spec.due_days_from_today))
        action = Action(description=spec.description, owner_agency_id=self.agencies[spec.owner].id,
                        expected_change=spec.expected_change, due_date=due, status=spec.status)
        if spec.status is ActionStatus.COMPLETE:
            action.completed_date = min(due, self.today)
            action.evidence = self.c.notes.action_evidence
            action.impact_check_date = self.clock.workday(action.completed_date + timedelta(days=180))
        if spec.status in self.c.notes.action_progress:
            action.progress_notes = self.c.notes.action_progress[spec.status]
        return action

    # -- meetings -------------------------------------------------------------------------------------

    def _meetings(self) -> None:
        c = self.clock
        p = self.people
        for spec in self.c.meetings:
            day = c.add(self.today, spec.working_days_from_today)
            kind = self.c.meeting_kinds[spec.kind]
            meeting = Meeting(
                reference=f"{kind.reference_prefix}-{day.isoformat()}", kind=spec.kind, meeting_date=day,
                start_time=kind.start_time, place=kind.place, online_link=kind.online_link,
                chair_id=p[kind.chair].id, status=spec.status, notes=spec.notes)
            past = spec.status is MeetingStatus.HELD
            for person in self.c.people:
                if getattr(person, kind.members):
                    attendance = spec.attendance.get(person.key, Attendance.PRESENT if past else Attendance.INVITED)
                    meeting.members.append(MeetingMember(person_id=p[person.key].id, attendance=attendance))
            if spec.status is not MeetingStatus.CANCELLED:
                self._agenda(meeting, day, spec.cases, past)
            self.s.add(meeting)
            self.counts["meetings"] += 1

    def _agenda(self, meeting: Meeting, day: date, cases: Sequence[CaseSpec], past: bool) -> None:
        p = self.people
        agenda = self.c.agenda
        position = 0

        def item(**kwargs: Any) -> AgendaItem:
            nonlocal position
            position += 1
            agenda_item = AgendaItem(position=position, **kwargs)
            meeting.items.append(agenda_item)
            return agenda_item

        def standing(items: Sequence[StandingItemSpec]) -> None:
            for s in items:
                item(kind=AgendaItemKind.STANDING, title=s.title, duration_minutes=s.duration_minutes,
                     presenter_id=meeting.chair_id if s.presenter == "chair" else p[s.presenter].id,
                     minutes=s.minutes_when_held if past else "")

        standing(agenda.opening)
        for case in cases:
            ref = self.referrals[case.referral]
            pseudonym = ref.children[0].pseudonym
            shape = agenda.rapid_review_case if ref.route is Route.RAPID_REVIEW else agenda.other_case
            agenda_item = item(
                kind=AgendaItemKind.CASE, referral_id=ref.id, title=shape.title.format(pseudonym=pseudonym),
                duration_minutes=shape.duration_minutes, presenter_id=p[agenda.case_presenter].id,
                confidential=case.confidential, questions=case.questions, minutes=case.minutes if past else "",
                decision=case.decision if past else "")
            if case.action is not None:
                action = case.action
                due_date = self.clock.add(day, action.due_working_days)
                agenda_item.actions.append(MeetingAction(
                    description=action.description, owner_person_id=p[action.owner].id, due_date=due_date,
                    done_date=self.clock.add(day, action.due_working_days - 1) if action.done else None))
        standing(agenda.closing)


# --------------------------------------------------------------------------------------------------
# fill_bulk
# --------------------------------------------------------------------------------------------------

_BATCH = 5000
_SUBJECTS = ("The child", "The family", "Professionals", "Agencies", "The school", "Health visitors",
             "Children's social care", "The police", "A parent", "The GP practice")
_VERBS = ("raised concerns about", "shared information on", "did not follow up", "escalated concerns about",
          "assessed", "recorded", "responded quickly to", "were not aware of")
_OBJECTS = ("neglect at home", "missed appointments", "domestic abuse", "parental substance misuse",
            "school attendance", "an unexplained injury", "housing instability", "the child's wishes",
            "a new adult in the household", "exploitation outside the home")
_TAILS = (" over several months", " before the incident", " after a referral", " during the assessment", "")
_BULK_AGENCIES = (("Bulk County Council Children's Services", AgencyKind.LOCAL_AUTHORITY),
                  ("Bulk Constabulary", AgencyKind.POLICE), ("Bulk Integrated Care Board", AgencyKind.ICB),
                  ("Bulk Hospitals NHS Trust", AgencyKind.HEALTH), ("Bulk Schools Trust", AgencyKind.EDUCATION))
_BULK_STATUS = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING, ReferralStatus.SIN_SENT,
                ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT, ReferralStatus.PANEL_RESPONDED,
                ReferralStatus.LEARNING_REVIEW, ReferralStatus.DECIDED, ReferralStatus.DECIDED,
                ReferralStatus.DECIDED, ReferralStatus.CLOSED, ReferralStatus.CLOSED)
_BULK_REVIEW_STATUS = (*ReviewStatus, ReviewStatus.PUBLISHED, ReviewStatus.PUBLISHED, ReviewStatus.PUBLISHED,
                       ReviewStatus.PUBLISHED)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}."


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]], *, ids: bool = False) -> list[int]:
    """Insert ``rows`` in batches (executemany); with ``ids``, return the new primary keys in row order."""
    new_ids: list[int] = []
    for start in range(0, len(rows), _BATCH):
        batch = rows[start:start + _BATCH]
        if ids:
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            new_ids.extend(conn.execute(stmt, batch).scalars())
        else:
            conn.execute(insert(table), batch)
    return new_ids


def fill_bulk(ctx: ServiceContext, *, referrals: int, reviews: int, seed: int = 7,
              today: date | None = None) -> None:
    """Add synthetic referrals and library reviews for benchmarks — **bench data only**.

    Rows go in with SQLAlchemy Core ``insert()`` executemany in batches of 5,000, in one transaction. This
    bypasses the ORM and so the audit hook: nothing is recorded in the audit trail. Agencies are created if
    there are none. Deterministic for a given ``seed`` and ``today``.
    """
    rng = random.Random(seed)
    today = today or ctx.today()
    now = ctx.now()
    stamp = {"version": 1, "created_at": now, "created_by": ctx.user, "updated_at": now, "updated_by": ctx.user}
    with ctx.db.engine.begin() as conn:
        agency_ids = list(conn.scalars(select(Agency.id).order_by(Agency.id)))
        if not agency_ids:
            agency_ids = _insert(conn, Agency.__table__,
                                 [{"name": n, "kind": k, **stamp} for n, k in _BULK_AGENCIES], ids=True)
        theme_ids = list(conn.scalars(select(Theme.id).order_by(Theme.id)))
        if referrals:
            _bulk_referrals(conn, rng, referrals, today, stamp, agency_ids)
            from sqlalchemy.orm import Session

            from .referrals.next_due import refresh_next_due

            with Session(bind=conn) as session:  # Core inserts skip the session hooks: store the clocks here
                refresh_next_due(session)
        if reviews:
            _bulk_reviews(conn, rng, reviews, today, stamp, theme_ids)


def _bulk_referrals(conn: Any, rng: random.Random, count: int, today: date, stamp: dict[str, Any],
                    agency_ids: list[int]) -> None:
    offset = conn.scalar(select(func.count()).select_from(Referral.__table__)) or 0
    rows: list[dict[str, Any]] = []
    for n in range(offset + 1, offset + count + 1):
        status = rng.choice(_BULK_STATUS)
        aware = today - timedelta(days=rng.randint(0, 1100))
        learning = status is ReferralStatus.LEARNING_REVIEW
        beyond_sin = status in (ReferralStatus.SIN_SENT, ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT,
                                ReferralStatus.PANEL_RESPONDED) or (status is ReferralStatus.DECIDED and
                                                                    rng.random() < 0.8)
        row: dict[str, Any] = {
            "reference": f"BULK-{n:07d}", "received_date": aware + timedelta(days=1),
            "referrer_name": "Bulk referrer", "referrer_role": "Safeguarding lead",
            "referrer_agency_id": rng.choice(agency_ids), "referrer_contact": "", "lead_approval_name": "",
            "lead_approval_date": None, "route_requested": RouteRequested.UNSURE, "route": None,
            "screened_date": None, "incident_date": aware - timedelta(days=1),
            "incident_type": rng.choice(tuple(IncidentType)), "abuse_neglect": rng.choice(tuple(AbuseNeglect)),
            "la_aware_date": aware, "partners_aware_date": aware, "partners_notified_date": None,
            "reason": _sentence(rng), "summary": f"{_sentence(rng)} {_sentence(rng)}", "sin_reference": "",
            "sin_sent_date": None, "status": status, "decision": None, "decision_date": None,
            "decision_rationale": "", "criteria_improvements": None, "criteria_recurrent_themes": None,
            "criteria_multi_agency": None, "criteria_panel_suggested": None, **stamp}
        if status not in (ReferralStatus.RECEIVED, ReferralStatus.SCREENING):
            row["screened_date"] = aware + timedelta(days=2)
            row["route"] = Route.RAPID_REVIEW if beyond_sin else (
                Route.LEARNING_REVIEW if learning or rng.random() < 0.5 else Route.NO_FURTHER_ACTION)
        if beyond_sin:
            row["sin_sent_date"] = aware + timedelta(days=rng.randint(1, 7))
            row["sin_reference"] = f"SIN-B{n:07d}"
            row["partners_notified_date"] = row["sin_sent_date"]
        if status in (ReferralStatus.DECIDED, ReferralStatus.CLOSED):
            row["decision"] = rng.choice(_ENGLAND_DECISIONS)
            row["decision_date"] = aware + timedelta(days=rng.randint(25, 60))
            row["decision_rationale"] = _sentence(rng)
            for key in ("criteria_improvements", "criteria_recurrent_themes", "criteria_multi_agency",
                        "criteria_panel_suggested"):
                row[key] = rng.random() < 0.5
        rows.append(row)
    ids = _insert(conn, Referral.__table__, rows, ids=True)

    children: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    rapid: list[dict[str, Any]] = []
    for ref_id, row in zip(ids, rows, strict=True):
        number = rng.randint(1000, 9999)
        for position in range(1, 2 + (rng.random() < 0.15) + (rng.random() < 0.05)):
            months = rng.randint(0, 215)
            children.append({
                "referral_id": ref_id, "position": position,
                "pseudonym": f"Child {number}" if position == 1 else f"Child {number}-{position}",
                "role": ChildRole.SUBJECT if position == 1 else ChildRole.SIBLING, "age_years": months // 12,
                "age_band": _age_band(months), "sex": rng.choice(tuple(Sex)),
                "legal_status_now": rng.choice(tuple(LegalStatus)), "legal_status_6m": rng.choice(tuple(LegalStatus)),
                **stamp})
        for agency_id in rng.sample(agency_ids, min(len(agency_ids), rng.randint(1, 3))):
            links.append({"referral_id": ref_id, "agency_id": agency_id})
        if row["sin_sent_date"] is not None and row["status"] is not ReferralStatus.SIN_SENT:
            done = row["status"] is not ReferralStatus.RAPID_REVIEW
            completed = row["la_aware_date"] + timedelta(days=rng.randint(14, 30)) if done else None
            rapid.append({
                "referral_id": ref_id, "started_date": row["sin_sent_date"] + timedelta(days=1),
                "strengths": _sentence(rng), "emerging_learning": _sentence(rng), "completed_date": completed,
                "sent_to_panel_date": completed, "panel_response_date":
                    completed + timedelta(days=14) if completed and row["status"] is not ReferralStatus.RR_SENT
                    else None, "panel_view": "", **stamp})
    _insert(conn, ReferralChild.__table__, children)
    _insert(conn, referral_agency, links)
    _insert(conn, RapidReview.__table__, rapid)


def _bulk_reviews(conn: Any, rng: random.Random, count: int, today: date, stamp: dict[str, Any],
                  theme_ids: list[int]) -> None:
    offset = conn.scalar(select(func.count()).select_from(Review.__table__)) or 0
    types = _ENGLAND_TYPES
    rows: list[dict[str, Any]] = []
    for n in range(offset + 1, offset + count + 1):
        review_type = rng.choice(types)
        status = rng.choice(_BULK_REVIEW_STATUS)
        decision = today - timedelta(days=rng.randint(30, 3650))
        published = decision + timedelta(days=rng.randint(120, 400)) if status is ReviewStatus.PUBLISHED else None
        if published and published > today:
            published = today - timedelta(days=rng.randint(0, 30))
        pseudonym = f"Child {rng.randint(1000, 9999)}" if review_type is not ReviewType.THEMATIC else ""
        title = f"{pseudonym}: {review_type.value.replace('_', ' ')}" if pseudonym else \
            f"Thematic review: {rng.choice(_OBJECTS)}"
        deferred = status is ReviewStatus.DEFERRED
        rows.append({
            "reference": f"BULK-R-{n:07d}", "title": title, "pseudonym": pseudonym, "review_type": review_type,
            "partnership": "Bulk SCP", "status": status, "referral_id": None, "reviewer": "Bulk Reviewer",
            "chair": "", "decision_date": decision, "commissioned_date": decision + timedelta(days=14),
            "planned_publication_date": published, "final_report_sent_date":
                published - timedelta(days=12) if published else None,
            "published_date": published, "deferral_reason": "criminal trial" if deferred else "",
            "deferral_expected_end": today + timedelta(days=120) if deferred else None,
            "deferral_review_date": today + timedelta(days=30) if deferred else None,
            "summary": f"{_sentence(rng)} {_sentence(rng)}", "learning_points":
                f"1. {_sentence(rng)}\n2. {_sentence(rng)}", "report_url": "", "nspcc_deposit_date": None, **stamp})
    ids = _insert(conn, Review.__table__, rows, ids=True)
    if theme_ids:
        links = [{"review_id": review_id, "theme_id": theme_id}
                 for review_id in ids for theme_id in rng.sample(theme_ids, rng.randint(1, 3))]
        _insert(conn, review_theme, links)


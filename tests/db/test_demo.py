"""The demonstration data set and the bulk benchmark filler, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from scpdesk.errors import UserError
from scpdesk.models import (
    Action,
    Agency,
    AgendaItem,
    ArchiveRequest,
    AuditEvent,
    ChildIdentity,
    ClockPause,
    ClosureDay,
    LearningSummaryContent,
    Meeting,
    MeetingMember,
    OrganisationSetting,
    Person,
    RapidReview,
    Referral,
    ReferralChild,
    Review,
    schema,
)
from scpdesk.models.database import Database
from scpdesk.models.enums import (
    PARTNER_KINDS,
    ActionStatus,
    AgencyKind,
    Attendance,
    Decision,
    MeetingStatus,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
)
from scpdesk.models.timeframes import add_months, add_working_days
from scpdesk.services import demo as demo_module
from scpdesk.services.demo import DemoDataError, DemoSummary, fill_bulk, fill_demo_data, load_demo_content
from scpdesk.services.uow import ServiceContext

TODAY = date(2026, 11, 25)


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, user="tester", today=lambda: TODAY)


@pytest.fixture
def demo(ctx: ServiceContext) -> DemoSummary:
    return fill_demo_data(ctx, today=TODAY)


def _count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_summary_matches_the_rows(db: Database, demo: DemoSummary) -> None:
    assert demo.referrals == _count(db, Referral) >= 16
    assert demo.reviews == _count(db, Review) >= 14
    assert demo.meetings == _count(db, Meeting)
    assert demo.agencies == _count(db, Agency) >= 12
    assert demo.people == _count(db, Person) >= 15
    assert demo.actions == _count(db, Action)
    with db.sessions() as s:
        settings = dict(s.execute(select(OrganisationSetting.key, OrganisationSetting.value_json)).all())
        assert settings["partnership_name"] == '"Northbrook Safeguarding Children Partnership"'
        assert settings["partnership_short_name"] == '"NSCP"'
        closures = {c.day: c.reason for c in s.scalars(select(ClosureDay))}
        assert {date(2026, 12, d) for d in (29, 30, 31)} <= closures.keys()
        assert closures[date(2026, 12, 30)] == "Council Christmas closure"
        kinds = set(s.scalars(select(Agency.kind)))
        assert set(PARTNER_KINDS) <= kinds
        assert {AgencyKind.HEALTH, AgencyKind.EDUCATION, AgencyKind.PROBATION, AgencyKind.HOUSING,
                AgencyKind.VOLUNTARY} <= kinds


def test_every_referral_status_with_consistent_fields(db: Database, demo: DemoSummary) -> None:
    with db.sessions() as s:
        referrals = s.scalars(select(Referral).options(
            selectinload(Referral.children).selectinload(ReferralChild.identity),
            selectinload(Referral.agencies), selectinload(Referral.pauses),
            selectinload(Referral.rapid_review).selectinload(RapidReview.summaries),
            selectinload(Referral.rapid_review).selectinload(RapidReview.signoffs),
            selectinload(Referral.rapid_review).selectinload(RapidReview.safety_actions),
            selectinload(Referral.rapid_review).selectinload(RapidReview.themes))).all()
        assert {r.status for r in referrals} == set(ReferralStatus)
        assert {r.decision for r in referrals if r.decision} >= {Decision.LCSPR, Decision.LEARNING_SUMMARY,
                                                                  Decision.PLR, Decision.NO_FURTHER_REVIEW}
        assert max(len(r.children) for r in referrals) >= 3
        for r in referrals:
            assert r.reference.startswith("NSCP-20")
            assert 1 <= len(r.children) <= 4
            assert all(c.identity is not None and c.identity.full_name for c in r.children)
            assert all(c.pseudonym.startswith("Child ") for c in r.children)
            assert r.agencies
            assert r.la_aware_date is not None and r.la_aware_date <= TODAY
            rr = r.rapid_review
            if r.status in (ReferralStatus.SIN_SENT, ReferralStatus.RAPID_REVIEW, ReferralStatus.RR_SENT,
                            ReferralStatus.PANEL_RESPONDED):
                assert r.sin_sent_date and r.sin_reference and r.route is Route.RAPID_REVIEW
            if rr is not None:
                assert r.sin_sent_date is not None  # a rapid review cannot exist without a SIN
            if r.status is ReferralStatus.RAPID_REVIEW:
                assert rr is not None and rr.started_date and rr.completed_date is None
            if r.status in (ReferralStatus.RR_SENT, ReferralStatus.PANEL_RESPONDED):
                assert rr is not None and rr.completed_date and rr.sent_to_panel_date
                assert {so.partner.value for so in rr.signoffs} == {"la", "police", "icb"}
            if r.status is ReferralStatus.PANEL_RESPONDED:
                assert rr is not None and rr.panel_response_date and rr.panel_view
            if r.status is ReferralStatus.DECIDED:
                assert r.decision and r.decision_date and r.decision_rationale
                assert r.criteria_improvements is not None and r.criteria_panel_suggested is not None
            if r.status is ReferralStatus.LEARNING_REVIEW:
                assert r.route is Route.LEARNING_REVIEW and r.sin_sent_date is None
            for d in (r.sin_sent_date, r.decision_date, rr and rr.completed_date, rr and rr.panel_response_date):
                assert d is None or d <= TODAY
        by_status: dict[ReferralStatus, list[Referral]] = {}
        for r in referrals:
            by_status.setdefault(r.status, []).append(r)
        # Clocks sit around today: a SIN due soon, and one overdue with nothing sent.
        open_sin = [add_working_days(r.la_aware_date, 5) for r in referrals
                    if r.sin_sent_date is None and r.route in (None, Route.RAPID_REVIEW)]
        assert any(due < TODAY for due in open_sin)
        assert any(TODAY <= due <= add_working_days(TODAY, 3) for due in open_sin)
        # A rapid review with agency summaries partly returned, safety actions and themes.
        in_rr = by_status[ReferralStatus.RAPID_REVIEW]
        assert any(0 < sum(1 for a in r.rapid_review.summaries if a.received_date) < len(r.rapid_review.summaries)
                   for r in in_rr if r.rapid_review)
        assert any(r.rapid_review and r.rapid_review.safety_actions and r.rapid_review.themes for r in in_rr)
        pauses = [p for r in referrals for p in r.pauses]
        assert len(pauses) == 1 and pauses[0].reason
        assert _count(db, ClockPause) == 1
        assert any(r.route is Route.LEARNING_REVIEW and r.status is ReferralStatus.DECIDED for r in referrals)
        # Every LCSPR decision has its library review.
        linked = set(s.scalars(select(Review.referral_id).where(Review.referral_id.is_not(None))))
        assert {r.id for r in referrals if r.decision is Decision.LCSPR} <= linked
        assert _count(db, ChildIdentity) == _count(db, ReferralChild)


def test_named_library_reviews(db: Database, demo: DemoSummary) -> None:
    with db.sessions() as s:
        reviews = s.scalars(select(Review).options(selectinload(Review.themes),
                                                   selectinload(Review.archive_requests))).all()

    def one(**where: object) -> Review:
        found = [r for r in reviews if all(getattr(r, k) == v for k, v in where.items())]
        assert len(found) == 1, where
        return found[0]

    def themes(r: Review) -> set[str]:
        return {t.name for t in r.themes}

    child_n = one(pseudonym="Child N")
    assert child_n.review_type is ReviewType.LCSPR and child_n.status is ReviewStatus.PUBLISHED
    assert child_n.published_date == date(2025, 3, 3)
    assert add_months(child_n.published_date, 12) == date(2026, 3, 3)  # archived from 3 Mar 2026
    assert sorted(a.sent_date is None for a in child_n.archive_requests) == [False, True]
    child_f = one(pseudonym="Child F")
    assert child_f.review_type is ReviewType.LEARNING_SUMMARY and "sexual abuse" in themes(child_f)
    assert one(pseudonym="Family X").review_type is ReviewType.LCSPR
    lauren = one(pseudonym="Lauren")
    assert lauren.review_type is ReviewType.LCSPR and lauren.published_date is not None
    nai = one(title="Non-accidental injury in children under 1")
    assert nai.review_type is ReviewType.THEMATIC and "non-accidental injury under 1" in themes(nai)
    contextual = [r for r in reviews if r.review_type is ReviewType.THEMATIC and "contextual safeguarding" in
                  themes(r)]
    assert contextual
    suicide = one(title="Child suicide thematic review")
    assert suicide.review_type is ReviewType.THEMATIC
    assert "child suicide or death through undetermined intent" in themes(suicide)
    for r in (child_n, child_f, lauren, nai, suicide, *contextual):
        assert r.summary and r.learning_points.startswith("1. ")

    # In progress: commissioned ~2 months ago, a draft, a deferral past its target, a recent publication,
    # a PLR and a joint review.
    commissioned = [r for r in reviews if r.status is ReviewStatus.COMMISSIONED and r.review_type is ReviewType.LCSPR]
    assert any(r.decision_date and 40 <= (TODAY - r.decision_date).days <= 80 for r in commissioned)
    assert any(r.status is ReviewStatus.DRAFT for r in reviews)
    deferred = [r for r in reviews if r.status is ReviewStatus.DEFERRED]
    assert deferred and all(r.deferral_reason for r in deferred)
    assert any(r.deferral_reason == "criminal trial" and r.deferral_review_date and r.deferral_review_date > TODAY
               and r.decision_date and add_months(r.decision_date, 6) < TODAY for r in deferred)
    # Recently published: inside its 12-month window.
    assert any(r.published_date and r.published_date <= TODAY < add_months(r.published_date, 12)
               and (TODAY - r.published_date).days < 90 for r in reviews)
    assert any(r.review_type is ReviewType.PLR for r in reviews)
    assert any(r.partnership == "Northbrook SCP; Westvale SCP" for r in reviews)
    assert {r.status for r in reviews} == set(ReviewStatus)


def test_actions_and_recommendations(db: Database, demo: DemoSummary) -> None:
    with db.sessions() as s:
        actions = s.scalars(select(Action)).all()
        published = s.scalars(select(Review).where(Review.status == ReviewStatus.PUBLISHED)
                              .options(selectinload(Review.recommendations))).all()
    assert {a.status for a in actions} == set(ActionStatus)
    overdue = [a for a in actions if a.status is not ActionStatus.COMPLETE and a.due_date and a.due_date < TODAY]
    assert overdue and all(a.status is ActionStatus.OVERDUE for a in overdue)
    assert all(a.completed_date for a in actions if a.status is ActionStatus.COMPLETE)
    assert all(a.owner_agency_id for a in actions)
    assert all(2 <= len(r.recommendations) <= 4 for r in published)


def test_meetings(db: Database, demo: DemoSummary) -> None:
    with db.sessions() as s:
        meetings = s.scalars(select(Meeting).options(
            selectinload(Meeting.members), selectinload(Meeting.items).selectinload(AgendaItem.actions))).all()
        partner_kind = dict(s.execute(select(Person.id, Agency.kind).join(Agency, Person.agency_id == Agency.id)).all())
        pseudonyms = dict(s.execute(select(ReferralChild.referral_id, ReferralChild.pseudonym)
                                    .where(ReferralChild.position == 1)).all())
    upcoming = [m for m in meetings if m.meeting_date > TODAY]
    assert len(upcoming) == 2 and all(m.status is MeetingStatus.PLANNED for m in upcoming)
    assert any(m.reference == "RRP-2026-11-27" for m in meetings)
    held = [m for m in meetings if m.status is MeetingStatus.HELD]
    assert held and all(m.meeting_date < TODAY for m in held)

    def quorate(m: Meeting) -> bool:
        present = {partner_kind.get(mm.person_id) for mm in m.members if mm.attendance is Attendance.PRESENT}
        return set(PARTNER_KINDS) <= present

    assert any(quorate(m) for m in held) and any(not quorate(m) for m in held)
    assert any(mm.attendance is Attendance.APOLOGIES for m in meetings for mm in m.members)
    items = [i for m in meetings for i in m.items]
    titles = {i.title for i in items}
    assert {"Minutes of the last meeting", "Actions log", "Any other business"} <= titles
    cases = [i for i in items if i.referral_id is not None]
    assert cases and all(i.title.startswith(pseudonyms[i.referral_id]) for i in cases)
    assert sum(i.confidential for i in items) == 1
    assert all(i.duration_minutes > 0 for i in items)
    assert all(i.minutes and i.decision for m in held for i in m.items if i.referral_id)
    assert len([a for i in items for a in i.actions]) >= 2
    assert all(isinstance(mm, MeetingMember) for m in meetings for mm in m.members)


def test_audit_trail_written(db: Database, demo: DemoSummary) -> None:
    with db.sessions() as s:
        users = set(s.scalars(select(AuditEvent.user)))
        entities = set(s.scalars(select(AuditEvent.entity)))
        created_by = set(s.scalars(select(Referral.created_by)))
    assert users == {"tester"}
    assert {"referral", "review", "meeting", "child_identity", "action"} <= entities
    assert created_by == {"tester"}


def test_demo_is_deterministic(db: Database, demo: DemoSummary) -> None:
    with db.sessions() as s:
        rows = s.execute(select(Referral.reference, Referral.status, Referral.la_aware_date)
                         .order_by(Referral.reference)).all()
    assert rows[0].reference == "NSCP-2026-001"
    assert len({r.reference for r in rows}) == len(rows)


def test_default_today_comes_from_the_context(ctx: ServiceContext) -> None:
    fill_demo_data(ctx)
    with ctx.db.sessions() as s:
        latest = s.scalar(select(func.max(Referral.received_date)))
    assert latest == TODAY


def test_second_fill_is_refused_and_changes_nothing(ctx: ServiceContext, demo: DemoSummary) -> None:
    db = ctx.db
    models = (Referral, Review, Agency, Person, Meeting, Action, AuditEvent, ClosureDay, OrganisationSetting)
    before = {m: _count(db, m) for m in models}
    with pytest.raises(UserError) as caught:
        fill_demo_data(ctx, today=TODAY)
    assert caught.value.field == "database"
    assert "empty database" in caught.value.message
    assert {m: _count(db, m) for m in models} == before


def test_fill_refused_when_only_a_review_exists(ctx: ServiceContext) -> None:
    fill_bulk(ctx, referrals=0, reviews=1, today=TODAY)
    with pytest.raises(UserError):
        fill_demo_data(ctx, today=TODAY)
    assert _count(ctx.db, Referral) == 0


def test_fill_bulk_inserts_exact_counts(ctx: ServiceContext) -> None:
    db = ctx.db
    fill_bulk(ctx, referrals=500, reviews=100, today=TODAY)
    assert _count(db, Referral) == 500
    assert _count(db, Review) == 100
    assert _count(db, Agency) > 0
    with db.sessions() as s:
        children = s.execute(select(ReferralChild.referral_id, func.count()).group_by(ReferralChild.referral_id)).all()
        statuses = set(s.scalars(select(Referral.status)))
        pseudonym = s.scalar(select(ReferralChild.pseudonym).limit(1))
        stamps = s.execute(select(Referral.version, Referral.created_at, Referral.created_by).limit(1)).one()
    assert len(children) == 500 and all(1 <= n <= 4 for _, n in children)
    assert len(statuses) >= 6
    assert pseudonym is not None and pseudonym.startswith("Child ")
    assert stamps.version == 1 and stamps.created_at.tzinfo is not None and stamps.created_by == "tester"
    report = schema.check(db)
    assert report.ok, report.problems


def test_fill_bulk_after_demo_and_ids_keep_working(ctx: ServiceContext, demo: DemoSummary) -> None:
    fill_bulk(ctx, referrals=20, reviews=10, today=TODAY)
    assert _count(ctx.db, Referral) == demo.referrals + 20
    assert _count(ctx.db, Review) == demo.reviews + 10
    # The ORM can still add rows afterwards (sequences/autoincrement not disturbed).
    with ctx.unit_of_work() as s:
        s.add(Agency(name="Added after the bulk fill", kind=AgencyKind.OTHER))
    assert schema.check(ctx.db).ok


def test_a_mistake_in_the_demo_file_writes_nothing(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.loads(resources.files("scpdesk").joinpath("resources", "demo.json").read_text(encoding="utf-8"))
    raw["meetings"][-1]["cases"][0]["referral"] = "ZZ"  # the last thing the builder would reach
    monkeypatch.setattr(demo_module, "load_demo_content", lambda: load_demo_content(json.dumps(raw)))
    with pytest.raises(DemoDataError, match="no referral 'ZZ'"):
        fill_demo_data(ctx, today=TODAY)
    assert [_count(ctx.db, m) for m in (Referral, Review, Person, Meeting, AuditEvent, ClosureDay)] == [0] * 6


def test_every_record_of_the_demo_file_is_built(db: Database, demo: DemoSummary) -> None:
    content = load_demo_content()
    assert (demo.referrals, demo.reviews, demo.meetings, demo.people) == (
        len(content.referrals), len(content.reviews), len(content.meetings), len(content.people))
    assert _count(db, ReferralChild) == sum(len(r.children) for r in content.referrals)
    assert _count(db, LearningSummaryContent) == len(content.learning_summaries)  # each found its review
    assert _count(db, ArchiveRequest) == sum(len(r.archive_requests) for r in content.reviews)
    assert demo.actions == sum(len(rec.actions) for r in content.reviews for rec in r.recommendations)

"""Issue 14, the Today view's service (services/today.py): every open item with a date, grouped Overdue / Waiting for
a start date / Due this week / Next 4 weeks, on SQLite, PostgreSQL and encrypted SQLite — from a hand-built dataset
whose expected items are written as literals, on Wednesday 1 April 2026 (Good Friday 3 April and Easter Monday
6 April are bank holidays: this week runs to Sunday 5 April, the next 4 weeks from Monday 6 April to Sunday 3 May)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest
from records import TODAY, context
from statements import statements

from scpdesk.errors import UserError
from scpdesk.models import (
    Action,
    Agency,
    AgencySummary,
    AgendaItem,
    ArchiveRequest,
    ChildIdentity,
    ClockPause,
    Meeting,
    MeetingAction,
    MeetingMember,
    Person,
    RapidReview,
    Recommendation,
    Referral,
    ReferralChild,
    Review,
    SafetyAction,
)
from scpdesk.models.database import Database
from scpdesk.models.enums import (
    ActionStatus,
    AgencyKind,
    AgendaItemKind,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
)
from scpdesk.services import ServiceContext
from scpdesk.services.dto import RecordLink
from scpdesk.services.organisation.directory import PersonInput, add_person, get_person, update_person
from scpdesk.services.today import Group, ItemKind, Me, TodayItem, group_of, today_list, when_words

D = dt.date
#: A real name no export or list may ever show.
REAL_NAME = "Jane Realname"


@dataclass(frozen=True)
class World:
    la: int
    police: int
    school: int
    khan: int
    rr_referral: int
    no_la_date: int
    paused: int
    review: int
    deferred: int
    meeting: int
    cancelled: int
    ids: dict[str, int]


def build(ctx: ServiceContext) -> World:
    ids: dict[str, int] = {}
    with ctx.unit_of_work() as s:
        la = Agency(name="Northshire Council", kind=AgencyKind.LOCAL_AUTHORITY)
        police = Agency(name="Northshire Police", kind=AgencyKind.POLICE)
        icb = Agency(name="Northshire ICB", kind=AgencyKind.ICB)
        school = Agency(name="Oak Primary School", kind=AgencyKind.EDUCATION)
        s.add_all([la, police, icb, school])
        s.flush()
        khan = Person(name="A. Khan", agency_id=police.id, login="northshire\\akhan")
        lee = Person(name="B. Lee", agency_id=la.id)
        ng = Person(name="C. Ng", agency_id=icb.id)
        s.add_all([khan, lee, ng])
        s.flush()

        # A referral in rapid review: its safety actions and agency summaries.
        rr = Referral(reference="T-1", received_date=D(2026, 3, 2), la_aware_date=D(2026, 3, 2),
                      partners_aware_date=D(2026, 3, 2), partners_notified_date=D(2026, 3, 3),
                      sin_sent_date=D(2026, 3, 3), route=Route.RAPID_REVIEW, status=ReferralStatus.RAPID_REVIEW)
        s.add(rr)
        s.flush()
        child = ReferralChild(referral_id=rr.id, position=1, pseudonym="Child N")
        s.add(child)
        s.flush()
        s.add(ChildIdentity(child_id=child.id, full_name=REAL_NAME))
        review_of_rr = RapidReview(referral_id=rr.id, started_date=D(2026, 3, 4))
        s.add(review_of_rr)
        s.flush()
        for name, due, done, person in (("today", D(2026, 4, 1), None, khan.id),
                                        ("yesterday", D(2026, 3, 31), None, None),
                                        ("done", D(2026, 3, 30), D(2026, 3, 31), None),
                                        ("sunday", D(2026, 4, 5), None, None),
                                        ("easter_monday", D(2026, 4, 6), None, None),
                                        ("tuesday", D(2026, 4, 7), None, None),
                                        ("last_day", D(2026, 5, 3), None, None),
                                        ("later", D(2026, 5, 4), None, None),
                                        ("undated", None, None, None)):
            action = SafetyAction(rapid_review_id=review_of_rr.id, description=f"Safety {name}, {REAL_NAME}",
                                  owner_agency_id=police.id if person else school.id, owner_person_id=person,
                                  due_date=due, done_date=done)
            s.add(action)
            s.flush()
            ids[f"safety_{name}"] = action.id
        for name, agency, due, received in (("awaited", school.id, D(2026, 4, 2), None),
                                            ("received", police.id, D(2026, 3, 20), D(2026, 3, 19))):
            summary = AgencySummary(rapid_review_id=review_of_rr.id, agency_id=agency, requested_date=D(2026, 3, 5),
                                    due_date=due, received_date=received)
            s.add(summary)
            s.flush()
            ids[f"summary_{name}"] = summary.id

        # A referral whose clocks cannot start (no LA-aware date), and one whose rapid review is paused, overdue.
        no_date = Referral(reference="T-2", received_date=D(2026, 3, 30))
        paused = Referral(reference="T-3", received_date=D(2026, 2, 2), la_aware_date=D(2026, 2, 2),
                          partners_aware_date=D(2026, 2, 2), partners_notified_date=D(2026, 2, 3),
                          sin_sent_date=D(2026, 2, 3), route=Route.RAPID_REVIEW, status=ReferralStatus.RAPID_REVIEW)
        closed = Referral(reference="T-4", received_date=D(2026, 3, 2), la_aware_date=D(2026, 3, 2),
                          status=ReferralStatus.CLOSED)
        s.add_all([no_date, paused, closed])
        s.flush()
        s.add(ReferralChild(referral_id=no_date.id, position=1, pseudonym="Child O"))
        s.add(ReferralChild(referral_id=paused.id, position=1, pseudonym="Child P"))
        s.add(ReferralChild(referral_id=paused.id, position=2, pseudonym="Child P2"))
        s.add(ClockPause(referral_id=paused.id, clock_key="rapid_review", reason="awaiting police disclosure",
                         paused_date=D(2026, 2, 20)))

        # Reviews: an LCSPR in review (6-month target ahead), one deferred past its target.
        review = Review(reference="CR-1", title="Review of Child R", pseudonym="Child R", review_type=ReviewType.LCSPR,
                        status=ReviewStatus.IN_REVIEW, decision_date=D(2025, 10, 20))
        deferred = Review(reference="CR-2", title="Review of Child S", pseudonym="Child S",
                          review_type=ReviewType.LCSPR, status=ReviewStatus.DEFERRED, decision_date=D(2025, 8, 1),
                          deferral_reason="criminal trial")
        s.add_all([review, deferred])
        s.flush()
        recommendation = Recommendation(review_id=review.id, position=1, text="Share the learning")
        s.add(recommendation)
        s.flush()
        for name, due, status in (("open", D(2026, 4, 10), ActionStatus.AT_RISK),
                                  ("complete", D(2026, 3, 1), ActionStatus.COMPLETE)):
            action = Action(recommendation_id=recommendation.id, description=f"Train staff; then {name}",
                            owner_agency_id=school.id, due_date=due, status=status)
            s.add(action)
            s.flush()
            ids[f"action_{name}"] = action.id
        for name, received, sent in (("open", D(2026, 3, 30), None), ("answered", D(2026, 3, 2), D(2026, 3, 9))):
            request = ArchiveRequest(review_id=review.id, requester_name="Dr Y", organisation="University",
                                     received_date=received, sent_date=sent)
            s.add(request)
            s.flush()
            ids[f"archive_{name}"] = request.id

        # Meetings: one next week without the police and with an unready case, one cancelled, one too far ahead.
        meeting = Meeting(reference="RRP-1", kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=D(2026, 4, 8))
        cancelled = Meeting(reference="RRP-2", kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=D(2026, 4, 9),
                            status=MeetingStatus.CANCELLED)
        far = Meeting(reference="QAS-1", kind=MeetingKind.QAS, meeting_date=D(2026, 4, 16))
        s.add_all([meeting, cancelled, far])
        s.flush()
        s.add_all([MeetingMember(meeting_id=meeting.id, person_id=lee.id),
                   MeetingMember(meeting_id=meeting.id, person_id=ng.id)])
        case = AgendaItem(meeting_id=meeting.id, position=1, kind=AgendaItemKind.CASE, referral_id=rr.id,
                          title="T-1")
        s.add(case)
        s.flush()
        m_action = MeetingAction(agenda_item_id=case.id, description="Chase the GP", owner_person_id=khan.id,
                                 due_date=D(2026, 4, 2))
        m_done = MeetingAction(agenda_item_id=case.id, description="Book the room", owner_person_id=khan.id,
                               due_date=D(2026, 3, 30), done_date=D(2026, 3, 30))
        s.add_all([m_action, m_done])
        s.flush()
        ids["meeting_action"] = m_action.id
        return World(la.id, police.id, school.id, khan.id, rr.id, no_date.id, paused.id, review.id, deferred.id,
                     meeting.id, cancelled.id, ids)


def _row(i: TodayItem) -> tuple[object, ...]:
    return (i.key, i.group, i.due, i.working_days, i.when)


#: What the Today view lists on Wednesday 1 April 2026 (overdue, waiting for a date, this week, the next 4 weeks).
EXPECTED = [
    ("review-2-lcspr_publication", Group.OVERDUE, D(2026, 2, 1), -43, "43 working days late"),
    ("referral-3-rapid_review", Group.OVERDUE, D(2026, 2, 23), -27, "27 working days late"),
    ("referral-1-rapid_review", Group.OVERDUE, D(2026, 3, 23), -7, "7 working days late"),
    ("safety-action-2", Group.OVERDUE, D(2026, 3, 31), -1, "1 working day late"),
    ("safety-action-9", Group.NO_DATE, None, None, "No due date"),
    ("referral-2-sin", Group.NO_DATE, None, None, "Needs the LA-aware date"),
    ("safety-action-1", Group.THIS_WEEK, D(2026, 4, 1), 0, "Due today"),
    ("meeting-action-1", Group.THIS_WEEK, D(2026, 4, 2), 1, "Due tomorrow"),
    ("summary-1", Group.THIS_WEEK, D(2026, 4, 2), 1, "Due tomorrow"),
    # Sunday ends this week; Good Friday is no working day.
    ("safety-action-4", Group.THIS_WEEK, D(2026, 4, 5), 1, "1 working day left"),
    # Easter Monday starts the next 4 weeks, and is no working day either.
    ("safety-action-5", Group.NEXT_4_WEEKS, D(2026, 4, 6), 1, "1 working day left"),
    ("safety-action-6", Group.NEXT_4_WEEKS, D(2026, 4, 7), 2, "2 working days left"),
    ("meeting-1", Group.NEXT_4_WEEKS, D(2026, 4, 8), 3, "3 working days left"),
    ("action-1", Group.NEXT_4_WEEKS, D(2026, 4, 10), 5, "5 working days left"),
    ("review-1-lcspr_publication", Group.NEXT_4_WEEKS, D(2026, 4, 20), 11, "11 working days left"),
    # Received Monday 30 March, answered within 20 working days (the default setting).
    ("archive-request-1", Group.NEXT_4_WEEKS, D(2026, 4, 29), 18, "18 working days left"),
    # Sunday 3 May is the last day of the next 4 weeks.
    ("safety-action-7", Group.NEXT_4_WEEKS, D(2026, 5, 3), 20, "20 working days left"),
]


def test_every_open_item_is_listed_in_its_group_with_its_working_days(db: Database) -> None:
    """Due today, yesterday, on Sunday and Monday, across the Easter bank holidays, the last day of the next 4
    weeks; a paused clock overdue, a deferred review overdue, clocks that cannot start; and nothing done, received,
    complete, answered, cancelled, closed or beyond the horizon."""
    ctx = context(db, "viewer.v")
    build(ctx)
    found = today_list(ctx)
    assert found.today == TODAY
    assert [_row(i) for i in found.items] == EXPECTED
    absent = {"safety-action-3", "safety-action-8", "summary-2", "action-2", "archive-request-2", "meeting-2",
              "meeting-3", "meeting-action-2"}
    assert not absent & {i.key for i in found.items}
    assert not any(i.key.startswith("referral-4-") for i in found.items)  # closed


def test_everything_adds_the_later_items_and_nothing_else(db: Database) -> None:
    ctx = context(db, "viewer.v")
    build(ctx)
    every = today_list(ctx, everything=True)
    assert [_row(i) for i in every.items] == [*EXPECTED, (
        "safety-action-8", Group.LATER, D(2026, 5, 4), 20, "20 working days left")]


def test_each_item_says_why_whose_it_is_and_where_it_opens(db: Database) -> None:
    ctx = context(db, "viewer.v")
    w = build(ctx)
    items = {i.key: i for i in today_list(ctx).items}
    paused = items[f"referral-{w.paused}-rapid_review"]
    assert (paused.what, paused.case, paused.note, paused.owner, paused.owner_agency_id, paused.statutory) == (
        "Rapid review complete", "Child P, Child P2", "paused: awaiting police disclosure", "Northshire Council",
        w.la, False)
    assert paused.link == RecordLink("referrals", w.paused)
    deferred = items[f"review-{w.deferred}-lcspr_publication"]
    assert (deferred.kind, deferred.reference, deferred.case, deferred.note) == (
        ItemKind.REVIEW_CLOCK, "CR-2", "Child S", "deferred: criminal trial")
    assert deferred.link == RecordLink("library", w.deferred)
    missing = items[f"referral-{w.no_la_date}-sin"]
    assert (missing.what, missing.due, missing.working_days) == ("Clocks from LA awareness", None, None)
    meeting = items[f"meeting-{w.meeting}"]
    assert (meeting.kind, meeting.what, meeting.reference, meeting.case, meeting.note, meeting.link) == (
        ItemKind.MEETING, "Rapid Review Panel", "RRP-1", "",
        "Not quorate: Police not represented; 1 case item without papers; 1 case item without a presenter",
        RecordLink("panel", w.meeting))
    mine = items[f"safety-action-{w.ids['safety_today']}"]
    assert (mine.owner, mine.owner_agency_id, mine.owner_person_id, mine.link) == (
        "A. Khan (Northshire Police)", w.police, w.khan, RecordLink("referrals", w.rr_referral, "rapid_review"))
    summary = items[f"summary-{w.ids['summary_awaited']}"]
    assert (summary.what, summary.owner, summary.case) == ("Summary from Oak Primary School", "Oak Primary School",
                                                           "Child N")
    action = items[f"action-{w.ids['action_open']}"]
    assert (action.what, action.owner, action.link) == ("Train staff; then open", "Oak Primary School",
                                                        RecordLink("library", w.review, "actions"))
    request = items[f"archive-request-{w.ids['archive_open']}"]
    assert request.link == RecordLink("library", w.review, "archive")
    meeting_action = items[f"meeting-action-{w.ids['meeting_action']}"]
    assert (meeting_action.case, meeting_action.link) == ("Child N", RecordLink("panel", w.meeting, "actions"))
    assert all(REAL_NAME not in i.case and REAL_NAME not in i.owner for i in items.values())


def test_mine_is_what_the_signed_in_person_or_their_agency_owns(db: Database) -> None:
    """The login is compared case-insensitively; an account linked to nobody owns nothing."""
    w = build(context(db, "setup"))
    found = today_list(context(db, "NORTHSHIRE\\AKhan"))
    assert found.me == Me("NORTHSHIRE\\AKhan", w.khan, "A. Khan", w.police, "Northshire Police")
    assert [i.key for i in found.mine()] == [f"safety-action-{w.ids['safety_today']}",
                                             f"meeting-action-{w.ids['meeting_action']}"]
    nobody = today_list(context(db, "someone.else"))
    assert nobody.me == Me("someone.else") and nobody.mine() == ()


def test_the_list_costs_the_same_statements_however_many_records(db: Database) -> None:
    """A fixed handful of statements (no per-record query), with one referral or with thirty more."""
    ctx = context(db, "viewer.v")
    build(ctx)
    with statements(db) as few:
        today_list(ctx)
    with ctx.unit_of_work() as s:
        for n in range(30):
            ref = Referral(reference=f"X-{n}", received_date=D(2026, 3, 20), la_aware_date=D(2026, 3, 20),
                           route=Route.RAPID_REVIEW, status=ReferralStatus.SCREENING)
            s.add(ref)
            s.flush()
            s.add(ReferralChild(referral_id=ref.id, position=1, pseudonym=f"Child X{n}"))
            rr = RapidReview(referral_id=ref.id)
            s.add(rr)
            s.flush()
            s.add(SafetyAction(rapid_review_id=rr.id, description="Check", due_date=D(2026, 4, 9)))
    with statements(db) as many:
        found = today_list(ctx)
    assert len(found.items) > len(EXPECTED) + 60
    assert len(many) == len(few) <= 17, many  # 15 statements, BEGIN and ROLLBACK


def test_the_words_and_groups_at_their_edges() -> None:
    wed = D(2026, 4, 1)
    assert [group_of(d, wed) for d in (D(2026, 3, 31), wed, D(2026, 4, 5), D(2026, 4, 6), D(2026, 5, 3),
                                       D(2026, 5, 4), None)] == [
        Group.OVERDUE, Group.THIS_WEEK, Group.THIS_WEEK, Group.NEXT_4_WEEKS, Group.NEXT_4_WEEKS, Group.LATER,
        Group.NO_DATE]
    sunday = D(2026, 4, 5)  # on a Sunday this week is that day only
    assert [group_of(d, sunday) for d in (sunday, D(2026, 4, 6), D(2026, 5, 3), D(2026, 5, 4))] == [
        Group.THIS_WEEK, Group.NEXT_4_WEEKS, Group.NEXT_4_WEEKS, Group.LATER]
    assert when_words(wed, 0, wed) == "Due today"
    assert when_words(D(2026, 4, 2), 1, wed) == "Due tomorrow"
    assert when_words(D(2026, 3, 31), -1, wed) == "1 working day late"
    assert when_words(D(2026, 4, 4), 1, D(2026, 4, 2)) == "1 working day left"  # Saturday, past Good Friday
    assert when_words(D(2026, 4, 4), -0, D(2026, 4, 5)) == "Overdue (due Sat 4 Apr)"
    assert when_words(None, None, wed, missing="LA-aware date missing") == "Needs the LA-aware date"


# -- "Signs in as": the directory person's login ---------------------------------------------------------

def test_a_login_is_saved_with_the_version_the_user_saw_and_never_given_twice(db: Database) -> None:
    from scpdesk.errors import ConflictError

    ctx = context(db, "coordinator.a")
    pid, _ = add_person(ctx, PersonInput("A. Khan", login="  NORTHSHIRE\\AKhan "))
    assert get_person(ctx, pid).login == "northshire\\akhan"  # kept in lower case: compared so
    other, _ = add_person(ctx, PersonInput("B. Lee"))
    with pytest.raises(UserError) as refused:
        update_person(ctx, other, get_person(ctx, other).version, PersonInput("B. Lee", login="northshire\\AKHAN"))
    assert refused.value.field == "login" and "A. Khan" in str(refused.value)
    with pytest.raises(UserError) as spaced:
        add_person(ctx, PersonInput("C. Ng", login="c ng"))
    assert spaced.value.field == "login"
    seen = get_person(ctx, pid).version
    update_person(context(db, "them"), pid, seen, PersonInput("A. Khan", role="Lead"))  # login not shown: kept
    assert get_person(ctx, pid).login == "northshire\\akhan"
    with pytest.raises(ConflictError) as clash:
        update_person(ctx, pid, seen, PersonInput("A. Khan", login=""))
    assert clash.value.changed_by == "them"
    update_person(ctx, pid, get_person(ctx, pid).version, PersonInput("A. Khan", login=""))
    assert get_person(ctx, pid).login == ""
    update_person(ctx, other, get_person(ctx, other).version, PersonInput("B. Lee", login="NORTHSHIRE\\akhan"))
    assert get_person(ctx, other).login == "northshire\\akhan"


def test_two_people_given_one_login_at_the_same_moment_the_second_is_told_and_nothing_is_half_saved(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both saves passed the check before either committed (simulated: the second does not see the first): the
    database's unique index refuses the second, named by its field, and that person is left as they were."""
    from scpdesk.services.organisation import directory

    ctx = context(db, "coordinator.a")
    add_person(ctx, PersonInput("A. Khan", login="northshire\\akhan"))
    other, _ = add_person(ctx, PersonInput("B. Lee", role="Nurse"))
    monkeypatch.setattr(directory, "_login", lambda s, typed, own_id: typed.strip().lower() or None)
    with pytest.raises(UserError) as refused:
        update_person(ctx, other, get_person(ctx, other).version,
                      PersonInput("B. Lee", role="Lead", login="NORTHSHIRE\\akhan"))
    assert refused.value.field == "login" and "same moment" in str(refused.value)
    assert (get_person(ctx, other).login, get_person(ctx, other).role) == ("", "Nurse")


def test_migration_0010_adds_and_removes_the_login(db: Database) -> None:
    """Down to 0009 and up again: the people kept, their logins gone and linkable again."""
    from alembic import command
    from sqlalchemy import inspect, select

    from scpdesk.models import schema

    ctx = context(db, "coordinator.a")
    pid, _ = add_person(ctx, PersonInput("A. Khan", login="akhan"))
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        command.downgrade(schema._alembic_config(conn), "0009")
        conn.commit()
        assert "login" not in {c["name"] for c in inspect(conn).get_columns("person")}
        command.upgrade(schema._alembic_config(conn), "head")
        conn.commit()
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        assert "ix_person_login" in {i["name"] for i in inspect(conn).get_indexes("person")}
    assert schema.current_revision(db) == schema.HEAD_REVISION
    with db.sessions() as s:
        assert s.execute(select(Person.name, Person.login)).all() == [("A. Khan", None)]
    update_person(ctx, pid, get_person(ctx, pid).version, PersonInput("A. Khan", login="akhan"))
    assert get_person(ctx, pid).login == "akhan"


# -- the same clocks as everywhere else, and the first page's list ---------------------------------------

def _demo(db: Database) -> ServiceContext:
    from scpdesk.services.demo import fill_bulk, fill_demo_data

    ctx = context(db, "coordinator.a")
    fill_demo_data(ctx, today=TODAY)
    fill_bulk(ctx, referrals=80, reviews=40)
    return ctx


def test_every_clock_of_scpdesk_deadlines_is_an_item_and_the_horizon_loses_none(db: Database) -> None:
    """Demo and bulk records (overdue, paused, deferred, met and closed clocks, missing start dates): each clock
    ``scpdesk deadlines`` lists is an item with the same due date and working days; the list in view is the full
    list less its later items, so reading only the referrals whose stored next due date is within the horizon
    (every clock of a referral is due on or after it) and only the reviews that can have a clock loses nothing."""
    from sqlalchemy import select

    from scpdesk.services.deadlines import open_deadlines
    from scpdesk.services.referrals.referrals import ReferralService

    ctx = _demo(db)
    every = today_list(ctx, everything=True)
    by_key = {i.key: i for i in every.items}
    deadlines = open_deadlines(ctx)
    assert len(deadlines) > 50
    for d in deadlines:
        item = by_key[f"{d.record}-{d.record_id}-{d.clock_key}"]
        assert (item.due, item.working_days, item.statutory) == (d.due_date, d.working_days_left, d.statutory)
    assert len(every.of_kinds([ItemKind.REFERRAL_CLOCK, ItemKind.REVIEW_CLOCK])) == len(deadlines)
    assert today_list(ctx).items == tuple(i for i in every.items if i.group is not Group.LATER)
    with ctx.read() as s:
        stored = dict(s.execute(select(Referral.id, Referral.next_due_date)).all())
    for row in ReferralService(ctx).watch_rows():
        dues = [c.due_date for c in row.open_clocks if c.due_date is not None]
        if dues:
            assert stored[row.id] is not None and min(dues) >= stored[row.id], row.reference


def test_a_reviews_earliest_due_date_is_never_after_one_of_its_clocks(db: Database) -> None:
    """At a start only the reviews whose earliest due date can come among the first items are computed: that
    date (from the decision, planned publication and publication dates alone) is never after any of the review's
    clocks, paused or deferred ones included, so no review item that belongs on the first screen is left out."""
    from sqlalchemy import select

    from scpdesk.services.settings import get_settings
    from scpdesk.services.today import _Reader, _review_earliest_due

    ctx = _demo(db)
    every = today_list(ctx, everything=True).of_kinds([ItemKind.REVIEW_CLOCK])
    assert len(every) > 10
    with ctx.read() as s:
        dates = {rid: (d, p, pub) for rid, d, p, pub in s.execute(
            select(Review.id, Review.decision_date, Review.planned_publication_date, Review.published_date))}
    settings = get_settings(ctx)
    reader = _Reader(lambda sql, params: [], TODAY, settings, frozenset(), dt.date.max)
    for item in every:
        earliest = _review_earliest_due(reader, *dates[item.link.record_id])
        assert earliest is not None and item.due is not None and earliest <= item.due, item.key


def test_the_first_page_carries_the_services_today_list(db: Database, db_url: str) -> None:
    """The start's list (plain sqlite3, before SQLAlchemy) is the service's, item for item, for the same login;
    without a login it is not read."""
    from scpdesk.keys import local_path
    from scpdesk.services.referrals.first_page import read_first_page

    ctx = _demo(db)
    w = build(ctx)
    path = local_path(db_url)
    page = read_first_page(path, today=TODAY, limit=10, login="Northshire\\akhan")
    if not db.is_sqlite or db.is_encrypted:
        assert page is None
        return
    assert page is not None and page.today is not None
    assert page.today == today_list(context(db, "Northshire\\akhan"))
    assert page.today.me.person_id == w.khan and len(page.today.items) > 50
    assert read_first_page(path, today=TODAY, limit=10) == replace(page, today=None)
    full = page.today.items
    for first in (1, 5, 17, 40, len(full) - 1, len(full), len(full) + 5):
        start = read_first_page(path, today=TODAY, limit=10, login="Northshire\\akhan", today_rows=first)
        assert start is not None and start.today is not None
        assert start.today.items == full[:first], first  # the first screen, exactly as the full list begins
        assert start.today.complete is (first >= len(full)) and start.today.me == page.today.me


def test_stored_clocks_that_are_not_current_are_computed_by_the_engine(db: Database, db_url: str) -> None:
    """A stored next due date from another version (or none): the service reads every open referral and lists
    the same items; the first page declines (the usual way repairs them first)."""
    from sqlalchemy import text

    from scpdesk.keys import local_path
    from scpdesk.services.referrals.first_page import read_first_page

    ctx = context(db, "viewer.v")
    build(ctx)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE referral SET next_due_date = NULL, next_missing = NULL, next_due_basis = 'old'"))
    assert [_row(i) for i in today_list(ctx).items] == EXPECTED
    assert read_first_page(local_path(db_url), today=TODAY, limit=10, login="viewer.v") is None

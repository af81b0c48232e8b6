"""Meetings on both databases: members and quorum, templates, the agenda (suggestions in clock order, order,
times, warnings), papers, minutes and actions, case decisions through the workflow, the calendar invite and the
meeting pack's data (pseudonyms only, hostile text carried verbatim)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from scpdesk.errors import ConflictError, NotFoundError, UserError, ValidationErrors
from scpdesk.models import Agency, AgendaItem, AuditEvent, OrganisationSetting, Referral, Review
from scpdesk.models.database import Database
from scpdesk.models.enums import (
    AgencyKind,
    AgendaItemKind,
    Attendance,
    AuditAction,
    Decision,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
    ReviewType,
    Route,
)
from scpdesk.services import ServiceContext
from scpdesk.services.organisation.directory import (
    PersonInput,
    add_person,
    get_person,
    people,
    retire_person,
    update_person,
)
from scpdesk.services.panel.calendar import meeting_ics, meeting_uid
from scpdesk.services.panel.meeting_pack import pack_data, record_pack_produced
from scpdesk.services.panel.meetings import (
    DECISION_TEXT,
    MAX_PAPER_BYTES,
    ActionInput,
    ItemEdit,
    MeetingInput,
    MeetingService,
    record_case_decision,
)
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import Criteria, WorkflowService

TODAY = dt.date(2026, 4, 1)  # Wed
NEXT_WEEK = dt.date(2026, 4, 8)  # Wed, the usual meeting day
LAST_WEEK = dt.date(2026, 3, 25)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ALL_YES = Criteria(improvements=True, recurrent_themes=True, multi_agency=True, panel_suggested=False)
HOSTILE = "<b>Bold & bad</b> ŵŷ Ŵŷ \"quotes\" 'apostrophes' <img src=\"file:///etc/passwd\"/>"
REAL_NAME = "Bethan Llewelyn-Jones"


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.ctx = ServiceContext(db, user="coordinator.a", today=lambda: TODAY)
        self.m = MeetingService(self.ctx)
        self.referrals = ReferralService(self.ctx)
        self.wf = WorkflowService(self.ctx)
        with self.ctx.unit_of_work() as s:
            rows = {"la": Agency(name="Northshire Children's Social Care", kind=AgencyKind.LOCAL_AUTHORITY),
                    "police": Agency(name="Northshire Police", kind=AgencyKind.POLICE),
                    "icb": Agency(name="Northshire ICB", kind=AgencyKind.ICB),
                    "school": Agency(name="Oak Primary School", kind=AgencyKind.EDUCATION)}
            s.add_all(rows.values())
            s.flush()
            self.agencies = {k: a.id for k, a in rows.items()}
        self.p = {key: add_person(self.ctx, PersonInput(name, role, self.agencies.get(agency), panel_member=True))[0]
                  for key, name, role, agency in (
                      ("chair", "Dr Eluned Prŵys", "Independent chair", None),
                      ("la", "Sam Lowther", "Head of Safeguarding", "la"),
                      ("police", "DI Rahman", "Detective Inspector", "police"),
                      ("icb", "Dr Okafor", "Designated Nurse", "icb"),
                      ("school", "Ms Penrose", "Head teacher", "school"))}
        self._n = 0

    # Referrals at a stage ------------------------------------------------------------------------------
    def referral(self, stage: str = "received", *, la_aware: dt.date = dt.date(2025, 12, 19),
                 pseudonym: str = "Child N", summary: str = "", identity: str = "") -> int:
        self._n += 1
        received = max(la_aware, dt.date(2025, 12, 22)) if la_aware < dt.date(2026, 1, 1) else la_aware
        child = ChildInput(pseudonym, identity=IdentityInput(full_name=identity) if identity else None)
        rid, _ = self.referrals.create(ReferralInput(
            reference=f"NSCP-{self._n:03d}", received_date=received, child_pseudonym=pseudonym,
            children=(child, ChildInput(f"{pseudonym}2")), la_aware_date=la_aware,
            incident_date=la_aware - dt.timedelta(days=1), summary=summary,
            agency_ids=(self.agencies["la"], self.agencies["police"])))
        if stage == "received":
            return rid
        if stage == "learning_review":
            self.wf.screen(rid, self.rv(rid), route=Route.LEARNING_REVIEW, screened_date=received, notes="For QA&S")
            return rid
        self.wf.screen(rid, self.rv(rid), route=Route.RAPID_REVIEW, screened_date=received)
        if stage == "screening":
            return rid
        sin = received + dt.timedelta(days=1)
        self.wf.record_sin(rid, self.rv(rid), sin_reference="NP-1", sent_date=sin)
        if stage == "sin_sent":
            return rid
        self.wf.notify_partners(rid, self.rv(rid), notified_date=sin)
        self.wf.start_rapid_review(rid, self.rv(rid), started_date=sin + dt.timedelta(days=1),
                                   agency_ids=[self.agencies["la"], self.agencies["police"], self.agencies["school"]])
        if stage == "rapid_review":
            return rid
        for partner, name in (("la", "DCS"), ("police", "Det Supt"), ("icb", "Dr O")):
            self.wf.sign_off(rid, self.rv(rid), partner=partner, name=name, signed_date=dt.date(2026, 1, 12))  # type: ignore[arg-type]
        self.wf.complete_rapid_review(rid, self.rv(rid), completed_date=dt.date(2026, 1, 13), confirmed=True)
        self.wf.send_to_panel(rid, self.rv(rid), sent_date=dt.date(2026, 1, 14))
        self.wf.record_panel_response(rid, self.rv(rid), response_date=dt.date(2026, 1, 28), view="Local review")
        assert stage == "panel_responded"
        return rid

    def meeting(self, kind: MeetingKind = MeetingKind.RAPID_REVIEW_PANEL, day: dt.date = NEXT_WEEK,
                members: tuple[str, ...] = ("la", "police", "icb"), **kw: object) -> int:
        data = dict(kind=kind, meeting_date=day, start_time=dt.time(10, 0), place="Committee Room 2",
                    online_link="https://meet.example/nscp-rrp", chair_id=self.p["chair"],
                    member_ids=tuple(self.p[k] for k in members))
        data.update(kw)
        mid, changes = self.m.create(MeetingInput(**data))  # type: ignore[arg-type]
        assert changes.touches("meeting") and ("meeting", mid) in changes.ids
        return mid

    def rv(self, rid: int) -> int:
        """A referral's version as the user would see it."""
        return self.referrals.get(rid).version

    def version(self, mid: int) -> int:
        return self.m.get(mid).version

    def item_version(self, item_id: int) -> int:
        """An agenda item's version as the user would see it."""
        return next(i.version for mid in self.m.list_entries() for i in self.m.get(mid.row.id).items
                    if i.id == item_id)

    def case_versions(self, item_id: int) -> dict[str, int]:
        """A case item's version and its referral's, as the user would see them."""
        item = next(i for mid in self.m.list_entries() for i in self.m.get(mid.row.id).items if i.id == item_id)
        return {"expected_version": item.version, "referral_version": item.referral_version or 0}

    def action_version(self, action_id: int) -> int:
        return next(a.version for mid in self.m.list_entries() for i in self.m.get(mid.row.id).items
                    for a in i.actions if a.id == action_id)

    def standing(self, mid: int) -> list[int]:
        self.m.add_standing_items(mid, self.version(mid))
        return [i.id for i in self.m.get(mid).items]

    def audit_count(self) -> int:
        with self.db.sessions() as s:
            return s.scalar(select(func.count()).select_from(AuditEvent)) or 0


@pytest.fixture
def w(db: Database) -> World:
    return World(db)


def _positions(w: World, mid: int) -> list[tuple[int, int]]:
    return [(i.position, i.id) for i in w.m.get(mid).items]


# People and members ---------------------------------------------------------------------------------------

def test_people_directory_gives_agency_and_kind_and_hides_those_who_left(w: World) -> None:
    found = {p.name: p for p in people(w.ctx)}
    assert found["DI Rahman"].agency == "Northshire Police" and found["DI Rahman"].agency_kind is AgencyKind.POLICE
    assert found["Dr Eluned Prŵys"].agency == "" and found["Dr Eluned Prŵys"].agency_kind is None
    assert found["Sam Lowther"].label == "Sam Lowther (Head of Safeguarding, Northshire Children's Social Care)"
    assert all(p.panel_member and not p.qas_member for p in found.values())
    retire_person(w.ctx, w.p["school"], TODAY, expected_version=get_person(w.ctx, w.p["school"]).version)
    assert "Ms Penrose" not in {p.name for p in people(w.ctx)}
    assert "Ms Penrose" in {p.name for p in people(w.ctx, include_retired=True)}
    with pytest.raises(UserError) as raised:
        add_person(w.ctx, PersonInput("  ", email="not an email"))
    assert isinstance(raised.value, ValidationErrors) and {e.field for e in raised.value.errors} == {"name", "email"}
    person = found["DI Rahman"]
    update_person(w.ctx, person.id, person.version, PersonInput("DI Rahman", "DCI", w.agencies["police"],
                                                                 qas_member=True))
    with pytest.raises(ConflictError):
        update_person(w.ctx, person.id, person.version, PersonInput("DI R"))
    # Someone who has left is not offered, and cannot be added, to a new meeting.
    with pytest.raises(UserError) as raised:
        w.meeting(members=("la", "school"))
    assert raised.value.field == "members" and "left" in raised.value.message


def test_quorum_needs_the_three_partners_invited_when_planned_and_present_once_held(w: World) -> None:
    mid = w.meeting(members=("la", "police", "school"))
    detail = w.m.get(mid)
    assert detail.reference == "RRP-2026-04-08" and detail.status is MeetingStatus.PLANNED
    assert {m.name for m in detail.members} == {"Dr Eluned Prŵys", "Sam Lowther", "DI Rahman", "Ms Penrose"}
    assert not detail.quorate and detail.missing_partners == ("ICB",)
    w.m.add_members(mid, detail.version, [w.p["icb"], w.p["la"]])  # the LA lead is already a member
    assert w.m.get(mid).quorate and len(w.m.get(mid).members) == 5
    w.m.set_attendance(mid, w.version(mid), w.p["icb"], Attendance.APOLOGIES)
    detail = w.m.get(mid)
    assert not detail.quorate and detail.missing_partners == ("ICB",)
    assert [r.quorate for r in w.m.list_rows() if r.id == mid] == [False]
    w.m.remove_member(mid, w.version(mid), w.p["icb"])
    assert w.p["icb"] not in {m.person_id for m in w.m.get(mid).members}

    # A held meeting counts only who was present.
    held = w.meeting(day=LAST_WEEK, members=("la", "police", "icb"))
    assert w.m.get(held).quorate  # planned: all invited
    w.m.update(held, w.version(held), replace(w.m.get(held).as_edit(), status=MeetingStatus.HELD))
    detail = w.m.get(held)
    assert detail.status is MeetingStatus.HELD and not detail.quorate
    assert detail.missing_partners == ("Local authority", "Police", "ICB")
    for key in ("la", "police"):
        w.m.set_attendance(held, w.version(held), w.p[key], Attendance.PRESENT)
    assert not w.m.get(held).quorate
    w.m.set_attendance(held, w.version(held), w.p["icb"], Attendance.PRESENT)
    detail = w.m.get(held)
    assert detail.quorate and detail.missing_partners == ()
    [row] = [r for r in w.m.list_rows() if r.id == held]
    assert (row.quorate, row.present, row.status) == (True, 3, MeetingStatus.HELD)
    with pytest.raises(UserError) as raised:
        w.m.set_attendance(held, w.version(held), w.p["school"], Attendance.PRESENT)
    assert raised.value.field == "member"
    with pytest.raises(UserError) as raised:
        w.m.set_attendance(held, w.version(held), w.p["la"], "late")  # type: ignore[arg-type]
    assert raised.value.field == "attendance"


def test_meeting_details_are_validated_naming_the_field(w: World) -> None:
    for kw, field in ((dict(meeting_date=None), "meeting_date"), (dict(online_link="meet.example/x"), "online_link"),
                      (dict(place="x" * 301), "place"), (dict(kind="board"), "kind"),
                      (dict(chair_id=999_999), "chair"), (dict(reference="R" * 41), "reference")):
        with pytest.raises(UserError) as raised:
            w.meeting(**kw)
        assert raised.value.field == field, kw
    mid = w.meeting()
    with pytest.raises(UserError) as raised:
        w.meeting(reference="RRP-2026-04-08")
    assert raised.value.field == "reference" and "already used" in raised.value.message
    assert w.m.get(w.meeting()).reference == "RRP-2026-04-08-2"  # a second meeting that day
    edit = w.m.get(mid).as_edit()
    with pytest.raises(UserError) as raised:
        w.m.update(mid, w.version(mid), replace(edit, status=MeetingStatus.HELD))
    assert raised.value.field == "status" and "cannot have been held yet" in raised.value.message
    with pytest.raises(NotFoundError):
        w.m.get(999_999)


def test_a_stale_edit_is_a_conflict_for_meetings_and_items(w: World) -> None:
    mid = w.meeting()
    items = w.standing(mid)
    opened = w.m.get(mid)
    w.m.update(mid, opened.version, replace(opened.as_edit(), place="Room 9"))
    for stale in (lambda: w.m.update(mid, opened.version, opened.as_edit()),
                  lambda: w.m.add_members(mid, opened.version, [w.p["school"]]),
                  lambda: w.m.move_item(items[0], opened.version, 2),
                  lambda: w.m.add_standing_item(mid, opened.version, "Thematic update")):
        with pytest.raises(ConflictError) as raised:
            stale()
        assert raised.value.changed_by == "coordinator.a"
    item = opened.items[0]
    w.m.record_minutes(item.id, item.version, minutes="Agreed")
    with pytest.raises(ConflictError):
        w.m.update_item(item.id, item.version, item.as_edit())
    with pytest.raises(ConflictError):
        w.m.record_minutes(item.id, item.version, minutes="Agreed again")
    assert w.m.get(mid).place == "Room 9"


# Templates ------------------------------------------------------------------------------------------------

def test_copy_a_meeting_as_a_template(w: World) -> None:
    old = w.meeting(day=LAST_WEEK, members=("la", "police", "icb", "school"))
    w.standing(old)
    rid = w.referral("rapid_review")
    item_id, _ = w.m.add_case(old, w.version(old), rid, questions="Is the plan safe?")
    w.m.record_minutes(item_id, w.item_version(item_id), minutes="Discussed", decision="Agreed")
    w.m.add_action(item_id, ActionInput("Chase the GP summary", w.p["icb"], NEXT_WEEK))
    w.m.attach_paper(item_id, "chronology.pdf", PDF)
    w.m.set_attendance(old, w.version(old), w.p["la"], Attendance.APOLOGIES)
    first = w.m.get(old).items[0]
    w.m.update_item(first.id, first.version, ItemEdit(first.title, 7, w.p["chair"]))
    retire_person(w.ctx, w.p["school"], TODAY, expected_version=get_person(w.ctx, w.p["school"]).version)

    new, changes = w.m.copy(old, meeting_date=NEXT_WEEK)
    assert changes.touches("meeting") and new != old
    was, now = w.m.get(old), w.m.get(new)
    assert now.reference == "RRP-2026-04-08" and now.meeting_date == NEXT_WEEK
    assert (now.kind, now.start_time, now.place, now.online_link, now.chair_id, now.status) == (
        was.kind, was.start_time, was.place, was.online_link, was.chair_id, MeetingStatus.PLANNED)
    assert {m.person_id for m in now.members} == {m.person_id for m in was.members} - {w.p["school"]}
    assert {m.attendance for m in now.members} == {Attendance.INVITED}
    assert [(i.position, i.title, i.duration_minutes, i.kind) for i in now.items] == [
        (1, "Minutes of the last meeting", 7, AgendaItemKind.STANDING), (2, "Actions log", 10, AgendaItemKind.STANDING),
        (3, "Any other business", 5, AgendaItemKind.STANDING)]
    assert now.items[0].presenter == "Dr Eluned Prŵys"
    assert all(not (i.minutes or i.decision or i.papers or i.actions) for i in now.items)
    # A new time can be given; the old meeting is untouched.
    other, _ = w.m.copy(old, meeting_date=dt.date(2026, 4, 15), start_time=dt.time(14, 30))
    assert w.m.get(other).start_time == dt.time(14, 30)
    assert len(w.m.get(old).items) == 4 and w.m.get(old).items[2].papers[0].filename == "chronology.pdf"


# The agenda ---------------------------------------------------------------------------------------------

def test_suggestions_are_the_referrals_awaiting_this_kind_of_meeting_soonest_clock_first(w: World) -> None:
    soon = w.referral("screening", la_aware=dt.date(2026, 3, 25))  # SIN due Wed 1 Apr 2026
    overdue = w.referral("screening", la_aware=dt.date(2026, 3, 16))  # SIN due Mon 23 Mar 2026: overdue
    oldest = w.referral("rapid_review")  # rapid review due Wed 14 Jan 2026
    learning = w.referral("learning_review", la_aware=dt.date(2026, 3, 2))
    w.referral("received", la_aware=dt.date(2026, 3, 30))  # not screened yet: not suggested
    rrp, qas = w.meeting(), w.meeting(MeetingKind.QAS)

    suggested = w.m.suggested_referrals(rrp)
    assert [r.id for r in suggested] == [oldest, overdue, soon]
    dues = [r.next_due for r in suggested]
    assert dues == sorted(dues)  # type: ignore[type-var]
    assert [r.id for r in w.m.suggested_referrals(qas)] == [learning]

    for rid in (r.id for r in suggested):
        w.m.add_case(rrp, w.version(rrp), rid)
    assert w.m.suggested_referrals(rrp) == []
    detail = w.m.get(rrp)
    assert [(i.position, i.referral_id) for i in detail.items] == [(1, oldest), (2, overdue), (3, soon)]
    case = detail.items[0]
    assert case.is_case and case.pseudonyms == "Child N, Child N2" and case.title == "Child N, Child N2: rapid review"
    assert case.duration_minutes == 30 and case.referral_status is ReferralStatus.RAPID_REVIEW
    assert case.decision_options[0] is Decision.LCSPR

    with pytest.raises(UserError) as raised:
        w.m.add_case(rrp, w.version(rrp), oldest)
    assert raised.value.field == "referral" and "already on this agenda" in raised.value.message
    with pytest.raises(UserError) as raised:
        w.m.add_case(rrp, w.version(rrp), learning)
    assert raised.value.field == "referral" and "Learning review" in raised.value.message
    item_id, _ = w.m.add_case(qas, w.version(qas), learning)
    item = w.m.get(qas).items[0]
    assert (item.id, item.duration_minutes, item.title) == (item_id, 20, "Child N, Child N2: referral for a learning "
                                                                         "review")
    assert item.decision_options == (Decision.PLR, Decision.OTHER_LEARNING, Decision.NO_FURTHER_REVIEW)


def test_cases_go_before_any_other_business_and_standing_items_fill_their_places(w: World) -> None:
    mid = w.meeting()
    w.m.add_standing_item(mid, w.version(mid), "Any other business")
    rid = w.referral("screening", la_aware=dt.date(2026, 3, 25))
    w.m.add_case(mid, w.version(mid), rid)
    w.m.add_standing_items(mid, w.version(mid))
    titles = [i.title for i in w.m.get(mid).items]
    assert titles == ["Minutes of the last meeting", "Actions log", "Child N, Child N2: rapid review",
                      "Any other business"]
    w.m.add_standing_items(mid, w.version(mid))  # nothing missing: nothing added
    assert [p for p, _ in _positions(w, mid)] == [1, 2, 3, 4]
    w.m.add_standing_item(mid, w.version(mid), "Thematic update", duration_minutes=20, position=1)
    assert [i.title for i in w.m.get(mid).items][:2] == ["Thematic update", "Minutes of the last meeting"]
    for title, minutes, field in (("  ", 5, "title"), ("T" * 301, 5, "title"), ("Update", 0, "duration_minutes"),
                                  ("Update", 481, "duration_minutes")):
        with pytest.raises(UserError) as raised:
            w.m.add_standing_item(mid, w.version(mid), title, duration_minutes=minutes)
        assert raised.value.field == field
    with pytest.raises(UserError) as raised:
        w.m.add_standing_item(mid, w.version(mid), "Update", position=9)
    assert raised.value.field == "position"


def test_reorder_keeps_positions_one_to_n(w: World) -> None:
    mid = w.meeting()
    w.standing(mid)
    for day in (25, 26):
        w.m.add_case(mid, w.version(mid), w.referral("screening", la_aware=dt.date(2026, 3, day)))
    before = _positions(w, mid)
    ids = [i for _, i in before]
    assert [p for p, _ in before] == [1, 2, 3, 4, 5]
    versions = {i.id: i.version for i in w.m.get(mid).items}
    audit = w.audit_count()

    changes = w.m.move_item(ids[-1], w.version(mid), 1)  # last to first
    assert changes.touches("meeting")
    assert _positions(w, mid) == list(enumerate([ids[4], ids[0], ids[1], ids[2], ids[3]], start=1))
    w.m.move_item(ids[4], w.version(mid), 5)  # first to last: back as it was
    assert _positions(w, mid) == before
    w.m.move_item(ids[1], w.version(mid), 4)
    assert [i for _, i in _positions(w, mid)] == [ids[0], ids[2], ids[3], ids[1], ids[4]]
    w.m.move_item(ids[1], w.version(mid), 4)  # where it is already: nothing moves
    # Moving does not touch the items' own versions (someone typing minutes is not interrupted) but is audited.
    assert {i.id: i.version for i in w.m.get(mid).items} == versions
    with w.db.sessions() as s:
        moved = s.execute(select(AuditEvent.entity_id, AuditEvent.old_value, AuditEvent.new_value)
                          .where(AuditEvent.entity == "agenda_item", AuditEvent.field == "position",
                                 AuditEvent.id > 0).order_by(AuditEvent.id)).all()
    assert (str(ids[4]), "5", "1") in moved and (str(ids[0]), "1", "2") in moved
    assert w.audit_count() > audit
    for bad in (0, 6):
        with pytest.raises(UserError) as raised:
            w.m.move_item(ids[0], w.version(mid), bad)
        assert raised.value.field == "position" and "from 1 to 5" in raised.value.message

    w.m.remove_item(ids[2], w.version(mid))
    assert [p for p, _ in _positions(w, mid)] == [1, 2, 3, 4]
    assert ids[2] not in [i for _, i in _positions(w, mid)]
    with w.db.sessions() as s:
        stored = sorted(s.scalars(select(AgendaItem.position).where(AgendaItem.meeting_id == mid)))
    assert stored == [1, 2, 3, 4]


def test_start_times_follow_the_durations(w: World) -> None:
    mid = w.meeting()
    w.standing(mid)
    w.m.add_case(mid, w.version(mid), w.referral("screening", la_aware=dt.date(2026, 3, 25)))
    detail = w.m.get(mid)
    assert [(i.start_time, i.duration_minutes) for i in detail.items] == [
        (dt.time(10, 0), 5), (dt.time(10, 5), 10), (dt.time(10, 15), 30), (dt.time(10, 45), 5)]
    assert detail.end_time == dt.time(10, 50) and detail.total_minutes == 50
    case = detail.items[2]
    w.m.update_item(case.id, case.version, ItemEdit(case.title, 45, w.p["la"], "Which summaries are missing?"))
    detail = w.m.get(mid)
    assert [i.start_time for i in detail.items] == [dt.time(10, 0), dt.time(10, 5), dt.time(10, 15), dt.time(11, 0)]
    assert (detail.items[2].presenter, detail.items[2].questions) == ("Sam Lowther", "Which summaries are missing?")
    w.m.move_item(case.id, w.version(mid), 1)
    assert [i.start_time for i in w.m.get(mid).items] == [dt.time(10, 0), dt.time(10, 45), dt.time(10, 50),
                                                          dt.time(11, 0)]
    edit = w.m.get(mid).as_edit()
    w.m.update(mid, w.version(mid), replace(edit, start_time=None))
    assert {(i.start_time, i.end_time) for i in w.m.get(mid).items} == {(None, None)}


def test_a_rapid_review_due_before_the_meeting_is_warned_on_the_item_and_the_meeting(w: World) -> None:
    late = w.referral("rapid_review", pseudonym="Child K")  # rapid review due Wed 14 Jan 2026
    fresh = w.referral("rapid_review", la_aware=dt.date(2026, 3, 26), pseudonym="Child R")
    done = w.referral("panel_responded", pseudonym="Child D")  # completed on time: no warning
    mid = w.meeting()
    for rid in (late, fresh, done):
        w.m.add_case(mid, w.version(mid), rid)
    detail = w.m.get(mid)
    late_item, fresh_item, done_item = detail.items
    assert late_item.rapid_review_due == dt.date(2026, 1, 14)
    assert late_item.warning == "The rapid review is due Wed 14 Jan 2026, before this meeting."
    assert fresh_item.rapid_review_due is not None and fresh_item.rapid_review_due > NEXT_WEEK
    assert fresh_item.warning == "" and done_item.warning == ""
    assert detail.warnings == ("Item 1, Child K, Child K2 (NSCP-001): the rapid review is due Wed 14 Jan 2026, "
                               "before this meeting",)
    early = w.meeting(day=dt.date(2026, 1, 13))
    w.m.add_case(early, w.version(early), late)
    assert w.m.get(early).warnings == () and w.m.get(early).items[0].warning == ""


# Papers -------------------------------------------------------------------------------------------------

def test_papers_must_be_pdfs_within_the_size_limit(w: World, tmp_path) -> None:
    mid = w.meeting()
    [item_id, *_] = w.standing(mid)
    version = w.m.get(mid).items[0].version
    paper_id, changes = w.m.attach_paper(item_id, "C:\\Users\\sam\\Papers\\Police chronology ŵ.pdf", PDF)
    assert changes.touches("paper") and changes.touches("agenda_item")
    [paper] = w.m.get(mid).items[0].papers
    assert (paper.id, paper.filename, paper.size_bytes, paper.added_by) == (
        paper_id, "Police chronology ŵ.pdf", len(PDF), "coordinator.a")
    assert paper.size_label == "1 KB"
    assert w.m.paper_content(paper_id) == ("Police chronology ŵ.pdf", PDF)
    assert w.m.get(mid).items[0].version > version  # the item moved on
    with pytest.raises(ConflictError):  # removing a paper is checked against the item's version shown
        w.m.remove_paper(paper_id, version)
    assert [p.id for p in w.m.get(mid).items[0].papers] == [paper_id]

    audit = w.audit_count()
    for name, content, text in (("minutes.docx", b"PK\x03\x04 a word file", "is not a PDF file"),
                                ("empty.pdf", b"", "is empty"),
                                ("huge.pdf", PDF + b"0" * MAX_PAPER_BYTES, "at most 20.0 MB")):
        with pytest.raises(UserError) as raised:
            w.m.attach_paper(item_id, name, content)
        assert raised.value.field == "paper" and name in raised.value.message and text in raised.value.message
    assert w.audit_count() == audit and len(w.m.get(mid).items[0].papers) == 1
    # A service may lower the limit; a file is checked before it is read.
    small = MeetingService(w.ctx)
    small.max_paper_bytes = 100
    big = tmp_path / "big.pdf"
    big.write_bytes(PDF + b" " * 200)
    with pytest.raises(UserError) as raised:
        small.attach_paper_file(item_id, big)
    assert raised.value.field == "paper" and "Make it smaller" in raised.value.message
    ok = tmp_path / "agenda.pdf"
    ok.write_bytes(b"\xef\xbb\xbf" + PDF)  # a header after a few stray bytes is still a PDF
    w.m.attach_paper_file(item_id, ok)
    assert [p.filename for p in w.m.get(mid).items[0].papers] == ["Police chronology ŵ.pdf", "agenda.pdf"]
    with pytest.raises(UserError) as raised:
        w.m.attach_paper_file(item_id, tmp_path / "missing.pdf")
    assert raised.value.field == "paper"

    w.m.remove_paper(paper_id, w.item_version(item_id))
    assert [p.filename for p in w.m.get(mid).items[0].papers] == ["agenda.pdf"]
    with pytest.raises(NotFoundError):
        w.m.paper_content(paper_id)
    with w.db.sessions() as s:
        deleted = s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "paper",
                                                            AuditEvent.entity_id == str(paper_id))).all()
        stored = s.scalars(select(AuditEvent.new_value).where(AuditEvent.entity == "paper")).all()
    assert AuditAction.DELETE in deleted and AuditAction.INSERT in deleted
    assert not any("%PDF" in (v or "") for v in stored)  # the content is never copied into the audit trail
    # Removing the item removes its papers and actions with it.
    w.m.add_action(item_id, ActionInput("Circulate the papers"))
    w.m.remove_item(item_id, w.version(mid))
    assert len(w.m.get(mid).items) == 2 and all(not i.papers for i in w.m.get(mid).items)


# Minutes, actions and decisions ------------------------------------------------------------------------

def test_minutes_decisions_and_actions_per_item(w: World) -> None:
    mid = w.meeting(day=LAST_WEEK)
    item_id = w.standing(mid)[1]
    item = w.m.get(mid).items[1]
    w.m.record_minutes(item_id, item.version, minutes="  Actions reviewed.  ", decision="Close actions 1-3")
    # the decision is kept
    w.m.record_minutes(item_id, w.item_version(item_id), minutes="Actions reviewed; two closed.")
    action_id, changes = w.m.add_action(item_id, ActionInput("Chase the GP summary", w.p["icb"], NEXT_WEEK))
    assert changes.touches("meeting_action")
    item = w.m.get(mid).items[1]
    assert (item.minutes, item.decision) == ("Actions reviewed; two closed.", "Close actions 1-3")
    [action] = item.actions
    assert (action.id, action.description, action.owner, action.due_date, action.done_date) == (
        action_id, "Chase the GP summary", "Dr Okafor (Northshire ICB)", NEXT_WEEK, None)  # their agency follows
    w.m.complete_action(action_id, w.action_version(action_id), TODAY)
    assert w.m.get(mid).items[1].actions[0].done_date == TODAY
    with pytest.raises(UserError) as raised:
        w.m.complete_action(action_id, w.action_version(action_id), TODAY + dt.timedelta(days=1))
    assert raised.value.field == "done_date"
    with pytest.raises(UserError) as raised:
        w.m.add_action(item_id, ActionInput("   ", owner_person_id=999_999))
    assert isinstance(raised.value, ValidationErrors)
    assert {e.field for e in raised.value.errors} == {"description", "owner"}
    action = w.m.get(mid).items[1].actions[0]
    w.m.update_action(action_id, action.version, ActionInput("Chase the GP records", w.p["la"], NEXT_WEEK))
    with pytest.raises(ConflictError):
        w.m.update_action(action_id, action.version, ActionInput("Stale"))
    assert w.m.get(mid).items[1].actions[0].owner == "Sam Lowther (Northshire Children's Social Care)"
    w.m.remove_action(action_id, w.action_version(action_id))
    assert w.m.get(mid).items[1].actions == ()
    with pytest.raises(UserError) as raised:
        w.m.record_case_decision(item_id, Decision.LCSPR, TODAY, "Because", ALL_YES, **w.case_versions(item_id))
    assert raised.value.field == "decision" and "standing item" in raised.value.message


def test_a_case_decision_goes_through_the_workflow_and_shows_on_the_referral(w: World) -> None:
    rid = w.referral("panel_responded")
    mid = w.meeting(day=LAST_WEEK)
    item_id, _ = w.m.add_case(mid, w.version(mid), rid)
    version = w.m.get(mid).items[0].version

    # Refused by the workflow's rules: nothing is saved, on the referral or the item.
    with pytest.raises(UserError) as raised:
        w.m.record_case_decision(item_id, Decision.LCSPR, TODAY, "Multi-agency concerns", None,
                                 **w.case_versions(item_id))
    assert raised.value.field == "criteria"
    with pytest.raises(UserError) as raised:
        w.m.record_case_decision(item_id, Decision.PLR, TODAY, "Learning", ALL_YES, **w.case_versions(item_id))
    assert raised.value.field == "decision"
    assert w.m.get(mid).items[0].decision == "" and w.m.get(mid).items[0].version == version
    with w.db.sessions() as s:
        assert s.get_one(Referral, rid).status is ReferralStatus.PANEL_RESPONDED

    changes = record_case_decision(w.ctx, item_id, Decision.LCSPR, TODAY, " Multi-agency concerns ", ALL_YES,
                                   **w.case_versions(item_id))
    assert changes.touches("referral") and changes.touches("review") and changes.touches("agenda_item")
    detail = w.referrals.get(rid)
    assert (detail.status, detail.decision, detail.decision_date, detail.decision_rationale) == (
        ReferralStatus.DECIDED, Decision.LCSPR, TODAY, "Multi-agency concerns")
    with w.db.sessions() as s:
        [review] = s.scalars(select(Review).where(Review.referral_id == rid)).all()
        assert review.review_type is ReviewType.LCSPR
    item = w.m.get(mid).items[0]
    assert item.decision == f"{DECISION_TEXT[Decision.LCSPR]} (01/04/2026). Multi-agency concerns"
    assert item.referral_decision is Decision.LCSPR and item.referral_status is ReferralStatus.DECIDED
    with pytest.raises(UserError):  # decided already: the workflow refuses a second decision
        w.m.record_case_decision(item_id, Decision.LCSPR, TODAY, "Again", ALL_YES, **w.case_versions(item_id))


def test_minutes_and_decisions_recorded_at_meetings_appear_on_the_case(w: World) -> None:
    """Data follows the case: each meeting item about a referral (QA&S and Panel alike) is listed on it with
    the meeting's date and kind, its decision and minutes, and their recording is in the referral's history."""
    from scpdesk.services.history import referral_history

    rid = w.referral("panel_responded")
    other = w.referral("panel_responded")
    earlier = w.meeting(day=dt.date(2026, 3, 4))
    held = w.meeting(day=LAST_WEEK)
    for mid in (earlier, held):
        for key in ("chair", "la", "police", "icb"):
            w.m.set_attendance(mid, w.version(mid), w.p[key], Attendance.PRESENT)
    first, _ = w.m.add_case(earlier, w.version(earlier), rid)
    w.m.record_minutes(first, w.item_version(first), minutes="Deferred: the health summary is still awaited.",
                       decision="Bring back with the health summary")
    item_id, _ = w.m.add_case(held, w.version(held), rid)
    w.m.add_case(held, w.version(held), other)
    long_minutes = "Partners agreed the threshold is met. " + "The chair summarised the discussion. " * 10
    w.m.record_minutes(item_id, w.item_version(item_id), minutes=long_minutes)
    w.m.add_action(item_id, ActionInput("Commission the reviewer"))
    record_case_decision(w.ctx, item_id, Decision.LCSPR, LAST_WEEK, "Multi-agency concerns", ALL_YES,
                         **w.case_versions(item_id))

    found = w.m.for_referral(rid)
    assert [(c.meeting_date, c.kind_label, c.item_id, c.open_actions) for c in found] == [
        (dt.date(2026, 3, 4), "Rapid Review Panel", first, 0), (LAST_WEEK, "Rapid Review Panel", item_id, 1)]
    assert found[0].decision == "Bring back with the health summary"
    assert found[0].minutes_excerpt() == "Deferred: the health summary is still awaited."
    assert found[1].decision == f"{DECISION_TEXT[Decision.LCSPR]} (25/03/2026). Multi-agency concerns"
    excerpt = found[1].minutes_excerpt()
    assert excerpt.startswith("Partners agreed the threshold is met.") and excerpt.endswith("…")
    assert len(excerpt) <= 161 and found[1].minutes == long_minutes.strip()
    assert long_minutes.startswith(excerpt[:-1] + " ")  # cut between words, never mid-word
    assert [c.item_id for c in w.m.for_referral(other)] == [w.m.get(held).items[1].id]

    history = referral_history(w.ctx, rid)
    minutes = [(e.what, e.field, e.new_value) for e in history if e.what == "meeting item" and e.field in (
        "minutes", "decision")]
    assert ("meeting item", "minutes", "Deferred: the health summary is still awaited.") in minutes
    assert ("meeting item", "decision", f"{DECISION_TEXT[Decision.LCSPR]} (25/03/2026). Multi-agency concerns") \
        in minutes
    assert any(e.what == "meeting action" and e.new_value == "Commission the reviewer" for e in history)
    assert not any(e.what == "meeting item" for e in referral_history(w.ctx, w.referral()))


# The calendar invite -----------------------------------------------------------------------------------

def test_the_calendar_invite_parses_back_and_leaves_case_details_out(w: World) -> None:
    secret = "The mother's partner was known to police for violence " + HOSTILE
    rid = w.referral("rapid_review", summary=secret, pseudonym="Child K")
    mid = w.meeting()
    w.standing(mid)
    item_id, _ = w.m.add_case(mid, w.version(mid), rid, questions="Were the siblings seen? " + HOSTILE)
    w.m.attach_paper(item_id, "Police chronology.pdf", PDF)

    raw = meeting_ics(w.ctx, mid)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    cal = Calendar.from_ical(raw)
    assert (str(cal["version"]), str(cal["method"])) == ("2.0", "PUBLISH") and "scpdesk" in str(cal["prodid"])
    [event] = cal.walk("VEVENT")
    assert str(event["summary"]) == "Rapid Review Panel: RRP-2026-04-08"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(hours=1)  # BST on 8 Apr
    assert start.replace(tzinfo=None) == dt.datetime(2026, 4, 8, 10, 0)
    assert end - start == dt.timedelta(minutes=60)  # the agenda's 50 minutes, rounded up to an hour
    assert str(event["location"]) == "Committee Room 2" and str(event["url"]) == "https://meet.example/nscp-rrp"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    uid = str(event["uid"])
    assert uid == meeting_uid(mid, "RRP-2026-04-08") == f"meeting-{mid}-RRP-2026-04-08@scpdesk"
    description = str(event["description"])
    assert "Child K, Child K2 (case)" in description and "2. 10:05 Actions log" in description
    assert "https://meet.example/nscp-rrp" in description
    unfolded = raw.replace(b"\r\n ", b"").decode()
    for leaked in ("known to police", "Were the siblings", "Police chronology", "<b>", "rapid review"):
        assert leaked not in unfolded, leaked

    # Edited, re-sent: the same UID, a higher sequence and the new length.
    case = w.m.get(mid).items[2]
    assert case.is_case
    w.m.update_item(case.id, case.version, ItemEdit(case.title, 90))
    edit = w.m.get(mid).as_edit()
    w.m.update(mid, w.version(mid), replace(edit, place=""))
    [again] = Calendar.from_ical(meeting_ics(w.ctx, mid)).walk("VEVENT")
    assert str(again["uid"]) == uid and int(again["sequence"]) > int(event["sequence"])
    assert again.decoded("dtend") - again.decoded("dtstart") == dt.timedelta(minutes=110)
    assert str(again["location"]) == "https://meet.example/nscp-rrp"
    # No start time: an all-day event.
    allday = w.meeting(MeetingKind.QAS, start_time=None, online_link="")
    [event] = Calendar.from_ical(meeting_ics(w.ctx, allday)).walk("VEVENT")
    assert event.decoded("dtstart") == NEXT_WEEK and event.decoded("dtend") == NEXT_WEEK + dt.timedelta(days=1)
    assert str(event["summary"]) == "QA&S group: QAS-2026-04-08"


# The meeting pack's data --------------------------------------------------------------------------------

def test_the_pack_data_has_pseudonyms_only_clocks_returns_and_hostile_text_verbatim(w: World) -> None:
    summary = (HOSTILE + " ") * (10_000 // (len(HOSTILE) + 1))
    summary = summary + "x" * (10_000 - len(summary))
    assert len(summary) == 10_000
    with w.ctx.unit_of_work() as s:
        s.add_all([OrganisationSetting(key="partnership_name", value_json=json.dumps("Partneriaeth Diogelu ŵŷ <&>")),
                   OrganisationSetting(key="marking_pack", value_json=json.dumps("OFFICIAL-SENSITIVE <PERSONAL>"))])
    rid = w.referral("rapid_review", summary=summary, identity=REAL_NAME, pseudonym="Child K")
    w.wf.record_summary(rid, w.rv(rid), agency_id=w.agencies["la"], received_date=dt.date(2026, 1, 5), notes="")
    learning = w.referral("learning_review", la_aware=dt.date(2026, 3, 2), pseudonym="Child T")
    mid = w.meeting(place="Ystafell Bwyllgor ŵ <b>&", members=("la", "police", "icb", "school"))
    w.standing(mid)
    item_id, _ = w.m.add_case(mid, w.version(mid), rid, questions="Q: " + HOSTILE, presenter_id=w.p["la"],
                              confidential=True)
    w.m.attach_paper(item_id, "Cronoleg ŵŷ <&>.pdf", PDF)
    qas = w.meeting(MeetingKind.QAS)
    w.m.add_case(qas, w.version(qas), learning)
    audit = w.audit_count()

    pack = pack_data(w.ctx, mid)
    assert w.audit_count() == audit  # reading is not printing
    assert (pack.partnership, pack.marking) == ("Partneriaeth Diogelu ŵŷ <&>", "OFFICIAL-SENSITIVE <PERSONAL>")
    assert (pack.reference, pack.kind_label, pack.meeting_date, pack.start_time) == (
        "RRP-2026-04-08", "Rapid Review Panel", NEXT_WEEK, dt.time(10, 0))
    assert (pack.place, pack.online_link, pack.chair) == ("Ystafell Bwyllgor ŵ <b>&", "https://meet.example/nscp-rrp",
                                                          "Dr Eluned Prŵys")
    assert pack.quorate and (pack.prepared_by, pack.prepared_on) == ("coordinator.a", TODAY)
    assert {(m.name, m.agency, m.attendance) for m in pack.members} >= {
        ("DI Rahman", "Northshire Police", "invited"), ("Dr Eluned Prŵys", "", "invited")}
    assert [(i.number, i.kind, i.start_time) for i in pack.items] == [
        (1, "standing", dt.time(10, 0)), (2, "standing", dt.time(10, 5)), (3, "case", dt.time(10, 15)),
        (4, "standing", dt.time(10, 45))]
    standing, case = pack.items[0], pack.items[2]
    assert (standing.title, standing.clocks, standing.decision_options, standing.pseudonym) == (
        "Minutes of the last meeting", (), (), "")
    assert case.summary == summary and case.questions == "Q: " + HOSTILE  # verbatim: escaping is the report's job
    assert (case.case_reference, case.pseudonym, case.presenter, case.confidential) == (
        "NSCP-001", "Child K, Child K2", "Sam Lowther", True)
    assert case.title == "Child K, Child K2: rapid review"
    assert dict(case.key_dates) == {
        "Referral received": dt.date(2025, 12, 22), "Incident": dt.date(2025, 12, 18),
        "LA became aware": dt.date(2025, 12, 19), "SIN sent to the National Panel": dt.date(2025, 12, 23),
        "Rapid review started": dt.date(2025, 12, 24), "Rapid review completed": None}
    clocks = w.referrals.get(rid).clocks
    assert [(c.label, c.due, c.state, c.statutory) for c in case.clocks] == [
        (c.label, c.due_date, c.display_state, c.statutory) for c in clocks]
    rr_clock = next(c for c in case.clocks if c.due == dt.date(2026, 1, 14))
    assert rr_clock.state == "overdue" and not rr_clock.statutory  # rule 8 is a target (domain.md)
    assert case.agencies == ("Northshire Children's Social Care", "Northshire Police")
    assert case.summaries_in == ("Northshire Children's Social Care",)
    assert case.summaries_outstanding == ("Northshire Police", "Oak Primary School")
    assert case.decision_options[0] == DECISION_TEXT[Decision.LCSPR]
    assert DECISION_TEXT[Decision.NO_FURTHER_REVIEW] in case.decision_options
    assert case.warning == "The rapid review is due Wed 14 Jan 2026, before this meeting."
    [paper] = case.papers
    assert (paper.title, paper.filename, paper.content) == ("Cronoleg ŵŷ <&>", "Cronoleg ŵŷ <&>.pdf", PDF)
    # The child's real name is in the database, and nowhere in what the pack is built from.
    assert w.referrals.identities(rid)[0][1].full_name == REAL_NAME
    assert REAL_NAME not in repr(pack) and "Llewelyn" not in repr(pack)

    qas_case = pack_data(w.ctx, qas).items[0]
    assert qas_case.decision_options == tuple(DECISION_TEXT[d] for d in (
        Decision.PLR, Decision.OTHER_LEARNING, Decision.NO_FURTHER_REVIEW))
    assert qas_case.summaries_in == () and qas_case.warning == ""
    assert pack_data(w.ctx, qas).kind_label == "QA&S group"

    changes = record_pack_produced(w.ctx, mid, True, pages=12)
    assert changes.touches("audit")
    with w.db.sessions() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT)).all()
        assert (event.entity, event.entity_id, event.user, event.field) == (
            "meeting", str(mid), "coordinator.a", "meeting_pack")
        assert event.new_value == "meeting pack RRP-2026-04-08, confidential items left out, 12 pages"
    with pytest.raises(NotFoundError):
        pack_data(w.ctx, 999_999)
    with pytest.raises(NotFoundError):
        record_pack_produced(w.ctx, 999_999, False)


def test_every_meeting_write_is_audited_with_the_user(w: World) -> None:
    mid = w.meeting()
    w.standing(mid)
    with w.db.sessions() as s:
        rows = s.execute(select(AuditEvent.entity, AuditEvent.action, AuditEvent.user)
                         .where(AuditEvent.entity.in_(("meeting", "meeting_member", "agenda_item")))).all()
    assert {(e, a) for e, a, _ in rows} >= {("meeting", AuditAction.INSERT), ("meeting_member", AuditAction.INSERT),
                                            ("agenda_item", AuditAction.INSERT)}
    assert {u for *_, u in rows} == {"coordinator.a"}
    assert w.m.find("rrp-2026-04-08") == mid and w.m.find("RRP-2026-04-08 ") == mid and w.m.find("nope") is None
    [entry] = w.m.list_entries()
    assert (entry.kind, entry.status, entry.place, entry.row.items) == (
        MeetingKind.RAPID_REVIEW_PANEL, MeetingStatus.PLANNED, "Committee Room 2", 3)

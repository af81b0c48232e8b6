"""Opening a meeting is a few round trips, however many cases it has (issue 12): ``MeetingService.screen`` reads
the meeting, its members, items, cases (with their rapid review clocks), papers, actions and the directory in one
transaction of three queries, and shows exactly what the old per-case reads showed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

import pytest
from records import TODAY, Setup, referral, setup
from sqlalchemy import select
from statements import statements

from scpdesk.errors import NotFoundError
from scpdesk.models import Agency, AgendaItem, Meeting, MeetingAction, MeetingMember, Paper, Person, ReferralChild
from scpdesk.models.database import Database
from scpdesk.models.enums import PARTNER_KINDS, AgencyKind, Attendance, MeetingKind, MeetingStatus, label
from scpdesk.services import ServiceContext
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.organisation.directory import people
from scpdesk.services.panel.meetings import (
    ActionDTO,
    ActionInput,
    ItemDetail,
    MeetingDetail,
    MeetingInput,
    MeetingService,
    MemberDTO,
    PaperDTO,
    counted_kinds,
    decision_options,
    is_quorate,
    item_times,
    long_date,
    pseudonyms,
    rapid_review_clock,
    rapid_review_warning,
)
from scpdesk.services.referrals.referrals import ReferralService
from scpdesk.services.referrals.workflow import WorkflowService

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_TODAY = dt.date(2026, 11, 25)


def _meeting_with_cases(ctx: ServiceContext, cases: int, world: Setup | None = None, tag: str = "A") -> int:
    """A Panel meeting with three partner members and apologies, standing items with an action, and ``cases``
    referrals in rapid review, each with two children, a paper, two actions, and (every other one) a paused
    clock."""
    world = world or setup(ctx)
    m = MeetingService(ctx)
    mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, dt.date(2026, 4, 8), dt.time(10, 0), "Room 2",
                                   chair_id=world.people["la"],
                                   member_ids=(world.people["police"], world.people["icb"])))
    m.add_standing_items(mid, m.get(mid).version)
    m.set_attendance(mid, m.get(mid).version, world.people["icb"], Attendance.APOLOGIES)
    m.add_action(m.get(mid).items[0].id, ActionInput("Chase the GP summary", world.people["la"]))
    referrals = ReferralService(ctx)
    wf = WorkflowService(ctx)
    rids = []
    for n in range(cases):
        rid = referral(ctx, world, "rapid_review", f"NSCP-{tag}{n:03d}")
        detail = referrals.get(rid)
        with ctx.unit_of_work() as s:  # a sibling: the pseudonyms line lists both children, in order
            s.add(ReferralChild(referral_id=rid, position=2, pseudonym=f"Child {tag}{n}b"))
        if n % 2:
            wf.pause_clock(rid, clock_key="rapid_review", reason="Awaiting police disclosure",
                           paused_date=detail.received_date + dt.timedelta(days=3))
        rids.append(rid)
    m.add_cases(mid, m.get(mid).version, rids)
    for item in m.get(mid).items:
        if item.is_case:
            m.attach_paper(item.id, f"chronology-{item.id}.pdf", PDF)
            m.add_action(item.id, ActionInput("Request the school's summary", world.people["police"],
                                              TODAY + dt.timedelta(days=7)))
            m.add_action(item.id, ActionInput("Share the learning", None))
    return mid


def _count(db: Database, ctx: ServiceContext, mid: int) -> list[str]:
    with statements(db) as seen:
        MeetingService(ctx).screen(mid)
    return seen


def test_opening_a_meeting_costs_the_same_few_round_trips_with_one_case_or_eight(db: Database) -> None:
    """BEGIN, three queries, ROLLBACK: a per-case (or per-item, per-member) read coming back fails this."""
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    world = setup(ctx)
    one = _count(db, ctx, _meeting_with_cases(ctx, 1, world, "A"))
    big = _meeting_with_cases(ctx, 8, world, "B")
    eight = _count(db, ctx, big)
    detail = MeetingService(ctx).get(big)
    assert sum(1 for i in detail.items if i.is_case) == 8
    assert all(len(i.papers) == 1 and len(i.actions) == 2 for i in detail.items if i.is_case)
    assert len(eight) == len(one), (one, eight)
    assert len(eight) <= 5, eight
    assert len([s for s in eight if s not in ("BEGIN", "ROLLBACK/COMMIT")]) == 1, eight


def test_the_screen_names_no_meeting_that_is_not_there(db: Database) -> None:
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    with pytest.raises(NotFoundError):
        MeetingService(ctx).screen(12345)


def test_the_screen_offers_the_current_directory_in_its_pickers(db: Database) -> None:
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    mid = _meeting_with_cases(ctx, 1)
    with ctx.unit_of_work() as s:
        s.add(Person(name="Retired Rowe", role="Former chair", retired_on=TODAY - dt.timedelta(days=30)))
    assert MeetingService(ctx).screen(mid).people == tuple(people(ctx))


# Equivalence with the per-call reads it replaces -----------------------------------------------------------

def _per_call_detail(ctx: ServiceContext, meeting_id: int) -> MeetingDetail:
    """The meeting as ``MeetingService.get`` built it before issue 12: its own rows in one session, then each
    case through ``ReferralService.get`` (one rule, one place), one session per case."""
    with ctx.read() as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting is not None
        names = dict(s.execute(select(Person.id, Person.name)).all())
        # An action's owner is named with their agency (issue 13: "Name (Agency)").
        owners = {pid: f"{name} ({agency})" if agency else name for pid, name, agency in s.execute(
            select(Person.id, Person.name, Agency.name).outerjoin(Agency, Agency.id == Person.agency_id))}
        members = [MemberDTO(mid, version, pid, name, role, agency or "", kind, attendance)
                   for mid, version, pid, name, role, agency, kind, attendance in s.execute(
                       select(MeetingMember.id, MeetingMember.version, Person.id, Person.name, Person.role,
                              Agency.name, Agency.kind, MeetingMember.attendance)
                       .join(Person, Person.id == MeetingMember.person_id)
                       .outerjoin(Agency, Agency.id == Person.agency_id)
                       .where(MeetingMember.meeting_id == meeting_id).order_by(Person.name, MeetingMember.id))]
        items = list(s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                               .order_by(AgendaItem.position)))
        papers: dict[int, list[PaperDTO]] = defaultdict(list)
        actions: dict[int, list[ActionDTO]] = defaultdict(list)
        for pid, iid, filename, size, by, at in s.execute(
                select(Paper.id, Paper.agenda_item_id, Paper.filename, Paper.size_bytes, Paper.created_by,
                       Paper.created_at).where(Paper.agenda_item_id.in_([i.id for i in items])).order_by(Paper.id)):
            papers[iid].append(PaperDTO(pid, filename, size, by, at))
        for a in s.scalars(select(MeetingAction).where(MeetingAction.agenda_item_id.in_([i.id for i in items]))
                           .order_by(MeetingAction.id)):
            actions[a.agenda_item_id].append(ActionDTO(
                a.id, a.version, a.description, a.owner_person_id,
                owners.get(a.owner_person_id, "") if a.owner_person_id else "", a.due_date, a.done_date))
        kind, status, day, start = meeting.kind, meeting.status, meeting.meeting_date, meeting.start_time
        head = dict(id=meeting.id, version=meeting.version, reference=meeting.reference, kind=kind,
                    meeting_date=day, start_time=start, place=meeting.place, online_link=meeting.online_link,
                    chair_id=meeting.chair_id, chair=names.get(meeting.chair_id, "") if meeting.chair_id else "",
                    status=status, notes=meeting.notes, updated_by=meeting.updated_by, updated_at=meeting.updated_at)
        rows = [(i.id, i.version, i.position, i.kind, i.title, i.duration_minutes, i.presenter_id, i.confidential,
                 i.questions, i.minutes, i.decision, i.referral_id) for i in items]
    cases = {rid: ReferralService(ctx).get(rid) for *_r, rid in rows if rid is not None}
    times = item_times(start, [r[5] for r in rows])
    details, warnings = [], []
    for (iid, version, position, ikind, title, length, presenter_id, confidential, questions, minutes, decision,
         rid), (begin, end) in zip(rows, times, strict=True):
        item = ItemDetail(iid, version, position, ikind, title, length, begin, end, presenter_id,
                          names.get(presenter_id, "") if presenter_id else "", confidential, questions, minutes,
                          decision, tuple(papers[iid]), tuple(actions[iid]))
        case = cases.get(rid) if rid is not None else None
        if case is not None:
            clock = rapid_review_clock(case.clocks)
            warning = rapid_review_warning(case.clocks, day)
            item = replace(item, referral_id=case.id, referral_version=case.version,
                           referral_reference=case.reference, pseudonyms=pseudonyms(case),
                           referral_status=case.status,
                           referral_decision=case.decision,
                           rapid_review_due=clock.due_date if clock is not None else None, warning=warning,
                           decision_options=decision_options(case.route, kind))
            if warning and clock is not None and clock.due_date is not None:
                warnings.append(f"Item {position}, {item.pseudonyms} ({case.reference}): "
                                f"the rapid review is due {long_date(clock.due_date)}, before this meeting")
        details.append(item)
    counted = counted_kinds(status, [(m.attendance, m.agency_kind) for m in members])
    missing = () if status is MeetingStatus.CANCELLED else tuple(label(k) for k in PARTNER_KINDS if k not in counted)
    return MeetingDetail(**head, end_time=times[-1][1] if times else None, members=tuple(members),  # type: ignore[arg-type]
                         items=tuple(details), quorate=status is not MeetingStatus.CANCELLED and is_quorate(counted),
                         missing_partners=missing, warnings=tuple(warnings))


def test_every_demo_meeting_reads_as_the_per_case_reads_showed_it(db: Database) -> None:
    ctx = ServiceContext(db, user="tester", today=lambda: DEMO_TODAY)
    fill_demo_data(ctx, today=DEMO_TODAY)
    with ctx.read() as s:
        meeting_ids = list(s.scalars(select(Meeting.id).order_by(Meeting.id)))
    service = MeetingService(ctx)
    compared = cases = 0
    for mid in meeting_ids:
        screen = service.screen(mid)
        assert screen.detail == _per_call_detail(ctx, mid), mid
        compared += 1
        cases += sum(1 for i in screen.detail.items if i.is_case)
    assert compared >= 3 and cases >= 3  # the demo has meetings with cases: the comparison is not empty


def test_a_meeting_with_paused_clocks_and_siblings_reads_as_the_per_case_reads(db: Database) -> None:
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    mid = _meeting_with_cases(ctx, 3)
    detail = MeetingService(ctx).screen(mid).detail
    assert detail == _per_call_detail(ctx, mid)
    assert [i.pseudonyms for i in detail.items if i.is_case] == ["Child N, Child A0b", "Child N, Child A1b",
                                                                 "Child N, Child A2b"]
    assert not detail.quorate and detail.missing_partners == (label(AgencyKind.ICB),)


def test_the_meeting_list_is_one_query_however_many_meetings(db: Database) -> None:
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    world = setup(ctx)
    _meeting_with_cases(ctx, 1, world, "A")
    with statements(db) as one:
        first = MeetingService(ctx).list_rows()
    for tag in "BCD":
        _meeting_with_cases(ctx, 2, world, tag)
    with statements(db) as four:
        rows = MeetingService(ctx).list_rows()
    assert len(rows) == 4 and len(first) == 1
    assert {r.items for r in rows} == {4, 5}  # three standing items and the cases
    assert not rows[0].quorate and rows[0].apologies == 1 and rows[0].present == 0
    assert len(four) == len(one) and len([s for s in four if s not in ("BEGIN", "ROLLBACK/COMMIT")]) == 1, four


def test_adding_cases_reads_the_referrals_at_once_in_the_save(db: Database) -> None:
    """``add_cases`` reads every referral it adds in one statement inside its own transaction (not a
    ``ReferralService.get`` per case before it)."""
    ctx = ServiceContext(db, user="tester", today=lambda: TODAY)
    world = setup(ctx)
    m = MeetingService(ctx)
    reads = []
    for count, tag in ((1, "A"), (4, "B")):
        mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, dt.date(2026, 4, 8), dt.time(10, 0),
                                       chair_id=world.people["la"]))
        rids = [referral(ctx, world, "rapid_review", f"NSCP-ADD-{tag}{n}") for n in range(count)]
        version = m.get(mid).version
        with statements(db) as seen:
            m.add_cases(mid, version, rids)
        reads.append([s for s in seen if "FROM referral" in s])
        assert sum(1 for i in m.get(mid).items if i.is_case) == count
    assert len(reads[0]) == len(reads[1]) == 1, reads

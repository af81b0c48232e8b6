"""Impossible data refused, risky steps questioned (issue 11), on every back end.

Dates out of the order domain.md §3 implies are refused in the service with the field named (so the forms, the
command line and the importer all get the same answer); a risky but possible step (a rapid review completed
with summaries outstanding, an LCSPR with no criterion met, a decision at a meeting not yet held or not
quorate) raises NeedsConfirmation, saves nothing, and, once confirmed, is saved with the confirmation in the
audit. "Present" cannot be recorded for a meeting that has not happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
import sheets
from records import COMPLETED, LA_AWARE, RECEIVED, RESPONSE, RR_START, SENT, TODAY, context, referral, setup
from sqlalchemy import func, select

from scpdesk.errors import ConflictError, NeedsConfirmation, UserError, ValidationErrors
from scpdesk.models import AgencySummary, AuditEvent, RapidReview, Referral, Review
from scpdesk.models.database import Database
from scpdesk.models.enums import (
    Attendance,
    AuditAction,
    ChildRole,
    Decision,
    MeetingKind,
    MeetingStatus,
    ReferralStatus,
)
from scpdesk.services import ServiceContext
from scpdesk.services.library.reviews import ReviewService
from scpdesk.services.panel.meetings import MeetingInput, MeetingService
from scpdesk.services.referrals.referral_io import IMPORT_COLUMNS, import_referrals
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import Criteria, WorkflowService

NONE_MET = Criteria(improvements=False, recurrent_themes=False, multi_agency=False, panel_suggested=False)
ONE_MET = Criteria(improvements=False, recurrent_themes=True, multi_agency=False, panel_suggested=False)


def fields(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [e.field for e in getattr(exc.value, "errors", [exc.value])]


def confirmations(ctx: ServiceContext, entity: str = "referral") -> list[tuple[str, str, str]]:
    """The confirmations audited on ``entity`` rows (the records helper confirms its own completions)."""
    with ctx.read() as s:
        return [(e.entity, e.entity_id, e.new_value or "") for e in s.scalars(
            select(AuditEvent).where(AuditEvent.field == "confirmed", AuditEvent.action == AuditAction.UPDATE,
                                     AuditEvent.entity == entity).order_by(AuditEvent.id))]


def row(ctx: ServiceContext, rid: int) -> Referral:
    with ctx.read() as s:
        found = s.get(Referral, rid)
        assert found is not None
        s.expunge(found)
        return found


# Order of dates ------------------------------------------------------------------------------------------

def test_intake_refuses_an_incident_after_the_referral_was_received(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    with pytest.raises(UserError) as exc:
        ReferralService(ctx).create(ReferralInput(reference="NSCP-1", received_date=dt.date(2026, 3, 2),
                                                  child_pseudonym="Child N", incident_date=dt.date(2026, 3, 5)))
    assert exc.value.field == "incident_date"
    assert "05/03/2026" in exc.value.message and "02/03/2026" in exc.value.message
    with ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Referral)) == 0


def test_intake_refuses_a_lead_approval_out_of_order_and_reports_every_problem(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    with pytest.raises(ValidationErrors) as exc:
        ReferralService(ctx).create(ReferralInput(
            reference="NSCP-1", received_date=dt.date(2026, 3, 2), child_pseudonym="Child N",
            incident_date=dt.date(2026, 3, 1), la_aware_date=dt.date(2026, 2, 27),
            partners_aware_date=dt.date(2026, 2, 26), lead_approval_date=dt.date(2026, 3, 3)))
    assert fields(exc) == ["la_aware_date", "partners_aware_date", "lead_approval_date"]
    # same day is fine: incident, awareness, approval and receipt all on one day
    ReferralService(ctx).create(ReferralInput(
        reference="NSCP-2", received_date=dt.date(2026, 3, 2), child_pseudonym="Child N",
        incident_date=dt.date(2026, 3, 2), la_aware_date=dt.date(2026, 3, 2), lead_approval_date=dt.date(2026, 3, 2)))


def test_an_edit_cannot_put_dates_out_of_order_with_the_steps_already_taken(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    rid = referral(ctx, world, "sin_sent", "NSCP-1")  # received 22/12, SIN sent 23/12/2025
    referrals = ReferralService(ctx)
    version = referrals.get(rid).version
    with pytest.raises(UserError) as exc:  # the LA cannot become aware after it sent the SIN
        referrals.update(rid, version, la_aware_date=dt.date(2025, 12, 24))
    assert exc.value.field == "la_aware_date" and "SIN" in exc.value.message
    with pytest.raises(UserError) as exc:
        referrals.update(rid, version, incident_date=dt.date(2025, 12, 23))
    assert fields(exc)[0] == "incident_date" and "received" in str(exc.value)
    with pytest.raises(UserError) as exc:  # partners before the LA: refused on edit too, not only at intake
        referrals.update(rid, version, partners_aware_date=dt.date(2025, 12, 18))
    assert "partners_aware_date" in fields(exc)
    assert row(ctx, rid).la_aware_date == LA_AWARE and row(ctx, rid).version == version  # nothing saved
    referrals.update(rid, version, partners_aware_date=dt.date(2025, 12, 20))  # in order: saved


def test_a_decision_cannot_be_dated_before_the_panel_response_it_waits_for(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "panel_responded", "NSCP-1")  # sent 14/01, response 28/01/2026
    wf = WorkflowService(ctx)
    version = ReferralService(ctx).get(rid).version
    with pytest.raises(UserError) as exc:
        wf.decide(rid, version, decision=Decision.LCSPR, decision_date=RESPONSE - dt.timedelta(days=1),
                  rationale="Multi-agency concerns", criteria=ONE_MET)
    assert exc.value.field == "decision_date" and "Panel's response" in exc.value.message
    with pytest.raises(UserError) as exc:
        wf.decide(rid, version, decision=Decision.LCSPR, decision_date=SENT - dt.timedelta(days=1),
                  rationale="Multi-agency concerns", criteria=ONE_MET)
    assert exc.value.field == "decision_date"
    assert row(ctx, rid).status is ReferralStatus.PANEL_RESPONDED
    wf.decide(rid, version, decision=Decision.LCSPR, decision_date=RESPONSE, rationale="Multi-agency concerns",
              criteria=ONE_MET)
    assert row(ctx, rid).decision_date == RESPONSE


def test_an_import_row_out_of_order_is_refused_by_its_row_and_nothing_is_imported(db: Database,
                                                                                 tmp_path: Path) -> None:
    good = {"reference": "NSCP-1", "received_date": "2025-12-22", "referrer_agency": "", "child_pseudonym": "Child N",
            "incident_date": "2025-12-18", "la_aware_date": "2025-12-19", "partners_aware_date": "",
            "route": "rapid_review", "summary": ""}
    bad = {**good, "reference": "NSCP-2", "incident_date": "2025-12-23", "la_aware_date": "2025-12-23"}
    path = sheets.write_csv(tmp_path / "in.csv", list(IMPORT_COLUMNS), [good, bad])
    with pytest.raises(UserError) as exc:
        import_referrals(context(db, "coordinator.a"), path)
    assert str(exc.value).startswith("row 3: incident_date: the incident (23/12/2025) cannot be after")
    with context(db, "coordinator.a").read() as s:
        assert s.scalar(select(func.count()).select_from(Referral)) == 0


# Risky steps questioned ----------------------------------------------------------------------------------

def test_completing_with_summaries_outstanding_asks_and_the_confirmation_is_audited(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    rid = referral(ctx, world, "signed", "NSCP-1")  # summaries asked of the LA and the police
    wf = WorkflowService(ctx)
    version = ReferralService(ctx).get(rid).version
    wf.record_summary(rid, version, agency_id=world.agencies["la"], received_date=COMPLETED, notes="")
    version = ReferralService(ctx).get(rid).version
    with pytest.raises(NeedsConfirmation) as exc:
        wf.complete_rapid_review(rid, version, completed_date=COMPLETED)
    assert exc.value.reasons == ("1 agency summary is still outstanding: Northshire Police",)
    with ctx.read() as s:
        assert s.scalar(select(RapidReview.completed_date)) is None  # nothing saved
    assert ReferralService(ctx).get(rid).version == version and confirmations(ctx, "rapid_review") == []
    wf.complete_rapid_review(rid, version, completed_date=COMPLETED, confirmed=True)
    with ctx.read() as s:
        rr_id = s.scalar(select(RapidReview.id).where(RapidReview.completed_date == COMPLETED))
    assert confirmations(ctx, "rapid_review") == [
        ("rapid_review", str(rr_id), "Mark rapid review complete confirmed: 1 agency summary is still outstanding: "
                                     "Northshire Police")]


def test_completing_with_every_summary_back_needs_no_confirmation(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    rid = referral(ctx, world, "signed", "NSCP-1")
    wf = WorkflowService(ctx)
    for key in ("la", "police"):
        wf.record_summary(rid, ReferralService(ctx).get(rid).version, agency_id=world.agencies[key],
                          received_date=COMPLETED, notes="")
    wf.complete_rapid_review(rid, ReferralService(ctx).get(rid).version, completed_date=COMPLETED)
    assert confirmations(ctx, "rapid_review") == []
    with ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(AgencySummary)
                        .where(AgencySummary.received_date.is_(None))) == 0


def test_an_lcspr_with_no_criterion_met_asks_and_the_confirmation_is_audited(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "panel_responded", "NSCP-1")
    wf = WorkflowService(ctx)
    version = ReferralService(ctx).get(rid).version
    for decision in (Decision.LCSPR, Decision.LEARNING_SUMMARY):
        with pytest.raises(NeedsConfirmation) as exc:
            wf.decide(rid, version, decision=decision, decision_date=RESPONSE, rationale="Chair's view",
                      criteria=NONE_MET)
        assert "none of the four LCSPR criteria" in exc.value.reasons[0]
    with ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(Review)) == 0  # no follow-on record either
    assert row(ctx, rid).status is ReferralStatus.PANEL_RESPONDED
    # no further review with no criterion met is what one expects: no question
    wf.decide(rid, version, decision=Decision.LCSPR, decision_date=RESPONSE, rationale="Chair's view",
              criteria=NONE_MET, confirmed=True)
    assert row(ctx, rid).status is ReferralStatus.DECIDED
    assert confirmations(ctx) == [("referral", str(rid), "Record decision confirmed: 'LCSPR' is recorded with "
                                   "none of the four LCSPR criteria met")]


def test_no_further_review_with_no_criterion_met_is_not_questioned(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "panel_responded", "NSCP-1")
    WorkflowService(ctx).decide(rid, ReferralService(ctx).get(rid).version, decision=Decision.NO_FURTHER_REVIEW,
                                decision_date=RESPONSE, rationale="Single-agency learning", criteria=NONE_MET)
    assert row(ctx, rid).status is ReferralStatus.CLOSED and confirmations(ctx) == []


# Meetings -----------------------------------------------------------------------------------------------

def _meeting_with_case(ctx: ServiceContext, day: dt.date, member_keys: tuple[str, ...]) -> tuple[int, int, int]:
    world = setup(ctx)
    rid = referral(ctx, world, "panel_responded", "NSCP-1")
    m = MeetingService(ctx)
    mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, day, dt.time(10, 0), "Room 2",
                                   member_ids=tuple(world.people[k] for k in member_keys)))
    item_id, _ = m.add_case(mid, m.get(mid).version, rid)
    return mid, item_id, rid


def _item_versions(m: MeetingService, mid: int, item_id: int) -> dict[str, int]:
    item = next(i for i in m.get(mid).items if i.id == item_id)
    return {"expected_version": item.version, "referral_version": item.referral_version or 0}


def test_a_decision_at_a_meeting_not_yet_held_and_not_quorate_asks_with_both_reasons(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    mid, item_id, rid = _meeting_with_case(ctx, TODAY + dt.timedelta(days=7), ("la", "police"))  # no ICB
    m = MeetingService(ctx)
    with pytest.raises(NeedsConfirmation) as exc:
        m.record_case_decision(item_id, Decision.LCSPR, None, "Agreed", ONE_MET, **_item_versions(m, mid, item_id))
    assert exc.value.reasons == ("the meeting is on Wed 8 Apr 2026, which has not happened yet",
                                 "the meeting is not quorate: ICB not represented")
    assert row(ctx, rid).decision is None
    m.record_case_decision(item_id, Decision.LCSPR, None, "Agreed", ONE_MET, confirmed=True,
                           **_item_versions(m, mid, item_id))
    assert row(ctx, rid).decision_date == TODAY  # the meeting's day is still to come: today, never the future
    [(entity, entity_id, text)] = confirmations(ctx)
    assert (entity, entity_id) == ("referral", str(rid)) and "not happened yet" in text and "ICB" in text


def test_a_decision_at_a_quorate_meeting_held_is_dated_the_meeting_day_without_a_question(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    held = TODAY - dt.timedelta(days=7)
    mid, item_id, rid = _meeting_with_case(ctx, held, ("la", "police", "icb"))
    m = MeetingService(ctx)
    m.record_case_decision(item_id, Decision.LCSPR, None, "Agreed", ONE_MET, **_item_versions(m, mid, item_id))
    assert row(ctx, rid).decision_date == held  # the meeting's date, not today
    assert confirmations(ctx) == []
    item = next(i for i in m.get(mid).items if i.id == item_id)
    assert f"({held:%d/%m/%Y})" in item.decision


def test_present_cannot_be_recorded_for_a_meeting_that_has_not_happened(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    m = MeetingService(ctx)
    day = TODAY + dt.timedelta(days=7)
    mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, day, dt.time(10, 0), "Room 2",
                                   member_ids=(world.people["la"], world.people["police"])))
    version = m.get(mid).version
    with pytest.raises(UserError) as exc:
        m.set_attendance(mid, version, world.people["la"], Attendance.PRESENT)
    assert exc.value.field == "attendance" and "08/04/2026" in exc.value.message
    with pytest.raises(UserError):
        m.add_members(mid, version, [world.people["icb"]], attendance=Attendance.PRESENT)
    assert m.get(mid).version == version
    m.set_attendance(mid, version, world.people["police"], Attendance.APOLOGIES)  # apologies ahead are fine
    # on the day, present can be recorded; then the meeting cannot be moved back into the future
    later = ServiceContext(db, user="coordinator.a", today=lambda: day)
    m2 = MeetingService(later)
    m2.set_attendance(mid, m2.get(mid).version, world.people["la"], Attendance.PRESENT)
    edit = m2.get(mid).as_edit()
    with pytest.raises(UserError) as exc:
        m2.update(mid, m2.get(mid).version, replace(edit, meeting_date=day + dt.timedelta(days=1)))
    assert exc.value.field == "meeting_date" and "1 member is recorded as present" in exc.value.message


def test_present_cannot_be_recorded_for_a_cancelled_meeting(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    m = MeetingService(ctx)
    mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, RECEIVED, dt.time(10, 0), "Room 2",
                                   member_ids=(world.people["la"],)))
    m.update(mid, m.get(mid).version, replace(m.get(mid).as_edit(), status=MeetingStatus.CANCELLED))
    with pytest.raises(UserError) as exc:
        m.set_attendance(mid, m.get(mid).version, world.people["la"], Attendance.PRESENT)
    assert "cancelled" in exc.value.message


def test_summaries_cannot_be_requested_before_the_rapid_review_started(db: Database) -> None:
    """The rapid review started on RR_START: a request dated the day before is refused naming the date (it
    would also make a summary look late before the review existed); nothing is added."""
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    rid = referral(ctx, world, "rapid_review", "NSCP-2025-221")
    wf = WorkflowService(ctx)
    version = row(ctx, rid).version
    with pytest.raises(UserError) as exc:
        wf.request_summaries(rid, agency_ids=[world.agencies["icb"]], requested_date=RR_START - dt.timedelta(1),
                             due_date=RR_START + dt.timedelta(days=10))
    assert exc.value.field == "requested_date" and f"{RR_START:%d/%m/%Y}" in exc.value.message
    assert row(ctx, rid).version == version
    wf.request_summaries(rid, agency_ids=[world.agencies["icb"]], requested_date=RR_START,
                         due_date=RR_START + dt.timedelta(days=10))
    with ctx.read() as s:
        assert s.scalar(select(func.count()).select_from(AgencySummary)
                        .where(AgencySummary.agency_id == world.agencies["icb"])) == 1


def test_a_referral_date_centuries_ago_is_a_typo_refused_by_every_path(db: Database, tmp_path: Path) -> None:
    """"1025" for "2025" (or "0001-01-03" from a spreadsheet) made a referral overdue by a thousand years.
    Refused naming the field on intake, on edit and on import; 2000 onwards is accepted."""
    ctx = context(db, "coordinator.a")
    referrals = ReferralService(ctx)
    typo = dt.date(1025, 12, 22)
    with pytest.raises(UserError) as exc:
        referrals.create(ReferralInput(reference="NSCP-2025-231", received_date=typo, child_pseudonym="Child A",
                                       la_aware_date=dt.date(1, 1, 3)))
    assert set(fields(exc)) == {"received_date", "la_aware_date"} and "check the year" in str(exc.value)
    rid, _ = referrals.create(ReferralInput(reference="NSCP-2025-232", received_date=RECEIVED,
                                            child_pseudonym="Child A", la_aware_date=LA_AWARE))
    version = referrals.get(rid).version
    with pytest.raises(UserError) as exc:
        referrals.update(rid, version, incident_date=typo)
    assert fields(exc) == ["incident_date"] and "before 2000" in str(exc.value)
    referrals.update(rid, version, incident_date=dt.date(2000, 1, 1))
    sheet = sheets.write_csv(tmp_path / "old.csv", list(IMPORT_COLUMNS), [{
        "reference": "NSCP-2025-233", "received_date": "1025-12-22", "referrer_agency": "", "child_pseudonym":
        "Child B", "incident_date": "", "la_aware_date": "", "partners_aware_date": "", "route": "rapid_review",
        "summary": ""}])
    with pytest.raises(UserError) as exc:
        import_referrals(ctx, sheet)
    assert str(exc.value).startswith("row 2: received_date: 22/12/1025 is before 2000; check the year")
    assert [r.reference for r in referrals.list_rows()] == ["NSCP-2025-232"]


def test_a_meeting_with_a_decision_recorded_cannot_be_moved_into_the_future(db: Database) -> None:
    """A meeting held on RECEIVED with a decision minuted (nobody's attendance recorded): moving it to next
    week would show a decision made at a meeting that has not happened. Refused naming the date; minutes
    alone (drafted ahead) do not stop a move."""
    ctx = context(db, "coordinator.a")
    m = MeetingService(ctx)
    mid, _ = m.create(MeetingInput(MeetingKind.QAS, RECEIVED, dt.time(10, 0), "Room 2"))
    item_id, _ = m.add_standing_item(mid, m.get(mid).version, "Any other business")
    item = next(i for i in m.get(mid).items if i.id == item_id)
    m.record_minutes(item_id, item.version, minutes="Discussed.")
    later = TODAY + dt.timedelta(days=7)
    m.update(mid, m.get(mid).version, replace(m.get(mid).as_edit(), meeting_date=later))
    m.update(mid, m.get(mid).version, replace(m.get(mid).as_edit(), meeting_date=RECEIVED))
    item = next(i for i in m.get(mid).items if i.id == item_id)
    m.record_minutes(item_id, item.version, minutes="Discussed.", decision="Agreed to write to the school.")
    before = m.get(mid)
    with pytest.raises(UserError) as exc:
        m.update(mid, before.version, replace(before.as_edit(), meeting_date=later))
    assert exc.value.field == "meeting_date" and "1 decision was recorded" in exc.value.message
    assert (m.get(mid).meeting_date, m.get(mid).version) == (RECEIVED, before.version)


def test_a_meeting_with_someone_present_cannot_be_marked_cancelled(db: Database) -> None:
    """Held on RECEIVED with the LA's lead present: marking it cancelled afterwards would leave "present" at a
    cancelled meeting (which set_attendance refuses). Refused naming the status; once the attendance is
    corrected the meeting can be cancelled."""
    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    m = MeetingService(ctx)
    mid, _ = m.create(MeetingInput(MeetingKind.RAPID_REVIEW_PANEL, RECEIVED, dt.time(10, 0), "Room 2",
                                   member_ids=(world.people["la"],)))
    m.set_attendance(mid, m.get(mid).version, world.people["la"], Attendance.PRESENT)
    before = m.get(mid)
    with pytest.raises(UserError) as exc:
        m.update(mid, before.version, replace(before.as_edit(), status=MeetingStatus.CANCELLED))
    assert exc.value.field == "status" and "1 member is recorded as present" in exc.value.message
    assert before.status is not MeetingStatus.CANCELLED
    assert (m.get(mid).status, m.get(mid).version) == (before.status, before.version)
    version = before.version
    m.set_attendance(mid, version, world.people["la"], Attendance.APOLOGIES)
    m.update(mid, m.get(mid).version, replace(m.get(mid).as_edit(), status=MeetingStatus.CANCELLED))
    assert m.get(mid).status is MeetingStatus.CANCELLED


def test_a_reviews_dates_follow_decision_report_publication_deposit(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "panel_responded", "NSCP-1")
    WorkflowService(ctx).decide(rid, ReferralService(ctx).get(rid).version, decision=Decision.LCSPR,
                                decision_date=RESPONSE, rationale="Agreed", criteria=ONE_MET)  # 28/01/2026
    reviews = ReviewService(ctx)
    with ctx.read() as s:
        review_id = s.scalar(select(Review.id))
    reviews.start_review(review_id, reviews.get(review_id).version, reviewer="Dr Ruth Calloway")
    reviews.record_draft(review_id, reviews.get(review_id).version)
    reviews.agree_final(review_id, reviews.get(review_id).version)
    version = reviews.get(review_id).version
    with pytest.raises(UserError) as exc:
        reviews.send_to_panel(review_id, version, sent_date=RESPONSE - dt.timedelta(days=1),
                              planned_publication_date=dt.date(2026, 3, 20))
    assert exc.value.field == "final_report_sent_date" and "before the decision" in exc.value.message
    reviews.send_to_panel(review_id, version, sent_date=dt.date(2026, 3, 2),
                          planned_publication_date=dt.date(2026, 3, 20))
    version = reviews.get(review_id).version
    with pytest.raises(UserError) as exc:
        reviews.publish(review_id, version, published_date=dt.date(2026, 3, 1))
    assert exc.value.field == "published_date" and "final report" in exc.value.message
    reviews.publish(review_id, version, published_date=dt.date(2026, 3, 20))
    with pytest.raises(UserError) as exc:
        reviews.update(review_id, reviews.get(review_id).version, nspcc_deposit_date=dt.date(2026, 3, 19))
    assert exc.value.field == "nspcc_deposit_date"
    assert reviews.get(review_id).published_date == dt.date(2026, 3, 20)


# Two writers ---------------------------------------------------------------------------------------------

def test_a_confirmation_given_after_a_colleagues_change_is_a_conflict_not_a_silent_save(db: Database) -> None:
    me, them = context(db, "coordinator.a"), context(db, "coordinator.b")
    world = setup(me)
    rid = referral(me, world, "signed", "NSCP-1")
    seen = ReferralService(me).get(rid).version
    with pytest.raises(NeedsConfirmation):  # asked: two summaries outstanding
        WorkflowService(me).complete_rapid_review(rid, seen, completed_date=COMPLETED)
    for key in ("la", "police"):  # meanwhile a colleague records both summaries
        WorkflowService(them).record_summary(rid, ReferralService(them).get(rid).version,
                                             agency_id=world.agencies[key], received_date=COMPLETED, notes="")
    with pytest.raises(ConflictError) as exc:  # "Yes" to a question about a record that has changed
        WorkflowService(me).complete_rapid_review(rid, seen, completed_date=COMPLETED, confirmed=True)
    assert exc.value.changed_by == "coordinator.b"
    assert confirmations(me, "rapid_review") == []
    WorkflowService(me).complete_rapid_review(rid, ReferralService(me).get(rid).version, completed_date=COMPLETED)
    assert confirmations(me, "rapid_review") == []  # nothing left to ask about, nothing recorded as confirmed


def test_the_reasons_audited_are_the_ones_true_when_the_decision_is_saved(db: Database) -> None:
    me, them = context(db, "coordinator.a"), context(db, "coordinator.b")
    held = TODAY - dt.timedelta(days=1)
    mid, item_id, rid = _meeting_with_case(me, held, ("la", "police"))  # no ICB: not quorate
    m = MeetingService(me)
    versions = _item_versions(m, mid, item_id)
    with pytest.raises(NeedsConfirmation) as exc:
        m.record_case_decision(item_id, Decision.LCSPR, None, "Agreed", NONE_MET, **versions)
    assert len(exc.value.reasons) == 2  # not quorate, and no criterion met
    theirs = MeetingService(them)  # meanwhile the ICB lead is added to the meeting as present
    icb = next(p.id for p in theirs.people() if p.name == "Lead icb")
    theirs.add_members(mid, theirs.get(mid).version, [icb], attendance=Attendance.PRESENT)
    m.record_case_decision(item_id, Decision.LCSPR, None, "Agreed", NONE_MET, confirmed=True, **versions)
    [(_entity, _id, text)] = confirmations(me)
    assert "criteria" in text and "quorate" not in text  # the meeting was quorate when it was saved


def test_the_subject_child_cannot_be_born_after_the_incident_but_a_sibling_can(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    incident = dt.date(2026, 2, 1)
    later = IdentityInput(full_name="Fictional Baby", date_of_birth=dt.date(2026, 2, 10))

    def intake(reference: str, *children: ChildInput) -> None:
        ReferralService(ctx).create(ReferralInput(reference=reference, received_date=dt.date(2026, 3, 2),
                                                  child_pseudonym=children[0].pseudonym, children=children,
                                                  incident_date=incident))

    with pytest.raises(UserError) as exc:
        intake("NSCP-1", ChildInput("Child N", identity=later))
    assert exc.value.field == "child 1 date of birth" and "01/02/2026" in exc.value.message
    intake("NSCP-2", ChildInput("Child N"), ChildInput("Child N2", role=ChildRole.SIBLING, identity=later))

"""The nations' rule sets tried as a Welsh, Scottish or Northern Irish partnership would (issue 17, independent
tester): settings left over from England, open, paused, overdue and met clocks across a switch, two writers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scpdesk.errors import ConflictError
from scpdesk.models.database import Database
from scpdesk.models.enums import ChildRole, Decision, LegalStatus
from scpdesk.models.timeframes import RULE_SETS, ClockState
from scpdesk.services import ServiceContext, Services
from scpdesk.services.deadlines import open_deadlines
from scpdesk.services.organisation.closures import SettingsResult, save_settings_moving
from scpdesk.services.referrals.referrals import ChildInput, ReferralInput
from scpdesk.services.settings import settings_versions
from scpdesk.services.settings_values import OrganisationSettings

TODAY = dt.date(2026, 2, 20)  # Friday


def services(db: Database, user: str = "coordinator.a", today: dt.date = TODAY) -> Services:
    return Services(ServiceContext(db, user=user, today=lambda: today))


def choose(sv: Services, **changes: Any) -> SettingsResult:
    versions = settings_versions(sv.ctx)
    return save_settings_moving(sv.ctx, changes, expected={k: versions[k] for k in changes})


def clocks(sv: Services, rid: int) -> dict[str, Any]:
    return {c.key: c for c in sv.referrals.get(rid).clocks}


@pytest.mark.parametrize("rule_set", ["england", "wales", "scotland", "northern_ireland"])
def test_the_rapid_review_start_setting_keeps_the_nations_review_types_and_decisions(rule_set: str) -> None:
    plain = OrganisationSettings(rule_set=rule_set).ruleset
    counted = OrganisationSettings(rule_set=rule_set, rapid_review_start="sin_sent").ruleset
    assert (counted.label, counted.event_labels, counted.review_types, counted.decisions, counted.nation_reviews) == (
        plain.label, plain.event_labels, plain.review_types, plain.decisions, plain.nation_reviews)
    assert counted.calendar == plain.calendar


def test_a_welsh_review_keeps_its_clocks_when_england_counted_the_rapid_review_from_the_notification(
        db: Database) -> None:
    """A partnership that set England's rapid review to count from the notification, then chose Wales: the setting
    stays (it is England's), and must not make every Child Practice Review clock 'not applicable'."""
    sv = services(db)
    choose(sv, rapid_review_start="sin_sent")
    choose(sv, rule_set="wales")
    rid, _ = sv.referrals.create(ReferralInput(
        reference="CYSUR-2026-9", received_date=dt.date(2026, 1, 5), child_pseudonym="Child W",
        children=(ChildInput("Child W", ChildRole.SUBJECT, legal_status_6m=LegalStatus.CHILD_IN_NEED),)))
    sv.referrals.update(rid, sv.referrals.get(rid).version, recommendation_date=dt.date(2026, 2, 2))
    changes = sv.workflow.decide(rid, sv.referrals.get(rid).version, decision=Decision.CPR_CONCISE,
                                 decision_date=dt.date(2026, 2, 9), rationale="Concise", criteria=None)
    # Welsh Government notified within 5 working days of Mon 9 Feb 2026: Mon 16 Feb, overdue on Fri 20 Feb.
    notified = clocks(sv, rid)["cpr_government_notified"]
    assert (notified.state, notified.due_date) == (ClockState.OVERDUE, dt.date(2026, 2, 16))
    review_id = next(i for kind, i in changes.ids if kind == "review")
    review = {c.key: c for c in sv.reviews.get(review_id).clocks}
    assert review["cpr_report"].due_date == dt.date(2026, 8, 9)
    assert review["cpr_learning_event"].state is ClockState.RUNNING
    listed = {(d.reference, d.clock_key) for d in open_deadlines(sv.ctx)}
    assert ("CYSUR-2026-9", "cpr_government_notified") in listed


def test_two_writers_on_a_referrals_and_a_reviews_milestone_dates_clash_naming_who(db: Database) -> None:
    """Two colleagues open the same Welsh referral: one records the case review group's recommendation, the other
    (from the same view) the notification to Welsh Government. The second is refused naming the first, and the
    first's date stays; the same on the review's learning event and report dates."""
    alice, bob = services(db, "coordinator.a"), services(db, "coordinator.b")
    choose(alice, rule_set="wales")
    rid, _ = alice.referrals.create(ReferralInput(reference="CYSUR-2026-10", received_date=dt.date(2026, 1, 5),
                                                  child_pseudonym="Child X"))
    seen = bob.referrals.get(rid).version
    alice.referrals.update(rid, seen, recommendation_date=dt.date(2026, 1, 26))
    with pytest.raises(ConflictError) as clash:
        bob.referrals.update(rid, seen, recommendation_date=dt.date(2026, 1, 27))
    assert clash.value.changed_by == "coordinator.a" and "coordinator.a" in str(clash.value)
    assert bob.referrals.get(rid).recommendation_date == dt.date(2026, 1, 26)
    assert clocks(bob, rid)["cpr_case_review_group"].state is ClockState.MET

    changes = alice.workflow.decide(rid, alice.referrals.get(rid).version, decision=Decision.CPR_EXTENDED,
                                    decision_date=dt.date(2026, 2, 2), rationale="Extended", criteria=None)
    review_id = next(i for kind, i in changes.ids if kind == "review")
    seen = alice.reviews.get(review_id).version
    bob.reviews.update(review_id, seen, learning_event_date=dt.date(2026, 2, 18))
    with pytest.raises(ConflictError) as clash:
        alice.reviews.update(review_id, seen, report_completed_date=dt.date(2026, 2, 19))
    assert clash.value.changed_by == "coordinator.b"
    review = alice.reviews.get(review_id)
    assert (review.learning_event_date, review.report_completed_date) == (dt.date(2026, 2, 18), None)
    assert {c.key: c for c in review.clocks}["cpr_learning_event"].state is ClockState.MET


def test_switching_nation_with_open_paused_overdue_and_met_clocks_hides_none_and_keeps_the_pause(
        db: Database) -> None:
    sv = services(db, today=dt.date(2026, 12, 1))  # Tue 1 Dec 2026, the day after St Andrew's Day
    choose(sv, rule_set="wales")
    # A: the case review group recommended late (met late); the chair's decision is overdue and paused.
    a, _ = sv.referrals.create(ReferralInput(reference="CYSUR-2026-20", received_date=dt.date(2026, 9, 1),
                                             child_pseudonym="Child A"))
    sv.referrals.update(a, sv.referrals.get(a).version, recommendation_date=dt.date(2026, 10, 15))
    sv.workflow.pause_clock(a, clock_key="cpr_chair_decision", reason="Awaiting police disclosure",
                            paused_date=dt.date(2026, 10, 20))
    # B: received Mon 2 Nov 2026, its 20 working days still running.
    b, _ = sv.referrals.create(ReferralInput(reference="CYSUR-2026-21", received_date=dt.date(2026, 11, 2),
                                             child_pseudonym="Child B"))
    before = clocks(sv, a)
    assert before["cpr_case_review_group"].state is ClockState.MET_LATE
    chair = before["cpr_chair_decision"]
    assert (chair.state, chair.paused_reason) == (ClockState.OVERDUE, "Awaiting police disclosure")
    assert clocks(sv, b)["cpr_case_review_group"].due_date == dt.date(2026, 11, 30)

    result = choose(sv, rule_set="scotland")
    said = {(c.record_id, c.clock_key): c for c in result.clocks}
    # The overdue, paused Welsh clock is said as overdue and ending; Scotland's decision clock runs from the same
    # recommendation and is overdue too; B's moves over St Andrew's Day.
    assert (said[a, "cpr_chair_decision"].new_due, said[a, "cpr_chair_decision"].overdue) == (None, True)
    assert said[a, "lr_decision"].old_due is None and said[a, "lr_decision"].overdue
    assert "(overdue)" in said[a, "lr_decision"].describe()
    assert (said[b, "cpr_case_review_group"].new_due, said[b, "lr_recommendation"].new_due) == (
        None, dt.date(2026, 12, 1))
    now = clocks(sv, a)
    assert now["lr_decision"].state is ClockState.OVERDUE
    assert now["lr_recommendation"].state is ClockState.MET_LATE
    assert clocks(sv, b)["lr_recommendation"].state is ClockState.DUE_SOON  # due today in Scotland
    overdue = {(d.reference, d.clock_key) for d in open_deadlines(sv.ctx) if d.state_key is ClockState.OVERDUE}
    assert ("CYSUR-2026-20", "lr_decision") in overdue

    choose(sv, rule_set="wales")  # and back: the pause is still there, the clock still overdue (B's due again)
    back = clocks(sv, a)["cpr_chair_decision"]
    assert (back.state, back.paused_reason) == (ClockState.OVERDUE, "Awaiting police disclosure")
    assert clocks(sv, b)["cpr_case_review_group"].state is ClockState.OVERDUE
    assert RULE_SETS["wales"].calendar.holiday_name(dt.date(2026, 11, 30)) is None

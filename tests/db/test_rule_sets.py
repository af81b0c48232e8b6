"""Choosing the nation's rule set (issue 17) on SQLite and PostgreSQL: every open clock recomputed under the new
rules and what moved reported, an open clock without an equivalent said (and audited) rather than dropped, the
change audited with who made it; the Welsh decision flow with its concise / extended proposal; the CLI."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from scpdesk.errors import UserError
from scpdesk.models import AuditEvent
from scpdesk.models.database import Database
from scpdesk.models.enums import ChildRole, Decision, LegalStatus, ReviewType
from scpdesk.models.timeframes import ENGLAND_AND_WALES, RULE_SETS, ClockState
from scpdesk.services import ServiceContext, Services
from scpdesk.services.deadlines import open_deadlines
from scpdesk.services.library.reviews import ReviewInput
from scpdesk.services.organisation.closures import SettingsResult, save_settings_moving
from scpdesk.services.referrals.nations import propose_cpr
from scpdesk.services.referrals.referrals import ChildInput, ReferralInput
from scpdesk.services.settings import get_settings, settings_versions
from scpdesk.services.today import today_list

TODAY = dt.date(2026, 1, 5)  # Monday


def services(db: Database, today: dt.date = TODAY) -> Services:
    return Services(ServiceContext(db, user="coordinator.a", today=lambda: today))


def choose(sv: Services, **changes: Any) -> SettingsResult:
    versions = settings_versions(sv.ctx)
    return save_settings_moving(sv.ctx, changes, expected={k: versions[k] for k in changes})


def clocks(sv: Services, rid: int) -> dict[str, Any]:
    return {c.key: c for c in sv.referrals.get(rid).clocks}


def test_switching_to_scotland_recomputes_every_open_clock_and_never_hides_an_overdue_one(db: Database) -> None:
    sv = services(db)
    # LA aware Fri 19 Dec 2025: under England the SIN was due Tue 30 Dec 2025, overdue on Mon 5 Jan 2026.
    rid, _ = sv.referrals.create(ReferralInput(reference="NSCP-2025-101", received_date=dt.date(2025, 12, 22),
                                               child_pseudonym="Child N", la_aware_date=dt.date(2025, 12, 19)))
    review_id, _ = sv.reviews.create(ReviewInput(
        reference="NSCP-LCSPR-7", title="Child M", pseudonym="Child M", review_type=ReviewType.LCSPR,
        decision_date=dt.date(2025, 12, 1)))
    assert clocks(sv, rid)["sin"].state is ClockState.OVERDUE

    result = choose(sv, rule_set="scotland")
    assert get_settings(sv.ctx).rule_set == "scotland"
    changed = {(c.record, c.record_id, c.clock_key): (c.old_due, c.new_due, c.overdue) for c in result.clocks}
    # England's clocks have no equivalent in Scotland: each is said, the overdue ones as overdue.
    assert changed[("referral", rid, "sin")] == (dt.date(2025, 12, 30), None, True)
    assert changed[("referral", rid, "notify_partners")] == (dt.date(2025, 12, 30), None, True)
    assert changed[("review", review_id, "lcspr_publication")] == (dt.date(2026, 6, 1), None, False)
    assert ("referral", rid, "rapid_review") in changed
    # Scotland's first clock now runs from the referral: 20 working days from Mon 22 Dec 2025 over Scotland's
    # holidays (25, 26 Dec, 1 and 2 Jan) is Fri 23 Jan 2026; England's calendar would say Thu 22 Jan.
    assert changed[("referral", rid, "lr_recommendation")] == (None, dt.date(2026, 1, 23), False)
    assert ENGLAND_AND_WALES.add_working_days(dt.date(2025, 12, 22), 20) == dt.date(2026, 1, 22)
    sin = next(c for c in result.clocks if c.clock_key == "sin")
    assert "no equivalent" in sin.describe() and "(overdue)" in sin.describe()
    assert result.clocks[0].new_due is None  # the ones that ended are listed first
    assert result.changes.touches("settings") and ("referral", rid) in result.changes.ids
    assert ("review", review_id) in result.changes.ids

    # The screens, the list's stored headline and the deadlines follow the new rules at once.
    now = clocks(sv, rid)
    assert set(now) == {"lr_recommendation", "lr_decision", "lr_inspectorate_notified"}
    assert now["lr_recommendation"].due_date == dt.date(2026, 1, 23)
    assert "Child Protection Committee" in now["lr_recommendation"].explanation.text()
    deadlines = [d for d in open_deadlines(sv.ctx) if d.record == "referral"]
    assert [(d.clock_key, d.due_date) for d in deadlines] == [("lr_recommendation", dt.date(2026, 1, 23))]
    row = next(r for r in sv.referrals.list_rows() if r.id == rid)
    assert (row.next_clock, row.next_due) == ("Recommendation to the Child Protection Committee",
                                              dt.date(2026, 1, 23))

    with db.sessions() as s:  # who chose it, and what each clock without an equivalent was
        setting = s.execute(select(AuditEvent.user, AuditEvent.new_value).where(
            AuditEvent.entity == "organisation_setting", AuditEvent.entity_id == "rule_set",
            AuditEvent.field == "value_json")).all()
        assert [(u, v) for u, v in setting] == [("coordinator.a", '"scotland"')]
        ended = s.execute(select(AuditEvent.field, AuditEvent.old_value, AuditEvent.new_value).where(
            AuditEvent.entity == "referral", AuditEvent.entity_id == str(rid),
            AuditEvent.field == "clock sin")).one()
        assert ended == ("clock sin", "due 2025-12-30 (overdue)", "no equivalent under the Scotland rule set")

    back = choose(sv, rule_set="england")
    again = {(c.record_id, c.clock_key): (c.old_due, c.new_due) for c in back.clocks}
    assert again[(rid, "sin")] == (None, dt.date(2025, 12, 30))  # the overdue clock comes back, still overdue
    assert again[(rid, "lr_recommendation")] == (dt.date(2026, 1, 23), None)
    assert clocks(sv, rid)["sin"].state is ClockState.OVERDUE


def test_a_timeframe_setting_moves_the_clocks_that_count_it(db: Database) -> None:
    sv = services(db)
    choose(sv, rule_set="wales")
    rid, _ = sv.referrals.create(ReferralInput(reference="CYSUR-2026-1", received_date=dt.date(2026, 1, 5),
                                               child_pseudonym="Child G"))
    assert clocks(sv, rid)["cpr_case_review_group"].due_date == dt.date(2026, 2, 2)
    result = choose(sv, wales_case_review_group_working_days=10)
    assert [(c.record_id, c.clock_key, c.old_due, c.new_due) for c in result.clocks] == [
        (rid, "cpr_case_review_group", dt.date(2026, 2, 2), dt.date(2026, 1, 19))]
    assert "moved from Mon 2 Feb 2026 to Mon 19 Jan 2026" in result.lines()[0]
    nothing = choose(sv, partnership_name="Cwm Taf Morgannwg Safeguarding Board")
    assert nothing.clocks == ()


def test_the_welsh_decision_proposes_extended_and_commissions_the_review(db: Database) -> None:
    sv = services(db, today=dt.date(2026, 2, 20))
    choose(sv, rule_set="wales")
    rid, _ = sv.referrals.create(ReferralInput(
        reference="CYSUR-2026-2", received_date=dt.date(2026, 1, 5), child_pseudonym="Child G",
        children=(ChildInput("Child G", ChildRole.SUBJECT, legal_status_now=LegalStatus.LOOKED_AFTER,
                             legal_status_6m=LegalStatus.LOOKED_AFTER),)))
    detail = sv.referrals.get(rid)
    assert detail.rule_set == "wales"
    proposal = propose_cpr(detail.children)
    assert proposal.decision is Decision.CPR_EXTENDED
    sv.referrals.update(rid, detail.version, recommendation_date=dt.date(2026, 2, 2))
    assert clocks(sv, rid)["cpr_case_review_group"].state is ClockState.MET
    with pytest.raises(UserError) as raised:  # a recommendation before the referral arrived is a typing slip
        sv.referrals.update(rid, sv.referrals.get(rid).version, recommendation_date=dt.date(2026, 1, 2))
    assert raised.value.field == "recommendation_date"

    decide = next(a for a in sv.workflow.available_actions(rid) if a.key == "decide")
    assert decide.enabled  # no rapid review to send first under Wales
    version = sv.referrals.get(rid).version
    with pytest.raises(UserError) as raised:
        sv.workflow.decide(rid, version, decision=Decision.LCSPR, decision_date=dt.date(2026, 2, 9),
                           rationale="x", criteria=None)
    assert "Wales rule set" in raised.value.message and "Extended Child Practice Review" in raised.value.message
    changes = sv.workflow.decide(rid, version, decision=Decision.CPR_EXTENDED, decision_date=dt.date(2026, 2, 9),
                                 rationale="Looked after in the six months before", criteria=None)
    review_id = next(i for kind, i in changes.ids if kind == "review")
    review = sv.reviews.get(review_id)
    assert review.review_type is ReviewType.CPR_EXTENDED
    assert review.title == "Child G: Child Practice Review (extended)"
    assert clocks(sv, rid)["cpr_government_notified"].state is ClockState.OVERDUE  # due Mon 16 Feb 2026
    review_clocks = {c.key: c for c in review.clocks}
    assert review_clocks["cpr_report"].due_date == dt.date(2026, 8, 9)
    assert review_clocks["cpr_learning_event"].due_date == dt.date(2026, 5, 9)
    # The Today view lists the nation's clocks of the referral and of its review, the overdue one first.
    items = {i.key: i for i in today_list(sv.ctx, everything=True).items}
    assert items[f"referral-{rid}-cpr_government_notified"].due == dt.date(2026, 2, 16)
    assert items[f"review-{review_id}-cpr_learning_event"].due == dt.date(2026, 5, 9)
    detail = sv.referrals.get(rid)
    sv.referrals.update(rid, detail.version, decision_notified_date=dt.date(2026, 2, 12))
    assert clocks(sv, rid)["cpr_government_notified"].state is ClockState.MET
    assert RULE_SETS["wales"].label == "Wales"


def test_a_scottish_decision_not_to_proceed_keeps_its_notification_clock_in_view(db: Database) -> None:
    sv = services(db, today=dt.date(2026, 12, 10))
    choose(sv, rule_set="scotland")
    rid, _ = sv.referrals.create(ReferralInput(reference="CPC-2026-3", received_date=dt.date(2026, 10, 1),
                                               child_pseudonym="Child S"))
    detail = sv.referrals.get(rid)
    sv.referrals.update(rid, detail.version, recommendation_date=dt.date(2026, 11, 20))
    sv.workflow.decide(rid, sv.referrals.get(rid).version, decision=Decision.NO_FURTHER_REVIEW,
                       decision_date=dt.date(2026, 11, 27), rationale="Single-agency learning instead",
                       criteria=None)
    # The Care Inspectorate hears of a decision not to proceed as well: due Mon 7 Dec 2026, overdue on the 10th,
    # and listed (the referral is not closed while it is open).
    deadlines = [(d.reference, d.clock_key, d.due_date, d.state_key) for d in open_deadlines(sv.ctx)]
    assert ("CPC-2026-3", "lr_inspectorate_notified", dt.date(2026, 12, 7), ClockState.OVERDUE) in deadlines

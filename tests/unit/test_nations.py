"""The nations' rule sets (issue 17, docs/rules.md): worked examples over each nation's real bank holidays (from the
``holidays`` package, substitute days included), their clocks as data with every amount a setting, and Wales's
concise / extended proposal."""

from __future__ import annotations

from datetime import date as D  # noqa: N812 - the worked examples read as dates

import pytest

from scpdesk.models.enums import ChildRole, Decision, LegalStatus
from scpdesk.models.timeframes import (
    DEFAULT_SETTINGS,
    ENGLAND_AND_WALES,
    RULE_SETS,
    ClockRecord,
    ClockState,
    evaluate_clocks,
)
from scpdesk.services.referrals.nations import propose_cpr
from scpdesk.services.referrals.referrals import ChildDTO

WALES, SCOTLAND, NI = RULE_SETS["wales"], RULE_SETS["scotland"], RULE_SETS["northern_ireland"]


def clock(ruleset, key, record, today=D(2026, 1, 1), settings=None):  # type: ignore[no-untyped-def]
    return next(c for c in evaluate_clocks(record, today=today, ruleset=ruleset, settings=settings) if c.key == key)


@pytest.mark.parametrize(("start", "days", "due", "england_due", "why"), [
    # 1 and 2 January are both bank holidays in Scotland: 5 working days from Wed 31 Dec 2025 end on Fri 9 Jan
    # (England counts Fri 2 Jan and ends on Thu 8 Jan).
    (D(2025, 12, 31), 5, D(2026, 1, 9), D(2026, 1, 8), "New Year Holiday"),
    # Scotland's summer bank holiday is the first Monday of August (England's the last).
    (D(2026, 7, 31), 1, D(2026, 8, 4), D(2026, 8, 3), "Summer Bank Holiday"),
    # St Andrew's Day, Mon 30 Nov 2026.
    (D(2026, 11, 27), 1, D(2026, 12, 1), D(2026, 11, 30), "Saint Andrew's Day"),
    # St Andrew's Day on Sat 30 Nov 2030: its substitute is Mon 2 Dec.
    (D(2030, 11, 29), 1, D(2030, 12, 3), D(2030, 12, 2), "Saint Andrew's Day (observed)"),
    # 2 January 2027 is a Saturday: its substitute is Mon 4 January.
    (D(2026, 12, 31), 1, D(2027, 1, 5), D(2027, 1, 4), "New Year Holiday (observed)"),
])
def test_scotland_counts_its_own_bank_holidays(start: D, days: int, due: D, england_due: D, why: str) -> None:
    calendar = SCOTLAND.calendar
    assert (calendar.country, calendar.subdiv) == ("GB", "SCT")
    assert calendar.add_working_days(start, days) == due
    assert ENGLAND_AND_WALES.add_working_days(start, days) == england_due
    _, _, skipped = calendar.walk(start, days)
    assert why in {s.reason for s in skipped}


@pytest.mark.parametrize(("start", "due", "england_due", "why"), [
    (D(2026, 3, 16), D(2026, 3, 18), D(2026, 3, 17), "Saint Patrick's Day"),  # Tue 17 Mar 2026
    (D(2029, 3, 16), D(2029, 3, 20), D(2029, 3, 19), "Saint Patrick's Day (observed)"),  # Sat 17 Mar → Mon 19
    (D(2026, 7, 10), D(2026, 7, 14), D(2026, 7, 13), "Battle of the Boyne (observed)"),  # Sun 12 Jul → Mon 13
    (D(2028, 7, 11), D(2028, 7, 13), D(2028, 7, 12), "Battle of the Boyne"),  # Wed 12 Jul 2028
])
def test_northern_ireland_counts_st_patricks_day_and_the_twelfth(start: D, due: D, england_due: D, why: str) -> None:
    assert NI.calendar.add_working_days(start, 1) == due
    assert ENGLAND_AND_WALES.add_working_days(start, 1) == england_due
    assert why in {s.reason for s in NI.calendar.walk(start, 1)[2]}


def test_wales_keeps_the_england_and_wales_bank_holidays() -> None:
    assert (WALES.calendar.country, WALES.calendar.subdiv) == ("GB", "WLS")
    for year in (2025, 2026, 2027, 2028):
        days = [D.fromordinal(n) for n in range(D(year, 1, 1).toordinal(), D(year, 12, 31).toordinal() + 1)]
        assert [d for d in days if WALES.calendar.holiday_name(d)] == [d for d in days
                                                                          if ENGLAND_AND_WALES.holiday_name(d)]
    # domain.md's worked example, under the Welsh Government notification clock (5 working days, the default):
    # the Board chair decides on Fri 19 Dec 2025 → Tue 30 Dec 2025 (25, 26 Dec and the weekends skipped).
    record = ClockRecord(decision=D(2025, 12, 19), nation_review=True, referral=True)
    assert clock(WALES, "cpr_government_notified", record).due_date == D(2025, 12, 30)


def test_every_nation_clock_amount_is_a_setting_with_a_default() -> None:
    for ruleset in (WALES, SCOTLAND, NI):
        assert ruleset.label and ruleset.review_types and ruleset.decisions and ruleset.nation_reviews
        for rule in ruleset.rules:
            assert rule.setting is not None, rule.key
            assert rule.setting in DEFAULT_SETTINGS, rule.key
            assert f"Rule {rule.rule_number}:" in rule.rule_text
        keys = [r.key for r in ruleset.rules]
        assert keys[-1] == "published_window"  # the same window as England's: an equivalent across a switch
        assert len(set(keys)) == len(keys)


def test_wales_milestones_from_referral_to_publication() -> None:
    record = ClockRecord(received=D(2026, 1, 5), recommendation=D(2026, 2, 2), decision=D(2026, 2, 9),
                         decision_notified=None, nation_review=True, referral=True)
    clocks = {c.key: c for c in evaluate_clocks(record, today=D(2026, 2, 20), ruleset=WALES)}
    # 20 working days from Mon 5 Jan 2026 → Mon 2 Feb: met on the day.
    assert clocks["cpr_case_review_group"].due_date == D(2026, 2, 2)
    assert clocks["cpr_case_review_group"].state is ClockState.MET
    assert clocks["cpr_chair_decision"].state is ClockState.MET  # within 10 working days of the recommendation
    # Welsh Government: 5 working days from Mon 9 Feb → Mon 16 Feb, not yet recorded on the 20th: overdue.
    assert clocks["cpr_government_notified"].due_date == D(2026, 2, 16)
    assert clocks["cpr_government_notified"].state is ClockState.OVERDUE
    assert clocks["cpr_government_notified"].statutory
    assert "Board chair decided" in clocks["cpr_government_notified"].explanation.text()
    # A decision of no review: nothing to notify.
    none = ClockRecord(received=D(2026, 1, 5), decision=D(2026, 2, 9), nation_review=False, referral=True)
    assert clock(WALES, "cpr_government_notified", none).state is ClockState.NOT_APPLICABLE
    # The review: report and action plan 6 months from the decision, clamped (29 Aug 2025 + 6 = Sat 28 Feb 2026).
    review = ClockRecord(review_decision=D(2025, 8, 29), nation_review=True)
    assert clock(WALES, "cpr_report", review).due_date == D(2026, 2, 28)
    assert clock(WALES, "cpr_learning_event", review).due_date == D(2025, 11, 29)
    sent = ClockRecord(review_decision=D(2025, 8, 29), report_completed=D(2026, 2, 2), nation_review=True)
    report = clock(WALES, "cpr_report_to_government", sent, today=D(2026, 2, 3))
    assert report.due_date == D(2026, 2, 16) and "report and action plan completed" in report.explanation.text()


def test_scotland_notifies_the_care_inspectorate_of_every_decision() -> None:
    # The CPC decides on Fri 27 Nov 2026; St Andrew's Day (Mon 30 Nov) is skipped: due Mon 7 Dec 2026.
    for proceeding in (True, False):  # to proceed or not: the Care Inspectorate hears of both
        record = ClockRecord(received=D(2026, 10, 1), recommendation=D(2026, 11, 20), decision=D(2026, 11, 27),
                             nation_review=proceeding, referral=True)
        notified = clock(SCOTLAND, "lr_inspectorate_notified", record, today=D(2026, 12, 1))
        assert notified.due_date == D(2026, 12, 7)
        assert notified.state is ClockState.RUNNING
        assert "Mon 30 Nov 2026 (Saint Andrew's Day)" in notified.explanation.text()
        assert "Child Protection Committee decided" in notified.explanation.text()
    review = ClockRecord(review_decision=D(2026, 3, 31), report_completed=D(2026, 9, 25), nation_review=True)
    assert clock(SCOTLAND, "lr_review", review).state is ClockState.MET  # due Wed 30 Sep 2026
    sent = clock(SCOTLAND, "lr_report_to_inspectorate", review, today=D(2026, 10, 12))
    assert sent.due_date == D(2026, 10, 9) and sent.state is ClockState.OVERDUE


def test_northern_ireland_chair_decision_skips_st_patricks_day_and_follows_its_setting() -> None:
    record = ClockRecord(received=D(2026, 3, 13), referral=True)
    # 20 working days: 17 Mar (St Patrick's Day), 3 Apr (Good Friday) and 6 Apr (Easter Monday) skipped.
    assert clock(NI, "cmr_chair_decision", record).due_date == D(2026, 4, 15)
    five = clock(NI, "cmr_chair_decision", record, settings={"northern_ireland_chair_decision_working_days": 5})
    assert five.due_date == D(2026, 3, 23)  # Mon 16, Wed 18, Thu 19, Fri 20, Mon 23
    assert "Tue 17 Mar 2026 (Saint Patrick's Day)" in five.explanation.text()
    assert "referral received from the Local Safeguarding Panel" in five.explanation.text()
    review = ClockRecord(review_decision=D(2026, 3, 31), nation_review=True)
    assert clock(NI, "cmr_report", review).due_date == D(2026, 9, 30)


def _child(name: str, six_months: LegalStatus | None, now: LegalStatus | None = None,
           role: ChildRole = ChildRole.SUBJECT) -> ChildDTO:
    return ChildDTO(1, name, role, 4, "", now, None, six_months)


@pytest.mark.parametrize("status", [LegalStatus.CP_PLAN, LegalStatus.LOOKED_AFTER, LegalStatus.CARE_LEAVER])
def test_wales_proposes_extended_when_the_child_was_registered_or_looked_after(status: LegalStatus) -> None:
    proposal = propose_cpr([_child("Child G", status), _child("Child H", LegalStatus.NONE)])
    assert proposal.decision is Decision.CPR_EXTENDED
    assert proposal.reasons and "Child G" in proposal.reasons[0] and "6 months before the event" in proposal.reasons[0]
    assert proposal.text.startswith("Proposed: extended Child Practice Review")


def test_wales_proposes_concise_otherwise_and_nothing_while_the_status_is_not_recorded() -> None:
    assert propose_cpr([_child("Child G", LegalStatus.CHILD_IN_NEED)]).decision is Decision.CPR_CONCISE
    # A sibling's status does not make the review extended: the review is about the subject child.
    sibling = _child("Child S", LegalStatus.LOOKED_AFTER, role=ChildRole.SIBLING)
    assert propose_cpr([_child("Child G", LegalStatus.NONE), sibling]).decision is Decision.CPR_CONCISE
    # Looked after *now* (after the event) does not decide it, and is named for the chair to check.
    now = propose_cpr([_child("Child G", LegalStatus.NONE, now=LegalStatus.LOOKED_AFTER)])
    assert now.decision is Decision.CPR_CONCISE and any("check whether" in r for r in now.reasons)
    unknown = propose_cpr([_child("Child G", None)])
    assert unknown.decision is None and "record Child G's legal status" in unknown.reasons[0]
    assert propose_cpr([]).decision is None

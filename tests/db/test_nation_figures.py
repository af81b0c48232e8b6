"""The annual figures under a nation's rule set (issue 17) count that nation's own clocks, never England's: a Welsh
partnership's Timeliness is its case review group, Board chair and Welsh Government clocks, an overdue one counted
late, and the SIN and rapid review figures (England's) are not there to read as 0% or 100%."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from scpdesk.models.database import Database
from scpdesk.models.enums import Decision
from scpdesk.services import ServiceContext, Services
from scpdesk.services.figures import Period, compute_figures
from scpdesk.services.figures_files import export_figures_pdf
from scpdesk.services.organisation.closures import save_settings_moving
from scpdesk.services.referrals.referrals import ReferralInput
from scpdesk.services.settings import settings_versions

TODAY = dt.date(2026, 4, 30)
QUARTER = Period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def services(db: Database) -> Services:
    return Services(ServiceContext(db, user="coordinator.a", today=lambda: TODAY))


def choose(sv: Services, **changes: Any) -> None:
    versions = settings_versions(sv.ctx)
    save_settings_moving(sv.ctx, changes, expected={k: versions[k] for k in changes})


def referral(sv: Services, reference: str, received: dt.date, **dates: dt.date) -> int:
    rid, _ = sv.referrals.create(ReferralInput(reference=reference, received_date=received,
                                               child_pseudonym=f"Child {reference[-1]}"))
    if dates:
        sv.referrals.update(rid, sv.referrals.get(rid).version, **dates)
    return rid


def test_welsh_figures_count_the_welsh_clocks_an_overdue_one_late(db: Database, tmp_path: Path) -> None:
    sv = services(db)
    choose(sv, rule_set="wales")
    # A: received Mon 5 Jan 2026; the case review group (20 working days) due Mon 2 Feb, recommended that day: on
    # time; the chair (10 working days from it) due Mon 16 Feb, decided Mon 9 Feb: on time; the Welsh Government
    # (5 working days from the decision) due Mon 16 Feb, told Thu 12 Feb: on time.
    a = referral(sv, "CYSUR-2026-A", dt.date(2026, 1, 5), recommendation_date=dt.date(2026, 2, 2))
    sv.workflow.decide(a, sv.referrals.get(a).version, decision=Decision.CPR_EXTENDED,
                       decision_date=dt.date(2026, 2, 9), rationale="Looked after", criteria=None)
    sv.referrals.update(a, sv.referrals.get(a).version, decision_notified_date=dt.date(2026, 2, 12))
    # B: received Mon 12 Jan, the group due Mon 9 Feb and never recorded: overdue on 30 Apr, so late.
    referral(sv, "CYSUR-2026-B", dt.date(2026, 1, 12))
    # C: received Mon 2 Feb, the group due Mon 2 Mar, recommended Thu 5 Mar: late; the chair then due Thu 19 Mar
    # and not decided by 30 Apr: late.
    referral(sv, "CYSUR-2026-C", dt.date(2026, 2, 2), recommendation_date=dt.date(2026, 3, 5))
    # D: received Mon 20 Apr, its group due in May: not this quarter's.
    referral(sv, "CYSUR-2026-D", dt.date(2026, 4, 20))

    figures = compute_figures(sv.ctx, QUARTER)
    group = figures.figure("cpr_case_review_group_on_time")
    assert (group.numerator, group.denominator) == (1, 3)
    assert group.label == "Case review group considers the referral: on time"
    assert {r.reference: r.met for r in group.records} == {"CYSUR-2026-A": True, "CYSUR-2026-B": False,
                                                           "CYSUR-2026-C": False}
    assert "overdue" in next(r.detail for r in group.records if r.reference == "CYSUR-2026-B")
    chair = figures.figure("cpr_chair_decision_on_time")
    assert (chair.numerator, chair.denominator) == (1, 2)
    told = figures.figure("cpr_government_notified_on_time")
    assert (told.numerator, told.denominator) == (1, 1)
    keys = {f.key for f in figures.figures}
    assert not keys & {"sin_on_time", "partners_told_on_time", "rr_on_time", "rr_sent_on_time", "median_to_sin"}
    # Decisions: Wales's, the Child Practice Review named with its capitals; England's not listed at nought.
    assert figures.figure("decisions_cpr_extended").value == 1
    assert figures.figure("decisions_cpr_extended").label == "Decisions: CPR (extended)"
    assert "decisions_lcspr" not in keys and "conversion_plr" not in keys
    chart = figures.chart("timeliness_by_quarter")
    assert "Case review group considers the referral" in [s.name for s in chart.series]

    # The same records under England: England's figures, none of Wales's.
    choose(sv, rule_set="england")
    england = {f.key for f in compute_figures(sv.ctx, QUARTER).figures}
    assert "sin_on_time" in england and "cpr_case_review_group_on_time" not in england
    assert "decisions_lcspr" in england and "decisions_cpr_concise" not in england
    assert "decisions_cpr_extended" in england  # recorded in the period under Wales: still counted

    choose(sv, rule_set="wales")
    path = tmp_path / "figures.pdf"
    export_figures_pdf(sv.ctx, compute_figures(sv.ctx, QUARTER), path)
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Case review group considers the referral" in text


def test_scottish_and_northern_irish_figures_count_their_own_first_clock(db: Database) -> None:
    """Each nation's first referral clock is in its figures, an overdue one late; England's SIN never is."""
    sv = services(db)
    referral(sv, "CPC-2026-1", dt.date(2026, 1, 5))  # nothing recorded since: each first clock overdue on 30 Apr
    for rule_set, key in (("scotland", "lr_recommendation"), ("northern_ireland", "cmr_chair_decision")):
        choose(sv, rule_set=rule_set)
        figures = compute_figures(sv.ctx, QUARTER)
        first = figures.figure(f"{key}_on_time")
        assert (first.numerator, first.denominator) == (0, 1), rule_set
        assert [r.met for r in first.records] == [False]
        assert "sin_on_time" not in {f.key for f in figures.figures}


def test_a_scottish_notification_due_in_the_period_after_a_late_decision_is_counted(db: Database) -> None:
    sv = services(db)
    choose(sv, rule_set="scotland")
    # Notified Mon 1 Sep 2025, recommended Wed 1 Oct; the CPC decides (late) Mon 29 Dec; the Care Inspectorate
    # (5 Scottish working days: 1 and 2 January are holidays) due Wed 7 Jan 2026, never told: overdue, late.
    rid = referral(sv, "CPC-2025-9", dt.date(2025, 9, 1), recommendation_date=dt.date(2025, 10, 1))
    sv.workflow.decide(rid, sv.referrals.get(rid).version, decision=Decision.NO_FURTHER_REVIEW,
                       decision_date=dt.date(2025, 12, 29), rationale="Learning already taken", criteria=None)
    # Notified Mon 15 Dec 2025, nothing since: the recommendation (20 Scottish working days) due Thu 15 Jan 2026.
    referral(sv, "CPC-2025-8", dt.date(2025, 12, 15))
    figures = compute_figures(sv.ctx, QUARTER)
    told = figures.figure("lr_inspectorate_notified_on_time")
    assert (told.numerator, told.denominator) == (0, 1)
    assert [r.reference for r in told.records] == ["CPC-2025-9"]
    recommended = figures.figure("lr_recommendation_on_time")
    assert [(r.reference, r.met) for r in recommended.records] == [("CPC-2025-8", False)]


def test_a_welsh_report_due_in_the_period_after_more_months_than_englands_target_is_counted(db: Database) -> None:
    sv = services(db)
    choose(sv, rule_set="wales", wales_report_months=9)
    # Received Mon 7 Apr 2025, recommended Tue 22 Apr, concise CPR decided Thu 1 May: the report (9 months, the
    # Board's setting) due Sun 1 Feb 2026, never completed: overdue, late.
    rid = referral(sv, "CYSUR-2025-7", dt.date(2025, 4, 7), recommendation_date=dt.date(2025, 4, 22))
    sv.workflow.decide(rid, sv.referrals.get(rid).version, decision=Decision.CPR_CONCISE,
                       decision_date=dt.date(2025, 5, 1), rationale="Significant harm", criteria=None)
    report = compute_figures(sv.ctx, QUARTER).figure("cpr_report_on_time")
    assert (report.numerator, report.denominator) == (0, 1)
    assert "within 9 calendar months" in report.rule and "within 6 " not in report.rule  # the Board's number


def test_scottish_figures_count_working_days_on_scotland_s_calendar(db: Database) -> None:
    """A decision's working days from the LA becoming aware skip Scotland's holidays (St Andrew's Day, Monday 1
    December 2025 in lieu), as the Scottish clocks do — not England's."""
    sv = services(db)
    choose(sv, rule_set="scotland")
    rid = referral(sv, "CPC-2025-4", dt.date(2025, 11, 28), la_aware_date=dt.date(2025, 11, 28),
                   recommendation_date=dt.date(2025, 12, 1))
    sv.workflow.decide(rid, sv.referrals.get(rid).version, decision=Decision.LEARNING_REVIEW,
                       decision_date=dt.date(2025, 12, 2), rationale="Learning for the CPC", criteria=None)
    figures = compute_figures(sv.ctx, Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31)))
    [record] = figures.figure("decisions").records
    assert "Fri 28 Nov 2025: 1 working day" in record.detail, record.detail


def test_a_paused_overdue_welsh_clock_is_counted_late_and_says_it_is_paused(db: Database) -> None:
    from scpdesk.models import ClockPause

    sv = services(db)
    choose(sv, rule_set="wales")
    # Received Mon 5 Jan 2026, the case review group due Mon 2 Feb; paused Fri 30 Jan awaiting police disclosure
    # and never resumed: a pause never moves the due date, so on 30 Apr it is overdue — late.
    rid = referral(sv, "CYSUR-2026-P", dt.date(2026, 1, 5))
    with sv.ctx.unit_of_work() as s:
        s.add(ClockPause(referral_id=rid, clock_key="cpr_case_review_group", reason="Awaiting police disclosure",
                         paused_date=dt.date(2026, 1, 30)))
    group = compute_figures(sv.ctx, QUARTER).figure("cpr_case_review_group_on_time")
    assert (group.numerator, group.denominator) == (0, 1)
    assert "Awaiting police disclosure" in group.records[0].detail, group.records[0].detail


def test_a_welsh_clock_of_sixty_working_days_due_in_the_period_is_counted(db: Database) -> None:
    """A Board may give its case review group up to 60 working days (a setting): a referral received twelve weeks
    and more before the period has its clock fall due in it, and it is counted."""
    sv = services(db)
    choose(sv, rule_set="wales", wales_case_review_group_working_days=60)
    # Received Mon 20 Oct 2025: 60 Welsh working days (Christmas Day, Boxing Day and New Year's Day skipped) make
    # the recommendation due Thu 15 Jan 2026; never recorded: overdue, late.
    referral(sv, "CYSUR-2025-60", dt.date(2025, 10, 20))
    group = compute_figures(sv.ctx, QUARTER).figure("cpr_case_review_group_on_time")
    assert [(r.reference, r.met) for r in group.records] == [("CYSUR-2025-60", False)]
    assert "Thu 15 Jan 2026" in group.records[0].detail, group.records[0].detail

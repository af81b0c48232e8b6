"""Issue 14, "The year's figures": ``compute_figures`` over a hand-built dataset whose expected figures are written
as literals (SQLite and PostgreSQL). The boundary cases: a SIN sent exactly on its due date across the Christmas
bank holidays (LA aware Fri 19 Dec 2025 → due Tue 30 Dec 2025), one working day late, a paused clock (a pause never
moves the due date: still late), an LCSPR decided in one financial year and published in the next, the 31 March /
1 April boundary, and an empty period ("—", never 0%)."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
from statements import statements

from scpdesk.errors import UserError
from scpdesk.models import (
    Action,
    Agency,
    ArchiveRequest,
    ClockPause,
    Person,
    RapidReview,
    Recommendation,
    Referral,
    ReferralChild,
    Review,
    Theme,
)
from scpdesk.models.database import Database
from scpdesk.models.enums import (
    ActionStatus,
    AgencyKind,
    Decision,
    IncidentType,
    ReviewStatus,
    ReviewType,
    Route,
    RouteRequested,
)
from scpdesk.services import ServiceContext, Services
from scpdesk.services.dto import RecordLink
from scpdesk.services.figures import Counted, Figure, Figures, Period, Unit, compute_figures
from scpdesk.services.organisation.closures import add_closure

TODAY = dt.date(2026, 6, 1)
FY25 = Period.financial_year(dt.date(2025, 4, 1))  # 1 Apr 2025 – 31 Mar 2026
FY26 = Period.financial_year(dt.date(2026, 4, 1))  # 1 Apr 2026 – 31 Mar 2027
d = dt.date


@dataclass(frozen=True)
class World:
    referrals: dict[str, int]
    reviews: dict[str, int]
    actions: dict[str, int]


def _referral(s: object, reference: str, child: str, *, received: dt.date, la: dt.date, route: Route,
              requested: RouteRequested = RouteRequested.RAPID_REVIEW, incident: IncidentType = IncidentType.DEATH,
              sin: dt.date | None = None, told: dt.date | None = None, completed: dt.date | None = None,
              sent: dt.date | None = None, response: dt.date | None = None, decision: Decision | None = None,
              decided: dt.date | None = None, themes: tuple[Theme, ...] = ()) -> Referral:
    referral = Referral(reference=reference, received_date=received, la_aware_date=la, route=route,
                        route_requested=requested, incident_type=incident, sin_sent_date=sin,
                        partners_notified_date=told, decision=decision, decision_date=decided)
    referral.children = [ReferralChild(position=1, pseudonym=child)]
    if route is Route.RAPID_REVIEW:
        referral.rapid_review = RapidReview(started_date=la, completed_date=completed, sent_to_panel_date=sent,
                                            panel_response_date=response)
        referral.rapid_review.themes = list(themes)
    s.add(referral)  # type: ignore[attr-defined]
    return referral


def build(ctx: ServiceContext) -> World:
    """Five referrals, four reviews, four actions and three archive requests (see the module docstring)."""
    with ctx.unit_of_work() as s:
        la = Agency(name="Northshire Children's Social Care", kind=AgencyKind.LOCAL_AUTHORITY)
        police = Agency(name="Northshire Police", kind=AgencyKind.POLICE)
        neglect, escalation = Theme(name="Neglect"), Theme(name="Escalation")
        s.add_all([la, police, neglect, escalation])
        s.flush()
        officer = Person(name="DI Officer", role="Lead", agency_id=police.id)
        s.add(officer)
        # R1: across Christmas, every clock met exactly on its due date; decided LCSPR on Fri 30 Jan 2026.
        r1 = _referral(s, "F-1", "Child A", received=d(2025, 12, 22), la=d(2025, 12, 19), route=Route.RAPID_REVIEW,
                       sin=d(2025, 12, 30), told=d(2025, 12, 30), completed=d(2026, 1, 14), sent=d(2026, 1, 14),
                       response=d(2026, 1, 28), decision=Decision.LCSPR, decided=d(2026, 1, 30), themes=(neglect,))
        # R2: SIN one working day late; sent to the Panel after the rule 8 date; decided on 31 March.
        r2 = _referral(s, "F-2", "Child B", received=d(2026, 3, 3), la=d(2026, 3, 2), route=Route.RAPID_REVIEW,
                       incident=IncidentType.SERIOUS_HARM, sin=d(2026, 3, 10), told=d(2026, 3, 9),
                       completed=d(2026, 3, 20), sent=d(2026, 3, 24), decision=Decision.NO_FURTHER_REVIEW,
                       decided=d(2026, 3, 31), themes=(escalation,))
        # R3: partners never told and the rapid review never completed, both clocks paused: late all the same.
        r3 = _referral(s, "F-3", "Child C", received=d(2026, 2, 3), la=d(2026, 2, 2), route=Route.RAPID_REVIEW,
                       sin=d(2026, 2, 5))
        # R4: LA aware in March, received on 1 April; SIN due and sent on 31 March, partners told on 1 April.
        r4 = _referral(s, "F-4", "Child D", received=d(2026, 4, 1), la=d(2026, 3, 24), route=Route.RAPID_REVIEW,
                       requested=RouteRequested.UNSURE, sin=d(2026, 3, 31), told=d(2026, 4, 1))
        # R5: screened as a learning review (no statutory clocks), received on 31 March.
        r5 = _referral(s, "F-5", "Child E", received=d(2026, 3, 31), la=d(2026, 3, 30), route=Route.LEARNING_REVIEW,
                       requested=RouteRequested.UNSURE, incident=IncidentType.OTHER)
        s.flush()
        s.add_all([ClockPause(referral_id=r3.id, clock_key=key, reason="Awaiting police disclosure",
                              paused_date=d(2026, 2, 6)) for key in ("notify_partners", "rapid_review")])
        # V0: an old review (themes in 2023/24, archive requests). V1: R1's LCSPR, decided in 2025/26 and published
        # in 2026/27. V2: deferred past its target (28 Feb 2026: 31 Aug + 6 months). V3: published on its target.
        v0 = Review(reference="V-0", title="Child Z", pseudonym="Child Z", review_type=ReviewType.LCSPR,
                    status=ReviewStatus.PUBLISHED, decision_date=d(2023, 6, 10), published_date=d(2023, 12, 1),
                    themes=[neglect])
        v1 = Review(reference="V-1", title="Child A", pseudonym="Child A", review_type=ReviewType.LCSPR,
                    status=ReviewStatus.PUBLISHED, referral_id=r1.id, decision_date=d(2026, 1, 30),
                    published_date=d(2026, 5, 15), themes=[neglect])
        v2 = Review(reference="V-2", title="Child Y", pseudonym="Child Y", review_type=ReviewType.LCSPR,
                    status=ReviewStatus.DEFERRED, decision_date=d(2025, 8, 31), deferral_reason="Criminal trial")
        v3 = Review(reference="V-3", title="Child X", pseudonym="Child X", review_type=ReviewType.LCSPR,
                    status=ReviewStatus.PUBLISHED, decision_date=d(2025, 4, 1), published_date=d(2025, 10, 1),
                    themes=[neglect])
        s.add_all([v0, v1, v2, v3])
        s.flush()
        recommendation = Recommendation(review_id=v3.id, position=1, text="Share the learning")
        s.add(recommendation)
        s.flush()
        actions = {
            "on_time": Action(recommendation_id=recommendation.id, description="Train staff", owner_agency_id=la.id,
                              due_date=d(2025, 6, 30), status=ActionStatus.COMPLETE, completed_date=d(2025, 6, 30)),
            "late": Action(recommendation_id=recommendation.id, description="Audit files", owner_agency_id=police.id,
                           due_date=d(2026, 3, 31), status=ActionStatus.COMPLETE, completed_date=d(2026, 4, 2)),
            "next_year": Action(recommendation_id=recommendation.id, description="Rewrite the policy",
                                owner_person_id=officer.id, due_date=d(2026, 4, 1), status=ActionStatus.ON_TRACK),
            "overdue": Action(recommendation_id=recommendation.id, description="Brief the GPs", owner_agency_id=la.id,
                              due_date=d(2026, 1, 15), status=ActionStatus.NOT_STARTED),
        }
        s.add_all(actions.values())
        s.add_all([ArchiveRequest(review_id=v0.id, requester_name="Dr Y", received_date=d(2026, 3, 10),
                                  sent_date=d(2026, 3, 13)),
                   ArchiveRequest(review_id=v0.id, requester_name="Practice lead", received_date=d(2026, 3, 31)),
                   ArchiveRequest(review_id=v0.id, requester_name="Student", received_date=d(2026, 4, 1))])
        s.flush()
        return World({r.reference: r.id for r in (r1, r2, r3, r4, r5)}, {v.reference: v.id for v in (v0, v1, v2, v3)},
                     {k: a.id for k, a in actions.items()})


def shown(figures: Figures, key: str) -> tuple[float | None, int | None, int | None, str]:
    f = figures.figure(key)
    return f.value, f.numerator, f.denominator, f.text


def counted(figures: Figures, key: str) -> list[tuple[str, bool | None]]:
    return [(c.reference, c.met) for c in figures.figure(key).records]


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, user="manager", today=TODAY)


def test_the_years_figures_are_the_literals_a_manager_would_count(ctx: ServiceContext) -> None:
    world = build(ctx)
    fy = compute_figures(ctx, FY25)
    assert fy.period == FY25 and fy.computed_on == TODAY
    # Referrals: received 22 Dec, 3 Feb, 3 Mar and 31 Mar; not the one received on 1 April.
    assert shown(fy, "referrals_received") == (4, 4, None, "4")
    assert sorted(r for r, _ in counted(fy, "referrals_received")) == ["F-1", "F-2", "F-3", "F-5"]
    assert fy.table("referrals_by_route").rows == (
        ("Rapid review", 3, 3), ("Learning review", 0, 1), ("Single-agency audit", None, 0),
        ("No further action", None, 0), ("Unsure", 1, None), ("Not yet screened", None, 0), ("Total", 4, 4))
    assert fy.table("referrals_by_incident_type").rows == (
        ("Death", 2), ("Serious harm", 1), ("Other", 1), ("Not recorded", 0), ("Total", 4))

    # SIN: on its due date across Christmas (on time), one day late, on time, on 31 March (on time).
    assert shown(fy, "sin_on_time") == (75.0, 3, 4, "3 of 4 (75%)")
    assert counted(fy, "sin_on_time") == [("F-1", True), ("F-2", False), ("F-3", True), ("F-4", True)]
    sin = {c.reference: c.detail for c in fy.figure("sin_on_time").records}
    assert sin["F-1"] == ("LA became aware Fri 19 Dec 2025; due Tue 30 Dec 2025; sent Tue 30 Dec 2025: on time "
                          "(5 working days from the LA becoming aware)")
    assert sin["F-2"].endswith("due Mon 9 Mar 2026; sent Tue 10 Mar 2026: 1 working day late (6 working days from "
                               "the LA becoming aware)")
    # Partners: the paused clock is late (a pause never moves the due date); F-4 told on 1 April, due 31 March.
    assert shown(fy, "partners_told_on_time") == (50.0, 2, 4, "2 of 4 (50%)")
    assert counted(fy, "partners_told_on_time") == [("F-1", True), ("F-2", True), ("F-3", False), ("F-4", False)]
    told = {c.reference: c.detail for c in fy.figure("partners_told_on_time").records}
    assert told["F-3"] == ("LA became aware Mon 2 Feb 2026; due Mon 9 Feb 2026; not told: overdue by 76 working "
                           "days (paused: Awaiting police disclosure)")
    # Rapid reviews: due 14 Jan (met that day), 23 Mar (met 20 Mar), 23 Feb (paused, never completed); F-4's is
    # due 16 Apr 2026 (Easter skipped): next year's.
    assert shown(fy, "rr_on_time") == (66.7, 2, 3, "2 of 3 (66.7%)")
    assert counted(fy, "rr_on_time") == [("F-1", True), ("F-2", True), ("F-3", False)]
    # Sent to the Panel: F-2 sent 24 Mar, after its rule 8 date (23 Mar).
    assert shown(fy, "rr_sent_on_time") == (50.0, 1, 2, "1 of 2 (50%)")
    assert shown(fy, "panel_responses") == (1, 1, None, "1")
    assert shown(fy, "panel_response_median") == (10.0, None, 1, "10 working days (median of 1)")

    # Decisions: LCSPR on 30 Jan and no further review on 31 March, both after a rapid review.
    assert shown(fy, "decisions") == (2, 2, None, "2")
    assert shown(fy, "decisions_lcspr")[0] == 1 and shown(fy, "decisions_plr")[0] == 0
    assert [c.detail for c in fy.figure("decisions").records] == [
        "Decided Fri 30 Jan 2026: LCSPR; LA became aware Fri 19 Dec 2025: 27 working days",
        "Decided Tue 31 Mar 2026: No further review; LA became aware Mon 2 Mar 2026: 21 working days"]
    assert shown(fy, "median_to_decision") == (24.0, None, 2, "24 working days (median of 2)")
    assert shown(fy, "conversion_lcspr") == (50.0, 1, 2, "1 of 2 (50%)")
    assert shown(fy, "conversion_plr") == (0.0, 0, 2, "0 of 2 (0%)")
    assert fy.table("decisions_by_type").rows[0] == ("LCSPR", 1, 1, 50.0)
    assert fy.table("decisions_by_type").rows[-1] == ("Total", 2, 2, 100.0)

    # Publication: V-3 published on its target (on time), V-2 deferred past its target (late); V-1's target
    # (30 Jul 2026) is next year's.
    assert shown(fy, "lcspr_published") == (1, 1, None, "1")
    assert shown(fy, "published_on_time") == (50.0, 1, 2, "1 of 2 (50%)")
    assert counted(fy, "published_on_time") == [("V-2", False), ("V-3", True)]
    v2 = fy.figure("published_on_time").records[0].detail
    assert "due Sat 28 Feb 2026" in v2 and "deferred: Criminal trial" in v2
    assert shown(fy, "median_decision_to_publication") == (183.0, None, 1, "183 days (median of 1)")
    # LA aware → SIN sent: 5, 6, 3 and 5 working days.
    assert shown(fy, "median_to_sin") == (5.0, None, 4, "5 working days (median of 4)")
    # LA aware → rapid review complete: 15 (F-1, across Christmas) and 14 (F-2) working days.
    assert shown(fy, "median_to_rr_complete") == (14.5, None, 2, "14.5 working days (median of 2)")

    # Themes: Neglect in 2023/24 (V-0) and 2025/26 (V-3, and R1's case once though its review shares it).
    assert fy.table("themes_by_year").columns == ("Theme", "2023/24", "2024/25", "2025/26", "Total")
    assert fy.table("themes_by_year").rows == (("Neglect", 1, 0, 2, 3), ("Escalation", 0, 0, 1, 1))
    assert shown(fy, "themes_recurring") == (1, 1, None, "1")
    assert fy.table("themes_recurring").rows == (("Neglect", "2023/24, 2025/26", 3),)
    assert [(c.reference, c.detail) for c in fy.figure("themes_recurring").records] == [
        ("V-3", "Neglect: review dated Tue 1 Apr 2025; also seen in 2023/24"),
        ("F-1", "Neglect: rapid review dated Wed 14 Jan 2026; also seen in 2023/24")]

    # Actions due in the year: on time, completed late, not complete.
    assert shown(fy, "actions_on_time") == (33.3, 1, 3, "1 of 3 (33.3%)")
    assert shown(fy, "actions_overdue") == (2, 2, None, "2")  # now: 1 Jun 2026
    assert {c.record_id for c in fy.figure("actions_overdue").records} == {world.actions["next_year"],
                                                                           world.actions["overdue"]}
    assert fy.table("actions_overdue_by_agency").rows == (
        ("Northshire Children's Social Care", 1), ("Northshire Police", 1), ("Total", 2))

    # Archive requests received 10 Mar (answered in 3 days) and 31 Mar (not yet); not the one of 1 April.
    assert shown(fy, "archive_received") == (2, 2, None, "2")
    assert shown(fy, "archive_answered") == (50.0, 1, 2, "1 of 2 (50%)")
    assert shown(fy, "archive_median_days") == (3.0, None, 1, "3 days (median of 1)")


def test_a_record_decided_in_one_year_and_published_in_the_next_counts_in_each_as_its_rule_says(
        ctx: ServiceContext) -> None:
    world = build(ctx)
    before, after = compute_figures(ctx, FY25), compute_figures(ctx, FY26)
    # The decision (30 Jan 2026) counts in 2025/26; the publication (15 May 2026) and its 6-month target
    # (30 Jul 2026) in 2026/27.
    assert ("F-1", None) in counted(before, "decisions_lcspr")
    assert "V-1" not in {r for r, _ in counted(before, "lcspr_published") + counted(before, "published_on_time")}
    assert counted(after, "lcspr_published") == [("V-1", None)]
    assert counted(after, "published_on_time") == [("V-1", True)]
    assert shown(after, "median_decision_to_publication")[0] == 105.0
    # 1 April is the next year's: the referral received, its rapid review (due 16 Apr, not done by 1 Jun), the
    # archive request.
    assert counted(after, "referrals_received") == [("F-4", None)]
    assert counted(after, "rr_on_time") == [("F-4", False)]
    assert after.figure("rr_on_time").records[0].detail.startswith(
        "LA became aware Tue 24 Mar 2026; due Thu 16 Apr 2026; not completed")
    assert shown(after, "archive_received")[0] == 1
    assert world.referrals["F-4"] == after.figure("referrals_received").records[0].record_id
    link = after.figure("rr_on_time").records[0].link
    assert (link.tab, link.record_id, link.part) == ("referrals", world.referrals["F-4"], "rapid_review")


def test_an_empty_period_shows_a_dash_never_zero_percent(ctx: ServiceContext) -> None:
    build(ctx)
    empty = compute_figures(ctx, Period.financial_year(dt.date(2020, 6, 1)))
    for figure in empty.figures:
        if figure.unit in (Unit.PERCENT, Unit.WORKING_DAYS, Unit.DAYS):
            assert (figure.value, figure.text, figure.records) == (None, "—", ()), figure.key
        elif figure.key != "actions_overdue":  # overdue *now*, whatever the period
            assert (figure.value, figure.text) == (0, "0"), figure.key
    chart = empty.chart("timeliness_by_quarter")
    assert chart.categories == ("Q1 Apr–Jun 2020", "Q2 Jul–Sep 2020", "Q3 Oct–Dec 2020", "Q4 Jan–Mar 2021")
    assert all(v is None for s in chart.series for v in s.values)


def test_rates_list_their_denominator_and_the_json_round_trips(ctx: ServiceContext) -> None:
    build(ctx)
    with statements(ctx.db) as seen:
        figures = Services(ctx).figures(FY25)
    # A few set-based reads in one snapshot, whatever the number of records: no per-record query.
    assert len([x for x in seen if x not in ("BEGIN", "ROLLBACK/COMMIT")]) == 10, seen
    for figure in figures.figures:
        if figure.unit is Unit.PERCENT:
            assert len(figure.records) == figure.denominator, figure.key
            assert sum(1 for c in figure.records if c.met) == figure.numerator, figure.key
        assert figure.rule, figure.key
    data = json.loads(json.dumps(figures.as_json()))
    assert data["period"] == {"start": "2025-04-01", "end": "2026-03-31", "kind": "financial_year",
                              "label": "2025/26 (1 Apr 2025 – 31 Mar 2026)"}
    sin = next(f for f in data["figures"] if f["key"] == "sin_on_time")
    assert (sin["value"], sin["text"], len(sin["records"])) == (75.0, "3 of 4 (75%)", 4)
    chart = figures.chart("timeliness_by_quarter")
    assert chart.series[0].values == (None, None, 100.0, 66.7)  # SIN: Q3 F-1 on time; Q4 F-3, F-4 on time, F-2 late
    assert "SIN sent: Q1 Apr–Jun 2025 none due" in chart.alt_text


def test_a_closure_day_moves_the_due_date_as_the_engine_says(ctx: ServiceContext) -> None:
    """A local closure day on F-2's SIN due date (Mon 9 Mar 2026) makes it due on Tue 10 Mar: sent that day, on
    time. The figures take every due date from the clock engine, closure days included."""
    build(ctx)
    add_closure(ctx, d(2026, 3, 9), "Council closure")
    fy = compute_figures(ctx, FY25)
    assert shown(fy, "sin_on_time") == (100.0, 4, 4, "4 of 4 (100%)")
    assert [c.detail for c in fy.figure("sin_on_time").records if c.reference == "F-2"] == [
        "LA became aware Mon 2 Mar 2026; due Tue 10 Mar 2026; sent Tue 10 Mar 2026: on time (5 working days from "
        "the LA becoming aware)"]  # 5, not 6: the closure day is not a working day


def test_a_period_ending_before_it_starts_is_refused_with_the_field_named(ctx: ServiceContext) -> None:
    with pytest.raises(UserError) as caught:
        compute_figures(ctx, Period(d(2026, 4, 1), d(2026, 3, 31)))
    assert caught.value.field == "period"


@pytest.mark.parametrize("period", [Period(d(1, 1, 1), d(2026, 3, 31)), Period(d(2026, 4, 1), d(9999, 12, 31)),
                                    Period(d(1, 1, 1), d(9999, 12, 31))])
def test_a_period_far_in_the_past_or_future_is_refused_not_a_crash(ctx: ServiceContext, period: Period) -> None:
    with pytest.raises(UserError) as caught:
        compute_figures(ctx, period)
    assert caught.value.field == "period" and "between 1 Jan 1900 and 31 Dec 2999" in str(caught.value)


def test_a_figures_records_are_worded_once_when_first_read_and_shared_by_the_figures_listing_them(
        ctx: ServiceContext) -> None:
    """compute_figures keeps a year's records compact and words them when a list is first read (the screen shows one
    figure's at a time): read, they are a tuple of Counted like any other, built once and kept, the same objects in
    every figure that lists the same record with the same words, and a second computation equals the first."""
    build(ctx)
    fy = compute_figures(ctx, FY25)
    sin = fy.figure("sin_on_time")
    assert type(sin.records) is tuple and all(type(c) is Counted for c in sin.records)
    assert sin.records is sin.records  # built once, then kept
    # The median from the LA becoming aware lists the very records of the timeliness figure (one set of words).
    median = fy.figure("median_to_sin").records
    assert median and all(any(m is c for c in sin.records) for m in median)
    decided = fy.figure("decisions").records
    assert [c.reference for c in fy.figure("decisions_lcspr").records] == ["F-1"]
    assert fy.figure("decisions_lcspr").records[0] is next(c for c in decided if c.reference == "F-1")
    assert all(any(m is c for c in decided) for m in fy.figure("median_to_decision").records)
    # Two computations of the same data are equal, lists included (equality and the JSON read them whole).
    again = compute_figures(ctx, FY25)
    assert again == fy and again.as_json() == fy.as_json()
    # Lists read from several threads at once (the screen and an export): each thread gets the same tuples.
    third = compute_figures(ctx, FY25)
    with ThreadPoolExecutor(4) as pool:
        read = list(pool.map(lambda _: [f.records for f in third.figures], range(4)))
    assert all(all(a is b for a, b in zip(read[0], other, strict=True)) for other in read[1:])
    assert read[0] == [f.records for f in fy.figures]
    # A figure built by hand keeps the records it is given, as a tuple.
    one = Counted("referral", 1, "F-1", "Child A", "Received", RecordLink("referrals", 1))
    hand = Figure("x", "Referrals", "X", 1, Unit.COUNT, 1, None, "1", "Rule", [one])
    assert hand.records == (one,) and Figure("y", "R", "Y", None, Unit.COUNT, None, None, "—", "Rule").records == ()

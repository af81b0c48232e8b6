"""Issue 11, "Clocks never hidden": worked examples on SQLite and PostgreSQL.

A paused clock past its due date stays overdue everywhere (state, RAG, the list, "n late", ``deadlines``) with
the pause beside it; rule 9 follows a pause of rule 8; ended pauses stay in "why this date"; review clocks can
be paused; ``deadlines`` lists every open clock from the rows the lists use; a referral without its LA-aware
date says so; the rapid review clock's start event is an organisation setting."""

from __future__ import annotations

import datetime as dt

import pytest
from records import COMPLETED, LA_AWARE, SIN_SENT, TODAY, context, referral, setup

from scpdesk.errors import UserError
from scpdesk.models import Referral, Review
from scpdesk.models.database import Database
from scpdesk.models.enums import ReviewStatus, ReviewType
from scpdesk.models.timeframes import ClockState
from scpdesk.models.words import state_text
from scpdesk.services import ServiceContext
from scpdesk.services.clocks import RAG_OF
from scpdesk.services.deadlines import open_deadlines
from scpdesk.services.library.reviews import ReviewService
from scpdesk.services.referrals.referrals import ReferralInput, ReferralService
from scpdesk.services.referrals.workflow import WorkflowService
from scpdesk.services.settings import get_settings, save_settings, settings_versions

S = ClockState
REASON = "Awaiting police disclosure"


def _on(db: Database, day: dt.date) -> ServiceContext:
    """A reader whose clock says ``day``."""
    return ServiceContext(db, user="reader", today=lambda: day)


def _clock(ctx: ServiceContext, rid: int, key: str):  # type: ignore[no-untyped-def]
    return next(c for c in ReferralService(ctx).get(rid).clocks if c.key == key)


def test_a_paused_overdue_clock_stays_red_in_the_list_the_detail_and_deadlines(db: Database) -> None:
    """Screened for a rapid review, nothing sent: on 1 Apr 2026 SIN and "tell partners" (due Tue 30 Dec 2025)
    and the rapid review (due Wed 14 Jan 2026) are all overdue. Pausing the rapid review changes nothing red."""
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "screening", "NSCP-2025-201")
    WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason=REASON, paused_date=dt.date(2026, 1, 5))

    rr = _clock(ctx, rid, "rapid_review")
    assert (rr.state, rr.due_date, rr.paused_reason) == (S.OVERDUE, dt.date(2026, 1, 14), REASON)
    assert rr.display_state == f"overdue — paused: {REASON}"
    assert rr.working_days_left is not None and rr.working_days_left < 0
    assert f"Paused since Mon 5 Jan 2026 by coordinator.a: {REASON}." in rr.explanation.text()

    [row] = ReferralService(ctx).list_rows()
    assert (row.state_key, row.next_clock, row.next_due) == (
        S.OVERDUE, "Serious incident notification", dt.date(2025, 12, 30))
    [watched] = ReferralService(ctx).watch_rows()  # every open clock, as ``scpdesk deadlines`` lists them
    assert [(c.key, c.state, c.paused_reason) for c in watched.open_clocks] == [
        ("sin", S.OVERDUE, ""), ("notify_partners", S.OVERDUE, ""), ("rapid_review", S.OVERDUE, REASON)]

    found = [d for d in open_deadlines(ctx) if d.record_id == rid and d.record == "referral"]
    assert [(d.clock_key, d.state_key, d.due_date) for d in found] == [
        ("sin", S.OVERDUE, dt.date(2025, 12, 30)), ("notify_partners", S.OVERDUE, dt.date(2025, 12, 30)),
        ("rapid_review", S.OVERDUE, dt.date(2026, 1, 14))]
    assert found[2].state == f"overdue — paused: {REASON}" and found[2].paused_reason == REASON
    # Overdue clocks are kept whatever the horizon; the horizon filter works on keys, not words.
    assert len([d for d in open_deadlines(ctx, within_days=0) if d.record_id == rid]) == 3
    assert {d.statutory for d in found} == {True, False}  # rules 6 and 7 statutory, rule 8 a target


def test_a_pause_cannot_begin_before_the_case_or_the_review_did(db: Database) -> None:
    """A pause dated before anything was known (a typo: 2005 for 2025) would sit in "why this date" as
    "Paused since … 2005". Refused naming the date; nothing is added and the version stays."""
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "screening", "NSCP-2025-209")
    version = ReferralService(ctx).get(rid).version
    with pytest.raises(UserError) as raised:
        WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason=REASON,
                                         paused_date=LA_AWARE - dt.timedelta(days=1))
    assert raised.value.field == "paused_date" and f"{LA_AWARE:%d/%m/%Y}" in raised.value.message
    assert ReferralService(ctx).get(rid).version == version
    WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason=REASON, paused_date=LA_AWARE)

    review = _lcspr(ctx, "NSCP-CR-2025-19")
    reviews = ReviewService(ctx)
    with pytest.raises(UserError) as raised:
        reviews.pause_clock(review, clock_key="lcspr_publication", reason="Trial", paused_date=dt.date(2025, 6, 1))
    assert raised.value.field == "paused_date" and "02/06/2025" in raised.value.message
    assert reviews.pauses(review) == []
    reviews.pause_clock(review, clock_key="lcspr_publication", reason="Trial", paused_date=dt.date(2025, 6, 2))


@pytest.mark.parametrize("days", [3_000_000, 10**20])
def test_a_horizon_beyond_the_calendar_keeps_every_clock(db: Database, days: int) -> None:
    """``scpdesk deadlines --within 3000000`` (a date past 9999) or a number too big for a date difference
    ended in a traceback; it means "everything"."""
    ctx = context(db, "coordinator.a")
    referral(ctx, setup(ctx), "screening", "NSCP-2025-211")
    everything = open_deadlines(ctx)
    assert len(everything) >= 3 and open_deadlines(ctx, within_days=days) == everything


def test_a_referral_pause_reason_is_bounded_like_a_reviews(db: Database) -> None:
    """The reason is printed beside the clock in the list, deadlines and the meeting pack: a review's is kept
    under 1000 characters, a referral's had no limit (a pasted document became the clock's state)."""
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "screening", "NSCP-2025-212")
    with pytest.raises(UserError) as raised:
        WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason="r" * 1001, paused_date=TODAY)
    assert raised.value.field == "reason" and "1000" in raised.value.message
    assert WorkflowService(ctx).pauses(rid) == []
    WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason="r" * 1000, paused_date=TODAY)


def test_before_its_due_date_a_paused_clock_is_amber_with_its_reason(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "sin_sent", "NSCP-2025-202")
    WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason=REASON, paused_date=dt.date(2026, 1, 5))
    early = _on(db, dt.date(2026, 1, 7))
    rr = _clock(early, rid, "rapid_review")
    assert (rr.state, rr.display_state) == (S.PAUSED, f"paused: {REASON}")
    later = _on(db, dt.date(2026, 1, 15))  # the day after it was due: red, pause or no pause
    assert _clock(later, rid, "rapid_review").state is S.OVERDUE


def test_rapid_review_sent_follows_a_pause_of_rapid_review_complete(db: Database) -> None:
    """Completed Tue 13 Jan 2026 while "rapid review complete" was paused: "sent to the Panel" (due on the rule 8
    date, Wed 14 Jan) shows the same pause; after the 14th it is overdue, the pause beside it."""
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "completed", "NSCP-2025-203")
    WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason=REASON, paused_date=dt.date(2026, 1, 5))
    sent = _clock(_on(db, COMPLETED), rid, "rr_sent")
    assert (sent.state, sent.due_date, sent.paused_reason) == (S.PAUSED, dt.date(2026, 1, 14), REASON)
    assert 'follows the pause of "Rapid review complete"' in sent.explanation.text()
    late = _clock(ctx, rid, "rr_sent")
    assert (late.state, late.display_state) == (S.OVERDUE, f"overdue — paused: {REASON}")


def test_an_ended_pause_stays_in_the_history_and_in_why_this_date(db: Database) -> None:
    a, b = context(db, "coordinator.a"), context(db, "coordinator.b")
    rid = referral(a, setup(a), "sin_sent", "NSCP-2025-204")
    WorkflowService(a).pause_clock(rid, clock_key="rapid_review", reason=REASON, paused_date=dt.date(2026, 1, 5))
    [pause] = WorkflowService(b).pauses(rid)
    WorkflowService(b).resume_clock(rid, ReferralService(b).get(rid).version, pause.id,
                                    resumed_date=dt.date(2026, 1, 9))
    [ended] = WorkflowService(a).pauses(rid)
    assert (ended.reason, ended.paused_date, ended.resumed_date, ended.by) == (
        REASON, dt.date(2026, 1, 5), dt.date(2026, 1, 9), "coordinator.a; resumed by coordinator.b")
    rr = _clock(_on(db, dt.date(2026, 1, 12)), rid, "rapid_review")
    assert rr.state is S.DUE_SOON and rr.paused_reason is None and rr.due_date == dt.date(2026, 1, 14)
    assert (f"Paused from Mon 5 Jan 2026 to Fri 9 Jan 2026 by coordinator.a; resumed by coordinator.b: {REASON}."
            in rr.explanation.text())


def test_a_referral_without_its_la_aware_date_says_its_clocks_have_not_started(db: Database) -> None:
    ctx = context(db, "coordinator.a")
    rid, _ = ReferralService(ctx).create(ReferralInput(reference="NSCP-2026-205", received_date=dt.date(2026, 3, 30),
                                                       child_pseudonym="Child R"))
    [row] = ReferralService(ctx).list_rows()
    assert row.state_key is S.START_MISSING
    assert state_text(row.state_key, detail=row.state_detail) == "clocks not started: LA-aware date missing"
    assert row.next_due is None and row.next_clock == "Clocks from LA awareness"
    detail = {c.key: c for c in ReferralService(ctx).get(rid).clocks}
    assert {k: detail[k].state for k in ("sin", "notify_partners", "rapid_review")} == dict.fromkeys(
        ("sin", "notify_partners", "rapid_review"), S.START_MISSING)
    [d] = [d for d in open_deadlines(ctx, within_days=0) if d.record_id == rid]
    assert (d.state_key, d.due_date, d.state) == (S.START_MISSING, None, "clocks not started: LA-aware date missing")
    assert d.as_json()["due_date"] is None and d.as_json()["state_key"] == "start_missing"
    # Recording the date starts the clocks.
    ReferralService(ctx).update(rid, ReferralService(ctx).get(rid).version, la_aware_date=dt.date(2026, 3, 30))
    [row] = ReferralService(ctx).list_rows()
    assert row.state_key is S.RUNNING and row.next_due == dt.date(2026, 4, 8)  # Good Friday, Easter Monday skipped


def _lcspr(ctx: ServiceContext, reference: str = "NSCP-CR-2025-09") -> int:
    with ctx.unit_of_work() as s:
        review = Review(reference=reference, title="Child P", pseudonym="Child P", reviewer="Dr A Reviewer",
                        review_type=ReviewType.LCSPR, status=ReviewStatus.IN_REVIEW,
                        decision_date=dt.date(2025, 6, 2), commissioned_date=dt.date(2025, 7, 1),
                        planned_publication_date=dt.date(2026, 6, 1))
        s.add(review)
        s.flush()
        return review.id


def test_clearing_the_la_aware_date_after_the_sin_cannot_turn_overdue_clocks_amber(db: Database) -> None:
    """Rapid review under way, SIN sent Tue 23 Dec 2025: on 1 Apr 2026 "tell partners" and the rapid review are
    overdue (red). Clearing the LA-aware date in an edit would make them "clocks not started" (amber): refused
    naming the field; a corrected date is accepted and the clocks stay red."""
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "rapid_review", "NSCP-2025-208")
    referrals = ReferralService(ctx)
    [row] = referrals.list_rows()
    assert row.state_key is S.OVERDUE
    version = referrals.get(rid).version
    with pytest.raises(UserError) as raised:
        referrals.update(rid, version, la_aware_date=None)
    assert raised.value.field == "la_aware_date" and f"{SIN_SENT:%d/%m/%Y}" in raised.value.message
    [row] = referrals.list_rows()
    assert (row.state_key, referrals.get(rid).version) == (S.OVERDUE, version)
    assert [d.state_key for d in open_deadlines(ctx) if d.record_id == rid] == [S.OVERDUE, S.OVERDUE]
    referrals.update(rid, version, la_aware_date=LA_AWARE - dt.timedelta(days=1))
    [row] = referrals.list_rows()
    assert row.state_key is S.OVERDUE


def test_clearing_a_reviews_decision_date_cannot_hide_its_overdue_clock(db: Database) -> None:
    """Decision Mon 2 Jun 2025: on 1 Apr 2026 the six-month target is overdue (red). Clearing the decision
    date in an edit made that clock vanish from the list and from deadlines (green): refused naming the
    field; a corrected date is accepted."""
    ctx = context(db, "coordinator.a")
    rid = _lcspr(ctx, "NSCP-CR-2025-29")
    reviews = ReviewService(ctx)
    version = reviews.get(rid).version
    with pytest.raises(UserError) as raised:
        reviews.update(rid, version, decision_date=None)
    assert raised.value.field == "decision_date" and "02/06/2025" in raised.value.message
    [row] = reviews.list_rows()
    assert (row.state_key, reviews.get(rid).version) == (S.OVERDUE, version)
    assert ("lcspr_publication", S.OVERDUE) in [(d.clock_key, d.state_key) for d in open_deadlines(ctx)]
    reviews.update(rid, version, decision_date=dt.date(2025, 6, 3))
    [row] = reviews.list_rows()
    assert row.state_key is S.OVERDUE


def test_review_clocks_can_be_paused_with_a_reason_and_resumed(db: Database) -> None:
    """Decision Mon 2 Jun 2025: the six-month target was Tue 2 Dec 2025 — overdue on 1 Apr 2026, paused or not.
    The pre-publication copy (planned publication Mon 1 Jun 2026, 7 working days before: Wed 20 May) can be
    paused before it is due (amber)."""
    ctx = context(db, "coordinator.a")
    rid = _lcspr(ctx)
    reviews = ReviewService(ctx)
    for bad, field in ((dict(clock_key="sin", reason="x"), "clock"), (dict(clock_key="lcspr_publication",
                                                                         reason="  "), "reason")):
        with pytest.raises(UserError) as raised:
            reviews.pause_clock(rid, paused_date=TODAY, **bad)  # type: ignore[arg-type]
        assert raised.value.field == field
    with pytest.raises(UserError) as raised:
        reviews.pause_clock(rid, clock_key="lcspr_publication", reason="Trial", paused_date=TODAY + dt.timedelta(1))
    assert raised.value.field == "paused_date"

    version = reviews.get(rid).version
    reviews.pause_clock(rid, clock_key="lcspr_publication", reason="Criminal trial", paused_date=dt.date(2026, 1, 5))
    reviews.pause_clock(rid, clock_key="pre_publication_copy", reason="Family consultation",
                        paused_date=dt.date(2026, 3, 2))
    detail = reviews.get(rid)
    assert detail.version > version  # the review's clocks changed
    six = detail.clock("lcspr_publication")
    assert six is not None and (six.state, six.paused_reason) == (S.OVERDUE, "Criminal trial")
    assert "Paused since Mon 5 Jan 2026 by coordinator.a: Criminal trial." in detail.why("lcspr_publication")
    copy = detail.clock("pre_publication_copy")
    assert copy is not None and (copy.state, copy.due_date) == (S.PAUSED, dt.date(2026, 5, 20))
    with pytest.raises(UserError, match="already paused"):
        reviews.pause_clock(rid, clock_key="lcspr_publication", reason="Again", paused_date=TODAY)

    [row] = reviews.list_rows()
    assert (row.state_key, row.paused_reason) == (S.OVERDUE, "Criminal trial")
    assert [(c.key, c.state) for c in row.open_clocks] == [("lcspr_publication", S.OVERDUE),
                                                           ("pre_publication_copy", S.PAUSED)]
    assert [(d.clock_key, d.state_key) for d in open_deadlines(ctx) if d.record == "review"] == [
        ("lcspr_publication", S.OVERDUE), ("pre_publication_copy", S.PAUSED)]

    first = reviews.pauses(rid)[0]
    reviews.resume_clock(rid, reviews.get(rid).version, first.id, resumed_date=dt.date(2026, 2, 2))
    assert [(p.clock_key, p.resumed_date) for p in reviews.pauses(rid)] == [
        ("lcspr_publication", dt.date(2026, 2, 2)), ("pre_publication_copy", None)]
    why = reviews.get(rid).why("lcspr_publication")
    assert "Paused from Mon 5 Jan 2026 to Mon 2 Feb 2026 by coordinator.a: Criminal trial." in why
    with pytest.raises(UserError) as raised:
        reviews.resume_clock(rid, reviews.get(rid).version, first.id, resumed_date=TODAY)
    assert raised.value.field == "clock"


def test_the_rapid_review_clock_can_count_from_the_notification(db: Database) -> None:
    """Default: from the partners becoming aware (here the LA-aware date, Fri 19 Dec 2025) → Wed 14 Jan 2026.
    Set to the notification sent to the Panel (Tue 23 Dec 2025): 15 working days → Fri 16 Jan 2026."""
    ctx = context(db, "coordinator.a")
    rid = referral(ctx, setup(ctx), "rapid_review", "NSCP-2025-206")
    assert get_settings(ctx).rapid_review_start == "partners_aware"
    rr = _clock(ctx, rid, "rapid_review")
    assert (rr.start_date, rr.due_date) == (LA_AWARE, dt.date(2026, 1, 14))
    assert "partners became aware" in rr.explanation.text()

    save_settings(ctx, {"rapid_review_start": "sin_sent"},
                  expected={"rapid_review_start": settings_versions(ctx)["rapid_review_start"]})
    rr = _clock(ctx, rid, "rapid_review")
    assert (rr.start_date, rr.due_date, rr.start_event) == (SIN_SENT, dt.date(2026, 1, 16), "sin_sent")
    why = rr.explanation.text()
    assert "Start: SIN sent to the National Panel, Tue 23 Dec 2025 (day 0)." in why
    assert "organisation setting" in why
    # SIN and "tell partners" still count from the LA-aware date.
    assert _clock(ctx, rid, "sin").due_date == dt.date(2025, 12, 30)
    with pytest.raises(UserError) as raised:
        save_settings(ctx, {"rapid_review_start": "received"},
                      expected={"rapid_review_start": settings_versions(ctx)["rapid_review_start"]})
    assert raised.value.field == "rapid_review_start"


def test_the_meeting_pack_colours_a_paused_overdue_clock_red(db: Database) -> None:
    from records import meeting

    from scpdesk.reports.meeting_pack import _clock_row
    from scpdesk.services.panel.meeting_pack import pack_data
    from scpdesk.services.panel.meetings import MeetingService

    ctx = context(db, "coordinator.a")
    world = setup(ctx)
    rid = referral(ctx, world, "sin_sent", "NSCP-2025-207")
    WorkflowService(ctx).pause_clock(rid, clock_key="rapid_review", reason=REASON, paused_date=dt.date(2026, 1, 5))
    m = MeetingService(ctx)
    records = meeting(ctx, world, reference="RRP-CLOCKS")
    m.add_case(records.meeting_id, m.get(records.meeting_id).version, rid)
    [case] = [i for i in pack_data(ctx, records.meeting_id).items if i.kind == "case"]
    rr = next(c for c in case.clocks if c.label == "Rapid review complete")
    assert (rr.state, rr.tone, rr.statutory) == (f"overdue — paused: {REASON}", "red", False)
    assert _clock_row(rr, dt.date(2026, 4, 8))[1] == "red"
    sin = next(c for c in case.clocks if c.label == "Serious incident notification")
    assert (sin.state, sin.tone, sin.statutory) == ("met", "", True)


def test_an_overdue_clock_is_not_hidden_behind_a_missing_la_aware_date(db: Database) -> None:
    """Partners aware on Fri 19 Dec 2025, the LA-aware date never recorded: SIN and "tell partners" cannot start,
    but the rapid review runs from the partners' date (due Wed 14 Jan 2026). While it runs, the row says the
    clocks have not started (amber); once it is overdue the row shows it in red and it counts as overdue — in the
    whole list, the first page, the detail's headline, ``deadlines`` and the stored clock alike."""
    ctx = context(db, "coordinator.a")
    rid, _ = ReferralService(ctx).create(ReferralInput(
        reference="NSCP-2025-206", received_date=dt.date(2025, 12, 19), child_pseudonym="Child S",
        partners_aware_date=dt.date(2025, 12, 19)))

    before = _on(db, dt.date(2026, 1, 5))  # the rapid review still running
    [row] = ReferralService(before).list_rows()
    assert (row.state_key, RAG_OF[row.state_key], row.next_due) == (S.START_MISSING, "amber", None)
    # ... with the rapid review's date beside it, from the stored clock, the first page and the engine alike
    assert row.running_due == row.due_by == dt.date(2026, 1, 14)
    assert [r.running_due for r in ReferralService(before).first_rows(10).rows] == [dt.date(2026, 1, 14)]
    assert [r.running_due for r in ReferralService(before).watch_rows()] == [dt.date(2026, 1, 14)]

    [row] = ReferralService(ctx).list_rows()  # 1 Apr 2026: the rapid review is long overdue
    assert row.state_key is not None
    assert (row.state_key, RAG_OF[row.state_key], row.next_clock, row.next_due) == (
        S.OVERDUE, "red", "Rapid review complete", dt.date(2026, 1, 14))
    assert row.working_days_left is not None and row.working_days_left < 0
    [first] = ReferralService(ctx).first_rows(100).rows
    assert (first.state_key, first.next_due) == (S.OVERDUE, dt.date(2026, 1, 14))
    [watched] = ReferralService(ctx).watch_rows()
    assert [(c.key, c.state) for c in watched.open_clocks][:2] == [
        ("rapid_review", S.OVERDUE), ("sin", S.START_MISSING)]  # the overdue clock first, the missing line kept
    found = {d.state_key for d in open_deadlines(ctx, within_days=0) if d.record_id == rid}
    assert S.OVERDUE in found and S.START_MISSING in found
    with ctx.read() as s:
        stored = s.get(Referral, rid)
        assert stored is not None
        assert (stored.next_clock, stored.next_due_date, stored.next_missing, stored.next_missing_clock) == (
            "rapid_review", dt.date(2026, 1, 14), 2, "sin")

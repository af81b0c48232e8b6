"""Opening a review in the Library reads its whole panel in one statement (``ReviewArea.screen``), on SQLite and
PostgreSQL: it shows exactly what the three reads it replaces showed (the record with its status steps, clocks,
next steps and archive requests; the action plan; the learning summary), it costs the same whatever the review
holds (counted with SQLAlchemy engine events, never timed), and a clock never counts under settings or closure
days older than the ones the statement saw."""

from __future__ import annotations

import datetime as dt

import pytest
from records import HOSTILE, assert_same_review_screen, context, old_review_screen, rich_review
from sqlalchemy import select, text
from statements import statements

from scpdesk.errors import NotFoundError
from scpdesk.models import Review
from scpdesk.models.database import Database
from scpdesk.models.enums import ActionStatus, ReviewStatus, ReviewType
from scpdesk.services import ServiceContext
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.library.review_screen import ReviewArea
from scpdesk.services.library.reviews import ReviewInput

DEMO_TODAY = dt.date(2026, 11, 25)
#: The screen's cost on every back end, as bench/latency.py counts it: BEGIN, one SELECT, ROLLBACK (on a server the
#: BEGIN and ROLLBACK are events only: the statement runs outside a transaction block, tests/db/test_round_trips.py).
SCREEN_STATEMENTS = 3


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return context(db, "coordinator.a")


def test_the_screen_shows_what_the_three_reads_show_for_every_demo_review(db: Database) -> None:
    ctx = ServiceContext(db, user="coordinator.a", today=lambda: DEMO_TODAY)
    fill_demo_data(ctx, today=DEMO_TODAY)
    rich = rich_review(ctx, "NSCP-CR-RICH")
    with ctx.read() as s:
        ids = list(s.scalars(select(Review.id).order_by(Review.id)))
        statuses = set(s.scalars(select(Review.status)))
    assert len(ids) > 5 and {ReviewStatus.DEFERRED, ReviewStatus.PUBLISHED, ReviewStatus.IN_REVIEW} <= statuses
    area = ReviewArea(ctx)
    for rid in ids:
        assert_same_review_screen(area.screen(rid), old_review_screen(ctx, rid))
    screen = area.screen(rich)
    assert screen.detail.status is ReviewStatus.DEFERRED and screen.detail.overdue  # deferred and paused: still said
    assert [t.retired for t in screen.detail.themes] == [False, True]  # Escalation, then neglect (retired)
    assert [len(r.actions) for r in screen.plan.recommendations] == [2, 1, 0]
    assert screen.plan.overdue_count == 1 and screen.plan.actions[2].latest_note.endswith(f"Draft circulated {HOSTILE}"
                                                                                         .replace("\n", " "))
    assert [(r.requester_name, r.answered, r.notes) for r in screen.detail.archive_requests] == [
        ("Dr Y", True, HOSTILE), ("Practice lead", False, "")]
    assert screen.summary.about == f"About {HOSTILE}" and screen.summary.version == 1
    paused = screen.detail.clock("lcspr_publication")
    assert paused is not None and paused.paused_reason == "Trial date moved" and paused.deferred_reason
    assert "coordinator.a.colleague" in paused.explanation.text()  # who resumed the first pause
    assert [t.key for t in screen.detail.transitions if t.enabled] == ["publish", "publish_improvements_only"]


def test_a_bare_review_shows_its_empty_plan_and_summary(ctx: ServiceContext) -> None:
    rid, _ = ReviewArea(ctx).create(ReviewInput(reference="NSCP-CR-BARE", title="Child B",
                                                review_type=ReviewType.PLR))
    screen = ReviewArea(ctx).screen(rid)
    assert_same_review_screen(screen, old_review_screen(ctx, rid))
    assert (screen.plan.recommendations, screen.summary.version, screen.detail.clock_line) == ((), 0, "")
    assert [s.key for s in screen.detail.next_steps] == ["start_review"]
    with pytest.raises(NotFoundError):
        ReviewArea(ctx).screen(rid + 1000)


def test_the_screen_costs_one_statement_whatever_the_review_holds(db: Database, ctx: ServiceContext) -> None:
    """A read per part (themes, recommendations, actions, requests, pauses, summary, settings) coming back, or a
    transaction of several, fails this."""
    area = ReviewArea(ctx)
    bare, _ = area.create(ReviewInput(reference="NSCP-CR-ONE", title="Child O", review_type=ReviewType.LCSPR))
    full = rich_review(ctx, "NSCP-CR-ALL")
    area.screen(bare)  # the process's clock context read once (as the Library's list has read it)
    spent = {}
    for rid in (bare, full):
        with statements(db) as sql:
            area.screen(rid)
        spent[rid] = sql
    assert len(spent[bare]) == len(spent[full]) == SCREEN_STATEMENTS, spent
    assert len([s for s in spent[full] if s not in ("BEGIN", "ROLLBACK/COMMIT")]) == 1, spent


def test_a_closure_day_added_elsewhere_moves_the_clocks_at_once(db: Database, ctx: ServiceContext) -> None:
    """The process keeps the settings and closure days it last saw; the statement reads their digest, so a change
    made by another program is used by the very next screen, never a clock under old ones."""
    rid = rich_review(ctx, "NSCP-CR-CAL")
    area = ReviewArea(ctx)
    before = area.screen(rid)
    copy = before.detail.clock("pre_publication_copy")
    assert copy is not None and copy.due_date is not None
    closed = next(copy.due_date + dt.timedelta(days=n) for n in range(1, 8)  # a working day the 7 days count
                  if (copy.due_date + dt.timedelta(days=n)).weekday() < 5)
    with db.engine.begin() as conn:  # another program: nothing in this process hears of it
        conn.execute(text("INSERT INTO closure_day (day, reason, created_at, created_by, updated_at, updated_by) "
                          "VALUES (:day, 'Staff day', :now, 'dba', :now, 'dba')"),
                     {"day": closed, "now": dt.datetime(2026, 3, 1)})
    with statements(db) as sql:
        after = area.screen(rid)
    assert_same_review_screen(after, old_review_screen(ctx, rid))
    assert after.detail.clock("pre_publication_copy") != copy
    # One more statement reads the new context (none when this process already knows that content's digest).
    assert len([s for s in sql if s not in ("BEGIN", "ROLLBACK/COMMIT")]) <= 2, sql


def test_overdue_actions_count_from_the_day_the_screen_is_read(db: Database) -> None:
    day = {"today": dt.date(2026, 4, 1)}
    ctx = ServiceContext(db, user="coordinator.a", today=lambda: day["today"])
    rid = rich_review(ctx, "NSCP-CR-DAY")
    area = ReviewArea(ctx)
    assert area.screen(rid).plan.overdue_count == 1
    day["today"] = dt.date(2026, 6, 5)  # the policy rewrite is now overdue too; the completed audit never is
    screen = area.screen(rid)
    assert_same_review_screen(screen, old_review_screen(ctx, rid))
    assert [a.effective_status for a in screen.plan.actions] == [ActionStatus.OVERDUE, ActionStatus.COMPLETE,
                                                                 ActionStatus.OVERDUE]

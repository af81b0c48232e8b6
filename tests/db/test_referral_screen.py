"""The referral screen read in one transaction (issue 12, "Reads compose in one session"), on SQLite and
PostgreSQL: what it costs in statements (counted with SQLAlchemy engine events, never timed), that it does
not grow with what a referral holds, that it shows exactly what the per-part reads show, and that a write
from the window hands back the screen it leaves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from sqlalchemy import event, select

from scpdesk.models import (
    Agency,
    AgencySummary,
    AgendaItem,
    ChildIdentity,
    ClockPause,
    Meeting,
    MeetingAction,
    PartnerSignoff,
    Person,
    RapidReview,
    Referral,
    ReferralChild,
    Review,
    SafetyAction,
    Theme,
)
from scpdesk.models.audit import verify_chain
from scpdesk.models.database import Database
from scpdesk.models.enums import (
    AgencyKind,
    AgendaItemKind,
    ChildRole,
    MeetingKind,
    Partner,
    ReferralStatus,
    ReviewStatus,
    ReviewType,
    Route,
)
from scpdesk.services import ServiceContext
from scpdesk.services.access import Access
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.dto import Changes
from scpdesk.services.history import referral_history
from scpdesk.services.panel.meetings import MeetingService
from scpdesk.services.referrals.referral_screen import ReferralArea, ReferralScreen, rapid_reviews, referral_details
from scpdesk.services.referrals.referrals import ReferralService
from scpdesk.services.referrals.story import ReviewMilestone, history_lines, next_steps, standing, timeline
from scpdesk.services.referrals.workflow import WorkflowService
from scpdesk.services.registry import Services

TODAY = dt.date(2026, 11, 25)
#: Text that JSON must carry back unchanged: quotes, backslashes, a newline, markup, Welsh, an emoji.
HOSTILE = 'He said "wait" \\ then\nleft <b>&amp;</b> ŵŷ 🙂 '
#: The screen's cost on every back end: BEGIN, one SELECT, ROLLBACK.
SCREEN_STATEMENTS = 3


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, user="tester", today=lambda: TODAY)


class Statements:
    """Cursor executes plus BEGIN and COMMIT/ROLLBACK on an engine, as bench/latency.py counts them."""

    def __init__(self, db: Database) -> None:
        self.engine = db.engine
        self.sql: list[str] = []

    def _cursor(self, conn: object, cursor: object, statement: str, *args: object) -> None:
        self.sql.append(statement)

    def _begin(self, conn: object) -> None:
        if self.engine.dialect.name != "sqlite":  # there the BEGIN is a statement of its own (database.py)
            self.sql.append("BEGIN")

    def _end(self, conn: object) -> None:
        self.sql.append("END")

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        self.sql = []
        hooks: list[tuple[str, Callable[..., None]]] = [("before_cursor_execute", self._cursor),
                                                         ("begin", self._begin), ("commit", self._end),
                                                         ("rollback", self._end)]
        for name, hook in hooks:
            event.listen(self.engine, name, hook)
        try:
            yield self.sql
        finally:
            for name, hook in hooks:
                event.remove(self.engine, name, hook)


def _agencies(ctx: ServiceContext, n: int) -> list[int]:
    with ctx.unit_of_work() as s:
        found = list(s.scalars(select(Agency.id).order_by(Agency.id)))
        kinds = list(AgencyKind)
        for i in range(len(found), n):
            agency = Agency(name=f"Agency {i + 1}", kind=kinds[i % len(kinds)])
            s.add(agency)
            s.flush()
            found.append(agency.id)
        return found[:n]


def rich_referral(ctx: ServiceContext, reference: str, *, children: int, agencies: int, meetings: int,
                  parts: int) -> int:
    """A referral with ``children`` children (each with an identity), ``agencies`` agencies, ``meetings``
    meetings that each discussed it (with actions), and ``parts`` pauses, summaries, safety actions, themes
    and reviews (0: no rapid review at all)."""
    agency_ids = _agencies(ctx, max(agencies, 1))
    with ctx.unit_of_work() as s:
        referral = Referral(reference=reference, received_date=dt.date(2026, 10, 1),
                            la_aware_date=dt.date(2026, 9, 29), partners_aware_date=dt.date(2026, 9, 30),
                            status=ReferralStatus.RAPID_REVIEW if parts else ReferralStatus.RECEIVED,
                            route=Route.RAPID_REVIEW if parts else None,
                            sin_sent_date=dt.date(2026, 10, 2) if parts else None,
                            referrer_agency_id=agency_ids[0], referrer_name="A Referrer", summary="<b>&</b>")
        referral.children = [ReferralChild(position=i + 1, pseudonym=f"Child {chr(65 + i)}{reference[-2:]}",
                                           role=ChildRole.SUBJECT if i == 0 else ChildRole.SIBLING)
                             for i in range(children)]
        for child in referral.children:
            child.identity = ChildIdentity(full_name=f"Real name of {child.pseudonym}")
        referral.agencies = list(s.scalars(select(Agency).where(Agency.id.in_(agency_ids[:agencies]))))
        s.add(referral)
        s.flush()
        if parts:
            rr = RapidReview(referral_id=referral.id, started_date=dt.date(2026, 10, 3), strengths="Strong",
                             themes=[])
            s.add(rr)
            s.flush()
            themes = []
            for i in range(parts):
                aid = agency_ids[i % len(agency_ids)]
                s.add(ClockPause(referral_id=referral.id, clock_key="rapid_review", reason=HOSTILE + str(i),
                                 paused_date=dt.date(2026, 10, 4 + i), resumed_date=dt.date(2026, 10, 5 + i)))
                if i < len(agency_ids):
                    s.add(AgencySummary(rapid_review_id=rr.id, agency_id=aid, requested_date=dt.date(2026, 10, 3),
                                        due_date=dt.date(2026, 10, 10), notes=f"{HOSTILE}{i}"))
                s.add(SafetyAction(rapid_review_id=rr.id, description=f"Action {i}", due_date=dt.date(2026, 10, 9),
                                   owner_agency_id=aid if i % 2 else None))
                s.add(Review(reference=f"{reference}-R{i}", title=f"Review {i}", review_type=ReviewType.LCSPR,
                             status=ReviewStatus.COMMISSIONED, referral_id=referral.id))
                theme = s.scalar(select(Theme).where(Theme.name == f"theme {i}"))
                if theme is None:
                    theme = Theme(name=f"theme {i}")
                    s.add(theme)
                themes.append(theme)
            rr.themes = themes
            for partner in list(Partner)[:min(parts, len(Partner))]:
                s.add(PartnerSignoff(rapid_review_id=rr.id, partner=partner, name=f"Lead {partner.value}",
                                     signed_date=dt.date(2026, 10, 8)))
        for i in range(meetings):
            meeting = Meeting(reference=f"{reference}-M{i}", kind=MeetingKind.RAPID_REVIEW_PANEL,
                              meeting_date=dt.date(2026, 10, 20 - i))
            s.add(meeting)
            s.flush()
            item = AgendaItem(meeting_id=meeting.id, position=1, kind=AgendaItemKind.CASE, referral_id=referral.id,
                              title=f"Case {i}", decision=f"Decided {i}")
            s.add(item)
            s.flush()
            s.add_all(MeetingAction(agenda_item_id=item.id, description=f"Do {j}",
                                    done_date=dt.date(2026, 10, 21) if j else None) for j in range(2))
        return referral.id


def old_screen(ctx: ServiceContext, referral_id: int) -> ReferralScreen:
    """The screen as the six per-part reads (six transactions) give it, and the story told from them (the
    review milestones and the directory's names read apart)."""
    service, workflow = ReferralService(ctx), WorkflowService(ctx)
    detail = replace(service.get(referral_id), agency_ids=tuple(sorted(service.get(referral_id).agency_ids)))
    rr, actions = workflow.rapid_review(referral_id), tuple(workflow.available_actions(referral_id))
    history, meetings = tuple(referral_history(ctx, referral_id)), tuple(MeetingService(ctx).for_referral(referral_id))
    with ctx.read() as s:
        reviews = tuple(ReviewMilestone(r.reference, r.review_type, r.reviewer, r.commissioned_date, r.published_date)
                        for r in s.scalars(select(Review).where(Review.referral_id == referral_id)
                                           .order_by(Review.id)))
        names = {("agency", i): n for i, n in s.execute(select(Agency.id, Agency.name))}
        names |= {("person", i): n for i, n in s.execute(select(Person.id, Person.name))}
    return ReferralScreen(detail=detail, rapid_review=rr, actions=actions, history=history, meetings=meetings,
                          editable=tuple(sorted(service.editable(referral_id).items())),
                          next_steps=next_steps(detail, rr, actions), standing=standing(detail),
                          timeline=timeline(detail, rr, meetings, reviews),
                          history_words=history_lines(history, names))


# -- what it costs ---------------------------------------------------------------------------------------

def bare_and_full(ctx: ServiceContext, prefix: str) -> tuple[int, int]:
    """A referral with one child and nothing else, and one with the most a referral holds."""
    return (rich_referral(ctx, f"{prefix}-01", children=1, agencies=1, meetings=0, parts=0),
            rich_referral(ctx, f"{prefix}-02", children=4, agencies=6, meetings=3, parts=5))


def costs(db: Database, ids: tuple[int, ...], action: Callable[[int], object]) -> dict[int, list[str]]:
    """The statements ``action(id)`` runs, for each id."""
    statements, found = Statements(db), {}
    for rid in ids:
        with statements.counting() as sql:
            action(rid)
        found[rid] = list(sql)
    return found


def test_the_screen_costs_three_statements_whatever_the_referral_holds(db: Database, ctx: ServiceContext) -> None:
    bare, full = bare_and_full(ctx, "SCREEN")
    service = ReferralArea(ctx)
    spent = costs(db, (bare, full), service.screen)
    full_screen = service.screen(full)
    assert (len(full_screen.detail.children), len(full_screen.detail.agencies), len(full_screen.meetings)) == (4, 6, 3)
    assert full_screen.rapid_review is not None and len(full_screen.rapid_review.safety_actions) == 5
    assert {s.notes for s in full_screen.rapid_review.summaries} == {f"{HOSTILE}{i}" for i in range(5)}
    assert len(spent[bare]) == len(spent[full]) == SCREEN_STATEMENTS, spent


def test_details_and_rapid_reviews_of_many_referrals_cost_one_statement(db: Database, ctx: ServiceContext) -> None:
    one = rich_referral(ctx, "MANY-01", children=1, agencies=1, meetings=0, parts=1)
    ids = [one] + [rich_referral(ctx, f"MANY-{i:02d}", children=4, agencies=6, meetings=2, parts=3)
                   for i in range(2, 8)]
    statements = Statements(db)
    with ctx.read() as s:
        s.connection()  # BEGIN outside the count
        with statements.counting() as sql:
            details = referral_details(s, [one], today=TODAY)
        assert len(sql) == 1
        with statements.counting() as sql:
            details = referral_details(s, ids, today=TODAY)
            reviews = rapid_reviews(s, ids)
        assert len(sql) == 2, sql
    assert set(details) == set(reviews) == set(ids)
    service, workflow = ReferralService(ctx), WorkflowService(ctx)
    for rid in ids:
        old = service.get(rid)
        assert details[rid] == replace(old, agency_ids=tuple(sorted(old.agency_ids)))
        assert reviews[rid] == workflow.rapid_review(rid)


# -- what it shows ---------------------------------------------------------------------------------------

def test_the_screen_shows_what_the_per_part_reads_show_for_every_demo_referral(db: Database,
                                                                               ctx: ServiceContext) -> None:
    fill_demo_data(ctx, today=TODAY)
    rich_referral(ctx, "FULL-03", children=4, agencies=6, meetings=3, parts=4)
    with ctx.read() as s:
        ids = list(s.scalars(select(Referral.id).order_by(Referral.id)))
    assert len(ids) > 10
    service, workflow = ReferralArea(ctx), WorkflowService(ctx)
    for rid in ids:
        screen = service.screen(rid)
        assert screen == old_screen(ctx, rid), rid
        assert screen.editable_values() == service.editable(rid)
    with ctx.read() as s:  # all of them at once
        details, reviews = referral_details(s, ids, today=TODAY), rapid_reviews(s, ids)
    assert details == {rid: service.screen(rid).detail for rid in ids}
    assert reviews == {rid: rr for rid in ids if (rr := workflow.rapid_review(rid)) is not None}


def test_a_login_that_may_not_see_identities_gets_the_same_history_as_before(db: Database) -> None:
    ctx = ServiceContext(db, user="viewer", today=lambda: TODAY, access=Access(user="viewer", identity=False))
    rid = rich_referral(ctx, "NOID-01", children=2, agencies=1, meetings=1, parts=1)
    screen = ReferralArea(ctx).screen(rid)
    assert screen.history == tuple(referral_history(ctx, rid))
    assert screen == old_screen(ctx, rid)
    assert not any(h.what == "child identity" for h in screen.history)
    everyone = ReferralArea(ServiceContext(db, user="tester", today=lambda: TODAY)).screen(rid)
    identity_rows = [h for h in everyone.history if h.what == "child identity"]
    assert identity_rows and all(h.new_value in (None, "(restricted)") for h in identity_rows)


def test_an_unknown_referral_is_not_found(ctx: ServiceContext) -> None:
    from scpdesk.errors import NotFoundError

    with pytest.raises(NotFoundError):
        ReferralArea(ctx).screen(999_999)


# -- writes hand back the screen they leave --------------------------------------------------------------

def test_an_edit_from_the_window_returns_the_screen_it_leaves(db: Database, ctx: ServiceContext) -> None:
    rid = rich_referral(ctx, "EDIT-01", children=4, agencies=6, meetings=3, parts=3)
    services = Services(ctx)
    before = services.referrals.screen(rid)
    changes = services.referrals.update(rid, before.version, summary="Changed <summary> & more")
    fresh = changes.fresh_of(ReferralScreen)
    assert fresh is not None
    assert fresh == services.referrals.screen(rid)  # exactly what a read after the commit shows
    assert fresh.detail.summary == "Changed <summary> & more" and fresh.version == before.version + 1
    assert fresh.history[-1].field == "summary" and fresh.history[-1].new_value == "Changed <summary> & more"
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_a_workflow_step_from_the_window_returns_the_screen_it_leaves(db: Database, ctx: ServiceContext) -> None:
    rid = rich_referral(ctx, "STEP-01", children=1, agencies=2, meetings=0, parts=0)
    services = Services(ctx)
    before = services.referrals.screen(rid)
    assert {a.key for a in before.actions if a.enabled} == {"screen", "pause_clock"}
    changes = services.workflow.screen(rid, before.version, route=Route.LEARNING_REVIEW,
                                       screened_date=dt.date(2026, 10, 2), notes="QA&S")
    fresh = changes.fresh_of(ReferralScreen)
    assert fresh is not None and fresh == services.referrals.screen(rid)
    assert fresh.detail.route is Route.LEARNING_REVIEW
    assert {a.key for a in fresh.actions if a.enabled} == {"decide"}
    assert [h.field for h in fresh.history[-4:]] == ["route", "screened_date", "screening_notes", "status"]
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_writes_outside_the_window_do_not_read_the_screen(db: Database, ctx: ServiceContext) -> None:
    rid = rich_referral(ctx, "CLI-01", children=1, agencies=1, meetings=0, parts=0)
    version = ReferralArea(ctx).screen(rid).version
    statements = Statements(db)
    with statements.counting() as sql:
        changes = ReferralService(ctx).update(rid, version, summary="From the command line")
    assert changes.fresh == ()
    assert not any("json" in s.lower() for s in sql)


def test_a_write_with_its_screen_costs_a_few_statements_whatever_the_referral_holds(db: Database,
                                                                                   ctx: ServiceContext) -> None:
    bare, full = bare_and_full(ctx, "WRITE")
    services = Services(ctx)
    spent = costs(db, (bare, full), lambda rid: services.referrals.update(
        rid, services.referrals.screen(rid).version, summary=f"Edited {rid}"))
    # (the version read by the screen is not counted: 3 statements) BEGIN, the referral (locked), UPDATE, the
    # chain head (PostgreSQL) or last hash, the audit rows, the screen, COMMIT: 7.
    assert len(spent[bare]) - SCREEN_STATEMENTS == len(spent[full]) - SCREEN_STATEMENTS <= 7, spent
    spent = costs(db, (bare, full), lambda rid: services.workflow.pause_clock(
        rid, clock_key="rapid_review" if rid == full else "sin", reason="Waiting for the police",
        paused_date=dt.date(2026, 10, 10)))
    # As an edit, plus the open-pause check and the pause's INSERT; the rapid review's sign-offs (when there is
    # one) are loaded with the referral, one more statement, whatever the rest of the referral holds. A pause
    # moves the stored headline clock (services/referrals/next_due.py): its inputs are read (3 statements) and, when the
    # headline changed, stored (one UPDATE).
    signoffs = [s for s in spent[full] if s.startswith("SELECT partner_signoff")]

    def stored(rid: int) -> int:
        return sum(s.startswith("UPDATE referral SET next_due") for s in spent[rid])

    assert len(signoffs) == 1, spent
    assert len(spent[bare]) - stored(bare) == len(spent[full]) - stored(full) - 1 <= 12, spent


def test_intake_from_the_window_returns_the_new_referrals_screen(db: Database, ctx: ServiceContext) -> None:
    from scpdesk.services.referrals.referrals import ReferralInput

    services = Services(ctx)
    rid, changes = services.referrals.create(ReferralInput(reference="NEW-01", received_date=dt.date(2026, 11, 2),
                                                           child_pseudonym="Child Q"))
    fresh = changes.fresh_of(ReferralScreen)
    assert fresh is not None and fresh == services.referrals.screen(rid)
    assert fresh.detail.children[0].pseudonym == "Child Q"
    assert {h.field for h in fresh.history} >= {"reference", "received_date"}


def test_a_screen_that_cannot_be_built_never_costs_the_save(db: Database, ctx: ServiceContext,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    from scpdesk.services.referrals import referral_screen

    rid = rich_referral(ctx, "BUG-01", children=1, agencies=1, meetings=1, parts=1)
    services = Services(ctx)
    version = services.referrals.screen(rid).version

    def broken(row: object) -> object:
        raise TypeError("a bug while building the history")

    monkeypatch.setattr(referral_screen, "_history", broken)
    with caplog.at_level("ERROR"):
        changes = services.referrals.update(rid, version, summary="Saved anyway")
    assert changes == Changes.of("referral", rid) and changes.fresh == ()
    assert [r.exc_info is not None for r in caplog.records if "fresh screen" in r.getMessage()] == [True]
    assert "Saved anyway" not in caplog.text
    monkeypatch.undo()
    assert services.referrals.screen(rid).detail.summary == "Saved anyway"
    with db.engine.connect() as conn:
        assert verify_chain(conn).ok


#: Tester (issue 12): text the input checks let through that a JSON encoder or decoder may mangle: the JSON
#: line and paragraph separators, bidi controls, a byte-order mark, CR LF and tabs, astral emoji and a ZWJ
#: sequence, text that is itself JSON, a trailing backslash, combining marks and a long note.
STRANGE = ["a\u2028b\u2029c", "\u202eevil\u202c \u200fRTL\u200e", "\ufeffBOM", "line\r\nnext\ttab",
           "👩‍👧‍👦 family 🏳️‍🌈", '["not", {"json": null}]', "ends with \\", "e\u0301 n\u0303", "x" * 3000]


def test_hostile_text_comes_back_from_the_folds_exactly_as_saved(db: Database, ctx: ServiceContext) -> None:
    agency_ids = _agencies(ctx, len(STRANGE))
    with ctx.unit_of_work() as s:
        referral = Referral(reference="STRANGE-01", received_date=dt.date(2026, 10, 1),
                            la_aware_date=dt.date(2026, 9, 29), status=ReferralStatus.RAPID_REVIEW,
                            route=Route.RAPID_REVIEW, sin_sent_date=dt.date(2026, 10, 2), summary=STRANGE[0])
        referral.children = [ReferralChild(position=i + 1, pseudonym=f"Child {i} {text[:60]}",
                                           role=ChildRole.SUBJECT if i == 0 else ChildRole.SIBLING)
                             for i, text in enumerate(STRANGE[:4])]
        s.add(referral)
        s.flush()
        rr = RapidReview(referral_id=referral.id, started_date=dt.date(2026, 10, 3), strengths=STRANGE[1], themes=[])
        s.add(rr)
        s.flush()
        for i, text in enumerate(STRANGE):
            s.add(AgencySummary(rapid_review_id=rr.id, agency_id=agency_ids[i], requested_date=dt.date(2026, 10, 4),
                                due_date=dt.date(2026, 10, 10), notes=f"{i}:{text}"))
        s.add(ClockPause(referral_id=referral.id, clock_key="rapid_review", reason=STRANGE[4],
                         paused_date=dt.date(2026, 10, 5)))
        rid = referral.id
    screen = ReferralArea(ctx).screen(rid)
    assert [c.pseudonym for c in screen.detail.children] == [f"Child {i} {t[:60]}" for i, t in enumerate(STRANGE[:4])]
    assert screen.detail.summary == STRANGE[0]
    assert screen.rapid_review is not None
    assert sorted(s.notes for s in screen.rapid_review.summaries) == sorted(f"{i}:{t}" for i, t in enumerate(STRANGE))
    assert [c.paused_reason for c in screen.detail.clocks if c.paused_reason] == [STRANGE[4]]

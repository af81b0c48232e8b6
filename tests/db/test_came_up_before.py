"""This came up before (services/library/before.py), on SQLite and PostgreSQL, over a hand-built library: which
earlier reviews are listed, in which order, with which shared themes and why — a later review, one decided the
same day, one without any date and the record itself never; an empty learning text and hostile text answered
with what the themes alone find; two statements; a viewer's login reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from records import context, referral, referral_version, setup
from sqlalchemy import select
from sqlalchemy.engine import make_url
from statements import statements

from scpdesk.cli import EXIT_OK, main
from scpdesk.errors import NotFoundError
from scpdesk.models import Recommendation, Review, Theme
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import ReviewStatus, ReviewType
from scpdesk.models.search import alike_terms
from scpdesk.services import ServiceContext
from scpdesk.services.dto import RecordLink
from scpdesk.services.library.before import CameUpBefore, alike_needed, before_referral, before_review
from scpdesk.services.referrals.workflow import WorkflowService

SUBJECT_LEARNING = ("Bruising on a non-mobile baby was seen by the health visitor but not escalated; the escalation "
                    "policy for bruising was unclear to the health visitor.")
ALIKE = ("Bruising in a non-mobile baby must be escalated: the health visitor and the GP did not follow the bruising "
         "policy or the escalation route.")


def _themes(ctx: ServiceContext, *names: str) -> dict[str, int]:
    with ctx.unit_of_work() as s:
        found = {}
        for name in names:
            theme = s.scalars(select(Theme).where(Theme.name == name)).one_or_none()
            if theme is None:
                theme = Theme(name=name)
                s.add(theme)
                s.flush()
            found[name] = theme.id
        return found


def _review(ctx: ServiceContext, reference: str, *, themes: tuple[str, ...] = (), learning: str = "",
            decided: dt.date | None = None, published: dt.date | None = None,
            status: ReviewStatus = ReviewStatus.PUBLISHED, review_type: ReviewType = ReviewType.LCSPR,
            recommendations: tuple[str, ...] = (), referral_id: int | None = None) -> int:
    ids = _themes(ctx, *themes)
    with ctx.unit_of_work() as s:
        review = Review(reference=reference, title=f"Review {reference}", pseudonym=f"Child {reference[-2:]}",
                        review_type=review_type, status=status, decision_date=decided, published_date=published,
                        learning_points=learning, referral_id=referral_id,
                        themes=list(s.scalars(select(Theme).where(Theme.id.in_(ids.values())))))
        s.add(review)
        s.flush()
        for position, text in enumerate(recommendations, 1):
            s.add(Recommendation(review_id=review.id, position=position, text=text))
        return review.id


def _library(ctx: ServiceContext) -> dict[str, int]:
    """The subject (decided 10 Feb 2026: Neglect, Domestic abuse; learning about bruising and escalation) and the
    reviews around it."""
    day = dt.date
    return {
        "subject": _review(ctx, "CR-2026-01", themes=("Neglect", "Domestic abuse"), learning=SUBJECT_LEARNING,
                           decided=day(2026, 2, 10), status=ReviewStatus.IN_REVIEW,
                           recommendations=("Write a bruising protocol for non-mobile babies",)),
        # Two shared themes, learning about something else: first.
        "both": _review(ctx, "CR-2023-04", themes=("Domestic abuse", "Neglect"),
                        learning="Home conditions deteriorated over years.", decided=day(2023, 3, 1),
                        published=day(2024, 2, 1)),
        # One shared theme and learning that reads alike: before the one theme alone.
        "theme_alike": _review(ctx, "CR-2024-02", themes=("Neglect",), learning=ALIKE, decided=day(2024, 5, 1),
                               status=ReviewStatus.COMPLETED, review_type=ReviewType.PLR),
        # One shared theme; no decision date recorded, published in 2020: earlier by its publication.
        "theme_only": _review(ctx, "CR-2020-06", themes=("Domestic abuse", "Sexual abuse"),
                              learning="Coercive control was not recognised.", published=day(2020, 6, 1)),
        # No theme; its recommendation reads alike.
        "alike_only": _review(ctx, "CR-2022-07", learning="", decided=day(2022, 1, 10), status=ReviewStatus.DEFERRED,
                              recommendations=(ALIKE,)),
        # Never listed: no shared theme and one common word; a later review; the same day; no date at all.
        "one_word": _review(ctx, "CR-2021-01", themes=("Sexual abuse",), learning="The policy on online grooming.",
                            decided=day(2021, 1, 5)),
        "later": _review(ctx, "CR-2026-05", themes=("Neglect", "Domestic abuse"), learning=SUBJECT_LEARNING,
                         decided=day(2026, 3, 1), status=ReviewStatus.COMMISSIONED),
        "same_day": _review(ctx, "CR-2026-02", themes=("Neglect",), learning=ALIKE, decided=day(2026, 2, 10),
                            status=ReviewStatus.COMMISSIONED),
        "undated": _review(ctx, "CR-0000-00", themes=("Neglect",), learning=ALIKE, status=ReviewStatus.COMMISSIONED),
    }


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return context(db, "coordinator.a")  # today: 1 Apr 2026


def _listed(found: CameUpBefore) -> list[tuple[str, tuple[str, ...], bool]]:
    return [(r.reference, r.shared_themes, r.reads_alike) for r in found.reviews]


def test_the_earlier_reviews_sharing_themes_or_reading_alike_best_first(db: Database, ctx: ServiceContext) -> None:
    ids = _library(ctx)
    with statements(db) as spent:
        found = before_review(ctx, ids["subject"])
    assert len([s for s in spent if s not in ("BEGIN", "ROLLBACK/COMMIT")]) == 2, spent
    assert (found.kind, found.reference, found.before) == ("review", "CR-2026-01", dt.date(2026, 2, 10))
    assert found.themes == ("Domestic abuse", "Neglect")
    assert found.words == ("bruising", "mobile", "health", "visitor", "baby", "seen", "escalated", "escalation",
                           "policy", "unclear", "write", "protocol", "babies")
    assert _listed(found) == [
        ("CR-2023-04", ("Domestic abuse", "Neglect"), False),
        ("CR-2024-02", ("Neglect",), True),
        ("CR-2020-06", ("Domestic abuse",), False),
        ("CR-2022-07", (), True),
    ]
    both, alike, theme_only, rec_only = found.reviews
    assert both.why == "shares 2 themes: Domestic abuse, Neglect"
    assert alike.why.startswith("shares 1 theme: Neglect; learning reads alike (bruising, mobile, health, visitor")
    assert rec_only.why.startswith("learning reads alike (bruising")
    assert len(alike.shared_words) >= alike_needed(len(found.words)) and alike.score > 0 == theme_only.score
    assert (both.outcome, both.when, both.type_text) == ("Published 1 Feb 2024", "decided 1 Mar 2023", "LCSPR")
    assert (theme_only.when, alike.outcome, alike.type_text) == ("published 1 Jun 2020", "Completed", "PLR")
    assert (alike.title, alike.pseudonym, alike.link) == ("Review CR-2024-02", "Child 02",
                                                          RecordLink("library", ids["theme_alike"]))
    assert found.summary() == "3 earlier reviews share its themes and 1 more reads alike (decided before 10 Feb 2026)."
    assert found.pointer() == "3 earlier reviews share its themes and 1 more reads alike — see This came up before."
    assert found.sharing_themes == 3


def test_an_empty_learning_text_lists_by_themes_alone(ctx: ServiceContext) -> None:
    ids = _library(ctx)
    bare = _review(ctx, "CR-2026-09", themes=("Neglect",), decided=dt.date(2026, 3, 20),
                   status=ReviewStatus.COMMISSIONED)
    found = before_review(ctx, bare)
    assert found.words == ()
    # Every earlier review tagged Neglect (the later CR-2026-05 is earlier than 20 Mar too), newest first.
    assert _listed(found) == [("CR-2026-05", ("Neglect",), False), ("CR-2026-01", ("Neglect",), False),
                              ("CR-2026-02", ("Neglect",), False), ("CR-2024-02", ("Neglect",), False),
                              ("CR-2023-04", ("Neglect",), False)]
    assert ids["undated"] not in {r.review_id for r in found.reviews}
    nothing = _review(ctx, "CR-2026-10", decided=dt.date(2026, 3, 21), status=ReviewStatus.COMMISSIONED)
    empty = before_review(ctx, nothing)
    assert empty.reviews == () and empty.summary().startswith("No themes or learning recorded yet")


@pytest.mark.parametrize("hostile", ['"a" OR 1=1', "*", "NEAR(", "') ; DROP TABLE review; --", "'\\\"*:&|!()"])
def test_hostile_learning_text_is_only_words(ctx: ServiceContext, hostile: str) -> None:
    ids = _library(ctx)
    odd = _review(ctx, "CR-2026-11", themes=("Domestic abuse",), learning=hostile, decided=dt.date(2026, 1, 1),
                  status=ReviewStatus.COMMISSIONED, recommendations=(hostile,))
    found = before_review(ctx, odd)
    assert all(w.isalnum() for w in found.words)
    assert _listed(found) == [("CR-2023-04", ("Domestic abuse",), False), ("CR-2020-06", ("Domestic abuse",), False)]
    with ctx.read() as s:
        assert s.scalar(select(Review.id).where(Review.id == ids["subject"])) == ids["subject"]


def test_hostile_words_around_real_ones_still_read_alike(ctx: ServiceContext) -> None:
    _library(ctx)
    odd = _review(ctx, "CR-2026-12", decided=dt.date(2026, 1, 2), status=ReviewStatus.COMMISSIONED,
                  learning='bruising" OR "x NEAR( escalated* health -visitor: policy')
    found = before_review(ctx, odd)
    assert found.words == ("bruising", "escalated", "health", "visitor", "policy")
    assert [r.reference for r in found.reviews] == ["CR-2024-02", "CR-2022-07"]


def test_a_referrals_rapid_review_finds_the_earlier_reviews_but_not_its_own(db: Database,
                                                                           ctx: ServiceContext) -> None:
    """Not decided yet: earlier is before today (1 Apr 2026), so the reviews decided this year count too; the
    review the case's own decision created never does."""
    ids = _library(ctx)
    themes = _themes(ctx, "Neglect")
    rid = referral(ctx, setup(ctx), "rapid_review", "NSCP-2026-300")
    _review(ctx, "CR-2026-13", themes=("Neglect",), learning=ALIKE, decided=dt.date(2026, 3, 2), referral_id=rid,
            status=ReviewStatus.COMMISSIONED)
    empty = before_referral(ctx, rid)
    assert (empty.kind, empty.reference, empty.reviews) == ("referral", "NSCP-2026-300", ())
    WorkflowService(ctx).record_learning(rid, referral_version(ctx, rid), strengths="",
                                         emerging_learning=SUBJECT_LEARNING, theme_ids=[themes["Neglect"]])
    with statements(db) as spent:
        found = before_referral(ctx, rid)
    assert len([s for s in spent if s not in ("BEGIN", "ROLLBACK/COMMIT")]) == 2, spent
    assert found.before == dt.date(2026, 4, 1) and found.themes == ("Neglect",)
    listed = _listed(found)
    # The two with the very same learning first (bm25 and ts_rank weigh the second's recommendation differently),
    # then the same theme with alike learning (equal matches: the newest first), the theme alone, the text alone.
    assert sorted(listed[:2]) == [("CR-2026-01", ("Neglect",), True), ("CR-2026-05", ("Neglect",), True)]
    assert listed[2:] == [("CR-2026-02", ("Neglect",), True), ("CR-2024-02", ("Neglect",), True),
                          ("CR-2023-04", ("Neglect",), False), ("CR-2022-07", (), True)]
    assert ids["undated"] not in {r.review_id for r in found.reviews}
    with pytest.raises(NotFoundError):
        before_referral(ctx, rid + 1000)
    with pytest.raises(NotFoundError):
        before_review(ctx, ids["subject"] + 1000)


def test_the_significant_words() -> None:
    assert alike_terms("The child's Neglect, neglect and NEGLECT; bruising 2024 a an of") == ["neglect", "bruising"]
    assert alike_terms("") == [] and alike_terms("* NEAR( OR 1=1") == []
    assert [alike_needed(n) for n in (0, 1, 2, 5, 8, 9, 16)] == [0, 1, 2, 2, 2, 3, 4]


@pytest.fixture
def viewer_url(pg_db: Database, pg_server: object) -> Iterator[str]:
    login = "t_before_viewer"
    with psycopg.connect(pg_server.admin_dsn, autocommit=True) as conn:  # type: ignore[attr-defined]
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    assert main(["--database", pg_db.url, "db", "grant", login, "scpdesk_viewer"]) == EXIT_OK
    yield make_url(pg_db.url).set(username=login).render_as_string(hide_password=False)


@pytest.mark.postgres
def test_a_viewers_login_reads_it(pg_db: Database, viewer_url: str) -> None:
    ctx = context(pg_db, "coordinator.a")
    ids = _library(ctx)
    rid = referral(ctx, setup(ctx), "rapid_review", "NSCP-2026-301")
    neglect = _themes(ctx, "Neglect")["Neglect"]
    WorkflowService(ctx).record_learning(rid, referral_version(ctx, rid), strengths="",
                                         emerging_learning=SUBJECT_LEARNING, theme_ids=[neglect])
    expected = _listed(before_review(ctx, ids["subject"])), _listed(before_referral(ctx, rid))
    viewer_db = open_database(viewer_url)
    try:
        viewer = context(viewer_db, "t_before_viewer")
        found = _listed(before_review(viewer, ids["subject"])), _listed(before_referral(viewer, rid))
    finally:
        viewer_db.dispose()
    assert found == expected and len(expected[0]) == 4 and len(expected[1]) == 6

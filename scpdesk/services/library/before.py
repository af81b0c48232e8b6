"""This came up before: the earlier reviews that share a case's themes or whose learning reads alike — the
evidence for the LCSPR criterion "highlights recurrent themes" (domain.md §4).

**The subject** is a review in the Library (its themes; its learning points and recommendations) or a referral's
rapid review (its themes; its emerging learning and the decision's rationale).

**Earlier** means decided before the subject's day: a review's day is its decision date, or its publication date
when no decision date is recorded (a review with neither is never "earlier": nobody can say when it was). The
subject's day is its own decision date (for a review without one, its publication date); while a case is not
decided yet, today — everything decided before today came up before it. Strictly before: a review decided the same
day is not earlier. The record itself is never listed, nor, for a referral, the review its own decision created.

**Listed** are the earlier reviews that share at least one of the subject's themes, or whose indexed text (title,
summary, learning points, recommendations: ``scpdesk.models.search``) **reads alike**: it has at least
:func:`alike_needed` of the subject's significant words (a quarter of them, and at least two; all of them when the
subject has fewer than two). Ranked by the number of shared themes, then by the full-text match (bm25 / ts_rank
over the significant words), then the newest first; the first :data:`TOP`. Each says why it is listed.

**Cost**: two statements — the subject (its themes and text), then the ranked earlier reviews with their shared
themes and the words they share (the index is asked once for any word and once per word, inside that one
statement); only the first when the subject has neither a theme nor a significant word. On a server each runs
outside a transaction block (``read_one``). Reads only pseudonyms: never a child's real identity.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from sqlalchemy import Float, Integer, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ...errors import NotFoundError
from ...models import RapidReview, Recommendation, Referral, Review, Theme
from ...models.enums import ReviewStatus, ReviewType, label
from ...models.referrals import rapid_review_theme
from ...models.reviews import review_theme
from ...models.search import alike_hits, alike_terms
from ..dto import RecordLink
from ..folds import Cells, Fold, fold, present
from ..uow import ServiceContext

__all__ = ["TOP", "CameUpBefore", "EarlierReview", "alike_needed", "before_referral", "before_review"]

#: How many earlier reviews are listed.
TOP = 8


@dataclass(frozen=True)
class EarlierReview:
    """One earlier review, and why it is listed."""

    review_id: int
    reference: str
    title: str
    pseudonym: str
    review_type: ReviewType
    status: ReviewStatus
    decision_date: dt.date | None
    published_date: dt.date | None
    #: The subject's themes this review has too, in the subject's order.
    shared_themes: tuple[str, ...]
    #: The subject's significant words its text has (empty: its learning does not read alike).
    shared_words: tuple[str, ...]
    reads_alike: bool
    #: The full-text match (higher: reads more alike; 0 when found by its themes alone).
    score: float

    @property
    def type_text(self) -> str:
        return label(self.review_type)

    @property
    def day(self) -> dt.date | None:
        """The day that makes it earlier: decided, else published."""
        return self.decision_date or self.published_date

    @property
    def outcome(self) -> str:
        """Where it stands, in words: "Published 3 Mar 2025", "In review (decided 10 Jan 2024)"."""
        if self.published_date is not None:
            return f"{label(self.status)} — published {_d(self.published_date)}" \
                if self.status is not ReviewStatus.PUBLISHED else f"Published {_d(self.published_date)}"
        return label(self.status)

    @property
    def when(self) -> str:
        return f"decided {_d(self.decision_date)}" if self.decision_date else f"published {_d(self.published_date)}"

    @property
    def why(self) -> str:
        """Why it is listed: "shares 2 themes: Neglect, Domestic abuse; learning reads alike (bruising, ...)"."""
        parts = []
        if self.shared_themes:
            count = len(self.shared_themes)
            parts.append(f"shares {count} theme{'' if count == 1 else 's'}: {', '.join(self.shared_themes)}")
        if self.reads_alike:
            parts.append(f"learning reads alike ({', '.join(self.shared_words)})")
        return "; ".join(parts)

    @property
    def link(self) -> RecordLink:
        return RecordLink("library", self.review_id)


@dataclass(frozen=True)
class CameUpBefore:
    """The earlier reviews of one case (a review, or a referral's rapid review), best first."""

    #: "review" or "referral", and its id and reference.
    kind: str
    record_id: int
    reference: str
    #: Earlier: decided (or published) strictly before this day.
    before: dt.date
    #: The subject's themes, and the significant words of its learning the index was asked for.
    themes: tuple[str, ...]
    words: tuple[str, ...]
    reviews: tuple[EarlierReview, ...] = field(default=())

    @property
    def sharing_themes(self) -> int:
        return sum(1 for r in self.reviews if r.shared_themes)

    def _counted(self) -> str:
        """"3 earlier reviews share its themes and 1 more reads alike" (listed for its learning alone)."""
        sharing = self.sharing_themes
        alike = len(self.reviews) - sharing
        if not sharing:
            return f"{alike} earlier review{' reads' if alike == 1 else 's read'} alike"
        said = f"{sharing} earlier review{' shares' if sharing == 1 else 's share'} its themes"
        return said + (f" and {alike} more read{'s' if alike == 1 else ''} alike" if alike else "")

    def summary(self) -> str:
        """How many, and why, in one line (the list's heading)."""
        if not self.themes and not self.words:
            return "No themes or learning recorded yet: nothing to compare with earlier reviews."
        if not self.reviews:
            return f"No earlier review (decided before {_d(self.before)}) shares its themes or reads alike."
        more = ", the first 8 listed" if len(self.reviews) >= TOP else ""
        return f"{self._counted()} (decided before {_d(self.before)}{more})."

    def pointer(self) -> str:
        """The line beside the "recurrent themes" criterion, pointing to the list."""
        return f"{self._counted()} — see This came up before." if self.reviews else self.summary()


def _d(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else "—"


def alike_needed(words: int) -> int:
    """How many of the subject's significant words an earlier review's text needs to read alike."""
    return words if words < 2 else max(2, math.ceil(words / 4))


# -- the subject -------------------------------------------------------------------------------------------

_REVIEW_THEMES = fold("themes", [Theme.id, Theme.name],
                      lambda q: q.select_from(review_theme).join(Theme, Theme.id == review_theme.c.theme_id)
                      .where(review_theme.c.review_id == Review.id).correlate(Review))
_REVIEW_TEXTS = fold("recommendations", [Recommendation.position, Recommendation.id, Recommendation.text],
                     lambda q: q.where(Recommendation.review_id == Review.id).correlate(Review))
_RAPID_THEMES = fold("themes", [Theme.id, Theme.name],
                     lambda q: q.select_from(rapid_review_theme)
                     .join(Theme, Theme.id == rapid_review_theme.c.theme_id)
                     .where(rapid_review_theme.c.rapid_review_id == RapidReview.id).correlate(RapidReview))


@dataclass(frozen=True)
class _Subject:
    kind: str
    record_id: int
    reference: str
    before: dt.date
    themes: tuple[tuple[int, str], ...]
    text: str
    #: Reviews never listed: the review itself, or the review a referral's decision created.
    review_id: int | None = None
    referral_id: int | None = None


def _themes(row: Cells, f: Fold) -> tuple[tuple[int, str], ...]:
    return tuple(sorted(((t.number(0), t.text(1)) for t in row.rows(f)), key=lambda t: t[1].casefold()))


def _review_subject(s: Session, review_id: int, today: dt.date) -> _Subject:
    found = s.execute(select(Review.id, Review.reference, Review.decision_date, Review.published_date,
                             Review.learning_points, _REVIEW_THEMES.column, _REVIEW_TEXTS.column)
                      .where(Review.id == review_id)).mappings().one_or_none()
    if found is None:
        raise NotFoundError("review", review_id)
    row = Cells(found)
    texts = [r.text(2) for r in sorted(row.rows(_REVIEW_TEXTS), key=lambda r: (r.number(0), r.number(1)))]
    return _Subject("review", review_id, row.text("reference"),
                    row.maybe_day("decision_date") or row.maybe_day("published_date") or today,
                    _themes(row, _REVIEW_THEMES), "\n".join([row.text("learning_points"), *texts]),
                    review_id=review_id)


def _referral_subject(s: Session, referral_id: int, today: dt.date) -> _Subject:
    found = s.execute(select(Referral.id, Referral.reference, Referral.decision_date, Referral.decision_rationale,
                             RapidReview.emerging_learning, _RAPID_THEMES.column)
                      .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
                      .where(Referral.id == referral_id)).mappings().one_or_none()
    if found is None:
        raise NotFoundError("referral", referral_id)
    row = Cells(found)
    return _Subject("referral", referral_id, row.text("reference"), row.maybe_day("decision_date") or today,
                    _themes(row, _RAPID_THEMES),
                    "\n".join([row.maybe_text("emerging_learning") or "", row.text("decision_rationale")]),
                    referral_id=referral_id)


# -- the earlier reviews -----------------------------------------------------------------------------------

def _earlier(s: Session, subject: _Subject) -> CameUpBefore:
    theme_ids = [tid for tid, _ in subject.themes]
    words = alike_terms(subject.text)
    shown = CameUpBefore(subject.kind, subject.record_id, subject.reference, subject.before,
                         tuple(name for _, name in subject.themes), tuple(words))
    if not theme_ids and not words:
        return shown
    review = Review.__table__
    hits = alike_hits(s.get_bind().dialect.name, words)
    # The candidates: a review with any of the words (its match as the score) or any of the themes (0). Always a
    # union, so SQLite never flattens the index's query into the grouping (MATCH and bm25 cannot run there).
    themed = review_theme.c.theme_id.in_(theme_ids or [-1])
    sources = [select(review_theme.c.review_id, literal(0.0, Float).label("score")).where(themed)]
    has_word = []
    if hits is not None:
        any_word, each = hits
        sources.append(select(any_word.c.review_id, any_word.c.score))
        has_word = [case((review.c.id.in_(select(word.c.review_id)), 1), else_=0) for word in each]
    found = union_all(*sources).subquery("before_found")
    best = (select(found.c.review_id, func.max(found.c.score).label("score"))
            .group_by(found.c.review_id).subquery("before_best"))
    shared = fold("shared", [review_theme.c.theme_id],
                  lambda q: q.where(review_theme.c.review_id == review.c.id, themed).correlate(review))
    day = func.coalesce(review.c.decision_date, review.c.published_date)
    sharing = (select(func.count()).select_from(review_theme).where(review_theme.c.review_id == review.c.id, themed)
               .correlate(review).scalar_subquery())
    inner = (select(review.c.id, review.c.reference, review.c.title, review.c.pseudonym, review.c.review_type,
                    review.c.status, review.c.decision_date, review.c.published_date, day.label("day"),
                    best.c.score, shared.column, sharing.label("sharing"),
                    *(flag.label(f"w{i}") for i, flag in enumerate(has_word)))
             .join(best, best.c.review_id == review.c.id)
             .where(day < subject.before))
    if subject.review_id is not None:
        inner = inner.where(review.c.id != subject.review_id)
    if subject.referral_id is not None:
        inner = inner.where(or_(review.c.referral_id.is_(None), review.c.referral_id != subject.referral_id))
    rows = inner.subquery("before_rows")
    matched: ColumnElement[int] = literal(0, Integer)
    for i in range(len(has_word)):
        matched = matched + rows.c[f"w{i}"]
    stmt = (select(rows)
            .where(or_(rows.c.sharing > 0, matched >= alike_needed(len(words))) if words else rows.c.sharing > 0)
            .order_by(rows.c.sharing.desc(), rows.c.score.desc(), rows.c.day.desc(), rows.c.id)
            .limit(TOP))
    names = dict(subject.themes)
    order = {tid: i for i, (tid, _) in enumerate(subject.themes)}
    need = alike_needed(len(words))
    listed = []
    for found_row in s.execute(stmt).mappings():
        row = Cells(found_row)
        shared_ids = sorted((t.number(0) for t in row.rows(shared)), key=lambda tid: order[tid])
        have = tuple(w for i, w in enumerate(words) if row.number(f"w{i}"))
        alike = bool(words) and len(have) >= need
        listed.append(EarlierReview(
            review_id=row.number("id"), reference=row.text("reference"), title=row.text("title"),
            pseudonym=row.text("pseudonym"), review_type=present("review_type", row.member("review_type", ReviewType)),
            status=present("status", row.member("status", ReviewStatus)),
            decision_date=row.maybe_day("decision_date"), published_date=row.maybe_day("published_date"),
            shared_themes=tuple(names[tid] for tid in shared_ids), shared_words=have if alike else (),
            reads_alike=alike, score=float(found_row["score"] or 0.0)))
    return CameUpBefore(shown.kind, shown.record_id, shown.reference, shown.before, shown.themes, shown.words,
                        tuple(listed))


def before_review(ctx: ServiceContext, review_id: int) -> CameUpBefore:
    """The earlier reviews that share review ``review_id``'s themes or whose learning reads alike (two
    statements; see the module's docstring)."""
    with ctx.read_one() as s:
        return _earlier(s, _review_subject(s, review_id, ctx.today()))


def before_referral(ctx: ServiceContext, referral_id: int) -> CameUpBefore:
    """The same for a referral's rapid review (its themes, emerging learning and decision rationale)."""
    with ctx.read_one() as s:
        return _earlier(s, _referral_subject(s, referral_id, ctx.today()))

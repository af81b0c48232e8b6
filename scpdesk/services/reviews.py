"""Review library use cases: the list with publication window state."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from ..models import Review, Theme
from ..models.enums import ReviewStatus, label
from ..models.reviews import review_theme
from .clocks import Clock, ClockState, next_open_clock, rag, review_clocks
from .dto import ReviewRow
from .settings import load_closures, load_settings
from .uow import ServiceContext


def library_state(status: ReviewStatus, window: Clock | None, deferral_reason: str = "") -> str:
    """Published (online until…), Archived — available on request, Deferred, or In progress."""
    if window is not None and window.state is ClockState.ENDED:
        return "Archived — available on request"
    if window is not None and window.due_date is not None and window.state in (ClockState.RUNNING,
                                                                                 ClockState.DUE_SOON):
        soon = " (leaves the website soon)" if window.state is ClockState.DUE_SOON else ""
        return f"Published — online until {window.due_date:%d %b %Y}{soon}"
    if status is ReviewStatus.DEFERRED:
        return f"Publication deferred ({deferral_reason.strip()})" if deferral_reason.strip() \
            else "Publication deferred"
    if status in (ReviewStatus.COMPLETED, ReviewStatus.IMPROVEMENTS_ONLY):
        return "Completed"
    return "In progress"


class ReviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list_rows(self) -> list[ReviewRow]:
        today = self.ctx.today()
        with self.ctx.read() as s:
            settings = load_settings(s)
            closures = load_closures(s)
            themes: dict[int, list[str]] = defaultdict(list)
            for rid, name in s.execute(select(review_theme.c.review_id, Theme.name)
                                       .join(Theme, Theme.id == review_theme.c.theme_id).order_by(Theme.name)):
                themes[rid].append(name)
            rows = s.execute(select(
                Review.id, Review.reference, Review.title, Review.review_type, Review.status, Review.decision_date,
                Review.planned_publication_date, Review.final_report_sent_date, Review.published_date,
                Review.deferral_reason, Review.deferral_review_date, Review.deferral_expected_end)
                .order_by(Review.published_date.desc().nulls_first(), Review.id.desc())).all()
        result = []
        for (rid, ref, title, rtype, status, decision, planned, sent, published, d_reason, d_review, d_end) in rows:
            clocks = review_clocks(review_type=rtype, status=status, decision=decision, planned_publication=planned,
                                   final_report_sent=sent, published=published, deferral_reason=d_reason,
                                   deferral_review_date=d_review, deferral_expected_end=d_end, today=today,
                                   settings=settings, closures=closures)
            window = next((c for c in clocks if c.key == "published_window"), None)
            nxt = next_open_clock(clocks)
            result.append(ReviewRow(
                id=rid, reference=ref, title=title, review_type=label(rtype), status=label(status),
                published_date=published, window_end=window.due_date if window else None,
                library_state=library_state(status, window, d_reason), themes=", ".join(themes.get(rid, ())),
                next_clock=nxt.label if nxt else "", next_due=nxt.due_date if nxt else None,
                state=nxt.display_state if nxt else "", rag=rag(nxt)))
        return result

"""The Review Library list, themes and archive requests.

**The list stays fast at 100,000 reviews**: :func:`library_ids` runs one SQL query that filters (view, theme,
full-text search) and sorts, and returns only ids; the lazy table model then asks :func:`library_rows` for the
rows it shows (one batch query per page, rows in the order of the ids, with clocks and window state exactly as
``ReviewService.list_rows`` computes them: ``reviews.review_page`` reads a page in one statement, and both
build each row with ``reviews._row``).

**Views** (rule 13; the window is the organisation setting ``published_window_months``, default 12, and its end
is publication + that many months, clamped to the month's last day — rule 4):

* *Published*: published (a publication date is recorded) and today is before the window end;
* *Archived* ("available on request"): published and today is on or after the window end;
* *In progress*: not published, and neither completed nor closed with its improvements only (commissioned, in
  review, draft, final agreed, sent to Panel, deferred);
* *All*: every review — including one completed without a publication (a PLR), which is in no other view.

The window end grows with the publication date, so "window ended by today" is "published on or before
:func:`archived_through`" — an indexed date comparison, the same on SQLite and PostgreSQL.

**Themes** are an editable list: names unique ignoring case; merging moves every link of the merged theme
(reviews and rapid reviews) to the kept one, then retires the merged theme (never deleted); a retired theme
stays on the records that have it but is not offered for new ones.

**Archive requests**: a request for an archived review is logged (requester, organisation, received date)
and marked sent when answered; :func:`open_archive_requests` lists what is still unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, exists, func, insert, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ...errors import ConflictError, NotFoundError, UserError
from ...models import ArchiveRequest, Review, Theme
from ...models.audit import record
from ...models.base import utcnow
from ...models.enums import AuditAction, ReviewStatus
from ...models.referrals import rapid_review_theme
from ...models.reviews import review_theme
from ...models.search import session_hits
from ...models.timeframes import add_months
from ..dto import Changes, ReviewRow
from ..settings import load_settings
from ..uow import ServiceContext
from .reviews import ArchiveRequestDTO, archive_request_dto, review_page, theme_names

__all__ = ["SORT_KEYS", "LibraryListing", "LibraryQuery", "LibraryView", "ThemeInfo", "add_theme",
           "archive_requests", "archived_through", "library_ids", "library_listing", "library_rows",
           "log_archive_request", "mark_archive_request_sent", "merge_themes", "open_archive_requests", "rename_theme",
           "retire_theme", "set_review_themes", "theme_counts", "themes", "themes_by_review", "window_end"]


class LibraryView(StrEnum):
    PUBLISHED = "published"
    ARCHIVED = "archived"
    IN_PROGRESS = "in-progress"
    ALL = "all"


#: Sort keys of :class:`LibraryQuery` (the library table's sortable columns).
SORT_KEYS = ("reference", "title", "type", "status", "published", "window_end")

#: "In progress" leaves these out (with a publication date they are in Published or Archived).
_FINISHED = (ReviewStatus.COMPLETED, ReviewStatus.IMPROVEMENTS_ONLY)
_FLOW_ORDER = {status: index for index, status in enumerate(ReviewStatus)}


@dataclass(frozen=True)
class LibraryQuery:
    """What the library list shows. ``sort`` None: best match first when searching, else newest publication
    first with unpublished reviews on top. ``text``: words to find (see scpdesk.models.search); text with no
    word (only punctuation or symbols) does not filter."""

    view: LibraryView | str = LibraryView.ALL
    theme_id: int | None = None
    text: str = ""
    sort: str | None = None
    descending: bool = False


def window_end(published: dt.date, months: int) -> dt.date:
    """The end of the published window: publication + ``months`` (rule 4 clamping); archived from that day."""
    return add_months(published, months)


def archived_through(today: dt.date, months: int) -> dt.date:
    """The latest publication date whose window has ended by ``today`` (window end ≤ today). The window end
    never decreases as the publication date grows, so a review is archived exactly when it was published on
    or before this date."""
    day = dt.timedelta(days=1)
    found = add_months(today, -months)
    while window_end(found + day, months) <= today:
        found += day
    while window_end(found, months) > today:
        found -= day
    return found


def _view(value: LibraryView | str) -> LibraryView:
    try:
        return LibraryView(value)
    except ValueError:
        raise UserError("view", "choose published, archived, in-progress or all") from None


def _view_filter(view: LibraryView, through: dt.date) -> Any:
    if view is LibraryView.PUBLISHED:
        return Review.published_date > through
    if view is LibraryView.ARCHIVED:
        return Review.published_date <= through
    if view is LibraryView.IN_PROGRESS:
        return and_(Review.published_date.is_(None), Review.status.not_in(_FINISHED))
    return None


def _order(sort: str, descending: bool) -> list[Any]:
    if sort == "reference":
        key: Any = Review.reference
    elif sort == "title":
        key = func.lower(Review.title)
    elif sort == "type":
        key = Review.review_type  # stored values sort as their labels do
    elif sort == "status":
        key = case(*((Review.status == status, index) for status, index in _FLOW_ORDER.items()), else_=99)
    else:  # published, window_end: the window end follows the publication date
        key = Review.published_date
    direction = key.desc() if descending else key.asc()
    if sort in ("published", "window_end"):
        direction = direction.nulls_last()
    return [direction, Review.id.desc() if descending else Review.id.asc()]


def _today_through(ctx: ServiceContext, s: Session) -> dt.date:
    return archived_through(ctx.today(), load_settings(s).published_window_months)


def _check_sort(query: LibraryQuery) -> None:
    if query.sort is not None and query.sort not in SORT_KEYS:
        raise UserError("sort", f"sort by one of {', '.join(SORT_KEYS)}")


def _ids_query(query: LibraryQuery, view: LibraryView, through: dt.date, hits: Any) -> tuple[Any, list[Any]]:
    """The statement selecting the ids ``query`` shows (one column, ``id``, not yet ordered) and its order."""
    if hits is not None and view is LibraryView.ALL and query.theme_id is None and query.sort is None:
        # Only the ranking matters: the index alone answers (every indexed id is a review), which spares
        # a lookup of every matching review — a third of the library for a common word.
        return select(hits.c.review_id.label("id")), [hits.c.score.desc(), hits.c.review_id]
    stmt = select(Review.id.label("id"))
    if hits is not None:
        stmt = stmt.join(hits, hits.c.review_id == Review.id)
    condition = _view_filter(view, through)
    if condition is not None:
        stmt = stmt.where(condition)
    if query.theme_id is not None:
        stmt = stmt.where(exists().where(review_theme.c.review_id == Review.id,
                                         review_theme.c.theme_id == query.theme_id))
    if query.sort is not None:
        return stmt, _order(query.sort, query.descending)
    if hits is not None:
        return stmt, [hits.c.score.desc(), Review.id]
    return stmt, [Review.published_date.desc().nulls_first(), Review.id.desc()]


def _counts_query(view: LibraryView, through: dt.date, hits: Any) -> Any:
    """``(theme id, name, number of reviews in the view)`` rows: every current theme, retired ones in use."""
    joined = [Review.id == review_theme.c.review_id]
    condition = _view_filter(view, through)
    if condition is not None:
        joined.append(condition)
    if hits is not None:
        joined.append(Review.id.in_(select(hits.c.review_id)))
    count = func.count(Review.id)
    return (select(Theme.id, Theme.name, count.label("n"))
            .select_from(Theme)
            .outerjoin(review_theme, review_theme.c.theme_id == Theme.id)
            .outerjoin(Review, and_(*joined))
            .group_by(Theme.id, Theme.name, Theme.retired_on)
            .having((Theme.retired_on.is_(None)) | (count > 0)))


def _by_name(rows: Sequence[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    return sorted(rows, key=lambda r: (r[1].casefold(), r[0]))


def library_ids(ctx: ServiceContext, query: LibraryQuery, *, limit: int | None = None) -> list[int]:
    """The ids of the reviews ``query`` selects, in display order: one SQL query that filters and sorts.
    ``limit``: only the first ones (the page a search shows first, while the full list follows)."""
    view = _view(query.view)
    _check_sort(query)
    with ctx.read() as s:
        through = _today_through(ctx, s)
        hits = session_hits(s, query.text) if query.text.strip() else None
        stmt, order = _ids_query(query, view, through, hits)
        stmt = stmt.order_by(*order)
        return list(s.scalars(stmt.limit(limit) if limit is not None else stmt))


@dataclass(frozen=True)
class LibraryListing:
    """What the Library tab shows for a query: the ids in display order, the theme filter's counts (by name)
    and how many reviews the library holds in every view."""

    ids: list[int]
    counts: list[tuple[int, str, int]]
    total: int


def library_listing(ctx: ServiceContext, query: LibraryQuery) -> LibraryListing:
    """:func:`library_ids`, :func:`theme_counts` and the library's size in ONE statement (one snapshot, one
    round trip on a server; a search adds the small read of the theme names it matches). The view's archive
    boundary comes from the settings in the process's clock-context cache, confirmed by their version in the
    same statement (read afresh and the statement run again only when they changed)."""
    from sqlalchemy import Integer, String, cast, null, union_all

    from .. import clock_context

    view = _view(query.view)
    _check_sort(query)
    with ctx.read_one() as s:
        hits = session_hits(s, query.text) if query.text.strip() else None
        context = clock_context.latest(s)
        for _attempt in range(3):  # again only if the settings changed meanwhile
            through = archived_through(ctx.today(), context.settings.published_window_months)
            ids, order = _ids_query(query, view, through, hits)
            ids = ids.add_columns(func.row_number().over(order_by=order).label("pos")).subquery()
            counts = _counts_query(view, through, hits).subquery()
            no_text, no_number = cast(null(), String), cast(null(), Integer)
            stmt = union_all(
                select(literal(0).label("part"), ids.c.pos, ids.c.id, no_text.label("name"), no_number.label("n")),
                select(literal(1), literal(0), counts.c.id, counts.c.name, counts.c.n),
                select(literal(2), literal(0), no_number, no_text, select(func.count(Review.id)).scalar_subquery()),
                select(literal(3), literal(0), no_number, clock_context.version_column(), no_number),
            ).order_by("part", "pos")
            found: dict[int, list[Any]] = {0: [], 1: [], 2: [], 3: []}
            for row in s.execute(stmt):
                found[row.part].append(row)
            confirmed = clock_context.confirm(s, found[3][0].name, context)
            if confirmed is context:
                break
            context = confirmed
    return LibraryListing(ids=[row.id for row in found[0]],
                          counts=_by_name([(row.id, row.name, int(row.n)) for row in found[1]]),
                          total=int(found[2][0].n))


def library_rows(ctx: ServiceContext, ids: Sequence[int]) -> list[ReviewRow]:
    """The rows of ``ids`` (a page the table shows), in the same order: ONE statement (``review_page``), no
    transaction block (one round trip on a server)."""
    today = ctx.today()
    with ctx.read_one() as s:
        return review_page(s, ids, today=today)


def themes_by_review(ctx: ServiceContext, ids: Sequence[int]) -> dict[int, list[str]]:
    """Review id → its theme names (a list: names may hold commas)."""
    with ctx.read() as s:
        return dict(theme_names(s, list(ids)))


def theme_counts(ctx: ServiceContext, view: LibraryView | str = LibraryView.ALL, *,
                 text: str = "") -> list[tuple[int, str, int]]:
    """``(theme id, name, number of reviews in the view)`` for the theme filter, by name: every current theme
    (also with 0), and retired ones still on a review in the view. ``text`` counts only matching reviews."""
    view = _view(view)
    with ctx.read() as s:
        through = _today_through(ctx, s)
        hits = session_hits(s, text) if text.strip() else None
        rows = [(tid, name, int(n)) for tid, name, n in s.execute(_counts_query(view, through, hits))]
    return _by_name(rows)


# -- Themes ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ThemeInfo:
    id: int
    version: int
    name: str
    retired_on: dt.date | None
    reviews: int
    rapid_reviews: int

    @property
    def retired(self) -> bool:
        return self.retired_on is not None


def themes(ctx: ServiceContext, *, include_retired: bool = True) -> list[ThemeInfo]:
    """The theme list with how many reviews and rapid reviews use each, by name."""
    with ctx.read() as s:
        used: dict[int, int] = dict(s.execute(select(review_theme.c.theme_id, func.count())
                                              .group_by(review_theme.c.theme_id)).all())
        rapid: dict[int, int] = dict(s.execute(select(rapid_review_theme.c.theme_id, func.count())
                               .group_by(rapid_review_theme.c.theme_id)).all())
        stmt = select(Theme)
        if not include_retired:
            stmt = stmt.where(Theme.retired_on.is_(None))
        found = [ThemeInfo(t.id, t.version, t.name, t.retired_on, used.get(t.id, 0), rapid.get(t.id, 0))
                 for t in s.scalars(stmt)]
    return sorted(found, key=lambda t: (t.name.casefold(), t.id))


def _theme_name(name: str) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise UserError("name", "enter the theme's name")
    if len(text) > 120:
        raise UserError("name", "keep the theme's name under 120 characters")
    return text


def _name_taken(s: Session, name: str, own_id: int | None) -> None:
    folded = name.casefold()
    for tid, other, retired in s.execute(select(Theme.id, Theme.name, Theme.retired_on)):
        if tid != own_id and other.casefold() == folded:
            extra = " (retired)" if retired is not None else ""
            raise UserError("name", f"there is already a theme '{other}'{extra}; names must differ "
                                    "(ignoring capitals)")


def _theme(s: Session, theme_id: int, expected_version: int, *, what: str = "theme") -> Theme:
    theme = s.get(Theme, theme_id, with_for_update=s.get_bind().dialect.name != "sqlite")
    if theme is None:
        raise NotFoundError(what, theme_id)
    if theme.version != expected_version:
        raise ConflictError("theme", theme_id, theme.updated_by, f"{theme.updated_at:%d/%m/%Y %H:%M} UTC")
    return theme


def add_theme(ctx: ServiceContext, name: str) -> tuple[int, Changes]:
    text = _theme_name(name)
    with ctx.unit_of_work() as s:
        _name_taken(s, text, None)
        theme = Theme(name=text)
        s.add(theme)
        s.flush()
        return theme.id, Changes.of("theme", theme.id)


def rename_theme(ctx: ServiceContext, theme_id: int, expected_version: int, name: str) -> Changes:
    text = _theme_name(name)
    with ctx.unit_of_work() as s:
        theme = _theme(s, theme_id, expected_version)
        _name_taken(s, text, theme.id)
        theme.name = text
        return Changes.of("theme", theme_id) | Changes.of("review")


def retire_theme(ctx: ServiceContext, theme_id: int, expected_version: int) -> Changes:
    """Retire a theme: kept on the records that have it, no longer offered for new ones."""
    with ctx.unit_of_work() as s:
        theme = _theme(s, theme_id, expected_version)
        if theme.retired_on is not None:
            raise UserError("theme", f"'{theme.name}' is already retired")
        theme.retired_on = ctx.today()
        return Changes.of("theme", theme_id)


def merge_themes(ctx: ServiceContext, keep_id: int, merged_id: int, *, keep_version: int,
                 expected_version: int) -> Changes:
    """Move every link of theme ``merged_id`` (reviews and rapid reviews) to ``keep_id``, then retire the
    merged theme. A record that had both keeps one link. Audited: the moves, and the retirement.

    ``expected_version`` is the merged theme's version and ``keep_version`` the kept theme's, as the user saw
    them: if either was renamed, retired or merged since, ConflictError and nothing moves."""
    if keep_id == merged_id:
        raise UserError("theme", "choose two different themes to merge")
    with ctx.unit_of_work() as s:
        keep = _theme(s, keep_id, keep_version, what="theme to keep")
        merged = _theme(s, merged_id, expected_version, what="theme to merge")
        if keep.retired_on is not None:
            raise UserError("theme", f"'{keep.name}' is retired; keep a current theme")
        moved = {}
        for table, owner in ((review_theme, review_theme.c.review_id),
                             (rapid_review_theme, rapid_review_theme.c.rapid_review_id)):
            already = select(owner).where(table.c.theme_id == keep_id)
            result = s.execute(insert(table).from_select(
                [owner.key, "theme_id"],
                select(owner, literal(keep_id)).where(table.c.theme_id == merged_id, owner.not_in(already))))
            moved[table.name] = result.rowcount  # type: ignore[attr-defined]  # a CursorResult
            s.execute(table.delete().where(table.c.theme_id == merged_id))
        record(s, AuditAction.UPDATE, "theme", merged_id, "merged_into", merged.name,
               f"{keep.name} (id {keep_id}; {moved['review_theme']} reviews, {moved['rapid_review_theme']} "
               "rapid reviews moved)")
        if merged.retired_on is None:
            merged.retired_on = ctx.today()
        else:  # still a change to the merged theme: its version moves, so a second merge of it conflicts
            merged.updated_by, merged.updated_at = ctx.user, utcnow()
            flag_modified(merged, "updated_at")
        return Changes.of("theme", keep_id, merged_id) | Changes.of("review") | Changes.of("rapid_review")


def set_review_themes(ctx: ServiceContext, review_id: int, expected_version: int,
                      theme_ids: Sequence[int]) -> Changes:
    """Replace a review's themes (a retired theme may be kept, not newly chosen)."""
    from .reviews import ReviewService

    return ReviewService(ctx).set_themes(review_id, expected_version, theme_ids)


# -- Archive requests ------------------------------------------------------------------------------------------

def log_archive_request(ctx: ServiceContext, review_id: int, *, requester_name: str, organisation: str = "",
                        received_date: dt.date | None, notes: str = "") -> tuple[int, Changes]:
    """Log a request for an archived review ("available on request")."""
    today = ctx.today()
    name = " ".join((requester_name or "").split())
    if not name:
        raise UserError("requester_name", "enter who asked for the review")
    if len(name) > 200 or len(organisation.strip()) > 200:
        raise UserError("requester_name" if len(name) > 200 else "organisation", "keep it under 200 characters")
    if received_date is None:
        raise UserError("received_date", "enter the date the request was received")
    if received_date > today:
        raise UserError("received_date", f"{received_date:%d/%m/%Y} is in the future; enter the date it arrived")
    with ctx.unit_of_work() as s:
        review = s.get(Review, review_id)
        if review is None:
            raise NotFoundError("review", review_id)
        months = load_settings(s).published_window_months
        if review.published_date is None:
            raise UserError("review", "this review has not been published; requests are logged for archived "
                                      "reviews")
        end = window_end(review.published_date, months)
        if today < end:
            raise UserError("review", f"this review is still published online (until {end:%d %b %Y}); point "
                                      "the requester to the website")
        if received_date < review.published_date:
            raise UserError("received_date", "the request is dated before the review was published")
        request = ArchiveRequest(review_id=review_id, requester_name=name, organisation=organisation.strip(),
                                 received_date=received_date, notes=notes.strip())
        s.add(request)
        s.flush()
        return request.id, Changes.of("archive_request", request.id) | Changes.of("review", review_id)


def mark_archive_request_sent(ctx: ServiceContext, request_id: int, expected_version: int, *,
                              sent_date: dt.date | None, notes: str | None = None) -> Changes:
    """The review was sent to the requester. ``expected_version`` is the request's version as the user saw
    it; if someone answered or edited it since, ConflictError naming who."""
    today = ctx.today()
    with ctx.unit_of_work() as s:
        request = s.get(ArchiveRequest, request_id, with_for_update=not ctx.db.is_sqlite)
        if request is None:
            raise NotFoundError("archive request", request_id)
        if request.version != expected_version:
            raise ConflictError("archive request", request_id, request.updated_by,
                                f"{request.updated_at:%d/%m/%Y %H:%M} UTC")
        if request.sent_date is not None:
            raise UserError("sent_date", f"already sent on {request.sent_date:%d/%m/%Y}")
        if sent_date is None:
            raise UserError("sent_date", "enter the date the review was sent")
        if sent_date > today:
            raise UserError("sent_date", f"{sent_date:%d/%m/%Y} is in the future; enter the date it was sent")
        if sent_date < request.received_date:
            raise UserError("sent_date", "the review cannot be sent before the request was received")
        request.sent_date = sent_date
        if notes is not None:
            request.notes = notes.strip()
        return Changes.of("archive_request", request_id) | Changes.of("review", request.review_id)


def _requests(s: Session, *conditions: Any) -> list[ArchiveRequestDTO]:
    stmt = (select(ArchiveRequest, Review.reference, Review.title).join(Review, Review.id == ArchiveRequest.review_id)
            .where(*conditions).order_by(ArchiveRequest.received_date, ArchiveRequest.id))
    return [archive_request_dto(r, reference=ref, title=title) for r, ref, title in s.execute(stmt)]


def open_archive_requests(ctx: ServiceContext) -> list[ArchiveRequestDTO]:
    """Requests not yet answered, across the library, oldest first."""
    with ctx.read() as s:
        return _requests(s, ArchiveRequest.sent_date.is_(None))


def archive_requests(ctx: ServiceContext, review_id: int) -> list[ArchiveRequestDTO]:
    """Every request for one review, oldest first."""
    with ctx.read() as s:
        return _requests(s, ArchiveRequest.review_id == review_id)

"""Review import (CSV or XLSX) and export (CSV or XLSX), plus the table reading and writing any export shares.

Import reads ``IMPORT_COLUMNS`` — ``reference, title, review_type, partnership, published, themes, summary,
url`` — with the rules of the referral import (``referral_io``): headings matched loosely, every row checked
before anything is written, problems reported together as ``ValidationErrors`` whose fields are ``"row N"``
(the row number Excel shows), and one neutralising ``'`` removed from formula-like text. The ``status`` column
an export adds is accepted, so an exported file imports again — but only when the status is the one the import
gives (below): a review *in review*, *deferred*, *sent to the Panel*… is refused with its row, never silently
reset (the file does not hold the dates behind those steps).

Choices (documented for users in the command's help):

* ``review_type``: ``lcspr``, ``learning_summary``, ``plr``, ``thematic`` or ``joint`` (labels such as
  "Learning summary" are read the same way); ``national`` is also accepted so that an export of a library
  holding a national review imports again.
* ``status``: *published* when a ``published`` date is given (it may not be in the future), else
  *commissioned*; the rest of the workflow is edited in the library.
* ``pseudonym``: the title's leading "Child X" or "Family X", where X is one to three letters or digits
  starting with a capital or a digit ("Child N", "Child B2", "Family LM"); otherwise blank, to be entered in
  the library. "Child Safeguarding …" is therefore not mistaken for a pseudonym.
* ``themes``: separated by ``;``, trimmed, matched to the theme list ignoring case (retired themes too);
  unknown themes are created. A theme whose name holds ``;`` cannot be written to a file and read back.
* ``url``: blank or an ``http://`` / ``https://`` address; it becomes the review's report link.
* ``reference``: required, unique — a reference used twice in the file or already in the database (ignoring
  case) is refused.
* Every text column is trimmed except ``summary``, which is kept exactly as written (line breaks read as
  ``\\n``). Text longer than its database column is refused, never cut; a NUL or other control character is
  refused with the row and column named.

The file reading and writing is ``spreadsheet``'s; ``read_table``, ``export_table``, ``check_export_target``,
``write_csv``, ``write_xlsx`` and ``replace_atomically``, which used to live here, are re-exported from it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import UserError
from ...models import Review, Theme
from ...models.audit import record
from ...models.enums import AuditAction, ReviewStatus, ReviewType
from ...models.reviews import review_theme
from ..dto import Changes
from ..spreadsheet import (
    FORMATS,
    RowCheck,
    check_export_target,
    check_file,
    export_table,
    insert_rows,
    raise_problems,
    read_table,
    reference_problems,
    replace_atomically,
    write_csv,
    write_xlsx,
)
from ..uow import ServiceContext

__all__ = [
    "EXPORT_COLUMNS", "FORMATS", "IMPORT_COLUMNS", "REVIEW_TYPES", "ReviewImportResult", "check_export_target",
    "export_reviews", "export_table", "import_reviews", "pseudonym_from_title", "read_review_file", "read_table",
    "replace_atomically", "write_csv", "write_xlsx",
]

IMPORT_COLUMNS = ("reference", "title", "review_type", "partnership", "published", "themes", "summary", "url")
#: Computed on export; accepted and ignored on import.
COMPUTED_COLUMNS = ("status",)
EXPORT_COLUMNS = IMPORT_COLUMNS + COMPUTED_COLUMNS

#: The types a file may give (national too, so that any export imports again).
REVIEW_TYPES = (ReviewType.LCSPR, ReviewType.LEARNING_SUMMARY, ReviewType.PLR, ReviewType.THEMATIC,
                ReviewType.JOINT, ReviewType.NATIONAL)

#: Lengths of the columns the values go into (models/reviews.py).
MAX_REFERENCE = 40
MAX_TITLE = 300
MAX_PARTNERSHIP = 300
MAX_URL = 1000
MAX_THEME = 120
MAX_PSEUDONYM = 80

_PSEUDONYM = re.compile(r"\s*((?:child|family)\s+([^\W_]{1,3}))(?![^\W_])", re.IGNORECASE)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True)
class ReviewImportResult:
    count: int
    created_themes: tuple[str, ...]
    references: tuple[str, ...]
    changes: Changes = Changes()


# --- review import -----------------------------------------------------------------------------------------

def read_review_file(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The data rows of a review file (.csv or .xlsx), checked for its headings but not yet validated."""
    return read_table(path, IMPORT_COLUMNS, accepted=COMPUTED_COLUMNS)


def pseudonym_from_title(title: str) -> str:
    """The title's leading "Child X" / "Family X" (X: 1-3 letters or digits, starting with a capital or a
    digit), or ""."""
    match = _PSEUDONYM.match(title)
    if not match or not (match.group(2)[0].isupper() or match.group(2)[0].isdigit()):
        return ""
    return match.group(1)[:MAX_PSEUDONYM]


def _review_type(text: str) -> ReviewType:
    key = re.sub(r"[\s\-]+", "_", text.strip().casefold())
    try:
        found = ReviewType(key)
    except ValueError:
        found = None
    if found is None or found not in REVIEW_TYPES:
        shown = text if len(text) <= 40 else text[:39] + "…"
        raise ValueError(f'"{shown}" is not a review type; use lcspr, learning_summary, plr, thematic or joint')
    return found


@dataclass
class _Row:
    number: int
    reference: str
    title: str
    review_type: ReviewType | None
    partnership: str
    published: dt.date | None
    themes: tuple[str, ...]
    summary: str
    url: str


def _check_row(raw: Mapping[str, Any], today: dt.date, errors: list[UserError]) -> _Row:
    check = RowCheck(raw, errors)
    fail = check.fail
    texts = check.texts(("reference", "title", "review_type", "partnership", "themes", "summary", "url"))
    for column, limit, missing in (("reference", MAX_REFERENCE, "enter the review reference, e.g. NSCP-CR-2025-01"),
                                   ("title", MAX_TITLE, "enter the review's title, e.g. Child N"),
                                   ("partnership", MAX_PARTNERSHIP, ""), ("url", MAX_URL, "")):
        value = texts[column]
        if value is None:
            continue
        if not value and missing:
            fail(column, missing)
        elif len(value) > limit:
            fail(column, f"keep the {column} to {limit:,} characters or fewer (it has {len(value):,})")
            texts[column] = None
    review_type = check.choice("review_type", texts["review_type"], _review_type,
                               "enter the review type: lcspr, learning_summary, plr, thematic or joint")
    published = check.date("published")
    if published is not None and published > today:
        fail("published", f"{published:%d/%m/%Y} is in the future; enter the date it was published (leave "
                          "it blank for a review not yet published)")
        published = None
    check.kept_status(ReviewStatus, ReviewStatus.PUBLISHED if published else ReviewStatus.COMMISSIONED, "review",
                      '"published" when the published date is given, else "commissioned"')
    url = texts["url"]
    if url and not _URL.fullmatch(url):
        fail("url", "give a web address starting http:// or https:// (or leave it blank)")
    themes: list[str] = []
    if texts["themes"]:
        seen: set[str] = set()
        for piece in texts["themes"].split(";"):
            name = piece.strip()
            if not name or name.casefold() in seen:
                continue
            if len(name) > MAX_THEME:
                fail("themes", f"keep each theme to {MAX_THEME} characters or fewer (\"{name[:30]}…\" has "
                               f"{len(name):,}); separate themes with ;")
                continue
            seen.add(name.casefold())
            themes.append(name)
    return _Row(number=check.number, reference=texts["reference"] or "", title=texts["title"] or "",
                review_type=review_type, partnership=texts["partnership"] or "", published=published,
                themes=tuple(themes), summary=texts["summary"] or "", url=url or "")


def import_reviews(ctx: ServiceContext, path: str | os.PathLike[str]) -> ReviewImportResult:
    """Validate every row, then add all reviews (and any new themes) in one unit of work — or none of them.

    Read twice and written in batches, as ``referral_io.import_referrals`` is: memory holds a batch."""
    path = Path(path)
    today = ctx.today()
    checked, errors = check_file(path, IMPORT_COLUMNS, lambda raw, errors: _check_row(raw, today, errors),
                                 "review rows", accepted=COMPUTED_COLUMNS,
                                 keep=lambda row: (row.number, row.reference, row.themes))
    with ctx.unit_of_work() as s:
        raise_problems(errors + reference_problems([(number, ref) for number, ref, _ in checked.kept],
                                                   s.scalars(select(Review.reference)), "review"))
        themes: dict[str, Theme] = {}
        for theme in s.scalars(select(Theme).order_by(Theme.id)):
            themes.setdefault(theme.name.strip().casefold(), theme)
        created: list[str] = []
        for _number, _reference, names in checked.kept:
            for name in names:
                if name.casefold() not in themes:
                    themes[name.casefold()] = Theme(name=name)
                    s.add(themes[name.casefold()])
                    created.append(name)

        def build(row: _Row) -> Review:
            assert row.review_type is not None  # validated above
            return Review(reference=row.reference, title=row.title, pseudonym=pseudonym_from_title(row.title),
                          review_type=row.review_type, partnership=row.partnership,
                          status=ReviewStatus.PUBLISHED if row.published else ReviewStatus.COMMISSIONED,
                          published_date=row.published, summary=row.summary, report_url=row.url,
                          themes=[themes[name.casefold()] for name in row.themes])

        ids = insert_rows(s, checked, build)
        record(s, AuditAction.IMPORT, "review", field="file", new=f"{path.name}: {checked.count} reviews")
        changes = Changes.of("review", *ids)
        if created:
            changes = changes | Changes.of("theme", *(themes[n.casefold()].id for n in created))
    return ReviewImportResult(count=checked.count, created_themes=tuple(created),
                              references=tuple(ref for _number, ref, _themes in checked.kept), changes=changes)


# --- review export -----------------------------------------------------------------------------------------

def _review_rows(s: Session) -> list[tuple[Any, ...]]:
    themes: dict[int, list[str]] = {}
    for rid, name in s.execute(select(review_theme.c.review_id, Theme.name)
                               .join(Theme, Theme.id == review_theme.c.theme_id)):
        themes.setdefault(rid, []).append(name)
    found = list(s.execute(select(Review.id, Review.reference, Review.title, Review.review_type, Review.partnership,
                             Review.published_date, Review.summary, Review.report_url, Review.status)).all())
    # Sorted here, not in SQL: the two back ends collate text differently, and files should not.
    found.sort(key=lambda r: (r.reference.casefold(), r.reference))
    return [(ref, title, str(rtype), partnership or "", published,
             "; ".join(sorted(themes.get(rid, ()), key=lambda n: (n.casefold(), n))), summary or "", url or "",
             str(status))
            for rid, ref, title, rtype, partnership, published, summary, url, status in found]


def export_reviews(ctx: ServiceContext, path: str | os.PathLike[str], fmt: str) -> int:
    """Write every review of the library to ``path`` as CSV or XLSX (``EXPORT_COLUMNS``); return the count."""
    return export_table(ctx, path, fmt, columns=EXPORT_COLUMNS, rows=_review_rows, entity="review",
                        noun="reviews", sheet_title="Reviews",
                        widths={"reference": 18, "title": 40, "review_type": 16, "partnership": 28, "themes": 40,
                                "summary": 60, "url": 40})

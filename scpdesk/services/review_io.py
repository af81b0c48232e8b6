"""Review import (CSV or XLSX) and export (CSV or XLSX), plus the table reading and writing any export shares.

Import reads ``IMPORT_COLUMNS`` — ``reference, title, review_type, partnership, published, themes, summary,
url`` — with the rules of the referral import (``referral_io``): headings matched loosely, every row checked
before anything is written, problems reported together as ``ValidationErrors`` whose fields are ``"row N"``
(the row number Excel shows), and one neutralising ``'`` removed from formula-like text. The ``status`` column
an export adds is accepted and ignored, so an exported file imports again.

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

The generic helpers (``read_table``, ``export_table``) generalise ``referral_io``'s private reading and
writing code, whose file-level helpers they reuse; ``referral_io`` could adopt them in turn.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import StorageError, UserError, ValidationErrors
from ..models import Review, Theme
from ..models.audit import record
from ..models.enums import AuditAction, ReviewStatus, ReviewType
from ..models.reviews import review_theme
from .dto import Changes
from .referral_io import (
    _CONTROL,
    _SAVE_AS_UTF8,
    _XLSX_ILLEGAL,
    FORMATS,
    XLSX_MAX_CELL,
    _blank,
    _cell,
    _column_letter,
    _csv_rows,
    _heading,
    _text,
    _xlsx_rows,
    neutralise,
    parse_date,
)
from .uow import ServiceContext

__all__ = [
    "EXPORT_COLUMNS", "FORMATS", "IMPORT_COLUMNS", "REVIEW_TYPES", "ReviewImportResult", "check_export_target",
    "export_reviews", "export_table", "import_reviews", "pseudonym_from_title", "read_review_file", "read_table",
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


# --- reading any table -------------------------------------------------------------------------------------

def read_table(path: str | os.PathLike[str], columns: Sequence[str], *, accepted: Sequence[str] = ()
               ) -> list[dict[str, Any]]:
    """The data rows of a .csv or .xlsx file whose row 1 holds ``columns`` (and perhaps ``accepted`` ones).

    Each row is a dict of ``columns`` (``str``, or ``datetime.date`` from a date cell) plus ``"_row"`` (the
    spreadsheet row number) and ``"_unheaded"`` (letters of columns holding a value under no heading). Blank
    rows are skipped. A missing, unknown or repeated heading is refused (an unknown one is probably a typo
    that would lose data).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        if suffix in (".xls", ".xlsm", ".xlsb", ".ods"):
            raise UserError("file", f"{path.name} is not a .xlsx workbook or a CSV file; {_SAVE_AS_UTF8}")
        raise UserError("file", f"{path.name}: choose a .csv or .xlsx file")
    try:
        rows = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
        return _records(path, rows, tuple(columns), tuple(columns) + tuple(accepted))
    except FileNotFoundError:
        raise UserError("file", f"{path} was not found") from None


def _records(path: Path, rows: Iterable[list[object]], columns: tuple[str, ...], known_columns: tuple[str, ...]
             ) -> list[dict[str, Any]]:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(_blank(h) for h in header):
        raise UserError("file", f"{path.name} is empty or its first row has no column headings; put the "
                                f"headings {', '.join(columns)} in row 1")
    names = [_heading(h) for h in header]
    if any("\x00" in n for n in names):
        raise UserError("file", f"{path.name} looks like UTF-16 text or a binary file; {_SAVE_AS_UTF8}")
    if len([n for n in names if n]) == 1 and any(sep in str(header[0]) for sep in ";\t|"):
        raise UserError("file", f"{path.name} does not separate its columns with commas; {_SAVE_AS_UTF8}")
    errors: list[UserError] = []
    missing = [c for c in columns if c not in names]
    if missing:
        errors.append(UserError("columns", f"missing {', '.join(missing)} (row 1 must hold the headings "
                                           f"{', '.join(columns)})"))
    known = set(known_columns)
    unknown = [f"{str(header[i]).strip()} (column {_column_letter(i)})" for i, n in enumerate(names)
               if n and n not in known]
    if unknown:
        errors.append(UserError("columns", f"unknown heading {', '.join(unknown)}; use only "
                                           f"{', '.join(known_columns)} (a misspelt heading would lose data)"))
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        if n in known and n in seen:
            errors.append(UserError("columns", f"{n} is the heading of both column {_column_letter(seen[n])} "
                                               f"and column {_column_letter(i)}; keep one"))
        seen.setdefault(n, i)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    index = {n: seen[n] for n in columns}
    result: list[dict[str, Any]] = []
    for number, row in enumerate(iterator, start=2):
        if all(_blank(v) for v in row):
            continue
        found: dict[str, Any] = {"_row": number}
        for name, i in index.items():
            found[name] = _cell(row[i]) if i < len(row) else ""
        found["_unheaded"] = tuple(_column_letter(i) for i, v in enumerate(row)
                                   if not _blank(v) and (i >= len(names) or not names[i]))
        result.append(found)
    return result


def _row_number(error: UserError) -> int:
    return int(error.field.split()[1]) if error.field.startswith("row ") else 0


# --- writing any table -------------------------------------------------------------------------------------

def check_export_target(path: str | os.PathLike[str], fmt: str, formats: Sequence[str] = FORMATS
                        ) -> tuple[Path, str]:
    """The path and format of an export, refused when the format is unknown, the name's extension says
    another format, or the folder does not exist."""
    path = Path(path)
    fmt = (fmt or "").strip().lower()
    if fmt not in formats:
        raise UserError("format", f"choose {' or '.join(formats)}, not {fmt or 'nothing'}")
    suffix = path.suffix.lower().lstrip(".")
    if suffix in (*FORMATS, "pdf") and suffix != fmt:
        raise UserError("file", f"{path.name} ends in .{suffix} but the format is {fmt}; name the file "
                                f"{path.stem}.{fmt}")
    if not path.parent.is_dir():
        raise UserError("file", f"the folder {path.parent} does not exist")
    return path, fmt


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return value
    return neutralise(str(value))


def write_csv(target: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """UTF-8 with a BOM (Excel reads it as UTF-8), ISO dates, formula-like text neutralised."""
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
        f.flush()
        os.fsync(f.fileno())


def write_xlsx(target: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, sheet_title: str,
               widths: Mapping[str, int] | None = None) -> None:
    """Bold frozen headings; text cells are always strings (never formulas), dates are date cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    bold = Font(bold=True)
    for col, name in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.data_type = "s"
        cell.font = bold
    sheet.freeze_panes = "A2"
    for r, row in enumerate(rows, start=2):
        for col, (name, value) in enumerate(zip(columns, row, strict=True), start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=col)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                continue
            if isinstance(value, int) and not isinstance(value, bool):
                cell.value = value
                continue
            text = neutralise(_XLSX_ILLEGAL.sub("\ufffd", str(value)))
            if len(text) > XLSX_MAX_CELL:
                raise UserError(name, f"the {name} in row {r} ({row[0]}) is longer than an Excel cell can hold "
                                      f"({XLSX_MAX_CELL:,} characters); export as CSV instead")
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text
    widths = widths or {}
    for col, name in enumerate(columns, start=1):
        default = 14 if "date" in name or name in ("published", "due") else 16
        sheet.column_dimensions[_column_letter(col - 1)].width = widths.get(name, default)
    workbook.save(target)


def replace_atomically(tmp: Path, path: Path) -> None:
    """Move a finished temporary file over the target (the file appears complete or not at all)."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(f"Could not write {path}: {exc.strerror or exc}",
                           hint="If the file is open in another program, close it and export again.") from exc


def export_table(ctx: ServiceContext, path: str | os.PathLike[str], fmt: str, *, columns: Sequence[str],
                 rows: Callable[[Session], Sequence[Sequence[Any]]], entity: str, noun: str, sheet_title: str,
                 widths: Mapping[str, int] | None = None, entity_id: object = "") -> int:
    """Write ``rows(session)`` under ``columns`` as CSV or XLSX and record the EXPORT audit event in the same
    transaction (before the file appears); return the number of rows. Written beside the target, then renamed
    over it, so a failed export leaves any old file untouched and no partial one."""
    path, fmt = check_export_target(path, fmt)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with ctx.unit_of_work() as s:
            found = rows(s)
            if fmt == "csv":
                write_csv(tmp, columns, found)
            else:
                write_xlsx(tmp, columns, found, sheet_title=sheet_title, widths=widths)
            record(s, AuditAction.EXPORT, entity, entity_id, field="file", new=f"{path.name}: {len(found)} {noun}")
        replace_atomically(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return len(found)


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


def _check_row(raw: dict[str, Any], today: dt.date, errors: list[UserError]) -> _Row:
    number = raw["_row"]

    def fail(column: str, reason: str) -> None:
        errors.append(UserError(f"row {number}", f"{column}: {reason}"))

    for letter in raw.get("_unheaded", ()):
        fail(f"column {letter}", "has a value but no heading; add a heading or clear the column")
    texts: dict[str, str | None] = {}  # None: a problem already reported
    for column in ("reference", "title", "review_type", "partnership", "themes", "summary", "url"):
        value = _text(raw.get(column, ""), trim=column != "summary")
        if bad := _CONTROL.search(value):
            what = "a NUL (zero) byte" if bad.group() == "\x00" else f"a control character (U+{ord(bad.group()):04X})"
            fail(column, f"contains {what}; remove it and save the file again")
            texts[column] = None
            continue
        texts[column] = value
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
    review_type: ReviewType | None = None
    if texts["review_type"] is not None:
        if not texts["review_type"]:
            fail("review_type", "enter the review type: lcspr, learning_summary, plr, thematic or joint")
        else:
            try:
                review_type = _review_type(texts["review_type"])
            except ValueError as exc:
                fail("review_type", str(exc))
    published: dt.date | None = None
    value = raw.get("published", "")
    if isinstance(value, str):
        value = _text(value, trim=True)
    if isinstance(value, str) and _CONTROL.search(value):
        fail("published", "contains a control character; write dates as 19/12/2025 or 2025-12-19")
    else:
        try:
            published = parse_date(value)
        except ValueError as exc:
            fail("published", str(exc))
        if published is not None and published > today:
            fail("published", f"{published:%d/%m/%Y} is in the future; enter the date it was published (leave "
                              "it blank for a review not yet published)")
            published = None
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
    return _Row(number=number, reference=texts["reference"] or "", title=texts["title"] or "",
                review_type=review_type, partnership=texts["partnership"] or "", published=published,
                themes=tuple(themes), summary=texts["summary"] or "", url=url or "")


def import_reviews(ctx: ServiceContext, path: str | os.PathLike[str]) -> ReviewImportResult:
    """Validate every row, then add all reviews (and any new themes) in one unit of work — or none of them."""
    path = Path(path)
    raw_rows = read_review_file(path)
    if not raw_rows:
        raise UserError("file", f"{path.name} has headings but no review rows under them")
    today = ctx.today()
    errors: list[UserError] = []
    rows = [_check_row(raw, today, errors) for raw in raw_rows]
    first_use: dict[str, int] = {}
    for row in rows:
        if not row.reference:
            continue
        key = row.reference.casefold()
        if key in first_use:
            errors.append(UserError(f"row {row.number}", f"reference: {row.reference} is also used in row "
                                                         f"{first_use[key]}; each review needs its own reference"))
        else:
            first_use[key] = row.number
    with ctx.unit_of_work() as s:
        existing = {ref.casefold(): ref for ref in s.scalars(select(Review.reference))}
        for row in rows:
            key = row.reference.casefold()
            if row.reference and first_use.get(key) == row.number and key in existing:
                errors.append(UserError(f"row {row.number}", f"reference: {row.reference} is already in the "
                                                             f"database (as {existing[key]}); choose another "
                                                             "reference or remove the row"))
        if errors:
            errors.sort(key=_row_number)
            raise ValidationErrors(errors)
        themes: dict[str, Theme] = {}
        for theme in s.scalars(select(Theme).order_by(Theme.id)):
            themes.setdefault(theme.name.strip().casefold(), theme)
        created: list[str] = []
        for row in rows:
            for name in row.themes:
                if name.casefold() not in themes:
                    themes[name.casefold()] = Theme(name=name)
                    s.add(themes[name.casefold()])
                    created.append(name)
        reviews: list[Review] = []
        for row in rows:
            assert row.review_type is not None  # validated above
            review = Review(
                reference=row.reference, title=row.title, pseudonym=pseudonym_from_title(row.title),
                review_type=row.review_type, partnership=row.partnership,
                status=ReviewStatus.PUBLISHED if row.published else ReviewStatus.COMMISSIONED,
                published_date=row.published, summary=row.summary, report_url=row.url,
                themes=[themes[name.casefold()] for name in row.themes])
            s.add(review)
            reviews.append(review)
        s.flush()
        record(s, AuditAction.IMPORT, "review", field="file", new=f"{path.name}: {len(rows)} reviews")
        changes = Changes.of("review", *(r.id for r in reviews))
        if created:
            changes = changes | Changes.of("theme", *(themes[n.casefold()].id for n in created))
    return ReviewImportResult(count=len(rows), created_themes=tuple(created),
                              references=tuple(r.reference for r in rows), changes=changes)


# --- review export -----------------------------------------------------------------------------------------

def _review_rows(s: Session) -> list[tuple[Any, ...]]:
    themes: dict[int, list[str]] = {}
    for rid, name in s.execute(select(review_theme.c.review_id, Theme.name)
                               .join(Theme, Theme.id == review_theme.c.theme_id)):
        themes.setdefault(rid, []).append(name)
    found = s.execute(select(Review.id, Review.reference, Review.title, Review.review_type, Review.partnership,
                             Review.published_date, Review.summary, Review.report_url, Review.status)).all()
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

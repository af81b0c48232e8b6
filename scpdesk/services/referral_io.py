"""Referral import (CSV or XLSX) and export (CSV or XLSX): all or nothing in, formula-safe out.

Import reads the columns of ``IMPORT_COLUMNS`` (all nine headings must be present; matched case-insensitively,
trimmed, spaces or hyphens read as underscores). The computed columns an export adds (``status``, ``sin_due``,
``rapid_review_due``) are accepted and ignored, so an exported file imports again; any other heading is refused
as a probable typo. Every row is checked before anything is written; problems come back together as
``ValidationErrors`` whose fields are ``"row N"`` (the row number Excel shows: the headings are row 1).

Cells that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage return,
after any number of single quotes) are written with one extra leading ``'``, and import removes that one
quote again, so text round-trips exactly. Import normalises line breaks inside cells to ``\\n`` (an XLSX cell
cannot hold a carriage return) and trims every column except ``summary``, which is kept as written.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..errors import StorageError, UserError, ValidationErrors
from ..models import Agency, RapidReview, Referral, ReferralChild
from ..models.audit import record
from ..models.enums import AgencyKind, AuditAction, ReferralStatus, RouteRequested
from .clocks import referral_clocks
from .dto import Changes
from .referrals import first_child_pseudonym, open_pauses, pseudonym_problem
from .settings import load_closures, load_settings
from .uow import ServiceContext

__all__ = [
    "EXPORT_COLUMNS", "IMPORT_COLUMNS", "ImportResult", "export_referrals", "import_referrals", "neutralise",
    "parse_date", "read_referral_file", "unneutralise",
]

IMPORT_COLUMNS = ("reference", "received_date", "referrer_agency", "child_pseudonym", "incident_date",
                  "la_aware_date", "partners_aware_date", "route", "summary")
#: Computed on export; accepted and ignored on import so an exported file can be imported again.
COMPUTED_COLUMNS = ("status", "sin_due", "rapid_review_due")
EXPORT_COLUMNS = IMPORT_COLUMNS + COMPUTED_COLUMNS
DATE_COLUMNS = frozenset({"received_date", "incident_date", "la_aware_date", "partners_aware_date", "sin_due",
                          "rapid_review_due"})
FORMATS = ("csv", "xlsx")

#: Lengths of the columns the values go into (models/referrals.py, models/directory.py).
MAX_REFERENCE = 40
MAX_AGENCY = 200
#: Excel refuses a cell longer than this.
XLSX_MAX_CELL = 32_767

_SAVE_AS_UTF8 = ("save it as CSV UTF-8 (in Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\") "
                 "or as an Excel workbook (.xlsx), then import that file")
_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_DANGEROUS = re.compile(r"'+[=+\-@\t\r]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SLASH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]+)")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class ImportResult:
    count: int
    created_agencies: tuple[str, ...]
    references: tuple[str, ...]
    changes: Changes = Changes()


# --- formula injection -------------------------------------------------------------------------------------

def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would treat as a formula (also to text already so prefixed)."""
    return "'" + text if _DANGEROUS.match(text) else text


def unneutralise(text: str) -> str:
    """Undo ``neutralise``: drop one leading ``'`` that guards a formula character."""
    return text[1:] if _QUOTED_DANGEROUS.match(text) else text


# --- dates -------------------------------------------------------------------------------------------------

def parse_date(value: object) -> dt.date | None:
    """A date from a cell: a date cell, ``YYYY-MM-DD`` or UK ``DD/MM/YYYY`` (``D/M/YYYY``). Blank is None.

    Raises ValueError with the reason a user can act on (a US month/day date is refused, never guessed).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
        return _real_date(text, year, month, day)
    if m := _SLASH_DATE.fullmatch(text):
        first, second, year_text = m.groups()
        day, month, year = int(first), int(second), int(year_text)
        if len(year_text) != 4:
            raise ValueError(f'"{text}" needs a four-digit year, e.g. 19/12/2025')
        if month > 12 and 1 <= day <= 12 and month <= 31:
            raise ValueError(f'"{text}" looks like a US date (month/day); use {month:02d}/{day:02d}/{year} '
                             f"or {year}-{day:02d}-{month:02d}")
        return _real_date(text, year, month, day)
    shown = text if len(text) <= 30 else text[:29] + "…"
    raise ValueError(f'"{shown}" is not a date; write dates as 19/12/2025 or 2025-12-19')


def _real_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f'"{text}" is not a real date; check the day and month') from None


# --- reading -----------------------------------------------------------------------------------------------

def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _heading(value: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(value if value is not None else "").replace("\ufeff", "").strip().casefold())


def _cell(value: object) -> str | dt.date:
    """A cell as text, or as a date when the spreadsheet stored a date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_referral_file(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The data rows of a referral file (.csv or .xlsx), checked for its headings but not yet validated.

    Each row is a dict of the nine import columns (``str``, or ``datetime.date`` from a date cell) plus
    ``"_row"`` (the spreadsheet row number) and ``"_unheaded"`` (letters of columns that hold a value but
    have no heading). Blank rows are skipped. Raises UserError/ValidationErrors for a file that cannot be
    read as a referral list.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        if suffix in (".xls", ".xlsm", ".xlsb", ".ods"):
            raise UserError("file", f"{path.name} is not a .xlsx workbook or a CSV file; {_SAVE_AS_UTF8}")
        raise UserError("file", f"{path.name}: choose a .csv or .xlsx file")
    try:
        rows = _csv_rows(path) if suffix == ".csv" else _xlsx_rows(path)
        return _records(path, rows)
    except FileNotFoundError:
        raise UserError("file", f"{path} was not found") from None


def _csv_rows(path: Path) -> Iterator[list[object]]:
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UserError("file", f"{path.name} is saved as UTF-16 (\"Unicode Text\"); {_SAVE_AS_UTF8}")
    if data.startswith(b"PK\x03\x04"):
        raise UserError("file", f"{path.name} is a workbook or other zipped file, not CSV text; "
                                "if it is an Excel workbook, rename it to end in .xlsx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError("file", f"{path.name} is an old Excel .xls workbook, not CSV text; {_SAVE_AS_UTF8}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV (Comma delimited)" writes Windows-1252: accept it only when it decodes cleanly.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if not text or _CONTROL.search(text):
            raise UserError("file", f"{path.name} is not text in a known encoding (it may not be a CSV file "
                                    f"at all); {_SAVE_AS_UTF8}") from None
    if data.count(b"\x00") > max(8, len(data) // 10):
        raise UserError("file", f"{path.name} looks like UTF-16 text or a binary file; {_SAVE_AS_UTF8}")
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UserError(f"row {number}", f"this row cannot be read as CSV ({exc}); {_SAVE_AS_UTF8}") from None
        yield list(row)


def _xlsx_rows(path: Path) -> Iterator[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged workbook raises many types (BadZipFile, KeyError…)
        raise UserError("file", f"{path.name} cannot be read as an Excel workbook ({type(exc).__name__}); "
                                "open it in Excel and save it again as .xlsx") from None
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    finally:
        workbook.close()


def _records(path: Path, rows: Iterable[list[object]]) -> list[dict[str, Any]]:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(_blank(h) for h in header):
        raise UserError("file", f"{path.name} is empty or its first row has no column headings; put the "
                                f"headings {', '.join(IMPORT_COLUMNS)} in row 1")
    names = [_heading(h) for h in header]
    errors: list[UserError] = []
    if any("\x00" in n for n in names):
        raise UserError("file", f"{path.name} looks like UTF-16 text or a binary file; {_SAVE_AS_UTF8}")
    if len([n for n in names if n]) == 1 and any(sep in str(header[0]) for sep in ";\t|"):
        raise UserError("file", f"{path.name} does not separate its columns with commas; {_SAVE_AS_UTF8}")
    missing = [c for c in IMPORT_COLUMNS if c not in names]
    if missing:
        errors.append(UserError("columns", f"missing {', '.join(missing)} (row 1 must hold the headings "
                                           f"{', '.join(IMPORT_COLUMNS)})"))
    known = set(EXPORT_COLUMNS)
    unknown = [f"{str(header[i]).strip()} (column {_column_letter(i)})" for i, n in enumerate(names)
               if n and n not in known]
    if unknown:
        errors.append(UserError("columns", f"unknown heading {', '.join(unknown)}; use only "
                                           f"{', '.join(EXPORT_COLUMNS)} (a misspelt heading would lose data)"))
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        if n in known and n in seen:
            errors.append(UserError("columns", f"{n} is the heading of both column {_column_letter(seen[n])} "
                                               f"and column {_column_letter(i)}; keep one"))
        seen.setdefault(n, i)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    index = {n: seen[n] for n in IMPORT_COLUMNS}
    result: list[dict[str, Any]] = []
    for number, row in enumerate(iterator, start=2):
        if all(_blank(v) for v in row):
            continue
        record_: dict[str, Any] = {"_row": number}
        for name, i in index.items():
            record_[name] = _cell(row[i]) if i < len(row) else ""
        record_["_unheaded"] = tuple(_column_letter(i) for i, v in enumerate(row)
                                     if not _blank(v) and (i >= len(names) or not names[i]))
        result.append(record_)
    return result


# --- import ------------------------------------------------------------------------------------------------

@dataclass
class _Row:
    number: int
    reference: str
    received_date: dt.date | None
    referrer_agency: str
    child_pseudonym: str
    incident_date: dt.date | None
    la_aware_date: dt.date | None
    partners_aware_date: dt.date | None
    route: RouteRequested | None
    summary: str


def _text(raw: object, *, trim: bool) -> str:
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    text = unneutralise(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() if trim else text


def _route(text: str) -> RouteRequested:
    key = re.sub(r"[\s\-]+", "_", text.strip().casefold())
    try:
        return RouteRequested(key)
    except ValueError:
        raise ValueError(f'"{text[:40]}" is not a route; use rapid_review or learning_review '
                         "(or unsure)") from None


def _check_row(raw: dict[str, Any], today: dt.date, errors: list[UserError]) -> _Row:
    number = raw["_row"]

    def fail(column: str, reason: str) -> None:
        errors.append(UserError(f"row {number}", f"{column}: {reason}"))

    for letter in raw.get("_unheaded", ()):
        fail(f"column {letter}", "has a value but no heading; add a heading or clear the column")
    texts: dict[str, str | None] = {}  # None: a problem already reported
    for column in ("reference", "referrer_agency", "child_pseudonym", "route", "summary"):
        text = _text(raw.get(column, ""), trim=column != "summary")
        if bad := _CONTROL.search(text):
            what = "a NUL (zero) byte" if bad.group() == "\x00" else f"a control character (U+{ord(bad.group()):04X})"
            fail(column, f"contains {what}; remove it and save the file again")
            texts[column] = None
            continue
        texts[column] = text
    dates: dict[str, dt.date | None] = {}
    for column in ("received_date", "incident_date", "la_aware_date", "partners_aware_date"):
        value = raw.get(column, "")
        if isinstance(value, str):
            value = _text(value, trim=True)
            if _CONTROL.search(value):
                fail(column, "contains a control character; write dates as 19/12/2025 or 2025-12-19")
                dates[column] = None
                continue
        try:
            dates[column] = parse_date(value)
        except ValueError as exc:
            fail(column, str(exc))
            dates[column] = None
            continue
        day = dates[column]
        if day is not None and day > today:
            fail(column, f"{day:%d/%m/%Y} is in the future; enter the date it happened")
    reference = texts["reference"]
    if reference is not None:
        if not reference:
            fail("reference", "enter the referral reference, e.g. NSCP-2026-001")
        elif len(reference) > MAX_REFERENCE:
            fail("reference", f"keep the reference to {MAX_REFERENCE} characters or fewer (it has "
                              f"{len(reference)})")
    if dates["received_date"] is None and _blank(raw.get("received_date")):
        fail("received_date", "enter the date the referral was received")
    pseudonym = texts["child_pseudonym"]
    if pseudonym is not None and (problem := pseudonym_problem(pseudonym)):
        fail("child_pseudonym", problem)
    agency = texts["referrer_agency"]
    if agency and len(agency) > MAX_AGENCY:
        fail("referrer_agency", f"keep the agency name to {MAX_AGENCY} characters or fewer")
    route: RouteRequested | None = None
    if texts["route"] is not None:
        if not texts["route"]:
            fail("route", "enter the route requested: rapid_review or learning_review")
        else:
            try:
                route = _route(texts["route"])
            except ValueError as exc:
                fail("route", str(exc))
    la, incident, partners = dates["la_aware_date"], dates["incident_date"], dates["partners_aware_date"]
    if la and incident and la < incident:
        fail("la_aware_date", "the LA cannot have become aware before the incident date; check both dates")
    if partners and la and partners < la:
        fail("partners_aware_date", "partners became aware before the LA did; check both dates")
    return _Row(number=number, reference=reference or "", received_date=dates["received_date"],
                referrer_agency=agency or "", child_pseudonym=pseudonym or "", incident_date=incident,
                la_aware_date=la, partners_aware_date=partners, route=route, summary=texts["summary"] or "")


def import_referrals(ctx: ServiceContext, path: str | os.PathLike[str]) -> ImportResult:
    """Validate every row, then add all referrals in one unit of work — or, on any problem, none of them."""
    path = Path(path)
    raw_rows = read_referral_file(path)
    if not raw_rows:
        raise UserError("file", f"{path.name} has headings but no referral rows under them")
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
                                                         f"{first_use[key]}; each referral needs its own reference"))
        else:
            first_use[key] = row.number
    with ctx.unit_of_work() as s:
        existing = {ref.casefold(): ref for ref in s.scalars(select(Referral.reference))}
        for row in rows:
            if row.reference and first_use.get(row.reference.casefold()) == row.number \
                    and row.reference.casefold() in existing:
                errors.append(UserError(f"row {row.number}", f"reference: {row.reference} is already in the "
                                                             f"database (as {existing[row.reference.casefold()]}); "
                                                             "choose another reference or remove the row"))
        if errors:
            errors.sort(key=lambda e: int(e.field.split()[1]) if e.field.startswith("row ") else 0)
            raise ValidationErrors(errors)
        agencies = {a.name.strip().casefold(): a for a in s.scalars(select(Agency))}
        created: list[str] = []
        for row in rows:
            key = row.referrer_agency.casefold()
            if row.referrer_agency and key not in agencies:
                agencies[key] = Agency(name=row.referrer_agency, kind=AgencyKind.OTHER)
                s.add(agencies[key])
                created.append(row.referrer_agency)
        s.flush()  # ids for the new agencies
        referrals: list[Referral] = []
        for row in rows:
            agency = agencies[row.referrer_agency.casefold()] if row.referrer_agency else None
            assert row.received_date is not None and row.route is not None  # validated above
            referral = Referral(
                reference=row.reference, received_date=row.received_date,
                referrer_agency_id=agency.id if agency else None,
                incident_date=row.incident_date, la_aware_date=row.la_aware_date,
                partners_aware_date=row.partners_aware_date, route_requested=row.route, summary=row.summary,
                status=ReferralStatus.RECEIVED)
            referral.children = [ReferralChild(position=1, pseudonym=row.child_pseudonym)]
            s.add(referral)
            referrals.append(referral)
        s.flush()
        record(s, AuditAction.IMPORT, "referral", field="file", new=f"{path.name}: {len(rows)} referrals")
        changes = Changes.of("referral", *(r.id for r in referrals))
        if created:
            changes = changes | Changes.of("agency", *(agencies[n.casefold()].id for n in created))
    return ImportResult(count=len(rows), created_agencies=tuple(created),
                        references=tuple(r.reference for r in rows), changes=changes)


# --- export ------------------------------------------------------------------------------------------------

def _export_rows(s: Any, today: dt.date) -> list[tuple[Any, ...]]:
    settings = load_settings(s)
    closures = load_closures(s)
    stmt = (select(Referral.id, Referral.reference, Referral.received_date, Agency.name, first_child_pseudonym(),
                   Referral.incident_date, Referral.la_aware_date, Referral.partners_aware_date,
                   Referral.route_requested, Referral.summary, Referral.status, Referral.route,
                   Referral.partners_notified_date, Referral.sin_sent_date, RapidReview.completed_date,
                   RapidReview.sent_to_panel_date, RapidReview.panel_response_date)
            .outerjoin(Agency, Agency.id == Referral.referrer_agency_id)
            .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
            .order_by(Referral.received_date, Referral.id))
    pauses = open_pauses(s)
    out = []
    for (rid, ref, received, agency, pseudonym, incident, la, pa, requested, summary, status, route, notified,
         sin_sent, done, sent, response) in s.execute(stmt):
        clocks = {c.key: c.due_date for c in referral_clocks(
            route=route, la_aware=la, partners_aware=pa, partners_notified=notified, sin_sent=sin_sent,
            rr_completed=done, rr_sent=sent, panel_response=response, pauses=pauses.get(rid, ()), today=today,
            settings=settings, closures=closures)}
        out.append((ref, received, agency or "", pseudonym or "", incident, la, pa, str(requested), summary or "",
                    str(status), clocks.get("sin"), clocks.get("rapid_review")))
    return out


def _write_csv(target: Path, rows: Sequence[tuple[Any, ...]]) -> None:
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else neutralise(v)
                             for v in row])
        f.flush()
        os.fsync(f.fileno())


def _write_xlsx(target: Path, rows: Sequence[tuple[Any, ...]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Referrals"
    bold = Font(bold=True)
    for col, name in enumerate(EXPORT_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.data_type = "s"
        cell.font = bold
    sheet.freeze_panes = "A2"
    for r, row in enumerate(rows, start=2):
        for col, (name, value) in enumerate(zip(EXPORT_COLUMNS, row, strict=True), start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=col)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                continue
            text = neutralise(_XLSX_ILLEGAL.sub("\ufffd", value))
            if len(text) > XLSX_MAX_CELL:
                raise UserError(name, f"the {name} of {row[0]} is longer than an Excel cell can hold "
                                      f"({XLSX_MAX_CELL:,} characters); export as CSV instead")
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text
    widths = {"reference": 18, "referrer_agency": 28, "child_pseudonym": 18, "route": 16, "summary": 60}
    for col, name in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[_column_letter(col - 1)].width = widths.get(name, 14 if name in DATE_COLUMNS
                                                                            else 16)
    workbook.save(target)


def export_referrals(ctx: ServiceContext, path: str | os.PathLike[str], fmt: str) -> int:
    """Write every referral (pseudonyms only) to ``path`` as CSV or XLSX; return the number of rows.

    The file appears complete or not at all (written beside the target, then renamed over it).
    """
    path = Path(path)
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise UserError("format", f"choose csv or xlsx, not {fmt or 'nothing'}")
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS and suffix != fmt:
        raise UserError("file", f"{path.name} ends in .{suffix} but the format is {fmt}; name the file "
                                f"{path.stem}.{fmt}")
    if not path.parent.is_dir():
        raise UserError("file", f"the folder {path.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with ctx.unit_of_work() as s:
            rows = _export_rows(s, ctx.today())
            (_write_csv if fmt == "csv" else _write_xlsx)(tmp, rows)
            # Recorded before the file appears: an export is never missing from the audit trail.
            record(s, AuditAction.EXPORT, "referral", field="file", new=f"{path.name}: {len(rows)} referrals")
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise StorageError(f"Could not write {path}: {exc.strerror or exc}",
                               hint="If the file is open in Excel, close it and export again.") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return len(rows)

"""Referral import (CSV or XLSX) and export (CSV or XLSX): all or nothing in, formula-safe out.

Import reads the columns of ``IMPORT_COLUMNS`` (all nine headings must be present; matched case-insensitively,
trimmed, spaces or hyphens read as underscores). The computed columns an export adds (``status``, ``sin_due``,
``rapid_review_due``) are accepted, so an exported file imports again; any other heading is refused as a
probable typo. An import creates *received* referrals: a ``status`` other than blank or ``received`` is refused
with its row (the file does not hold the workflow's dates — screening, SIN, rapid review, decision — so the
status could not be kept and a closed referral would come back as received with overdue clocks); the due
dates are recomputed, never read. Every row is checked before anything is written; problems come back together as
``ValidationErrors`` whose fields are ``"row N"`` (the row number Excel shows: the headings are row 1).

Cells that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage return,
after any number of single quotes) are written with one extra leading ``'``, and import removes that one
quote again, so text round-trips exactly. Import normalises line breaks inside cells to ``\\n`` (an XLSX cell
cannot hold a carriage return) and trims every column except ``summary``, which is kept as written.

The file reading and writing is ``spreadsheet``'s; this module holds the referral columns and rules.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...errors import UserError
from ...models import Agency, RapidReview, Referral, ReferralChild
from ...models.audit import record
from ...models.enums import AgencyKind, AuditAction, ReferralStatus, RouteRequested
from ..clocks import referral_clocks
from ..dto import Changes
from ..settings import load_closures, load_settings
from ..spreadsheet import (
    FORMATS,
    RowCheck,
    check_file,
    export_table,
    insert_rows,
    is_blank,
    neutralise,
    parse_date,
    raise_problems,
    read_table,
    reference_problems,
    unneutralise,
)
from ..uow import ServiceContext
from .referrals import date_order_problems, date_problem, first_child_pseudonym, open_pauses, pseudonym_problem

__all__ = [
    "EXPORT_COLUMNS", "FORMATS", "IMPORT_COLUMNS", "ImportResult", "export_referrals", "import_referrals",
    "neutralise", "parse_date", "print_referral_list", "read_referral_file", "unneutralise",
]

IMPORT_COLUMNS = ("reference", "received_date", "referrer_agency", "child_pseudonym", "incident_date",
                  "la_aware_date", "partners_aware_date", "route", "summary")
#: Computed on export; accepted and ignored on import so an exported file can be imported again.
COMPUTED_COLUMNS = ("status", "sin_due", "rapid_review_due")
EXPORT_COLUMNS = IMPORT_COLUMNS + COMPUTED_COLUMNS
DATE_COLUMNS = frozenset({"received_date", "incident_date", "la_aware_date", "partners_aware_date", "sin_due",
                          "rapid_review_due"})

#: Lengths of the columns the values go into (models/referrals.py, models/directory.py).
MAX_REFERENCE = 40
MAX_AGENCY = 200


@dataclass(frozen=True)
class ImportResult:
    count: int
    created_agencies: tuple[str, ...]
    references: tuple[str, ...]
    changes: Changes = Changes()


def read_referral_file(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The data rows of a referral file (.csv or .xlsx), checked for its headings but not yet validated.

    Each row is a dict of the nine import columns (``str``, or ``datetime.date`` from a date cell) plus
    ``"_row"`` (the spreadsheet row number) and ``"_unheaded"`` (letters of columns that hold a value but
    have no heading). Blank rows are skipped. Raises UserError/ValidationErrors for a file that cannot be
    read as a referral list.
    """
    return read_table(path, IMPORT_COLUMNS, accepted=COMPUTED_COLUMNS)


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


def _route(text: str) -> RouteRequested:
    key = re.sub(r"[\s\-]+", "_", text.strip().casefold())
    try:
        return RouteRequested(key)
    except ValueError:
        raise ValueError(f'"{text[:40]}" is not a route; use rapid_review or learning_review '
                         "(or unsure)") from None


def _check_row(raw: Mapping[str, Any], today: dt.date, errors: list[UserError]) -> _Row:
    check = RowCheck(raw, errors)
    fail = check.fail
    texts = check.texts(("reference", "referrer_agency", "child_pseudonym", "route", "summary"))
    dates: dict[str, dt.date | None] = {}
    for column in ("received_date", "incident_date", "la_aware_date", "partners_aware_date"):
        dates[column] = day = check.date(column)
        if (refused := date_problem(column, day, today)) is not None:
            fail(column, refused.message)
    reference = texts["reference"]
    if reference is not None:
        if not reference:
            fail("reference", "enter the referral reference, e.g. NSCP-2026-001")
        elif len(reference) > MAX_REFERENCE:
            fail("reference", f"keep the reference to {MAX_REFERENCE} characters or fewer (it has "
                              f"{len(reference)})")
    if dates["received_date"] is None and is_blank(raw.get("received_date")):
        fail("received_date", "enter the date the referral was received")
    pseudonym = texts["child_pseudonym"]
    if pseudonym is not None and (problem := pseudonym_problem(pseudonym)):
        fail("child_pseudonym", problem)
    agency = texts["referrer_agency"]
    if agency and len(agency) > MAX_AGENCY:
        fail("referrer_agency", f"keep the agency name to {MAX_AGENCY} characters or fewer")
    route = check.choice("route", texts["route"], _route, "enter the route requested: rapid_review or learning_review")
    check.kept_status(ReferralStatus, ReferralStatus.RECEIVED, "referral", '"received"')
    la, incident, partners = dates["la_aware_date"], dates["incident_date"], dates["partners_aware_date"]
    for order in date_order_problems(dates):
        fail(order.field, order.message)
    return _Row(number=check.number, reference=reference or "", received_date=dates["received_date"],
                referrer_agency=agency or "", child_pseudonym=pseudonym or "", incident_date=incident,
                la_aware_date=la, partners_aware_date=partners, route=route, summary=texts["summary"] or "")


def import_referrals(ctx: ServiceContext, path: str | os.PathLike[str]) -> ImportResult:
    """Validate every row, then add all referrals in one unit of work — or, on any problem, none of them.

    The file is read twice (``check_file``, then ``CheckedFile.batches``) and written ``IMPORT_BATCH`` rows per
    flush, so memory holds a batch, not the file."""
    path = Path(path)
    today = ctx.today()
    checked, errors = check_file(path, IMPORT_COLUMNS, lambda raw, errors: _check_row(raw, today, errors),
                                 "referral rows", accepted=COMPUTED_COLUMNS,
                                 keep=lambda row: (row.number, row.reference, row.referrer_agency))
    with ctx.unit_of_work() as s:
        raise_problems(errors + reference_problems([(number, ref) for number, ref, _ in checked.kept],
                                                   s.scalars(select(Referral.reference)), "referral"))
        agencies = {a.name.strip().casefold(): a for a in s.scalars(select(Agency))}
        created: list[str] = []
        for _number, _reference, name in checked.kept:
            if name and name.casefold() not in agencies:
                agencies[name.casefold()] = Agency(name=name, kind=AgencyKind.OTHER)
                s.add(agencies[name.casefold()])
                created.append(name)
        s.flush()  # ids for the new agencies
        agency_ids = {key: agency.id for key, agency in agencies.items()}

        def build(row: _Row) -> Referral:
            assert row.received_date is not None and row.route is not None  # validated above
            referral = Referral(
                reference=row.reference, received_date=row.received_date,
                referrer_agency_id=agency_ids[row.referrer_agency.casefold()] if row.referrer_agency else None,
                incident_date=row.incident_date, la_aware_date=row.la_aware_date,
                partners_aware_date=row.partners_aware_date, route_requested=row.route, summary=row.summary,
                status=ReferralStatus.RECEIVED)
            referral.children = [ReferralChild(position=1, pseudonym=row.child_pseudonym)]
            return referral

        ids = insert_rows(s, checked, build)
        record(s, AuditAction.IMPORT, "referral", field="file", new=f"{path.name}: {checked.count} referrals")
        changes = Changes.of("referral", *ids)
        if created:
            changes = changes | Changes.of("agency", *(agency_ids[n.casefold()] for n in created))
    return ImportResult(count=checked.count, created_agencies=tuple(created),
                        references=tuple(ref for _number, ref, _agency in checked.kept), changes=changes)


# --- export ------------------------------------------------------------------------------------------------

def _export_rows(s: Any, today: dt.date) -> list[tuple[Any, ...]]:
    settings = load_settings(s)
    closures = load_closures(s)
    stmt = (select(Referral.id, Referral.reference, Referral.received_date, Agency.name, first_child_pseudonym(),
                   Referral.incident_date, Referral.la_aware_date, Referral.partners_aware_date,
                   Referral.route_requested, Referral.summary, Referral.status, Referral.route,
                   Referral.partners_notified_date, Referral.sin_sent_date, RapidReview.completed_date,
                   RapidReview.sent_to_panel_date, RapidReview.panel_response_date, Referral.recommendation_date,
                   Referral.decision, Referral.decision_date, Referral.decision_notified_date)
            .outerjoin(Agency, Agency.id == Referral.referrer_agency_id)
            .outerjoin(RapidReview, RapidReview.referral_id == Referral.id)
            .order_by(Referral.received_date, Referral.id))
    pauses = open_pauses(s)
    out = []
    for (rid, ref, received, agency, pseudonym, incident, la, pa, requested, summary, status, route, notified,
         sin_sent, done, sent, response, recommendation, decision, decided, told) in s.execute(stmt):
        clocks = {c.key: c.due_date for c in referral_clocks(
            route=route, la_aware=la, partners_aware=pa, partners_notified=notified, sin_sent=sin_sent,
            rr_completed=done, rr_sent=sent, panel_response=response, received=received,
            recommendation=recommendation, decision=decision, decided=decided, decision_notified=told,
            pauses=pauses.get(rid, ()), today=today,
            settings=settings, closures=closures)}
        out.append((ref, received, agency or "", pseudonym or "", incident, la, pa, str(requested), summary or "",
                    str(status), clocks.get("sin"), clocks.get("rapid_review")))
    return out

def export_referrals(ctx: ServiceContext, path: str | os.PathLike[str], fmt: str) -> int:
    """Write every referral (pseudonyms only) to ``path`` as CSV or XLSX; return the number of rows.

    The file appears complete or not at all (written beside the target, then renamed over it); the EXPORT
    audit event is recorded before it appears.
    """
    return export_table(ctx, path, fmt, columns=EXPORT_COLUMNS, rows=lambda s: _export_rows(s, ctx.today()),
                        entity="referral", noun="referrals", sheet_title="Referrals", suffixes=FORMATS,
                        widths={**dict.fromkeys(DATE_COLUMNS, 14), "reference": 18, "referrer_agency": 28,
                                "child_pseudonym": 18, "route": 16, "summary": 60},
                        row_label=lambda _number, row: f"of {row[0]}", open_in="Excel")


# --- printing the list as shown -----------------------------------------------------------------------------

#: The most rows a printed list holds (a longer one is a spreadsheet's job: filter first, or export).
PRINT_MAX_ROWS = 5_000


def print_referral_list(ctx: ServiceContext, path: str | os.PathLike[str], headers: Sequence[str],
                        rows: Sequence[Sequence[str]], *, note: str = "") -> int:
    """Print the referral list as the screen shows it (``headers`` and ``rows`` are its columns' texts: the list
    holds pseudonyms, never a real identity) to a landscape PDF, under the partnership's name and pack marking.
    The PRINT audit event is recorded before the file appears; the file appears complete or not at all.
    Returns the number of rows printed."""
    from ...reports.printed_list import PrintedList, build_printed_list_pdf
    from ..settings import get_settings
    from ..spreadsheet import check_export_target, replace_atomically, temporary_beside

    target, _ = check_export_target(path, "pdf", formats=("pdf",))
    if not headers:
        raise UserError("columns", "there is nothing to print: the list shows no columns")
    if len(rows) > PRINT_MAX_ROWS:
        raise UserError("rows", f"the list shows {len(rows):,} referrals; print at most {PRINT_MAX_ROWS:,} "
                                "(filter it first), or export it as a spreadsheet")
    if any(len(row) != len(headers) for row in rows):
        raise UserError("rows", "every row must have one value per column")
    settings = get_settings(ctx)
    doc = PrintedList(title="Referrals", partnership=settings.partnership_name, marking=settings.marking_pack,
                      generated=ctx.today(), note=note, headers=tuple(str(h) for h in headers),
                      rows=tuple(tuple(str(v) for v in row) for row in rows), noun="referral")
    with temporary_beside(target) as tmp:
        build_printed_list_pdf(doc, str(tmp))
        with ctx.unit_of_work() as s:
            record(s, AuditAction.PRINT, "referral", "", field="file",
                   new=f"{target.name}: referral list PDF, {len(rows)} referrals")
        replace_atomically(tmp, target)
    return len(rows)

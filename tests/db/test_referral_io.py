"""Referral import and export on both databases: all or nothing in, formula-safe out, exact round trips."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest
import sheets
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from storagekit import fresh_url

from scpdesk.errors import UserError, ValidationErrors
from scpdesk.models import Agency, AuditEvent, ChildIdentity, Referral, ReferralChild
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import AgencyKind, AuditAction, Decision, ReferralStatus, RouteRequested
from scpdesk.services import ServiceContext
from scpdesk.services.referrals.referral_io import (
    EXPORT_COLUMNS,
    IMPORT_COLUMNS,
    ImportResult,
    export_referrals,
    import_referrals,
    neutralise,
    parse_date,
    read_referral_file,
    unneutralise,
)
from scpdesk.services.referrals.workflow import WorkflowService

TODAY = dt.date(2026, 1, 20)
HEADER = list(IMPORT_COLUMNS)

GOOD = [
    {"reference": "NSCP-2025-101", "received_date": "2025-12-22", "referrer_agency": "Northshire Police",
     "child_pseudonym": "Child N", "incident_date": "2025-12-18", "la_aware_date": "2025-12-19",
     "partners_aware_date": "", "route": "rapid_review", "summary": "Baby with unexplained bruising."},
    {"reference": "NSCP-2025-102", "received_date": "23/12/2025", "referrer_agency": "NORTHSHIRE police",
     "child_pseudonym": "Child M", "incident_date": "1/12/2025", "la_aware_date": "02/12/2025",
     "partners_aware_date": "3/12/2025", "route": "learning_review", "summary": ""},
]

HOSTILE_SUMMARY = "Plentyn ŵ ŷ 👶 <b>&amp;</b>\n" + "x" * 10_000
HOSTILE = [
    {"reference": '=HYPERLINK("http://x")', "received_date": "2025-12-22", "referrer_agency": "@SUM(A1)",
     "child_pseudonym": "+1", "incident_date": "", "la_aware_date": "2025-12-19", "partners_aware_date": "",
     "route": "rapid_review", "summary": "-2"},
    {"reference": "NSCP-ŵ-👶", "received_date": "2025-12-20", "referrer_agency": "Gwasanaethau ŵ ŷ",
     "child_pseudonym": "Child ŵ 👶", "incident_date": "", "la_aware_date": "", "partners_aware_date": "",
     "route": "learning_review", "summary": HOSTILE_SUMMARY},
    {"reference": "NSCP-Q", "received_date": "2025-12-21", "referrer_agency": "",
     "child_pseudonym": "Child Q", "incident_date": "", "la_aware_date": "", "partners_aware_date": "",
     "route": "rapid_review", "summary": "''=already quoted\tand a tab"},
    {"reference": "NSCP-T", "received_date": "2025-12-21", "referrer_agency": "",
     "child_pseudonym": "Child T", "incident_date": "", "la_aware_date": "", "partners_aware_date": "",
     "route": "rapid_review", "summary": "\tstarts with a tab; <script>alert(1)</script>"},
]


def context(db: Database) -> ServiceContext:
    return ServiceContext(db, user="tester", today=lambda: TODAY)


def write_csv(path: Path, rows: Sequence[dict[str, str]], *, header: Sequence[str] = HEADER,
              encoding: str = "utf-8") -> Path:
    return sheets.write_csv(path, header, rows, encoding=encoding)


def write_xlsx(path: Path, rows: Sequence[dict[str, object]], *, header: Sequence[str] = HEADER) -> Path:
    return sheets.write_xlsx(path, header, rows)


def counts(db: Database) -> tuple[int, int, int, int]:
    with context(db).read() as s:
        return tuple(s.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (Referral, ReferralChild, Agency, AuditEvent))


def problems(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [str(e) for e in getattr(exc.value, "errors", [exc.value])]


def read_export_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.fixture
def second_db_url(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Another fresh, migrated database on the same back end as ``db``."""
    return fresh_url(db_url, request, tmp_path, "io")


@pytest.fixture
def second_db(second_db_url: str) -> Iterator[Database]:
    database = open_database(second_db_url, user="tester")
    yield database
    database.dispose()


# --- import ------------------------------------------------------------------------------------------------

def test_a_good_csv_imports_with_uk_and_iso_dates_and_one_new_agency(db: Database, tmp_path: Path) -> None:
    result = import_referrals(context(db), write_csv(tmp_path / "referrals.csv", GOOD))
    assert isinstance(result, ImportResult)
    assert (result.count, result.references) == (2, ("NSCP-2025-101", "NSCP-2025-102"))
    assert result.created_agencies == ("Northshire Police",)  # the second row's spelling matched it
    assert result.changes.touches("referral") and result.changes.touches("agency")
    with pytest.raises(AttributeError):
        result.count = 3  # type: ignore[misc]
    with context(db).read() as s:
        referrals = s.scalars(select(Referral).options(selectinload(Referral.children))
                              .order_by(Referral.reference)).all()
        [agency] = s.scalars(select(Agency)).all()
        assert (agency.name, agency.kind) == ("Northshire Police", AgencyKind.OTHER)
        first, second = referrals
        assert first.status is ReferralStatus.RECEIVED and first.route is None
        assert first.route_requested is RouteRequested.RAPID_REVIEW
        assert second.route_requested is RouteRequested.LEARNING_REVIEW
        assert (first.received_date, first.incident_date, first.la_aware_date, first.partners_aware_date) == (
            dt.date(2025, 12, 22), dt.date(2025, 12, 18), dt.date(2025, 12, 19), None)
        assert (second.received_date, second.incident_date, second.la_aware_date, second.partners_aware_date) == (
            dt.date(2025, 12, 23), dt.date(2025, 12, 1), dt.date(2025, 12, 2), dt.date(2025, 12, 3))
        assert [(c.position, c.pseudonym) for c in first.children] == [(1, "Child N")]
        assert first.referrer_agency_id == second.referrer_agency_id == agency.id
        assert first.created_by == "tester"
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.IMPORT)).all()
        assert len(events) == 1 and events[0].user == "tester"
        assert events[0].new_value == "referrals.csv: 2 referrals"
        inserted = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == AuditAction.INSERT, AuditEvent.entity == "referral", AuditEvent.field == "reference"))
        assert inserted == 2  # the ORM audit hook saw every row


def test_an_existing_agency_is_matched_whatever_its_case(db: Database, tmp_path: Path) -> None:
    with context(db).unit_of_work() as s:
        s.add(Agency(name="Northshire Police", kind=AgencyKind.POLICE))
    result = import_referrals(context(db), write_csv(tmp_path / "r.csv", GOOD))
    assert result.created_agencies == ()
    assert counts(db)[2] == 1


def test_an_xlsx_imports_with_date_cells_and_date_text(db: Database, tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [dict(r) for r in GOOD]
    rows[0]["received_date"] = dt.datetime(2025, 12, 22)
    rows[0]["la_aware_date"] = dt.date(2025, 12, 19)
    rows[0]["partners_aware_date"] = None
    result = import_referrals(context(db), write_xlsx(tmp_path / "r.xlsx", rows))
    assert result.count == 2
    with context(db).read() as s:
        ref = s.scalars(select(Referral).where(Referral.reference == "NSCP-2025-101")).one()
        assert (ref.received_date, ref.la_aware_date, ref.partners_aware_date) == (
            dt.date(2025, 12, 22), dt.date(2025, 12, 19), None)
        other = s.scalars(select(Referral).where(Referral.reference == "NSCP-2025-102")).one()
        assert other.incident_date == dt.date(2025, 12, 1)


def test_a_formula_without_a_cached_value_is_refused_naming_the_cell(db: Database, tmp_path: Path) -> None:
    """Tester finding 6: a formula cell a script wrote (no cached value) imported as "" and the import said
    it succeeded; the text the sheet shows was dropped. Now the cell is named and nothing is imported; a
    formula Excel has calculated imports as its value."""
    rows: list[dict[str, object]] = [dict(r) for r in GOOD]
    rows[0]["summary"] = '=CONCATENATE("Mother ","reported bruising")'
    book = write_xlsx(tmp_path / "r.xlsx", rows)
    before = counts(db)
    with pytest.raises(UserError) as exc:
        import_referrals(context(db), book)
    assert any("I2" in p and "formula without a value" in p for p in problems(exc)), problems(exc)
    assert counts(db) == before
    # The same workbook as Excel saves it (the result cached beside the formula) imports the result.
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(saved, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                # An empty value as openpyxl writes it: with its own writer or with lxml (when installed).
                empty = next(v for v in (b"<v />", b"<v/>", b"<v></v>") if v in data)
                data = data.replace(empty, b"<v>Mother reported bruising</v>")
                data = data.replace(b'<c r="I2">', b'<c r="I2" t="str">')
            dst.writestr(item, data)
    assert import_referrals(context(db), saved).count == 2
    with context(db).read() as s:
        assert s.scalar(select(Referral.summary).where(Referral.reference == "NSCP-2025-101")) == \
            "Mother reported bruising"


def test_a_bom_csv_with_loosely_written_headings_imports(db: Database, tmp_path: Path) -> None:
    header = [" Reference", "Received Date", "REFERRER_AGENCY", "child-pseudonym", "incident_date",
              "la_aware_date", "partners aware date", "Route ", "summary"]
    rows = [{h: GOOD[0][canon] for h, canon in zip(header, HEADER, strict=True)}]
    path = write_csv(tmp_path / "bom.csv", rows, header=header, encoding="utf-8-sig")
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    assert import_referrals(context(db), path).count == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-12-19", dt.date(2025, 12, 19)),
    ("19/12/2025", dt.date(2025, 12, 19)),
    ("1/2/2026", dt.date(2026, 2, 1)),  # ambiguous: read as UK (1 February)
    (" 05/01/2026 ", dt.date(2026, 1, 5)),
    ("", None),
])
def test_dates_are_iso_or_uk(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("12/19/2025", "looks like a US date (month/day); use 19/12/2025 or 2025-12-19"),
    ("19/12/25", "four-digit year"),
    ("31/02/2026", "not a real date"),
    ("2025-13-01", "not a real date"),
    ("19.12.2025", "write dates as 19/12/2025 or 2025-12-19"),
    ("19 Dec 2025", "write dates as"),
    ("2025-12-19T00:00", "write dates as"),
])
def test_other_dates_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


def test_a_us_date_is_refused_with_its_row_number(db: Database, tmp_path: Path) -> None:
    rows = [GOOD[0], {**GOOD[1], "received_date": "12/19/2025"}]
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(context(db), write_csv(tmp_path / "us.csv", rows))
    assert problems(exc) == ["row 3: received_date: \"12/19/2025\" looks like a US date (month/day); "
                             "use 19/12/2025 or 2025-12-19"]
    assert counts(db) == (0, 0, 0, 0)


def test_every_bad_row_is_reported_and_nothing_is_imported(db: Database, tmp_path: Path) -> None:
    ok = GOOD[0]
    rows = [
        {**ok, "reference": "OK-1"},                                               # row 2: fine
        {**ok, "reference": "R3", "received_date": ""},                            # row 3
        {**ok, "reference": "R4", "incident_date": "2026-02-01"},                  # row 4: future, etc.
        {**ok, "reference": "R5", "incident_date": "2025-12-20"},                  # row 5: LA aware before incident
        {**ok, "reference": "R6", "child_pseudonym": "John Smith"},                # row 6: a real name
        {**ok, "reference": "R7", "route": ""},                                    # row 7
        {**ok, "reference": "R8", "route": "national_review"},                     # row 8
        {**ok, "reference": "R" * 41},                                             # row 9
        {**ok, "reference": "R10", "child_pseudonym": "Child " + "x" * 80},       # row 10
        {**ok, "reference": ""},                                                   # row 11
        {**ok, "reference": "R12", "partners_aware_date": "2025-12-01"},           # row 12
        {**ok, "reference": "R13", "summary": "bell \x07 here"},                   # row 13
        {**ok, "reference": "OK-14"},                                              # row 14: fine
    ]
    before = counts(db)
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(context(db), write_csv(tmp_path / "bad.csv", rows))
    found = problems(exc)
    assert [e.split(":")[0] for e in found] == [
        "row 3", "row 4", "row 4", "row 4", "row 5", "row 6", "row 7", "row 8", "row 9", "row 10", "row 11", "row 12",
        "row 13"]
    assert found[0] == "row 3: received_date: enter the date the referral was received"
    assert "incident_date: 01/02/2026 is in the future" in found[1]
    assert "incident_date: the incident (01/02/2026) cannot be after the referral was received" in found[2]
    assert "la_aware_date: the LA cannot have become aware before the incident date" in found[4]
    assert "child_pseudonym: this looks like a real full name" in found[5]
    assert found[6] == "row 7: route: enter the route requested: rapid_review or learning_review"
    assert "is not a route" in found[7]
    assert "reference: keep the reference to 40 characters or fewer" in found[8]
    assert "child_pseudonym: keep the pseudonym under 80 characters" in found[9]
    assert "reference: enter the referral reference" in found[10]
    assert "partners_aware_date: partners became aware before the LA did" in found[11]
    assert "summary: contains a control character (U+0007)" in found[12]
    assert counts(db) == before == (0, 0, 0, 0)  # no referral, child, agency or audit row


def test_duplicate_references_in_the_file_and_in_the_database_are_refused(db: Database, tmp_path: Path) -> None:
    import_referrals(context(db), write_csv(tmp_path / "first.csv", [GOOD[0]]))
    before = counts(db)
    rows = [{**GOOD[1], "reference": "NEW-1"}, {**GOOD[1], "reference": "new-1"},
            {**GOOD[1], "reference": "nscp-2025-101"}]
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(context(db), write_csv(tmp_path / "dupes.csv", rows))
    assert problems(exc) == [
        "row 3: reference: new-1 is also used in row 2; each referral needs its own reference",
        "row 4: reference: nscp-2025-101 is already in the database (as NSCP-2025-101); choose another reference "
        "or remove the row",
    ]
    assert counts(db) == before


def test_row_numbers_are_the_spreadsheet_rows_despite_blank_rows_and_multiline_cells(
        db: Database, tmp_path: Path) -> None:
    rows = [{**GOOD[0], "summary": "line one\nline two\nline three"}, {}, {**GOOD[1], "received_date": "soon"}]
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(context(db), write_csv(tmp_path / "r.csv", rows))
    assert [e.split(":")[0] for e in problems(exc)] == ["row 4"]


def test_a_nul_byte_is_refused_with_its_row_number(db: Database, tmp_path: Path) -> None:
    rows = [GOOD[0], {**GOOD[1], "summary": "before\x00after"}]
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(context(db), write_csv(tmp_path / "nul.csv", rows))
    assert problems(exc) == ["row 3: summary: contains a NUL (zero) byte; remove it and save the file again"]
    assert counts(db) == (0, 0, 0, 0)


def test_a_clean_windows_1252_file_is_accepted(db: Database, tmp_path: Path) -> None:
    rows = [{**GOOD[0], "summary": "Café – cost £5 “quoted”"}]
    path = write_csv(tmp_path / "excel.csv", rows, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    import_referrals(context(db), path)
    with context(db).read() as s:
        assert s.scalar(select(Referral.summary)) == "Café – cost £5 “quoted”"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("garbage.csv", bytes(range(256)) * 16, "save it as CSV UTF-8"),
    ("image.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "save it as CSV UTF-8"),
    ("utf16.csv", "reference,received_date\r\n".encode("utf-16"), "UTF-16"),
    ("utf16-no-bom.csv", ",".join(HEADER).encode("utf-16-le") + b"\r\x00\n\x00", "UTF-16"),
    ("workbook.csv", b"PK\x03\x04" + b"\x00" * 100, "rename it to end in .xlsx"),
    ("broken.xlsx", b"this is not a workbook", "cannot be read as an Excel workbook"),
    ("old.xls", b"\xd0\xcf\x11\xe0", "save it as CSV UTF-8"),
    ("empty.csv", b"", "is empty"),
    ("semicolons.csv", ";".join(HEADER).encode() + b"\r\n", "does not separate its columns with commas"),
])
def test_files_that_are_not_referral_lists_get_a_clear_error(db: Database, tmp_path: Path, name: str,
                                                            content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message) as exc:
        import_referrals(context(db), path)
    assert exc.value.field == "file"
    assert counts(db) == (0, 0, 0, 0)


def test_missing_and_unknown_headings_are_named(db: Database, tmp_path: Path) -> None:
    header = [h if h != "reference" else "refrence" for h in HEADER if h != "route"]
    with pytest.raises(ValidationErrors) as exc:
        read_referral_file(write_csv(tmp_path / "typo.csv", [GOOD[0]], header=header))
    found = problems(exc)
    assert found[0].startswith("columns: missing reference, route")
    assert found[1].startswith("columns: unknown heading refrence (column A)")
    with pytest.raises(UserError, match="was not found"):
        read_referral_file(tmp_path / "nowhere.csv")
    with pytest.raises(UserError, match="headings but no referral rows"):
        import_referrals(context(db), write_csv(tmp_path / "header-only.csv", []))


def test_a_value_in_a_column_without_a_heading_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "extra.csv"
    path.write_text(",".join(HEADER) + "\r\n" + ",".join(GOOD[0][h] for h in HEADER) + ",stray\r\n",
                    encoding="utf-8")
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(context(db), path)
    assert problems(exc) == ["row 2: column J: has a value but no heading; add a heading or clear the column"]


def test_hostile_text_is_stored_exactly(db: Database, tmp_path: Path) -> None:
    result = import_referrals(context(db), write_csv(tmp_path / "hostile.csv", HOSTILE))
    assert result.count == 4 and set(result.created_agencies) == {"@SUM(A1)", "Gwasanaethau ŵ ŷ"}
    with context(db).read() as s:
        stored = {r.reference: r for r in s.scalars(select(Referral).options(selectinload(Referral.children)))}
        assert stored['=HYPERLINK("http://x")'].children[0].pseudonym == "+1"
        assert stored['=HYPERLINK("http://x")'].summary == "-2"
        assert stored["NSCP-ŵ-👶"].summary == HOSTILE_SUMMARY
        assert stored["NSCP-ŵ-👶"].children[0].pseudonym == "Child ŵ 👶"
        # The one neutralising quote a spreadsheet export adds is removed; text itself is kept.
        assert stored["NSCP-Q"].summary == "'=already quoted\tand a tab"
        assert stored["NSCP-T"].summary == HOSTILE[3]["summary"]


def test_neutralising_is_undone_exactly() -> None:
    for text in ("=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x", "'plain", "plain", "", "a=b"):
        assert unneutralise(neutralise(text)) == text
    assert [neutralise(t) for t in ("=1", "+1", "-2", "@A", "\tx", "\rx", "'=x", "'x", "x")] == [
        "'=1", "'+1", "'-2", "'@A", "'\tx", "'\rx", "''=x", "'x", "x"]


# --- export ------------------------------------------------------------------------------------------------

def test_csv_export_has_a_bom_iso_dates_the_clocks_and_neutralised_formulas(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_referrals(ctx, write_csv(tmp_path / "in.csv", [*GOOD, *HOSTILE]))
    out = tmp_path / "out.csv"
    assert export_referrals(ctx, out, "csv") == 6
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = read_export_csv(out)
    assert rows[0] == list(EXPORT_COLUMNS)
    by_ref = {r[0]: dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in rows[1:]}
    # domain.md: LA aware Fri 19 Dec 2025 -> SIN due Tue 30 Dec 2025, rapid review due Wed 14 Jan 2026.
    first = by_ref["NSCP-2025-101"]
    assert (first["received_date"], first["la_aware_date"], first["sin_due"], first["rapid_review_due"]) == (
        "2025-12-22", "2025-12-19", "2025-12-30", "2026-01-14")
    assert (first["status"], first["route"], first["partners_aware_date"]) == ("received", "rapid_review", "")
    assert by_ref["NSCP-2025-102"]["incident_date"] == "2025-12-01"
    assert by_ref["NSCP-Q"]["sin_due"] == by_ref["NSCP-Q"]["rapid_review_due"] == ""  # no LA-aware date
    hostile = by_ref["'=HYPERLINK(\"http://x\")"]
    assert (hostile["child_pseudonym"], hostile["referrer_agency"], hostile["summary"]) == ("'+1", "'@SUM(A1)",
                                                                                            "'-2")
    assert by_ref["NSCP-Q"]["summary"] == "''=already quoted\tand a tab"
    assert by_ref["NSCP-T"]["summary"].startswith("'\t")
    assert by_ref["NSCP-ŵ-👶"]["summary"] == HOSTILE_SUMMARY
    assert '"\'=HYPERLINK(""http://x"")"' in raw.decode("utf-8-sig")
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    with ctx.read() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)).all()
        assert (event.field, event.new_value, event.user) == ("file", "out.csv: 6 referrals", "tester")


def test_xlsx_export_cells_are_strings_and_dates_never_formulas(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_referrals(ctx, write_csv(tmp_path / "in.csv", [*GOOD, *HOSTILE]))
    out = tmp_path / "out.xlsx"
    assert export_referrals(ctx, out, "xlsx") == 6
    sheet = openpyxl.load_workbook(out).active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS) and all(c.font.b for c in sheet[1])
    date_columns = {i for i, name in enumerate(EXPORT_COLUMNS) if "date" in name or name.endswith("_due")}
    values = {}
    for row in sheet.iter_rows(min_row=2):
        for i, cell in enumerate(row):
            if cell.value is None:
                continue
            if i in date_columns:
                assert isinstance(cell.value, dt.datetime) and cell.number_format == "yyyy-mm-dd"
            else:
                assert cell.data_type == "s", (cell.coordinate, cell.value)
        values[row[0].value] = row
    hostile = values["'=HYPERLINK(\"http://x\")"]
    assert [hostile[i].value for i in (2, 3, 8)] == ["'@SUM(A1)", "'+1", "'-2"]
    first = values["NSCP-2025-101"]
    assert first[10].value.date() == dt.date(2025, 12, 30) and first[11].value.date() == dt.date(2026, 1, 14)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_export_import_round_trips_exactly(db: Database, second_db: Database, tmp_path: Path,
                                                  fmt: str) -> None:
    import_referrals(context(db), write_csv(tmp_path / "in.csv", [*GOOD, *HOSTILE]))
    exported = tmp_path / f"first.{fmt}"
    export_referrals(context(db), exported, fmt)
    result = import_referrals(context(second_db), exported)
    assert result.count == 6
    first_csv, second_csv = tmp_path / "a.csv", tmp_path / "b.csv"
    export_referrals(context(db), first_csv, "csv")
    export_referrals(context(second_db), second_csv, "csv")
    assert read_export_csv(first_csv) == read_export_csv(second_csv)
    assert first_csv.read_bytes() == second_csv.read_bytes()
    if fmt == "xlsx":
        again = tmp_path / "second.xlsx"
        export_referrals(context(second_db), again, "xlsx")
        first_rows = list(openpyxl.load_workbook(exported).active.values)
        assert first_rows == list(openpyxl.load_workbook(again).active.values)


def test_unsure_route_exports_and_imports_again(db: Database, second_db: Database, tmp_path: Path) -> None:
    import_referrals(context(db), write_csv(tmp_path / "in.csv", [{**GOOD[0], "route": "unsure"}]))
    export_referrals(context(db), tmp_path / "out.csv", "csv")
    assert read_export_csv(tmp_path / "out.csv")[1][7] == "unsure"
    assert import_referrals(context(second_db), tmp_path / "out.csv").count == 1


def test_export_never_includes_the_real_identity(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_referrals(ctx, write_csv(tmp_path / "in.csv", [GOOD[0]]))
    with ctx.unit_of_work() as s:
        child = s.scalars(select(ReferralChild)).one()
        s.add(ChildIdentity(child_id=child.id, full_name="Jane Realname", nhs_number="943 476 5919",
                            address="1 Secret Street"))
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"out.{fmt}"
        export_referrals(ctx, out, fmt)
        values = (read_export_csv(out) if fmt == "csv"
                  else [[str(v) for v in row] for row in openpyxl.load_workbook(out).active.values])
        flat = " ".join(" ".join(row) for row in values)
        assert "Child N" in flat
        assert "Realname" not in flat and "943 476" not in flat and "Secret" not in flat


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_referrals(ctx, write_csv(tmp_path / "in.csv", [{**GOOD[0], "summary": "y" * 40_000}]))
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "referrals.xlsx"
    out.write_bytes(b"previous export")
    audit_before = counts(db)[3]
    with pytest.raises(UserError, match="longer than an Excel cell can hold"):
        export_referrals(ctx, out, "xlsx")
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in folder.iterdir()] == ["referrals.xlsx"]
    assert counts(db)[3] == audit_before
    assert export_referrals(ctx, folder / "referrals.csv", "csv") == 1  # CSV holds any length


def test_export_refuses_an_unknown_format_or_a_mismatched_name(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(UserError, match="choose csv or xlsx"):
        export_referrals(context(db), folder / "out.json", "json")
    with pytest.raises(UserError, match="ends in .xlsx but the format is csv"):
        export_referrals(context(db), folder / "out.xlsx", "csv")
    with pytest.raises(UserError, match="does not exist"):
        export_referrals(context(db), folder / "missing" / "out.csv", "csv")
    assert list(folder.iterdir()) == []


# --- statuses: an export is a faithful transfer, or it is refused ------------------------------------------

def _statuses(db: Database) -> dict[str, ReferralStatus]:
    with context(db).read() as s:
        return {ref: status for ref, status in s.execute(select(Referral.reference, Referral.status))}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_keeps_every_status_or_refuses_the_file(db: Database, second_db: Database,
                                                                    tmp_path: Path, fmt: str) -> None:
    """A closed referral, and others part way through the flow, are never re-imported as "received" with
    overdue clocks: the file names each of them and nothing is imported. Received ones round-trip exactly."""
    import records

    ctx = records.context(db, "tester")
    world = records.setup(ctx)
    records.referral(ctx, world, "received", "NSCP-R")
    records.referral(ctx, world, "rapid_review", "NSCP-RR")
    closed = records.referral(ctx, world, "panel_responded", "NSCP-C")
    WorkflowService(ctx).decide(closed, records.referral_version(ctx, closed), decision=Decision.NO_FURTHER_REVIEW,
                                decision_date=dt.date(2026, 2, 2), rationale="Learning taken forward in training",
                                criteria=records.ALL_YES)
    assert _statuses(db) == {"NSCP-R": ReferralStatus.RECEIVED, "NSCP-RR": ReferralStatus.RAPID_REVIEW,
                             "NSCP-C": ReferralStatus.CLOSED}
    exported = tmp_path / f"all.{fmt}"
    assert export_referrals(ctx, exported, fmt) == 3
    before = counts(second_db)
    with pytest.raises(ValidationErrors) as exc:
        import_referrals(records.context(second_db, "tester"), exported)
    found = problems(exc)
    assert len(found) == 3 and found[0].startswith("status: this file holds referrals whose status an import "
                                                   "cannot keep") and "db backup and db restore" in found[0], found
    rows = {r[0]: i + 2 for i, r in enumerate(read_export_csv(_as_csv(exported, tmp_path))[1:])}
    assert found[1:] == [f'row {rows["NSCP-RR"]}: status: "rapid_review" would be lost (an import creates '
                         'referrals as "received")',
                         f'row {rows["NSCP-C"]}: status: "closed" would be lost (an import creates referrals as '
                         '"received")']
    assert counts(second_db) == before and _statuses(second_db) == {}
    # The coordinator keeps only the referral that has not moved on: it imports, and is still received.
    only_received = tmp_path / f"received.{fmt}"
    sheet_rows = [dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in read_export_csv(_as_csv(exported, tmp_path))[1:]]
    kept = [r for r in sheet_rows if r["reference"] == "NSCP-R"]
    (write_csv if fmt == "csv" else write_xlsx)(only_received, kept, header=list(EXPORT_COLUMNS))
    assert import_referrals(records.context(second_db, "tester"), only_received).count == 1
    assert _statuses(second_db) == {"NSCP-R": ReferralStatus.RECEIVED}


def _as_csv(path: Path, tmp_path: Path) -> Path:
    if path.suffix == ".csv":
        return path
    sheet = openpyxl.load_workbook(path).active
    rows = [["" if c.value is None else (c.value.date().isoformat() if isinstance(c.value, dt.datetime)
                                         else str(c.value)) for c in row] for row in sheet.iter_rows()]
    out = tmp_path / "converted.csv"
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return out


@pytest.mark.parametrize(("status", "problem"), [
    ("received", None), ("Received", None), ("", None),
    ("RR sent to Panel", '"rr_sent" would be lost'),
    ("closed", '"closed" would be lost'),
    ("shut", '"shut" is not a referral status'),
])
def test_a_status_column_is_checked_against_the_flow(db: Database, tmp_path: Path, status: str,
                                                     problem: str | None) -> None:
    path = write_csv(tmp_path / "in.csv", [{**GOOD[0], "status": status}], header=[*HEADER, "status"])
    if problem is None:
        assert import_referrals(context(db), path).count == 1
        assert _statuses(db) == {"NSCP-2025-101": ReferralStatus.RECEIVED}
        return
    with pytest.raises(UserError) as exc:
        import_referrals(context(db), path)
    assert any(p.startswith(f"row 2: status: {problem}") for p in problems(exc)), problems(exc)
    assert _statuses(db) == {}

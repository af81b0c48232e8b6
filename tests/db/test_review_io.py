"""Review import and export on both databases: all or nothing in, themes found or created, formula-safe out,
exact round trips."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest
import sheets
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from storagekit import fresh_url

from scpdesk.errors import UserError, ValidationErrors
from scpdesk.models import AuditEvent, Review, Theme
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import AuditAction, ReviewStatus, ReviewType
from scpdesk.services import ServiceContext
from scpdesk.services.library.review_io import (
    EXPORT_COLUMNS,
    IMPORT_COLUMNS,
    ReviewImportResult,
    export_reviews,
    import_reviews,
    pseudonym_from_title,
    read_review_file,
)

TODAY = dt.date(2026, 1, 20)
HEADER = list(IMPORT_COLUMNS)
SEEDED_THEMES = 19

GOOD = [
    {"reference": "NSCP-CR-2025-01", "title": "Child N: safer sleep", "review_type": "lcspr",
     "partnership": "Northshire SCP", "published": "2025-03-03", "themes": "Neglect; domestic abuse ;",
     "summary": "Baby N died after co-sleeping.", "url": "https://northshire.example/reviews/child-n"},
    {"reference": "NSCP-CR-2025-02", "title": "Thematic review of exploitation", "review_type": "Thematic",
     "partnership": "", "published": "", "themes": "criminal exploitation;County lines;county LINES",
     "summary": "", "url": ""},
    {"reference": "NSCP-CR-2025-03", "title": "Family B2", "review_type": "learning summary",
     "partnership": "Northshire and Westvale", "published": "1/12/2025", "themes": "", "summary": "",
     "url": "http://example.org/b2"},
]

HOSTILE_SUMMARY = "Plentyn ŵ ŷ 👶 <b>&amp;</b> <img src=\"file:///etc/passwd\"/>\n" + "x" * 10_000
HOSTILE = [
    {"reference": '=HYPERLINK("http://x")', "title": "@SUM(A1)", "review_type": "plr", "partnership": "+1",
     "published": "", "themes": "=cmd|' /C calc'!A0; -neglect", "summary": "-2", "url": ""},
    {"reference": "NSCP-ŵ-👶", "title": "Child Ŵ ŷ 👶 <script>", "review_type": "joint",
     "partnership": "Gwasanaethau ŵ ŷ", "published": "", "themes": "Llais y plentyn ŵ", "summary": HOSTILE_SUMMARY,
     "url": ""},
    {"reference": "NSCP-Q", "title": "Family X", "review_type": "national", "partnership": "", "published": "",
     "themes": "", "summary": "''=already quoted\tand a tab", "url": ""},
]


def context(db: Database) -> ServiceContext:
    return ServiceContext(db, user="tester", today=lambda: TODAY)


def write_csv(path: Path, rows: Sequence[dict[str, str]], *, header: Sequence[str] = HEADER,
              encoding: str = "utf-8") -> Path:
    return sheets.write_csv(path, header, rows, encoding=encoding)


def write_xlsx(path: Path, rows: Sequence[dict[str, object]], *, header: Sequence[str] = HEADER) -> Path:
    return sheets.write_xlsx(path, header, rows)


def counts(db: Database) -> tuple[int, int, int]:
    with context(db).read() as s:
        return tuple(s.scalar(select(func.count()).select_from(model))  # type: ignore[return-value]
                     for model in (Review, Theme, AuditEvent))


def problems(exc: pytest.ExceptionInfo[UserError]) -> list[str]:
    return [str(e) for e in getattr(exc.value, "errors", [exc.value])]


def read_export_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def stored(db: Database) -> dict[str, tuple[object, ...]]:
    with context(db).read() as s:
        return {r.reference: (r.title, r.pseudonym, r.review_type, r.partnership, r.status, r.published_date,
                              sorted(t.name for t in r.themes), r.summary, r.report_url)
                for r in s.scalars(select(Review).options(selectinload(Review.themes)))}


@pytest.fixture
def second_db(db_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """Another fresh, migrated database on the same back end as ``db``."""
    url = fresh_url(db_url, request, tmp_path, "rio")
    database = open_database(url, user="tester")
    yield database
    database.dispose()


# --- import ------------------------------------------------------------------------------------------------

def test_a_good_csv_imports_with_statuses_pseudonyms_and_themes(db: Database, tmp_path: Path) -> None:
    result = import_reviews(context(db), write_csv(tmp_path / "reviews.csv", GOOD))
    assert isinstance(result, ReviewImportResult)
    assert (result.count, result.references) == (3, ("NSCP-CR-2025-01", "NSCP-CR-2025-02", "NSCP-CR-2025-03"))
    assert result.created_themes == ("County lines",)  # seeded ones matched ignoring case; repeats once
    assert result.changes.touches("review") and result.changes.touches("theme")
    found = stored(db)
    assert found["NSCP-CR-2025-01"] == (
        "Child N: safer sleep", "Child N", ReviewType.LCSPR, "Northshire SCP", ReviewStatus.PUBLISHED,
        dt.date(2025, 3, 3), ["domestic abuse", "neglect"], "Baby N died after co-sleeping.",
        "https://northshire.example/reviews/child-n")
    assert found["NSCP-CR-2025-02"][1:7] == ("", ReviewType.THEMATIC, "", ReviewStatus.COMMISSIONED, None,
                                             ["County lines", "criminal exploitation"])
    assert found["NSCP-CR-2025-03"][1:6] == ("Family B2", ReviewType.LEARNING_SUMMARY, "Northshire and Westvale",
                                             ReviewStatus.PUBLISHED, dt.date(2025, 12, 1))
    assert counts(db)[1] == SEEDED_THEMES + 1
    with context(db).read() as s:
        events = [(e.user, e.new_value) for e in s.scalars(select(AuditEvent)
                                                            .where(AuditEvent.action == AuditAction.IMPORT))]
        inserted = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == AuditAction.INSERT, AuditEvent.entity == "review", AuditEvent.field == "reference"))
    assert events == [("tester", "reviews.csv: 3 reviews")]
    assert inserted == 3


def test_an_xlsx_imports_with_date_cells(db: Database, tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [dict(r) for r in GOOD]
    rows[0]["published"] = dt.datetime(2025, 3, 3)
    rows[2]["published"] = dt.date(2025, 12, 1)
    rows[1]["published"] = None
    assert import_reviews(context(db), write_xlsx(tmp_path / "r.xlsx", rows)).count == 3
    found = stored(db)
    assert found["NSCP-CR-2025-01"][5] == dt.date(2025, 3, 3) and found["NSCP-CR-2025-03"][5] == dt.date(2025, 12, 1)
    assert found["NSCP-CR-2025-02"][4] is ReviewStatus.COMMISSIONED


@pytest.mark.parametrize(("title", "pseudonym"), [
    ("Child N", "Child N"),
    ("Child N: safer sleep", "Child N"),
    ("Child B2 – learning summary", "Child B2"),
    ("Family LM", "Family LM"),
    ("child q (2024)", ""),             # X must start with a capital or a digit
    ("Child 7", "Child 7"),
    ("Child Ŵ", "Child Ŵ"),
    ("Child Safeguarding Practice Review", ""),
    ("Children A and B", ""),
    ("Thematic review: Child N and others", ""),
    ("Child ABCD", ""),
    ("", ""),
])
def test_the_pseudonym_comes_from_the_title(title: str, pseudonym: str) -> None:
    assert pseudonym_from_title(title) == pseudonym


def test_every_bad_row_is_reported_and_nothing_is_imported(db: Database, tmp_path: Path) -> None:
    import_reviews(context(db), write_csv(tmp_path / "first.csv", [GOOD[0]]))
    before = counts(db)
    ok = GOOD[1]
    rows = [
        {**ok, "reference": "OK-1"},                                                   # row 2: fine
        {**ok, "reference": "", "title": ""},                                          # row 3
        {**ok, "reference": "R4", "review_type": "rapid review"},                      # row 4
        {**ok, "reference": "R5", "published": "12/19/2025"},                          # row 5
        {**ok, "reference": "R6", "published": "2026-02-01"},                          # row 6: future
        {**ok, "reference": "R7", "url": "javascript:alert(1)"},                       # row 7
        {**ok, "reference": "r4"},                                                     # row 8: repeats row 4
        {**ok, "reference": "nscp-cr-2025-01"},                                        # row 9: in the database
        {**ok, "reference": "R10", "title": "T" * 301, "themes": "x" * 121},           # row 10
        {**ok, "reference": "R11", "summary": "nul\x00byte"},                          # row 11
        {**ok, "reference": "R" * 41, "review_type": ""},                              # row 12
    ]
    with pytest.raises(ValidationErrors) as exc:
        import_reviews(context(db), write_csv(tmp_path / "bad.csv", rows))
    assert problems(exc) == [
        "row 3: reference: enter the review reference, e.g. NSCP-CR-2025-01",
        "row 3: title: enter the review's title, e.g. Child N",
        'row 4: review_type: "rapid review" is not a review type; use lcspr, learning_summary, plr, thematic or '
        "joint",
        'row 5: published: "12/19/2025" looks like a US date (month/day); use 19/12/2025 or 2025-12-19',
        "row 6: published: 01/02/2026 is in the future; enter the date it was published (leave it blank for a "
        "review not yet published)",
        "row 7: url: give a web address starting http:// or https:// (or leave it blank)",
        "row 8: reference: r4 is also used in row 4; each review needs its own reference",
        "row 9: reference: nscp-cr-2025-01 is already in the database (as NSCP-CR-2025-01); choose another "
        "reference or remove the row",
        "row 10: title: keep the title to 300 characters or fewer (it has 301)",
        'row 10: themes: keep each theme to 120 characters or fewer ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" has 121); '
        "separate themes with ;",
        "row 11: summary: contains a NUL (zero) byte; remove it and save the file again",
        "row 12: reference: keep the reference to 40 characters or fewer (it has 41)",
        "row 12: review_type: enter the review type: lcspr, learning_summary, plr, thematic or joint",
    ]
    assert counts(db) == before  # no review, no new theme ("County lines"), no audit event


def test_headings_and_files_are_checked(db: Database, tmp_path: Path) -> None:
    header = [h if h != "title" else "titel" for h in HEADER if h != "url"]
    with pytest.raises(ValidationErrors) as exc:
        read_review_file(write_csv(tmp_path / "typo.csv", [GOOD[0]], header=header))
    found = problems(exc)
    assert found[0].startswith("columns: missing title, url")
    assert found[1].startswith("columns: unknown heading titel (column B)")
    loose = [" Reference", "TITLE", "Review Type", "partnership", "published", "themes", "summary", "url",
             "status"]
    rows = [{h: GOOD[0][canon] for h, canon in zip(loose, HEADER, strict=False)}]
    assert import_reviews(context(db), write_csv(tmp_path / "loose.csv", rows, header=loose,
                                                 encoding="utf-8-sig")).count == 1
    with pytest.raises(UserError, match="was not found"):
        import_reviews(context(db), tmp_path / "nowhere.csv")
    with pytest.raises(UserError, match="headings but no review rows"):
        import_reviews(context(db), write_csv(tmp_path / "empty.csv", []))
    with pytest.raises(UserError, match="choose a .csv or .xlsx file"):
        import_reviews(context(db), tmp_path / "reviews.json")
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"not a workbook")
    with pytest.raises(UserError, match="cannot be read as an Excel workbook"):
        import_reviews(context(db), garbage)
    path = tmp_path / "extra.csv"
    path.write_text(",".join(HEADER) + "\r\n" + ",".join(["X-1", "T", "plr", "", "", "", "", ""]) + ",stray\r\n",
                    encoding="utf-8")
    with pytest.raises(ValidationErrors) as exc:
        import_reviews(context(db), path)
    assert problems(exc) == ["row 2: column I: has a value but no heading; add a heading or clear the column"]


def test_hostile_text_is_stored_exactly(db: Database, tmp_path: Path) -> None:
    result = import_reviews(context(db), write_csv(tmp_path / "hostile.csv", HOSTILE))
    assert result.count == 3
    assert set(result.created_themes) == {"=cmd|' /C calc'!A0", "-neglect", "Llais y plentyn ŵ"}
    found = stored(db)
    first = found['=HYPERLINK("http://x")']
    assert (first[0], first[3], first[6], first[7]) == ("@SUM(A1)", "+1", ["-neglect", "=cmd|' /C calc'!A0"], "-2")
    welsh = found["NSCP-ŵ-👶"]
    assert (welsh[0], welsh[1], welsh[7]) == ("Child Ŵ ŷ 👶 <script>", "Child Ŵ", HOSTILE_SUMMARY)
    assert found["NSCP-Q"][2] is ReviewType.NATIONAL
    assert found["NSCP-Q"][7] == "'=already quoted\tand a tab"  # one neutralising quote removed


def test_too_long_and_nul_cells_are_refused_clearly(db: Database, tmp_path: Path) -> None:
    rows = [{**HOSTILE[1], "title": "ŵ" * 10_000}, {**GOOD[1], "partnership": "a\x00b", "reference": "N2"}]
    with pytest.raises(ValidationErrors) as exc:
        import_reviews(context(db), write_csv(tmp_path / "long.csv", rows))
    assert problems(exc) == ["row 2: title: keep the title to 300 characters or fewer (it has 10,000)",
                             "row 3: partnership: contains a NUL (zero) byte; remove it and save the file again"]
    assert counts(db)[0] == 0


# --- export ------------------------------------------------------------------------------------------------

def test_csv_export_has_a_bom_iso_dates_and_neutralised_cells(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_reviews(ctx, write_csv(tmp_path / "in.csv", [*GOOD, *HOSTILE]))
    out = tmp_path / "out.csv"
    assert export_reviews(ctx, out, "csv") == 6
    raw = out.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = read_export_csv(out)
    assert rows[0] == list(EXPORT_COLUMNS)
    by_ref = {r[0]: dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in rows[1:]}
    first = by_ref["NSCP-CR-2025-01"]
    assert (first["published"], first["themes"], first["review_type"], first["status"]) == (
        "2025-03-03", "domestic abuse; neglect", "lcspr", "published")
    assert by_ref["NSCP-CR-2025-02"]["published"] == "" and by_ref["NSCP-CR-2025-02"]["status"] == "commissioned"
    hostile = by_ref["'=HYPERLINK(\"http://x\")"]
    assert (hostile["title"], hostile["partnership"], hostile["summary"], hostile["themes"]) == (
        "'@SUM(A1)", "'+1", "'-2", "'-neglect; =cmd|' /C calc'!A0")
    assert by_ref["NSCP-Q"]["summary"] == "''=already quoted\tand a tab"
    assert by_ref["NSCP-ŵ-👶"]["summary"] == HOSTILE_SUMMARY
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    with ctx.read() as s:
        [event] = [(e.field, e.new_value, e.user, e.entity) for e in
                   s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT))]
    assert event == ("file", "out.csv: 6 reviews", "tester", "review")


def test_xlsx_export_cells_are_strings_never_formulas(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_reviews(ctx, write_csv(tmp_path / "in.csv", [*GOOD, *HOSTILE]))
    out = tmp_path / "out.xlsx"
    assert export_reviews(ctx, out, "xlsx") == 6
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Reviews" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS) and all(c.font.b for c in sheet[1])
    published = EXPORT_COLUMNS.index("published")
    values = {}
    for row in sheet.iter_rows(min_row=2):
        for i, cell in enumerate(row):
            if cell.value is None:
                continue
            if i == published:
                assert isinstance(cell.value, dt.datetime) and cell.number_format == "yyyy-mm-dd"
            else:
                assert cell.data_type == "s", (cell.coordinate, cell.value)
        values[row[0].value] = [c.value for c in row]
    assert values["'=HYPERLINK(\"http://x\")"][1:4] == ["'@SUM(A1)", "plr", "'+1"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_export_import_round_trips_exactly(db: Database, second_db: Database, tmp_path: Path,
                                                  fmt: str) -> None:
    import_reviews(context(db), write_csv(tmp_path / "in.csv", [*GOOD, *HOSTILE]))
    exported = tmp_path / f"first.{fmt}"
    export_reviews(context(db), exported, fmt)
    result = import_reviews(context(second_db), exported)
    assert result.count == 6
    assert stored(db) == stored(second_db)
    first_csv, second_csv = tmp_path / "a.csv", tmp_path / "b.csv"
    export_reviews(context(db), first_csv, "csv")
    export_reviews(context(second_db), second_csv, "csv")
    assert first_csv.read_bytes() == second_csv.read_bytes()
    if fmt == "xlsx":
        again = tmp_path / "second.xlsx"
        export_reviews(context(second_db), again, "xlsx")
        assert list(openpyxl.load_workbook(exported).active.values) == list(
            openpyxl.load_workbook(again).active.values)


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(db: Database, tmp_path: Path) -> None:
    ctx = context(db)
    import_reviews(ctx, write_csv(tmp_path / "in.csv", [{**GOOD[0], "summary": "y" * 40_000}]))
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "reviews.xlsx"
    out.write_bytes(b"previous export")
    audit_before = counts(db)[2]
    with pytest.raises(UserError, match="summary in row 2 .* is longer than an Excel cell can hold"):
        export_reviews(ctx, out, "xlsx")
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in folder.iterdir()] == ["reviews.xlsx"]
    assert counts(db)[2] == audit_before
    with pytest.raises(UserError, match="choose csv or xlsx, not json"):
        export_reviews(ctx, folder / "out.json", "json")
    with pytest.raises(UserError, match="ends in .csv but the format is xlsx"):
        export_reviews(ctx, folder / "out.csv", "xlsx")
    with pytest.raises(UserError, match="does not exist"):
        export_reviews(ctx, folder / "missing" / "out.csv", "csv")
    assert export_reviews(ctx, folder / "reviews.csv", "csv") == 1  # CSV holds any length


# --- statuses: an export is a faithful transfer, or it is refused ------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_keeps_every_status_or_refuses_the_file(db: Database, second_db: Database,
                                                                    tmp_path: Path, fmt: str) -> None:
    """A review in review or deferred is never re-imported as "commissioned": the file names each such row and
    nothing is imported. Commissioned and published reviews round-trip with their status."""
    import_reviews(context(db), write_csv(tmp_path / "in.csv", GOOD))
    with context(db).unit_of_work() as s:  # two reviews move on in the library
        for ref, status in (("NSCP-CR-2025-02", ReviewStatus.IN_REVIEW), ("NSCP-CR-2025-03", ReviewStatus.COMPLETED)):
            s.scalars(select(Review).where(Review.reference == ref)).one().status = status
    exported = tmp_path / f"all.{fmt}"
    assert export_reviews(context(db), exported, fmt) == 3
    before = counts(second_db)
    with pytest.raises(ValidationErrors) as exc:
        import_reviews(context(second_db), exported)
    assert [p.split(" would be lost")[0] for p in problems(exc)][1:] == [
        'row 3: status: "in_review"', 'row 4: status: "completed"']
    assert problems(exc)[0].startswith("status: this file holds reviews whose status an import cannot keep")
    assert counts(second_db) == before
    # Put back where the import can keep them: every status survives the round trip.
    with context(db).unit_of_work() as s:
        s.scalars(select(Review).where(Review.reference == "NSCP-CR-2025-02")).one().status = \
            ReviewStatus.COMMISSIONED
        s.scalars(select(Review).where(Review.reference == "NSCP-CR-2025-03")).one().status = \
            ReviewStatus.PUBLISHED
    export_reviews(context(db), exported, fmt)
    assert import_reviews(context(second_db), exported).count == 3
    assert {ref: v[4] for ref, v in stored(second_db).items()} == {ref: v[4] for ref, v in stored(db).items()} == {
        "NSCP-CR-2025-01": ReviewStatus.PUBLISHED, "NSCP-CR-2025-02": ReviewStatus.COMMISSIONED,
        "NSCP-CR-2025-03": ReviewStatus.PUBLISHED}


@pytest.mark.parametrize(("published", "status", "problem"), [
    ("2025-03-03", "published", None), ("", "Commissioned", None), ("", "", None),
    ("", "published", '"published" would be lost'), ("2025-03-03", "commissioned", '"commissioned" would be lost'),
    ("", "Final agreed", '"final_agreed" would be lost'), ("", "done", '"done" is not a review status'),
])
def test_a_status_column_must_be_the_one_the_import_gives(db: Database, tmp_path: Path, published: str, status: str,
                                                          problem: str | None) -> None:
    path = write_csv(tmp_path / "in.csv", [{**GOOD[0], "published": published, "status": status}],
                     header=[*HEADER, "status"])
    if problem is None:
        assert import_reviews(context(db), path).count == 1
        return
    with pytest.raises(UserError) as exc:
        import_reviews(context(db), path)
    assert any(p.startswith(f"row 2: status: {problem}") for p in problems(exc)), problems(exc)
    assert stored(db) == {}

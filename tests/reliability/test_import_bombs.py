"""Import bombs: hostile and broken files are refused quickly, in bounded memory, naming the row and the fix,
and import nothing; large honest files stream.

Each file here is built in a second or two. Time bounds are generous (30 s for what takes a second or two now,
and many minutes before); memory is measured with ``tracemalloc`` around the import, or as the peak RSS of a
process that reads a large file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sheets
from sqlalchemy import func, select

from scpdesk.errors import UserError, ValidationErrors
from scpdesk.models import AuditEvent, ClosureDay, Referral
from scpdesk.models.database import Database, open_database
from scpdesk.services import ServiceContext, spreadsheet
from scpdesk.services.organisation.closures import import_closures
from scpdesk.services.referrals import referral_io
from scpdesk.services.referrals.referral_io import IMPORT_COLUMNS, import_referrals
from scpdesk.services.spreadsheet import (
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_CSV_CELL_CHARS,
    MAX_ROWS,
    MAX_XLSX_RATIO,
    iter_table,
    read_table,
)

TODAY = dt.date(2026, 1, 20)
HEADER = list(IMPORT_COLUMNS)
SECONDS = 30  # for what takes a second or two now, even on a loaded machine (minutes before)
MB = 1024 * 1024


def referral(n: int, **changes: str) -> dict[str, str]:
    return {"reference": f"NSCP-{n:06d}", "received_date": "2025-12-22", "referrer_agency": "Northshire Police",
            "child_pseudonym": "Child N", "incident_date": "", "la_aware_date": "", "partners_aware_date": "",
            "route": "rapid_review", "summary": f"Referral {n}.", **changes}


@pytest.fixture
def local_db(sqlite_db_url: str) -> Iterator[Database]:
    """For files refused before the database is reached: one back end is enough (``db`` runs both)."""
    database = open_database(sqlite_db_url, user="tester")
    yield database
    database.dispose()


def context(db: Database) -> ServiceContext:
    return ServiceContext(db, user="tester", today=lambda: TODAY)


def saved(db: Database) -> tuple[int, int]:
    with context(db).read() as s:
        return s.scalar(select(func.count()).select_from(Referral)), s.scalar(
            select(func.count()).select_from(AuditEvent))


def refused(db: Database, path: Path, *, budget_mb: float = 32, trace: bool = True
            ) -> tuple[list[str], float, float]:
    """Import ``path``, which must be refused with nothing saved; its problems (``field: message``), seconds
    and peak traced memory in MB (``trace``: tracemalloc slows a million small allocations many times over)."""
    before = saved(db)
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(UserError) as exc:
            import_referrals(context(db), path)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / MB if trace else 0
    finally:
        tracemalloc.stop()
    assert saved(db) == before
    assert seconds < SECONDS and peak < budget_mb, (seconds, peak)
    return [str(e) for e in getattr(exc.value, "errors", [exc.value])], seconds, peak


def csv_text(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def line(row: dict[str, str]) -> str:
    return ",".join(row[h] for h in HEADER) + "\r\n"


# --- CSV -------------------------------------------------------------------------------------------------

def test_an_unclosed_quote_at_the_end_is_refused_naming_its_row(db: Database, tmp_path: Path) -> None:
    """The reported bug: the summary's open quote swallowed the next row, and the file imported."""
    path = csv_text(tmp_path / "unclosed.csv", ",".join(HEADER) + "\r\n" + line(referral(1))
                    + line(referral(2, summary='"Baby with bruising')) + line(referral(3)))
    problems, _, _ = refused(db, path)
    assert problems == ['row 3: a cell in this row (from line 3 of the file to line 4) opens a quote (") that '
                        'is never closed properly, so it would swallow the rows after it; add the closing " (or '
                        'double a " inside the cell as "") and save the file again']


def test_an_unclosed_quote_closed_by_a_later_row_is_refused(local_db: Database, tmp_path: Path) -> None:
    """The quote is 'closed' by the next row's quoted cell, so the file parses leniently into fewer rows."""
    path = csv_text(tmp_path / "unclosed.csv", ",".join(HEADER) + "\r\n"
                    + line(referral(1, summary='"Baby with bruising')) + line(referral(2, summary='"quoted"'))
                    + line(referral(3)))
    problems, _, _ = refused(local_db, path)
    assert len(problems) == 1 and problems[0].startswith("row 2: a cell in this row (from line 2 of the file to "
                                                         "line 3) opens a quote")


def test_a_quote_that_never_closes_stops_at_the_cell_limit_not_the_end_of_memory(
        local_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "runaway.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\r\n" + line(referral(1, summary='"never closed')))
        for n in range(2, 40_000):  # 2.6 MB of rows the quote would swallow
            f.write(line(referral(n)))
    problems, _, peak = refused(local_db, path)
    assert problems == [f'row 2: a cell in this row is longer than {MAX_CSV_CELL_CHARS:,} characters, or a " that '
                        'opens a cell is never closed; shorten the cell or check the quotes in this row']
    assert peak < 4


def test_quoted_cells_running_over_many_lines_stop_at_the_row_limit(local_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "runaway.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\r\n" + ",".join(referral(1)[h] for h in HEADER[:-1]))
        for _ in range(20):  # quoted cells of 100,000 characters, each closed, each on many lines
            f.write(',"' + ("y" * 999 + "\n") * 100 + '"')
        f.write("\r\n")
    problems, _, _ = refused(local_db, path)
    assert problems == ['row 2: this row (from line 2 of the file) is longer than 1,000,000 characters; a " that '
                        'opens a cell may never be closed: check the quotes in this row and save the file again']


def test_a_nul_byte_is_refused_naming_row_and_column(local_db: Database, tmp_path: Path) -> None:
    path = sheets.write_csv(tmp_path / "nul.csv", HEADER, [referral(1), referral(2, referrer_agency="Police\x00")])
    problems, _, _ = refused(local_db, path)
    assert problems == ["row 3: referrer_agency: contains a NUL (zero) byte; remove it and save the file again"]
    closures = csv_text(tmp_path / "closures.csv", "date,reason\r\n2026-12-29,Closed\x00\r\n")
    with pytest.raises(ValidationErrors) as exc:
        import_closures(context(local_db), closures)
    assert [str(e) for e in exc.value.errors] == ["row 2: reason: remove the control characters from the reason"]
    with context(local_db).read() as s:
        assert s.scalar(select(func.count()).select_from(ClosureDay)) == 0


def test_bytes_that_are_not_utf8_in_a_utf8_file_are_refused_naming_row_and_column(
        local_db: Database, tmp_path: Path) -> None:
    """A file mixing encodings (pasted text from elsewhere) would otherwise be read as Windows-1252 throughout,
    turning every ŵ into mojibake."""
    text = (",".join(HEADER) + "\r\n" + line(referral(1, summary="Gwasanaethau ŵ ŷ"))
            + line(referral(2, summary="Cafe, pasted from elsewhere"))).encode()
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.replace(b"Cafe", b"Caf\xe9"))
    problems, _, _ = refused(local_db, path)
    assert len(problems) == 1
    assert problems[0].startswith("row 3: column I: holds a byte (0xE9) that is not UTF-8 text, in a file that is "
                                  "otherwise UTF-8; save it as CSV UTF-8")


def test_too_many_rows_are_refused_at_the_limit(local_db: Database, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for n in range(1, MAX_ROWS + 2):
            f.write(line(referral(n)))
            if n % 1000 == 0:
                f.write(",,,,\r\n")  # blank rows are not counted
    with pytest.raises(UserError) as exc:
        sum(1 for _ in iter_table(path, HEADER))
    assert str(exc.value) == (f"row {MAX_ROWS + 2 + MAX_ROWS // 1000}: many.csv has more than {MAX_ROWS:,} rows (not "
                              "counting blank ones), more than one import can take; split it into files of at most "
                              "100,000 rows and under 50 MB, and import each")
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 1000)  # the import refuses it, importing nothing
    problems, _, _ = refused(local_db, path)
    assert problems[0].startswith("row 1003: many.csv has more than 1,000 rows")


def test_blank_lines_past_excels_last_row_are_refused(local_db: Database, tmp_path: Path) -> None:
    """Blank rows are skipped, but not without end: a file of line breaks stops at row 1,048,577."""
    path = csv_text(tmp_path / "blank.csv", ",".join(HEADER) + "\r\n" + line(referral(1)) + "\n" * 2_000_000)
    problems, _, _ = refused(local_db, path, trace=False)
    assert problems == ["row 1048577: the file has more than 1,048,576 lines (Excel's limit), counting blank ones; "
                        "delete the blank lines or split it into files of at most 100,000 rows and under 50 MB, and "
                        "import each"]


def test_a_value_beyond_the_last_column_is_refused_but_empty_columns_are_ignored(
        local_db: Database, tmp_path: Path) -> None:
    wide = csv_text(tmp_path / "wide.csv", ",".join(HEADER) + "\r\n"
                    + line(referral(1)).rstrip("\r\n") + "," * (MAX_COLUMNS - len(HEADER) + 1) + "stray\r\n")
    problems, _, _ = refused(local_db, wide)
    assert problems == ["row 2: column GS holds a value, but an import can use at most 200 columns (A to GR); "
                        "delete the columns after GR"]
    commas = csv_text(tmp_path / "commas.csv", ",".join(HEADER) + "," * 50_000 + "\r\n"
                      + line(referral(1)).rstrip("\r\n") + "," * 50_000 + "\r\n")
    assert import_referrals(context(local_db), commas).count == 1


def test_a_cell_longer_than_the_limit_is_refused_naming_row_and_column(local_db: Database, tmp_path: Path) -> None:
    path = sheets.write_csv(tmp_path / "long.csv", HEADER, [referral(1, summary="x" * (MAX_CSV_CELL_CHARS + 1))])
    problems, _, _ = refused(local_db, path)
    assert problems[0].startswith(f"row 2: a cell in this row is longer than {MAX_CSV_CELL_CHARS:,} characters")
    path = sheets.write_csv(tmp_path / "long2.csv", HEADER, [referral(1, reference="x" * MAX_CSV_CELL_CHARS,
                                                                      summary="y" * 1000)])
    problems, _, _ = refused(local_db, path)
    assert problems == ["row 2: reference: keep the reference to 40 characters or fewer (it has 131072)"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
        local_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = sheets.write_csv(tmp_path / "big.csv", HEADER, [referral(n) for n in range(1, 2000)])
    monkeypatch.setattr(spreadsheet, "MAX_FILE_BYTES", 100_000)  # the real 50 MB is measured in bench/imports.py
    monkeypatch.setattr(spreadsheet, "_csv_rows", lambda _path: pytest.fail("the file was read"))
    problems, _, _ = refused(local_db, path)
    assert problems[0].startswith("file: big.csv is 0.2 MB; an import file can be at most 0 MB;")


# --- XLSX ------------------------------------------------------------------------------------------------

def test_a_workbook_claiming_every_cell_of_a_sheet_imports_its_one_row_at_once(
        db: Database, tmp_path: Path) -> None:
    """The reported bug: a tiny workbook whose dimension says A1:XFD1048576 ran ~15 minutes at 100% CPU."""
    path = sheets.dimension_bomb(tmp_path / "dimension.xlsx", HEADER, [referral(1)])
    assert path.stat().st_size < 8_000
    start = time.perf_counter()
    assert import_referrals(context(db), path).references == ("NSCP-000001",)
    assert time.perf_counter() - start < SECONDS


def test_a_workbook_claiming_fewer_rows_than_it_holds_imports_every_row(local_db: Database, tmp_path: Path) -> None:
    """openpyxl stops at the declared dimension: before, four of these five rows were silently left out."""
    path = sheets.write_xlsx(tmp_path / "short.xlsx", HEADER, [referral(n) for n in range(1, 6)])
    sheets.rewrite_members(path, {sheets.SHEET: lambda xml: xml.replace(b'<dimension ref="A1:I6"',
                                                                         b'<dimension ref="A1:I2"')})
    result = import_referrals(context(local_db), path)
    assert result.references == tuple(f"NSCP-{n:06d}" for n in range(1, 6))


def test_a_zip_bomb_is_refused_by_its_compression_before_it_is_unpacked(local_db: Database, tmp_path: Path) -> None:
    path = sheets.padded_sheet(tmp_path / "bomb.xlsx", HEADER, [referral(1)], 40 * MB)
    assert path.stat().st_size < 100_000
    problems, _, peak = refused(local_db, path, budget_mb=4)
    assert len(problems) == 1 and problems[0].startswith(f"file: bomb.xlsx is not a normal workbook: its part "
                                                         f"{sheets.SHEET} is packed 1,0")
    assert problems[0].endswith(f" to 1, far tighter than any spreadsheet (at most {MAX_XLSX_RATIO} to 1), so it "
                                "may be a zip bomb; open it in Excel and save it again as .xlsx, or copy the rows "
                                "into a new workbook")


def test_a_part_that_unpacks_past_the_limit_is_refused_before_it_is_unpacked(local_db: Database,
                                                                              tmp_path: Path) -> None:
    """By its declared size (``zipfile`` never unpacks more than that: see the next test)."""
    path = sheets.lie_about_size(sheets.write_xlsx(tmp_path / "huge.xlsx", HEADER, [referral(1)]), sheets.SHEET,
                                 260 * MB)
    problems, _, _ = refused(local_db, path, budget_mb=4)
    assert problems[0].startswith(f"file: huge.xlsx: its part {sheets.SHEET} unpacks to 260.0 MB, more than the "
                                  "256 MB an import reads")


def test_a_part_that_lies_about_its_size_is_refused(local_db: Database, tmp_path: Path) -> None:
    """zipfile stops unpacking at the declared size and then finds the checksum wrong."""
    path = sheets.padded_sheet(tmp_path / "liar.xlsx", HEADER, [referral(1)], 40 * MB)
    sheets.lie_about_size(path, sheets.SHEET, 50_000)
    problems, _, _ = refused(local_db, path, budget_mb=4)
    assert problems == ["file: liar.xlsx cannot be read as an Excel workbook (BadZipFile); open it in Excel and "
                        "save it again as .xlsx"]


def test_shared_strings_over_their_limit_are_refused_before_they_are_loaded(
        local_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [HEADER] + [[referral(n)[h] for h in HEADER[:-1]] + [f"{n} " + "".join(
        chr(0x4E00 + (n * 7919 + i * 104729) % 20000) for i in range(300))] for n in range(1, 1500)]
    path = sheets.shared_strings_workbook(tmp_path / "strings.xlsx", rows)
    assert [r["summary"] for r in read_table(path, HEADER)[:2]] == [rows[1][-1], rows[2][-1]]  # a readable book
    monkeypatch.setattr(spreadsheet, "MAX_XLSX_STRINGS_BYTES", MB)  # the real 64 MB would need a 50 MB file
    monkeypatch.setattr(spreadsheet, "_open_workbook", lambda _path: pytest.fail("the workbook was opened"))
    problems, _, _ = refused(local_db, path)
    assert problems[0].startswith("file: strings.xlsx: its part xl/sharedStrings.xml unpacks to 1.4 MB, more than the "
                                  "1 MB an import reads")


def xml_rows(*rows: bytes) -> Callable[[], Iterator[bytes]]:
    return lambda: iter(rows)


def test_a_value_past_the_last_column_is_refused_and_empty_cells_out_to_xfd_cost_nothing(
        local_db: Database, tmp_path: Path) -> None:
    cells = b"".join(sheets.inline_cell(f"{c}2", referral(1)[h]) for c, h in zip("ABCDEFGHI", HEADER, strict=True))
    wide = sheets.raw_sheet(tmp_path / "wide.xlsx", HEADER,
                            xml_rows(b'<row r="2">' + cells + sheets.inline_cell("GS2", "stray") + b"</row>"))
    problems, _, _ = refused(local_db, wide)
    assert problems == ["row 2: column GS holds a value, but an import can use at most 200 columns (A to GR); "
                        "delete the columns after GR"]
    rows = (b'<row r="%d">' % r + cells.replace(b'2"', b'%d"' % r).replace(b"NSCP-000001", b"NSCP-%06d" % r)
            + b'<c r="XFD%d" s="0"/></row>' % r for r in range(2, 2002))
    padded = sheets.raw_sheet(tmp_path / "padded.xlsx", HEADER, lambda: rows)
    start = time.perf_counter()
    assert sum(1 for _ in iter_table(padded, HEADER)) == 2000
    assert time.perf_counter() - start < SECONDS


def test_a_row_past_the_sheet_or_too_many_rows_is_refused(
        local_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beyond = sheets.raw_sheet(tmp_path / "beyond.xlsx", HEADER,
                              xml_rows(b'<row r="1048577">' + sheets.inline_cell("A1048577", "x") + b"</row>"))
    problems, _, _ = refused(local_db, beyond)
    assert problems == ["file: beyond.xlsx has a row numbered 1,048,577, outside a worksheet; open it in Excel and "
                        "save it again as .xlsx"]
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 100)  # the real limit is tested on a CSV above
    many = sheets.write_xlsx(tmp_path / "many.xlsx", HEADER, [referral(n) for n in range(1, 102)])
    problems, _, _ = refused(local_db, many)
    assert problems[0].startswith("row 102: many.xlsx has more than 100 rows (not counting blank ones)")


def test_a_cell_longer_than_excel_allows_is_refused_naming_row_and_column(local_db: Database, tmp_path: Path) -> None:
    cells = b"".join(sheets.inline_cell(f"{c}3", referral(2)[h]) for c, h in zip("ABCDEFGH", HEADER[:8], strict=True))
    path = sheets.raw_sheet(tmp_path / "long.xlsx", HEADER,  # openpyxl itself cuts such text to 32,767
                            xml_rows(b'<row r="3">' + cells + sheets.inline_cell("I3", "x" * 40_000) + b"</row>"))
    problems, _, _ = refused(local_db, path)
    assert problems == [f"row 3: summary (column I): has 40,000 characters; a cell can hold at most "
                        f"{MAX_CELL_CHARS:,} (Excel's limit); shorten it"]
    runs = b"".join(b"<r><t>ab</t></r>" for _ in range(20_000))
    rich = sheets.raw_sheet(tmp_path / "runs.xlsx", HEADER,
                            xml_rows(b'<row r="2"><c r="A2" t="inlineStr"><is>' + runs + b"</is></c></row>"))
    problems, _, _ = refused(local_db, rich)
    assert problems == ["row 2: cell A2: holds more than 10,000 pieces of formatted text; clear its formatting or "
                        "retype it"]


def test_an_xml_entity_bomb_is_refused(local_db: Database, tmp_path: Path) -> None:
    laughs = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (chr(98 + i).encode(), b"".join([b"&" + chr(97 + i).encode() + b";"] * 10))
        for i in range(9)) + b"]>")
    path = sheets.write_xlsx(tmp_path / "laughs.xlsx", HEADER, [referral(1)])
    sheets.rewrite_members(path, {sheets.SHEET: lambda xml: xml.replace(b"<worksheet", laughs + b"<worksheet", 1)
                                  .replace(b"Referral 1.", b"&j;")})
    problems, _, peak = refused(local_db, path, budget_mb=4)
    assert problems == [f"file: laughs.xlsx is not a normal workbook: its part {sheets.SHEET} declares XML entities "
                        "(a DOCTYPE), which no spreadsheet program writes and which can expand without limit; open it "
                        "in Excel and save it again as .xlsx, or copy the rows into a new workbook"]


# --- streaming and all-or-nothing -----------------------------------------------------------------------

READ_IN_CHILD = """
import resource, sys
from scpdesk.services.spreadsheet import iter_table
start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rows = sum(1 for _ in iter_table(sys.argv[1], sys.argv[2].split(",")))
print(rows, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start) / 1024)
"""


def rows_and_added_mb(path: Path) -> tuple[int, float]:
    """Read ``path`` as an import does, in a fresh process: its rows, and how far its peak RSS rose (MB)."""
    found = subprocess.run([sys.executable, "-c", READ_IN_CHILD, str(path), ",".join(HEADER)], check=True,
                           capture_output=True, text=True, timeout=60).stdout.split()
    return int(found[0]), float(found[1])


def test_large_files_stream_in_flat_memory(tmp_path: Path) -> None:
    """Reading holds a row at a time: a 25 MB CSV and a workbook whose worksheet unpacks to 6 MB each add a
    few MB to the process (the whole list of rows took 370 MB for a 49 MB CSV; bench/imports.py measures whole
    50 MB imports)."""
    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        f.writelines(line(referral(n, summary=f"Summary {n} " + "x" * 400)) for n in range(1, 55_000))
    assert path.stat().st_size > 25 * MB
    rows, added = rows_and_added_mb(path)
    assert rows == 54_999 and added < 16, added
    cells = b"".join(sheets.inline_cell(f"{c}ROW", referral(1)[h])
                     for c, h in zip("ABH", ("reference", "received_date", "route"), strict=True))
    rows_xml = (b'<row r="%d">' % r + cells.replace(b"ROW", b"%d" % r) + sheets.inline_cell(f"I{r}", "y" * 400)
                + b"</row>" for r in range(2, 10_002))
    book = sheets.raw_sheet(tmp_path / "large.xlsx", HEADER, lambda: rows_xml)
    rows, added = rows_and_added_mb(book)
    assert rows == 10_000 and added < 16, added


def test_a_file_changed_between_checking_and_writing_imports_nothing(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = sheets.write_csv(tmp_path / "r.csv", HEADER, [referral(n) for n in range(1, 1200)])
    real = referral_io.check_file

    def check_then_change(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        sheets.write_csv(path, HEADER, [referral(n) for n in range(1, 1200)] + [referral(5000)])
        return found
    monkeypatch.setattr(referral_io, "check_file", check_then_change)
    before = saved(db)
    with pytest.raises(UserError, match="r.csv changed while it was being imported, so nothing was imported"):
        import_referrals(context(db), path)
    assert saved(db) == before


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a regression cannot take the machine down


def _import_in_child(live: Path, path: Path, timeout: float) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run([sys.executable, "-m", "scpdesk", "--database", f"sqlite:///{live}", "import",
                               "referrals", str(path)], capture_output=True, text=True, timeout=timeout,
                              preexec_fn=_limited)
    except subprocess.TimeoutExpired:
        return None


@pytest.mark.skipif(sys.platform == "win32", reason="devices and FIFOs are POSIX")
def test_a_device_or_fifo_is_refused_before_it_is_opened(tmp_path: Path, sqlite_template: Path) -> None:
    """Tester finding 8: a ".xlsx" symlink to /dev/zero was read without bound (22 GB RSS), a ".csv" FIFO blocked
    forever (the window froze). Anything but a regular file is now refused at once, naming it (exit 64)."""
    live = tmp_path / "scpdesk.sqlite3"
    shutil.copyfile(sqlite_template, live)
    (tmp_path / "z.xlsx").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.csv")
    for name in ("z.xlsx", "pipe.csv"):
        out = _import_in_child(live, tmp_path / name, 30)
        assert out is not None, f"still reading {name} after 30 s"
        assert out.returncode == 64 and "not an ordinary file" in out.stderr and name in out.stderr, \
            (out.returncode, out.stderr[-300:])

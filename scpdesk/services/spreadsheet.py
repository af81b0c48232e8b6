"""Spreadsheet files in and out: the CSV and XLSX reading and writing every import and export shares.

Reading (``iter_table``, streamed; ``read_table``, a list): a ``.csv`` (UTF-8 with or without a BOM, or Excel's
Windows-1252 when the file holds no UTF-8 at all and decodes cleanly; bytes that are not UTF-8 in an otherwise
UTF-8 file are refused naming the row and column) or ``.xlsx`` file (its first sheet) whose row 1 holds the
headings. Headings are matched loosely
(case-insensitively, trimmed, spaces or hyphens read as underscores); a missing, unknown or repeated heading is
refused (an unknown one is probably a typo that would lose data). Each data row comes back as a dict of the
columns plus ``"_row"`` (the row number Excel shows: the headings are row 1) and ``"_unheaded"``. Files that are
not CSV text (UTF-16 "Unicode Text", an old ``.xls``, a workbook named ``.csv``, another separator) are refused
with a message telling the user to save the file as CSV UTF-8 (``SAVE_AS_UTF8``).

Reading is bounded and strict, as a file from outside is never trusted: CSV is parsed with ``strict=True`` (an
unclosed quote is an error naming the row it opens in, never a summary that swallows the next rows); the limits
``MAX_FILE_BYTES`` (50 MB, checked before reading), ``MAX_ROWS`` (100,000 data rows), ``MAX_COLUMNS`` (200;
blank cells further right are ignored), ``MAX_CELL_CHARS`` (32,767, Excel's; ``MAX_CSV_CELL_CHARS`` for CSV)
and ``MAX_ROW_CHARS`` are checked while streaming, each refused with the row or column named and the fix. An
XLSX is checked before openpyxl opens it: each part's declared size (``MAX_XLSX_*``: ``zipfile`` never unpacks
more than a part declares), its compression ratio (a zip bomb), and XML entity declarations; its worksheet is
then streamed from the XML, ignoring the dimension it declares (openpyxl pads every row to it, so a 5 KB file
claiming A1:XFD1048576 ran for many minutes), dropping each element once read.

Cell values: ``cell_text`` (one neutralising ``'`` removed, line breaks read as ``\\n``, trimmed on request),
``cell_date`` / ``parse_date`` (a date cell, ``YYYY-MM-DD`` or UK ``DD/MM/YYYY``; a US month/day date is
refused, never guessed), ``control_problem`` (a NUL or control character, which no column may hold).

Checking (``check_file``, ``RowCheck``, ``reference_problems``, ``raise_problems``, ``insert_rows``): the
all-or-nothing rules every import shares. Every row is checked before anything is written; each problem is a
``UserError`` whose field is ``"row N"`` and whose message starts with the column, and all of them (up to
``MAX_PROBLEMS``) are raised together, in row order, as ``ValidationErrors``. The file is then read and checked
again and written ``IMPORT_BATCH`` rows per flush in one unit of work, so memory holds a batch, not the file; a
file that changed in between imports nothing.

Writing (``export_table``, or ``write_csv`` / ``write_xlsx`` and ``replace_atomically``): CSV is UTF-8 with a
BOM (Excel reads it as UTF-8) and ISO dates; XLSX has bold frozen headings, text cells that are always strings
(never formulas) and date cells for dates. Text a spreadsheet would run as a formula (starting ``=``, ``+``,
``-``, ``@``, tab or carriage return, after any number of single quotes) is written with one extra leading
``'`` (``neutralise``), which import removes again (``unneutralise``), so text round-trips exactly. A file is
written beside its target and renamed over it, so it appears complete or not at all; ``export_table`` records
the EXPORT audit event in the same transaction, before the file appears.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from ..errors import StorageError, UserError, ValidationErrors
from ..models import cipher
from ..models.audit import record
from ..models.enums import AuditAction, label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .uow import ServiceContext

__all__ = [
    "FORMATS", "IMPORT_BATCH", "MAX_CELL_CHARS", "MAX_COLUMNS", "MAX_CSV_CELL_CHARS", "MAX_FILE_BYTES",
    "MAX_PROBLEMS", "MAX_ROWS", "MAX_ROW_CHARS", "MAX_SHEET_ROWS", "MAX_XLSX_PART_BYTES", "MAX_XLSX_RATIO",
    "MAX_XLSX_STRINGS_BYTES", "MAX_XLSX_UNPACKED_BYTES", "SAVE_AS_UTF8", "XLSX_MAX_CELL", "CheckedFile", "RowCheck",
    "cell_date", "cell_text", "check_export_target", "check_file", "column_letter", "control_problem",
    "export_table", "insert_rows", "is_blank", "iter_table", "neutralise", "parse_date", "raise_problems", "read_table",
    "reference_problems", "replace_atomically", "safe_output", "temporary_beside", "unneutralise", "write_csv",
    "write_xlsx",
]

_T = TypeVar("_T")
_K = TypeVar("_K")

#: Problems an import reports before it stops reading (a file that bad needs fixing, not a longer list).
MAX_PROBLEMS = 1_000
#: Rows an import writes per flush: memory holds one batch of records, not the file.
IMPORT_BATCH = 500

#: The spreadsheet formats an export can write.
FORMATS = ("csv", "xlsx")
#: Excel refuses a cell longer than this.
XLSX_MAX_CELL = 32_767
#: How to fix a file that cannot be read, ending every such message.
SAVE_AS_UTF8 = ("save it as CSV UTF-8 (in Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\") "
                "or as an Excel workbook (.xlsx), then import that file")

_DANGEROUS = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_DANGEROUS = re.compile(r"'+[=+\-@\t\r]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XLSX_ILLEGAL = _CONTROL  # the characters an XLSX cell cannot hold
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SLASH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]+)")


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


# --- cell values -------------------------------------------------------------------------------------------

def column_letter(index: int) -> str:
    """The spreadsheet letters of the column at ``index`` (0 is ``A``, 26 is ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_blank(value: object) -> bool:
    """Whether a cell is empty (None, or text of only white space)."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(raw: object, *, trim: bool) -> str:
    """A read cell as text: a date as ISO, one neutralising ``'`` removed, line breaks as ``\\n``, trimmed
    when ``trim``."""
    text = raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    text = unneutralise(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip() if trim else text


def control_problem(text: str) -> str | None:
    """What is wrong with text holding a NUL or other control character (a reason for the user), or None."""
    if bad := _CONTROL.search(text):
        what = "a NUL (zero) byte" if bad.group() == "\x00" else f"a control character (U+{ord(bad.group()):04X})"
        return f"contains {what}; remove it and save the file again"
    return None


def cell_date(raw: object) -> dt.date | None:
    """A read cell as a date (``parse_date`` of its ``cell_text``); blank is None. Raises ValueError with the
    reason a user can act on."""
    if isinstance(raw, str):
        raw = cell_text(raw, trim=True)
        if _CONTROL.search(raw):
            raise ValueError("contains a control character; write dates as 19/12/2025 or 2025-12-19")
    return parse_date(raw)


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


# --- reading -----------------------------------------------------------------------------------------------

#: An import file (CSV or XLSX) larger than this on disk is refused before it is read.
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Data rows (not counting blank ones) an import may hold.
MAX_ROWS = 100_000
#: Columns an import may use (A to GR); blank cells further right are ignored.
MAX_COLUMNS = 200
#: Characters one XLSX cell may hold: Excel's own limit.
MAX_CELL_CHARS = XLSX_MAX_CELL
#: Characters one CSV cell may hold: the csv module's field limit. Larger than Excel's, so that text the app
#: holds beyond Excel's limit, exported as CSV (which holds any length), imports again.
MAX_CSV_CELL_CHARS = 131_072
#: Characters one CSV row may hold, all its cells together (a missing closing quote runs on until here).
MAX_ROW_CHARS = 1_000_000
#: Excel's last row: a row numbered beyond it (even a blank one) means the file is damaged or hostile.
MAX_SHEET_ROWS = 1_048_576
#: What the parts of an XLSX may unpack to, together; every part is checked before any is read.
MAX_XLSX_UNPACKED_BYTES = 256 * 1024 * 1024
#: What the shared strings (the text of every cell, held in memory while reading) may unpack to.
MAX_XLSX_STRINGS_BYTES = 64 * 1024 * 1024
#: What any other XML part (styles, workbook, relationships…) may unpack to; worksheets are streamed.
MAX_XLSX_PART_BYTES = 16 * 1024 * 1024
#: Compression no real workbook reaches (XML packs 5-20 to 1): a part over 1 MB packed tighter is a zip bomb.
MAX_XLSX_RATIO = 100
#: XML elements one XLSX cell may hold (its text and formatting runs).
MAX_CELL_ELEMENTS = 10_000

_MB = 1024 * 1024
_SAMPLE = 64 * 1024
_CHUNK = 1024 * 1024
_SURROGATE = re.compile(r"[\udc80-\udcff]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_SPLIT = (f"split it into files of at most {MAX_ROWS:,} rows and under {MAX_FILE_BYTES // _MB} MB, "
          "and import each")
_FIELD_LIMIT = "field larger than field limit"
_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)\s*", re.DOTALL)
_FIX_WORKBOOK = "open it in Excel and save it again as .xlsx, or copy the rows into a new workbook"


def read_table(path: str | os.PathLike[str], columns: Sequence[str], *, accepted: Sequence[str] = ()
               ) -> list[dict[str, Any]]:
    """The data rows of a .csv or .xlsx file whose row 1 holds ``columns`` (and perhaps ``accepted`` ones).

    Each row is a dict of ``columns`` (``str``, or ``datetime.date`` from a date cell) plus ``"_row"`` (the
    spreadsheet row number) and ``"_unheaded"`` (letters of columns holding a value under no heading). Blank
    rows are skipped; ``accepted`` columns are read past. A missing, unknown or repeated heading is refused (an
    unknown one is probably a typo that would lose data). Raises UserError/ValidationErrors for a file that
    cannot be read as such a table. ``iter_table`` gives the same rows one at a time.
    """
    return list(iter_table(path, columns, accepted=accepted))


def iter_table(path: str | os.PathLike[str], columns: Sequence[str], *, accepted: Sequence[str] = ()
               ) -> Iterator[dict[str, Any]]:
    """The rows of ``read_table``, streamed: only the row being read is held in memory.

    The file is never trusted: CSV is parsed strictly (an unclosed quote is an error naming its row), an XLSX is
    checked for zip bombs before it is opened and its declared dimension is ignored, and the limits
    ``MAX_FILE_BYTES``, ``MAX_ROWS``, ``MAX_COLUMNS``, ``MAX_CELL_CHARS`` / ``MAX_CSV_CELL_CHARS`` (and the XLSX
    part limits) are checked as it is read, each refused with the row or part named and the fix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        if suffix in (".xls", ".xlsm", ".xlsb", ".ods"):
            raise UserError("file", f"{path.name} is not a .xlsx workbook or a CSV file; {SAVE_AS_UTF8}")
        raise UserError("file", f"{path.name}: choose a .csv or .xlsx file")
    try:
        st = path.stat()  # follows a symlink; never opens (a FIFO would block, a device read without end)
        if not stat.S_ISREG(st.st_mode):
            raise UserError("file", f"{path} is not an ordinary file (a device, pipe or folder); choose a .csv "
                                    "or .xlsx file")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise UserError("file", f"{path.name} is {size / _MB:,.1f} MB; an import file can be at most "
                                    f"{MAX_FILE_BYTES // _MB} MB; {_SPLIT}")
        if suffix == ".csv":
            yield from _records(path, _csv_rows(path), tuple(columns), tuple(columns) + tuple(accepted),
                                MAX_CSV_CELL_CHARS)
        else:
            yield from _records(path, _xlsx_rows(path), tuple(columns), tuple(columns) + tuple(accepted),
                                MAX_CELL_CHARS)
    except FileNotFoundError:
        raise UserError("file", f"{path} was not found") from None


# --- CSV ---

def _csv_encoding(path: Path) -> str:
    """``utf-8-sig``; ``cp1252`` for a file with no UTF-8 in it that decodes cleanly as Windows-1252 (Excel's
    plain "CSV (Comma delimited)"); or ``mixed`` for UTF-8 with bytes that are not (read again to name the row).
    Each pass streams the file in 1 MB chunks."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in _chunks(path):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    tail = b""
    for chunk in _chunks(path):
        if _UTF8_SEQUENCE.search(tail + chunk):
            return "mixed"
        tail = chunk[-3:]
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    for chunk in _chunks(path):
        try:
            text = cp1252.decode(chunk)
        except UnicodeDecodeError:
            text = "\x00"
        if _CONTROL.search(text):
            raise UserError("file", f"{path.name} is not text in a known encoding (it may not be a CSV file "
                                    f"at all); {SAVE_AS_UTF8}")
    return "cp1252"


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            yield chunk


class _Lines:
    """The lines of a CSV text file for ``csv.reader``, refusing a row that runs past ``MAX_ROW_CHARS`` (one
    line is never read whole beyond it) and remembering where each row starts."""

    def __init__(self, f: io.TextIOBase, path: Path) -> None:
        self._f = f
        self._path = path
        self.row = 0
        self.line = 0
        self.row_line = 1
        self._chars = 0

    def start_row(self, number: int) -> None:
        self.row, self.row_line, self._chars = number, self.line + 1, 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self._f.readline(MAX_ROW_CHARS + 1 - self._chars)
        if not line:
            raise StopIteration
        self.line += 1
        self._chars += len(line)
        if self._chars > MAX_ROW_CHARS:
            raise UserError(f"row {self.row}", f"this row (from line {self.row_line:,} of the file) is longer than "
                                               f"{MAX_ROW_CHARS:,} characters; a \" that opens a cell may never be "
                                               f"closed: check the quotes in this row and save the file again")
        return line


def _csv_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    with path.open("rb") as f:
        head = f.read(_SAMPLE)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UserError("file", f"{path.name} is saved as UTF-16 (\"Unicode Text\"); {SAVE_AS_UTF8}")
    if head.startswith(b"PK\x03\x04"):
        raise UserError("file", f"{path.name} is a workbook or other zipped file, not CSV text; "
                                "if it is an Excel workbook, rename it to end in .xlsx")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UserError("file", f"{path.name} is an old Excel .xls workbook, not CSV text; {SAVE_AS_UTF8}")
    if head.count(b"\x00") > max(8, len(head) // 10):
        raise UserError("file", f"{path.name} looks like UTF-16 text or a binary file; {SAVE_AS_UTF8}")
    encoding = _csv_encoding(path)
    mixed = encoding == "mixed"
    with path.open(encoding="utf-8-sig" if mixed else encoding, errors="surrogateescape" if mixed else "strict",
                   newline="") as f:
        lines = _Lines(f, path)
        reader = csv.reader(lines, strict=True)
        number = 0
        while True:
            number += 1
            lines.start_row(number)
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise _csv_problem(lines, str(exc)) from None
            if number > MAX_SHEET_ROWS:
                raise UserError(f"row {number}", f"the file has more than {MAX_SHEET_ROWS:,} lines (Excel's "
                                                 f"limit), counting blank ones; delete the blank lines or {_SPLIT}")
            if not row:  # a blank line: skipped here, cheaply (there may be a million)
                continue
            if mixed:
                _check_utf8(number, row)
            yield number, cast(list[object], row)
    if mixed:  # the bytes that are not UTF-8 were in no cell: a line break, say
        raise UserError("file", f"{path.name} is partly UTF-8 and partly another encoding; {SAVE_AS_UTF8}")


def _csv_problem(lines: _Lines, reason: str) -> UserError:
    if _FIELD_LIMIT in reason:
        return UserError(f"row {lines.row}", f"a cell in this row is longer than {MAX_CSV_CELL_CHARS:,} "
                                             "characters, or a \" that opens a cell is never closed; shorten the "
                                             "cell or check the quotes in this row")
    if "unexpected end of data" in reason or "expected after" in reason:
        where = f"from line {lines.row_line:,} of the file" + (
            f" to line {lines.line:,}" if lines.line > lines.row_line else "")
        return UserError(f"row {lines.row}", f"a cell in this row ({where}) opens a quote (\") that is never "
                                             "closed properly, so it would swallow the rows after it; add the "
                                             "closing \" (or double a \" inside the cell as \"\") and save the "
                                             "file again")
    return UserError(f"row {lines.row}", f"this row cannot be read as CSV ({reason}); {SAVE_AS_UTF8}")


def _check_utf8(number: int, row: Sequence[str]) -> None:
    for i, value in enumerate(row):
        if bad := _SURROGATE.search(value):
            byte = ord(bad.group()) - 0xDC00
            raise UserError(f"row {number}", f"column {column_letter(i)}: holds a byte (0x{byte:02X}) that is not "
                                             f"UTF-8 text, in a file that is otherwise UTF-8; {SAVE_AS_UTF8}")


# --- XLSX ---

def _check_zip(path: Path) -> None:
    """Refuse a workbook whose parts would unpack too large, or are packed tighter than any real workbook, by
    their declared sizes (which ``zipfile`` also enforces when it unpacks), or whose XML declares entities (a
    DOCTYPE: no spreadsheet program writes one, and entities can expand without limit), before openpyxl parses
    any part."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(path, members)
            for info in members:
                if info.filename.endswith((".xml", ".rels", ".vml")) and _declares_entities(archive, info):
                    raise UserError("file", f"{path.name} is not a normal workbook: its part {info.filename[:60]} "
                                            "declares XML entities (a DOCTYPE), which no spreadsheet program writes "
                                            f"and which can expand without limit; {_FIX_WORKBOOK}")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise UserError("file", f"{path.name} cannot be read as an Excel workbook ({type(exc).__name__}); "
                                "open it in Excel and save it again as .xlsx") from None


def _check_sizes(path: Path, members: Sequence[Any]) -> None:
    total = 0
    for info in members:
        total += info.file_size
        name = info.filename
        if name.startswith("xl/worksheets/"):
            limit = MAX_XLSX_UNPACKED_BYTES
        elif name.lower().endswith("sharedstrings.xml"):
            limit = MAX_XLSX_STRINGS_BYTES
        elif name.endswith((".xml", ".rels", ".vml")):
            limit = MAX_XLSX_PART_BYTES
        else:
            limit = MAX_XLSX_UNPACKED_BYTES
        if info.file_size > limit:
            raise UserError("file", f"{path.name}: its part {name[:60]} unpacks to {info.file_size / _MB:,.1f} MB, "
                                    f"more than the {limit // _MB} MB an import reads; {_FIX_WORKBOOK}, or {_SPLIT}")
        if total > MAX_XLSX_UNPACKED_BYTES:
            raise UserError("file", f"{path.name} unpacks to more than {MAX_XLSX_UNPACKED_BYTES // _MB} MB, more "
                                    f"than an import reads; {_FIX_WORKBOOK}, or {_SPLIT}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _MB and ratio > MAX_XLSX_RATIO:
            raise UserError("file", f"{path.name} is not a normal workbook: its part {name[:60]} is packed "
                                    f"{ratio:,.0f} to 1, far tighter than any spreadsheet (at most "
                                    f"{MAX_XLSX_RATIO} to 1), so it may be a zip bomb; {_FIX_WORKBOOK}")


def _declares_entities(archive: Any, info: Any) -> bool:
    """Whether an XML part has a declaration (``<!DOCTYPE``…) before its root element, or no root element in
    its first 64 KB (a prologue padded to hide one)."""
    with archive.open(info) as f:
        head = f.read(_SAMPLE)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.removeprefix(codecs.BOM_UTF8)
    at = 0
    while (found := _PROLOGUE.match(head, at)) and found.end() > at:
        at = found.end()
    return not head.startswith(b"<", at) or head.startswith(b"<!", at)


def _read_shared_strings(src: Any) -> list[str]:
    """The shared strings of a workbook as ``read_string_table`` reads them, but pruning each from the parsed
    tree once read (openpyxl keeps an emptied element per string)."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    tag = f"{{{SHEET_MAIN_NS}}}si"
    strings: list[str] = []
    root = None
    for event, node in iterparse(src, events=("start", "end")):
        if root is None:
            root = node
        elif event == "end" and node.tag == tag:
            strings.append(Text.from_tree(node).content.replace("x005F_", ""))
            node.clear()
            root.remove(node)
    return strings


def _open_workbook(path: Path) -> Any:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class BoundedReader(ExcelReader):
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                with self.archive.open(found.PartName[1:]) as src:
                    self.shared_strings = _read_shared_strings(src)

    reader = BoundedReader(str(path), read_only=True, data_only=True)
    try:
        reader.read()
    except BaseException:
        reader.archive.close()
        raise
    return reader.wb


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    _check_zip(path)
    try:
        workbook = _open_workbook(path)
    except FileNotFoundError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged workbook raises many types (BadZipFile, KeyError…)
        raise UserError("file", f"{path.name} cannot be read as an Excel workbook ({type(exc).__name__}); "
                                "open it in Excel and save it again as .xlsx") from None
    try:
        if workbook.worksheets:
            yield from _sheet_rows(path, workbook, workbook.worksheets[0])
    finally:
        workbook.close()


def _sheet_rows(path: Path, workbook: Any, sheet: Any) -> Iterator[tuple[int, list[object]]]:
    """The rows of a read-only worksheet as (row number, values up to the last non-blank one), streamed from its
    XML. The declared dimension is ignored (openpyxl's own iteration pads every row to it), missing and blank
    cells cost nothing, and each parsed element is dropped from the tree as soon as it is read."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    row_tag, cell_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
    text_tags = (f"{{{SHEET_MAIN_NS}}}is", f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r")
    f_tag, v_tag = f"{{{SHEET_MAIN_NS}}}f", f"{{{SHEET_MAIN_NS}}}v"
    with workbook._archive.open(sheet._worksheet_path) as src:
        parser = WorkSheetParser(src, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        stack: list[Any] = []
        depth = 0  # how deep inside the current cell (0: not in a cell); its elements are kept until it is read
        cell_elements = cell_chars = 0
        cell_ref = ""
        number = 0
        values: dict[int, object] = {}
        try:
            for event, element in iterparse(src, events=("start", "end")):
                if event == "start":
                    stack.append(element)
                    if depth or element.tag == cell_tag:
                        depth += 1
                        cell_elements += 1
                        if depth == 1:
                            cell_ref = element.get("r") or ""
                        elif cell_elements > MAX_CELL_ELEMENTS:
                            raise UserError(f"row {number}", f"cell {cell_ref}: holds more than "
                                                             f"{MAX_CELL_ELEMENTS:,} pieces of formatted text; "
                                                             "clear its formatting or retype it")
                    elif element.tag == row_tag:
                        number = int(float(element.get("r") or number + 1))
                        if not 1 <= number <= MAX_SHEET_ROWS:
                            raise UserError("file", f"{path.name} has a row numbered {number:,}, outside a "
                                                    "worksheet; open it in Excel and save it again as .xlsx")
                        parser.row_counter, parser.col_counter = number, 0
                        values = {}
                    continue
                stack.pop()
                if depth:
                    depth -= 1
                    if depth:  # text or a run inside the cell: kept until the cell is read
                        cell_chars += len(element.text or "")
                        if cell_chars > 2 * MAX_CELL_CHARS:
                            raise UserError(f"row {number}", f"cell {cell_ref}: has more than {MAX_CELL_CHARS:,} "
                                                             "characters (Excel's limit for a cell); shorten it")
                        continue
                    if len(element) or not cell_ref:  # a blank cell with its place given costs nothing
                        if cell_ref and element.get("t") == "inlineStr":  # as the app's own exports write text
                            column, value = coordinate_to_tuple(cell_ref)[1], _inline_text(element, text_tags)
                            parser.col_counter = column
                        else:
                            if _formula_without_value(element, f_tag, v_tag):
                                raise UserError(f"row {number}", f"cell {cell_ref}: holds a formula without a "
                                                                 "value; open and save the file in Excel, or "
                                                                 "paste the cells as values")
                            cell = parser.parse_cell(element)
                            column, value = cell["column"], cell["value"]
                        if not is_blank(value):
                            if column > MAX_COLUMNS:
                                raise _too_wide(number, column - 1)
                            values[column] = value
                    cell_elements = cell_chars = 0
                elif element.tag == row_tag:
                    yield number, [values.get(c) for c in range(1, max(values, default=0) + 1)]
                element.clear()
                if stack:
                    stack[-1].remove(element)
        except UserError:
            raise
        except Exception as exc:  # noqa: BLE001 - damaged XML raises many types (ParseError, ValueError…)
            raise UserError("file", f"{path.name}: its worksheet cannot be read past row {number:,} "
                                    f"({type(exc).__name__}); open it in Excel and save it again as .xlsx") from None


def _formula_without_value(cell: Any, f_tag: str, v_tag: str) -> bool:
    """A formula cell whose result was never calculated (written by a script or a report tool, not saved by
    Excel): read as values it would import as blank, silently dropping what the sheet shows. An empty text
    result that Excel did calculate (``t="str"``) is a value."""
    if cell.find(f_tag) is None:
        return False
    cached = cell.find(v_tag)
    return cached is None or (not cached.text and cell.get("t") != "str")


def _inline_text(cell: Any, tags: tuple[str, str, str]) -> str | None:
    """The text of an inline-string cell as openpyxl's ``Text.content`` gives it (plain text and formatted runs,
    not phonetic guides), without building its objects: the hot path of reading the app's own exports."""
    is_tag, t_tag, r_tag = tags
    found = cell.find(is_tag)
    if found is None:
        return None
    parts: list[str] = []
    for child in found:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag and (run := child.find(t_tag)) is not None:
            parts.append(run.text or "")
    return "".join(parts)


# --- rows to records ---

def _too_wide(number: int, index: int) -> UserError:
    return UserError(f"row {number}", f"column {column_letter(index)} holds a value, but an import can use at most "
                                      f"{MAX_COLUMNS} columns (A to {column_letter(MAX_COLUMNS - 1)}); delete "
                                      f"the columns after {column_letter(MAX_COLUMNS - 1)}")


def _long_cell(number: int, column: int, heading: object, length: int, limit: int) -> UserError:
    name = f"{str(heading).strip()} (column {column_letter(column - 1)})" if not is_blank(heading) else \
        f"column {column_letter(column - 1)}"
    why = "Excel's limit" if limit == MAX_CELL_CHARS else "the limit for a CSV cell"
    return UserError(f"row {number}", f"{name}: has {length:,} characters; a cell can hold at most {limit:,} "
                                      f"({why}); shorten it")


def _bounded(rows: Iterable[tuple[int, list[object]]], cell_limit: int, header: Sequence[object] = ()
             ) -> Iterator[tuple[int, list[object]]]:
    """Rows within ``MAX_COLUMNS`` (blank cells beyond it dropped) whose cells are within ``cell_limit``
    characters, refusing the first row that is not."""
    for number, row in rows:
        if len(row) > MAX_COLUMNS:
            if beyond := next((i for i in range(MAX_COLUMNS, len(row)) if not is_blank(row[i])), None):
                raise _too_wide(number, beyond)
            del row[MAX_COLUMNS:]
        for i, value in enumerate(row):
            if isinstance(value, str) and len(value) > cell_limit:
                raise _long_cell(number, i + 1, header[i] if i < len(header) else None, len(value), cell_limit)
        yield number, row


def _records(path: Path, rows: Iterable[tuple[int, list[object]]], columns: tuple[str, ...],
             known_columns: tuple[str, ...], cell_limit: int) -> Iterator[dict[str, Any]]:
    iterator = iter(rows)
    number, header = next(_bounded(iterator, cell_limit), (0, []))
    if number != 1 or all(is_blank(h) for h in header):
        raise UserError("file", f"{path.name} is empty or its first row has no column headings; put the "
                                f"headings {', '.join(columns)} in row 1")
    names = [_heading(h) for h in header]
    if any("\x00" in n for n in names):
        raise UserError("file", f"{path.name} looks like UTF-16 text or a binary file; {SAVE_AS_UTF8}")
    if len([n for n in names if n]) == 1 and any(sep in str(header[0]) for sep in ";\t|"):
        raise UserError("file", f"{path.name} does not separate its columns with commas; {SAVE_AS_UTF8}")
    errors: list[UserError] = []
    missing = [c for c in columns if c not in names]
    if missing:
        errors.append(UserError("columns", f"missing {', '.join(missing)} (row 1 must hold the headings "
                                           f"{', '.join(columns)})"))
    known = set(known_columns)
    unknown = [f"{str(header[i]).strip()} (column {column_letter(i)})" for i, n in enumerate(names)
               if n and n not in known]
    if unknown:
        errors.append(UserError("columns", f"unknown heading {', '.join(unknown)}; use only "
                                           f"{', '.join(known_columns)} (a misspelt heading would lose data)"))
    seen: dict[str, int] = {}
    for i, n in enumerate(names):
        if n in known and n in seen:
            errors.append(UserError("columns", f"{n} is the heading of both column {column_letter(seen[n])} "
                                               f"and column {column_letter(i)}; keep one"))
        seen.setdefault(n, i)
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    # The import columns, and any accepted (computed) column present, so a check can compare what it says.
    index = {n: seen[n] for n in known_columns if n in seen}
    count = 0
    for number, row in _bounded(iterator, cell_limit, header):
        if all(is_blank(v) for v in row):
            continue
        count += 1
        if count > MAX_ROWS:
            raise UserError(f"row {number}", f"{path.name} has more than {MAX_ROWS:,} rows (not counting blank "
                                             f"ones), more than one import can take; {_SPLIT}")
        found: dict[str, Any] = {"_row": number}
        for name, i in index.items():
            found[name] = _cell(row[i]) if i < len(row) else ""
        found["_unheaded"] = tuple(column_letter(i) for i, v in enumerate(row)
                                   if not is_blank(v) and (i >= len(names) or not names[i]))
        yield found


# --- checking imported rows --------------------------------------------------------------------------------

class RowCheck:
    """The checks of one row from ``read_table``: each problem goes to the shared ``errors`` list as
    ``UserError("row N", "column: reason")``. A value under no heading is reported on creation."""

    def __init__(self, raw: Mapping[str, Any], errors: list[UserError]) -> None:
        self.raw = raw
        self.number: int = raw["_row"]
        self._errors = errors
        for letter in raw.get("_unheaded", ()):
            self.fail(f"column {letter}", "has a value but no heading; add a heading or clear the column")

    def fail(self, column: str, reason: str) -> None:
        """Report a problem with ``column`` of this row."""
        self._errors.append(UserError(f"row {self.number}", f"{column}: {reason}"))

    def texts(self, columns: Sequence[str], *, untrimmed: Sequence[str] = ("summary",)) -> dict[str, str | None]:
        """The ``cell_text`` of each column (trimmed unless it is ``untrimmed``); None, reported, for text
        holding a control character."""
        texts: dict[str, str | None] = {}
        for column in columns:
            text = cell_text(self.raw.get(column, ""), trim=column not in untrimmed)
            if problem := control_problem(text):
                self.fail(column, problem)
                texts[column] = None
                continue
            texts[column] = text
        return texts

    def kept_status(self, statuses: type[StrEnum], created: StrEnum, noun: str, how: str) -> None:
        """Refuse a ``status`` cell (an export writes one) naming a status other than ``created``, the one the
        import gives the row: an import never silently resets a record's status. Blank is the new record's
        status; the value may be the key (``rr_sent``) or its label (``RR sent to Panel``)."""
        text = cell_text(self.raw.get("status", ""), trim=True)
        if not text:
            return
        key = re.sub(r"[\s\-]+", "_", text.casefold())
        found = next((s for s in statuses if key in (s.value, re.sub(r"[\s\-]+", "_", label(s).casefold()))),
                     None)
        shown = text if len(text) <= 40 else text[:39] + "…"
        if found is None:
            self.fail("status", f'"{shown}" is not a {noun} status; leave it blank (an import creates '
                                f'{noun}s as {how})')
        elif found is not created:
            self.fail("status", f'"{found.value}" would be lost (an import creates {noun}s as {how})')
            if not any(e.field == "status" for e in self._errors):  # what to do, once for the file
                self._errors.append(UserError("status", (
                    f"this file holds {noun}s whose status an import cannot keep: the file does not hold the "
                    f"dates and steps behind it, so they would come back as new. Leave those rows out (or "
                    f"clear their status to add them as new {noun}s); to move a whole database use scpdesk db "
                    "backup and db restore")))

    def date(self, column: str) -> dt.date | None:
        """The ``cell_date`` of a column; None when blank or (reported) not a date."""
        try:
            return cell_date(self.raw.get(column, ""))
        except ValueError as exc:
            self.fail(column, str(exc))
            return None

    def choice(self, column: str, text: str | None, parse: Callable[[str], _T], missing: str) -> _T | None:
        """``parse(text)`` for a required column; None when ``text`` is None (already reported), blank
        (reported as ``missing``) or refused by ``parse`` (reported with its ValueError)."""
        if text is None:
            return None
        if not text:
            self.fail(column, missing)
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.fail(column, str(exc))
            return None


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UserError("file", f"{path} was not found") from None
    return info.st_size, info.st_mtime_ns


@dataclass(frozen=True)
class CheckedFile(Generic[_T, _K]):
    """An import file whose rows have all been read and checked once (``check_file``), holding only a small
    ``keep(row)`` of each; ``batches`` reads and checks it again to write it, so memory stays flat however
    large the file."""

    path: Path
    columns: tuple[str, ...]
    accepted: tuple[str, ...]
    check: Callable[[Mapping[str, Any], list[UserError]], _T]
    keep: Callable[[_T], _K]
    kept: tuple[_K, ...]
    stamp: tuple[int, int]

    @property
    def count(self) -> int:
        return len(self.kept)

    def batches(self, size: int = IMPORT_BATCH) -> Iterator[list[_T]]:
        """The checked rows again, ``size`` at a time. Raises UserError when the file has changed since it was
        checked (a row now fails, differs, or the file's size or time changed): the caller's unit of work then
        rolls back, so nothing is imported."""
        changed = UserError("file", f"{self.path.name} changed while it was being imported, so nothing was "
                                    "imported; close it in any other program and import it again")
        errors: list[UserError] = []
        batch: list[_T] = []
        count = 0
        for raw in iter_table(self.path, self.columns, accepted=self.accepted):
            row = self.check(raw, errors)
            if errors or count >= len(self.kept) or self.keep(row) != self.kept[count]:
                raise changed
            count += 1
            batch.append(row)
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch
        if count != len(self.kept) or _stamp(self.path) != self.stamp:
            raise changed


def insert_rows(s: Session, checked: CheckedFile[_T, Any], build: Callable[[_T], Any]) -> list[int]:
    """Add ``build(row)`` (a new entity) for every row of a checked file, flushing each batch (so the session
    holds a batch, not the file) in the caller's unit of work; return the new ids in file order."""
    ids: list[int] = []
    for batch in checked.batches():
        made = [build(row) for row in batch]
        s.add_all(made)
        s.flush()
        ids.extend(entity.id for entity in made)
    return ids


def check_file(path: str | os.PathLike[str], columns: Sequence[str],
               check: Callable[[Mapping[str, Any], list[UserError]], _T], what: str, *,
               keep: Callable[[_T], _K], accepted: Sequence[str] = ()) -> tuple[CheckedFile[_T, _K], list[UserError]]:
    """Read every row of an import file (``iter_table``) and ``check(raw, errors)`` it, each adding its problems
    to ``errors``; return the checked file (keeping ``keep(row)`` of each row: its number and reference, say)
    and the problems. A file without rows is refused (UserError naming ``what`` the rows are, e.g. "referral
    rows"); after ``MAX_PROBLEMS`` problems reading stops and a last problem says so."""
    path = Path(path)
    rows = iter_table(path, columns, accepted=accepted)
    first = next(rows, None)  # the name, size and headings are checked here
    stamp = _stamp(path)
    errors: list[UserError] = []
    kept: list[_K] = []
    for raw in itertools.chain([first] if first is not None else [], rows):
        kept.append(keep(check(raw, errors)))
        if len(errors) >= MAX_PROBLEMS:
            errors.append(UserError("file", f"{path.name} has more than {MAX_PROBLEMS:,} problems; fix those "
                                            "listed and import it again"))
            break
    if not kept:
        raise UserError("file", f"{path.name} has headings but no {what} under them")
    return CheckedFile(path, tuple(columns), tuple(accepted), check, keep, tuple(kept), stamp), errors


def reference_problems(rows: Sequence[tuple[int, str]], existing: Iterable[str], noun: str) -> list[UserError]:
    """The problems of the references of imported rows, given as (row number, reference), blank ones skipped:
    a reference used again in the file, or already in ``existing`` (both ignoring case). ``noun`` names what
    a row is ("referral")."""
    problems: list[UserError] = []
    first_use: dict[str, int] = {}
    for number, reference in rows:
        if not reference:
            continue
        key = reference.casefold()
        if key in first_use:
            problems.append(UserError(f"row {number}", f"reference: {reference} is also used in row "
                                                       f"{first_use[key]}; each {noun} needs its own reference"))
        else:
            first_use[key] = number
    saved = {reference.casefold(): reference for reference in existing}
    for number, reference in rows:
        key = reference.casefold()
        if reference and first_use.get(key) == number and key in saved:
            problems.append(UserError(f"row {number}", f"reference: {reference} is already in the database (as "
                                                       f"{saved[key]}); choose another reference or remove the row"))
    return problems


def raise_problems(errors: list[UserError]) -> None:
    """Raise the problems of an import, if any, together in row order (those of the whole file first)."""
    if errors:
        errors.sort(key=lambda e: int(e.field.split()[1]) if e.field.startswith("row ") else 0)
        raise ValidationErrors(errors)


# --- writing -----------------------------------------------------------------------------------------------

_SQLITE_HEADER = b"SQLite format 3\x00"
_DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
#: What an export writes: a file of whole 4 KiB pages with one of these names is a document, not an encrypted
#: database.
_DOCUMENT_SUFFIXES = (".csv", ".xlsx", ".pdf", ".html")


def safe_output(path: str | os.PathLike[str], field: str = "file") -> Path:
    """The file an export, pack or summary may be written to: a symlink is written *through* (the link's
    target is replaced and the link stays); refused (UserError naming ``field``) when the target exists but is
    not a regular file (a device, a pipe, ``/dev/stdout``), is a database file (SQLite's own header: the live
    file or a backup of it), is a database's -wal/-shm/-journal, or sits in the backups folder beside a
    database. Nothing is ever renamed over a saved record."""
    given = Path(path)
    target = Path(os.path.realpath(given))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UserError(field, f"{given} cannot be written: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise UserError(field, f"{given} is not an ordinary file (a device, pipe or folder); choose a file name")
    refusal = f"{given} is a database file or one of its backups; choose another name for the export"
    if st is not None:
        try:
            with open(target, "rb") as f:
                head = f.read(len(_SQLITE_HEADER))
        except OSError:
            head = b""
        encrypted = target.suffix.lower() not in _DOCUMENT_SUFFIXES and cipher.is_encrypted(target)
        if head == _SQLITE_HEADER or encrypted:  # a plain or an encrypted (SQLCipher) database
            raise UserError(field, refusal)
    for side in _DATABASE_SIDE_FILES:
        if target.name.endswith(side) and target.with_name(target.name[:-len(side)]).exists():
            raise UserError(field, refusal)
    folder = target.parent
    in_backups = folder.name == "backups" and any(folder.parent.glob("*.sqlite3"))
    if in_backups or any(folder.glob("*-daily-*.sqlite3")):
        raise UserError(field, f"{given} is in the backups folder; choose another folder for the export")
    return target


def check_export_target(path: str | os.PathLike[str], fmt: str, formats: Sequence[str] = FORMATS, *,
                        suffixes: Sequence[str] = (*FORMATS, "pdf")) -> tuple[Path, str]:
    """The path and format of an export, refused when the format is not one of ``formats``, the name ends in
    one of ``suffixes`` (extensions that name a format) other than the format's, or the folder does not
    exist."""
    path = safe_output(path)
    fmt = (fmt or "").strip().lower()
    if fmt not in formats:
        raise UserError("format", f"choose {' or '.join(formats)}, not {fmt or 'nothing'}")
    suffix = path.suffix.lower().lstrip(".")
    if suffix in suffixes and suffix != fmt:
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
    """UTF-8 with a BOM (Excel reads it as UTF-8), ISO dates, formula-like text neutralised; synced to disk."""
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
        f.flush()
        os.fsync(f.fileno())


def _in_row(number: int, row: Sequence[Any]) -> str:
    return f"in row {number} ({row[0]})"


def write_xlsx(target: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, sheet_title: str,
               widths: Mapping[str, int] | None = None,
               row_label: Callable[[int, Sequence[Any]], str] = _in_row) -> None:
    """Bold frozen headings; text cells are always strings (never formulas), dates are date cells.

    ``widths`` gives column widths by column name (others: 14 for a date column, else 16). Text longer than a
    cell can hold is refused (UserError) naming the column and ``row_label(row number, row)`` — by default
    "in row N (first value)".
    """
    write_xlsx_sheets(target, [Sheet(sheet_title, columns, rows, widths, row_label)])


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook ``write_xlsx_sheets`` writes (``title`` is cut to Excel's 31 characters and
    cleared of the characters a sheet name cannot hold; a repeated title is numbered)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    widths: Mapping[str, int] | None = None
    row_label: Callable[[int, Sequence[Any]], str] = _in_row


_SHEET_NAME_ILLEGAL = re.compile(r"[\\/*?:\[\]]")


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_NAME_ILLEGAL.sub(" ", _XLSX_ILLEGAL.sub("", title)).strip().strip("'")[:31] or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def write_xlsx_sheets(target: Path, sheets: Sequence[Sheet]) -> None:
    """A workbook of ``sheets``, each as ``write_xlsx`` writes one; numbers (int, float) are number cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    taken: set[str] = set()
    for index, sheet in enumerate(sheets):
        _fill_sheet(workbook.active if index == 0 else workbook.create_sheet(), sheet, _sheet_name(sheet.title, taken))
    workbook.save(target)


def _fill_sheet(ws: Any, sheet: Sheet, title: str) -> None:
    from openpyxl.styles import Font

    ws.title = title
    bold = Font(bold=True)
    for col, name in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.data_type = "s"
        cell.font = bold
    ws.freeze_panes = "A2"
    for r, row in enumerate(sheet.rows, start=2):
        for col, (name, value) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=r, column=col)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.value = value
                continue
            text = neutralise(_XLSX_ILLEGAL.sub("\ufffd", str(value)))
            if len(text) > XLSX_MAX_CELL:
                raise UserError(name, f"the {name} {sheet.row_label(r, row)} is longer than an Excel cell can hold "
                                      f"({XLSX_MAX_CELL:,} characters); export as CSV instead")
            cell.value = text
            cell.data_type = "s"  # never a formula, whatever the text
    widths = sheet.widths or {}
    for col, name in enumerate(sheet.columns, start=1):
        default = 14 if "date" in name or name in ("published", "due") else 16
        ws.column_dimensions[column_letter(col - 1)].width = widths.get(name, default)


@contextmanager
def temporary_beside(path: Path) -> Iterator[Path]:
    """An empty temporary file in the target's folder (so ``replace_atomically`` is a rename on one disk),
    removed on leaving unless it has been moved over the target."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def replace_atomically(tmp: Path, path: Path, *, open_in: str = "another program") -> None:
    """Move a finished temporary file over the target (the file appears complete or not at all); a failure is
    a StorageError suggesting the file may be open in ``open_in``."""
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise StorageError(f"Could not write {path}: {exc.strerror or exc}",
                           hint=f"If the file is open in {open_in}, close it and export again.") from exc


def export_table(ctx: ServiceContext, path: str | os.PathLike[str], fmt: str, *, columns: Sequence[str],
                 rows: Callable[[Session], Sequence[Sequence[Any]]], entity: str, noun: str, sheet_title: str,
                 widths: Mapping[str, int] | None = None, entity_id: object = "",
                 suffixes: Sequence[str] = (*FORMATS, "pdf"),
                 row_label: Callable[[int, Sequence[Any]], str] = _in_row,
                 open_in: str = "another program") -> int:
    """Write ``rows(session)`` under ``columns`` as CSV or XLSX and record the EXPORT audit event in the same
    transaction (before the file appears); return the number of rows. Written beside the target, then renamed
    over it, so a failed export leaves any old file untouched and no partial one.

    ``suffixes`` is passed to ``check_export_target``, ``sheet_title``, ``widths`` and ``row_label`` to
    ``write_xlsx``, ``open_in`` to ``replace_atomically``.
    """
    path, fmt = check_export_target(path, fmt, suffixes=suffixes)
    with temporary_beside(path) as tmp:
        with ctx.unit_of_work() as s:
            found = rows(s)
            if fmt == "csv":
                write_csv(tmp, columns, found)
            else:
                write_xlsx(tmp, columns, found, sheet_title=sheet_title, widths=widths, row_label=row_label)
            record(s, AuditAction.EXPORT, entity, entity_id, field="file", new=f"{path.name}: {len(found)} {noun}")
        replace_atomically(tmp, path, open_in=open_in)
    return len(found)

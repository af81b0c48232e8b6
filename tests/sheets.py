"""Spreadsheet files for import tests: CSV and XLSX written exactly as a user's Excel would hand them over, and
hostile workbooks (a lying dimension, a zip bomb, a lying part size, rows no spreadsheet program writes)."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import openpyxl

#: The part of a workbook openpyxl writes its (first) worksheet to.
SHEET = "xl/worksheets/sheet1.xml"


def _cells(header: Sequence[str], row: Mapping[str, Any] | Sequence[Any], blank: Any) -> list[Any]:
    if isinstance(row, Mapping):
        return [row.get(h, blank) for h in header]
    return list(row)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Mapping[str, Any] | Sequence[Any]], *,
              encoding: str = "utf-8") -> Path:
    """A header row then ``rows`` (dicts by column name, or lists in column order), in ``encoding``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(_cells(header, row, ""))
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Mapping[str, Any] | Sequence[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(_cells(header, row, None))
    workbook.save(path)
    return path


# --- hostile workbooks -------------------------------------------------------------------------------------

def rewrite_members(path: Path, replace: Mapping[str, Callable[[bytes], bytes | Iterable[bytes]]]) -> Path:
    """Rewrite some parts of a workbook in place: ``replace[name](old bytes)`` gives the new bytes, or chunks of
    them (so a huge part is written without being held in memory), deflated."""
    source = path.with_suffix(".orig")
    path.rename(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename not in replace:
                new.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            produced = replace[info.filename](data)
            part = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with new.open(part, "w") as out:
                for chunk in [produced] if isinstance(produced, bytes) else produced:
                    out.write(chunk)
    source.unlink()
    return path


def dimension_bomb(path: Path, header: Sequence[str], rows: Sequence[Mapping[str, Any] | Sequence[Any]]) -> Path:
    """A small, valid workbook whose worksheet claims to fill every cell of a sheet (A1:XFD1048576) and ends
    with an empty row at the sheet's last row (as a row formatted once and cleared leaves behind)."""
    write_xlsx(path, header, rows)

    def claim(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml, count=1)
        return xml.replace(b"</sheetData>", b'<row r="1048576" /></sheetData>')
    return rewrite_members(path, {SHEET: claim})


def padded_sheet(path: Path, header: Sequence[str], rows: Sequence[Mapping[str, Any] | Sequence[Any]],
                 padding: int, chunk: bytes = b" ") -> Path:
    """A workbook whose worksheet holds ``padding`` bytes of ``chunk`` repeated (white space by default: valid
    XML that packs about a thousand to one) after its rows: a zip bomb when ``padding`` is large."""
    write_xlsx(path, header, rows)

    def pad(xml: bytes) -> Iterator[bytes]:
        head, tail = xml.split(b"</sheetData>")
        yield head
        block = chunk * (1024 * 1024 // len(chunk))
        left = padding
        while left > 0:
            yield block[:left]
            left -= len(block)
        yield b"</sheetData>" + tail
    return rewrite_members(path, {SHEET: pad})


def raw_sheet(path: Path, header: Sequence[str], sheet_data: Callable[[], Iterable[bytes]]) -> Path:
    """A workbook whose worksheet's ``<sheetData>`` is ``sheet_data()`` (XML rows, written as given) after the
    header row: a way to build rows no spreadsheet program would write."""
    write_xlsx(path, header, [])

    def replace(xml: bytes) -> Iterator[bytes]:
        head, tail = xml.split(b"</sheetData>")
        yield head
        yield from sheet_data()
        yield b"</sheetData>" + tail
    return rewrite_members(path, {SHEET: replace})


def lie_about_size(path: Path, member: str, size: int) -> Path:
    """Change the unpacked size a workbook declares for ``member`` (local and central headers), leaving its
    packed data as it is: a part that unpacks to far more than it says."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at:start + name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, size)
            start += 4
    path.write_bytes(bytes(data))
    return path


def inline_cell(ref: str, text: str) -> bytes:
    """An XLSX cell holding ``text`` as an inline string."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'.encode()


def shared_strings_workbook(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A minimal workbook, as Excel writes one, whose cells are all shared strings (openpyxl writes inline
    strings, so its own workbooks have no shared-strings part)."""
    strings: dict[str, int] = {}
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(f'<c r="{column}{r}" t="s"><v>{strings.setdefault(text, len(strings))}</v></c>'
                        for column, text in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", row, strict=False))
        sheet_rows.append(f'<row r="{r}">{cells}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        f'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        f'workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{ct}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{ct}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        f'Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        SHEET: f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>{"".join(sheet_rows)}'
        '</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(text)}</t></si>" for text in strings) + "</sst>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text.encode())
    return path

"""Spreadsheet files for import tests: CSV and XLSX written exactly as a user's Excel would hand them over."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl


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

"""A list as the user sees it on screen, printed: a landscape A4 table under a title and a line saying what was
shown (filters, order), the marking and "Page n of N" on every page, the heading row repeated. Every cell is
plain text passed through the escaping helper. Built from ``PrintedList`` only (what the screen shows; never a
Session)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from .base import GREY, LIGHT, MARGIN, DocumentInfo, build, date_text, markup, para, text

PAGE = landscape(A4)
_TABLE_WIDTH = PAGE[0] - 2 * MARGIN - 12


@dataclass(frozen=True)
class PrintedList:
    title: str
    partnership: str
    marking: str
    generated: dt.date
    #: What was shown: e.g. "Filtered: Overdue · sorted by Due".
    note: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Each column's share of the width (default: equal shares).
    shares: tuple[float, ...] = ()
    noun: str = "record"


def _table(data: PrintedList) -> Table:
    cells: list[list[Flowable]] = [[para(h, "CellBold") for h in data.headers]]
    cells += [[para(value or "", "Cell") for value in row] for row in data.rows]
    shares: Sequence[float] = data.shares if len(data.shares) == len(data.headers) else [1.0] * len(data.headers)
    total = sum(shares) or 1.0
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GREY), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    return Table(cells, colWidths=[_TABLE_WIDTH * s / total for s in shares], repeatRows=1, splitInRow=1,
                 style=TableStyle(commands), hAlign="LEFT")


def build_printed_list_pdf(data: PrintedList, out: Any) -> None:
    """Write the list to ``out`` (a path or a binary file object)."""
    count = len(data.rows)
    story: list[Flowable] = [para(data.title, "Title")]
    if data.partnership:
        story.append(para(data.partnership, "Subtitle"))
    story.append(markup(f"<b>{count} {text(data.noun)}{'' if count == 1 else 's'}</b>, printed "
                        f"{text(date_text(data.generated))}." + (f" {text(data.note)}" if data.note else ""), "Body"))
    story.append(Spacer(1, 4 * mm))
    story.append(_table(data) if data.rows else para(f"No {data.noun}s are shown."))
    info = DocumentInfo(title=data.title, author=data.partnership, subject=data.title, keywords=(data.noun,))
    footer = " — ".join(p for p in (data.partnership, data.title) if p)
    build(out, story, info, marking=data.marking, footer=footer, page_size=PAGE)

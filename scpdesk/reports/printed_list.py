"""A list as the user sees it on screen, printed: a landscape A4 table under a title and a line saying what was
shown (filters, order), the marking and "Page n of N" on every page, the heading row repeated. Every cell is
plain text passed through the escaping helper. Built from ``PrintedList`` only (what the screen shows; never a
Session)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from .base import (
    FONT,
    FONT_BOLD,
    GREY,
    LIGHT,
    MARGIN,
    DocumentInfo,
    build,
    date_text,
    markup,
    para,
    register_fonts,
    text,
)

PAGE = landscape(A4)
_TABLE_WIDTH = PAGE[0] - 2 * MARGIN - 12
#: The cells' font size (the base style sheet's "Cell").
CELL_SIZE = 8.5


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
    #: Each column's share of the width (default: by what the column holds).
    shares: tuple[float, ...] = ()
    noun: str = "record"


def _widths(data: PrintedList) -> list[float]:
    """Column widths by what each holds: at least its longest word (a word is never split), then a share of the
    room left by how much more its longest text (up to 40 characters: longer text wraps) would take."""
    register_fonts()
    pad = 14.0  # the cell padding (6 pt each side) and a little air

    def width(value: str, font: str) -> float:
        return stringWidth(value, font, CELL_SIZE)

    least, most = [], []
    for index, heading in enumerate(data.headers):
        cells = [row[index] for row in data.rows]
        words = [w for c in cells for w in c.split()]
        least.append(pad + max([width(w, FONT_BOLD) for w in heading.split()] + [width(w, FONT) for w in words]
                               + [0.0]))
        most.append(pad + max([width(heading, FONT_BOLD)] + [width(c[:40], FONT) for c in cells]))
    spare = _TABLE_WIDTH - sum(least)
    if spare <= 0:  # even the words do not fit: shrink in proportion (the cells wrap harder)
        return [w * _TABLE_WIDTH / sum(least) for w in least]
    wanted = [max(0.0, m - n) for m, n in zip(most, least, strict=True)]
    scale = min(1.0, spare / sum(wanted)) if sum(wanted) else 0.0
    widths = [n + w * scale for n, w in zip(least, wanted, strict=True)]
    extra = (_TABLE_WIDTH - sum(widths)) / len(widths)  # room still left: shared out evenly
    return [w + extra for w in widths]


def _table(data: PrintedList) -> Table:
    cells: list[list[Flowable]] = [[para(h, "CellBold") for h in data.headers]]
    cells += [[para(value or "", "Cell") for value in row] for row in data.rows]
    if len(data.shares) == len(data.headers):
        total = sum(data.shares) or 1.0
        widths = [_TABLE_WIDTH * s / total for s in data.shares]
    else:
        widths = _widths(data)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GREY), ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    return Table(cells, colWidths=widths, repeatRows=1, splitInRow=1,
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

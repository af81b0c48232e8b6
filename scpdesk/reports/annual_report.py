"""The partnership's figures for a period as a marked PDF (the annual report's working copy): each section's
figures with the rule each used, the tables, the charts as vector drawings with a caption, and an appendix
listing the records each figure counts (references and pseudonyms only). The marking and "Page n of N" are on
every page; each section is bookmarked. Built from the figures' values only (the same numbers the screen shows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from .base import (
    FONT,
    FONT_BOLD,
    GREY,
    LIGHT,
    MARGIN,
    PAGE_SIZE,
    Bookmark,
    DocumentInfo,
    build,
    date_text,
    markup,
    para,
    styles,
    text,
)
from .charts import ChartValues, chart_drawing

#: The width a table may take: the page less its margins and the frame's padding (6 pt each side).
_TABLE_WIDTH = PAGE_SIZE[0] - 2 * MARGIN - 12


class PeriodValues(Protocol):
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def label(self) -> str: ...


class CountedValues(Protocol):
    @property
    def reference(self) -> str: ...
    @property
    def case(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def met(self) -> bool | None: ...


class FigureValues(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def value(self) -> float | None: ...
    @property
    def section(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def records(self) -> Sequence[CountedValues]: ...


class TableValues(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def columns(self) -> Sequence[str]: ...
    @property
    def rows(self) -> Sequence[Sequence[str | int | float | None]]: ...
    @property
    def note(self) -> str: ...


class FiguresValues(Protocol):
    """What the report is built from (``scpdesk.services.figures.Figures`` has this shape)."""

    @property
    def period(self) -> PeriodValues: ...
    @property
    def computed_on(self) -> dt.date: ...
    @property
    def partnership(self) -> str: ...
    @property
    def figures(self) -> Sequence[FigureValues]: ...
    @property
    def tables(self) -> Sequence[TableValues]: ...
    @property
    def charts(self) -> Sequence[ChartValues]: ...


@dataclass(frozen=True)
class AnnualReportDoc:
    figures: FiguresValues
    #: The protective marking (the appendix lists case references and pseudonyms: the packs' marking).
    marking: str

    @property
    def title(self) -> str:
        return "The partnership's figures"


def cell_text(value: str | int | float | None) -> str:
    """A table value as printed: blank as "—", whole numbers without decimals, others to one place."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    return str(value)


def met_text(met: bool | None) -> str:
    return "—" if met is None else "Yes" if met else "No"


def _grid(data: list[list[Flowable]], widths: Sequence[float], *, padding: float = 6) -> Table:
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    return Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, style=TableStyle(commands),
                 hAlign="LEFT")


def _head(names: Sequence[str], size: float = 8.5) -> list[Flowable]:
    style = styles()["CellBold"] if size == 8.5 else ParagraphStyle("CellBoldSmall", parent=styles()["CellBold"],
                                                                      fontSize=size, leading=size + 2)
    return [Paragraph(text(name), style) for name in names]


#: A table with more columns than this (themes by year) has smaller headings and less padding, so its years fit.
_WIDE = 5
_COMPACT_PADDING, _COMPACT_HEAD = 3.0, 7.0


#: A figure's words longer than this (a list of themes and years) go above its rule; the value column keeps the
#: number, so the column stays narrow and the words are not squeezed into it.
_SHORT_VALUE = 40


def _figures_table(figures: Sequence[FigureValues]) -> Table:
    data = [_head(("Figure", "Value", "How it is counted"))]
    for figure in figures:
        shown = figure.text or "—"
        if len(shown) <= _SHORT_VALUE:
            value, rule = para(shown, "CellBold"), para(figure.rule, "Cell")
        else:
            value = para(cell_text(figure.value), "CellBold")
            rule = markup(f"<b>{text(shown)}</b><br/>{text(figure.rule)}", "Cell")
        data.append([para(figure.label, "Cell"), value, rule])
    return _grid(data, [_TABLE_WIDTH * s for s in (0.3, 0.2, 0.5)])


def _cell(value: str | int | float | None) -> Paragraph:
    """A table cell: numbers right-aligned (they compare down a column), text wrapped."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Paragraph(text(cell_text(value)), ParagraphStyle("CellNumber", parent=styles()["Cell"],
                                                                alignment=TA_RIGHT))
    return para(cell_text(value), "Cell")


def _widths(table: TableValues) -> list[float]:
    """The first column (names) takes what the others leave, and at least 30%; the others are as wide as their
    heading's longest word or their widest value (numbers never wrap), shrunk together when that is too much."""
    columns = len(table.columns)
    if columns == 1:
        return [_TABLE_WIDTH]
    wide = columns > _WIDE
    pad = 2 * _COMPACT_PADDING + 4 if wide else 16.0  # the cell's padding each side, and a little air
    head = _COMPACT_HEAD if wide else 8.5
    natural = []
    for index in range(1, columns):
        words = str(table.columns[index]).split() or [""]
        widest = max(stringWidth(w, FONT_BOLD, head) for w in words)
        values = [stringWidth(cell_text(row[index]), FONT, 8.5) for row in table.rows if index < len(row)]
        natural.append(max([widest, *values, 24.0]) + pad)
    room = _TABLE_WIDTH * 0.7
    if sum(natural) > room:
        natural = [w * room / sum(natural) for w in natural]
    return [_TABLE_WIDTH - sum(natural), *natural]


def _table(table: TableValues) -> list[Flowable]:
    columns = len(table.columns)
    if not columns:
        return []
    wide = columns > _WIDE
    data = [_head(table.columns, _COMPACT_HEAD if wide else 8.5)]
    for row in table.rows:
        data.append([_cell(value) for value in row])
    flow: list[Flowable] = [_grid(data, _widths(table), padding=_COMPACT_PADDING if wide else 6)]
    if not table.rows:
        flow.append(para("Nothing to count in this period.", "Small"))
    if table.note:
        flow.append(para(table.note, "Small"))
    return flow


def _records_table(figure: FigureValues) -> Table:
    data = [_head(("Reference", "Case", "Detail", "Counts"))]
    for record in figure.records:
        data.append([para(record.reference, "Cell"), para(record.case, "Cell"), para(record.detail, "Cell"),
                     para(met_text(record.met), "Cell")])
    return _grid(data, [_TABLE_WIDTH * s for s in (0.22, 0.18, 0.48, 0.12)])


def _story(doc: AnnualReportDoc) -> list[Flowable]:
    f = doc.figures
    sheet = styles()
    heading = ParagraphStyle("FiguresH2", parent=sheet["H2"], keepWithNext=1)
    caption = ParagraphStyle("Caption", parent=sheet["Small"], spaceBefore=2, spaceAfter=10)
    subtitle = " · ".join(p for p in (f.partnership, f.period.label) if p)
    story: list[Flowable] = [para(doc.title, "Title"), para(subtitle, "Subtitle")]
    story.append(markup(
        f"The period is {text(date_text(f.period.start))} to {text(date_text(f.period.end))} inclusive. "
        f"Computed on {text(date_text(f.computed_on))}. Each figure says how it is counted; the appendix lists "
        "the records each figure counts, by reference and pseudonym. A figure shown as “—” had nothing to "
        "count in the period.", "Body"))
    story.append(Spacer(1, 4 * mm))
    for number, section in enumerate(dict.fromkeys(fig.section for fig in f.figures), start=1):
        story.append(CondPageBreak(40 * mm))
        story.append(Bookmark(section, f"section-{number}", above=19))
        story.append(para(section, "H1"))
        story.append(_figures_table([fig for fig in f.figures if fig.section == section]))
        story.append(Spacer(1, 4 * mm))
    if f.tables:
        story.append(CondPageBreak(80 * mm))
        story.append(Bookmark("Tables", "tables", above=19))
        story.append(para("Tables", "H1"))
        for index, table in enumerate(f.tables, start=1):
            story.append(CondPageBreak(30 * mm))
            story.append(Bookmark(table.title, f"table-{index}", level=1, above=15))
            story.append(Paragraph(text(table.title), heading))
            story.extend(_table(table))
            story.append(Spacer(1, 3 * mm))
    if f.charts:
        story.append(PageBreak())
        story.append(Bookmark("Charts", "charts", above=19))
        story.append(para("Charts", "H1"))
        for index, chart in enumerate(f.charts, start=1):
            drawing = chart_drawing(chart)
            drawing.hAlign = "LEFT"
            story.append(KeepTogether([Bookmark(chart.title, f"chart-{index}", level=1, above=4), drawing,
                                       Paragraph(f"<i>{text(chart.alt_text)}</i>", caption)]))
    counted = [fig for fig in f.figures if fig.records]
    story.append(PageBreak())
    story.append(Bookmark("Appendix: the records counted", "appendix", above=19))
    story.append(para("Appendix: the records each figure counts", "H1"))
    story.append(para("References and pseudonyms only. “Counts” says whether the record counts towards the "
                      "figure (on time, published within the target …); “—” for a plain count.", "Small"))
    if not counted:
        story.append(para("No figure counted any record in this period."))
    for index, figure in enumerate(counted, start=1):
        title = f"{figure.label}: {figure.text}"
        story.append(CondPageBreak(30 * mm))
        story.append(Bookmark(figure.label, f"records-{index}", level=1, above=15))
        story.append(Paragraph(text(title), heading))
        story.append(_records_table(figure))
        story.append(Spacer(1, 3 * mm))
    return story


def build_annual_report_pdf(doc: AnnualReportDoc, out: Any) -> int:
    """Write the report to ``out`` (a path or a binary file object); return its number of pages."""
    f = doc.figures
    info = DocumentInfo(title=doc.title, author=f.partnership, subject=f"The partnership's figures, {f.period.label}",
                        keywords=("annual report", "figures", *dict.fromkeys(fig.section for fig in f.figures)))
    footer = " — ".join(p for p in (f.partnership, f"Figures for {f.period.label}") if p)
    pages = [1]
    build(out, _story(doc), info, marking=doc.marking, footer=footer,
          after_flowable=lambda _flowable, page, _y: pages.append(page))
    return max(pages)

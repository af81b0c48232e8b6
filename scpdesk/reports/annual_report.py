"""The partnership's figures for a period as a marked PDF (the annual report's working copy): each section's
figures with the rule each used, the tables, the charts as vector drawings with a caption, and an appendix
listing the records each figure counts (references and pseudonyms only). The marking and "Page n of N" are on
every page; each section is bookmarked. Built from the figures' values only (the same numbers the screen shows).

A tagged PDF/UA-1 document (Typst, ``typeset.py``): the title as H1, sections as H2, tables and charts as H3,
every table with header cells, each chart a figure whose alternative text is the chart's own words (its SVG,
drawn once by ``charts.py``, keeps its text as text); the caption under it gives the same words to sighted
readers as a paragraph (prose is never hidden as an artifact). Every string is data, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from . import typeset
from .charts import ChartValues, chart_svg
from .language import long_date


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


#: A figure's words longer than this (a list of themes and years) go above its rule; the value column keeps the
#: number, so the column stays narrow and the words are not squeezed into it.
_SHORT_VALUE = 40
#: A table with more columns than this (themes by year) has smaller headings, so its years fit.
_WIDE = 5

Run = tuple[str, bool]  # text, bold


def _cell(value: str | int | float | None) -> dict[str, Any]:
    """A table cell: numbers right-aligned (they compare down a column), text wrapped."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return {"t": [[typeset.clean(cell_text(value)), False]], "right": number}


def _text(value: object, bold: bool = False) -> dict[str, Any]:
    return {"t": [[typeset.clean(value), bold]], "right": False}


def _figures_table(figures: Sequence[FigureValues]) -> dict[str, Any]:
    rows = []
    for figure in figures:
        shown = figure.text or "—"
        if len(shown) <= _SHORT_VALUE:
            value, rule = _text(shown, True), _text(figure.rule)
        else:
            value = {"t": [[typeset.clean(cell_text(figure.value)), True]], "right": False}
            rule = {"t": [[typeset.clean(shown), True], ["\n" + typeset.clean(figure.rule), False]], "right": False}
        rows.append([_text(figure.label), value, rule])
    return {"head": ["Figure", "Value", "How it is counted"], "widths": [0.3, 0.2, 0.5], "rows": rows}


def _widths(table: TableValues) -> list[float]:
    """The first column (names) takes what the others leave, and at least 30%; the others share the rest by
    their widest heading word or value (numbers never wrap)."""
    columns = len(table.columns)
    if columns == 1:
        return [1.0]
    natural = []
    for index in range(1, columns):
        words = str(table.columns[index]).split() or [""]
        widest = max(len(w) for w in words)
        values = [len(cell_text(row[index])) for row in table.rows if index < len(row)]
        natural.append(max([widest, *values, 4]) + 2)
    total = sum(natural)
    share = min(0.7, total / 90)  # about 90 characters across the page
    return [1 - share, *(share * n / total for n in natural)]


def _table(table: TableValues) -> dict[str, Any]:
    return {"title": typeset.clean(table.title), "head": [typeset.clean(c) for c in table.columns],
            "widths": _widths(table), "rows": [[_cell(v) for v in row] for row in table.rows],
            "small": len(table.columns) > _WIDE, "empty": "Nothing to count in this period." if not table.rows else "",
            "note": typeset.clean(table.note)}


def _records_table(figure: FigureValues) -> dict[str, Any]:
    rows = [[_text(r.reference), _text(r.case), _text(r.detail), _text(met_text(r.met))] for r in figure.records]
    return {"head": ["Reference", "Case", "Detail", "Counts"], "widths": [0.22, 0.18, 0.48, 0.12], "rows": rows}


def _font_names(svg: bytes) -> bytes:
    """ReportLab names the faces ("DejaVuSans-Bold"); Typst's SVG renderer finds them by family and weight."""
    return (svg.replace(b"font-family: DejaVuSans-Bold", b"font-family: DejaVu Sans; font-weight: bold")
            .replace(b"font-family: DejaVuSans", b"font-family: DejaVu Sans"))


def _values(doc: AnnualReportDoc, files: dict[str, bytes]) -> dict[str, Any]:
    f = doc.figures
    clean = typeset.clean
    sections = []
    for section in dict.fromkeys(fig.section for fig in f.figures):
        sections.append({"heading": clean(section),
                         "table": _figures_table([fig for fig in f.figures if fig.section == section])})
    charts = []
    for index, chart in enumerate(f.charts, start=1):
        name = f"chart-{index}.svg"
        files[name] = _font_names(chart_svg(chart, titled=False))
        charts.append({"title": clean(chart.title), "file": name, "alt": clean(chart.alt_text) or clean(chart.title)})
    counted = [fig for fig in f.figures if fig.records]
    footer = " — ".join(p for p in (clean(f.partnership), f"Figures for {clean(f.period.label)}") if p)
    return {
        "info": {"title": doc.title, "author": clean(f.partnership),
                 "subject": f"The partnership's figures, {clean(f.period.label)}",
                 "keywords": ["annual report", "figures", *(s["heading"] for s in sections)], "lang": "en-GB"},
        # The partnership's name and the marking are typed: a word too long for the page wraps (typeset.fit_words).
        "page": {"marking": typeset.fit_words(clean(doc.marking).strip(), _PAGE_WIDTH, 9, bold=True),
                 "footer": typeset.fit_words(footer, _PAGE_WIDTH * 0.75, 8), "label": "Page {n} of {total}"},
        "title": doc.title, "subtitle": typeset.fit_words(
            " · ".join(p for p in (clean(f.partnership), clean(f.period.label)) if p), _PAGE_WIDTH, 13),
        "intro": f"The period is {long_date(f.period.start)} to {long_date(f.period.end)} inclusive. "
                 f"Computed on {long_date(f.computed_on)}. Each figure says how it is counted; the appendix lists "
                 "the records each figure counts, by reference and pseudonym. A figure shown as “—” had nothing to "
                 "count in the period.",
        "sections": sections, "tables": [_table(t) for t in f.tables], "charts": charts,
        "appendix": [{"heading": clean(f"{fig.label}: {fig.text}"), "table": _records_table(fig)} for fig in counted],
        "appendix_note": "References and pseudonyms only. “Counts” says whether the record counts towards the "
                         "figure (on time, published within the target …); “—” for a plain count.",
        "none_counted": "No figure counted any record in this period." if not counted else "",
    }


#: The width of the portrait A4 page's text area (templates/common.typ), in points.
_PAGE_WIDTH = 595.27 - 2 * (18 * 72 / 25.4 + 6)


def build_annual_report_pdf(doc: AnnualReportDoc, out: Any) -> int:
    """Write the report to ``out`` (a path or a binary file object); return its number of pages."""
    files: dict[str, bytes] = {}
    pdf = typeset.render("annual_report", _values(doc, files), files)
    typeset.write(out, pdf)
    return typeset.page_count(pdf)

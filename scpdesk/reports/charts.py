"""The figures' charts, drawn once with ReportLab's graphics from a chart's values: the same drawing goes into
the annual report as vector graphics and to the screen as SVG (Qt renders the SVG, and a PNG from it), so the
screen, the PDF and the PNG never disagree.

Readable by everyone: the Okabe–Ito colour-blind safe palette, a legend whenever there is more than one series,
the value axis from 0 (percentages 0–100), category labels that are never clipped (long names turn the bars
sideways and are shortened with "…" only beyond a third of the width), the value on each bar when there are
few. Every name (themes and agencies are typed by users) is a plain ``String``: never markup, and the SVG
writer escapes ``<`` and ``&``; control characters (which XML cannot hold: the SVG would not render) and
direction overrides (which would turn the rest of a label round) are taken out first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import BarChart, HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .base import FONT, FONT_BOLD, fit, register_fonts

#: Okabe & Ito's palette (distinguishable with any common colour-vision deficiency), yellow left out: it is
#: too pale on white.
PALETTE = tuple(colors.HexColor(c) for c in ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
                                             "#000000", "#999999"))
WIDTH, HEIGHT = 480.0, 270.0
TITLE_SIZE, LABEL_SIZE, SMALL_SIZE = 11.0, 8.0, 7.0
_PAD = 6.0


class SeriesValues(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def values(self) -> Sequence[float | None]: ...


class ChartValues(Protocol):
    """What a chart is drawn from (``scpdesk.services.figures.Chart`` has this shape)."""

    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...  # "bar", "grouped_bar", "stacked_bar", "line"
    @property
    def categories(self) -> Sequence[str]: ...
    @property
    def series(self) -> Sequence[SeriesValues]: ...
    @property
    def value_label(self) -> str: ...
    @property
    def alt_text(self) -> str: ...


#: What a label must not carry: C0 controls and DEL (not allowed in XML 1.0) and the bidirectional embeddings,
#: overrides and isolates.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> str:
    return _UNSHOWABLE.sub("", text)


@dataclass(frozen=True)
class _Series:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class _Chart:
    key: str
    title: str
    kind: str
    categories: Sequence[str]
    series: Sequence[SeriesValues]
    value_label: str
    alt_text: str


def _cleaned(chart: ChartValues) -> ChartValues:
    """The chart with every text as it can be shown (see the module's docstring)."""
    return _Chart(chart.key, _shown(chart.title), chart.kind, [_shown(c) for c in chart.categories],
                  [_Series(_shown(s.name), s.values) for s in chart.series], _shown(chart.value_label),
                  _shown(chart.alt_text))


def is_percent(chart: ChartValues) -> bool:
    return "%" in chart.value_label or "percent" in chart.value_label.lower()


def _top(chart: ChartValues) -> float:
    """The value axis's top: 100 for percentages, else a round number at or above the largest value (or
    total, when stacked)."""
    if is_percent(chart):
        return 100.0
    columns = list(zip(*(s.values for s in chart.series), strict=False)) or [()]
    if chart.kind == "stacked_bar":
        largest = max((sum(v or 0 for v in column) for column in columns), default=0.0)
    else:
        largest = max((v or 0 for s in chart.series for v in s.values), default=0.0)
    if largest <= 0:
        return 1.0
    return float(_step(largest) * math.ceil(largest / _step(largest)))


def _step(top: float) -> float:
    """A round step giving about five gridlines (whole numbers: counts are never fractional)."""
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for multiple in (1, 2, 2.5, 5, 10):
        if raw <= multiple * magnitude:
            return max(1.0, multiple * magnitude) if multiple * magnitude >= 1 else 1.0
    return 10.0 * magnitude


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


#: A series whose name says it is overdue is drawn in vermillion wherever it falls in the order.
OVERDUE = colors.HexColor("#D55E00")


def series_colours(chart: ChartValues) -> list[colors.Color]:
    """One colour per series: the palette in order, vermillion kept for an "overdue" series."""
    palette = [c for c in PALETTE if c != OVERDUE]
    shown: list[colors.Color] = []
    for series in chart.series:
        if "overdue" in series.name.lower():
            shown.append(OVERDUE)
        else:
            shown.append(palette[len([c for c in shown if c != OVERDUE]) % len(palette)])
    return shown


def _legend(chart: ChartValues, width: float) -> tuple[Legend | None, float]:
    """A legend below the plot laid out in as many columns as fit; its height."""
    names = [s.name for s in chart.series]
    if len(names) < 2:
        return None, 0.0
    swatch, gap, row = 9.0, 14.0, 12.0
    most = width / 2 - swatch - gap
    shown = [fit(n or "—", FONT, LABEL_SIZE, most) for n in names]
    column = max(stringWidth(n, FONT, LABEL_SIZE) for n in shown) + swatch + gap + 6
    columns = max(1, min(len(names), int(width // column)))
    rows = math.ceil(len(names) / columns)
    legend = Legend()
    legend.fontName, legend.fontSize = FONT, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = rows
    legend.deltax, legend.deltay = column, row
    legend.dx, legend.dy = swatch, swatch
    legend.dxTextSpace = 4
    legend.boxAnchor = "nw"
    legend.colorNamePairs = list(zip(series_colours(chart), shown, strict=True))
    return legend, rows * row + 4


def _category_room(chart: ChartValues, plot_width: float) -> float:
    return plot_width / max(1, len(chart.categories))


def _sideways(chart: ChartValues, plot_width: float) -> bool:
    """Bars run sideways when a category name would not fit under its bar (agency and theme names)."""
    if chart.kind == "line":
        return False
    widest = max((stringWidth(c, FONT, LABEL_SIZE) for c in chart.categories), default=0.0)
    return widest > _category_room(chart, plot_width) - 4


def chart_drawing(chart: ChartValues, width: float = WIDTH, height: float = HEIGHT, *, titled: bool = True
                  ) -> Drawing:
    """The chart as a ReportLab drawing (title, plot, axis label, legend). ``titled`` False: no title drawn
    (a document that prints the title as a heading above it)."""
    chart = _cleaned(chart)
    register_fonts()
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))  # readable on a dark theme
    if titled:
        drawing.add(String(width / 2, height - TITLE_SIZE - 2, fit(chart.title, FONT_BOLD, TITLE_SIZE, width - 8),
                           fontName=FONT_BOLD, fontSize=TITLE_SIZE, textAnchor="middle", fillColor=colors.black))
    legend, legend_height = _legend(chart, width - 2 * _PAD)
    if not chart.categories or not chart.series:
        drawing.add(String(width / 2, height / 2, "Nothing to show for this period.", fontName=FONT,
                           fontSize=LABEL_SIZE + 1, textAnchor="middle", fillColor=colors.HexColor("#5a5a5a")))
        return drawing
    top = _top(chart)
    left_axis = 18 + stringWidth(_number(top), FONT, LABEL_SIZE) + 6  # the axis label, then the numbers
    plot_top = height - TITLE_SIZE - 26  # room for the value above the tallest bar
    bottom = _PAD + legend_height
    plot_width = width - left_axis - 2 * _PAD
    sideways = _sideways(chart, plot_width)
    data = [tuple(v for v in s.values) for s in chart.series]
    categories = list(chart.categories)
    if sideways:  # the first category at the top, where reading starts
        categories.reverse()
        data = [tuple(reversed(values)) for values in data]
        names_width = min(width * 0.42, max(stringWidth(c, FONT, LABEL_SIZE) for c in categories) + 6)
        plot: BarChart | HorizontalLineChart = HorizontalBarChart()
        plot.x, plot.y = _PAD + names_width, bottom + 26
        plot.width, plot.height = width - plot.x - 2 * _PAD - 10, plot_top - plot.y
        names = [fit(c, FONT, LABEL_SIZE, names_width - 6) for c in categories]
        plot.categoryAxis.labels.boxAnchor = "e"
        plot.categoryAxis.labels.dx = -4
        axis_label = String(plot.x + plot.width / 2, bottom + 2, chart.value_label, fontName=FONT,
                            fontSize=LABEL_SIZE, textAnchor="middle", fillColor=colors.black)
        drawing_axis_label: Group | String = axis_label
    else:
        plot = HorizontalLineChart() if chart.kind == "line" else VerticalBarChart()
        plot.x, plot.y = left_axis + _PAD, bottom + 18
        plot.width, plot.height = plot_width, plot_top - plot.y
        room = _category_room(chart, plot.width)
        names = [fit(c, FONT, LABEL_SIZE, room - 2) for c in categories]
        plot.categoryAxis.labels.boxAnchor = "n"
        plot.categoryAxis.labels.dy = -3
        rotated = Group(String(0, 0, chart.value_label, fontName=FONT, fontSize=LABEL_SIZE, textAnchor="middle",
                               fillColor=colors.black))
        rotated.transform = (0, 1, -1, 0, _PAD + LABEL_SIZE, plot.y + plot.height / 2)
        drawing_axis_label = rotated
    plot.data = data
    plot.categoryAxis.categoryNames = names
    for axis in (plot.categoryAxis.labels, plot.valueAxis.labels):
        axis.fontName, axis.fontSize = FONT, LABEL_SIZE
    plot.valueAxis.valueMin, plot.valueAxis.valueMax = 0, top
    plot.valueAxis.valueStep = _step(top) if not is_percent(chart) else 20
    plot.valueAxis.labelTextFormat = _number
    plot.valueAxis.visibleGrid = True
    plot.valueAxis.gridStrokeColor = colors.HexColor("#d9d9d9")
    plot.valueAxis.gridStrokeWidth = 0.5
    if isinstance(plot, HorizontalLineChart):
        plot.joinedLines = 1
        for i, colour in enumerate(series_colours(chart)):
            plot.lines[i].strokeColor = colour
            plot.lines[i].strokeWidth = 2
    else:
        if chart.kind == "stacked_bar":
            plot.categoryAxis.style = "stacked"
        plot.barSpacing, plot.groupSpacing = 1, 6
        for i, colour in enumerate(series_colours(chart)):
            plot.bars[i].fillColor = colour
            plot.bars[i].strokeColor = None
        bars = sum(1 for s in data for v in s if v is not None)
        if chart.kind != "stacked_bar" and bars <= 12:
            plot.barLabelFormat = lambda v: "" if v is None else f"{v:.0f}%" if is_percent(chart) else _number(v)
            plot.barLabels.fontName, plot.barLabels.fontSize = FONT, SMALL_SIZE
            plot.barLabels.nudge = 7
    drawing.add(plot)
    drawing.add(drawing_axis_label)
    if legend is not None:
        legend.x, legend.y = _PAD, _PAD + legend_height - 4
        drawing.add(legend)
    return drawing


def chart_svg(chart: ChartValues, width: float = WIDTH, height: float = HEIGHT, *, titled: bool = True) -> bytes:
    """The chart as an SVG document (UTF-8), for the screen, the PNG the screen saves and the figures report."""
    return renderSVG.drawToString(chart_drawing(chart, width, height, titled=titled)).encode("utf-8")

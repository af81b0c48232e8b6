"""The figures' PDF read back with pypdf, and the charts' SVG parsed: marking and "Page n of N" on every page, each
figure with its value and rule, the tables, the charts as vector drawings with their captions, the appendix of
records (references and pseudonyms), bookmarks and metadata; user-typed names printed literally."""

from __future__ import annotations

import dataclasses
import io
import re
import xml.dom.minidom

import pytest
from figures_sample import ODD_AGENCY, ODD_THEME, empty_figures, sample_figures
from pypdf import PdfReader

from scpdesk.reports.annual_report import AnnualReportDoc, build_annual_report_pdf
from scpdesk.reports.charts import chart_drawing, chart_svg
from scpdesk.services.figures import Chart, Series


def render(doc: AnnualReportDoc) -> tuple[PdfReader, int]:
    buffer = io.BytesIO()
    pages = build_annual_report_pdf(doc, buffer)
    buffer.seek(0)
    return PdfReader(buffer), pages


def flat(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture(scope="module")
def report() -> tuple[PdfReader, int]:
    return render(AnnualReportDoc(sample_figures(), "OFFICIAL-SENSITIVE"))


def everything(reader: PdfReader) -> str:
    return flat("".join(page.extract_text() for page in reader.pages))


def test_every_page_carries_the_marking_and_page_n_of_n(report: tuple[PdfReader, int]) -> None:
    reader, pages = report
    assert pages == len(reader.pages)
    assert 4 <= pages <= 15  # sections, tables, four charts, the appendix: a few pages, not dozens
    for number, page in enumerate(reader.pages, start=1):
        text = flat(page.extract_text())
        assert text.count("OFFICIAL-SENSITIVE") == 2  # top and bottom
        assert f"Page{number}of{pages}" in text


def test_each_figure_is_printed_with_its_value_and_rule(report: tuple[PdfReader, int]) -> None:
    text = everything(report[0])
    figures = sample_figures()
    for figure in figures.figures:
        assert flat(figure.label) in text and flat(figure.text) in text
        assert flat(figure.rule)[:60] in text
    assert flat("2026/27 (1 Apr 2026 – 31 Mar 2027)") in text and "NorthshireSCP" in text


def test_the_tables_charts_and_appendix_are_there_with_names_printed_as_typed(report: tuple[PdfReader, int]) -> None:
    text = everything(report[0])
    for table in sample_figures().tables:
        assert flat(table.title) in text
    assert flat(ODD_THEME) in text and flat(ODD_AGENCY) in text  # never markup: no bold, no lost text
    assert flat("=SUM(A1:A9)") in text
    for chart in sample_figures().charts:
        assert flat(chart.alt_text) in text  # the caption: the chart's words for those who cannot see it
    assert flat("%ontime") in text  # the charts' own text: drawn as vector text, not pictures
    assert all(not page.images for page in report[0].pages)
    assert "Appendix" in text
    for n in range(1, 21):
        assert f"NSCP-RR-2026-{n:03d}" in text  # every record the referrals figure counts is listed


def test_metadata_and_bookmarks(report: tuple[PdfReader, int]) -> None:
    reader = report[0]
    meta = reader.metadata
    assert meta is not None and meta.title == "The partnership's figures" and meta.author == "Northshire SCP"
    assert "2026/27" in (meta.subject or "")
    top = [entry["/Title"] for entry in reader.outline if not isinstance(entry, list)]
    assert top == ["Referrals", "Timeliness", "Decisions", "Publication", "Themes", "Actions", "Archive requests",
                   "Tables", "Charts", "Appendix: the records each figure counts"]  # the headings (H2)
    nested = [e["/Title"] for group in reader.outline if isinstance(group, list) for e in group]
    assert "Timeliness by quarter" in nested and "SIN sent within 5 working days: 18 of 20 (90%)" in nested


def test_a_period_with_nothing_in_it_still_prints_and_says_so() -> None:
    reader, pages = render(AnnualReportDoc(empty_figures(), ""))
    text = everything(reader)
    assert pages >= 1 and "OFFICIAL" not in text  # no marking chosen: none printed
    assert flat("Nothing to count in this period.") in text
    assert flat("Nothing to show for this period.") in text  # the empty chart says so rather than drawing axes


def test_chart_svg_is_well_formed_with_markup_in_names_and_keeps_them_literal() -> None:
    for chart in sample_figures().charts:
        svg = chart_svg(chart)
        document = xml.dom.minidom.parseString(svg)  # raises on a raw < or &
        texts = "".join(node.data for node in _text_nodes(document.documentElement))
        assert chart.title in texts
        if chart.key == "themes_by_year":
            assert ODD_THEME in texts and "<b>" not in svg.decode()
        if chart.key == "actions_by_agency":
            assert ODD_AGENCY in texts


def test_chart_svg_renders_names_holding_control_characters_and_direction_overrides() -> None:
    """A theme typed with a control character (pasted from another system) made the SVG unreadable XML and the
    chart blank on screen; a right-to-left override turned the rest of the label round."""
    chart = next(c for c in sample_figures().charts if c.key == "actions_by_agency")
    hostile = dataclasses.replace(chart, categories=["Police\x01 \u202eecnawolla", *chart.categories[1:]],
                                  title="Actions\x0b by agency")
    svg = chart_svg(hostile)
    document = xml.dom.minidom.parseString(svg)
    texts = "".join(node.data for node in _text_nodes(document.documentElement))
    assert "Police ecnawolla" in texts and "Actions by agency" in texts
    assert "\x01" not in svg.decode() and "\u202e" not in svg.decode()


def _text_nodes(node: xml.dom.minidom.Node) -> list[xml.dom.minidom.Text]:
    found = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            found.append(child)
        else:
            found.extend(_text_nodes(child))
    return found


def _axis(chart: Chart) -> tuple[float, float]:
    drawing = chart_drawing(chart)
    plot = next(c for c in drawing.contents if hasattr(c, "valueAxis"))
    return plot.valueAxis.valueMin, plot.valueAxis.valueMax


def test_value_axes_start_at_zero_and_percentages_run_to_100() -> None:
    figures = sample_figures()
    assert _axis(figures.chart("timeliness_by_quarter")) == (0, 100)  # 100% is the top even when none reach it
    low = Chart("low", "Low", "bar", ("A", "B"), (Series("Rate", (12.0, 20.0)),), "% on time", "Low rates.")
    assert _axis(low) == (0, 100)
    counts = _axis(figures.chart("decisions_by_type"))
    assert counts[0] == 0 and counts[1] >= 4  # the largest count fits
    stacked = _axis(figures.chart("actions_by_agency"))
    assert stacked[0] == 0 and stacked[1] >= 7  # a stacked bar's total (6 + 0 + 1) fits, not only its largest part


def test_long_category_names_turn_the_bars_sideways_and_are_not_cut_short() -> None:
    from reportlab.graphics.charts.barcharts import HorizontalBarChart

    drawing = chart_drawing(sample_figures().chart("actions_by_agency"))
    plot = next(c for c in drawing.contents if hasattr(c, "valueAxis"))
    assert isinstance(plot, HorizontalBarChart)
    assert ODD_AGENCY in plot.categoryAxis.categoryNames  # whole when it fits a third of the width
    assert plot.categoryAxis.categoryNames[-1] == ODD_AGENCY  # drawn at the top: the first read first


def test_an_overdue_series_is_vermillion_wherever_it_comes() -> None:
    from scpdesk.reports.charts import OVERDUE, PALETTE, series_colours

    first = Chart("a", "A", "stacked_bar", ("X",), (Series("Overdue", (1,)), Series("On time", (2,))), "Actions", "")
    assert series_colours(first) == [OVERDUE, PALETTE[0]]
    assert series_colours(sample_figures().chart("actions_by_agency"))[2] == OVERDUE
    assert len(set(series_colours(sample_figures().chart("themes_by_year")))) == 3  # distinct colours


def test_a_long_value_is_printed_whole_beside_its_rule() -> None:
    words = "14; " + "; ".join(f"theme {n} (2023/24, 2026/27)" for n in range(14))
    base = sample_figures()
    figures = dataclasses.replace(base, figures=tuple(
        dataclasses.replace(f, text=words) if f.key == "themes_recurring" else f for f in base.figures))
    text = everything(render(AnnualReportDoc(figures, "OFFICIAL"))[0])
    assert flat(words) in text

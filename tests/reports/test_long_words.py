"""A word too long for its column (issue 17): Welsh has long ones — the place name
Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch — and addresses get typed without "https://". Typst
never breaks inside a word by itself, so such a word ran over the other language's column in a side-by-side
summary, over the next panel of a briefing and off the page. Measured on the PDF as drawn: every run of text
ends inside its column; the word is still read whole (the break opportunity is a zero-width space, which screen
readers skip) and a word that fits is never broken."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from pdf_structure import read
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from test_learning_summary import typical
from test_tagged_pdfs import build, welsh

from scpdesk.reports.base import FONT, FONT_BOLD, register_fonts
from scpdesk.reports.data import BilingualSummary, LearningSummary, SummaryAction
from scpdesk.reports.learning_summary import build_briefing_pdf, build_learning_summary_pdf

PLACE = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
ADDRESS = "www.llyw.cymru/canllawiau-diogelu-cenedlaethol-cymru/amddiffyn-plant-rhag-camdriniaeth-rywiol"
#: The A4 text area's left and right edges, and the right edge of a side-by-side summary's left column (pt).
LEFT = 18 * 72 / 25.4 + 6
RIGHT = 595.27 - LEFT
LEFT_COLUMN_RIGHT = LEFT + (RIGHT - LEFT - 8 * 72 / 25.4) / 2
#: The text area's bottom and top (pt from the page's foot).
BOTTOM, TOP = 22 * 72 / 25.4 + 6, 841.89 - LEFT
SLACK = 1.5


def _long(data: LearningSummary) -> LearningSummary:
    return dataclasses.replace(
        data, about=f"Digwyddodd yn {PLACE}, Ynys Môn.", what_happened=f"{PLACE}{PLACE}",
        key_learning=(f"{PLACE} a {PLACE}.", *data.key_learning), resources=f"Canllawiau: {ADDRESS}",
        actions=(SummaryAction(f"Hyfforddiant yn {PLACE}.", f"Gwasanaethau{PLACE}", None, "Wedi'i gwblhau"),))


def _runs(content: bytes, top: float = TOP, size: float | None = None) -> list[tuple[int, float, float, str]]:
    """(page, left x, right x, text) of every run of text drawn in the page's text area (widths from the embedded
    DejaVu's metrics; the running header and footer left out)."""
    register_fonts()
    found: list[tuple[int, float, float, str]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(content)).pages):
        def visit(text: str, cm: Any, tm: Any, font: Any, font_size: float, number: int = number) -> None:
            if not text.strip():
                return
            scale = tm[0] * cm[0]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if not BOTTOM < y < top or (size is not None and abs(abs(scale) * font_size - size) > 0.05):
                return
            face = FONT_BOLD if font is not None and "Bold" in str(font.get("/BaseFont", "")) else FONT
            drawn = text.replace("\u200b", "")  # no width: the embedded font draws nothing for it
            found.append((number, x, x + stringWidth(drawn, face, font_size) * abs(scale), text))
        page.extract_text(visitor_text=visit)
    return found


def _overruns(content: bytes, side_by_side: bool = False) -> list[tuple[int, float, float, str]]:
    out = []
    for page, left, right, text in _runs(content):
        edge = LEFT_COLUMN_RIGHT if side_by_side and left < LEFT_COLUMN_RIGHT - 20 else RIGHT
        if right > edge + SLACK:
            out.append((page, round(left), round(right), text[:40]))
    return out


@pytest.mark.parametrize("shape", ["welsh", "side_by_side", "consecutive"])
def test_a_word_too_long_for_its_column_wraps_inside_it(shape: str) -> None:
    cy, en = _long(welsh()), _long(typical())
    data: LearningSummary | BilingualSummary = cy if shape == "welsh" else BilingualSummary(cy, en, shape)
    content = build(build_learning_summary_pdf, data)
    assert _overruns(content, side_by_side=shape == "side_by_side") == []
    said = read(content).root.text
    assert said.count("\u200b") > 0 and PLACE in said.replace("\u200b", "")  # read whole
    assert "Gwasanaethau" in said and "Gwasan\u200b" not in said.replace(f"Gwasanaethau{PLACE[:3]}", "")


@pytest.mark.parametrize("make", [lambda: _long(welsh()), lambda: BilingualSummary(_long(welsh()), _long(typical()))])
def test_a_word_too_long_for_a_briefing_panel_stays_in_its_panel(make: Callable[[], Any]) -> None:
    content = build(build_briefing_pdf, make())
    half = (LEFT + RIGHT) / 2
    for page, left, right, text in _runs(content):
        edge = half if left < half - 20 and not text.startswith(("Canllawiau", "www.", "Practice")) else RIGHT
        assert right <= edge + SLACK, (page, left, right, text[:40])
    assert PLACE in read(content).root.text.replace("\u200b", "")


def test_words_that_fit_are_never_broken_and_the_narrow_table_holds_welsh_dates() -> None:
    """The side-by-side actions table is a quarter of a half page: its columns hold the longest Welsh month
    (Gorffennaf), a Welsh agency's name and the statuses whole, and nothing runs over the next cell."""
    cy = dataclasses.replace(welsh(), actions=(
        SummaryAction("Hyfforddiant ar gam-drin rhywiol.", "Gwasanaethau Cymdeithasol", dt.date(2026, 7, 2),
                      "Heb ddechrau"),
        SummaryAction("Cyhoeddi canllawiau.", "Addysg", dt.date(2026, 2, 2), "Wedi'i gwblhau")))
    content = build(build_learning_summary_pdf, BilingualSummary(cy, typical(), "side_by_side"))
    doc = read(content)
    assert "\u200b" not in doc.root.text
    assert "2 Gorffennaf 2026" in [" ".join(t.split()) for t in doc.texts("TD")]
    assert _overruns(content, side_by_side=True) == []


def test_the_web_page_lets_a_long_word_wrap_in_its_column_and_table_cell() -> None:
    from scpdesk.reports.learning_summary import learning_summary_html

    page = learning_summary_html(BilingualSummary(_long(welsh()), _long(typical()), "side_by_side"))
    style = page.split("<style>")[1].split("</style>")[0]
    assert "overflow-wrap: break-word" in style.split("body {")[1].split("}")[0]  # paragraphs
    assert "overflow-wrap: anywhere" in style.split("th, td {")[1].split("}")[0]  # a table sizes to its words
    assert "min-width: 0" in style.split(".pair > * {")[1].split("}")[0]  # a grid column shrinks to half
    assert PLACE in page and "\u200b" not in page  # the page itself is unchanged text


def test_the_action_plan_keeps_a_long_word_inside_its_cell() -> None:
    from test_action_plan import action

    from scpdesk.reports.action_plan import _COLUMNS, ActionPlanDoc, PlanGroup, build_action_plan_pdf

    doc = ActionPlanDoc(f"Partneriaeth {PLACE}", f"Cynllun {PLACE}", "OFFICIAL", dt.date(2026, 12, 1), (
        PlanGroup(1, f"Argymhelliad {PLACE}", f"NSCP {PLACE}", (action(
            1, description=f"Cam yn {PLACE}", owner=f"Gwasanaethau{PLACE}", expected_change=PLACE + PLACE,
            evidence=ADDRESS, latest_note=PLACE),)),))
    out = io.BytesIO()
    build_action_plan_pdf(doc, out)
    width = 841.89 - 2 * LEFT
    edges, at = [], LEFT
    for _name, share in _COLUMNS:
        at += share / sum(s for _, s in _COLUMNS) * width
        edges.append(at)
    for page, left, right, text in _runs(out.getvalue(), top=595.28 - LEFT, size=8.5):  # the table's cells
        edge = next((e for e in edges if left < e - 6), edges[-1])
        assert right <= edge + SLACK, (page, round(left), round(right), text[:40])
    assert PLACE in read(out.getvalue()).root.text.replace("\u200b", "")


def test_the_figures_report_wraps_a_long_partnership_name_and_marking() -> None:
    from figures_sample import sample_figures

    from scpdesk.reports.annual_report import AnnualReportDoc, build_annual_report_pdf

    figures = dataclasses.replace(sample_figures(), partnership=f"Partneriaeth {PLACE}{PLACE}")
    out = io.BytesIO()
    build_annual_report_pdf(AnnualReportDoc(figures, f"SWYDDOGOL-{PLACE}{PLACE}"), out)
    assert [r for r in _runs(out.getvalue(), top=842) if r[2] > RIGHT + SLACK] == []  # the marking at the top too

"""The published documents are tagged PDF/UA-1 (issue 17): read back with pikepdf as a screen reader meets them —
the structure tree in reading order (title H1, section headings, paragraphs, lists, tables with header cells,
figures with alternative text), running headers, footers and markings as artifacts outside the tree, the title
displayed, /Lang on the document and on every block in the other language; user text never becomes markup;
Welsh headings and dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from figures_sample import sample_figures
from pdf_structure import Tagged, read, squash
from pypdf import PdfReader
from test_action_plan import action
from test_learning_summary import typical

from scpdesk.reports.action_plan import ActionPlanDoc, PlanGroup, build_action_plan_pdf
from scpdesk.reports.annual_report import AnnualReportDoc, build_annual_report_pdf
from scpdesk.reports.data import BilingualSummary, LearningSummary, SummaryAction
from scpdesk.reports.language import ENGLISH, WELSH, long_date
from scpdesk.reports.learning_summary import (
    SECTION_TITLES,
    build_briefing_pdf,
    build_learning_summary_pdf,
    learning_summary_html,
)

#: Everything Typst markup gives a meaning to, and the ReportLab/HTML specials: printed as typed, never obeyed.
TYPST = "#set text(red) [x] *bold* _em_ $x^2$ @ref <label> \\ `raw` // line /* block */ #(1+1) ~ -- ="
LOGO = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763"
                     "f8cfc000000301010018dd8db00000000049454e44ae426082")  # a 1 × 1 PNG


def build(builder, data) -> bytes:
    out = io.BytesIO()
    pages = builder(data, out)
    content = out.getvalue()
    if pages is not None:
        assert pages == len(PdfReader(io.BytesIO(content)).pages)
    return content


def welsh() -> LearningSummary:
    return typical(language="cy-GB", title="Plentyn F: Crynodeb dysgu", review_type_label="Crynodeb dysgu",
                   about="Cytunodd y partneriaid ar grynodeb dysgu.", the_child="Mae Plentyn F yn hoffi nofio.",
                   what_happened="Cafodd Plentyn F ei gam-drin.", what_went_well="Gwrandawodd cynorthwyydd dysgu.",
                   key_learning=("Gall newid mewn ymddygiad fod yn arwydd.", "Mae plant yn dweud ychydig ar y tro."),
                   practice="Gofynnwch am yr oedolion ym mywyd plentyn.",
                   reflective_questions=("Pwy yw'r oedolion pwysig?",),
                   actions=(SummaryAction("Hyfforddiant ar gam-drin rhywiol.", "Gwasanaethau Plant",
                                          dt.date(2026, 12, 2), "Wedi'i gwblhau"),),
                   resources="Canllawiau: https://www.northbrookscp.example/cy", contacts="")


def assert_accessible_basics(doc: Tagged, title: str, lang: str) -> None:
    """Tagged, PDF/UA-1 declared, the title displayed, the language set, nothing of the page furniture read."""
    catalog = doc.catalog
    assert catalog.MarkInfo.Marked is True and "/StructTreeRoot" in catalog
    assert catalog.ViewerPreferences.DisplayDocTitle is True
    assert str(catalog.Lang) == lang
    assert str(doc.pdf.open_metadata().get("pdfuaid:part")) == "1"
    assert doc.pdf.docinfo.Title == title
    read_out = squash(doc.root.text)
    for page, furniture in enumerate(doc.artifacts, start=1):
        assert "Page" in furniture or "Tudalen" in furniture, page  # "Page n of N" is drawn, as an artifact
    assert "Page1of" not in read_out and "Tudalen1o" not in read_out  # and never read out


# -- The learning summary -----------------------------------------------------------------------------------


def test_the_learning_summary_reads_in_order_title_sections_lists_table_and_logo() -> None:
    data = typical(logo_png=LOGO)
    doc = read(build(build_learning_summary_pdf, data))
    assert_accessible_basics(doc, "Child F: Learning Summary", "en-GB")
    assert doc.texts("H1") == ["Child F: Learning Summary"]
    assert doc.texts("H2") == [title for _key, title in SECTION_TITLES]
    assert doc.texts("H3") == ["Resources", "Contacts"]
    lists = doc.tags("L")
    # Key learning, the reflective questions, the themes.
    assert [len([c for c in lst.children if c.tag == "LI"]) for lst in lists] == [4, 2, 2]
    assert lists[0].attrs.get("A/ListNumbering") == "/Decimal"
    assert [li.children[1].text for li in lists[0].children] == list(data.key_learning)
    table = doc.tags("Table")
    assert len(table) == 1
    headers = doc.tags("TH")
    assert [h.text for h in headers] == ["Action", "Owner", "Due", "Status"]
    assert all(h.attrs.get("A/Scope") == "/Column" for h in headers)
    assert "Deliver sexual abuse training." in doc.texts("TD")
    figure = doc.tags("Figure")
    assert [f.attrs["/Alt"] for f in figure] == ["Northbrook Safeguarding Children Partnership logo"]
    assert len(doc.tags("P")) >= 8
    # The marking is read once, in the title block; the running copies at the top and bottom are artifacts.
    assert squash(doc.root.text).count("OFFICIAL") == 1
    assert all(a.count("OFFICIAL") == 2 for a in doc.artifacts)
    assert all("Learning summary: Child F" in a for a in doc.artifacts)  # the footer, not read on every page
    links = doc.tags("Link")
    assert len(links) == 2  # the web address and the email address stay links


def test_typst_markup_in_every_field_prints_literally_and_adds_no_structure() -> None:
    hostile = typical(**{name: f"[{name}] {TYPST}" for name in ("partnership", "pseudonym", "title", "about",
                                                                  "the_child", "what_happened", "practice",
                                                                  "reference", "marking")},
                      key_learning=(f"= {TYPST}", f"- {TYPST}", f"+ {TYPST}"),
                      reflective_questions=(f"#pagebreak() {TYPST}\u202eturned\u0007",),
                      actions=(SummaryAction(f"[action] {TYPST}", "#emph[owner]", None, "*status*"),),
                      themes=(f"{TYPST}",))
    for builder in (build_learning_summary_pdf, build_briefing_pdf):
        content = build(builder, hostile)
        doc = read(content)
        said = squash(doc.root.text)
        for name in ("pseudonym", "about", "the_child", "what_happened", "practice"):
            assert squash(f"[{name}] {TYPST}") in said, (builder.__name__, name)
        assert squash(TYPST) in said and squash(f"#pagebreak() {TYPST}turned") in said
        assert "\u202e" not in doc.root.text and "\u0007" not in doc.root.text  # direction and control taken out
        assert len(PdfReader(io.BytesIO(content)).pages) == 1 + (builder is build_learning_summary_pdf)
        if builder is build_learning_summary_pdf:
            assert doc.texts("H1") == [f"[title] {TYPST}"]
            assert len(doc.tags("H2")) == len(SECTION_TITLES)  # "= …" made no heading
            assert squash("#emph[owner]") in said and squash("*status*") in said


def test_a_character_the_fonts_cannot_draw_is_shown_as_a_replacement_not_a_failure() -> None:
    doc = read(build(build_learning_summary_pdf, typical(what_happened="Baby 👶 was seen.")))
    assert "Baby \ufffd was seen." in doc.texts("P")  # PDF/UA refuses undrawable text: the document still comes out


def test_a_welsh_summary_has_welsh_headings_labels_and_dates() -> None:
    doc = read(build(build_learning_summary_pdf, welsh()))
    assert_accessible_basics(doc, "Plentyn F: Crynodeb dysgu", "cy-GB")
    assert doc.texts("H2")[:2] == ["Ynglŷn â'r adolygiad hwn", "Y plentyn"]
    assert [h.text for h in doc.tags("TH")] == ["Cam gweithredu", "Yn gyfrifol", "Erbyn", "Statws"]
    said = doc.root.text
    assert "Dyddiad: 2 Hydref 2024" in said and "2 Rhagfyr 2026" in doc.texts("TD")
    assert all("Tudalen" in a for a in doc.artifacts)
    assert long_date(dt.date(2026, 12, 2), "cy-GB") == "2 Rhagfyr 2026"
    assert long_date(dt.date(2026, 12, 2), "en-GB") == "2 December 2026"
    assert set(WELSH) == set(ENGLISH)  # every fixed word has its Welsh


def test_bilingual_side_by_side_reads_each_section_welsh_then_english_each_with_its_language() -> None:
    data = BilingualSummary(welsh(), typical(), "side_by_side")
    doc = read(build(build_learning_summary_pdf, data))
    assert_accessible_basics(doc, "Plentyn F: Crynodeb dysgu / Child F: Learning Summary", "cy-GB")
    welsh_h2 = [WELSH[key] for key, _ in SECTION_TITLES]
    english_h2 = [title for _key, title in SECTION_TITLES]
    pairs = [h for pair in zip(welsh_h2, english_h2, strict=True) for h in pair]
    assert doc.texts("H2") == pairs  # reading order: each section's Welsh block, then its English block
    for element in doc.walk():
        if element.tag == "H2":
            english = element.text in english_h2
            assert _language_of(doc, element) == ("en-GB" if english else "cy-GB"), element.text
    assert doc.texts("H1") == ["Plentyn F: Crynodeb dysgu", "Child F: Learning Summary"]


def test_bilingual_consecutive_reads_the_whole_welsh_then_the_whole_english() -> None:
    data = BilingualSummary(welsh(), typical(), "consecutive")
    content = build(build_learning_summary_pdf, data)
    doc = read(content)
    english_h2 = [title for _key, title in SECTION_TITLES]
    assert doc.texts("H2") == [WELSH[key] for key, _ in SECTION_TITLES] + english_h2
    assert [_language_of(doc, h) for h in doc.tags("H1")] == ["cy-GB", "en-GB"]
    assert all(_language_of(doc, e) == "en-GB" for e in doc.tags("H2") if e.text in english_h2)
    reader = PdfReader(io.BytesIO(content))
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        "Plentyn F: Crynodeb dysgu", "Child F: Learning Summary"]  # each language bookmarked


def _language_of(doc: Tagged, target) -> str:
    """The language an element is read in: its own /Lang, else its nearest ancestor's, else the document's."""
    path: list = []

    def find(element, trail) -> bool:
        if element is target:
            path.extend(trail + [element])
            return True
        return any(find(child, trail + [element]) for child in element.children)

    find(doc.root, [])
    for element in reversed(path):
        if element.lang:
            return element.lang
    return str(doc.catalog.Lang)


def test_the_briefing_reads_title_then_numbered_panels_each_a_heading_and_each_language_its_own_page() -> None:
    doc = read(build(build_briefing_pdf, typical()))
    assert_accessible_basics(doc, "7-minute briefing: Child F: Learning Summary", "en-GB")
    assert doc.texts("H1") == ["Child F"]
    assert doc.texts("H2") == ["1 Background", "2 Why it matters", "3 Key learning 1", "4 Key learning 2",
                               "5 Key learning 3–4", "6 Things to remember", "7 What to do", "Find out more"]
    assert doc.texts("H3") == ["Ask yourself", "What went well", "What the partnership is doing", "Resources",
                               "Contacts"]
    content = build(build_briefing_pdf, BilingualSummary(welsh(), typical(), "side_by_side"))
    doc = read(content)
    assert len(PdfReader(io.BytesIO(content)).pages) == 2
    assert doc.texts("H1") == ["Child F", "Child F"]
    assert [_language_of(doc, h) for h in doc.tags("H1")] == ["cy-GB", "en-GB"]
    assert doc.texts("H2")[0] == "1 Cefndir" and "1 Background" in doc.texts("H2")


# -- The action plan and the figures report -----------------------------------------------------------------


def test_the_action_plan_has_its_tables_with_header_cells_repeated_as_artifacts() -> None:
    plan = ActionPlanDoc(partnership="Northshire SCP", title="Action plan: Child N", marking="OFFICIAL-SENSITIVE",
                         generated=dt.date(2026, 1, 20), subtitle="NSCP-CR-2025-01",
                         groups=(PlanGroup(1, f"Improve safer sleep advice {TYPST}",
                                           actions=tuple(action(n) for n in range(1, 50))),
                                 PlanGroup(2, "Nothing yet")))
    content = build(build_action_plan_pdf, plan)
    doc = read(content)
    assert len(doc.artifacts) >= 2
    assert_accessible_basics(doc, "Action plan: Child N", "en-GB")
    assert doc.texts("H1") == ["Action plan: Child N"]
    assert doc.texts("H2") == ["Recommendation 1", "Recommendation 2"]
    assert [h.text for h in doc.tags("TH")] == ["Action", "Owner", "Expected change", "Due", "Status",
                                               "Progress and evidence"]  # once: the repeats are artifacts
    assert any("Expected change" in a for a in doc.artifacts[1:])  # the heading row drawn again on page 2
    assert len(doc.tags("TR")) == 50
    assert squash(TYPST) in squash(doc.root.text)


def test_the_figures_report_has_charts_as_figures_with_alternative_text_and_tables_with_header_cells() -> None:
    figures = sample_figures()
    doc = read(build(build_annual_report_pdf, AnnualReportDoc(figures, "OFFICIAL-SENSITIVE")))
    assert_accessible_basics(doc, "The partnership's figures", "en-GB")
    assert doc.texts("H1") == ["The partnership's figures"]
    assert doc.texts("H2") == [*dict.fromkeys(f.section for f in figures.figures), "Tables", "Charts",
                               "Appendix: the records each figure counts"]
    assert [f.attrs.get("/Alt") for f in doc.tags("Figure")] == [c.alt_text for c in figures.charts]
    h3 = doc.texts("H3")
    assert all(t.title in h3 for t in figures.tables) and all(c.title in h3 for c in figures.charts)
    tables = doc.tags("Table")
    assert len(tables) == len(set(f.section for f in figures.figures)) + len(figures.tables) + sum(
        1 for f in figures.figures if f.records)
    for table in tables:
        head = [c for c in table.children if c.tag == "THead"]
        assert head and all(cell.tag == "TH" for row in head[0].children for cell in row.children)
    assert all(squash("OFFICIAL-SENSITIVE") not in squash(e.text) for e in doc.tags("P"))


# -- The website HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["side_by_side", "consecutive"])
def test_bilingual_html_marks_each_block_with_its_language_and_escapes(layout: str) -> None:
    english = typical(about="<script>alert(1)</script> & more")
    page = learning_summary_html(BilingualSummary(welsh(), english, layout))
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy-GB">')
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert page.count('lang="en-GB"') >= (len(SECTION_TITLES) if layout == "side_by_side" else 1)
    assert "<h2 id=\"cy-gb-about-heading\">Ynglŷn â&#x27;r adolygiad hwn</h2>" in page
    assert '<time datetime="2026-12-02">2 Rhagfyr 2026</time>' in page
    assert page.index("Ynglŷn") < page.index("About this review")
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(set(ids)) == len(ids)  # ids unique across the two languages


def test_the_bilingual_dataclass_is_as_the_contract_says() -> None:
    fields = [(f.name, f.default) for f in dataclasses.fields(BilingualSummary)]
    assert fields[:2] == [("first", dataclasses.MISSING), ("second", dataclasses.MISSING)]
    assert fields[2] == ("layout", "side_by_side")

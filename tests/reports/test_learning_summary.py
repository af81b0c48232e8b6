"""The learning summary PDF, the 7-minute briefing and the website HTML, read back (no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from scpdesk.reports.data import LearningSummary, SummaryAction
from scpdesk.reports.learning_summary import (
    BRIEFING_PANELS,
    SECTION_TITLES,
    build_briefing_pdf,
    build_learning_summary_pdf,
    learning_summary_html,
)

SECTION_HEADINGS = [title for _key, title in SECTION_TITLES]
EMOJI = "😀"
#: Markup, an entity, Welsh letters outside Latin-1, an emoji and a newline.
HOSTILE = f'<b>x</b> & <img src="file:///etc/passwd"/> &amp; ŵ ŷ {EMOJI}\nsecond line'
#: The tags the HTML template itself writes; user text must never add one.
TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "p", "h1", "dl", "dt", "dd", "time",
                 "nav", "ul", "li", "a", "main", "section", "h2", "h3", "ol", "table", "caption", "thead", "tbody",
                 "tr", "th", "td", "br", "footer"}


def typical(**changes: object) -> LearningSummary:
    data = LearningSummary(
        partnership="Northbrook Safeguarding Children Partnership", pseudonym="Child F",
        title="Child F: Learning Summary", review_type_label="Learning summary", date=dt.date(2024, 10, 2),
        marking="OFFICIAL", reference="NSCP-CR-2024-02",
        about="The partners agreed a learning summary after the rapid review.\n\nThe family contributed.",
        the_child="Child F was 12 years old and enjoys drama and swimming.",
        what_happened="Child F was abused by a family friend.\nChanges in behaviour were explained away.",
        what_went_well="A teaching assistant listened calmly and the school referred the same day.",
        key_learning=("Behaviour changes can be a sign of abuse.", "Children tell a little at a time.",
                      "Low-level concerns must be shared.", "Be curious about every adult."),
        practice="Ask about the adults in a child's life.",
        reflective_questions=("Who are the important adults?", "How would a child know they can talk to you?"),
        actions=(SummaryAction("Deliver sexual abuse training.", "Children's Social Care", dt.date(2026, 5, 8),
                               "Complete"),
                 SummaryAction("Publish low-level concerns guidance.", "Education Service", None, "On track")),
        themes=("sexual abuse", "voice of the child"),
        resources="Practice guidance: https://www.northbrookscp.example/practice/sexual-abuse",
        contacts="LADO: lado@northbrook.example")
    return dataclasses.replace(data, **changes)


#: Every string field of the data, each given the hostile text after a marker naming the field.
TEXT_FIELDS = ("partnership", "pseudonym", "title", "review_type_label", "marking", "about", "the_child",
               "what_happened", "what_went_well", "practice", "resources", "contacts", "reference")


def hostile() -> LearningSummary:
    values: dict[str, object] = {name: f"[{name}] {HOSTILE}" for name in TEXT_FIELDS}
    values["what_happened"] = f"[what_happened] {HOSTILE}\n\n" + "long text " * 1000  # 10,000 characters
    return typical(**values,
                   key_learning=tuple(f"[key_learning{i}] {HOSTILE}" for i in range(1, 5)),
                   reflective_questions=(f"[question] {HOSTILE}",),
                   themes=(f"[theme] {HOSTILE}",),
                   actions=(SummaryAction(f"[action] {HOSTILE}", f"[owner] {HOSTILE}", dt.date(2026, 1, 9),
                                          f"[status] {HOSTILE}"),))


def hostile_markers() -> list[str]:
    return [*TEXT_FIELDS, "key_learning1", "key_learning2", "key_learning3", "key_learning4", "question", "theme",
            "action", "owner", "status"]


def pdf(builder, data: LearningSummary) -> tuple[PdfReader, int]:
    out = io.BytesIO()
    pages = builder(data, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert pages == len(reader.pages)
    return reader, pages


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def squash(value: str) -> str:
    """Text without any whitespace (PDF lines wrap anywhere) and without the emoji: ReportLab writes a broken
    ToUnicode entry for characters outside the Basic Multilingual Plane, so readers cannot extract it (it is
    still drawn)."""
    return re.sub(r"\s+", "", value.replace(EMOJI, "").replace("\ufffd", ""))


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]


# -- The learning summary PDF -------------------------------------------------------------------------------


def test_every_section_is_printed_in_order_with_its_text() -> None:
    data = typical()
    reader, pages = pdf(build_learning_summary_pdf, data)
    text = "\n".join(page_texts(reader))
    flat = " ".join(text.split())
    positions = [flat.index(heading) for heading in SECTION_HEADINGS]
    assert positions == sorted(positions)
    for value in ("Northbrook Safeguarding Children Partnership", "Child F: Learning Summary", "2 October 2024",
                  "NSCP-CR-2024-02", "The family contributed.", "enjoys drama and swimming",
                  "Changes in behaviour were explained away.", "referred the same day",
                  "Ask about the adults in a child's life.", "Who are the important adults?",
                  "Deliver sexual abuse training.", "Children's Social Care", "8 May 2026", "Complete",
                  "Sexual abuse", "Voice of the child", "https://www.northbrookscp.example/practice/sexual-abuse",
                  "lado@northbrook.example"):
        assert value in flat, value
    assert "Type of review: Learning summary" in flat


def test_key_learning_is_a_numbered_list() -> None:
    reader, _ = pdf(build_learning_summary_pdf, typical())
    flat = " ".join(" ".join(page_texts(reader)).split())
    for number, point in enumerate(typical().key_learning, start=1):
        assert re.search(rf"{number}\.\s*{re.escape(point)}", flat), point


def test_a_bookmark_per_section_pointing_at_its_page() -> None:
    reader, pages = pdf(build_learning_summary_pdf, hostile())
    assert pages > 1
    marks = outline(reader)
    assert [title for title, _ in marks] == SECTION_HEADINGS
    texts = page_texts(reader)
    for title, page in marks:
        assert title in " ".join(texts[page].split()), f"{title} is not on page {page + 1}"
    assert len({page for _, page in marks}) > 1
    # No heading is left at the foot of a page without the start of its section.
    first = ("[about]", "[the_child]", "[what_happened]", "[what_went_well]", "[key_learning1]", "[practice]",
             "[question]", "[action]", "[theme]", "[resources]")
    for (title, page), marker in zip(marks, first, strict=True):
        assert marker in texts[page], f"{title} is separated from its text"


def test_marking_and_page_n_of_n_on_every_page() -> None:
    reader, pages = pdf(build_learning_summary_pdf, hostile())
    for number, text in enumerate(page_texts(reader), start=1):
        assert f"Page {number} of {pages}" in text
        assert squash("[marking] <b>x</b>") in squash(text)
    reader, pages = pdf(build_learning_summary_pdf, typical())
    for number, text in enumerate(page_texts(reader), start=1):
        assert f"Page {number} of {pages}" in text
        assert text.count("OFFICIAL") >= 2  # top and bottom


def test_metadata_language_and_embedded_font() -> None:
    reader, _ = pdf(build_learning_summary_pdf, typical(language="cy-GB"))
    meta = reader.metadata
    assert meta.title == "Child F: Learning Summary"
    assert meta.author == "Northbrook Safeguarding Children Partnership"
    assert meta.subject == "Crynodeb dysgu: Child F"  # a Welsh summary's fixed words are Welsh
    assert meta["/Keywords"] == "sexual abuse, voice of the child"
    assert reader.trailer["/Root"]["/Lang"] == "cy-GB"
    for page in reader.pages:
        fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
        dejavu = [f for f in fonts if "DejaVuSans" in str(f["/BaseFont"])]
        assert dejavu, "DejaVu Sans is not used"
        for font in dejavu:
            if "/DescendantFonts" in font:  # a composite (Type0) font: the TrueType glyphs are its descendant's
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), "the TrueType font is not embedded"


def test_hostile_text_in_every_field_is_printed_literally() -> None:
    reader, _ = pdf(build_learning_summary_pdf, hostile())
    text = squash("\n".join(page_texts(reader)))
    for marker in hostile_markers():
        assert squash(f"[{marker}] {HOSTILE}") in text, marker
    words = " ".join(page_texts(reader)).split()
    assert words.count("long") == 1000 and words.count("text") == 1000
    assert "ŵ" in text and "ŷ" in text


def test_an_empty_summary_keeps_the_title_block_and_skips_the_sections() -> None:
    data = LearningSummary(partnership="Northbrook SCP", pseudonym="Child Q", title="Child Q: Learning Summary",
                           review_type_label="Learning summary", date=None, marking="")
    reader, pages = pdf(build_learning_summary_pdf, data)
    assert pages == 1
    flat = " ".join(page_texts(reader)[0].split())
    assert "Child Q: Learning Summary" in flat and "Northbrook SCP" in flat
    assert not any(heading in flat for heading in SECTION_HEADINGS)
    assert outline(reader) == []


@pytest.mark.parametrize("marking", ["", "none", "  "])
def test_no_marking_means_no_marking_text(marking: str) -> None:
    data = typical(marking=marking)
    for builder in (build_learning_summary_pdf, build_briefing_pdf):
        reader, _ = pdf(builder, data)
        text = "\n".join(page_texts(reader))
        assert "OFFICIAL" not in text and "marking" not in text.lower()
        assert "none" not in text.lower().split()
    page = learning_summary_html(data)
    assert "OFFICIAL" not in page and 'class="marking"' not in page


# -- The 7-minute briefing ----------------------------------------------------------------------------------


def panel_headings_in(text: str, points: int) -> None:
    flat = " ".join(text.split())
    third = "Key learning 3" if points <= 3 else f"Key learning 3–{points}"
    for number, heading in enumerate((*BRIEFING_PANELS[:4], third, *BRIEFING_PANELS[5:]), start=1):
        assert re.search(rf"\b{number}\s*{re.escape(heading)}", flat), heading
    assert "7-MINUTE BRIEFING" in flat


def test_briefing_is_one_page_with_seven_numbered_panels() -> None:
    data = typical()
    reader, pages = pdf(build_briefing_pdf, data)
    assert pages == 1
    text = page_texts(reader)[0]
    panel_headings_in(text, len(data.key_learning))
    flat = " ".join(text.split())
    for value in ("Child F", "Behaviour changes can be a sign of abuse.", "Children tell a little at a time.",
                  "Low-level concerns must be shared.", "Be curious about every adult.",
                  "Who are the important adults?", "Ask about the adults in a child's life.", "Page 1 of 1"):
        assert value in flat, value
    assert text.count("OFFICIAL") >= 2
    assert [title for title, _ in outline(reader)] == ["Child F"]  # the briefing's heading (H1)
    assert reader.metadata.title == "7-minute briefing: Child F: Learning Summary"
    assert reader.metadata["/Keywords"] == "sexual abuse, voice of the child"


def test_a_long_briefing_flows_onto_more_pages_with_nothing_lost() -> None:
    long = "A long paragraph of text. " * 400  # 10,400 characters
    data = typical(about=long, the_child=long, what_happened=long, what_went_well=long, practice=long,
                   resources=long, contacts=long, title=long[:300],
                   key_learning=tuple(f"Point {i}: {long[:1000]}" for i in range(30)),
                   reflective_questions=tuple(f"Question {i}: {long[:500]}" for i in range(30)),
                   actions=tuple(SummaryAction(f"Action {i}: {long[:400]}", "Owner", None, "On track")
                                 for i in range(30)))
    reader, pages = pdf(build_briefing_pdf, data)
    assert pages > 2  # text is never shrunk to fit: it flows
    text = "\n".join(page_texts(reader))
    panel_headings_in(text, 30)
    flat = " ".join(text.split())
    for value in ("Point 0:", "Point 29:", "Question 29:", "Action 29:", f"Page {pages} of {pages}"):
        assert value in flat, value


def test_briefing_with_hostile_text_and_few_points() -> None:
    reader, _pages = pdf(build_briefing_pdf, hostile())
    text = squash("".join(page_texts(reader)))
    for marker in ("pseudonym", "about", "the_child", "what_happened", "key_learning1", "key_learning4",
                   "question", "practice", "action"):
        assert squash(f"[{marker}] {HOSTILE}") in text, marker
    # Empty panels are left out and the rest numbered in order, not printed as "—".
    reader, pages = pdf(build_briefing_pdf, typical(key_learning=("Only one point.",), reflective_questions=(),
                                                     actions=(), about="", practice="", what_went_well=""))
    assert pages == 1
    flat = " ".join(page_texts(reader)[0].split())
    for number, heading in enumerate(("Background", "Why it matters", "Key learning 1"), start=1):
        assert re.search(rf"\b{number}\s*{heading}", flat), heading
    for heading in ("Key learning 2", "Key learning 3", "Things to remember", "What to do"):
        assert heading not in flat, heading
    assert flat.count("—") == 1  # the footer's separator only: no empty panel printed as "—"


# -- The website HTML ---------------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every start tag with its attributes, the text, and the text of each element of interest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.headings: dict[str, list[str]] = {"h1": [], "h2": [], "title": [], "caption": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.headings:
            self.headings[tag].append("")
        if tag not in ("br", "meta"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag in self.headings:
            if tag in self.open:
                self.headings[tag][-1] += data

    def names(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def test_html_is_semantic_and_accessible() -> None:
    data = typical()
    page = learning_summary_html(data)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    doc = parse(page)
    assert doc.names("meta")[0] == {"charset": "utf-8"}
    assert doc.headings["title"] == ["Child F: Learning Summary — Northbrook Safeguarding Children Partnership"]
    assert doc.headings["h1"] == ["Child F: Learning Summary"]
    assert doc.headings["h2"] == SECTION_HEADINGS
    assert len(doc.names("header")) == 1 and len(doc.names("main")) == 1
    assert len(doc.names("section")) == len(SECTION_HEADINGS)
    assert len(doc.names("ol")) == 1 and len(doc.names("table")) == 1
    assert doc.headings["caption"] and doc.headings["caption"][0].strip()
    assert [a.get("scope") for a in doc.names("th")] == ["col"] * 4
    assert len(doc.names("tr")) == 1 + len(data.actions)
    assert {"script", "img", "link", "iframe", "object", "embed"}.isdisjoint(t for t, _ in doc.tags)
    assert not any("style" in attrs for _, attrs in doc.tags)  # one style sheet, no inline styles
    css = page[page.index("<style>"):page.index("</style>")]
    assert not re.search(r"font-size:\s*\d+(\.\d+)?px", css), "text sizes must follow the reader's settings"
    text = "".join(doc.text)
    assert "Northbrook Safeguarding Children Partnership" in text and "OFFICIAL" in text
    assert [a["class"] for a in doc.names("p") if a.get("class") == "marking"] == ["marking", "marking"]
    assert '<time datetime="2024-10-02">2 October 2024</time>' in page
    ol = page[page.index('<ol class="learning">'):page.index("</ol>")]
    assert ol.count("<li>") == len(data.key_learning)
    for point in data.key_learning:
        assert point in ol
    assert 'href="https://www.northbrookscp.example/practice/sexual-abuse"' in page
    assert "<p>The partners agreed a learning summary after the rapid review.</p>" in page  # blank line: new <p>
    assert "Child F was abused by a family friend.<br>" in page  # newline: <br>


def test_html_escapes_hostile_text_in_every_field() -> None:
    data = hostile()
    page = learning_summary_html(data)
    doc = parse(page)
    assert {tag for tag, _ in doc.tags} <= TEMPLATE_TAGS
    assert "img" not in {t for t, _ in doc.tags} and "b" not in {t for t, _ in doc.tags}
    assert "<img" not in page and "<b>" not in page
    for _tag, attrs in doc.tags:
        assert "src" not in attrs and not any(name.startswith("on") for name in attrs)
        href = attrs.get("href")
        assert href is None or href.startswith(("#", "https://", "http://"))
    text = "".join(doc.text)
    escaped = '&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=&quot;file:///etc/passwd&quot;/&gt; &amp;amp; ŵ ŷ ' + EMOJI
    for marker in hostile_markers():
        single_line = f"[{marker}] {HOSTILE.replace(chr(10), ' ')}"
        assert f"[{marker}] {HOSTILE}" in text or single_line in " ".join(text.split("\n")), marker
    assert page.count(escaped) >= len(hostile_markers())
    assert doc.headings["h1"] == [f"[title] {HOSTILE.replace(chr(10), ' ')}"]
    assert text.count("long text") == 1000


def test_html_language_and_empty_sections() -> None:
    data = LearningSummary(partnership="", pseudonym="Child Q", title="", review_type_label="", date=None,
                           marking="", language='en"><script>')
    page = learning_summary_html(data)
    assert '<html lang="en-GB">' in page and "<script" not in page
    doc = parse(page)
    assert doc.headings["h1"] == ["Child Q: learning summary"] and doc.headings["h2"] == []
    assert doc.names("section") == [] and doc.names("nav") == []
    assert learning_summary_html(typical(language="cy")).startswith('<!DOCTYPE html>\n<html lang="cy">')

"""What a chair hands out (issue 11), read back from the PDFs with pypdf: footers that fit the partnership's
full name (wrapped or shortened by rule, never cut inside a word), key dates in date order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from test_learning_summary import typical
from test_meeting_pack import make_pack

from scpdesk.reports.base import FONT, footer_lines, footer_room, register_fonts
from scpdesk.reports.data import LearningSummary
from scpdesk.reports.learning_summary import build_briefing_pdf, build_learning_summary_pdf
from scpdesk.reports.meeting_pack import build_meeting_pack

#: A real partnership's name, long enough that a one-line footer used to end "…Partner…".
LONG_NAME = "Bournemouth, Christchurch and Poole Safeguarding Children Partnership"
#: Longer than two footer lines: it must be shortened, at a word.
ENDLESS = " ".join(["Safeguarding Children Partnership of the Combined Authority"] * 8)


def flat(value: str) -> str:
    return " ".join(value.split())


def footer_text(page) -> str:
    """The text drawn below the body frame (the footer lines, "Page n of N" and the marking)."""
    parts: list[str] = []

    def visit(text: str, cm, tm, _font, _size) -> None:
        if text.strip() and tm[4] * cm[1] + tm[5] * cm[3] + cm[5] < 22 * 72 / 25.4 - 1:
            parts.append(text)

    page.extract_text(visitor_text=visit)
    return flat(" ".join(parts))


# Footers ---------------------------------------------------------------------------------------------------


def test_footer_lines_keep_parts_whole_then_words_and_shorten_only_at_a_word() -> None:
    register_fonts()
    room = footer_room(595.27, 12)
    footer = f"Rapid Review Panel RRP-2026-11-27 · Fri 27 Nov 2026 · {LONG_NAME}"
    lines = footer_lines(footer, FONT, 8, room)
    assert lines == ["Rapid Review Panel RRP-2026-11-27 · Fri 27 Nov 2026", LONG_NAME]
    assert all(stringWidth(line, FONT, 8) <= room for line in lines)

    lines = footer_lines(ENDLESS, FONT, 8, room)
    assert len(lines) == 2 and lines[-1].endswith(" …")
    words = ENDLESS.split()
    shown = " ".join(lines).removesuffix(" …").split()
    assert shown == words[:len(shown)]  # whole words, in order: nothing cut inside a word
    assert all(stringWidth(line, FONT, 8) <= room for line in lines)
    assert footer_lines("Short footer", FONT, 8, room) == ["Short footer"]


def test_the_meeting_pack_footer_carries_the_full_name_on_every_page_papers_too(tmp_path: Path) -> None:
    pack = make_pack(partnership=LONG_NAME)
    build_meeting_pack(pack, tmp_path / "pack.pdf")
    reader = PdfReader(tmp_path / "pack.pdf")
    assert len(reader.pages) > 8
    for number, page in enumerate(reader.pages, start=1):
        footer = footer_text(page)
        assert LONG_NAME in footer and "…" not in footer, (number, footer)
        assert f"Page {number} of {len(reader.pages)}" in footer


def test_a_name_longer_than_two_lines_is_shortened_at_a_word(tmp_path: Path) -> None:
    build_meeting_pack(make_pack(partnership=ENDLESS), tmp_path / "pack.pdf")
    reader = PdfReader(tmp_path / "pack.pdf")
    words = ENDLESS.split()
    for page in (reader.pages[0], reader.pages[-1]):
        footer = footer_text(page)
        assert "…" in footer
        name = footer.split("· ", 2)[-1].split(" …")[0].split()
        assert name == words[:len(name)] and len(name) > 10


@pytest.mark.parametrize("build", [build_learning_summary_pdf, build_briefing_pdf])
def test_the_learning_summary_and_briefing_footers_carry_the_full_name(build) -> None:
    out = io.BytesIO()
    build(typical(partnership=LONG_NAME), out)
    for page in PdfReader(io.BytesIO(out.getvalue())).pages:
        footer = footer_text(page)
        assert LONG_NAME in footer and "…" not in footer, footer


# Key dates ------------------------------------------------------------------------------------------------


def test_key_dates_print_in_date_order_unknown_last(tmp_path: Path) -> None:
    pack = make_pack()
    case = next(i for i in pack.items if i.kind == "case")
    dates = (("Referral received", dt.date(2026, 11, 16)), ("Incident", dt.date(2026, 11, 12)),
             ("Rapid review completed", None), ("LA became aware", dt.date(2026, 11, 13)),
             ("SIN sent to the National Panel", dt.date(2026, 11, 14)))
    items = tuple(dataclasses.replace(i, key_dates=dates) if i is case else i for i in pack.items)
    build_meeting_pack(dataclasses.replace(pack, items=items), tmp_path / "pack.pdf")
    text = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "pack.pdf").pages))
    section = text[text.index("Key dates"):]
    order = [section.index(label) for label in ("Incident", "LA became aware", "SIN sent to the National Panel",
                                                "Referral received", "Rapid review completed")]
    assert order == sorted(order)




# The 7-minute briefing ------------------------------------------------------------------------------------

#: The body frame of an A4 page: the header's marking sits above it, the footer below.
FRAME_BOTTOM = 22 * 72 / 25.4
FRAME_TOP = 841.89 - 18 * 72 / 25.4


def body_font_sizes(page) -> list[tuple[float, str]]:
    """(size in points as drawn, text) of every piece of text inside the body frame."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm, tm, _font, size) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
        if text.strip() and FRAME_BOTTOM < y < FRAME_TOP:
            found.append((round(size * scale, 2), text.strip()))

    page.extract_text(visitor_text=visit)
    return found


PHONES = ("01632 960000", "0800 123 4567", "+44 20 7946 0958")
URLS = ("https://www.northbrookscp.example/practice/sexual-abuse",
        "https://www.northbrookscp.example/practice/low-level-concerns-guidance-for-schools-2026")


def briefing_with_contacts() -> LearningSummary:
    return typical(
        practice="Ask about the adults in a child's life. Guidance: " + URLS[1] + " — or call the duty desk on "
                 + PHONES[1] + " for advice.",
        resources="Sexual abuse practice guidance: " + URLS[0] + "\nLow-level concerns: " + URLS[1],
        contacts="Children's Advice and Duty Service (24 hours): " + PHONES[0] + "\nOut of hours: " + PHONES[2])


def briefing_pages(data: LearningSummary) -> list:
    out = io.BytesIO()
    pages = build_briefing_pdf(data, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert pages == len(reader.pages)
    return list(reader.pages)


@pytest.mark.parametrize("data", [typical(), briefing_with_contacts(),
                                  typical(what_happened="Several agencies were involved. " * 120,
                                          key_learning=tuple(f"Point {i}: " + "be curious. " * 20
                                                             for i in range(8)))],
                         ids=["typical", "contacts", "long"])
def test_briefing_text_is_never_smaller_than_9_points(data: LearningSummary) -> None:
    pages = briefing_pages(data)
    sizes = [found for page in pages for found in body_font_sizes(page)]
    assert len(sizes) > 40
    small = [(size, text) for size, text in sizes if size < 9]
    assert small == [], small[:5]
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "Point 7:" in text or "Point" not in text  # flowed, not cut


def test_urls_and_phone_numbers_never_break_inside() -> None:
    pages = briefing_pages(briefing_with_contacts())
    lines = [" ".join(line.replace("\u00a0", " ").split()) for page in pages
             for line in page.extract_text().splitlines()]
    for token in (*PHONES, *URLS):
        assert any(token in line for line in lines), token
    # The address too wide for its panel is shown there as a pointer and printed whole below.
    flat = " ".join(" ".join(lines).split())
    assert "Guidance: (link 1, below)" in flat
    assert "Links mentioned above" in flat and f"1. {URLS[1]}" in flat


# The learning summary's last page ------------------------------------------------------------------------

TEXT_TOP = 841.89 - 18 * 72 / 25.4 - 6
TEXT_BOTTOM = 22 * 72 / 25.4 + 6


def last_page_share(reader: PdfReader) -> float:
    """How far down the last page's text reaches, as a share of the page's text area."""
    lowest: list[float] = []

    def visit(text: str, cm, tm, _font, _size) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and TEXT_BOTTOM - 6 < y < TEXT_TOP + 6:
            lowest.append(y)

    reader.pages[-1].extract_text(visitor_text=visit)
    return (TEXT_TOP - min(lowest)) / (TEXT_TOP - TEXT_BOTTOM)


def test_the_learning_summary_never_ends_on_a_near_empty_page() -> None:
    """The rule (LAST_PAGE_MIN): a last page carries at least a quarter of a page of text. Lengths are swept
    so that the page breaks fall everywhere: inside long paragraphs, lists, the actions table, headings."""
    multi_page = 0
    for count in range(40):
        questions = tuple(f"Question {i}: how would you know what the child was telling you about home?"
                          for i in range(count))
        data = typical(reflective_questions=questions,
                       what_happened="Several agencies were involved over many months. " * (count % 7 * 9 + 1))
        out = io.BytesIO()
        pages = build_learning_summary_pdf(data, out)
        reader = PdfReader(io.BytesIO(out.getvalue()))
        assert pages == len(reader.pages)
        if pages == 1:
            continue
        multi_page += 1
        assert last_page_share(reader) >= 0.25, (count, pages, last_page_share(reader))
        text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert all(text.count(f"Question {i}:") == 1 for i in range(count)), count  # nothing lost or doubled
        assert "LADO: lado@northbrook.example" in text
    assert multi_page >= 30


# The meeting pack's standing items -----------------------------------------------------------------------

HOSTILE = '<b>bold</b> & <img src="file:///etc/passwd"/> &amp; ŵŷ'


def test_standing_items_print_hostile_minutes_and_many_actions_literally(tmp_path: Path) -> None:
    from scpdesk.reports.data import PackAction, PackMinute, PackPrevious

    pack = make_pack()
    items = tuple(dataclasses.replace(i, shows_minutes=True, shows_actions=True) if i.number == 1 else i
                  for i in pack.items)
    previous = PackPrevious("RRP-2026-10", dt.date(2026, 10, 30), notes="Notes: " + HOSTILE,
                            items=(PackMinute(1, "Item " + HOSTILE, "Minuted " + HOSTILE, "Decided " + HOSTILE),
                                   PackMinute(2, "Secret item", "Secret minutes", "", confidential=True)))
    actions = tuple(PackAction(f"Action {n}: " + HOSTILE, "Owner " + HOSTILE,
                               dt.date(2026, 11, 1) + dt.timedelta(days=n), "RRP-2026-10", dt.date(2026, 10, 30),
                               "Item " + HOSTILE, confidential=n == 39, overdue=n < 19,
                               days_overdue=19 - n if n < 19 else None)
                    for n in range(40))
    pack = dataclasses.replace(pack, items=items, previous=previous, actions=actions)
    build_meeting_pack(pack, tmp_path / "pack.pdf")
    text = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "pack.pdf").pages))
    for value in ("Notes: " + HOSTILE, "Minuted " + HOSTILE, "Decision: Decided " + HOSTILE, "Secret minutes",
                  "Action 0: " + HOSTILE, "Action 39: " + HOSTILE, "Overdue by 19 days", "Overdue by 1 day",
                  "Due by this meeting", "40 open actions, 19 overdue"):
        assert value in text, value
    assert "<img" in text and "passwd" in text  # printed as text, not markup

    build_meeting_pack(pack, tmp_path / "copy.pdf", exclude_confidential=True)
    text = flat(" ".join(p.extract_text() for p in PdfReader(tmp_path / "copy.pdf").pages))
    assert "Secret minutes" not in text and "Action 39:" not in text and "Action 38:" in text
    assert "1 confidential item left out of this copy." in text
    assert "1 action from confidential items left out of this copy." in text
    assert "39 open actions, 19 overdue" in text

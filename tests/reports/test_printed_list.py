"""The printed list (Ctrl+P on Referrals): what the screen shows, escaped, every word whole, marked on every
page with its heading row repeated."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from scpdesk.reports.printed_list import PrintedList, build_printed_list_pdf


def _pdf(rows: list[tuple[str, ...]]) -> PdfReader:
    out = io.BytesIO()
    build_printed_list_pdf(PrintedList(
        title="Referrals", partnership="Northshire Safeguarding Children Partnership", marking="OFFICIAL-SENSITIVE",
        generated=dt.date(2026, 11, 25), note="Shown: Overdue.", noun="referral",
        headers=("Reference", "Child (pseudonym)", "State", "Working days left"), rows=tuple(rows)), out)
    return PdfReader(io.BytesIO(out.getvalue()))


def test_the_list_prints_as_shown_escaped_with_whole_words_and_markings() -> None:
    rows = [(f"NSCP-2026-{n:03d}", "Child <b>&amp;", "Overdue — paused: awaiting <police> report " * 3, "3 late")
            for n in range(120)]
    reader = _pdf(rows)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 2
    assert "120 referrals, printed 25 November 2026. Shown: Overdue." in text
    assert all(f"NSCP-2026-{n:03d}" in text for n in range(120))  # a reference is never split across lines
    assert "Child <b>&amp;" in text and "<police>" in text  # typed text printed as typed, never as markup
    for number, page in enumerate(reader.pages, start=1):
        words = page.extract_text()
        assert "OFFICIAL-SENSITIVE" in words and f"Page {number} of {len(reader.pages)}" in words
        assert "Reference" in words  # the heading row repeats


def test_an_empty_list_says_so() -> None:
    assert "No referrals are shown." in _pdf([]).pages[0].extract_text()

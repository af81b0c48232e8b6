"""The action plan PDF read back with pypdf: landscape pages, marking and "Page n of N" on every page, overdue
in words, hostile text printed literally, long cells split across pages, bookmarks and metadata."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from scpdesk.reports.action_plan import ActionPlanDoc, PlanAction, PlanGroup, build_action_plan_pdf

HOSTILE = "<img src=\"file:///etc/passwd\"/> & <b>not bold</b> =HYPERLINK(1)"
LONG = "Very long description. " * 440  # ~10,000 characters: taller than a page


def action(n: int, **kw: object) -> PlanAction:
    values: dict[str, object] = {"description": f"Action {n}", "owner": "Northshire Police",
                                 "expected_change": "Parents understand safer sleep", "due": dt.date(2026, 3, 31),
                                 "status": "On track"}
    values.update(kw)
    return PlanAction(**values)  # type: ignore[arg-type]


def render(doc: ActionPlanDoc) -> PdfReader:
    buffer = io.BytesIO()
    build_action_plan_pdf(doc, buffer)
    buffer.seek(0)
    return PdfReader(buffer)


def flat(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture(scope="module")
def big() -> PdfReader:
    groups = (
        PlanGroup(1, "Improve safer sleep advice ŵ ŷ", actions=(
            action(1, status="Overdue", overdue=True, days_overdue=12, latest_note="20/01/2026 ann: booked"),
            action(2, status="Complete", completed=dt.date(2026, 1, 12), evidence="Training log",
                   impact_check=dt.date(2026, 7, 1)),
            action(3, description=HOSTILE, owner="Gwasanaethau ŵ ŷ 👶", status="Overdue", overdue=True,
                   days_overdue=1),
        )),
        PlanGroup(2, "Explore fathers' roles", actions=tuple(action(n) for n in range(4, 60))),
        PlanGroup(3, LONG[:300], actions=(action(60, description=LONG),)),
        PlanGroup(4, "Nothing yet"),
    )
    return render(ActionPlanDoc(partnership="Northshire SCP", title="Action plan: Child N",
                                marking="OFFICIAL-SENSITIVE", generated=dt.date(2026, 1, 20), groups=groups,
                                subtitle="NSCP-CR-2025-01"))


def test_every_page_is_landscape_with_the_marking_and_page_n_of_n(big: PdfReader) -> None:
    total = len(big.pages)
    assert total >= 4
    for number, page in enumerate(big.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape A4
        found = page.extract_text()
        assert found.count("OFFICIAL-SENSITIVE") == 2, number  # top and bottom
        assert f"Page {number} of {total}" in found
        assert "Northshire SCP — Action plan: Child N" in found
    # The table's heading row is repeated on the pages a table continues onto.
    assert sum("Expected change" in p.extract_text() for p in big.pages) >= 3


def test_overdue_is_written_in_words_and_counts_are_given(big: PdfReader) -> None:
    first = big.pages[0].extract_text()
    assert "60 actions: 2 overdue, 1 complete." in first
    assert "OVERDUE\n12 days past due" in first and "OVERDUE\n1 day past due" in first
    for words in ("Complete on 12 January 2026", "Latest: 20/01/2026 ann: booked", "Evidence: Training log",
                  "Impact check: 1 July 2026"):
        assert flat(words) in flat(first)


def test_hostile_and_welsh_text_is_printed_literally(big: PdfReader) -> None:
    everything = "".join(p.extract_text() for p in big.pages)
    assert flat(HOSTILE) in flat(everything)
    assert "&amp;" not in everything
    assert "Improve safer sleep advice ŵ ŷ" in everything and flat("Gwasanaethau ŵ ŷ") in flat(everything)
    assert flat(everything).count("Verylongdescription.") >= 440  # 10,000 characters split across pages, none lost
    assert "No actions have been recorded for this recommendation." in everything


def test_bookmarks_and_metadata(big: PdfReader) -> None:
    assert [item.title for item in big.outline] == ["Recommendation 1", "Recommendation 2", "Recommendation 3",
                                                    "Recommendation 4"]
    meta = big.metadata
    assert (meta.title, meta.author, meta.subject) == ("Action plan: Child N", "Northshire SCP", "Action plan")


def test_an_empty_plan_across_reviews_says_so() -> None:
    reader = render(ActionPlanDoc(partnership="SCP", title="Open actions", marking="OFFICIAL",
                                  generated=dt.date(2026, 1, 20), groups=(), empty_text="There are no open actions."))
    found = reader.pages[0].extract_text()
    assert "There are no open actions." in found and "0 actions: 0 overdue, 0 complete." in found
    assert "Page 1 of 1" in found and len(reader.pages) == 1


def test_groups_across_reviews_name_their_review() -> None:
    reader = render(ActionPlanDoc(partnership="SCP", title="Open actions", marking="", generated=dt.date(2026, 1, 20),
                                  groups=(PlanGroup(2, "Escalate", review="NSCP-CR-2025-02 Child M",
                                                    actions=(action(1),)),)))
    assert "Recommendation 2 — NSCP-CR-2025-02 Child M" in reader.pages[0].extract_text()
    assert [item.title for item in reader.outline] == ["Recommendation 2 — NSCP-CR-2025-02 Child M"]

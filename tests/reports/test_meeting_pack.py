"""The meeting pack PDF, read back with pypdf: pages, bookmarks, the marking and "Page n of N" on every page
(papers included), metadata, confidential items left out and renumbered, hostile text printed literally,
cancellation, and papers that cannot be read."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, RectangleObject
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas as rl_canvas

from scpdesk.reports.data import MeetingPack, PackClock, PackItem, PackMember, PackPaper
from scpdesk.reports.meeting_pack import PackCancelled, PackResult, build_meeting_pack

HOSTILE = '<b>bold</b> & <img src="file:///etc/passwd"/> &amp; ŵŷ 🙂\nsecond line'
MARK = "OFFICIAL-SENSITIVE"


def paper_pdf(label: str, pages: int, size: tuple[float, float] = A4, *, rotate: int = 0) -> bytes:
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=size)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 14)
        canvas.drawString(72, size[1] - 120, f"{label} body page {number}")
        canvas.showPage()
    canvas.save()
    if not rotate:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    for page in writer.pages:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_pack(**changes: object) -> MeetingPack:
    chronology = PaperSet()
    items = (
        PackItem(
            number=1, title="Minutes and actions of the last meeting", kind="standing",
            start_time=dt.time(10, 0), duration_minutes=10, presenter="Business manager",
            questions="Are the minutes an accurate record?", decision_options=("Approve the minutes",),
        ),
        PackItem(
            number=2, title="Rapid review: Child Amber", kind="case", start_time=dt.time(10, 10),
            duration_minutes=40, presenter="Review lead (LA)", case_reference="RR-2026-014",
            pseudonym="Child Amber",
            summary="Child Amber, aged 7 months, was admitted with a head injury.\n\nThe family were known "
                    "to early help. Health visiting contacts were missed twice.",
            key_dates=(("Serious incident", dt.date(2026, 11, 12)), ("Notified to the NCSPRP", dt.date(2026, 11, 16)),
                       ("Rapid review due", dt.date(2026, 11, 27))),
            clocks=(PackClock("Notification to the Panel (5 working days)", dt.date(2026, 11, 19), "met",
                              statutory=True),
                    PackClock("Rapid review (15 working days)", dt.date(2026, 11, 27), "due soon", statutory=True),
                    PackClock("Agency summaries", dt.date(2026, 11, 20), "overdue by 7 days")),
            agencies=("Children's social care", "Police", "ICB / health", "Education"),
            summaries_in=("Children's social care", "Police"),
            summaries_outstanding=("ICB / health", "Education"),
            questions="Does the case meet the criteria for a local child safeguarding practice review?\n\n"
                      "Is there learning that should be shared immediately?",
            decision_options=("Recommend a local child safeguarding practice review", "No further review: "
                              "share learning locally", "Ask the national Panel for advice"),
            papers=(PackPaper("Chronology", "chronology.pdf", chronology.two_a4),
                    PackPaper("Ward plan (landscape)", "ward-plan.pdf", chronology.landscape)),
            warning="The rapid review is due Fri 27 Nov 2026, before this meeting.",
        ),
        PackItem(
            number=3, title="Secret matter: Child Jasper", kind="case", start_time=dt.time(10, 50),
            duration_minutes=20, presenter="Police DI", confidential=True, case_reference="RR-2026-015",
            pseudonym="Child Jasper", summary="Confidential summary text.",
            papers=(PackPaper("Jasper briefing", "jasper.pdf", chronology.one_a4),),
        ),
        PackItem(
            number=4, title="Learning from reviews: themes", kind="standing", start_time=dt.time(11, 10),
            duration_minutes=15, presenter="QA officer",
            papers=(PackPaper("Themes paper", "themes.pdf", chronology.rotated),),
        ),
    )
    pack = MeetingPack(
        partnership="Northshire Safeguarding Children Partnership", reference="RRP-2026-11",
        kind_label="Rapid Review Panel", meeting_date=dt.date(2026, 11, 27), start_time=dt.time(10, 0),
        place="Room 3, County Hall", online_link="https://teams.example/meet/123", chair="Dr Jane Rowe",
        marking=MARK, items=items,
        members=(PackMember("Dr Jane Rowe", "ICB", "Chair, designated doctor", "present"),
                 PackMember("Sam Patel", "Children's social care", "Head of service", "present"),
                 PackMember("DI Kerry Jones", "Police", "Safeguarding lead", "apologies")),
        quorate=True, prepared_by="Alex Business", prepared_on=dt.date(2026, 11, 20),
    )
    return dataclasses.replace(pack, **changes) if changes else pack


class PaperSet:
    def __init__(self) -> None:
        self.two_a4 = paper_pdf("Chronology", 2)
        self.landscape = paper_pdf("Ward plan", 1, landscape(A4))
        self.one_a4 = paper_pdf("Jasper", 1)
        self.rotated = paper_pdf("Themes", 1, rotate=90)


def outline_titles(reader: PdfReader) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []

    def walk(nodes: list, level: int) -> None:
        for node in nodes:
            if isinstance(node, list):
                walk(node, level + 1)
            else:
                out.append((level, node.title))

    walk(reader.outline, 0)
    return out


def build(pack: MeetingPack, path: Path, **kwargs: object) -> tuple[PackResult, PdfReader]:
    result = build_meeting_pack(pack, path, **kwargs)
    return result, PdfReader(path)


def body_pages(reader: PdfReader) -> int:
    """Pages before the first appended paper (appended pages carry the paper's own text)."""
    for index, page in enumerate(reader.pages):
        if "body page" in (page.extract_text() or ""):
            return index
    return len(reader.pages)


def test_pages_bookmarks_stamps_and_metadata(tmp_path: Path) -> None:
    result, reader = build(make_pack(), tmp_path / "pack.pdf")
    pages = [page.extract_text() for page in reader.pages]
    body = body_pages(reader)
    assert len(reader.pages) == result.pages == body + 2 + 1 + 1 + 1
    assert result.items == 4
    for number, page_text in enumerate(pages, start=1):
        assert page_text.count(MARK) >= 2, number
        assert f"Page {number} of {len(pages)}" in page_text, number
    # Appended papers keep their content, in item order, after the ReportLab part.
    assert "Chronology body page 1" in pages[body] and "Chronology body page 2" in pages[body + 1]
    assert "Ward plan body page 1" in pages[body + 2]
    assert "Jasper body page 1" in pages[body + 3]
    assert "Themes body page 1" in pages[body + 4]
    # Papers keep their own size and rotation (the stamp is turned to match: see the test below).
    assert reader.pages[body + 2].mediabox.width > reader.pages[body + 2].mediabox.height
    assert reader.pages[body + 4].rotation == 90

    assert outline_titles(reader) == [
        (0, "Cover and attendance"), (0, "Agenda"),
        (0, "1. Minutes and actions of the last meeting"),
        (0, "2. Rapid review: Child Amber"), (1, "Chronology"), (1, "Ward plan (landscape)"),
        (0, "3. Secret matter: Child Jasper (confidential)"), (1, "Jasper briefing"),
        (0, "4. Learning from reviews: themes"), (1, "Themes paper"),
    ]
    flat = [o for o in reader.outline if not isinstance(o, list)]
    first_paper = reader.outline[4][0]
    assert reader.get_destination_page_number(first_paper) == body
    item_two = reader.get_destination_page_number(flat[3])
    assert "2. Rapid review: Child Amber" in pages[item_two]

    meta = reader.metadata
    assert meta.title == "Rapid Review Panel RRP-2026-11 — meeting pack, Friday 27 November 2026"
    assert meta.author == "Northshire Safeguarding Children Partnership"
    assert "Rapid Review Panel" in meta.subject


def _multiply(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2)


def stamp_placement(page) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """Where "Page n of N" is drawn as the page is displayed (its /Rotate applied): the writing direction,
    the position and the displayed page size. The stamp is the last form XObject the page draws; the text
    matrix inside it comes from pypdf's text visitor, the matrix it is drawn with from the page's q/Q/cm."""
    found: list[tuple[float, ...]] = []
    page.extract_text(visitor_text=lambda t, cm, tm, *_: found.append(tuple(tm)) if t.startswith("Page ") else None)
    ctm, stack, at_do = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], None
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif operator == b"Do":
            at_do = ctm
    assert found and at_do is not None
    a, b, _, _, x, y = _multiply(found[-1], at_do)
    box = page.cropbox
    left, bottom, width, height = float(box.left), float(box.bottom), float(box.width), float(box.height)
    x, y = x - left, y - bottom
    rotation = page.rotation % 360
    if rotation == 90:
        return (b, -a), (y, width - x), (height, width)
    if rotation == 180:
        return (-a, -b), (width - x, height - y), (width, height)
    if rotation == 270:
        return (-b, a), (height - y, x), (height, width)
    return (a, b), (x, y), (width, height)


def test_stamps_read_upright_on_rotated_landscape_and_offset_pages(tmp_path: Path) -> None:
    shifted = PdfWriter(clone_from=PdfReader(io.BytesIO(paper_pdf("Shifted", 1))))
    shifted.pages[0].mediabox = RectangleObject((-200, 300, 395, 1142))
    shifted_bytes = io.BytesIO()
    shifted.write(shifted_bytes)
    papers = (PackPaper("Portrait", "a.pdf", paper_pdf("Portrait", 1)),
              PackPaper("Landscape", "b.pdf", paper_pdf("Landscape", 1, landscape(A4))),
              PackPaper("Turned 90", "c.pdf", paper_pdf("Turned", 1, rotate=90)),
              PackPaper("Turned 180", "d.pdf", paper_pdf("Upside", 1, rotate=180)),
              PackPaper("Turned 270", "e.pdf", paper_pdf("Turned back", 1, landscape(A4), rotate=270)),
              PackPaper("Shifted box", "f.pdf", shifted_bytes.getvalue()),
              PackPaper("Small", "g.pdf", paper_pdf("Small", 1, (300, 200))))
    pack = make_pack()
    item = dataclasses.replace(pack.items[0], papers=papers)
    _, reader = build(dataclasses.replace(pack, items=(item,)), tmp_path / "pack.pdf")
    for page in reader.pages[-len(papers):]:
        direction, (x, y), (width, height) = stamp_placement(page)
        assert direction[0] > 0 and abs(direction[1]) < 1e-6, direction
        # Bottom right of the page as displayed, inside it.
        assert width / 2 < x < width and 0 < y < 20 * 2.835, (x, y, width, height)


def test_cover_agenda_and_case_section_content(tmp_path: Path) -> None:
    _, reader = build(make_pack(), tmp_path / "pack.pdf")
    cover = reader.pages[0].extract_text()
    for expected in ("Northshire Safeguarding Children Partnership", "Rapid Review Panel",
                     "Friday 27 November 2026", "10:00", "Room 3, County Hall", "https://teams.example/meet/123",
                     "Dr Jane Rowe", "RRP-2026-11", "Quorate", "Apologies", "DI Kerry Jones",
                     "Prepared by Alex Business on Friday 20 November 2026"):
        assert expected in cover, expected
    agenda = reader.pages[1].extract_text()
    assert "Agenda" in agenda and "CONFIDENTIAL ITEM" in agenda
    assert re.search(r"2\s+10:10\s+Rapid review: Child Amber", agenda)
    pages = [page.extract_text() for page in reader.pages]
    start = next(i for i, p in enumerate(pages) if "2. Rapid review: Child Amber" in p)
    end = next(i for i, p in enumerate(pages) if "3. Secret matter: Child Jasper" in p and i > start)
    item_two = "\n".join(pages[start:end])
    for expected in ("Case summary", "head injury", "Key dates", "Rapid review due", "overdue by 7 days",
                     "due soon", "Outstanding", "2 of 4 summaries received", "Questions for the panel",
                     "☐", "Recommend a local child safeguarding practice review", "chronology.pdf",
                     "The rapid review is due Fri 27 Nov 2026, before this meeting."):
        assert expected in item_two, expected
    # The papers table points at the page the paper starts on.
    body = body_pages(reader)
    assert re.search(rf"chronology\.pdf\s+2\s+{body + 1}\b", item_two)


def test_excluding_confidential_items_renumbers_everything(tmp_path: Path) -> None:
    full, _ = build(make_pack(), tmp_path / "full.pdf")
    result, reader = build(make_pack(), tmp_path / "open.pdf", exclude_confidential=True)
    everything = "\n".join(page.extract_text() for page in reader.pages)
    assert "Jasper" not in everything and "RR-2026-015" not in everything
    assert "CONFIDENTIAL ITEM" not in everything
    assert result.items == 3 and result.pages < full.pages
    titles = [t for level, t in outline_titles(reader) if level == 0 and t[0].isdigit()]
    assert titles == ["1. Minutes and actions of the last meeting", "2. Rapid review: Child Amber",
                      "3. Learning from reviews: themes"]
    assert [t for level, t in outline_titles(reader) if level == 1] == [
        "Chronology", "Ward plan (landscape)", "Themes paper"]
    agenda = reader.pages[1].extract_text()
    # Numbers follow the new order; times stay as scheduled.
    assert re.search(r"3\s+11:10\s+Learning from reviews: themes", agenda)
    assert "Item 3 of 3" in everything and "3. Learning from reviews: themes" in everything
    assert "1 confidential item not included" in reader.pages[0].extract_text()
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()


def _hostile_everywhere(long_summary: str) -> MeetingPack:
    papers = PaperSet()
    h = HOSTILE
    item = PackItem(
        number=1, title=h, kind="case", start_time=dt.time(9, 30), presenter=h, case_reference=h, pseudonym=h,
        summary=long_summary, key_dates=((h, dt.date(2026, 1, 2)), (h, None)),
        clocks=(PackClock(h, dt.date(2026, 1, 5), h, statutory=True), PackClock(h, None, "overdue " + h)),
        agencies=(h, h + " 2"), summaries_in=(h,), summaries_outstanding=(h + " 2",), questions=h,
        decision_options=(h, h), papers=(PackPaper(h, h, papers.one_a4),), warning=h, confidential=True)
    standing = PackItem(number=2, title="Standing " + h, kind="standing", presenter=h, questions=h)
    return MeetingPack(partnership=h, reference=h, kind_label=h, meeting_date=dt.date(2026, 3, 4),
                       start_time=None, place=h, online_link=h, chair=h, marking="OFFICIAL-SENSITIVE ŵŷ",
                       items=(item, standing), members=(PackMember(h, h, h, h), PackMember(h, h, h, "apologies")),
                       quorate=False, prepared_by=h, prepared_on=dt.date(2026, 3, 1))


def test_hostile_text_in_every_field_is_printed_literally(tmp_path: Path) -> None:
    sentence = "The family moved between three addresses & agencies lost track <again>. "
    long_summary = (sentence * 140)[:10_000]
    assert len(long_summary) == 10_000
    result, reader = build(_hostile_everywhere(long_summary), tmp_path / "hostile.pdf")
    pages = [page.extract_text() for page in reader.pages]
    everything = "\n".join(pages)
    assert "<b>bold</b>" in pages[0] and "ŵŷ" in pages[0]
    assert '<img src="file:///etc/passwd"/>' in everything
    assert "&amp;" in everything
    assert "lost track <again>" in everything
    assert everything.count("<b>bold</b>") >= 30
    # The long summary flows over more than one page.
    holding = [i for i, p in enumerate(pages) if "lost track <again>" in p]
    assert len(holding) >= 2
    assert "Page 1 of" in pages[0] and "OFFICIAL-SENSITIVE ŵŷ" in pages[-1]
    assert len(reader.pages) == result.pages
    assert outline_titles(reader)[2][1].startswith("1. <b>bold</b> & <img")
    assert reader.metadata.author.startswith("<b>bold</b> &")


def test_one_huge_paragraph_and_huge_cells_do_not_break_the_layout(tmp_path: Path) -> None:
    blob = "word " * 4000 + "x" * 3000
    pack = make_pack()
    item = dataclasses.replace(pack.items[1], summary=blob, questions=blob, presenter=blob[:6000],
                               key_dates=((blob, dt.date(2026, 1, 1)),), decision_options=(blob,))
    result, reader = build(dataclasses.replace(pack, items=(item,), chair=blob[:3000]), tmp_path / "big.pdf")
    assert result.pages == len(reader.pages) > 8


def test_written_to_a_stream_and_progress_per_item_and_paper(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    buffer = io.BytesIO()
    result = build_meeting_pack(make_pack(), buffer, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 8) for n in range(1, 9)]  # 4 items + 4 papers
    assert len(PdfReader(io.BytesIO(buffer.getvalue())).pages) == result.pages


@pytest.mark.parametrize("after", [0, 1, 3, 6])
def test_cancel_leaves_no_file(tmp_path: Path, after: int) -> None:
    checks = 0

    def cancelled() -> bool:
        nonlocal checks
        checks += 1
        return checks > after

    target = tmp_path / "pack.pdf"
    with pytest.raises(PackCancelled):
        build_meeting_pack(make_pack(), target, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []
    stream = io.BytesIO()
    checks = 0
    with pytest.raises(PackCancelled):
        build_meeting_pack(make_pack(), stream, cancelled=cancelled)
    assert stream.getvalue() == b""


def test_failed_build_leaves_the_previous_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"previous")
    with pytest.raises(PackCancelled):
        build_meeting_pack(make_pack(), target, cancelled=lambda: True)
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_corrupt_and_encrypted_papers_get_an_explanation_page(tmp_path: Path) -> None:
    locked = PdfWriter(clone_from=PdfReader(io.BytesIO(paper_pdf("Locked", 1))))
    locked.encrypt(user_password="secret", algorithm="RC4-128")
    locked_bytes = io.BytesIO()
    locked.write(locked_bytes)
    good = paper_pdf("Good", 1)
    pack = make_pack()
    item = dataclasses.replace(pack.items[3], papers=(
        PackPaper("Broken <paper>", "broken<&>.pdf", b"%PDF-1.4 this is not really a pdf"),
        PackPaper("Locked paper", "locked.pdf", locked_bytes.getvalue()),
        PackPaper("Empty", "empty.pdf", b""),
        PackPaper("Good paper", "good.pdf", good),
    ))
    result, reader = build(dataclasses.replace(pack, items=(pack.items[0], item)), tmp_path / "pack.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == result.pages
    assert "Paper broken<&>.pdf could not be included:" in pages[-4]
    assert "Paper locked.pdf could not be included:" in pages[-3] and "password" in pages[-3]
    assert "Paper empty.pdf could not be included:" in pages[-2]
    assert "Good body page 1" in pages[-1]
    for number, page_text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page_text and MARK in page_text
    assert [t for level, t in outline_titles(reader) if level == 1] == [
        "Broken <paper>", "Locked paper", "Empty", "Good paper"]


def tiny_png(width: int = 40, height: int = 20) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((31, 58, 95)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("logo", [tiny_png(), b"not a png"])
def test_a_pack_with_nothing_on_it_still_builds(tmp_path: Path, logo: bytes) -> None:
    pack = MeetingPack(partnership="", reference="", kind_label="", meeting_date=dt.date(2026, 1, 5),
                       start_time=None, place="", online_link="", chair="", marking="", items=(), logo_png=logo)
    result, reader = build(pack, tmp_path / "empty.pdf")
    assert result == PackResult(pages=2, items=0)
    cover = reader.pages[0].extract_text()
    assert "Monday 5 January 2026" in cover and "Not quorate" in cover and "To be confirmed" in cover
    assert "No items." in reader.pages[1].extract_text()
    # The partnership chose no marking (its setting "none" reaches the pack as ""): none is printed.
    assert not any(MARK in page.extract_text() for page in reader.pages)
    assert [t for _, t in outline_titles(reader)] == ["Cover and attendance", "Agenda"]


def test_missing_start_times_follow_the_agenda(tmp_path: Path) -> None:
    pack = make_pack()
    items = tuple(dataclasses.replace(item, start_time=None) for item in pack.items)
    _, reader = build(dataclasses.replace(pack, items=items), tmp_path / "pack.pdf", exclude_confidential=True)
    agenda = reader.pages[1].extract_text()
    # 10:00 + 10 + 40 + (20, the left-out confidential item) = 11:10
    assert re.search(r"1\s+10:00", agenda) and re.search(r"2\s+10:10", agenda) and re.search(r"3\s+11:10", agenda)


def test_a_page_that_fails_while_stamping_is_replaced_not_dropped(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import scpdesk.reports.pack_merge as module

    original = module.Stamps.stamp
    calls = 0

    def failing(self: module.Stamps, page: object, size: tuple[float, float], number: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise ValueError("broken <content> stream")
        original(self, page, size, number)

    monkeypatch.setattr(module.Stamps, "stamp", failing)
    result, reader = build(make_pack(), tmp_path / "pack.pdf")
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == result.pages
    body = next(i for i, text in enumerate(pages) if "Chronology body page 1" in text)
    assert "Paper chronology.pdf could not be included: broken <content> stream" in pages[body + 1]
    assert f"Page {body + 2} of {len(pages)}" in pages[body + 1]

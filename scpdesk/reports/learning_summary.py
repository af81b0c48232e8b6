"""The learning summary (domain.md §6) in three forms, all from one :class:`LearningSummary`:

* :func:`build_learning_summary_pdf` — the document: title block, protective marking, the sections in order,
  bookmarks, "Page n of N", the embedded DejaVu font, metadata (themes as keywords, language);
* :func:`build_briefing_pdf` — the "7-minute briefing": numbered panels beside a title panel, text never
  smaller than 9 pt: one A4 page when it fits, else whole rows of panels flow onto a second page;
* :func:`learning_summary_html` — semantic, accessible HTML5 for the partnership's website (ReportLab writes
  no tagged PDF, so this is the accessible version).

Every string in the data may be user-typed: it reaches PDF markup only through ``base.text`` and HTML only
through ``html.escape(…, quote=True)``. Only the pseudonym is printed; the data holds no real identity.
"""

from __future__ import annotations

import html
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from . import base
from .base import FONT, FONT_BOLD, GREY, LIGHT, NAVY, Bookmark, DocumentInfo, date_text, styles, text
from .data import LearningSummary, SummaryAction

__all__ = ["BRIEFING_PANELS", "SECTION_TITLES", "build_briefing_pdf", "build_learning_summary_pdf",
           "learning_summary_html"]

#: The sections, in the order domain.md §6 gives them: (key, heading).
SECTION_TITLES: tuple[tuple[str, str], ...] = (
    ("about", "About this review"),
    ("child", "The child"),
    ("happened", "What happened"),
    ("well", "What went well"),
    ("learning", "Key learning"),
    ("practice", "What this means for practice"),
    ("questions", "Reflective questions"),
    ("actions", "Partnership actions and timescales"),
    ("themes", "Themes"),
    ("resources", "Further resources and contacts"),
)

#: The seven panel headings of the briefing (3 to 5 may read "Key learning 3–5" when there are more points).
BRIEFING_PANELS: tuple[str, ...] = ("Background", "Why it matters", "Key learning 1", "Key learning 2",
                                    "Key learning 3", "Things to remember", "What to do")

_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:!?]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


# --------------------------------------------------------------------------------------------------
# Content shared by the three forms
# --------------------------------------------------------------------------------------------------


def _clean(value: object) -> str:
    """Plain text with normalised newlines and no control characters (other than newline and tab)."""
    if value is None:
        return ""
    raw = str(value)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", raw)


def _one_line(value: object) -> str:
    return " ".join(_clean(value).split())


def _blocks(value: object) -> list[str]:
    """Paragraphs of a text field: split on blank lines; single newlines stay line breaks."""
    return [b.strip("\n") for b in _BLANK_LINE.split(_clean(value).strip()) if b.strip()]


def _items(values: tuple[str, ...]) -> list[str]:
    return [v for v in (_clean(x).strip() for x in values) if v]


def _display_theme(name: str) -> str:
    """Theme names are stored in lower case ("voice of the child"); lists show them in sentence case."""
    return name[:1].upper() + name[1:]


def _marking(data: LearningSummary) -> str:
    marking = _one_line(data.marking)
    return "" if marking.lower() in ("", "none") else marking


def _language(data: LearningSummary) -> str:
    lang = (data.language or "").strip()
    return lang if _LANGUAGE_TAG.match(lang) else "en-GB"


def _title(data: LearningSummary) -> str:
    who = _one_line(data.pseudonym)
    return _one_line(data.title) or (f"{who}: learning summary" if who else "Learning summary")


def _subject(data: LearningSummary) -> str:
    kind = _one_line(data.review_type_label)
    who = _one_line(data.pseudonym)
    what = "Learning summary" if not kind or kind.lower().startswith("learning summary") \
        else f"Learning summary of a {kind}"
    return f"{what}: {who}" if who else what


def _facts(data: LearningSummary) -> list[tuple[str, str]]:
    """The title block's facts (label, value), omitting what is not known."""
    pseudonym = _one_line(data.pseudonym)
    child = "" if pseudonym == _one_line(data.title) else pseudonym  # a thematic review names no child
    facts = [("Child", child), ("Type of review", _one_line(data.review_type_label)),
             ("Date", date_text(data.date) if data.date else ""), ("Reference", _one_line(data.reference))]
    return [(k, v) for k, v in facts if v]


def _present(data: LearningSummary) -> dict[str, bool]:
    return {
        "about": bool(_blocks(data.about)),
        "child": bool(_blocks(data.the_child)),
        "happened": bool(_blocks(data.what_happened)),
        "well": bool(_blocks(data.what_went_well)),
        "learning": bool(_items(data.key_learning)),
        "practice": bool(_blocks(data.practice)),
        "questions": bool(_items(data.reflective_questions)),
        "actions": bool(data.actions),
        "themes": bool(_items(data.themes)),
        "resources": bool(_blocks(data.resources) or _blocks(data.contacts)),
    }


def _sections(data: LearningSummary) -> list[tuple[str, str]]:
    present = _present(data)
    return [(key, title) for key, title in SECTION_TITLES if present[key]]


def _split_urls(raw: str) -> Iterator[tuple[str, bool]]:
    """(segment, is_url) pieces of plain text, so web addresses can become links."""
    pos = 0
    for match in _URL.finditer(raw):
        if match.start() > pos:
            yield raw[pos:match.start()], False
        yield match.group(0), True
        pos = match.end()
    if pos < len(raw):
        yield raw[pos:], False


# --------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------


@cache
def _styles() -> dict[str, ParagraphStyle]:
    sheet = styles()
    body = sheet["Body"]
    white = colors.white
    return {
        "partnership": ParagraphStyle("LSPartnership", parent=body, fontName=FONT_BOLD, fontSize=10.5, leading=14,
                                      textColor=NAVY, spaceAfter=2),
        "kicker": ParagraphStyle("LSKicker", parent=body, fontSize=10.5, leading=14, textColor=GREY, spaceAfter=4),
        "title": ParagraphStyle("LSTitle", parent=sheet["Title"], spaceAfter=8),
        "fact": ParagraphStyle("LSFact", parent=body, fontSize=10, leading=13.5, spaceAfter=0),
        "marking": ParagraphStyle("LSMarking", parent=body, fontSize=10, leading=13.5, spaceBefore=4, spaceAfter=0),
        "section": ParagraphStyle("LSSection", parent=sheet["H1"], spaceBefore=12, spaceAfter=6),
        "sub": ParagraphStyle("LSSub", parent=sheet["H2"]),
        "body": body,
        "numbered": ParagraphStyle("LSNumbered", parent=body, leftIndent=8 * mm, bulletIndent=1 * mm,
                                   bulletFontName=FONT_BOLD, bulletFontSize=10, bulletColor=NAVY, spaceAfter=6),
        "bullet": ParagraphStyle("LSBullet", parent=body, leftIndent=6 * mm, bulletIndent=1.5 * mm,
                                 bulletFontName=FONT, bulletFontSize=10, bulletColor=NAVY),
        "cell": sheet["Cell"],
        "head": ParagraphStyle("LSHead", parent=sheet["CellBold"], textColor=white),
        # The briefing
        "b_kicker": ParagraphStyle("BKicker", parent=body, fontName=FONT_BOLD, fontSize=10, leading=13,
                                   textColor=white, spaceAfter=6),
        "b_title": ParagraphStyle("BTitle", parent=body, fontName=FONT_BOLD, fontSize=19, leading=23,
                                  textColor=white, spaceAfter=4),
        "b_info": ParagraphStyle("BInfo", parent=body, fontSize=9, leading=12, textColor=white, spaceAfter=3),
        "b_hint": ParagraphStyle("BHint", parent=body, fontName=f"{FONT}-Oblique", fontSize=9, leading=12,
                                 textColor=white, spaceBefore=4, spaceAfter=0),
        "b_number": ParagraphStyle("BNumber", parent=body, fontName=FONT_BOLD, fontSize=13, leading=15,
                                   textColor=white, alignment=1, spaceAfter=0),
        "b_heading": ParagraphStyle("BHeading", parent=body, fontName=FONT_BOLD, fontSize=11.5, leading=14,
                                    textColor=NAVY, spaceAfter=0),
        "b_body": ParagraphStyle("BBody", parent=body, fontSize=9, leading=12, spaceAfter=4),
        "b_key": ParagraphStyle("BKey", parent=body, fontSize=10.5, leading=14.5, spaceAfter=5),
        "b_key_numbered": ParagraphStyle("BKeyNumbered", parent=body, fontSize=10.5, leading=14.5, spaceAfter=5,
                                         leftIndent=6 * mm, bulletIndent=0, bulletFontName=FONT_BOLD,
                                         bulletFontSize=10.5, bulletColor=NAVY),
        "b_label": ParagraphStyle("BLabel", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12,
                                  textColor=NAVY, spaceAfter=1),
        "b_bullet": ParagraphStyle("BBullet", parent=body, fontSize=9, leading=12, spaceAfter=3,
                                   leftIndent=4 * mm, bulletIndent=0.5 * mm, bulletFontName=FONT,
                                   bulletFontSize=9, bulletColor=NAVY),
    }


def _pdf_text(value: str, *, links: bool = False, link_color: str = "#1f3a5f") -> str:
    """Escaped Paragraph markup of one block; with ``links``, web addresses become links (still escaped)."""
    if not links:
        return text(value)
    parts = []
    for segment, is_url in _split_urls(value):
        if is_url:
            href = text(segment).replace('"', "&quot;")
            parts.append(f'<a href="{href}" color="{link_color}"><u>{text(segment)}</u></a>')
        else:
            parts.append(text(segment))
    return "".join(parts)


def _paras(value: object, style: ParagraphStyle, *, links: bool = False) -> list[Flowable]:
    return [Paragraph(_pdf_text(block, links=links), style) for block in _blocks(value)]


def _numbered(items: list[str], style: ParagraphStyle, start: int = 1) -> list[Flowable]:
    return [Paragraph(text(item), style, bulletText=f"{n}.") for n, item in enumerate(items, start)]


def _bulleted(items: list[str], style: ParagraphStyle) -> list[Flowable]:
    return [Paragraph(text(item), style, bulletText="•") for item in items]


class _PageCounter(Flowable):
    """A zero-size flowable placed last: it learns how many pages the document has."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0
        self.pages = 0

    def draw(self) -> None:
        self.pages = self.canv.getPageNumber()


def _actions_table(actions: tuple[SummaryAction, ...], width: float) -> Table:
    st = _styles()
    head = [Paragraph(h, st["head"]) for h in ("Action", "Owner", "Due", "Status")]
    rows: list[list[Any]] = [head]
    for action in actions:
        rows.append([Paragraph(text(_clean(action.action).strip()), st["cell"]),
                     Paragraph(text(_clean(action.owner).strip()), st["cell"]),
                     Paragraph(text(date_text(action.due) if action.due else "—"), st["cell"]),
                     Paragraph(text(_clean(action.status).strip() or "—"), st["cell"])])
    widths = [width * f for f in (0.47, 0.24, 0.15, 0.14)]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b8c4d3")),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in range(2, len(rows), 2):
        commands.append(("BACKGROUND", (0, row), (-1, row), LIGHT))
    table.setStyle(TableStyle(commands))
    return table


def _title_block(data: LearningSummary) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = []
    image = base.logo(data.logo_png)
    if image is not None:
        story += [image, Spacer(1, 3 * mm)]
    if _one_line(data.partnership):
        story.append(Paragraph(text(_one_line(data.partnership)), st["partnership"]))
    story.append(Paragraph("Learning summary", st["kicker"]))
    story.append(Paragraph(text(_title(data)), st["title"]))
    facts = "<br/>".join(f"<b>{label}:</b> {text(value)}" for label, value in _facts(data))
    if facts:
        story.append(Paragraph(facts, st["fact"]))
    marking = _marking(data)
    if marking:
        story.append(Paragraph(f"Protective marking: <b>{text(marking)}</b>", st["marking"]))
    story.append(Spacer(1, 4))
    story.append(HRFlowable(width="100%", thickness=1.2, color=NAVY, spaceBefore=2, spaceAfter=4))
    return story


def _section_body(key: str, data: LearningSummary, width: float) -> list[Flowable]:
    st = _styles()
    body = st["body"]
    if key == "about":
        return _paras(data.about, body)
    if key == "child":
        return _paras(data.the_child, body)
    if key == "happened":
        return _paras(data.what_happened, body)
    if key == "well":
        return _paras(data.what_went_well, body)
    if key == "learning":
        return _numbered(_items(data.key_learning), st["numbered"])
    if key == "practice":
        return _paras(data.practice, body)
    if key == "questions":
        return _bulleted(_items(data.reflective_questions), st["bullet"])
    if key == "actions":
        return [_actions_table(data.actions, width)]
    if key == "themes":
        return _bulleted([_display_theme(t) for t in _items(data.themes)], st["bullet"])
    if key == "resources":
        resources, contacts = _blocks(data.resources), _blocks(data.contacts)
        if resources and contacts:
            return [Paragraph("Resources", st["sub"]), *_paras(data.resources, body, links=True),
                    CondPageBreak(_KEEP_WITH_HEADING / 2), Paragraph("Contacts", st["sub"]),
                    *_paras(data.contacts, body, links=True)]
        return _paras(data.resources or data.contacts, body, links=True)
    raise ValueError(key)  # pragma: no cover - SECTION_TITLES lists every key


def _frame_width() -> float:
    return base.PAGE_SIZE[0] - 2 * base.MARGIN - 12  # the frame's default 6 pt padding each side


def _frame_height() -> float:
    return base.PAGE_SIZE[1] - base.MARGIN - (base.MARGIN + 4 * mm) - 12


def _info(data: LearningSummary, title: str) -> DocumentInfo:
    return DocumentInfo(title=title, author=_one_line(data.partnership), subject=_subject(data),
                        keywords=tuple(_one_line(t) for t in _items(data.themes)), lang=_language(data))


def _footer(data: LearningSummary, what: str) -> str:
    """The footer's left text, whole: the page template wraps it (``base.footer_lines``), never cutting a
    word, so the partnership's full name fits."""
    who = _one_line(data.pseudonym) or _title(data)
    partnership = _one_line(data.partnership)
    return f"{partnership} — {what}: {who}" if partnership else f"{what}: {who}"


def _build(out: Any, story: list[Flowable], info: DocumentInfo, data: LearningSummary, footer: str) -> int:
    counter = _PageCounter()
    base.build(out, [*story, counter], info, marking=_marking(data), footer=footer)
    return counter.pages


#: Room a section heading needs below it (itself and about three lines) or it starts on the next page.
_KEEP_WITH_HEADING = 80


#: The least a learning summary's last page carries: a quarter of the page's text area (about 13 lines of
#: body text). A last page with less is "near-empty": the page break before it moves back.
LAST_PAGE_MIN = 0.25


def _summary_story(data: LearningSummary, width: float) -> list[Flowable]:
    st = _styles()
    story = _title_block(data)
    for key, title in _sections(data):
        heading = Paragraph(title, st["section"])
        # A heading never ends a page: it starts a new one unless there is room for it and a few lines after
        # (cheaper than keep-with-next, which lays the next paragraph out twice). The bookmark follows the
        # heading so that it lands on the heading's page.
        mark = Bookmark(title, f"section-{key}", above=st["section"].leading + st["section"].spaceAfter)
        story += [CondPageBreak(_KEEP_WITH_HEADING), heading, mark]
        story.extend(_section_body(key, data, width))
    return story


def _attached(flowable: Flowable) -> bool:
    """What must stay with the flowable after it: a heading, a bookmark, a conditional break, a rule."""
    if isinstance(flowable, Paragraph):
        return flowable.style.name in ("LSSection", "LSSub", "LSKicker", "LSPartnership", "LSTitle")
    return isinstance(flowable, (Bookmark, CondPageBreak, HRFlowable, Spacer))


class _Landing:
    """Where each element of the story landed: (element index, page, frame y below it), in layout order."""

    story: list[Flowable]
    events: list[tuple[int, int, float]]

    def __init__(self, story: list[Flowable]) -> None:
        self.story, self.events = story, []
        self._index = {id(f): i for i, f in enumerate(story)}
        self._last = -1

    def __call__(self, flowable: Flowable, page: int, y: float) -> None:
        # A flowable that was split lands as parts the story does not hold: they belong to the element after
        # the last one seen whole.
        index = self._index.get(id(flowable), self._last + 1)
        self._last = max(self._last, index if id(flowable) in self._index else self._last)
        self.events.append((index, page, y))


def _move_back(landing: _Landing, pages: int, width: float, top: float, bottom: float,
               minimum: float) -> tuple[int, str, float] | None:
    """How to give a near-empty last page enough text, or None when it has enough (or nothing can be done):
    (i, "break", 0) starts element i (with the heading before it) on the last page; (i, "split", h) splits
    element i after h points, its rest starting the last page."""
    on_last = [y for _i, page, y in landing.events if page == pages]
    if pages < 2 or not on_last:
        return None
    used = top - min(on_last)
    if used >= minimum:
        return None
    deficit = minimum - used
    ends: dict[int, float] = {}  # frame y below each element (or its first part) on the page before
    for index, page, y in landing.events:
        if page == pages - 1:
            ends[index] = y
    if not ends:
        return None
    floor = min(ends.values())  # where the page before stops
    order = sorted(ends)

    def began(i: int) -> float:  # frame y where element i began: below the element before it
        earlier = [j for j in order if j < i]
        return ends[earlier[-1]] if earlier else top

    for i in reversed(order):
        moved = began(i) - floor  # what moves when element i starts the last page
        if moved < deficit or _attached(landing.story[i]):
            continue
        start = i
        while start - 1 in ends and _attached(landing.story[start - 1]):
            start -= 1
        element = landing.story[i]
        keep = (began(i) - ends[i]) - (deficit - (ends[i] - floor)) - 2
        if start == i and keep >= 2 * _styles()["body"].leading:
            element.wrap(width, keep)
            if len(element.split(width, keep)) >= 2:
                return i, "split", keep
        # One item of a list (or one paragraph) would stay alone under its heading: its heading comes too.
        alone, j = 0, start - 1
        while j in ends and not _attached(landing.story[j]):
            alone, j = alone + 1, j - 1
        if alone == 1 and j in ends:
            while j - 1 in ends and _attached(landing.story[j - 1]):
                j -= 1
            if began(j) < top - 1 and used + began(j) - floor <= top - bottom:
                start = j
        if began(start) < top - 1 and used + began(start) - floor <= top - bottom:
            return start, "break", 0.0
        return None
    return None


def _with_breaks(story: list[Flowable], changes: dict[int, tuple[str, float]], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for index, flowable in enumerate(story):
        change = changes.get(index)
        if change is None:
            out.append(flowable)
        elif change[0] == "break":
            out += [PageBreak(), flowable]
        else:
            flowable.wrap(width, change[1])
            parts = flowable.split(width, change[1])
            out += [parts[0], PageBreak(), *parts[1:]] if len(parts) >= 2 else [flowable]
    return out


def build_learning_summary_pdf(data: LearningSummary, out: Any) -> int:
    """Write the learning summary PDF to ``out`` (a path or a binary file object); return the page count.

    It never ends on a near-empty page: when the last page would carry less than ``LAST_PAGE_MIN`` of a page,
    the break before it moves back (the element that crossed is split earlier, or starts the last page with
    its heading), and the document is laid out again."""
    width = _frame_width()
    top = base.PAGE_SIZE[1] - base.MARGIN - 6
    bottom = base.MARGIN + 4 * mm + 6
    minimum = LAST_PAGE_MIN * (top - bottom)
    info, footer = _info(data, _title(data)), _footer(data, "Learning summary")
    changes: dict[int, tuple[str, float]] = {}
    for _attempt in range(4):
        story = _summary_story(data, width)
        landing = _Landing(story)
        buffer = io.BytesIO()
        counter = _PageCounter()
        base.build(buffer, [*_with_breaks(story, changes, width), counter], info, marking=_marking(data),
                   footer=footer, after_flowable=landing)
        move = _move_back(landing, counter.pages, width, top, bottom, minimum)
        if move is None:
            break
        changes = {move[0]: (move[1], move[2])}
    _write(out, buffer.getvalue())
    return counter.pages


def _write(out: Any, content: bytes) -> None:
    if isinstance(out, (str, os.PathLike)):
        Path(out).write_bytes(content)
    else:
        out.write(content)


# -- The 7-minute briefing ---------------------------------------------------------------------------

_GAP = 5  # white space between panels (points)
_PAD = 7  # padding inside a panel
#: The smallest type the briefing's text is ever set in: nothing is shrunk to fit (issue 11).
BRIEFING_MIN_POINTS = 9.0

#: A telephone number: digits in groups separated by single spaces or hyphens, optionally "+44" and "(0)".
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ \u00a0]?)?(?:\(0\)[ \u00a0]?)?\d+(?:[ \u00a0-]\d+)+(?![\w])")


def _keep_phones_whole(value: str) -> str:
    """Spaces inside telephone numbers (six digits or more) become no-break spaces: a number never breaks
    across lines."""
    def glue(match: re.Match[str]) -> str:
        number = match.group(0)
        return number.replace(" ", "\u00a0") if sum(c.isdigit() for c in number) >= 6 else number

    return _PHONE.sub(glue, value)


@dataclass
class _Links:
    """Web addresses too wide for the panel they are typed in: printed there as "(link n, below)" and in full,
    on a line of their own, under "Find out more" (which runs the full width of the page)."""

    width: float
    moved: list[str]


def _brief_text(value: str, style: ParagraphStyle, links: _Links | None, *, colour: str = "#1f3a5f") -> str:
    """A block of briefing text as Paragraph markup: escaped, telephone numbers kept whole, web addresses
    kept whole (as links) — or, when one is wider than the panel, moved below (``links``)."""
    parts = []
    for segment, is_url in _split_urls(value):
        if not is_url:
            parts.append(text(_keep_phones_whole(segment)))
        elif links is not None and stringWidth(segment, style.fontName, style.fontSize) > links.width:
            if segment not in links.moved:
                links.moved.append(segment)
            parts.append(f"(link {links.moved.index(segment) + 1}, below)")
        else:
            href = text(segment).replace('"', "&quot;")
            parts.append(f'<a href="{href}" color="{colour}"><u>{text(segment)}</u></a>')
    return "".join(parts)


def _brief_paras(value: object, style: ParagraphStyle, links: _Links | None) -> list[Flowable]:
    return [Paragraph(_brief_text(block, style, links), style) for block in _blocks(value)]


def _brief_list(items: list[str], style: ParagraphStyle, links: _Links | None, *, start: int | None = None
                ) -> list[Flowable]:
    return [Paragraph(_brief_text(item, style, links), style,
                      bulletText="•" if start is None else f"{n}.")
            for n, item in enumerate(items, start or 1)]


@dataclass(frozen=True)
class _Panel:
    number: int
    heading: str
    body: list[Flowable]


def _labelled(label: str, flowables: list[Flowable]) -> list[Flowable]:
    return [Paragraph(label, _styles()["b_label"]), *flowables] if flowables else []


def _briefing_panels(data: LearningSummary, links: _Links) -> list[_Panel]:
    """The panels that have something to say, numbered in order (an empty panel is left out, not printed
    as "—")."""
    st = _styles()
    b_body, b_bul = st["b_body"], st["b_bullet"]
    learning = _items(data.key_learning)
    themes = [_display_theme(t) for t in _items(data.themes)]
    story_known = bool(_blocks(data.the_child) or _blocks(data.what_happened))

    background = (_brief_paras(data.the_child, b_body, links) + _brief_paras(data.what_happened, b_body, links)) \
        if story_known else _brief_paras(data.about, b_body, links)
    why = _brief_paras(data.about, b_body, links) if story_known else []
    if themes:
        why.append(Paragraph(f"<b>Themes:</b> {text(', '.join(themes))}", b_body))
    key = [_brief_paras(learning[0], st["b_key"], links) if learning[:1] else [],
           _brief_paras(learning[1], st["b_key"], links) if learning[1:2] else [],
           (_brief_paras(learning[2], st["b_key"], links) if len(learning) == 3
            else _brief_list(learning[2:], st["b_key_numbered"], links, start=3))]
    remember = (_labelled("Ask yourself", _brief_list(_items(data.reflective_questions), b_bul, links))
                + _labelled("What went well", _brief_paras(data.what_went_well, b_body, links)))
    actions = [_one_line(a.action) for a in data.actions if _one_line(a.action)]
    what_to_do = _brief_paras(data.practice, b_body, links) + _labelled(
        "What the partnership is doing", _brief_list(actions, b_bul, links))
    third = "Key learning 3" if len(learning) <= 3 else f"Key learning 3–{len(learning)}"
    bodies = (background, why, key[0], key[1], key[2], remember, what_to_do)
    headings = (*BRIEFING_PANELS[:4], third, *BRIEFING_PANELS[5:])
    kept = [(h, b) for h, b in zip(headings, bodies, strict=True) if b]
    return [_Panel(n, h, b) for n, (h, b) in enumerate(kept, start=1)]


def _panel_heading(number: int, heading: str, width: float) -> Table:
    st = _styles()
    badge = 8 * mm
    table = Table([[Paragraph(str(number), st["b_number"]), Paragraph(heading, st["b_heading"])]],
                  colWidths=[badge, width - badge], rowHeights=[badge])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (0, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, 0), 0), ("RIGHTPADDING", (0, 0), (0, 0), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _natural_height(content: list[Flowable], width: float) -> float:
    """The height ``content`` needs at full size in a column ``width`` wide."""
    total = 0.0
    for flowable in content:
        _w, h = flowable.wrap(width, 1e9)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


def _title_panel(data: LearningSummary) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = [Paragraph("7-MINUTE BRIEFING", st["b_kicker"]),
                             Paragraph(text(_one_line(data.pseudonym) or _title(data)), st["b_title"])]
    if _one_line(data.title) and _one_line(data.title) != _one_line(data.pseudonym):
        story.append(Paragraph(text(_one_line(data.title)), st["b_info"]))
    line = " · ".join(p for p in (_one_line(data.review_type_label), date_text(data.date) if data.date else "")
                      if p)
    if line:
        story.append(Paragraph(text(line), st["b_info"]))
    if _one_line(data.partnership):
        story.append(Paragraph(text(_one_line(data.partnership)), st["b_info"]))
    story.append(Paragraph("Take seven minutes to read this briefing, then talk about it with your team or in "
                           "supervision.", st["b_hint"]))
    return story


def _find_out_more(data: LearningSummary, links: _Links) -> list[Flowable]:
    """Resources and contacts across the page, web addresses whole; then the links too wide for their panel."""
    st = _styles()
    story: list[Flowable] = []
    for label, value in (("Resources", data.resources), ("Contacts", data.contacts)):
        blocks = _brief_paras(value, st["b_body"], None)
        if blocks:
            story += [Paragraph(label, st["b_label"]), *blocks]
    if links.moved:
        story.append(Paragraph("Links mentioned above", st["b_label"]))
        story += [Paragraph(_brief_text(url, st["b_body"], None), st["b_bullet"], bulletText=f"{n}.")
                  for n, url in enumerate(links.moved, start=1)]
    if not story:
        return []
    heading = Table([[Paragraph("Find out more", st["b_heading"])]], colWidths=[None])
    heading.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return [heading, *story]


def _page_rows(needs: list[float], page: float) -> list[float | None]:
    """Row heights: rows go onto pages whole, in order; on every page but the last of several, the rows share
    out the page (a one-page briefing fills its page). A row taller than a page keeps its own height."""
    pages: list[list[int]] = [[]]
    used = 0.0
    for index, need in enumerate(needs):
        if pages[-1] and used + need > page:
            pages.append([])
            used = 0.0
        pages[-1].append(index)
        used += need
    heights: list[float | None] = [None] * len(needs)
    for number, rows in enumerate(pages):
        if (len(pages) > 1 and number == len(pages) - 1) or sum(needs[i] for i in rows) > page:
            continue
        spare = (page - sum(needs[i] for i in rows)) / len(rows)
        for i in rows:
            heights[i] = needs[i] + spare
    return heights


def _grid_row(cells: list[list[Flowable]], col_w: float, inset: float, height: float | None, *,
              first: bool) -> Table:
    """One row of the grid as its own table (so a row moves to the next page whole): two panels side by side,
    or one across both columns."""
    span = len(cells) == 1
    table = Table([[cells[0], ""] if span else cells], colWidths=[col_w, col_w],
                  rowHeights=None if height is None else [height], splitInRow=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), LIGHT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), inset / 2), ("RIGHTPADDING", (0, 0), (-1, -1), inset / 2),
        ("TOPPADDING", (0, 0), (-1, -1), inset / 2), ("BOTTOMPADDING", (0, 0), (-1, -1), inset / 2),
        ("GRID", (0, 0), (-1, -1), _GAP, colors.white),
        ("BOX", (0, 0), (-1, -1), _GAP, colors.white),
    ]
    if first:
        commands.append(("BACKGROUND", (0, 0), (0, 0), NAVY))
    if span:
        commands.append(("SPAN", (0, 0), (1, 0)))
    table.setStyle(TableStyle(commands))
    return table


def build_briefing_pdf(data: LearningSummary, out: Any) -> int:
    """Write the 7-minute briefing to ``out``; return its page count.

    A title panel and the numbered panels that have content (an empty one is left out) in a two-column grid,
    then "Find out more" across the page. Text is never shrunk (``BRIEFING_MIN_POINTS``): when everything fits
    one A4 page the rows share the page; otherwise whole rows of panels flow onto the next page (only a row
    taller than a page splits, between its lines). Telephone numbers and web addresses never break inside: an
    address too wide for its panel is printed in full under "Find out more", which runs across the page."""
    columns = 2
    total_w, total_h = _frame_width() - 1, _frame_height() - 1
    col_w = total_w / columns
    inset = 2 * _PAD + _GAP  # padding plus the white gap, top and bottom (or left and right) together
    inner_w = col_w - inset
    links = _Links(inner_w, [])
    cells: list[list[Flowable]] = [_title_panel(data)]
    for panel in _briefing_panels(data, links):
        cells.append([_panel_heading(panel.number, panel.heading, inner_w), Spacer(1, 5), *panel.body])
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]  # an odd panel out spans the row
    more = _find_out_more(data, links)
    if more:
        rows.append([more])
    needs = [max(_natural_height(cell, inner_w if len(row) == columns else total_w - inset) for cell in row)
             + inset for row in rows]
    heights = _page_rows(needs, total_h - 2)
    story: list[Flowable] = [Bookmark("7-minute briefing", "briefing")]
    story += [KeepTogether([_grid_row(row, col_w, inset, height, first=index == 0)])
              for index, (row, height) in enumerate(zip(rows, heights, strict=True))]
    title = f"7-minute briefing: {_title(data)}"
    return _build(out, story, _info(data, title), data, _footer(data, "7-minute briefing"))


# --------------------------------------------------------------------------------------------------
# HTML for the website
# --------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; line-height: 1.55;
       max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
header { border-bottom: 0.2rem solid #1f3a5f; margin-bottom: 1.5rem; padding-bottom: 0.75rem; }
.partnership { font-weight: bold; margin: 0; }
h1 { font-size: 2em; line-height: 1.2; margin: 0.3em 0 0.5em; }
h2 { font-size: 1.4em; margin: 1.8em 0 0.5em; }
h3 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.marking { font-weight: bold; border: 0.15em solid currentColor; display: inline-block;
           padding: 0.1em 0.6em; letter-spacing: 0.05em; }
ol.learning > li, ul.questions > li { margin-bottom: 0.6em; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.4em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.45em 0.6em; border: 1px solid #8a99ad; }
thead th { background: #1f3a5f; color: #ffffff; }
nav ul { padding-left: 1.2em; }
a { color: inherit; text-decoration-thickness: 0.08em; }
a:focus { outline: 0.2em solid #ffbf47; outline-offset: 0.1em; }
footer { margin-top: 3rem; border-top: 1px solid #8a99ad; padding-top: 0.75rem; }
@media (max-width: 36rem) { table, thead, tbody, tr, th, td { font-size: 0.95em; } }
@media print { nav { display: none; } a { text-decoration: none; } }
""".strip()


def _h(value: object) -> str:
    """THE HTML escaping: any user string becomes safe text (``< > & " '`` escaped)."""
    return html.escape(_clean(value), quote=True)


def _h_block(value: str, *, links: bool = False) -> str:
    """One paragraph's escaped HTML; single newlines become ``<br>``; optionally web addresses become links."""
    if links:
        parts = []
        for segment, is_url in _split_urls(value):
            parts.append(f'<a href="{_h(segment)}">{_h(segment)}</a>' if is_url else _h(segment))
        escaped = "".join(parts)
    else:
        escaped = _h(value)
    return escaped.replace("\n", "<br>\n")


def _h_paras(value: object, *, links: bool = False) -> list[str]:
    return [f"<p>{_h_block(block, links=links)}</p>" for block in _blocks(value)]


def _h_list(tag: str, items: list[str], css: str = "") -> list[str]:
    cls = f' class="{css}"' if css else ""
    return [f"<{tag}{cls}>", *(f"<li>{_h_block(item)}</li>" for item in items), f"</{tag}>"]


def _h_date(value: Any) -> str:
    if value is None:
        return "—"
    return f'<time datetime="{value.isoformat()}">{_h(date_text(value))}</time>'


def _h_section(key: str, data: LearningSummary) -> list[str]:
    if key == "about":
        return _h_paras(data.about)
    if key == "child":
        return _h_paras(data.the_child)
    if key == "happened":
        return _h_paras(data.what_happened)
    if key == "well":
        return _h_paras(data.what_went_well)
    if key == "learning":
        return _h_list("ol", _items(data.key_learning), "learning")
    if key == "practice":
        return _h_paras(data.practice)
    if key == "questions":
        return _h_list("ul", _items(data.reflective_questions), "questions")
    if key == "themes":
        return _h_list("ul", [_display_theme(t) for t in _items(data.themes)], "themes")
    if key == "actions":
        lines = ["<table>",
                 "<caption>What the partnership agreed to do, who leads each action, when it is due and "
                 "its status</caption>",
                 "<thead>", "<tr>", *(f'<th scope="col">{h}</th>' for h in ("Action", "Owner", "Due", "Status")),
                 "</tr>", "</thead>", "<tbody>"]
        for a in data.actions:
            lines += ["<tr>", f"<td>{_h_block(_clean(a.action).strip())}</td>",
                      f"<td>{_h_block(_clean(a.owner).strip())}</td>", f"<td>{_h_date(a.due)}</td>",
                      f"<td>{_h_block(_clean(a.status).strip()) or '—'}</td>", "</tr>"]
        return [*lines, "</tbody>", "</table>"]
    if key == "resources":
        resources, contacts = _blocks(data.resources), _blocks(data.contacts)
        if resources and contacts:
            return ["<h3>Resources</h3>", *_h_paras(data.resources, links=True),
                    "<h3>Contacts</h3>", *_h_paras(data.contacts, links=True)]
        return _h_paras(data.resources or data.contacts, links=True)
    raise ValueError(key)  # pragma: no cover - SECTION_TITLES lists every key


def learning_summary_html(data: LearningSummary) -> str:
    """The learning summary as one self-contained, accessible HTML5 page (no scripts, no external resources)."""
    title = _title(data)
    partnership = _one_line(data.partnership)
    marking = _marking(data)
    sections = _sections(data)
    out = ["<!DOCTYPE html>", f'<html lang="{_h(_language(data))}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_h(title)}{' — ' + _h(partnership) if partnership else ''}</title>"]
    if partnership:
        out.append(f'<meta name="author" content="{_h(partnership)}">')
    out.append(f'<meta name="description" content="{_h(_subject(data))}">')
    if data.themes:
        out.append(f'<meta name="keywords" content="{_h(", ".join(_one_line(t) for t in _items(data.themes)))}">')
    out += ["<style>", _CSS, "</style>", "</head>", "<body>", "<header>"]
    if marking:
        out.append(f'<p class="marking">{_h(marking)}</p>')
    if partnership:
        out.append(f'<p class="partnership">{_h(partnership)}</p>')
    out.append(f"<h1>{_h(title)}</h1>")
    facts = _facts(data)
    if facts:
        out.append('<dl class="facts">')
        for label, value in facts:
            shown = _h_date(data.date) if label == "Date" else _h(value)
            out.append(f"<dt>{label}</dt><dd>{shown}</dd>")
        out.append("</dl>")
    out.append("</header>")
    if len(sections) > 1:
        out += ['<nav aria-label="Contents">', '<p class="contents">Contents</p>', "<ul>",
                *(f'<li><a href="#{key}">{heading}</a></li>' for key, heading in sections), "</ul>", "</nav>"]
    out.append("<main>")
    for key, heading in sections:
        out += [f'<section id="{key}" aria-labelledby="{key}-heading">', f'<h2 id="{key}-heading">{heading}</h2>',
                *_h_section(key, data), "</section>"]
    out.append("</main>")
    out += ["<footer>", f"<p>{_h(partnership) + ' — ' if partnership else ''}learning summary"
                        f"{': ' + _h(_one_line(data.pseudonym)) if _one_line(data.pseudonym) else ''}."
                        " Names used are pseudonyms.</p>"]
    if marking:
        out.append(f'<p class="marking">{_h(marking)}</p>')
    out += ["</footer>", "</body>", "</html>", ""]
    return "\n".join(out)

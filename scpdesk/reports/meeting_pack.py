"""The meeting pack PDF (domain.md §6): cover with attendance and quorum, agenda with times, a section per
item (case summary, key dates, every clock with its state, agencies and summaries, questions, decision
options, papers), then the attached papers, each page stamped with the protective marking and "Page n of N"
(N counts the whole pack). One bookmark per item, with its papers nested beneath it.

Built from a ``MeetingPack`` value only. This module lays out the content; the papers' merge-and-stamp and
the atomic write are ``pack_merge.py``'s. The papers are parsed first (their page count is part of every
"of N"), then the ReportLab part is laid out (its canvas knows how many pages the papers add), then pypdf
appends the stamped papers and writes the outline and metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    BooleanObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from scpdesk.reports.base import (
    FONT,
    FONT_BOLD,
    GREY,
    LIGHT,
    MARGIN,
    NAVY,
    PAGE_SIZE,
    markup,
    numbered_canvas,
    para,
    register_fonts,
    styles,
    text,
)
from scpdesk.reports.base import logo as base_logo
from scpdesk.reports.data import MeetingPack, PackAction, PackClock, PackItem, PackMember
from scpdesk.reports.pack_merge import Attached, append_papers, load_paper, write_pdf

__all__ = ["DEFAULT_MARKING", "PackCancelled", "PackResult", "build_meeting_pack"]

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
RED = colors.HexColor("#a61b1b")
RED_FILL = colors.HexColor("#fbeaea")
AMBER_FILL = colors.HexColor("#fff4d6")
AMBER_LINE = colors.HexColor("#d99a00")
AMBER_TEXT = colors.HexColor("#8a5300")
RULE = colors.HexColor("#b8c4d2")
WIDTH = PAGE_SIZE[0] - 2 * MARGIN


class PackCancelled(Exception):
    """``cancelled()`` returned True: nothing was written."""


@dataclass(frozen=True)
class PackResult:
    pages: int
    items: int


# --------------------------------------------------------------------------------------------- plain text


def _line(value: object) -> str:
    """User text for places that are not Paragraph markup (canvas strings, bookmarks, metadata): one line,
    no control characters."""
    raw = "" if value is None else str(value)
    return " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())


def _long_date(value: dt.date | None) -> str:
    return "—" if value is None else f"{value:%A} {value.day} {value:%B %Y}"


def _short_date(value: dt.date | None) -> str:
    return "—" if value is None else f"{value:%a} {value.day} {value:%b %Y}"


def _clock_time(value: dt.time | None) -> str:
    return "—" if value is None else value.strftime("%H:%M")


def _add_minutes(value: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), value) + dt.timedelta(minutes=minutes)).time()


def _blocks(value: str) -> list[str]:
    """User prose split on blank lines (one Paragraph each, so long text flows across pages)."""
    raw = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", raw) if block.strip()]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------------------------- styles


def _style(name: str, parent: str, **kw: Any) -> ParagraphStyle:
    return ParagraphStyle(name, parent=styles()[parent], **kw)


class _Styles:
    def __init__(self) -> None:
        self.value = _style("PackValue", "Cell", fontSize=10, leading=13)
        self.h2 = _style("PackH2", "H2", spaceBefore=12)
        self.cover_org = _style("PackOrg", "Subtitle", fontName=FONT_BOLD, textColor=NAVY, fontSize=12,
                                leading=15, spaceAfter=0)
        self.cover_title = _style("PackTitle", "Title", fontSize=28, leading=34, spaceAfter=4)
        self.cover_marking = _style("PackMarking", "Marking", fontSize=18, leading=22)

    def heading(self, title: str) -> list[Flowable]:
        """A section heading that never sits alone at the foot of a page (a conditional page break is much
        cheaper to lay out than ``keepWithNext``)."""
        return [CondPageBreak(28 * mm), Paragraph(text(title), self.h2)]


def _table(header: Sequence[str], rows: list[list[Any]], widths: Sequence[float], *, right: Sequence[int] = (),
           extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A grid: navy header row repeated on every page, light zebra rows, rows that may split inside when one
    cell is taller than a page. User text sits in Paragraphs (they wrap); the header and fixed short values
    (dates, times, counts) are plain strings in the cell font, which lay out far faster."""
    table = Table([list(header), *rows], colWidths=list(widths), repeatRows=1, splitInRow=30, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("FONTNAME", (0, 1), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        *(("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, LIGHT]),
        *extra,
    ]))
    return table


def _box(content: list[Flowable], *, fill: colors.Color, line: colors.Color) -> Table:
    """A call-out: tinted, outlined, with a thick left rule."""
    table = Table([[content]], colWidths=[WIDTH], hAlign="LEFT", splitInRow=30)
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("BOX", (0, 0), (-1, -1), 1.2, line),
        ("LINEBEFORE", (0, 0), (0, -1), 4, line),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return table


def _kv(rows: list[tuple[str, str]], st: _Styles, label_width: float = 38 * mm) -> Table:
    data = [[k, Paragraph(text(v), st.value)] for k, v in rows]
    table = Table(data, colWidths=[label_width, WIDTH - label_width], hAlign="LEFT", splitInRow=30)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (0, -1), FONT_BOLD),
        ("FONTSIZE", (0, 0), (0, -1), 9),
        ("LEADING", (0, 0), (0, -1), 12),
        ("TEXTCOLOR", (0, 0), (0, -1), GREY),
        ("TOPPADDING", (0, 0), (0, -1), 4),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]))
    return table


# --------------------------------------------------------------------------------------------- flowables


@dataclass
class _Refs:
    """What only the finished layout knows: the page each item starts on and how many pages the ReportLab
    part has (papers follow it). Filled while drawing; read when the canvas saves."""

    paper_pages: int
    item_pages: dict[int, int] = field(default_factory=dict)  # 0 is the agenda
    body_pages: int = 0
    #: form name -> (item number, paper offset, width)
    forms: dict[str, tuple[int | None, int | None, float]] = field(default_factory=dict)

    def value(self, name: str) -> str:
        item, offset, _ = self.forms[name]
        if item is not None:
            return str(self.item_pages.get(item, "—"))
        return str(self.body_pages + (offset or 0) + 1)


class _PageRef(Flowable):
    """A page number only known once the whole pack is laid out: drawn as a form XObject that the canvas
    defines when it saves (right-aligned, table cell font)."""

    SIZE = 8.5

    def __init__(self, refs: _Refs, name: str, *, item: int | None = None, paper_offset: int | None = None) -> None:
        super().__init__()
        self.refs, self.name = refs, name
        refs.forms[name] = (item, paper_offset, 0.0)
        self.width, self.height = 0.0, 10.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        item, offset, _ = self.refs.forms[self.name]
        self.refs.forms[self.name] = (item, offset, avail_width)
        return avail_width, self.height

    def draw(self) -> None:
        self.canv.doForm(self.name)


class _Anchor(Flowable):
    """Records the page a section starts on (for the agenda's page column and the outline)."""

    def __init__(self, refs: _Refs, number: int) -> None:
        super().__init__()
        self.refs, self.number = refs, number
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.refs.item_pages[self.number] = self.canv.getPageNumber()


class _Checkpoint(Flowable):
    """Calls back once the content before it has been laid out (progress and cancellation per item)."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self.callback = callback
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.callback()


class _NoteLines(Flowable):
    """Ruled lines for the chair's notes in what is left of the page (up to six); nothing when fewer than
    three fit, so the notes never push an item onto an extra page."""

    GAP = 8 * mm

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label, self.lines = label, 0
        self.width: float = 0
        self.height: float = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.lines = min(6, int((avail_height - 10 * mm) // self.GAP))
        if self.lines < 3:
            self.lines, self.height = 0, 0
        else:
            self.height = 10 * mm + self.lines * self.GAP
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if not self.lines:
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(0, self.height - 7 * mm, self.label)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        for line in range(1, self.lines + 1):
            y = self.height - 8 * mm - line * self.GAP
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def _pack_canvas(marking: str, footer: str, refs: _Refs) -> type[rl_canvas.Canvas]:
    """``base.numbered_canvas`` where N also counts the appended papers, and the deferred page numbers
    (agenda, papers tables) are defined once the layout is complete."""

    def body_done(pages: int) -> None:
        refs.body_pages = pages

    def define_page_numbers(canvas: rl_canvas.Canvas) -> None:
        for name, (_, _, width) in refs.forms.items():
            canvas.beginForm(name, 0, 0, max(width, 1), _PageRef.SIZE * 1.25)
            canvas.setFont(FONT, _PageRef.SIZE)
            canvas.drawRightString(width, 1.2, refs.value(name))
            canvas.endForm()

    return numbered_canvas(marking, footer, extra_pages=refs.paper_pages, before_pages=body_done,
                           after_pages=define_page_numbers)


# --------------------------------------------------------------------------------------------- papers


def _error_page(paper: Attached) -> Any:
    """A one-page PDF saying why a paper is missing (stamped like any appended page)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN + 6 * mm, bottomMargin=MARGIN + 6 * mm)
    label = paper.filename or paper.title or "(no name)"
    doc.build([
        markup(f"{paper.number}. {text(paper.title or paper.filename or 'Paper')}", "H1"),
        _box([markup(f"Paper <b>{text(label)}</b> could not be included: {text(paper.error)}.", "Body"),
              markup("Ask the presenter for a readable copy before the meeting. The rest of the pack is "
                     "complete.", "Small")], fill=AMBER_FILL, line=AMBER_LINE),
    ])
    return PdfReader(io.BytesIO(buffer.getvalue())).pages[0]


# --------------------------------------------------------------------------------------------- the story


@dataclass(frozen=True)
class _Entry:
    number: int
    item: PackItem
    start: dt.time | None
    papers: tuple[Attached, ...] = ()


def _schedule(pack: MeetingPack) -> list[tuple[PackItem, dt.time | None]]:
    """Items in agenda order with their start times: as given, else after the previous item (worked out on
    the full agenda, so leaving items out never moves the others)."""
    out: list[tuple[PackItem, dt.time | None]] = []
    previous: tuple[dt.time, int] | None = None
    for item in sorted(pack.items, key=lambda i: i.number):
        start = item.start_time
        if start is None:
            if previous is not None:
                start = _add_minutes(*previous)
            elif not out:
                start = pack.start_time
        out.append((item, start))
        previous = (start, max(item.duration_minutes, 0)) if start is not None else None
    return out


def _attendance(member: PackMember) -> str:
    value = _line(member.attendance)
    return value[:1].upper() + value[1:] if value else "—"


def _cover(pack: MeetingPack, marking: str, entries: list[_Entry], st: _Styles, excluded: int) -> list[Flowable]:
    story: list[Flowable] = []
    logo = base_logo(pack.logo_png)
    if logo is not None:
        story += [logo, Spacer(1, 4 * mm)]
    story += [Paragraph(text(pack.partnership), st.cover_org), Spacer(1, 16 * mm),
              Paragraph(text(pack.kind_label or "Meeting"), st.cover_title),
              markup(f"Meeting pack &middot; {text(_long_date(pack.meeting_date))}", "Subtitle"),
              Spacer(1, 4 * mm)]
    handling = markup("Contains information about children and families. Share only with panel members; store "
                      "securely and destroy printed copies after the meeting.", "Small")
    # The partnership may choose no marking (its setting "none"): the handling note still shows.
    story += [_box([Paragraph(text(marking), st.cover_marking), handling] if marking else [handling],
                   fill=RED_FILL, line=RED), Spacer(1, 6 * mm)]

    when = _long_date(pack.meeting_date)
    if pack.start_time is not None:
        when += f", {_clock_time(pack.start_time)}"
    details = [("Meeting reference", pack.reference or "—"), ("Date and time", when)]
    if pack.place:
        details.append(("Place", pack.place))
    if pack.online_link:
        details.append(("Join online", pack.online_link))
    if not pack.place and not pack.online_link:
        details.append(("Place", "To be confirmed"))
    details.append(("Chair", pack.chair or "To be confirmed"))
    agenda = _plural(len(entries), "item")
    if excluded:
        agenda += f" ({_plural(excluded, 'confidential item')} not included in this copy)"
    details.append(("Agenda", agenda))
    story.append(_kv(details, st))

    story += st.heading("Membership and attendance")
    if pack.members:
        rows: list[list[Any]] = []
        for member in pack.members:
            attendance = _attendance(member)
            away = attendance.lower() in ("apologies", "absent")
            rows.append([para(member.name, "Cell"), para(member.agency, "Cell"), para(member.role, "Cell"),
                         para(attendance, "CellBold" if away else "Cell")])
        story.append(_table(("Name", "Agency", "Role", "Attendance"), rows,
                            [52 * mm, 48 * mm, 44 * mm, WIDTH - 144 * mm]))
        apologies = [m for m in pack.members if _line(m.attendance).lower() == "apologies"]
        if apologies:
            story += [Spacer(1, 2 * mm), markup("<b>Apologies:</b> " + "; ".join(
                f"{text(_line(m.name))} ({text(_line(m.agency))})" for m in apologies), "Small")]
    else:
        story.append(para("No members are recorded for this meeting.", "Small"))
    if pack.quorate:
        verdict = ("<b>Quorate:</b> the local authority, the police and the integrated care board (ICB) are "
                   "each represented.")
    else:
        verdict = ("<b>Not quorate:</b> the local authority, the police and the integrated care board (ICB) "
                   "must each be represented. The chair should confirm attendance before decisions are taken.")
    story += [Spacer(1, 3 * mm), _box([markup(verdict, "Body")], fill=LIGHT if pack.quorate else AMBER_FILL,
                                      line=NAVY if pack.quorate else AMBER_LINE)]
    prepared = "Prepared"
    if pack.prepared_by:
        prepared += f" by {_line(pack.prepared_by)}"
    if pack.prepared_on is not None:
        prepared += f" on {_long_date(pack.prepared_on)}"
    if prepared != "Prepared":
        story += [Spacer(1, 6 * mm), para(prepared + ".", "Small")]
    return story


def _agenda(pack: MeetingPack, entries: list[_Entry], refs: _Refs, st: _Styles, *,
            excluded_confidential: bool = False) -> list[Flowable]:
    heading = _long_date(pack.meeting_date)
    if pack.start_time is not None:
        heading += f", {_clock_time(pack.start_time)}"
    if pack.place:
        heading += f" · {_line(pack.place)}"
    story: list[Flowable] = [PageBreak(), _Anchor(refs, 0), para("Agenda", "H1"), para(heading, "Subtitle")]
    rows: list[list[Any]] = []
    extra: list[tuple[Any, ...]] = []
    for row, entry in enumerate(entries, start=1):
        item = entry.item
        lines = [f"<b>{text(item.title or 'Untitled item')}</b>"]
        detail = []
        if item.kind == "case":
            if item.case_reference:
                detail.append(f"Case {text(item.case_reference)}")
            if item.pseudonym:
                detail.append(text(item.pseudonym))
        elif item.kind == "standing":
            detail.append("Standing item")
            if item.shows_actions:
                detail.append(text(_actions_summary(_kept_actions(pack, excluded_confidential))))
        if entry.papers:
            detail.append(_plural(len(entry.papers), "paper"))
        if detail:
            lines.append(f'<font size="7.5" color="#5a5a5a">{" · ".join(detail)}</font>')
        if item.confidential:
            lines.append('<font size="7.5" color="#a61b1b"><b>CONFIDENTIAL ITEM</b></font>')
            extra.append(("LINEBEFORE", (0, row), (0, row), 3, RED))
        rows.append([str(entry.number), _clock_time(entry.start),
                     markup("<br/>".join(lines), "Cell"), para(item.presenter or "—", "Cell"),
                     str(item.duration_minutes) if item.duration_minutes > 0 else "—",
                     _PageRef(refs, f"agenda{entry.number}", item=entry.number)])
    if not entries:
        rows.append(["", "", "No items.", "", "", ""])
    story.append(_table(("No.", "Time", "Item", "Presenter", "Mins", "Page"), rows,
                        [11 * mm, 15 * mm, WIDTH - 101 * mm, 48 * mm, 13 * mm, 14 * mm], right=(4, 5),
                        extra=[("FONTNAME", (0, 1), (0, -1), FONT_BOLD), *extra]))
    last = entries[-1] if entries else None
    if last is not None and last.start is not None and last.item.duration_minutes > 0:
        close = _add_minutes(last.start, last.item.duration_minutes)
        story += [Spacer(1, 3 * mm), para(f"Expected close: {_clock_time(close)}.", "Small")]
    return story


def _prose(value: str, style: str = "Body") -> list[Flowable]:
    return [para(block, style) for block in _blocks(value)]


_SETTLED = ("met", "complete", "closed", "stopped", "paused", "done", "sent", "not required")


def _clock_row(clock: PackClock, meeting: dt.date) -> tuple[list[Any], str]:
    """Cells for one clock and its tone: red when overdue, amber when due soon or by the meeting. The
    state text says so too; the colour only repeats it."""
    lowered = _line(clock.state).lower()
    if clock.tone is not None:
        tone = clock.tone
    elif "overdue" in lowered or "missed" in lowered:
        tone = "red"
    elif any(w in lowered for w in ("due soon", "due today", "due tomorrow")) or (
            clock.due is not None and clock.due <= meeting and not any(w in lowered for w in _SETTLED)):
        tone = "amber"
    else:
        tone = ""
    label = f"<b>{text(clock.label or 'Clock')}</b>"
    if clock.statutory:
        label += '<br/><font size="7.5" color="#5a5a5a">statutory</font>'
    state = text(clock.state or "—")
    colour = {"red": "#a61b1b", "amber": "#8a5300"}.get(tone)
    if colour:
        state = f'<font color="{colour}"><b>{state}</b></font>'
    return [markup(label, "Cell"), _short_date(clock.due), markup(state, "Cell")], tone


def _by_date(dates: Sequence[tuple[str, dt.date | None]]) -> list[tuple[str, dt.date | None]]:
    """Key dates in date order; events on the same day keep the order given; dates not yet known last."""
    return sorted(dates, key=lambda pair: (pair[1] is None, pair[1] or dt.date.min))


def _kept_actions(pack: MeetingPack, exclude_confidential: bool) -> list[PackAction]:
    return [a for a in pack.actions if not (exclude_confidential and a.confidential)]


def _last_minutes(pack: MeetingPack, exclude_confidential: bool, st: _Styles) -> list[Flowable]:
    """The previous meeting's minutes and decisions, item by item (confidential items left out of a copy
    without them, saying so)."""
    previous = pack.previous
    if previous is None:
        story = st.heading("Minutes of the last meeting")
        return [*story, para(f"No earlier {_line(pack.kind_label) or 'meeting'} is recorded: there are no minutes "
                             "to agree.", "Small")]
    story = st.heading(f"Minutes of the last meeting: {_line(previous.reference)}, "
                       f"{_long_date(previous.meeting_date)}")
    shown = [m for m in previous.items if not (exclude_confidential and m.confidential)]
    left_out = len(previous.items) - len(shown)
    if previous.notes.strip():
        story += _prose(previous.notes)
    for minute in shown:
        title = f"<b>{minute.number}. {text(minute.title or 'Untitled item')}</b>"
        if minute.confidential:
            title += ' <font size="7.5" color="#a61b1b"><b>CONFIDENTIAL</b></font>'
        block: list[Flowable] = [markup(title, "Body")]
        block += _prose(minute.minutes)
        if minute.decision.strip():
            block.append(markup(f"<b>Decision:</b> {text(minute.decision.strip())}", "Body"))
        story += [KeepTogether(block[:2]), *block[2:]] if len(block) > 1 else block
    if not shown and not previous.notes.strip():
        story.append(para("No minutes or decisions were recorded for that meeting.", "Small"))
    if left_out:
        story.append(para(f"{_plural(left_out, 'confidential item')} left out of this copy.", "Small"))
    return story


def _actions_summary(actions: Sequence[PackAction]) -> str:
    overdue = sum(1 for a in actions if a.overdue)
    return _plural(len(actions), "open action") + (f", {overdue} overdue" if overdue else "")


def _action_state(action: PackAction, meeting: dt.date) -> tuple[str, str]:
    """The action's state in words (the colour only repeats it) and its tone."""
    if action.overdue:
        days = action.days_overdue or 0
        return f"Overdue by {_plural(days, 'day')}", "red"
    if action.due is None:
        return "Open, no due date", ""
    if action.due <= meeting:
        return "Due by this meeting", "amber"
    return "Open", ""


def _actions_log(pack: MeetingPack, exclude_confidential: bool, st: _Styles) -> list[Flowable]:
    """Every open action from earlier meetings of this kind, soonest due first, overdue ones marked."""
    actions = _kept_actions(pack, exclude_confidential)
    left_out = len(pack.actions) - len(actions)
    story = st.heading("Actions log")
    if not actions:
        story.append(para(f"No open actions from earlier {_line(pack.kind_label) or 'meeting'} meetings.", "Small"))
    else:
        as_of = f" as at {_long_date(pack.prepared_on)}" if pack.prepared_on else ""
        story.append(para(f"{_actions_summary(actions)}{as_of}.", "Small"))
        rows: list[list[Any]] = []
        extra: list[tuple[Any, ...]] = []
        for row, action in enumerate(actions, start=1):
            state, tone = _action_state(action, pack.meeting_date)
            colour = {"red": "#a61b1b", "amber": "#8a5300"}.get(tone)
            shown = f'<font color="{colour}"><b>{text(state)}</b></font>' if colour else text(state)
            raised = f"{text(action.raised_reference)}<br/>{text(_short_date(action.raised_on))}"
            what = f"<b>{text(action.description)}</b>"
            if action.item_title:
                what += f'<br/><font size="7.5" color="#5a5a5a">{text(action.item_title)}</font>'
            rows.append([markup(what, "Cell"), para(action.owner or "—", "Cell"), _short_date(action.due),
                         markup(raised, "Cell"), markup(shown, "Cell")])
            if tone:
                extra.append(("LINEBEFORE", (0, row), (0, row), 3, RED if tone == "red" else AMBER_LINE))
        story.append(_table(("Action", "Owner", "Due", "Raised at", "Status"), rows,
                            [WIDTH - 116 * mm, 28 * mm, 30 * mm, 30 * mm, 28 * mm], extra=extra))
    if left_out:
        story.append(para(f"{_plural(left_out, 'action')} from confidential items left out of this copy.", "Small"))
    return story


def _item_section(pack: MeetingPack, entry: _Entry, count: int, refs: _Refs, st: _Styles, *,
                  exclude_confidential: bool = False) -> list[Flowable]:
    item, number = entry.item, entry.number
    story: list[Flowable] = [PageBreak(), _Anchor(refs, number)]
    when = [f"Item {number} of {count}"]
    if entry.start is not None:
        span = _clock_time(entry.start)
        if item.duration_minutes > 0:
            span += f"–{_clock_time(_add_minutes(entry.start, item.duration_minutes))}"
        when.append(span)
    if item.duration_minutes > 0:
        when.append(f"{item.duration_minutes} minutes")
    if item.presenter:
        when.append(f"Presenter: {_line(item.presenter)}")
    story += [para(" · ".join(when), "Small"), markup(f"{number}. {text(item.title or 'Untitled item')}", "H1")]
    if item.confidential:
        story += [_box([markup("<b>CONFIDENTIAL ITEM</b> — restricted to panel members. Do not copy or discuss "
                               "outside the meeting.", "Body")], fill=RED_FILL, line=RED), Spacer(1, 3 * mm)]
    if item.warning:
        story += [_box([markup("<b>⚠ Attention</b>", "Body"), *_prose(item.warning)], fill=AMBER_FILL,
                       line=AMBER_LINE), Spacer(1, 3 * mm)]

    facts = [(k, v) for k, v in (("Case reference", item.case_reference), ("Child (pseudonym)", item.pseudonym))
             if v]
    if facts:
        story.append(_kv(facts, st))
    if item.summary:
        story += st.heading("Case summary" if item.kind == "case" else "Summary")
        story += _prose(item.summary)

    if item.shows_minutes:
        story += _last_minutes(pack, exclude_confidential, st)
    if item.shows_actions:
        story += _actions_log(pack, exclude_confidential, st)

    if item.key_dates:
        story += st.heading("Key dates")
        rows: list[list[Any]] = [[_short_date(day), para(label, "Cell")] for label, day in _by_date(item.key_dates)]
        story.append(_table(("Date", "Event"), rows, [34 * mm, WIDTH - 34 * mm]))

    if item.clocks:
        story += st.heading("Clocks")
        rows = []
        extra: list[tuple[Any, ...]] = []
        for row, clock in enumerate(item.clocks, start=1):
            cells, tone = _clock_row(clock, pack.meeting_date)
            rows.append(cells)
            if tone:
                extra.append(("LINEBEFORE", (0, row), (0, row), 3, RED if tone == "red" else AMBER_LINE))
        story.append(_table(("Clock", "Due", "State"), rows, [WIDTH - 96 * mm, 34 * mm, 62 * mm], extra=extra))

    agencies = list(dict.fromkeys([*item.agencies, *item.summaries_in, *item.summaries_outstanding]))
    if agencies:
        story += st.heading("Agencies and their summaries")
        received, outstanding = set(item.summaries_in), set(item.summaries_outstanding)
        rows = []
        extra = []
        for row, agency in enumerate(agencies, start=1):
            if agency in received:
                status = "Received"
            elif agency in outstanding:
                status = "Outstanding"
                extra += [("FONTNAME", (1, row), (1, row), FONT_BOLD), ("TEXTCOLOR", (1, row), (1, row), AMBER_TEXT)]
            else:
                status = "Not requested"
            rows.append([para(agency, "Cell"), status])
        story.append(_table(("Agency", "Summary of involvement"), rows, [WIDTH - 60 * mm, 60 * mm], extra=extra))
        note = (f"{sum(1 for a in agencies if a in received)} of {len(agencies)} "
                f"{'summary' if len(agencies) == 1 else 'summaries'} received.")
        waiting = [_line(a) for a in agencies if a in outstanding and a not in received]
        if waiting:
            note += " Outstanding: " + "; ".join(waiting) + "."
        story += [Spacer(1, 2 * mm), para(note, "Small")]

    if item.questions:
        story += st.heading("Questions for the panel")
        story += _prose(item.questions)

    if item.decision_options:
        ticks = Table([["☐", para(option)] for option in item.decision_options],
                      colWidths=[9 * mm, WIDTH - 9 * mm], hAlign="LEFT", splitInRow=30)
        ticks.setStyle(TableStyle([("FONTNAME", (0, 0), (0, -1), FONT), ("FONTSIZE", (0, 0), (0, -1), 13),
                                   ("LEADING", (0, 0), (0, -1), 14),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        # The options stay together with their heading (a long list still splits: KeepTogether allows it).
        story.append(KeepTogether([Paragraph("Decision", st.h2), ticks]))

    if entry.papers:
        story += st.heading("Papers")
        rows = []
        for index, paper in enumerate(entry.papers, start=1):
            title = f"<b>{text(paper.title or paper.filename or 'Paper')}</b>"
            if paper.error:
                title += f'<br/><font size="7.5" color="#a61b1b">Could not be included: {text(paper.error)}</font>'
            rows.append([markup(title, "Cell"), para(paper.filename or "—", "Cell"),
                         "—" if paper.error else str(len(paper.pages)),
                         _PageRef(refs, f"paper{number}_{index}", paper_offset=paper.offset)])
        story.append(_table(("Paper", "File", "Pages", "Page"), rows, [WIDTH - 92 * mm, 60 * mm, 16 * mm, 16 * mm],
                            right=(2, 3)))
    elif item.kind == "case":
        story += [Spacer(1, 3 * mm), para("No papers are attached to this item.", "Small")]

    if item.decision_options:
        story.append(_NoteLines("Decision and rationale (recorded by the chair)"))
    return story


# --------------------------------------------------------------------------------------------- output


def build_meeting_pack(pack: MeetingPack, out: str | Path | IO[bytes], *, exclude_confidential: bool = False,
                       progress: Callable[[int, int], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> PackResult:
    """Write the meeting pack PDF to ``out``: a path (written to a temporary file beside it, then moved into
    place) or a binary stream (written once, when the whole pack is ready).

    ``exclude_confidential`` leaves confidential items out everywhere and renumbers the rest (times stay as
    scheduled). ``progress(done, total)`` is called per item and per paper; ``cancelled()`` is checked between
    them and raises ``PackCancelled``, with nothing written."""
    register_fonts()
    st = _Styles()
    marking = _line(pack.marking)  # "" when the partnership chose no marking; services default it
    meeting = " ".join(p for p in (_line(pack.kind_label), _line(pack.reference)) if p)
    footer = " · ".join(p for p in (meeting, _short_date(pack.meeting_date), _line(pack.partnership)) if p)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise PackCancelled("The meeting pack was cancelled.")

    check()
    schedule = _schedule(pack)
    kept = [(item, start) for item, start in schedule if not (exclude_confidential and item.confidential)]
    excluded = len(schedule) - len(kept)

    # Papers are parsed first: their page count is part of every "of N".
    entries: list[_Entry] = []
    offset = 0
    for number, (item, start) in enumerate(kept, start=1):
        papers = []
        for paper in item.papers:
            pages, sizes, error = load_paper(paper.content)
            papers.append(Attached(number, _line(paper.title), _line(paper.filename), offset, pages, sizes, error))
            offset += len(pages) or 1
        entries.append(_Entry(number, item, start, tuple(papers)))
    all_papers = [paper for entry in entries for paper in entry.papers]
    steps, done = len(entries) + len(all_papers), 0

    def step() -> None:
        nonlocal done
        check()
        done += 1
        if progress is not None:
            progress(done, steps)

    # The ReportLab part: cover, agenda, one section per item.
    refs = _Refs(paper_pages=offset)
    story = _cover(pack, marking, entries, st, excluded) + _agenda(pack, entries, refs, st,
                                                                    excluded_confidential=exclude_confidential)
    for entry in entries:
        story += _item_section(pack, entry, len(entries), refs, st, exclude_confidential=exclude_confidential)
        story.append(_Checkpoint(step))
    title = f"{meeting or 'Meeting'} — meeting pack, {_long_date(pack.meeting_date)}"
    subject = f"Meeting pack for the {_line(pack.kind_label) or 'meeting'} on {_long_date(pack.meeting_date)}"
    if excluded:
        subject += " (confidential items excluded)"
    body = io.BytesIO()
    doc = BaseDocTemplate(body, pagesize=PAGE_SIZE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN + 4 * mm, title=title, author=_line(pack.partnership),
                          subject=subject, creator="scpdesk", lang="en-GB", pageCompression=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[
        Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")])])
    doc.build(story, canvasmaker=_pack_canvas(marking, footer, refs))
    check()
    writer = PdfWriter(clone_from=PdfReader(body))
    for page in writer.pages:  # laid out uncompressed: zlib here is far cheaper than ReportLab's ASCII85
        page.compress_content_streams()
    body_pages = refs.body_pages
    total = body_pages + offset

    # The papers: every page stamped with the marking and its number, in item order (pack_merge.py).
    starts = append_papers(writer, all_papers, total=total, marking=marking, footer=footer, error_page=_error_page,
                           step=step)

    # Outline: cover, agenda, each item with its papers beneath it; metadata.
    writer.add_outline_item(title="Cover and attendance", page_number=0)
    writer.add_outline_item(title="Agenda", page_number=refs.item_pages.get(0, 1) - 1)
    for entry in entries:
        label = f"{entry.number}. {_line(entry.item.title) or 'Untitled item'}"
        if entry.item.confidential:
            label += " (confidential)"
        parent = writer.add_outline_item(title=label, page_number=refs.item_pages.get(entry.number, 1) - 1)
        for attached, page_index in starts.get(entry.number, []):
            writer.add_outline_item(title=attached.title or attached.filename or "Paper", page_number=page_index,
                                    parent=parent)
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": title, "/Author": _line(pack.partnership), "/Subject": subject,
                         "/Keywords": ", ".join(x for x in (marking, "meeting pack") if x), "/Creator": "scpdesk",
                         "/Producer": "scpdesk (ReportLab, pypdf)"})
    writer.root_object[NameObject("/Lang")] = TextStringObject("en-GB")
    writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    check()
    write_pdf(out, writer)
    return PackResult(pages=total, items=len(entries))

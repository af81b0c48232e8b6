"""What every scpdesk PDF shares: the Unicode font family, the one escaping helper for Paragraph markup, the
page template (protective marking at the top and bottom of every page, "Page n of N"), metadata, bookmarks
and the styles. Documents are built from plain values (DTOs), never from a database session.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFObjectReference
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate, Paragraph

FONT_DIR = Path(__file__).with_name("fonts")
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_SIZE = A4
MARGIN = 18 * mm
NAVY = colors.HexColor("#1f3a5f")
GREY = colors.HexColor("#5a5a5a")
LIGHT = colors.HexColor("#e8eef5")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


@cache
def register_fonts() -> str:
    """Register the bundled DejaVu Sans family (Welsh ŵ and ŷ, and most scripts, are outside the built-in
    Latin-1 fonts). Returns the family name."""
    faces = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf",
             f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    for name, filename in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=f"{FONT}-Oblique",
                                  boldItalic=f"{FONT}-BoldOblique")
    return FONT


def text(value: object) -> str:
    """THE escaping helper: any user string becomes safe Paragraph markup (``<``, ``>``, ``&`` escaped, so no
    tag such as ``<img src="file:…">`` can be injected); newlines become ``<br/>``."""
    if value is None:
        return ""
    raw = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # Control characters other than newline and tab cannot appear in PDF text.
    raw = _CONTROL.sub("", raw)
    return escape(raw).replace("\n", "<br/>")


def date_text(value: dt.date | None, *, weekday: bool = False) -> str:
    if value is None:
        return "—"
    return value.strftime("%a %d %b %Y" if weekday else "%d %B %Y").lstrip("0")


@cache
def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    base = ParagraphStyle("Body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=5)
    sheet.add(base)
    sheet.add(ParagraphStyle("Small", parent=base, fontSize=8.5, leading=11, textColor=GREY))
    sheet.add(ParagraphStyle("Cell", parent=base, fontSize=8.5, leading=10.5, spaceAfter=0))
    sheet.add(ParagraphStyle("CellBold", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=10.5,
                             spaceAfter=0))
    sheet.add(ParagraphStyle("Title", parent=base, fontName=FONT_BOLD, fontSize=22, leading=27,
                             textColor=NAVY, spaceAfter=10))
    sheet.add(ParagraphStyle("Subtitle", parent=base, fontSize=13, leading=17, textColor=GREY, spaceAfter=14))
    sheet.add(ParagraphStyle("H1", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, textColor=NAVY,
                             spaceBefore=6, spaceAfter=8))
    sheet.add(ParagraphStyle("H2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15, textColor=NAVY,
                             spaceBefore=8, spaceAfter=4))
    sheet.add(ParagraphStyle("Marking", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11,
                             alignment=TA_CENTER, textColor=colors.HexColor("#a61b1b")))
    return sheet


def para(value: object, style: str = "Body") -> Paragraph:
    """A Paragraph of user text (escaped)."""
    return Paragraph(text(value), styles()[style])


def markup(trusted: str, style: str = "Body") -> Paragraph:
    """A Paragraph of markup written by the code itself; any user text inside must come through ``text()``."""
    return Paragraph(trusted, styles()[style])


class Bookmark(Flowable):
    """An invisible flowable that adds an outline entry (a PDF bookmark) where it lands, opening the view there.

    ``numbered_canvas`` holds every page back until the end (to print "Page n of N"), so while the story is
    drawn the PDF still believes it is on its first page; the pages are later written in order as "Page1",
    "Page2"…, so the destination is pointed at the page being drawn."""

    def __init__(self, title: str, key: str, level: int = 0, *, above: float = 0) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level
        self.above = above  # how far above this point the view should start (e.g. a heading's height)
        self.width = self.height = 0

    def draw(self) -> None:
        _x, top = self.canv.absolutePosition(0, 0)
        dest = self.canv.bookmarkPage(self.key, fit="XYZ", left=0, top=round(top + self.above + 8, 1))
        dest.setPage(PDFObjectReference(f"Page{self.canv.getPageNumber()}"))
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)


def numbered_canvas(marking: str, footer_left: str, page_size: tuple[float, float] = PAGE_SIZE, *,
                    extra_pages: int = 0,
                    before_pages: Callable[[int], None] | None = None,
                    after_pages: Callable[[rl_canvas.Canvas], None] | None = None) -> type[rl_canvas.Canvas]:
    """A canvas class that, once every page is known, writes the marking and "Page n of N" on each page.

    ``extra_pages``: pages appended later (a pack's papers) that N must count. ``before_pages(body_pages)`` is
    called once the layout is complete; ``after_pages(canvas)`` after the pages are written (e.g. to define
    forms whose text only the finished layout knows)."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            if before_pages is not None:
                before_pages(len(self._pages))
            total = len(self._pages) + extra_pages
            for state in self._pages:
                self.__dict__.update(state)
                decorate_page(self, self._pageNumber, total, marking, footer_left, page_size)
                super().showPage()
            if after_pages is not None:
                after_pages(self)
            super().save()

    return NumberedCanvas


def fit(value: str, font: str, size: float, width: float) -> str:
    """Cut a canvas string to ``width`` points, with an ellipsis."""
    if pdfmetrics.stringWidth(value, font, size) <= width:
        return value
    while value and pdfmetrics.stringWidth(value + "…", font, size) > width:
        value = value[: len(value) - max(1, len(value) // 20)]
    return value + "…" if value else ""


#: How many lines a footer may take, and the distance between them.
FOOTER_LINES = 2
FOOTER_LEADING = 10
_SEPARATOR = re.compile(r"( · | — )")


def footer_lines(value: str, font: str, size: float, width: float, max_lines: int = FOOTER_LINES) -> list[str]:
    """A footer laid out in at most ``max_lines`` lines of ``width`` points, never cut inside a word.

    The rule: one line when it fits; else the footer's parts (separated by " · " or " — ") are kept whole,
    one after another, so a partnership's name stays in one piece; else it wraps between words. Only when
    even that needs more lines is the last line ended with "…" after a whole word (a single word wider than a
    whole line, which no real name has, is the one thing ever cut)."""
    words_of = " ".join(value.split())
    if not words_of:
        return []

    def fits(line: str) -> bool:
        return pdfmetrics.stringWidth(line, font, size) <= width

    if fits(words_of):
        return [words_of]
    pieces = _SEPARATOR.split(words_of)
    parts = [pieces[0]] + [pieces[i] + pieces[i + 1] for i in range(1, len(pieces) - 1, 2)]
    lines: list[str] = []
    for part in parts:
        if lines and fits(lines[-1] + part):
            lines[-1] += part
        else:
            lines.append(part.removeprefix(" · ").removeprefix(" — ").strip() if lines else part)
    if len(lines) <= max_lines and all(fits(line) for line in lines):
        return lines
    lines = []
    for word in words_of.split(" "):
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    if len(lines) <= max_lines and all(fits(line) for line in lines):
        return lines
    kept = [fit(line, font, size, width) for line in lines[:max_lines]]  # a word wider than a line is cut
    last = kept[-1].split(" ")
    rest = last[:]
    while len(rest) > 1 and not fits(" ".join(rest) + " …"):
        rest.pop()
    kept[-1] = " ".join(rest) + " …" if fits(" ".join(rest) + " …") else fit(kept[-1], font, size, width)
    return kept


def footer_room(page_width: float, total: int) -> float:
    """The width the footer's left text may take beside "Page n of N"."""
    return page_width - 2 * MARGIN - pdfmetrics.stringWidth(f"Page {total} of {total}", FONT, 8) - 6 * mm


def decorate_page(canvas: rl_canvas.Canvas, number: int | None, total: int, marking: str, footer_left: str,
                  page_size: tuple[float, float] = PAGE_SIZE) -> None:
    """The marking centred at the top and bottom, the footer text (wrapped to two lines by
    ``footer_lines``) and "Page n of N" (also used to stamp appended papers; ``number`` None: no label, which
    the pack's stamps add page by page)."""
    width, height = page_size
    register_fonts()
    canvas.saveState()
    if marking:
        canvas.setFont(FONT_BOLD, 9)
        canvas.setFillColor(colors.HexColor("#a61b1b"))
        canvas.drawCentredString(width / 2, height - 10 * mm, marking)
        canvas.drawCentredString(width / 2, 7 * mm, marking)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(GREY)
    lines = footer_lines(footer_left, FONT, 8, footer_room(width, total))
    for index, line in enumerate(lines):
        canvas.drawString(MARGIN, 12 * mm + (len(lines) - 1 - index) * FOOTER_LEADING, line)
    if number is not None:
        canvas.drawRightString(width - MARGIN, 12 * mm, f"Page {number} of {total}")
    canvas.restoreState()


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata: title, author (the partnership), subject, keywords (e.g. themes), language."""

    title: str
    author: str
    subject: str
    keywords: Sequence[str] = field(default_factory=tuple)
    lang: str = "en-GB"
    creator: str = "scpdesk"


#: Called after each flowable is laid out: (the flowable, its page number, the frame's y below it).
AfterFlowable = Callable[[Flowable, int, float], None]


def build(path_or_buffer: Any, story: list[Flowable], info: DocumentInfo, *, marking: str,
          footer: str = "", page_size: tuple[float, float] = PAGE_SIZE,
          after_flowable: AfterFlowable | None = None) -> None:
    """Build a document with the shared page template; two passes are not needed (the canvas counts).
    ``after_flowable`` sees where each flowable landed (a document can then adjust its page breaks)."""
    register_fonts()

    class Document(BaseDocTemplate):
        def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
            if after_flowable is not None and self.frame is not None:  # a page break has no frame yet
                after_flowable(flowable, self.page, self.frame._y)

    doc = Document(path_or_buffer, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN,
                   topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm, title=info.title, author=info.author,
                   subject=info.subject, keywords=list(info.keywords), creator=info.creator,
                   lang=info.lang)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(marking, footer or info.title, page_size))


def logo(png: bytes | None, *, max_width: float = 45 * mm, max_height: float = 22 * mm) -> Flowable | None:
    """The partnership's logo (PNG or JPEG bytes) scaled to fit, or None: a broken image never stops a
    document, which then prints without it."""
    if not png:
        return None
    try:
        width, height = ImageReader(io.BytesIO(png)).getSize()
        scale = min(max_width / width, max_height / height)
        return Image(io.BytesIO(png), width * scale, height * scale, hAlign="LEFT")
    except Exception:  # noqa: BLE001 - any decoding failure: print without the logo
        return None


def paragraphs(values: Iterable[object], style: str = "Body") -> list[Paragraph]:
    return [para(v, style) for v in values if v not in (None, "")]

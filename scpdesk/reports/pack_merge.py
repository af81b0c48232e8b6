"""The meeting pack's merge-and-stamp: the attached papers parsed once, appended after the ReportLab part, and
each of their pages stamped with the protective marking, the footer and "Page n of N"; then the whole written
to a file atomically. Knows nothing of what a meeting pack says (``meeting_pack.py`` lays that out).

The stamp costs little however many pages there are: what every page of one size shows (a white backing, the
marking top and bottom, the footer) is drawn once per page size with ReportLab and becomes one form XObject;
"Page n of N" is a small form per page written directly, in the embedded font's own encoding (the same glyphs,
at the same place, as ``base.decorate_page`` draws them). Nothing of a paper is decoded or parsed: its content
streams are kept as they are, bracketed by a shared ``q`` and a tail that restores the graphics state and draws
the stamp. A rotated page keeps its /Rotate; the tail's matrix turns the stamp upright as the page is shown.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from pypdf import PdfReader, PdfWriter
from pypdf.constants import PageAttributes
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    StreamObject,
)
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

from scpdesk.reports.base import (
    FONT,
    FONT_BOLD,
    FOOTER_LEADING,
    GREY,
    MARGIN,
    PAGE_SIZE,
    decorate_page,
    footer_lines,
    footer_room,
    register_fonts,
)

__all__ = ["Attached", "Stamps", "append_papers", "load_paper", "reason", "write_pdf"]

#: The label's font size and baseline, as ``base.decorate_page`` draws "Page n of N".
LABEL_SIZE, LABEL_Y = 8, 12 * mm


@dataclass
class Attached:
    """A paper as appended: where it sits in the pack, and its pages (empty when it cannot be read)."""

    number: int  # the item's number in this pack
    title: str
    filename: str
    offset: int  # its first page, counted from the first appended page (0-based)
    pages: list[Any]  # pypdf pages
    sizes: list[tuple[float, float]]  # their upright sizes
    error: str = ""


def reason(exc: BaseException) -> str:
    message = " ".join(str(exc).split())
    return (message[:300] + "…") if len(message) > 300 else (message or type(exc).__name__)


def _upright_size(page: Any) -> tuple[float, float]:
    """The size a reader sees: the crop box, turned when the page is rotated a quarter turn."""
    box = page.cropbox
    width, height = float(box.width), float(box.height)
    if width <= 0 or height <= 0:
        raise ValueError("a page has no size")
    return (height, width) if page.rotation % 180 else (width, height)


def load_paper(content: bytes) -> tuple[list[Any], list[tuple[float, float]], str]:
    """The paper's pages and their upright sizes, or why it cannot be read."""
    try:
        reader = PdfReader(io.BytesIO(content or b""), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - a paper is untrusted input; pypdf raises many types
                return [], [], f"it is encrypted and cannot be opened ({reason(exc)})"
            if not opened:
                return [], [], "it is protected by a password"
        pages = list(reader.pages)
        if not pages:
            return [], [], "it has no pages"
        return pages, [_upright_size(page) for page in pages], ""
    except Exception as exc:  # noqa: BLE001 - a paper is untrusted input; pypdf raises many types
        return [], [], reason(exc)


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


class Stamps:
    """The stamp of every appended page (see the module's note). ``sizes``: the upright page sizes to expect
    (every size a page to be stamped has, and the error page's)."""

    STATIC = NameObject("/ScpdeskStamp")
    LABEL = NameObject("/ScpdeskPage")

    def __init__(self, writer: PdfWriter, sizes: Sequence[tuple[float, float]], total: int, marking: str,
                 footer: str) -> None:
        register_fonts()
        self.writer, self.total, self.marking, self.footer = writer, total, marking, footer
        self.head = self._stream(b"q\n")
        self.tails: dict[tuple[float, ...], IndirectObject] = {}
        self.forms: dict[tuple[float, float], IndirectObject] = {}
        self.resources_of: dict[int, DictionaryObject] = {}
        self._draw(list(dict.fromkeys([*sizes, PAGE_SIZE])))

    # The ReportLab part: the static stamp of each size, and the glyphs the labels use ------------------------
    def _draw(self, sizes: list[tuple[float, float]]) -> None:
        buffer = io.BytesIO()
        # Uncompressed: ReportLab's pure-Python ASCII85 step costs more than the drawing (zlib is applied below).
        canvas = rl_canvas.Canvas(buffer, pagesize=PAGE_SIZE, pageCompression=0)
        self.label_width = pdfmetrics.stringWidth(f"Page {self.total} of {self.total}", FONT, LABEL_SIZE)
        mark_width = pdfmetrics.stringWidth(self.marking, FONT_BOLD, 9) + 8 if self.marking else 0
        for width, height in sizes:
            canvas.setPageSize((width, height))
            lines = footer_lines(self.footer, FONT, 8, footer_room(width, self.total))
            left_width = max((pdfmetrics.stringWidth(x, FONT, 8) for x in lines), default=-6) + 6
            # White backing behind the stamp, so it stays legible over the paper's own content.
            canvas.setFillColor(colors.white)
            if mark_width:
                canvas.rect(width / 2 - mark_width / 2, height - 10 * mm - 3, mark_width, 12.5, stroke=0, fill=1)
                canvas.rect(width / 2 - mark_width / 2, 7 * mm - 3, mark_width, 12.5, stroke=0, fill=1)
            if left_width > 0:
                canvas.rect(MARGIN - 3, 12 * mm - 3, left_width, 11 + (len(lines) - 1) * FOOTER_LEADING, stroke=0,
                            fill=1)
            canvas.rect(width - MARGIN - self.label_width - 3, 12 * mm - 3, self.label_width + 6, 11, stroke=0,
                        fill=1)
            decorate_page(canvas, None, self.total, self.marking, self.footer, page_size=(width, height))
            canvas.showPage()
        # Every character a label uses, in the label's font, so the embedded subset holds them all; and each
        # one's code and font name in this document (known only until it is saved).
        characters = f"Page 0123456789 of {self.total}"
        canvas.setFont(FONT, LABEL_SIZE)
        canvas.drawString(0, 0, characters)
        canvas.showPage()
        font = pdfmetrics.getFont(FONT)
        self.codes: dict[str, tuple[str, bytes]] = {}
        for character in set(characters):
            ((subset, code),) = font.splitString(character, canvas._doc)
            self.codes[character] = (font.getSubsetInternalName(subset, canvas._doc), code)
        canvas.save()
        reader = PdfReader(io.BytesIO(buffer.getvalue()))
        fonts = DictionaryObject()
        for page in reader.pages:  # one resources dictionary for every form, with every font used
            found = cast(DictionaryObject, page[PageAttributes.RESOURCES].get_object()).get("/Font")
            if found is not None:
                fonts.update(cast(DictionaryObject, found.get_object()))
        resources = DictionaryObject({NameObject("/Font"): fonts.clone(self.writer)})
        self.resources = self.writer._add_object(resources)  # pypdf has no public call for a new object
        self.pages = dict(zip(sizes, reader.pages, strict=False))
        red, green, blue = GREY.rgb()
        self.colour = f"{_number(red)} {_number(green)} {_number(blue)} rg"

    def _stream(self, data: bytes) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        return self.writer._add_object(stream)  # pypdf has no public call for a new object

    def _form(self, data: bytes, width: float, height: float) -> IndirectObject:
        source = DecodedStreamObject()
        source.set_data(data)
        form = source.flate_encode()  # zlib in C: cheap, unlike ReportLab's ASCII85 step
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): ArrayObject(FloatObject(v) for v in (0, 0, width, height)),
                     NameObject(PageAttributes.RESOURCES): self.resources})
        return self.writer._add_object(form)

    def static(self, size: tuple[float, float]) -> IndirectObject:
        """The form of what every page of this size shows."""
        form = self.forms.get(size)
        if form is None:
            page = self.pages[size]  # every size was announced (an error page's too)
            content = cast(StreamObject, page[PageAttributes.CONTENTS].get_object())
            form = self.forms[size] = self._form(content.get_data(), *size)
        return form

    def label(self, number: int, width: float, height: float) -> IndirectObject:
        """"Page n of N" right-aligned in the footer, as ``decorate_page`` draws it."""
        text = f"Page {number} of {self.total}"
        x = width - MARGIN - pdfmetrics.stringWidth(text, FONT, LABEL_SIZE)
        runs: list[tuple[str, bytes]] = []
        for character in text:
            name, code = self.codes[character]
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + code)
            else:
                runs.append((name, code))
        shown = " ".join(f"{name} {LABEL_SIZE} Tf <{codes.hex()}> Tj" for name, codes in runs)
        return self._form(f"q {self.colour} BT 1 0 0 1 {_number(x)} {_number(LABEL_Y)} Tm {shown} ET Q".encode(),
                          width, height)

    def stamp(self, page: Any, size: tuple[float, float], number: int) -> None:
        """Stamp ``page`` (a page of the writer, upright ``size``) as page ``number`` of the pack."""
        box = page.cropbox
        left, bottom, width, height = (float(box.left), float(box.bottom), float(box.width), float(box.height))
        rotation = page.rotation % 360
        matrix = {90: (0, 1, -1, 0, left + width, bottom), 180: (-1, 0, 0, -1, left + width, bottom + height),
                  270: (0, -1, 1, 0, left, bottom + height)}.get(rotation, (1, 0, 0, 1, left, bottom))
        tail = self.tails.get(matrix)
        if tail is None:
            cm = " ".join(_number(v) for v in matrix)
            tail = self.tails[matrix] = self._stream(f"Q\nq {cm} cm {self.STATIC} Do {self.LABEL} Do Q\n".encode())
        original = page.get(PageAttributes.RESOURCES)
        resources = DictionaryObject(original.get_object()) if original is not None else DictionaryObject()
        xobjects = resources.get("/XObject")
        xobjects = DictionaryObject(xobjects.get_object()) if xobjects is not None else DictionaryObject()
        xobjects[self.STATIC] = self.static(size)
        xobjects[self.LABEL] = self.label(number, *size)
        resources[NameObject("/XObject")] = xobjects
        page[NameObject(PageAttributes.RESOURCES)] = resources
        contents = page.get(PageAttributes.CONTENTS)
        if contents is None:
            streams: list[Any] = []
        elif isinstance(contents, IndirectObject) and isinstance(array := contents.get_object(), ArrayObject):
            streams = list(array)
        elif isinstance(contents, ArrayObject):
            streams = list(contents)
        elif isinstance(contents, IndirectObject):
            streams = [contents]
        else:  # a direct stream (not allowed, but seen): make it an object of its own
            streams = [self.writer._add_object(contents)]
        page[NameObject(PageAttributes.CONTENTS)] = ArrayObject([self.head, *streams, tail])


def append_papers(writer: PdfWriter, papers: Sequence[Attached], *, total: int, marking: str, footer: str,
                  error_page: Callable[[Attached], Any], step: Callable[[], None]
                  ) -> dict[int, list[tuple[Attached, int]]]:
    """Append every paper's pages after the writer's pages, each stamped as page n of ``total``; a paper that
    cannot be read, or a page that fails while stamped, becomes ``error_page(paper)`` (so the page count the
    body promised holds). ``step()`` after each paper (progress, cancellation). Returns, per item number, each
    paper with the index of its first page."""
    for paper in papers:
        if not paper.pages:
            paper.pages, paper.sizes = [error_page(paper)], [PAGE_SIZE]
    starts: dict[int, list[tuple[Attached, int]]] = {}
    if not papers:
        return starts
    stamps = Stamps(writer, [size for paper in papers for size in paper.sizes], total, marking, footer)
    index = len(writer.pages)
    for paper in papers:
        starts.setdefault(paper.number, []).append((paper, index))
        first = index
        for page, size in zip(paper.pages, paper.sizes, strict=True):
            try:
                stamps.stamp(writer.add_page(page), size, index + 1)
            except Exception as exc:  # noqa: BLE001 - a paper is untrusted input; keep the page count
                while len(writer.pages) > index:
                    writer.remove_page(index)
                paper.error = reason(exc)
                stamps.stamp(writer.add_page(error_page(paper)), PAGE_SIZE, index + 1)
            index += 1
        assert index == first + len(paper.pages)
        step()
    return starts


def write_pdf(out: str | Path | IO[bytes], writer: PdfWriter) -> None:
    """Write the document: to a path through a temporary file beside it, moved into place when whole; or to a
    binary stream, once, when the whole document is ready."""
    if isinstance(out, (str, os.PathLike)):
        target = Path(out)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                writer.write(stream)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    else:
        buffer = io.BytesIO()
        writer.write(buffer)
        out.write(buffer.getvalue())

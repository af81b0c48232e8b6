"""The one place that calls Typst: a template (package data in ``templates/``) and the document's values as
JSON become a tagged PDF/UA-1 document.

User-typed text NEVER becomes Typst markup: the values travel as JSON in ``sys.inputs`` and the templates read
them with ``json(bytes(sys.inputs.data))``, so ``#``, ``[``, ``*``, ``$``, ``@``, ``<``, ``\\``, backticks and
comments in a name or a paragraph are data, printed as typed. Control characters and the bidirectional
embeddings, overrides and isolates are taken out first (``clean``), as the ReportLab documents do. Fonts are the
bundled DejaVu family only (system fonts ignored: the same output on every PC). Images (a logo, a chart's SVG)
are written into a private temporary folder that is the compilation's root, removed afterwards.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from .base import FONT, FONT_BOLD, FONT_DIR, register_fonts

#: C0 controls other than tab and newline, DEL, and the bidirectional embeddings, overrides and isolates (a
#: typed U+202E would turn the rest of a line round).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


#: What stands for a character the fonts cannot draw (PDF/UA forbids text that no font displays: Typst would
#: refuse the whole document for one emoji DejaVu lacks).
MISSING = "\ufffd"


@cache
def _drawable() -> frozenset[int]:
    """The characters every face of the bundled DejaVu Sans draws."""
    from reportlab.pdfbase.ttfonts import TTFont

    faces = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
    maps = [set(TTFont(name, str(FONT_DIR / name)).face.charToGlyph) for name in faces]
    return frozenset(set.intersection(*maps) | {0x09, 0x0A})


def clean(value: object) -> str:
    """Plain text as it can be printed: newlines normalised, control and direction characters taken out, and a
    character the bundled fonts cannot draw shown as U+FFFD."""
    if value is None:
        return ""
    raw = str(value)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = _UNSHOWABLE.sub("", raw)
    if raw.isascii():
        return raw
    drawable = _drawable()
    return "".join(c if ord(c) in drawable else MISSING for c in raw)


#: Where a line may break inside a word (U+200B ZERO WIDTH SPACE: no width, no ink, ignored by screen readers).
BREAK = "\u200b"
_WORD = re.compile(r"\S+")


def fit_words(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """``text`` with a break opportunity (``BREAK``) between the characters of every word wider than ``width``
    points at ``size`` points, so that the word wraps instead of running over the next column or off the page
    (Typst, like TeX, never breaks inside a word of its own accord). Words that fit are left alone: they move to
    the next line whole, as before. A combining mark stays with its letter."""
    if len(text) < 8:
        return text
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = FONT_BOLD if bold else FONT

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        if stringWidth(word, font, size) <= width:
            return word
        out = [word[0]]
        for before, char in zip(word, word[1:], strict=False):
            if not (unicodedata.combining(char) or "\ufe00" <= char <= "\ufe0f" or "\u200c" <= char <= "\u200d"
                    or before == "\u200d"):
                out.append(BREAK)
            out.append(char)
        return "".join(out)

    return _WORD.sub(split, text)


@cache
def _fonts() -> typst.Fonts:
    """The bundled DejaVu family and nothing else: no system font (the same output on every PC) and none of the
    fonts compiled into Typst (a missing glyph then shows as U+FFFD, never in another typeface). Loaded once."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONT_DIR)])


@cache
def template(name: str) -> bytes:
    """A template's source: the shared page set-up (``common.typ``) followed by the document's own."""
    folder = resources.files("scpdesk.reports") / "templates"
    return (folder / "common.typ").read_bytes() + b"\n" + (folder / f"{name}.typ").read_bytes()


def render(name: str, values: Mapping[str, Any], files: Mapping[str, bytes] | None = None) -> bytes:
    """The PDF of template ``name`` filled with ``values`` (JSON-able; every string printed as text).
    ``files``: images the values name (e.g. ``{"logo.png": b"..."}``), reachable from the template by name."""
    return render_and_query(name, values, files)[0]


def render_and_query(name: str, values: Mapping[str, Any], files: Mapping[str, bytes] | None = None,
                     selector: str = "") -> tuple[bytes, list[Any]]:
    """``render``, and the values of the ``metadata`` elements the laid-out document holds under ``selector``
    (e.g. ``"<where>"``: where the template says things landed), from the same compilation's cache."""
    payload = json.dumps(values, ensure_ascii=False)
    with tempfile.TemporaryDirectory(prefix="scpdesk-typeset-") as root:
        for filename, content in (files or {}).items():
            (Path(root) / Path(filename).name).write_bytes(content)
        main = Path(root) / "main.typ"
        main.write_bytes(template(name))
        compiler = typst.Compiler(str(main), root=root, font_paths=_fonts(), ignore_system_fonts=True,
                                  sys_inputs={"data": payload})
        pdf = compiler.compile(format="pdf", pdf_standards=["ua-1"])
        found = json.loads(compiler.query(selector, field="value")) if selector else []
    assert isinstance(pdf, bytes)
    return pdf, found


def page_count(pdf: bytes) -> int:
    """How many pages a PDF Typst wrote has (its page tree's /Count)."""
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf)).pages)


def write(out: Any, content: bytes) -> None:
    """Write ``content`` to a path or a binary file object."""
    if isinstance(out, (str, os.PathLike)):
        Path(out).write_bytes(content)
    else:
        out.write(content)

"""The learning summary (domain.md §6) in three forms, all from one :class:`LearningSummary` (or a
:class:`BilingualSummary`: the same summary in Welsh and English, each language's text entered separately):

* :func:`build_learning_summary_pdf` — the document: title block, protective marking, the sections in order,
  bookmarks, "Page n of N", the embedded DejaVu font, metadata (themes as keywords, language);
* :func:`build_briefing_pdf` — the "7-minute briefing": numbered panels beside a title panel, text never
  smaller than 9 pt: one A4 page when it fits, else whole rows of panels flow onto the next page;
* :func:`learning_summary_html` — semantic, accessible HTML5 for the partnership's website.

Both PDFs are tagged PDF/UA-1 documents typeset by Typst (``typeset.py``): a structure tree in reading order
(the title as H1, sections as H2, paragraphs, lists, the actions table with header cells, the logo a figure
with alternative text), running headers and footers as artifacts, the title displayed, ``/Lang`` on the
document and on every block in the other language. Headings, fixed labels and dates are in the summary's
language (``language.py``).

Every string in the data may be user-typed: it reaches Typst only as a JSON string (never markup) and HTML only
through ``html.escape(…, quote=True)``. Only the pseudonym is printed; the data holds no real identity.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import typeset
from .base import FONT, register_fonts
from .data import BilingualSummary, LearningSummary
from .language import ENGLISH, language_tag, long_date, words

__all__ = ["BRIEFING_PANELS", "SECTION_TITLES", "build_briefing_pdf", "build_learning_summary_pdf",
           "learning_summary_html"]

_KEYS = ("about", "child", "happened", "well", "learning", "practice", "questions", "actions", "themes",
         "resources")
#: The sections, in the order domain.md §6 gives them: (key, heading in English; ``language.py`` has Welsh).
SECTION_TITLES: tuple[tuple[str, str], ...] = tuple((key, ENGLISH[key]) for key in _KEYS)

#: The seven panel headings of the briefing (3 to 5 may read "Key learning 3–5" when there are more points).
BRIEFING_PANELS: tuple[str, ...] = ("Background", "Why it matters", "Key learning 1", "Key learning 2",
                                    "Key learning 3", "Things to remember", "What to do")

#: A web address, or an email address (a link to write to it).
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:!?]|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Summary = LearningSummary | BilingualSummary


# --------------------------------------------------------------------------------------------------
# Content shared by the three forms
# --------------------------------------------------------------------------------------------------


def _clean(value: object) -> str:
    """Plain text with normalised newlines and no control or direction-override characters."""
    return typeset.clean(value)


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
    return language_tag(data.language)


def _w(data: LearningSummary) -> dict[str, str]:
    return words(_language(data))


def _title(data: LearningSummary) -> str:
    who = _one_line(data.pseudonym)
    w = _w(data)
    return _one_line(data.title) or (w["default_title"].format(who=who) if who else w["learning_summary"])


def _subject(data: LearningSummary) -> str:
    kind = _one_line(data.review_type_label)
    who = _one_line(data.pseudonym)
    w = _w(data)
    plain = not kind or kind.lower().startswith(("learning summary", "crynodeb dysgu"))
    if w is ENGLISH:
        what = "Learning summary" if plain else f"Learning summary of a {kind}"
    else:
        what = w["learning_summary"] if plain else f"{w['learning_summary']} — {kind}"  # no mutation to get wrong
    return f"{what}: {who}" if who else what


def _facts(data: LearningSummary) -> list[tuple[str, str]]:
    """The title block's facts (label, value), omitting what is not known."""
    w = _w(data)
    pseudonym = _one_line(data.pseudonym)
    child = "" if pseudonym == _one_line(data.title) else pseudonym  # a thematic review names no child
    facts = [(w["fact_child"], child), (w["fact_type"], _one_line(data.review_type_label)),
             (w["fact_date"], long_date(data.date, _language(data)) if data.date else ""),
             (w["fact_reference"], _one_line(data.reference))]
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
    present, w = _present(data), _w(data)
    return [(key, w[key]) for key in _KEYS if present[key]]


def _split_urls(raw: str) -> Iterator[tuple[str, bool]]:
    """(segment, is_url) pieces of plain text, so web and email addresses can become links (``_href``)."""
    pos = 0
    for match in _URL.finditer(raw):
        if match.start() > pos:
            yield raw[pos:match.start()], False
        yield match.group(0), True
        pos = match.end()
    if pos < len(raw):
        yield raw[pos:], False


def _href(address: str) -> str:
    """Where an address found by ``_URL`` links to."""
    return address if address.startswith(("http://", "https://")) else f"mailto:{address}"


def _languages(data: Summary) -> list[LearningSummary]:
    return [data.first, data.second] if isinstance(data, BilingualSummary) else [data]


# --------------------------------------------------------------------------------------------------
# PDF (Typst)
# --------------------------------------------------------------------------------------------------

Rich = list[list[str | None]]


def _rich(value: str) -> Rich:
    """Text as [text, url-or-None] pieces: the template makes the web addresses links."""
    return [[segment, _href(segment) if is_url else None] for segment, is_url in _split_urls(value)]


def _p(value: object) -> list[dict[str, Any]]:
    return [{"k": "p", "t": _rich(block)} for block in _blocks(value)]


def _section_blocks(key: str, data: LearningSummary) -> list[dict[str, Any]]:
    w, lang = _w(data), _language(data)
    if key == "about":
        return _p(data.about)
    if key == "child":
        return _p(data.the_child)
    if key == "happened":
        return _p(data.what_happened)
    if key == "well":
        return _p(data.what_went_well)
    if key == "learning":
        return [{"k": "ol", "items": [_rich(i) for i in _items(data.key_learning)]}]
    if key == "practice":
        return _p(data.practice)
    if key == "questions":
        return [{"k": "ul", "items": [_rich(i) for i in _items(data.reflective_questions)]}]
    if key == "actions":
        rows = [[_rich(_clean(a.action).strip()), _rich(_clean(a.owner).strip()), _rich(long_date(a.due, lang)),
                 _rich(_clean(a.status).strip() or "—")] for a in data.actions]
        return [{"k": "table", "head": [w["col_action"], w["col_owner"], w["col_due"], w["col_status"]],
                 "rows": rows, "widths": [0.47, 0.24, 0.15, 0.14], "narrow": [0.28, 0.3, 0.22, 0.2]}]
    if key == "themes":
        return [{"k": "ul", "items": [_rich(_display_theme(t)) for t in _items(data.themes)]}]
    if key == "resources":
        resources, contacts = _blocks(data.resources), _blocks(data.contacts)
        if resources and contacts:
            return [{"k": "h3", "t": w["resources_only"]}, *_p(data.resources),
                    {"k": "h3", "t": w["contacts_only"]}, *_p(data.contacts)]
        return _p(data.resources or data.contacts)
    raise ValueError(key)  # pragma: no cover - _KEYS lists every key


def _logo(data: LearningSummary, files: dict[str, bytes]) -> dict[str, Any]:
    """The partnership's logo as a figure whose alternative text names the partnership (it is the one image
    of the document and tells a reader whose document it is), scaled into 45 × 22 mm; a broken image is left out."""
    if not data.logo_png:
        return {"logo": None}
    try:
        width, height = ImageReader(io.BytesIO(data.logo_png)).getSize()
        scale = min(45 / width, 22 / height)
    except Exception:  # noqa: BLE001 - any decoding failure: print without the logo
        return {"logo": None}
    kind = "jpg" if data.logo_png[:2] == b"\xff\xd8" else "png"
    files[f"logo.{kind}"] = data.logo_png
    name = _one_line(data.partnership)
    alt = _w(data)["logo"].format(partnership=name) if name else "Logo"
    return {"logo": f"logo.{kind}", "logo_alt": alt, "logo_w": round(width * scale, 2),
            "logo_h": round(height * scale, 2)}


def _part(data: LearningSummary, files: dict[str, bytes]) -> dict[str, Any]:
    """One language's title block and sections."""
    w = _w(data)
    return {"lang": _language(data), "partnership": _one_line(data.partnership), "kicker": w["learning_summary"],
            "title": _title(data), "facts": _facts(data), "marking_label": w["marking"], "marking": _marking(data),
            "sections": [{"key": key, "heading": heading, "blocks": _section_blocks(key, data)}
                         for key, heading in _sections(data)],
            **_logo(data, files)}


def _info(data: Summary, title: str) -> dict[str, Any]:
    parts = _languages(data)
    first = parts[0]
    themes = dict.fromkeys(_one_line(t) for p in parts for t in _items(p.themes))
    return {"title": title, "author": _one_line(first.partnership),
            "subject": " / ".join(dict.fromkeys(_subject(p) for p in parts)),
            "keywords": list(themes), "lang": _language(first)}


def _page(data: Summary, what: str) -> dict[str, Any]:
    """The running header and footer: marking, "partnership — what: who", "Page n of N" (both languages, the
    first first, in a bilingual document)."""
    parts = _languages(data)
    first = parts[0]
    who = _one_line(first.pseudonym) or _title(first)
    partnership = _one_line(first.partnership)
    kinds = " / ".join(dict.fromkeys(_w(p)[what] for p in parts))
    footer = f"{partnership} — {kinds}: {who}" if partnership else f"{kinds}: {who}"
    label = " · ".join(dict.fromkeys(_w(p)["page"] for p in parts))
    return {"marking": _marking(first), "footer": footer, "label": label}


def _title_of(data: Summary) -> str:
    return " / ".join(dict.fromkeys(_title(p) for p in _languages(data)))


#: The width of an A4 page's text area, and of one of the two columns of a side-by-side summary (8 mm apart), in
#: points (see templates/common.typ and learning_summary.typ).
_TEXT_WIDTH = 595.27 - 2 * (18 * 72 / 25.4 + 6)
_COLUMN = (_TEXT_WIDTH - 8 * 72 / 25.4) / 2
#: Room a list item's number or bullet takes from the text beside it (generous: a word that only just fits is
#: better broken than overlapping).
_INDENT = 26.0


def _fit(pieces: Rich, width: float, size: float) -> Rich:
    """Rich text whose words too wide for ``width`` may break (``typeset.fit_words``); a web address is left to
    Typst, which breaks links after their punctuation."""
    return [[typeset.fit_words(text, width, size) if url is None and text else text, url] for text, url in pieces]


def _fit_blocks(blocks: list[dict[str, Any]], width: float, size: float, *, side: bool = False) -> None:
    """Let every over-wide word in these blocks break (in place), for a column ``width`` points wide."""
    for b in blocks:
        if b["k"] in ("p", "key"):
            b["t"] = _fit(b["t"], width, 10.5 if b["k"] == "key" else size)
        elif b["k"] in ("ol", "ul"):
            item_size = 10.5 if b.get("key") else size
            b["items"] = [_fit(i, width - _INDENT, item_size) for i in b["items"]]
        elif b["k"] == "table":
            fractions, cell, pad = (b["narrow"], 8.0, 3) if side else (b["widths"], 8.5, 4)
            b["rows"] = [[_fit(c, f * width - 2 * pad, cell) for c, f in zip(row, fractions, strict=True)]
                         for row in b["rows"]]


def _fit_page(page: dict[str, Any]) -> None:
    """The running header's marking and the footer's text (beside "Page n of N") break rather than overrun."""
    page["marking"] = typeset.fit_words(page["marking"], _TEXT_WIDTH, 9, bold=True)
    page["footer"] = typeset.fit_words(page["footer"], _TEXT_WIDTH * 0.6, 8)


def _fit_summary(values: dict[str, Any]) -> None:
    """A learning summary's values with every word too wide for where it is printed made breakable: one long
    word (a place name such as Llanfairpwllgwyngyll…, an address typed without "https://") must wrap inside
    its column, never run over the other language's column or off the page."""
    side = values["layout"] == "side_by_side"
    width = _COLUMN if side else _TEXT_WIDTH
    for part in values["parts"]:
        part["title"] = typeset.fit_words(part["title"], width, 17 if side else 22, bold=True)
        part["partnership"] = typeset.fit_words(part["partnership"], width, 10.5, bold=True)
        part["facts"] = [(label, typeset.fit_words(value, width - 60, 10)) for label, value in part["facts"]]
        part["marking"] = typeset.fit_words(part["marking"], width - 60, 10, bold=True)
        for section in part["sections"]:
            _fit_blocks(section["blocks"], width, 10, side=side)
    _fit_page(values["page"])


def _render(template: str, values: dict[str, Any], files: dict[str, bytes], out: Any) -> int:
    pdf = typeset.render(template, values, files)
    typeset.write(out, pdf)
    return typeset.page_count(pdf)


#: The least a learning summary's last page carries: a quarter of the page's text area (about 13 lines of
#: body text). A last page with less is "near-empty": the page break before it moves back.
LAST_PAGE_MIN = 0.25
#: The text area of an A4 page (Typst's y runs down from the top edge), in points: see templates/common.typ.
_TEXT_TOP = 18 * 72 / 25.4 + 6
_TEXT_BOTTOM = 841.89 - (22 * 72 / 25.4 + 6)
_LINE = 13.5


def _with_marks(part: dict[str, Any]) -> None:
    """Name the places a page may break before: each section (its heading), each block after a section's first,
    each list item after the first (a heading never ends a page: it keeps its first block)."""
    for number, section in enumerate(part["sections"]):
        section["id"] = f"s{number}"
        for index, block in enumerate(section["blocks"]):
            if index:
                block["id"] = f"s{number}.b{index}"
            if block["k"] in ("ol", "ul"):
                block["ids"] = [f"s{number}.b{index}.i{i}" if i else None for i in range(len(block["items"]))]


def _break_before(found: list[dict[str, Any]], minimum: float) -> str | None:
    """Where to break so that the last page carries at least ``minimum`` points, or None (it does already, or
    nothing can be moved): the latest place on the page before whose content, moved over, is enough and fits."""
    end = next((f for f in found if f["id"] == "end"), None)
    if end is None or end["page"] < 2:
        return None
    used = end["y"] - _TEXT_TOP
    if used >= minimum:
        return None
    deficit = minimum - used
    before = sorted((f for f in found if f["page"] == end["page"] - 1 and f["id"] != "end"), key=lambda f: f["y"])
    if not before:
        return None
    reach = before[-1]["y"]  # at least this far down the page before there is content that moves
    for bottom in (reach, _TEXT_BOTTOM):
        for place in reversed(before):
            moved = bottom - place["y"]
            if place["y"] > _TEXT_TOP + 1 and moved >= deficit + _LINE \
                    and used + moved <= _TEXT_BOTTOM - _TEXT_TOP - 2 * _LINE:
                return str(place["id"])
    return None


def build_learning_summary_pdf(data: Summary, out: Any) -> int:
    """Write the learning summary PDF to ``out`` (a path or a binary file object); return the page count.

    A :class:`BilingualSummary` prints both languages: ``consecutive`` — the whole first language, then the
    whole second from a new page; ``side_by_side`` — two columns section by section, the first language on the
    left (each section's first-language block is read before its second-language block).

    One language never ends on a near-empty page: when the last page would carry less than ``LAST_PAGE_MIN`` of
    a page, a page break moves back (before a section, a paragraph or a list item) and it is typeset again."""
    files: dict[str, bytes] = {}
    parts = [_part(p, files) for p in _languages(data)]
    values: dict[str, Any] = {"info": _info(data, _title_of(data)), "page": _page(data, "learning_summary"),
                              "parts": parts, "layout": "single", "breaks": []}
    if isinstance(data, BilingualSummary):
        values["layout"] = "side_by_side" if data.layout == "side_by_side" else "consecutive"
    _fit_summary(values)
    if isinstance(data, BilingualSummary):
        if values["layout"] == "side_by_side":
            parts[1]["logo"] = None  # one logo above both columns
            by_key = [{s["key"]: s for s in p["sections"]} for p in parts]
            values["rows"] = [[by_key[0].get(key), by_key[1].get(key)] for key in _KEYS
                              if key in by_key[0] or key in by_key[1]]
        pdf = typeset.render("learning_summary", values, files)
    else:
        _with_marks(parts[0])
        minimum = LAST_PAGE_MIN * (_TEXT_BOTTOM - _TEXT_TOP)
        for _attempt in range(3):
            pdf, found = typeset.render_and_query("learning_summary", values, files, "<where>")
            place = _break_before(found, minimum)
            if place is None or place in values["breaks"]:
                break
            values["breaks"] = [*values["breaks"], place]
    typeset.write(out, pdf)
    return typeset.page_count(pdf)


# -- The 7-minute briefing ---------------------------------------------------------------------------

#: The smallest type the briefing's text is ever set in: nothing is shrunk to fit (issue 11).
BRIEFING_MIN_POINTS = 9.0
#: The width of the text inside a panel (half the A4 text area less the padding and the gap), in points.
_PANEL_TEXT_WIDTH = (595.27 - 2 * (18 * 72 / 25.4 + 6) - 1) / 2 - 19

#: A telephone number: digits in groups separated by single spaces or hyphens, optionally "+44" and "(0)".
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[ \u00a0]?)?(?:\(0\)[ \u00a0]?)?\d+(?:[ \u00a0-]\d+)+(?![\w])")


def _keep_phones_whole(value: str) -> str:
    """Spaces inside telephone numbers (six digits or more) become no-break spaces: a number never breaks
    across lines."""
    def glue(match: re.Match[str]) -> str:
        number = match.group(0)
        return number.replace(" ", "\u00a0") if sum(c.isdigit() for c in number) >= 6 else number

    return _PHONE.sub(glue, value)


class _Links:
    """Web addresses too wide for the panel they are typed in: printed there as "(link n, below)" and in full,
    on a line of their own, under "Find out more" (which runs the full width of the page)."""

    def __init__(self, w: dict[str, str]) -> None:
        self.w = w
        self.moved: list[str] = []

    def rich(self, value: str, size: float = 9.0, *, panel: bool = True) -> Rich:
        register_fonts()
        pieces: Rich = []
        for segment, is_url in _split_urls(value):
            if not is_url:
                pieces.append([_keep_phones_whole(segment), None])
            elif panel and stringWidth(segment, FONT, size) > _PANEL_TEXT_WIDTH:
                if segment not in self.moved:
                    self.moved.append(segment)
                pieces.append([self.w["link_below"].format(n=self.moved.index(segment) + 1), None])
            else:
                pieces.append([segment, _href(segment)])
        return pieces


def _bp(value: object, links: _Links, kind: str = "p") -> list[dict[str, Any]]:
    size = 10.5 if kind == "key" else 9.0
    return [{"k": kind, "t": links.rich(block, size)} for block in _blocks(value)]


def _labelled(label: str, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"k": "label", "t": label}, *blocks] if blocks else []


def _briefing_panels(data: LearningSummary, links: _Links) -> list[dict[str, Any]]:
    """The panels that have something to say, numbered in order (an empty panel is left out, not printed
    as "—")."""
    w = links.w
    learning = _items(data.key_learning)
    themes = [_display_theme(t) for t in _items(data.themes)]
    story_known = bool(_blocks(data.the_child) or _blocks(data.what_happened))
    background = (_bp(data.the_child, links) + _bp(data.what_happened, links)) if story_known \
        else _bp(data.about, links)
    why = _bp(data.about, links) if story_known else []
    if themes:
        why.append({"k": "p", "t": [[w["themes_label"] + " ", None], *links.rich(", ".join(themes))], "bold": 1})
    key: list[list[dict[str, Any]]] = [
        _bp(learning[0], links, "key") if learning[:1] else [],
        _bp(learning[1], links, "key") if learning[1:2] else [],
        (_bp(learning[2], links, "key") if len(learning) == 3 else
         [{"k": "ol", "start": 3, "key": 1, "items": [links.rich(i, 10.5) for i in learning[2:]]}]
         if learning[2:] else [])]
    remember = (_labelled(w["ask_yourself"], [{"k": "ul", "items": [links.rich(q) for q in
                                                                    _items(data.reflective_questions)]}]
                          if _items(data.reflective_questions) else [])
                + _labelled(w["well"], _bp(data.what_went_well, links)))
    actions = [_one_line(a.action) for a in data.actions if _one_line(a.action)]
    what_to_do = _bp(data.practice, links) + _labelled(
        w["partnership_doing"], [{"k": "ul", "items": [links.rich(a) for a in actions]}] if actions else [])
    third = w["panel_key"].format(n=3) if len(learning) <= 3 else \
        w["panel_key_range"].format(first=3, last=len(learning))
    headings = (w["panel_background"], w["panel_why"], w["panel_key"].format(n=1), w["panel_key"].format(n=2),
                third, w["panel_remember"], w["panel_do"])
    bodies = (background, why, key[0], key[1], key[2], remember, what_to_do)
    kept = [(h, b) for h, b in zip(headings, bodies, strict=True) if b]
    return [{"n": n, "heading": h, "blocks": b} for n, (h, b) in enumerate(kept, start=1)]


def _find_out_more(data: LearningSummary, links: _Links) -> list[dict[str, Any]]:
    """Resources and contacts across the page, web addresses whole; then the links too wide for their panel."""
    w = links.w
    blocks: list[dict[str, Any]] = []
    for label, value in ((w["resources_only"], data.resources), (w["contacts_only"], data.contacts)):
        paras = [{"k": "p", "t": links.rich(b, panel=False)} for b in _blocks(value)]
        blocks += _labelled(label, paras)
    if links.moved:
        blocks += _labelled(w["links_above"], [{"k": "ol", "start": 1,
                                                "items": [[[url, _href(url)]] for url in links.moved]}])
    return blocks


def _briefing_part(data: LearningSummary) -> dict[str, Any]:
    w = _w(data)
    links = _Links(w)
    info = []
    if _one_line(data.title) and _one_line(data.title) != _one_line(data.pseudonym):
        info.append(_one_line(data.title))
    line = " · ".join(p for p in (_one_line(data.review_type_label),
                                  long_date(data.date, _language(data)) if data.date else "") if p)
    if line:
        info.append(line)
    if _one_line(data.partnership):
        info.append(_one_line(data.partnership))
    panels = _briefing_panels(data, links)
    for panel in panels:
        _fit_blocks(panel["blocks"], _PANEL_TEXT_WIDTH, 9)
    more = _find_out_more(data, links)
    _fit_blocks(more, _TEXT_WIDTH - 15, 9)
    return {"lang": _language(data), "kicker": w["briefing_kicker"],
            "title": typeset.fit_words(_one_line(data.pseudonym) or _title(data), _PANEL_TEXT_WIDTH, 19, bold=True),
            "info": [typeset.fit_words(line, _PANEL_TEXT_WIDTH, 9) for line in info], "hint": w["briefing_hint"],
            "panels": panels, "more_heading": w["find_out_more"], "more": more}


def build_briefing_pdf(data: Summary, out: Any) -> int:
    """Write the 7-minute briefing to ``out``; return its page count.

    A title panel and the numbered panels that have content (an empty one is left out) in a two-column grid,
    then "Find out more" across the page. Text is never shrunk (``BRIEFING_MIN_POINTS``): when everything fits
    one A4 page the rows share the page; otherwise whole rows of panels flow onto the next page. Telephone
    numbers and web addresses never break inside: an address too wide for its panel is printed in full under
    "Find out more". Bilingual: each language is a whole briefing of its own from a new page (first language
    first) — seven panels in two languages side by side would halve every panel and break the 9 pt floor."""
    parts = [_briefing_part(p) for p in _languages(data)]
    title = " / ".join(dict.fromkeys(f"{_w(p)['briefing']}: {_title(p)}" for p in _languages(data)))
    page = _page(data, "briefing")
    _fit_page(page)
    values = {"info": _info(data, title), "page": page, "parts": parts, "min_points": BRIEFING_MIN_POINTS}
    return _render("briefing", values, {}, out)


# --------------------------------------------------------------------------------------------------
# HTML for the website
# --------------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light dark; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; line-height: 1.55;
       max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; overflow-wrap: break-word; }
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
th, td { text-align: left; vertical-align: top; padding: 0.45em 0.6em; border: 1px solid #8a99ad;
         overflow-wrap: anywhere; }
.pair > * { min-width: 0; }
thead th { background: #1f3a5f; color: #ffffff; }
nav ul { padding-left: 1.2em; }
a { color: inherit; text-decoration-thickness: 0.08em; }
a:focus { outline: 0.2em solid #ffbf47; outline-offset: 0.1em; }
footer { margin-top: 3rem; border-top: 1px solid #8a99ad; padding-top: 0.75rem; }
@media (max-width: 36rem) { table, thead, tbody, tr, th, td { font-size: 0.95em; } }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
body.bilingual { max-width: 72rem; }
@media (max-width: 48rem) { .pair { grid-template-columns: 1fr; } }
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
            parts.append(f'<a href="{_h(_href(segment))}">{_h(segment)}</a>' if is_url else _h(segment))
        escaped = "".join(parts)
    else:
        escaped = _h(value)
    return escaped.replace("\n", "<br>\n")


def _h_paras(value: object, *, links: bool = False) -> list[str]:
    return [f"<p>{_h_block(block, links=links)}</p>" for block in _blocks(value)]


def _h_list(tag: str, items: list[str], css: str = "") -> list[str]:
    cls = f' class="{css}"' if css else ""
    return [f"<{tag}{cls}>", *(f"<li>{_h_block(item)}</li>" for item in items), f"</{tag}>"]


def _h_date(value: Any, lang: str = "en-GB") -> str:
    if value is None:
        return "—"
    return f'<time datetime="{value.isoformat()}">{_h(long_date(value, lang))}</time>'


def _h_section(key: str, data: LearningSummary) -> list[str]:
    w, lang = _w(data), _language(data)
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
        heads = (w["col_action"], w["col_owner"], w["col_due"], w["col_status"])
        lines = ["<table>", f"<caption>{_h(w['table_caption'])}</caption>",
                 "<thead>", "<tr>", *(f'<th scope="col">{_h(h)}</th>' for h in heads), "</tr>", "</thead>",
                 "<tbody>"]
        for a in data.actions:
            lines += ["<tr>", f"<td>{_h_block(_clean(a.action).strip())}</td>",
                      f"<td>{_h_block(_clean(a.owner).strip())}</td>", f"<td>{_h_date(a.due, lang)}</td>",
                      f"<td>{_h_block(_clean(a.status).strip()) or '—'}</td>", "</tr>"]
        return [*lines, "</tbody>", "</table>"]
    if key == "resources":
        resources, contacts = _blocks(data.resources), _blocks(data.contacts)
        if resources and contacts:
            return [f"<h3>{_h(w['resources_only'])}</h3>", *_h_paras(data.resources, links=True),
                    f"<h3>{_h(w['contacts_only'])}</h3>", *_h_paras(data.contacts, links=True)]
        return _h_paras(data.resources or data.contacts, links=True)
    raise ValueError(key)  # pragma: no cover - _KEYS lists every key


def _h_title_block(data: LearningSummary) -> list[str]:
    """The partnership, the title (h1) and the facts."""
    partnership = _one_line(data.partnership)
    out = [f'<p class="partnership">{_h(partnership)}</p>'] if partnership else []
    out.append(f"<h1>{_h(_title(data))}</h1>")
    facts = _facts(data)
    if facts:
        date_label = _w(data)["fact_date"]
        out.append('<dl class="facts">')
        for label, value in facts:
            shown = _h_date(data.date, _language(data)) if label == date_label else _h(value)
            out.append(f"<dt>{_h(label)}</dt><dd>{shown}</dd>")
        out.append("</dl>")
    return out


def _h_nav(data: LearningSummary, prefix: str) -> list[str]:
    sections = _sections(data)
    if len(sections) <= 1:
        return []
    label = _h(_w(data)["contents"])
    return [f'<nav aria-label="{label}">', f'<p class="contents">{label}</p>', "<ul>",
            *(f'<li><a href="#{prefix}{key}">{_h(heading)}</a></li>' for key, heading in sections), "</ul>",
            "</nav>"]


def _h_section_element(key: str, heading: str, data: LearningSummary, prefix: str, lang: str = "") -> list[str]:
    attribute = f' lang="{_h(lang)}"' if lang else ""
    return [f'<section id="{prefix}{key}" aria-labelledby="{prefix}{key}-heading"{attribute}>',
            f'<h2 id="{prefix}{key}-heading">{_h(heading)}</h2>', *_h_section(key, data), "</section>"]


def _h_footer(data: LearningSummary) -> list[str]:
    partnership, who, w = _one_line(data.partnership), _one_line(data.pseudonym), _w(data)
    kind = w["learning_summary"][:1].lower() + w["learning_summary"][1:]
    return [f"<p>{_h(partnership) + ' — ' if partnership else ''}{_h(kind)}"
            f"{': ' + _h(who) if who else ''}. {_h(w['pseudonyms'])}</p>"]


def learning_summary_html(data: Summary) -> str:
    """The learning summary as one self-contained, accessible HTML5 page (no scripts, no external resources).
    A :class:`BilingualSummary` gives both languages, each block marked with its ``lang``: one after the other
    (``consecutive``) or section by section in two columns (``side_by_side``, one column on a narrow screen)."""
    parts = _languages(data)
    first = parts[0]
    title = " / ".join(dict.fromkeys(_title(p) for p in parts))
    partnership = _one_line(first.partnership)
    marking = _marking(first)
    bilingual = isinstance(data, BilingualSummary)
    layout = data.layout if isinstance(data, BilingualSummary) else "single"
    out = ["<!DOCTYPE html>", f'<html lang="{_h(_language(first))}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{_h(title)}{' — ' + _h(partnership) if partnership else ''}</title>"]
    if partnership:
        out.append(f'<meta name="author" content="{_h(partnership)}">')
    out.append(f'<meta name="description" content="{_h(" / ".join(dict.fromkeys(_subject(p) for p in parts)))}">')
    themes = list(dict.fromkeys(_one_line(t) for p in parts for t in _items(p.themes)))
    if themes:
        out.append(f'<meta name="keywords" content="{_h(", ".join(themes))}">')
    out += ["<style>", _CSS, "</style>", "</head>", '<body class="bilingual">' if bilingual else "<body>"]
    if not bilingual:
        out.append("<header>")
        if marking:
            out.append(f'<p class="marking">{_h(marking)}</p>')
        out += [*_h_title_block(first), "</header>", *_h_nav(first, ""), "<main>"]
        for key, heading in _sections(first):
            out += _h_section_element(key, heading, first, "")
        out += ["</main>", "<footer>", *_h_footer(first)]
    elif layout == "side_by_side":
        prefixes = [f"{_language(p).lower()}-" for p in parts]
        out.append("<header>")
        if marking:
            out.append(f'<p class="marking">{_h(marking)}</p>')
        out.append('<div class="pair">')
        for part in parts:
            out += [f'<div lang="{_h(_language(part))}">', *_h_title_block(part), "</div>"]
        out += ["</div>", "</header>", "<main>"]
        shown = [dict(_sections(p)) for p in parts]
        for key in _KEYS:
            if not any(key in s for s in shown):
                continue
            out.append('<div class="pair">')
            for part, prefix, sections in zip(parts, prefixes, shown, strict=True):
                if key in sections:
                    out += _h_section_element(key, sections[key], part, prefix, _language(part))
                else:
                    out.append(f'<div lang="{_h(_language(part))}"></div>')
            out.append("</div>")
        out += ["</main>", "<footer>", *(line for p in parts for line in _h_footer(p))]
    else:
        if marking:
            out.append(f'<p class="marking">{_h(marking)}</p>')
        out.append("<main>")
        for part in parts:
            prefix = f"{_language(part).lower()}-"
            out += [f'<article lang="{_h(_language(part))}">', "<header>", *_h_title_block(part), "</header>",
                    *_h_nav(part, prefix)]
            for key, heading in _sections(part):
                out += _h_section_element(key, heading, part, prefix)
            out.append("</article>")
        out += ["</main>", "<footer>", *(line for p in parts for line in _h_footer(p))]
    if marking:
        out.append(f'<p class="marking">{_h(marking)}</p>')
    out += ["</footer>", "</body>", "</html>", ""]
    return "\n".join(out)

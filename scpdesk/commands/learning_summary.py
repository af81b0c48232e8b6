"""``scpdesk learning-summary REVIEW_REF -o FILE [--format pdf|html] [--briefing] [--language en|cy|bilingual]
[--layout side-by-side|consecutive]``: write a review's learning summary (PDF, the 7-minute briefing, or accessible
HTML for the website) in English, Welsh or both. Pseudonyms only."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import NotFoundError, UserError

COMMAND = "learning-summary"
EXIT_OK, EXIT_USAGE = 0, 64
_FORMATS = {"pdf": "pdf", "html": "html", "htm": "html"}
_LANGUAGES = {"en": "en", "english": "en", "saesneg": "en", "cy": "cy", "welsh": "cy", "cymraeg": "cy",
              "bilingual": "bilingual", "dwyieithog": "bilingual"}
_LAYOUTS = {"side-by-side": "side_by_side", "side_by_side": "side_by_side", "consecutive": "consecutive"}


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    parser = commands.add_parser(
        COMMAND, help="write a review's learning summary as PDF, a 7-minute briefing, or HTML for the website",
        description="Write a review's learning summary. Only the pseudonym is printed. Each form carries the "
                    "publication marking from the organisation settings (if any).")
    parser.add_argument("review_ref", metavar="REVIEW_REF", help="the review's reference, e.g. NSCP-CR-2024-02")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                        help="the file to write (replaced if it exists)")
    parser.add_argument("--format", dest="ls_format", metavar="{pdf,html}",
                        help="file format (default: from the file name's extension)")
    parser.add_argument("--briefing", action="store_true",
                        help="the 7-minute briefing instead of the full summary (PDF only)")
    parser.add_argument("--language", dest="ls_language", metavar="{en,cy,bilingual}", default="en",
                        help="English (default), Welsh, or both in one document; the Welsh is the text entered as "
                             "Welsh on the review (refused, naming the sections, where it is missing)")
    parser.add_argument("--layout", dest="ls_layout", metavar="{side-by-side,consecutive}", default=None,
                        help="a bilingual document's layout: the languages side by side (default) or one after "
                             "the other")


def _format(args: argparse.Namespace) -> str:
    given = (args.ls_format or "").strip().lower().lstrip(".")
    suffix = args.output.suffix.lower().lstrip(".")
    fmt = _FORMATS.get(given or suffix)
    if fmt is None:
        if given:
            raise UserError("--format", f"choose pdf or html, not {given}")
        raise UserError("--format", "choose pdf or html (or name the file .pdf or .html)")
    if suffix in _FORMATS and _FORMATS[suffix] != fmt:
        raise UserError("--output", f"{args.output.name} ends in .{suffix} but the format is {fmt}; name the "
                                    f"file {args.output.stem}.{fmt}")
    if args.briefing and fmt != "pdf":
        raise UserError("--briefing", "the 7-minute briefing is a PDF; write it to a .pdf file")
    return fmt


def _language(args: argparse.Namespace) -> tuple[str, str]:
    given = (args.ls_language or "en").strip().lower()
    language = _LANGUAGES.get(given)
    if language is None:
        raise UserError("--language", f"choose en, cy or bilingual, not {given}")
    layout_given = (args.ls_layout or "").strip().lower()
    layout = _LAYOUTS.get(layout_given or "side-by-side")
    if layout is None:
        raise UserError("--layout", f"choose side-by-side or consecutive, not {layout_given}")
    if layout_given and language != "bilingual":
        raise UserError("--layout", "only a bilingual document has a layout; add --language bilingual")
    return language, layout


def run(args: argparse.Namespace, services: Any) -> int | None:
    if getattr(args, "command", None) != COMMAND:
        return None
    fmt = _format(args)
    language, layout = _language(args)
    out: Path = args.output
    if not out.parent.is_dir():
        raise UserError("--output", f"the folder {out.parent} does not exist")
    from ..services.library import learning_summary as service
    from ..services.library.summary_languages import SECTION_TITLES, export_summary, get_languages

    try:
        review_id = service.review_id_by_ref(services.ctx, args.review_ref)
    except NotFoundError:
        print(f"scpdesk: no review has the reference {args.review_ref!r}; check the reference in the review "
              "library", file=sys.stderr)
        return EXIT_USAGE
    pages = export_summary(services.ctx, review_id, out, fmt=fmt, briefing=args.briefing, language=language,
                           layout=layout)
    if pages is None:
        print(f"Wrote {out}.")
    else:
        print(f"Wrote {out} ({pages} {'page' if pages == 1 else 'pages'}).")
    if language != "en":  # a prompt, not a refusal: the Welsh may need no change
        newer = get_languages(services.ctx, review_id).english_newer
        if newer:
            print("scpdesk: note: the English of " + ", ".join(SECTION_TITLES[n] for n in newer) + " changed after "
                  "its Welsh was written; check that the Welsh still says the same", file=sys.stderr)
    return EXIT_OK

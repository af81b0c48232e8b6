"""``scpdesk reviews``: the review library from the command line (search, theme, view; text or JSON)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..errors import UserError
from ..models.enums import label
from ..models.words import library_state_text

EXIT_OK = 0
_PAGE = 500


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    reviews = commands.add_parser(
        "reviews", help="list the review library: published (inside the window), archived (available on "
                        "request), in progress, or all")
    reviews.add_argument("--search", metavar="TEXT", default="",
                         help="words to find in the title, summary, learning points and recommendations "
                              "(all words must match; the last may be the start of a word); best match first")
    reviews.add_argument("--theme", metavar="NAME", help="only reviews with this theme (name, ignoring capitals)")
    reviews.add_argument("--view", choices=("published", "archived", "in-progress", "all"), default="all",
                         help="which part of the library (default: all)")
    reviews.add_argument("--sort", choices=("reference", "title", "type", "status", "published", "window_end"),
                         help="sort by this column (default: best match when searching, else newest first)")
    reviews.add_argument("--desc", action="store_true", help="with --sort: descending")
    reviews.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace, services: Any) -> int | None:
    if args.command != "reviews":
        return None
    from ..services.library.library import LibraryQuery, library_ids, library_rows, themes, themes_by_review

    ctx = services.ctx
    theme_id = None
    if args.theme:
        wanted = " ".join(args.theme.split()).casefold()
        known = themes(ctx)
        match = next((t for t in known if t.name.casefold() == wanted), None)
        if match is None:
            raise UserError("--theme", f"no theme is called '{args.theme}'; themes: "
                                       + ", ".join(t.name for t in known if not t.retired))
        theme_id = match.id
    ids = library_ids(ctx, LibraryQuery(view=args.view, theme_id=theme_id, text=args.search, sort=args.sort,
                                        descending=args.desc))
    rows = [row for start in range(0, len(ids), _PAGE) for row in library_rows(ctx, ids[start:start + _PAGE])]
    if args.json:
        names = themes_by_review(ctx, ids)
        print(json.dumps([{
            "ref": r.reference, "title": r.title, "type": label(r.review_type), "status": label(r.status),
            "published": r.published_date.isoformat() if r.published_date else None,
            "window_end": r.window_end.isoformat() if r.window_end else None,
            "themes": names.get(r.id, []), "state": _state(r)} for r in rows], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("No reviews found.")
        return EXIT_OK
    width = max(len(r.reference) for r in rows)
    print(f"{'Reference':<{width}}  {'Published':<10}  {'Status':<22}  Title — on the website")
    for r in rows:
        published = r.published_date.isoformat() if r.published_date else ""
        print(f"{r.reference:<{width}}  {published:<10}  {label(r.status):<22}  {r.title} — {_state(r)}")
    print(f"{len(rows)} {'review' if len(rows) == 1 else 'reviews'}.")
    return EXIT_OK


def _state(row: Any) -> str:
    """Where a review stands for the public, in the words the Library tab uses."""
    return library_state_text(row.library_state, window_end=row.window_end, deferral_reason=row.deferral_reason)

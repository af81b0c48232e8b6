"""``scpdesk import reviews FILE`` and ``scpdesk export reviews|actions -o FILE`` (the review library)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UserError

EXIT_OK, EXIT_USAGE = 0, 64

_EXPORT_FORMATS = {"reviews": ("csv", "xlsx"), "actions": ("csv", "xlsx", "pdf")}


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    reviews_in = import_what.add_parser(
        "reviews", help="import reviews from a .csv or .xlsx file, all or nothing (columns: reference, title, "
                        "review_type, partnership, published, themes, summary, url; review_type one of lcspr, "
                        "learning_summary, plr, thematic, joint; themes separated by ';', new ones are added; "
                        "status is published when a published date is given, else commissioned)")
    reviews_in.add_argument("file", type=Path, metavar="FILE")

    reviews_out = export_what.add_parser("reviews", help="export every review of the library")
    _output_options(reviews_out, "csv,xlsx")
    actions_out = export_what.add_parser(
        "actions", help="export the open actions of recommendations (not complete) with their effective status "
                        "(overdue when past due); --all adds the completed ones")
    _output_options(actions_out, "csv,xlsx,pdf")
    which = actions_out.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="every action, completed ones too")
    which.add_argument("--open", action="store_true", help="only actions that are not complete (the default)")
    actions_out.add_argument("--review", metavar="REFERENCE", help="only this review's action plan")


def _output_options(parser: argparse.ArgumentParser, formats: str) -> None:
    parser.add_argument("--format", dest="format", metavar=f"{{{formats}}}",
                        help="file format (default: from the file name's extension)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                        help="the file to write (replaced if it exists)")


def run(args: argparse.Namespace, services: Any) -> int | None:
    if args.command == "import" and getattr(args, "import_what", None) == "reviews":
        return _import_reviews(args, services)
    what = getattr(args, "export_what", None)
    if args.command == "export" and what in _EXPORT_FORMATS:
        return _export(args, services, what)
    return None


def _import_reviews(args: argparse.Namespace, services: Any) -> int:
    from ..services.library.review_io import import_reviews

    try:
        result = import_reviews(services.ctx, args.file)
    except UserError as exc:
        for error in getattr(exc, "errors", [exc]):
            print(error, file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return EXIT_USAGE
    print(f"Imported {result.count} {'review' if result.count == 1 else 'reviews'} from {args.file}.")
    if result.created_themes:
        print(f"New themes added: {', '.join(result.created_themes)}.")
    return EXIT_OK


def _export(args: argparse.Namespace, services: Any, what: str) -> int:
    formats = _EXPORT_FORMATS[what]
    fmt = (args.format or args.output.suffix.lstrip(".")).strip().lower()
    if fmt not in formats:
        choices = ", ".join(formats[:-1]) + f" or {formats[-1]}"
        raise UserError("--format", f"choose {choices}{f', not {fmt}' if fmt else ''} (or name the file "
                                    f"{' or '.join('.' + f for f in formats)})")
    if what == "reviews":
        from ..services.library.review_io import export_reviews

        count = export_reviews(services.ctx, args.output, fmt)
        print(f"Exported {count} {'review' if count == 1 else 'reviews'} to {args.output}.")
        return EXIT_OK
    from ..services.library.actions import export_actions, export_plan_pdf, find_review

    review_id = find_review(services.ctx, args.review) if args.review else None
    if fmt == "pdf":
        count = export_plan_pdf(services.ctx, review_id, args.output, open_only=not args.all)
    else:
        count = export_actions(services.ctx, args.output, fmt, review_id=review_id, open_only=not args.all)
    print(f"Exported {count} {'action' if count == 1 else 'actions'} to {args.output}.")
    return EXIT_OK

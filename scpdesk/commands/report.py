"""``scpdesk report annual [--from DATE --to DATE] [--json | --pdf FILE | --xlsx FILE]``: the partnership's
figures for a period (the current financial year by default), as text, as the JSON the screen's numbers come
from (``Figures.as_json``, one computation), or written as the marked PDF report or the workbook (audited)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import UserError

COMMAND = "report"
EXIT_OK = 0


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    report = commands.add_parser("report", help="reports built from the records (the annual figures)")
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    annual = kinds.add_parser(
        "annual", help="the partnership's figures for a period: text, JSON, a marked PDF or a workbook",
        description="The partnership's figures for a period (by default the current financial year, 1 April to "
                    "31 March): referrals, timeliness, decisions, publication, themes, actions and archive "
                    "requests, each with the rule it used and the records it counts (pseudonyms only).")
    annual.add_argument("--from", dest="period_from", metavar="DATE",
                        help="the first day of the period (2026-04-01 or 01/04/2026)")
    annual.add_argument("--to", dest="period_to", metavar="DATE",
                        help="the last day of the period, inclusive (2027-03-31 or 31/03/2027)")
    out = annual.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="the figures as JSON (what the Figures screen shows)")
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write the marked PDF report (replaced if it exists)")
    out.add_argument("--xlsx", type=Path, metavar="FILE",
                     help="write the workbook: the figures, one sheet per table, the records counted")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from ..services.figures import check_period_day
    from ..services.spreadsheet import parse_date

    try:
        day = parse_date(value)
    except ValueError as exc:
        raise UserError(option, str(exc)) from None
    return None if day is None else check_period_day(option, day)


def period(args: argparse.Namespace, today: dt.date) -> Any:
    """The period the options give: either date alone keeps the current financial year's other end."""
    from ..services.figures import Period
    from ..services.figures_files import period_between

    year = Period.financial_year(today)
    start = _date(args.period_from, "--from")
    end = _date(args.period_to, "--to")
    if start is None and end is None:
        return year
    if start is not None and end is not None and start > end:
        raise UserError("--from", f"the period starts ({start:%d %b %Y}) after it ends ({end:%d %b %Y}) "
                                  "(--to); give the earlier date to --from")
    if start is None:
        assert end is not None
        start = Period.financial_year(end).start
    if end is None:
        end = Period.financial_year(start).end
    return period_between(start, end)


def _text(figures: Any) -> str:
    lines = [f"{figures.partnership}: figures for {figures.period.label}", ""]
    for section in figures.sections():
        lines.append(section)
        lines.extend(f"  {f.label}: {f.text}" for f in figures.figures if f.section == section)
    return "\n".join(lines)


def run(args: argparse.Namespace, services: Any) -> int | None:
    if getattr(args, "command", None) != COMMAND:
        return None
    for option, path in (("--pdf", args.pdf), ("--xlsx", args.xlsx)):
        if path is not None and not path.parent.is_dir():
            raise UserError(option, f"the folder {path.parent} does not exist")
    chosen = period(args, services.ctx.today())
    figures = services.figures(chosen)
    try:
        return _write(args, services, figures)
    except UserError as exc:  # the file's problem, named by the option that gave it
        if exc.field in ("file", "format"):
            raise UserError("--pdf" if args.pdf is not None else "--xlsx", exc.message) from None
        raise


def _write(args: argparse.Namespace, services: Any, figures: Any) -> int:
    if args.json:
        json.dump(figures.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.pdf is not None:
        pages = services.figure_files.pdf(figures, args.pdf)
        print(f"Wrote {args.pdf} ({pages} {'page' if pages == 1 else 'pages'}).")
    elif args.xlsx is not None:
        sheets = services.figure_files.xlsx(figures, args.xlsx)
        print(f"Wrote {args.xlsx} ({sheets} sheets).")
    else:
        print(_text(figures))
    return EXIT_OK

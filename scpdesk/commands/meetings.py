"""``scpdesk meetings`` (the list, or JSON for scripts) and ``scpdesk meeting-pack`` (the pack as a PDF)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models.enums import label

if TYPE_CHECKING:  # the parser is built on every start, the GUI's too: nothing heavy at import time
    from ..services.panel.meetings import MeetingListEntry
    from ..services.registry import Services

EXIT_OK, EXIT_USAGE = 0, 64


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    listing = commands.add_parser("meetings", help="Rapid Review Panel and QA&S meetings, newest first")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    pack = commands.add_parser("meeting-pack", help="write a meeting's pack (agenda, cases, clocks, papers) "
                                                    "as a PDF; printing is audited")
    pack.add_argument("reference", metavar="MEETING_REF", help="the meeting's reference (see scpdesk meetings)")
    pack.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                      help="the PDF to write (replaced if it exists)")
    pack.add_argument("--exclude-confidential", action="store_true",
                      help="leave out the items marked confidential (and their papers)")


def as_json(entry: MeetingListEntry) -> dict[str, Any]:
    row = entry.row
    return {"ref": row.reference, "date": row.meeting_date.isoformat(), "type": entry.kind.value,
            "time": row.start_time.strftime("%H:%M") if row.start_time else None, "place": entry.place,
            "online_link": entry.online_link, "chair": row.chair, "items": row.items, "quorate": row.quorate,
            "status": entry.status.value, "present": row.present, "apologies": row.apologies}


def run(args: argparse.Namespace, services: Services) -> int | None:
    if args.command == "meetings":
        return _list(args, services)
    if args.command == "meeting-pack":
        return _pack(args, services)
    return None


def _list(args: argparse.Namespace, services: Services) -> int:
    entries = services.meetings.list_entries()
    if args.json:
        print(json.dumps([as_json(e) for e in entries], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not entries:
        print("No meetings.")
        return EXIT_OK
    width = max(len("Reference"), *(len(e.row.reference) for e in entries))
    print(f"{'Date':<10}  {'Time':<5}  {'Reference':<{width}}  {'Type':<18}  {'Status':<9}  Items  Quorate  Chair")
    for e in entries:
        row = e.row
        time = row.start_time.strftime("%H:%M") if row.start_time else ""
        print(f"{row.meeting_date.isoformat():<10}  {time:<5}  {row.reference:<{width}}  {label(row.kind):<18}  "
              f"{label(row.status):<9}  {row.items:>5}  {'yes' if row.quorate else 'no':<7}  {row.chair}".rstrip())
    return EXIT_OK


def _pack(args: argparse.Namespace, services: Services) -> int:
    from ..services.panel.meeting_pack import produce_pack

    meeting_id = services.meetings.find(args.reference)
    if meeting_id is None:
        print(f"scpdesk: no meeting {args.reference} was found; 'scpdesk meetings' lists the references",
              file=sys.stderr)
        return EXIT_USAGE
    output: Path = args.output
    result = produce_pack(services.ctx, meeting_id, output, exclude_confidential=args.exclude_confidential)
    print(f"Wrote {output} ({result.pages} {'page' if result.pages == 1 else 'pages'}).")
    return EXIT_OK

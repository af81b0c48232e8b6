"""``scpdesk offline take|status`` (issue 16): take records from the shared server into a local offline copy, and
say what a copy holds (``status`` reads the file alone: no server needed).

    scpdesk --database postgresql://… offline take (--meeting REF | --owner NAME | --referrals REF,...) -o FILE
                                                   [--encrypt] [--passphrase]
    scpdesk offline status FILE [--json]

``take`` exits 64 with the reason when the scope names nothing that exists or encryption is required but cannot
be had (nothing is written then); ``status`` exits 2 for a file that is not an offline copy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parser is built on every start: nothing heavy at import time
    from ..services.offline.take import OfflineInfo
    from ..services.registry import Services

EXIT_OK, EXIT_STORAGE = 0, 2


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    offline = commands.add_parser("offline", help="take records from the shared server into an offline copy on "
                                                  "this computer, and bring the work back")
    actions = offline.add_subparsers(dest="offline_command", metavar="ACTION", required=True)
    take = actions.add_parser("take", help="check records out of the shared server (--database) into a new local "
                                           "file; others see them as 'offline with YOU since …'")
    what = take.add_mutually_exclusive_group(required=True)
    what.add_argument("--meeting", metavar="REF", help="a meeting: its agenda, papers, members, actions and every "
                                                       "case on its agenda with their reviews")
    what.add_argument("--owner", metavar="NAME", help="the cases and reviews a directory person owns actions, "
                                                      "safety actions, summary requests or meeting actions in "
                                                      "(their name or login)")
    what.add_argument("--referrals", metavar="REF,...", help="referrals by reference, separated by commas, with "
                                                             "their reviews")
    take.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                      help="the offline copy to write (a new file; never written over)")
    take.add_argument("--encrypt", action="store_true", default=None,
                      help="encrypt the copy even where the partnership does not require it (it is encrypted "
                           "anyway where it does)")
    take.add_argument("--passphrase", action="store_true",
                      help="encrypt with a passphrase typed here (or SCPDESK_DB_PASSPHRASE_FILE's) instead of a "
                           "key kept in the OS keyring")
    status = actions.add_parser("status", help="what an offline copy holds: server, taken when and by whom, "
                                               "scope, records, local changes (no server needed)")
    status.add_argument("file", type=Path, metavar="FILE", help="the offline copy")
    status.add_argument("--json", action="store_true", help="machine-readable output")


def run_before_database(args: argparse.Namespace) -> int | None:
    """``offline status`` reads the copy alone: no database is opened for it."""
    if args.command == "offline" and args.offline_command == "status":
        return _status(args)
    return None


def run(args: argparse.Namespace, services: Services) -> int | None:
    if args.command != "offline" or args.offline_command != "take":
        return None
    return _take(args, services)


def _take(args: argparse.Namespace, services: Services) -> int:
    from ..keys import PASSPHRASE_FILE_ENV, passphrase_from_file, terminal_ask
    from ..services.offline.take import Scope, take_offline

    if args.meeting is not None:
        scope = Scope("meeting", args.meeting)
    elif args.owner is not None:
        scope = Scope("owner", args.owner)
    else:
        scope = Scope("referrals", args.referrals)
    passphrase = None
    if args.passphrase:
        passphrase = passphrase_from_file() or terminal_ask(f"Passphrase for {args.output.name}", True)
        if not passphrase:
            from ..errors import UserError

            raise UserError("--passphrase", f"type a passphrase, or set {PASSPHRASE_FILE_ENV}")
    result = take_offline(services.ctx, scope, args.output, encrypt=True if (args.encrypt or args.passphrase)
                          else None, passphrase=passphrase)
    c = result.counts
    print(f"Took {result.scope_label} offline into {result.path}"
          f"{' (encrypted)' if result.encrypted else ''}: {_records(c)}.")
    print(f"Others see these records as offline with you since {result.taken_at:%d/%m/%Y %H:%M} UTC. New referrals "
          f"made in the copy get provisional references {result.reference_prefix}-1, -2, … (replaced on sync).")
    print(f"Work on it with: scpdesk --database \"sqlite:///{result.path}\"")
    return EXIT_OK


def _records(counts: dict[str, int]) -> str:
    def n(key: str, word: str) -> str:
        count = counts.get(key, 0)
        return f"{count} {word}{'' if count == 1 else 's'}"

    return ", ".join((n("referral", "referral"), n("meeting", "meeting"), n("review", "review")))


def _status(args: argparse.Namespace) -> int:
    from ..services.offline.take import copy_info

    info = copy_info(args.file)
    if info is None:
        print(f"scpdesk: {args.file} is not an offline copy (it is an scpdesk database of its own).",
              file=sys.stderr)
        return EXIT_STORAGE
    if args.json:
        print(json.dumps(_as_json(info), indent=2, ensure_ascii=False))
        return EXIT_OK
    synced = f" (synced {info.synced_at:%d/%m/%Y %H:%M} UTC)" if info.synced_at else ""
    for name, value in (("Offline copy", str(info.path)), ("Server", info.server_label),
                        ("Taken", f"{info.taken_at:%d/%m/%Y %H:%M} UTC by {info.taken_by}"),
                        ("Scope", info.scope_label), ("State", info.state + synced),
                        ("Encrypted", "yes" if info.encrypted else "no"), ("Records", _records(info.counts)),
                        ("Local changes", str(info.changes)),
                        ("New references", f"{info.reference_prefix}-n (provisional)")):
        print(f"{name + ':':<15} {value}")
    return EXIT_OK


def _as_json(info: OfflineInfo) -> dict[str, Any]:
    return {"file": str(info.path), "token": info.token, "server": info.server_label, "server_url": info.server_url,
            "taken_at": info.taken_at.isoformat(), "taken_by": info.taken_by, "scope": info.scope,
            "scope_label": info.scope_label, "state": info.state,
            "synced_at": info.synced_at.isoformat() if info.synced_at else None, "encrypted": info.encrypted,
            "reference_prefix": info.reference_prefix, "counts": info.counts, "changes": info.changes}

"""``scpdesk offline …``: offline copies for IT and scripts (issue 16). The server is ``--database URL`` /
SCPDESK_DATABASE_URL as for every command.

- ``scpdesk offline sync FILE [--dry-run] [--resolve KEY=mine|theirs ...] [--refresh]``: merge the copy's work
  back (one server transaction); the dry run lists what would apply and what conflicts, and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import UserError

COMMAND = "offline"
EXIT_OK, EXIT_CONFLICTS = 0, 1


def add_parsers(commands: Any, import_what: Any, export_what: Any) -> None:
    parser = commands.add_parser(COMMAND, help="take records offline into a local file, and sync them back",
                                 description="Offline copies of records from the shared server (--database).")
    actions = parser.add_subparsers(dest="offline_command", metavar="ACTION", required=True)
    add_sync_parser(actions)


def add_sync_parser(actions: Any) -> None:
    sync = actions.add_parser(
        "sync", help="merge an offline copy's work back into the server (then release or refresh the copy)",
        description="Three-way merge per field against the values at check-out: changed only offline → applied; "
                    "only on the server → kept; on both → a conflict to resolve (--resolve KEY=mine|theirs). "
                    "One server transaction: all or nothing. After a sync the copy is wiped (released), or "
                    "replaced by a fresh copy with --refresh.")
    sync.add_argument("file", type=Path, metavar="FILE", help="the offline copy")
    sync.add_argument("--dry-run", action="store_true",
                      help="list what would be applied and what conflicts; change nothing anywhere")
    sync.add_argument("--resolve", action="append", default=[], metavar="KEY=mine|theirs",
                      help="resolve one conflict (its KEY as the dry run lists it); repeat for each")
    sync.add_argument("--refresh", action="store_true",
                      help="keep working offline: replace the copy with a fresh one instead of wiping it")


def run(args: argparse.Namespace, services: Any) -> int | None:
    if getattr(args, "command", None) != COMMAND:
        return None
    if args.offline_command == "sync":
        return run_sync(args, services)
    return None


def _choices(given: list[str]) -> dict[str, str]:
    out = {}
    for item in given:
        key, sep, choice = item.partition("=")
        if not sep or choice.strip() not in ("mine", "theirs"):
            raise UserError("--resolve", f"write {item!r} as KEY=mine or KEY=theirs (the dry run lists the keys)")
        out[key.strip()] = choice.strip()
    return out


def _unlock(path: Path) -> None:
    """An encrypted copy: its key from the keyring, or the passphrase asked at the terminal."""
    from ..keys import terminal_ask, unlock
    from ..models import cipher

    if path.is_file() and cipher.is_encrypted(path):
        cipher.use(unlock(path, terminal_ask))


def _short(value: Any, width: int = 60) -> str:
    text = "(empty)" if value in (None, "") else str(value).replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def _when(change: Any) -> str:
    at = f" at {change.made_at:%d/%m/%Y %H:%M} UTC" if change.made_at else ""
    return f"by {change.made_by}{at}"


def run_sync(args: argparse.Namespace, services: Any) -> int:
    from ..services.offline import sync as offline_sync

    path: Path = args.file
    if not path.is_file():
        raise UserError("FILE", f"{path} does not exist")
    _unlock(path)
    choices = _choices(args.resolve)
    ctx = services.ctx
    if args.dry_run:
        plan = offline_sync.plan_sync(ctx, path, choices=choices)
        _print_plan(plan)
        print("Dry run: nothing was changed on the server or in the copy.")
        return EXIT_CONFLICTS if plan.unresolved else EXIT_OK
    for key, choice in choices.items():
        offline_sync.resolve(path, key, choice, by=ctx.user)
    plan = offline_sync.plan_sync(ctx, path)
    if plan.unresolved:
        _print_plan(plan)
        print(f"scpdesk: {len(plan.unresolved)} conflict(s) to resolve first; nothing was changed. Run again with "
              "--resolve KEY=mine|theirs for each.", file=sys.stderr)
        return EXIT_CONFLICTS
    result = offline_sync.sync_back(ctx, path, after="refresh" if args.refresh else "release")
    when = f"{result.synced_at:%d/%m/%Y %H:%M} UTC"
    if result.already_synced:
        print(f"Already synced at {when}; the local part is now finished.")
    else:
        print(f"Synced at {when}: {result.applied} change(s) applied, {result.inserted} new record(s), "
              f"{result.deleted} deletion(s), {result.links} link(s), {result.resolved} conflict(s) resolved.")
    for provisional, real in sorted(result.references.items()):
        print(f"  {provisional} is now {real}")
    print("The copy was refreshed: keep working offline." if result.after == "refresh"
          else "The copy was released and removed from this computer.")
    return EXIT_OK


def _print_plan(plan: Any) -> None:
    if plan.already_synced_at is not None:
        print(f"Already synced at {plan.already_synced_at:%d/%m/%Y %H:%M} UTC (sync again to finish here).")
    print(f"{len(plan.apply)} change(s) to apply:")
    for c in plan.apply:
        print(f"  {c.label}  {c.field}: {_short(c.original, 30)} → {_short(c.mine)}  ({_when(c)})")
    if plan.inserts:
        print(f"{len(plan.inserts)} new record(s) to add:")
        for n in plan.inserts:
            print(f"  {n.label}  ({_when(n)})")
    if plan.deletes:
        print(f"{len(plan.deletes)} record(s) to delete:")
        for d in plan.deletes:
            print(f"  {d.label}  ({_when(d)})")
    if plan.links:
        print(f"{len(plan.links)} link(s) to change:")
        for link in plan.links:
            print(f"  {link.label}  {'add' if link.add else 'remove'} {link.entity} {link.target_id}")
    if plan.kept_server:
        print(f"{plan.kept_server} field(s) changed only on the server: kept.")
    for note in plan.not_synced:
        print(f"Not synced (needs the server): {note}")
    for warning in plan.warnings:
        print(f"Warning: {warning}")
    if plan.conflicts:
        print(f"{len(plan.conflicts)} conflict(s) (resolve each with --resolve KEY=mine|theirs):")
        for c in plan.conflicts:
            state = f"resolved: {c.choice}" if c.choice else "UNRESOLVED"
            print(f"  {c.key}  {c.label}  [{c.kind.replace('_', ' ')}; {state}]")
            print(f"      original: {_short(c.original)}")
            print(f"      yours:    {_short(c.mine)}  ({_when(c)})")
            print(f"      theirs:   {_short(c.theirs)}")

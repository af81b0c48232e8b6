"""``scpdesk offline take|status`` (issue 16): take records from the shared server into a local offline copy, and
say what a copy holds (``status`` reads the file alone: no server needed).

    scpdesk --database postgresql://… offline take (--meeting REF | --owner NAME | --referrals REF,...) -o FILE
                                                   [--encrypt] [--passphrase]
    scpdesk offline status FILE [--json]
    scpdesk --database postgresql://… offline sync FILE [--dry-run] [--resolve KEY=mine|theirs ...] [--refresh]

``take`` exits 64 with the reason when the scope names nothing that exists or encryption is required but cannot
be had (nothing is written then); ``status`` exits 2 for a file that is not an offline copy. ``sync`` merges the
copy's work back in one server transaction (the dry run lists what would apply and what conflicts, and changes
nothing); it exits 1 while a conflict is unresolved.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UserError

if TYPE_CHECKING:  # the parser is built on every start: nothing heavy at import time
    from ..services.offline.take import OfflineInfo
    from ..services.registry import Services

EXIT_OK, EXIT_CONFLICTS, EXIT_STORAGE = 0, 1, 2


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
    add_sync_parser(actions)


def run_before_database(args: argparse.Namespace) -> int | None:
    """``offline status`` reads the copy alone: no database is opened for it."""
    if args.command == "offline" and args.offline_command == "status":
        return _status(args)
    return None


def run(args: argparse.Namespace, services: Services) -> int | None:
    if args.command != "offline":
        return None
    if args.offline_command == "sync":
        return run_sync(args, services)
    if args.offline_command != "take":
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


# -- sync ---------------------------------------------------------------------------------------------------

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


def _choices(given: list[str]) -> dict[str, str]:
    out = {}
    for item in given:
        key, sep, choice = item.partition("=")
        if not sep or choice.strip() not in ("mine", "theirs"):
            raise UserError("--resolve", f"write {item!r} as KEY=mine or KEY=theirs (the dry run lists the keys)")
        out[key.strip()] = choice.strip()
    return out


def _unlock(path: Path) -> bool:
    """An encrypted copy: its key made active from the keyring, SCPDESK_DB_PASSPHRASE_FILE or the terminal (True:
    a key was made active here, to be put away when the sync is done)."""
    from ..keys import terminal_ask, unlock
    from ..models import cipher

    if not path.is_file() or not cipher.is_encrypted(path) or cipher.active() is not None:
        return False
    cipher.use(unlock(path, terminal_ask))
    return True


def _short(value: Any, width: int = 60) -> str:
    text = "(empty)" if value in (None, "") else str(value).replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def _when(change: Any) -> str:
    at = f" at {change.made_at:%d/%m/%Y %H:%M} UTC" if change.made_at else ""
    return f"by {change.made_by}{at}"


def run_sync(args: argparse.Namespace, services: Services) -> int:

    path: Path = args.file
    if not path.is_file():
        raise UserError("FILE", f"{path} does not exist")
    unlocked = _unlock(path)
    try:
        return _sync(args, services, path)
    finally:
        if unlocked:
            from ..models import cipher

            cipher.use(None)


def _sync(args: argparse.Namespace, services: Services, path: Path) -> int:
    from ..services.offline import sync as offline_sync

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
    backups = [services.anchors_dir / "backups"] if services.anchors_dir is not None else []
    result = offline_sync.sync_back(ctx, path, after="refresh" if args.refresh else "release", backup_dirs=backups)
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
    sections = (("new record(s) to add", plan.inserts, lambda n: f"{n.label}  ({_when(n)})"),
                ("record(s) to delete", plan.deletes, lambda d: f"{d.label}  ({_when(d)})"),
                ("link(s) to change", plan.links,
                 lambda k: f"{k.label}  {'add' if k.add else 'remove'} {k.entity} {k.target_id}"))
    for title, rows, line in sections:
        if rows:
            print(f"{len(rows)} {title}:")
            for row in rows:
                print(f"  {line(row)}")
    if plan.kept_server:
        print(f"{plan.kept_server} field(s) changed only on the server: kept.")
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

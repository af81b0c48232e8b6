"""Command line: the GUI by default, plus commands for IT staff and scripts. Never imports Qt unless the
window is opened."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import __version__
from .errors import ScpdeskError, StorageError, UserError
from .logs import setup_logging
from .paths import AppPaths, app_paths, sqlite_url, tighten_private_files

if TYPE_CHECKING:
    from .models.schema import PrepareResult

log = logging.getLogger("scpdesk.cli")

EXIT_OK, EXIT_ERROR, EXIT_STORAGE, EXIT_USAGE = 0, 1, 2, 64


class UsageParser(argparse.ArgumentParser):
    """argparse, but a usage error (unknown option, missing argument, bad choice) exits 64 (EX_USAGE): exit
    code 2 means "the database could not be used" in scpdesk. Sub-command parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="scpdesk",
        description="Case reviews for Safeguarding Children Partnerships. With no command, opens the app.")
    parser.add_argument("--version", action="version", version=f"scpdesk {__version__}")
    parser.add_argument("--database", metavar="URL",
                        help="database URL, e.g. postgresql://user@server/scpdesk (default: SCPDESK_DATABASE_URL, "
                             "else the local file in the data folder)")
    parser.add_argument("--data-dir", metavar="DIR", type=Path,
                        help="folder for the local database, backups, logs and settings (default: SCPDESK_HOME, "
                             "else your user data folder)")
    parser.add_argument("--demo", action="store_true",
                        help="open a separate demo database filled with fictional records (never your real one)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check this installation end to end in a temporary folder (or on the empty "
                             "database given by --database), print each step, exit 0 if it works")
    parser.add_argument("--language", choices=["en", "cy"],
                        help="the window's language for this start: en (English) or cy (Cymraeg); default: the "
                             "one last chosen in File > Language")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="create or upgrade the schema (the only way on a shared server)")
    backup = db_commands.add_parser("backup", help="write a consistent copy of the database to PATH")
    backup.add_argument("path", type=Path, metavar="PATH")
    db_commands.add_parser("check", help="check integrity, schema version and the audit chain (exit 1 if broken)")
    restore = db_commands.add_parser(
        "restore", help="replace the local database file with a verified copy of BACKUP (the current file is "
                        "backed up first); for a shared server use pg_restore")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    encrypt = db_commands.add_parser(
        "encrypt", help="encrypt the local database file (SQLCipher); the key goes to the OS keyring unless "
                        "--passphrase (asked at every start, or read from SCPDESK_DB_PASSPHRASE_FILE)")
    encrypt.add_argument("--passphrase", action="store_true", help="protect it with a passphrase instead")
    encrypt.add_argument("--remove-plain-copies", action="store_true",
                         help="after a verified encrypted backup, delete the unencrypted backups of the file")
    db_commands.add_parser("decrypt", help="turn an encrypted local database file back into a plain one")
    roles = ("scpdesk_viewer, scpdesk_coordinator (edit records), scpdesk_identity (real identities), "
             "scpdesk_admin (settings, directory, upgrades)")
    for action, verb in (("grant", "give"), ("revoke", "take back")):
        change = db_commands.add_parser(action, help=f"{verb} a login one of the scpdesk roles (shared server)",
                                        description=f"ROLE is one of {roles}.")
        change.add_argument("login", metavar="USER", help="the PostgreSQL login (create it first: CREATE ROLE "
                                                          "name LOGIN)")
        change.add_argument("role", metavar="ROLE", help=roles)

    deadlines = commands.add_parser("deadlines", help="every open clock, most urgent first")
    deadlines.add_argument("--within", type=int, metavar="N",
                           help="only clocks due within N calendar days (overdue ones are always shown)")
    deadlines.add_argument("--json", action="store_true", help="machine-readable output")
    deadlines.add_argument("--ics", action="store_true",
                           help="write every open deadline as all-day calendar events (for Outlook) to -o FILE")
    deadlines.add_argument("-o", "--output", type=Path, metavar="FILE", help="the calendar file (with --ics)")

    commands.add_parser("demo-data", help="fill an empty database (given by --database) with the demo records")

    import_ = commands.add_parser("import", help="import records from a spreadsheet (all or nothing)")
    import_what = import_.add_subparsers(dest="import_what", metavar="WHAT", required=True)
    import_referrals = import_what.add_parser(
        "referrals", help="import referrals from a .csv or .xlsx file (columns: reference, received_date, "
                          "referrer_agency, child_pseudonym, incident_date, la_aware_date, partners_aware_date, "
                          "route, summary)")
    import_referrals.add_argument("file", type=Path, metavar="FILE")

    export = commands.add_parser("export", help="export records to a spreadsheet")
    export_what = export.add_subparsers(dest="export_what", metavar="WHAT", required=True)
    export_referrals = export_what.add_parser("referrals", help="export every referral (pseudonyms only)")
    export_referrals.add_argument("--format", dest="format", metavar="{csv,xlsx}",
                                  help="file format (default: from the file name's extension)")
    export_referrals.add_argument("-o", "--output", type=Path, metavar="FILE", required=True,
                                  help="the file to write (replaced if it exists)")
    from .commands import extensions

    for extension in extensions():
        extension.add_parsers(commands, import_what, export_what)
    return parser


def resolve_url(args: argparse.Namespace, paths: AppPaths) -> str:
    if args.demo:
        if args.database:
            raise UserError("--demo", "--demo opens its own demo database; leave out --database")
        return sqlite_url(paths.demo_database)
    url = args.database or os.environ.get("SCPDESK_DATABASE_URL")
    if url:
        return url
    return sqlite_url(paths.database)


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """The message for the first argument holding bytes that are not text in the system's encoding (Python
    keeps them as lone surrogates, which no database driver or file name encoder accepts), or None."""
    for i, arg in enumerate(argv):
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
            after = f" (after {argv[i - 1]})" if i and undecodable_argument([argv[i - 1]]) is None else ""
            return (f"the argument {shown}{after} is not valid text (bytes that are not UTF-8); retype it, or "
                    "save the text that holds it as UTF-8")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    real = sys.stdout
    out = sys.stdout = ReaderMayLeave(real)
    try:
        code = _main(argv)
        out.flush()
    except BrokenPipeError:  # a write that bypassed the guard: the command did not finish, but nothing failed
        out.reader_gone()
        code = EXIT_OK
    finally:
        sys.stdout = real
    return code


class ReaderMayLeave:
    """Standard output for a reader that may stop reading (``scpdesk reviews | head -1``): that is not an
    error. The first write that meets the closed pipe sends the rest of the output to /dev/null (nothing on
    stderr, no traceback) and the command carries on to its usual exit code — 0 for a listing, 1 from
    ``db check`` that found problems — whenever the reader left."""

    def __init__(self, stream: Any) -> None:
        # Started with standard output closed (``scpdesk reviews >&-``, a service without one): Python gives
        # None. Nobody can read the output, as if the reader had left before the first write.
        self._stream = stream if stream is not None else open(os.devnull, "w", encoding="utf-8")
        self.gone = stream is None

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self.reader_gone()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self.reader_gone()

    def reader_gone(self) -> None:
        if not self.gone:
            log.debug("the reader of standard output closed it; the rest of the output is dropped")
        self.gone = True
        try:  # what is still buffered, and Python's own flush at exit, go to /dev/null
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # not a file (tests, embedding): nothing to redirect
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    problem = undecodable_argument(sys.argv[1:] if argv is None else argv)
    if problem is not None:
        print(f"scpdesk: {problem}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if args.command == "deadlines" and (args.ics or args.output is not None):
        if not args.ics or args.output is None or args.json or args.within is not None:
            parser.error("write the calendar with --ics -o FILE (e.g. scpdesk deadlines --ics -o deadlines.ics); "
                         "--json and --within do not go with it")
    if args.smoke_test:
        return _smoke_test(parser, args)
    paths = app_paths(args.data_dir)
    setup_logging(paths.log_dir, verbose=args.verbose, stderr=args.command is not None or args.verbose)
    log.info("%s", paths.describe())
    try:
        paths.ensure()
        url = resolve_url(args, paths)
        from .keys import local_path

        tighten_private_files(paths, local_path(url))
        if args.command is not None and not (args.command == "db" and args.db_command == "encrypt"):
            from .keys import local_path, terminal_ask, unlock

            unlock(local_path(url), terminal_ask)
        if args.command is None:
            return _gui(args, url, paths)
        return _command(args, url, paths)
    except UserError as exc:
        print(f"scpdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StorageError as exc:
        print(f"scpdesk: {exc}", file=sys.stderr)
        return EXIT_STORAGE
    except ScpdeskError as exc:
        print(f"scpdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        raise  # not a storage fault: the reader went away (main exits quietly)
    except OSError as exc:
        print(f"scpdesk: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_STORAGE


def _smoke_test(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """``--smoke-test``: before the data folder is even looked at (it never touches the user's folder, log or
    database; SCPDESK_DATABASE_URL is ignored: only --database names a database for it)."""
    if args.command is not None or args.demo or args.data_dir is not None:
        parser.error("--smoke-test runs on its own temporary folder and demo records: give it only --database "
                     "(an empty database) if any option")
    setup_logging(None, verbose=args.verbose)  # warnings to standard error; no log file of the user's written
    from .smoke import run_smoke_test

    return run_smoke_test(args.database, out=sys.stdout)


def upgrade_database(url: str, paths: AppPaths) -> tuple[str, str | None, PrepareResult]:
    """``db upgrade`` (and the smoke test's migration): create or upgrade the schema, a local file backed up
    first. Returns the database's description, the revision it had (None: new) and what was done."""
    from .clock import SystemClock
    from .models import schema
    from .models.database import open_database

    db = open_database(url)
    try:
        schema.refuse_if_missing(db, paths.backups)
        before = schema.current_revision(db)
        result = schema.prepare(db, backup_dir=paths.backups, allow_upgrade=True, today=SystemClock().today())
    finally:
        db.dispose()
    return db.describe(), before, result


def _restore(args: argparse.Namespace, url: str, paths: AppPaths) -> int:
    """``db restore BACKUP``: verify, back up the current file, swap atomically, reopen (upgrading if needed)."""
    from .models import schema
    from .models.database import open_database

    db = open_database(url, create_dir=False)
    target = db.sqlite_path
    db.dispose()
    if not db.is_sqlite:
        raise StorageError("scpdesk does not restore a shared server itself.",
                           hint="IT staff restore a pg_dump file with pg_restore (see the README, 'Shared "
                                "server'), with everyone's scpdesk closed.")
    if target is None:
        raise UserError("--database", "an in-memory database cannot be restored")
    result = schema.restore(target, args.backup, paths.backups)
    db = open_database(url)
    try:
        prepared = schema.prepare(db, backup_dir=None)
    finally:
        db.dispose()
    print(f"Restored {target} from {args.backup} (schema {result.revision}"
          f"{', upgraded to ' + prepared.revision_after if prepared.upgraded else ''}; "
          f"{result.counts.get('referral', 0)} referrals, {result.counts.get('review', 0)} reviews).")
    if result.previous is not None:
        print(f"The file it replaced was kept as {result.previous}.")
    return EXIT_OK


def no_screen(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why the window cannot open here (a Linux server or SSH session with no display and no Qt platform chosen),
    or None. Qt would abort the process (SIGABRT, a core dump holding what was read) instead of saying so."""
    env = os.environ if environ is None else environ
    chosen = any(env.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"))
    if chosen or (platform or sys.platform).startswith(("win", "darwin")):
        return None
    return ("there is no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Start "
            "scpdesk from a desktop session, use its commands (scpdesk --help), or check this installation with "
            "scpdesk --smoke-test")


def _gui(args: argparse.Namespace, url: str, paths: AppPaths) -> int:
    problem = no_screen()
    if problem is not None:
        raise UserError("", problem)
    demo_setup = False
    if args.demo:
        # A fresh demo database each time, so its clocks sit around today's date.
        for suffix in ("", "-wal", "-shm"):
            Path(str(paths.demo_database) + suffix).unlink(missing_ok=True)
        demo_setup = True
    reading = None
    if not demo_setup:  # (the demo file is rebuilt first)
        # The first rows are read from the file while Qt and the window's modules load (see PageReading).
        from .clock import default_clock
        from .identity import os_user
        from .keys import local_path
        from .services.referrals.first_page import HOLIDAYS_FILE, PageReading

        reading = PageReading(local_path(url), today=default_clock().today(), holidays_file=paths.data_dir /
                              HOLIDAYS_FILE, login=os_user())
    from .app import run_gui  # the only import of Qt on this path

    return run_gui(url, paths, demo_setup=demo_setup, reading=reading, language=args.language)


def _command(args: argparse.Namespace, url: str, paths: AppPaths) -> int:
    from .models import schema
    from .models.database import open_database

    if args.command == "db":
        if args.db_command == "upgrade":
            where, before, result = upgrade_database(url, paths)
            if result.upgraded:
                saved = f" (backup: {result.backup})" if result.backup else ""
                print(f"Upgraded {where} from schema {before or 'none'} to {result.revision_after}{saved}.")
            else:
                print(f"{where} is up to date (schema {result.revision_after}).")
            return EXIT_OK
        if args.db_command == "restore":
            return _restore(args, url, paths)
        if args.db_command == "backup":
            db = open_database(url, create_dir=False)
            try:
                schema.require_existing(db, paths.backups)
                schema.current_revision(db)  # refuses a file that is not an scpdesk database
                backup_file = schema.backup(db, args.path)
            finally:
                db.dispose()
            print(f"Backed up {db.describe()} to {backup_file}.")
            return EXIT_OK
        if args.db_command in ("encrypt", "decrypt"):
            encrypting = args.db_command == "encrypt"
            return _convert(url, paths, encrypt=encrypting, passphrase=encrypting and args.passphrase,
                            remove_plain=encrypting and args.remove_plain_copies)
        if args.db_command in ("grant", "revoke"):
            return _change_role(url, args.login, args.role, grant=args.db_command == "grant")
        db = open_database(url, create_dir=False)
        try:
            schema.require_existing(db, paths.backups)
            report = schema.check(db, data_dir=paths.data_dir, backups=paths.backups)
        finally:
            db.dispose()
        print(db.describe())
        print("\n".join(report.lines()))
        return EXIT_OK if report.ok else EXIT_ERROR

    from .commands import extensions

    for extension in extensions():  # commands that read a file of their own, no database (offline status)
        before = getattr(extension, "run_before_database", None)
        code = before(args) if before is not None else None
        if code is not None:
            return int(code)
    from .identity import os_user
    from .services.registry import open_services

    if args.command != "demo-data" and url != sqlite_url(paths.database) and not args.demo:
        # A file named by --database or SCPDESK_DATABASE_URL is created only by the window, `db upgrade` and
        # `demo-data` (the data folder's own file, on a first start, by any command): a mistyped path must never
        # answer "No open clocks" about an empty database made on the spot (exit 2, naming the path).
        probe = open_database(url, create_dir=False)
        try:
            schema.require_existing(probe, paths.backups)
        finally:
            probe.dispose()
    # The demo file is thrown away and rebuilt: no backups of it. On a server the audit names session_user.
    services = open_services(url, user=os_user(), backup_dir=None if args.demo else paths.backups)
    try:
        for extension in extensions():
            code = extension.run(args, services)
            if code is not None:
                return code
        if args.command == "deadlines" and args.ics:
            from .services.today_calendar import export_deadlines_ics

            written = export_deadlines_ics(services.ctx, args.output)
            print(f"Deadlines written to {written} (pseudonyms only; subscribe to it in your calendar).")
            return EXIT_OK
        if args.command == "deadlines":
            from .services.deadlines import open_deadlines

            found = open_deadlines(services.ctx, within_days=args.within)
            if args.json:
                print(json.dumps([d.as_json() for d in found], indent=2))
            elif not found:
                print("No open clocks.")
            else:
                width = max(len(d.reference) for d in found)
                clock_width = max(len(d.clock) for d in found)
                print(f"{'Due':<11} {'Record':<{width}}  {'Clock':<{clock_width}}  State")
                for d in found:
                    due = d.due_date.isoformat() if d.due_date is not None else "—"
                    print(f"{due:<11} {d.reference:<{width}}  {d.clock:<{clock_width}}  {d.state}")
            return EXIT_OK
        if args.command == "demo-data":
            from .services.demo import fill_demo_data

            summary = fill_demo_data(services.ctx)
            print(f"Demo data added to {services.describe_database()}: {summary.referrals} referrals, "
                  f"{summary.meetings} meetings, {summary.reviews} reviews.")
            return EXIT_OK
        if args.command == "import":
            from .services.referrals.referral_io import import_referrals

            try:
                imported = import_referrals(services.ctx, args.file)
            except UserError as exc:
                for error in getattr(exc, "errors", [exc]):
                    print(error, file=sys.stderr)
                print("Nothing was imported.", file=sys.stderr)
                return EXIT_USAGE
            print(f"Imported {imported.count} {'referral' if imported.count == 1 else 'referrals'} from {args.file}.")
            if imported.created_agencies:
                print(f"New agencies added (kind: other): {', '.join(imported.created_agencies)}.")
            return EXIT_OK
        if args.command == "export":
            from .services.referrals.referral_io import FORMATS, export_referrals

            fmt = (args.format or args.output.suffix.lstrip(".")).lower()
            if fmt not in FORMATS:
                raise UserError("--format", f"choose csv or xlsx{f', not {fmt}' if fmt else ''} (or name the "
                                            "file .csv or .xlsx)")
            count = export_referrals(services.ctx, args.output, fmt)
            print(f"Exported {count} {'referral' if count == 1 else 'referrals'} to {args.output}.")
            return EXIT_OK
    finally:
        services.close()
    raise UserError("command", f"unknown command {args.command}")  # pragma: no cover - argparse guards


def _convert(url: str, paths: AppPaths, *, encrypt: bool, passphrase: bool, remove_plain: bool = False) -> int:
    """``db encrypt`` / ``db decrypt``: convert the local file (verified; the original kept in the backups)."""
    from .keys import forget_keyring, local_path, new_key, terminal_ask
    from .models import cipher, schema

    target = local_path(url)
    if target is None:
        raise UserError("--database", "only a local database file is encrypted by scpdesk (a shared server is "
                                      "protected by IT: disk encryption and TLS)")
    if not target.is_file():
        raise UserError("--database", f"{target} does not exist")
    if encrypt and cipher.is_encrypted(target):
        if not remove_plain:
            raise UserError("db encrypt", f"{target} is already encrypted (add --remove-plain-copies to delete "
                                          "its unencrypted backups)")
        from .keys import unlock

        unlock(target, terminal_ask)
        fresh, removed = schema.remove_plain_copies(target, paths.backups)
        print(f"{target} is already encrypted. Encrypted backup: {fresh}. Removed {len(removed)} unencrypted "
              f"backup(s) from {paths.backups}.")
        return EXIT_OK
    if encrypt:
        key = new_key(target, passphrase=passphrase, ask=terminal_ask)
        cipher.use(key)
    else:
        _refuse_if_encryption_required(url)
    result = schema.convert(target, paths.backups, encrypt=encrypt)
    if not encrypt:
        forget_keyring(target)
    where = "the OS keyring" if encrypt and not passphrase else "your passphrase"
    print(f"{'Encrypted' if encrypt else 'Decrypted'} {target} ({result.counts.get('referral', 0)} referrals, "
          f"{result.counts.get('review', 0)} reviews)" + (f"; the key is in {where}." if encrypt else "."))
    if encrypt and remove_plain:
        fresh, removed = schema.remove_plain_copies(target, paths.backups)
        print(f"Encrypted backup: {fresh}. Removed {len(removed)} unencrypted backup(s) from {paths.backups}"
              " (deleting a file does not wipe its blocks on every disk: whole-disk encryption such as BitLocker"
              " covers that).")
    elif result.previous is not None:
        state = ("unencrypted: delete it once you have checked the new file, or run scpdesk db encrypt "
                 "--remove-plain-copies next time" if encrypt else "encrypted")
        print(f"The original file was kept as {result.previous} ({state}).")
    if encrypt and not remove_plain:
        plain = [b.path for b in schema.list_backups(paths.backups, target.stem) if not cipher.is_encrypted(b.path)]
        if plain:
            print(f"{len(plain)} backup(s) in {paths.backups} are unencrypted copies of the same records.")
    return EXIT_OK


def _refuse_if_encryption_required(url: str) -> None:
    """``db decrypt`` of a file whose partnership requires encryption: refused (the setting is turned off first)."""
    from .models.database import open_database
    from .services.settings import SETTING_KEYS, load_settings

    db = open_database(url, create_dir=False)
    try:
        with db.sessions() as session:
            required = load_settings(session).require_encryption
    finally:
        db.dispose()
    if required:
        raise UserError("db decrypt", "your partnership requires local database files to be encrypted "
                        f"(setting '{SETTING_KEYS['require_encryption'].label}'): a plain copy of every record "
                        "would break that rule. Someone who may change settings turns it off first, if the "
                        "partnership agrees.")


def _change_role(url: str, login: str, role: str, *, grant: bool) -> int:
    """``scpdesk db grant|revoke USER ROLE``: IT gives or takes back one of the four roles."""
    from sqlalchemy.exc import DBAPIError

    from .models import roles, schema
    from .models.database import open_database

    role = role.strip().lower()
    if role not in roles.ROLES:
        raise UserError("ROLE", f"'{role}' is not an scpdesk role; choose one of {', '.join(roles.ROLES)}")
    db = open_database(url, create_dir=False)
    try:
        if db.is_sqlite:
            raise UserError("--database", "roles exist only on a shared PostgreSQL server; a local file belongs "
                                          "to the Windows or Linux account that owns it (give --database "
                                          "postgresql://...)")
        try:
            with db.engine.begin() as conn:
                changed = roles.change_membership(conn, login, role, grant=grant)
        except LookupError:
            raise UserError("USER", f"there is no login '{login}' on {db.describe()}; create it first "
                                    f"(CREATE ROLE \"{login}\" LOGIN; or with Windows sign-on, the name in "
                                    "pg_ident.conf)") from None
        except PermissionError as exc:
            raise StorageError(f"Your login may not {'grant' if grant else 'revoke'} {role}.",
                               hint="Run this as a PostgreSQL superuser or a login with CREATEROLE (and "
                                    "ADMIN OPTION on the role).") from exc
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42704":
                raise StorageError(f"The role {role} does not exist on {db.describe()}.",
                                   hint="Create it and its grants with: scpdesk --database URL db upgrade") from exc
            raise schema._storage_error(exc, db) from exc
    finally:
        db.dispose()
    if grant:
        print(f"Granted {role} to {login} ({roles.ROLES[role]})." if changed else f"{login} already has {role}.")
    else:
        print(f"Revoked {role} from {login}." if changed else f"{login} did not have {role}; nothing to revoke.")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

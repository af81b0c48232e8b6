"""``scpdesk --smoke-test [--database URL]``: prove that this installation works, end to end, in a minute.

The same code runs from the source tree and from the frozen build (a build machine, IT checking an install):
a new database in a temporary private folder (or the empty one given by ``--database``) is migrated the way
``scpdesk db upgrade`` does it, filled with the demo records the way ``--demo`` does, a meeting pack and a
learning summary are written as PDFs by the real services and read back, and the main window is started the
way ``scpdesk`` starts it (offscreen when no screen is set) until its first rows are on screen, then closed.

One line per step says what was done with counts, sizes and timings only: never a name or free text from a
record (the demo is fictional, but the same lines are printed on a partnership's server). It never touches the
user's data folder, log or settings, nor the database of ``SCPDESK_DATABASE_URL``: only ``--database`` names a
database, and that one must hold no records (see :func:`_refuse_records`).

Qt is imported inside the window step only, by ``scpdesk.smoke_window`` (the command line never loads it otherwise).
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from . import __version__
from .errors import ScpdeskError, StorageError
from .paths import AppPaths, sqlite_url

if TYPE_CHECKING:
    from .services.registry import Services

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERROR, EXIT_STORAGE = 0, 1, 2
#: How long the window may take to show its first rows before the step fails (a slow CI machine, a cold
#: PostgreSQL server: generous; a hang is what it catches).
WINDOW_TIMEOUT_S = 180.0


class StepFailed(Exception):
    """A step found something wrong that is not an exception of its own (a PDF with no pages, no rows)."""


@dataclass
class _Run:
    out: TextIO
    started: float = field(default_factory=time.perf_counter)
    steps: int = 0

    def say(self, step: str, text: str) -> None:
        self.out.write(f"smoke: {step}: {text}\n")
        self.out.flush()

    @contextmanager
    def step(self, name: str, *, counted: bool = True) -> Iterator[None]:
        """Run one step; any exception is reported as this step's failure (raised on as ``_Failure``)."""
        try:
            yield
        except _Failure:
            raise
        except BaseException as exc:
            raise _Failure(name, exc) from exc
        self.steps += counted


class _Failure(Exception):
    def __init__(self, step: str, cause: BaseException) -> None:
        super().__init__(step)
        self.step = step
        self.cause = cause


def _ms(since: float) -> str:
    return f"{(time.perf_counter() - since) * 1000:.0f} ms"


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024:.1f} KiB"


def why(exc: BaseException) -> str:
    """What went wrong, for the failure line: the app's own message (written for users, never record text in
    the storage and check errors), else the type and message of an unexpected error."""
    if isinstance(exc, ScpdeskError):
        return str(exc).replace("\n", " ")
    text = str(exc).strip().replace("\n", " ")
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_smoke_test(database_url: str | None, *, out: TextIO) -> int:
    """Run every step, printing one line each on ``out``; the exit code: 0 all passed, 2 the database could not
    be used (unreachable, refused because it holds records, too new), 1 any other failure (named on ``out``)."""
    run = _Run(out)
    run.say("start", f"scpdesk {__version__}, Python {sys.version.split()[0]}, "
                     f"{'frozen build' if getattr(sys, 'frozen', False) else 'source'} ({sys.platform})")
    folder: Path | None = None
    try:
        with run.step("folder"):
            folder = Path(tempfile.mkdtemp(prefix="scpdesk-smoke-"))  # 0700: mkdtemp's own mode
            os.chmod(folder, stat.S_IRWXU)
            paths = AppPaths(data_dir=folder / "data", log_dir=folder / "data" / "logs",
                             config_dir=folder / "data" / "config").ensure()
            run.say("folder", f"temporary data folder {folder} (owner only; removed at the end)")
        url = database_url or sqlite_url(paths.data_dir / "smoke.sqlite3")
        _database_steps(run, url, paths)
        _window_step(run, url, paths)
    except _Failure as failure:
        run.say("FAILED", f"step '{failure.step}': {why(failure.cause)}")
        if not isinstance(failure.cause, Exception):  # KeyboardInterrupt, SystemExit: not swallowed
            raise failure.cause from None
        return EXIT_STORAGE if isinstance(failure.cause, StorageError) else EXIT_ERROR
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            if folder.exists():  # pragma: no cover - a file held open (Windows): say so, never silently
                run.say("cleanup", f"could not remove {folder}; delete it by hand")
            else:
                run.say("cleanup", "temporary data folder removed")
    run.say("passed", f"{run.steps} steps in {time.perf_counter() - run.started:.1f} s")
    return EXIT_OK


def _database_steps(run: _Run, url: str, paths: AppPaths) -> None:
    from .cli import upgrade_database
    from .models import schema
    from .models.database import open_database

    with run.step("database"):
        db = open_database(url, create_dir=False)
        try:
            where = db.describe()
            _refuse_records(db)
        finally:
            db.dispose()
        run.say("database", f"{where}: holds no records")
    with run.step("migrate"):
        started = time.perf_counter()
        _, before, result = upgrade_database(url, paths)
        run.say("migrate", f"schema {before or 'none'} -> {result.revision_after} in {_ms(started)} "
                           f"(as 'scpdesk db upgrade')")
        if result.revision_after != schema.HEAD_REVISION:
            raise StepFailed(f"the schema is {result.revision_after}, not {schema.HEAD_REVISION}")
    services = _open(run, url, paths)
    done = False
    try:
        with run.step("demo"):
            from .services.demo import fill_demo_data

            started = time.perf_counter()
            summary = fill_demo_data(services.ctx)
            run.say("demo", f"{summary.referrals} referrals, {summary.meetings} meetings, {summary.reviews} reviews, "
                            f"{summary.actions} actions, {summary.agencies} agencies, {summary.people} people "
                            f"in {_ms(started)} (as --demo)")
            if not (summary.referrals and summary.meetings and summary.reviews):
                raise StepFailed("the demo made no referrals, meetings or reviews")
        with run.step("meeting pack"):
            _meeting_pack(run, services, paths.data_dir / "smoke-meeting-pack.pdf")
        with run.step("learning summary"):
            _learning_summary(run, services, paths.data_dir / "smoke-learning-summary.pdf")
        done = True
    finally:
        if done:  # closing is part of working: the audit chain's head is recorded as the app records it
            with run.step("close", counted=False):
                services.close()
        else:  # a step failed already: that is the failure to report
            try:
                services.close()
            except Exception as exc:  # noqa: BLE001 - said in the log; the failed step is what is printed
                log.warning("closing the database after a failed step: %s", why(exc))


def _refuse_records(db: Any) -> None:
    """The database given must hold no records: empty (no tables), or an scpdesk schema with nothing in it but
    what its migrations put there (``scpdesk db upgrade`` on a new database). Anything else is refused before
    anything is written: demo records must never mix with a partnership's real ones. A database an earlier
    smoke test filled is refused too (it holds the demo): give a new empty database each time."""
    from .models import schema

    held = schema.held_records(db)
    if held:
        total = sum(held.values())
        raise StorageError(f"{db.describe()} already holds records ({total} rows in {len(held)} tables, e.g. "
                           f"{', '.join(list(held)[:3])}); the smoke test writes demo records and never does that "
                           "next to other data. Nothing was written.",
                           hint="Give --database an empty database (CREATE DATABASE scpdesk_smoke), or leave "
                                "--database out to test on a temporary local file.")


def _open(run: _Run, url: str, paths: AppPaths) -> Services:
    from .identity import os_user
    from .services.registry import open_services

    with run.step("open"):
        started = time.perf_counter()
        services = open_services(url, user=os_user(), backup_dir=paths.backups)
        run.say("open", f"services opened in {_ms(started)} as the app opens them")
    return services


def _check_pdf(path: Path, pages: int | None) -> int:
    from .reports.pdf_pages import count_pages

    read = count_pages(path)
    if read <= 0:
        raise StepFailed(f"{path.name} has no pages")
    if pages is not None and pages != read:
        raise StepFailed(f"{path.name} has {read} pages, the report said {pages}")
    return read


def _meeting_pack(run: _Run, services: Services, target: Path) -> None:
    entries = services.meetings.list_entries()
    if not entries:
        raise StepFailed("the demo has no meetings")
    entry = max(entries, key=lambda e: e.row.items)  # the fullest agenda: every part of a pack is drawn
    meeting_id = services.meetings.find(entry.row.reference)
    if meeting_id is None:
        raise StepFailed("a listed meeting was not found by its reference")
    started = time.perf_counter()
    result = services.packs.produce(meeting_id, target)
    pages = _check_pdf(target, result.pages)
    run.say("meeting pack", f"{entry.row.items} agenda items, {pages} pages, {_size(target)} in {_ms(started)}; "
                            "pypdf reads it")


def _learning_summary(run: _Run, services: Services, target: Path) -> None:
    from .services.library.library import LibraryQuery

    review_ids = services.library.ids(LibraryQuery())
    written = next((i for i in review_ids if not services.summaries.content(i).empty), None)
    if written is None:
        raise StepFailed(f"none of the demo's {len(review_ids)} reviews has a learning summary")
    started = time.perf_counter()
    pages = _check_pdf(target, services.summaries.export(written, target, fmt="pdf"))
    run.say("learning summary", f"{pages} pages, {_size(target)} in {_ms(started)} (one of {len(review_ids)} "
                                "reviews); pypdf reads it")


def _window_step(run: _Run, url: str, paths: AppPaths) -> None:
    # A smoke test must run on a build machine or a server with no screen (CI, IT's packaging VM): without a
    # platform chosen, Qt would abort there ("could not connect to display"). "offscreen" draws into memory
    # with the same widgets, so the window is built, painted and read exactly as on a desktop. It is set before
    # PySide6 is first imported (Qt reads it when the application object is made); a platform chosen by the
    # caller (QT_QPA_PLATFORM=windows, xcb) is kept, to watch the window appear.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with run.step("window"):
        # Said first: should Qt abort the process (a frozen build without its platform plugin does, beyond
        # any except), the last line names this step.
        run.say("window", f"starting the app's window (Qt platform {os.environ['QT_QPA_PLATFORM']})")
        started = time.perf_counter()
        from .smoke_window import show_and_close

        shown = show_and_close(url, paths, timeout_s=WINDOW_TIMEOUT_S)
        run.say("window", f"first rows on screen in {shown.first_rows_ms:.0f} ms "
                          f"({shown.today_rows} on Today, {shown.referral_rows} referrals listed), "
                          f"closed after {_ms(started)}")

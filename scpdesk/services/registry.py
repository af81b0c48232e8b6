"""The services a screen may call, built once per database by a composition root."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import Clock, default_clock
from ..errors import StorageError
from ..models import schema
from ..models.audit import record_anchor
from ..models.database import Database, open_database
from .access import Access, local_access, server_access
from .areas import (
    ActionPlans,
    ArchiveRequests,
    Directory,
    LearningSummaries,
    MeetingCalendar,
    MeetingPacks,
    OrganisationSettingsArea,
)
from .figures_files import FigureFiles
from .history import ReferralHistoryEntry, referral_history
from .library.review_screen import ReviewArea
from .organisation.directory import AgencyDTO, ThemeDTO, list_agencies, list_themes
from .panel.meetings import MeetingService
from .referrals.referral_screen import ReferralArea, screen_of
from .referrals.workflow import WorkflowService
from .uow import ServiceContext

if TYPE_CHECKING:
    from .dto import ReviewRow
    from .figures import Figures, Period
    from .library.before import CameUpBefore
    from .library.library import LibraryListing, LibraryQuery, LibraryView
    from .library.review_io import ReviewImportResult
    from .offline.area import OfflineArea
    from .referrals.referral_io import ImportResult
    from .today import TodayList


@dataclass
class Services:
    ctx: ServiceContext
    #: Where the audit chain's head is anchored at start and close (the data folder), if anywhere.
    anchors_dir: Path | None = None

    def __post_init__(self) -> None:
        self.referrals = ReferralArea(self.ctx)
        self.reviews = ReviewArea(self.ctx)
        self.meetings = MeetingService(self.ctx)
        self.workflow = WorkflowService(self.ctx, screen_of=screen_of)
        self.library = LibraryArea(self.ctx)
        self.referral_files = ReferralFiles(self.ctx)

    def agencies(self) -> list[AgencyDTO]:
        return list_agencies(self.ctx)

    def themes(self) -> list[ThemeDTO]:
        return list_themes(self.ctx)

    def referral_history(self, referral_id: int) -> list[ReferralHistoryEntry]:
        return referral_history(self.ctx, referral_id)

    # --- The Panel, the Library detail and the Settings window (issue 12: the UI calls only this facade) ------
    @cached_property
    def plans(self) -> ActionPlans:
        return ActionPlans(self.ctx)

    @cached_property
    def summaries(self) -> LearningSummaries:
        return LearningSummaries(self.ctx)

    @cached_property
    def archive(self) -> ArchiveRequests:
        return ArchiveRequests(self.ctx)

    @cached_property
    def directory(self) -> Directory:
        return Directory(self.ctx)

    @cached_property
    def settings(self) -> OrganisationSettingsArea:
        return OrganisationSettingsArea(self.ctx)

    @cached_property
    def calendar(self) -> MeetingCalendar:
        return MeetingCalendar(self.ctx)

    @cached_property
    def packs(self) -> MeetingPacks:
        return MeetingPacks(self.ctx)

    @cached_property
    def offline(self) -> OfflineArea:
        """Offline copies (issue 16): take records offline, who holds what, a copy's banner, its sync back."""
        from .offline.area import OfflineArea

        def open_server(url: str) -> ServiceContext:  # the server a copy came from, signed in as this account
            return open_services(url, user=self.ctx.os_account, backup_dir=None, clock=self.ctx.clock).ctx

        backups = (self.anchors_dir / "backups",) if self.anchors_dir is not None else ()
        return OfflineArea(self.ctx, open_server, backup_dirs=backups)

    @cached_property
    def figure_files(self) -> FigureFiles:
        """The figures' PDF, workbook, chart SVG and PNG (issue 14)."""
        return FigureFiles(self.ctx)

    @property
    def access(self) -> Access:
        """What the current login may do (the screens hide or disable the rest, and say why)."""
        return self.ctx.access

    @property
    def db(self) -> Database:
        return self.ctx.db

    def describe_database(self) -> str:
        return self.ctx.db.describe()

    def close(self) -> None:
        record_anchor(self.ctx.db, "close", data_dir=self.anchors_dir)
        self.ctx.db.dispose()

    # --- The Today view (issue 14) ------------------------------------------------------------------------
    def today_list(self, *, everything: bool = False) -> TodayList:
        """Every open item with a date (overdue, waiting for a start date, this week, the next 4 weeks; with
        ``everything`` later ones too) and the signed-in person ("mine")."""
        from .today import today_list

        return today_list(self.ctx, everything=everything)

    def export_deadlines_ics(self, path: str | os.PathLike[str]) -> Path:
        """Every open deadline as all-day calendar events in ``path`` (pseudonyms only, audited, written whole)."""
        from .today_calendar import export_deadlines_ics

        return export_deadlines_ics(self.ctx, path)

    # --- The partnership's figures (issue 14): the Figures screen runs this in the task runner -----------------
    def figures(self, period: Period) -> Figures:
        """The figures for ``period`` as things stand today: the numbers the screen, the JSON and the files show."""
        from .figures import compute_figures

        return compute_figures(self.ctx, period)

    # --- The Referrals side, the library and the window (issue 12: the UI calls only this facade) ----------
    def idle_lock_minutes(self) -> int:
        """After how many idle minutes the window locks (the partnership's setting)."""
        from .settings import get_settings

        return get_settings(self.ctx).idle_lock_minutes


def file_format(path: str | os.PathLike[str]) -> str:
    """A spreadsheet's format from the file's extension (``.csv``; anything else is a workbook)."""
    return "csv" if Path(path).suffix.lower() == ".csv" else "xlsx"


class ReferralFiles:
    """Referral spreadsheets in (all or nothing) and out (pseudonyms only)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def import_file(self, path: Path) -> ImportResult:
        from .referrals.referral_io import import_referrals

        return import_referrals(self.ctx, path)

    def export_file(self, path: Path) -> int:
        from .referrals.referral_io import export_referrals

        return export_referrals(self.ctx, path, file_format(path))

    def print_list(self, path: Path, headers: Sequence[str], rows: Sequence[Sequence[str]], *,
                   note: str = "") -> int:
        """The list as the screen shows it, printed to a PDF (audited as printed)."""
        from .referrals.referral_io import print_referral_list

        return print_referral_list(self.ctx, path, headers, rows, note=note)


class LibraryArea:
    """The Review Library's big list (ids from one filtering, sorting query; rows a page at a time), its theme
    counts, and its spreadsheets and documents in and out."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def ids(self, query: LibraryQuery, *, limit: int | None = None) -> list[int]:
        from .library.library import library_ids

        return library_ids(self.ctx, query, limit=limit)

    def listing(self, query: LibraryQuery) -> LibraryListing:
        """The list a query shows: its ids in order, the theme filter's counts and the library's size, in one
        statement (what the Library tab loads; :meth:`ids` alone serves a search's quick first page)."""
        from .library.library import library_listing

        return library_listing(self.ctx, query)

    def rows(self, ids: Sequence[int]) -> list[ReviewRow]:
        from .library.library import library_rows

        return library_rows(self.ctx, ids)

    def theme_counts(self, view: LibraryView | str = "all", *, text: str = "") -> list[tuple[int, str, int]]:
        from .library.library import theme_counts

        return theme_counts(self.ctx, view, text=text)

    def total(self) -> int:
        """How many reviews the library holds (every view)."""
        from .library.library import LibraryQuery, library_ids

        return len(library_ids(self.ctx, LibraryQuery()))

    def came_up_before(self, kind: str, record_id: int) -> CameUpBefore:
        """The earlier reviews sharing the themes of a "review" or a "referral"'s rapid review, or whose learning
        reads alike (two statements)."""
        from .library.before import before_referral, before_review

        return (before_review if kind == "review" else before_referral)(self.ctx, record_id)

    def import_file(self, path: Path) -> ReviewImportResult:
        from .library.review_io import import_reviews

        return import_reviews(self.ctx, path)

    def export_file(self, path: Path) -> int:
        from .library.review_io import export_reviews

        return export_reviews(self.ctx, path, file_format(path))

    def export_open_actions(self, path: Path) -> int:
        """Every open action: the action plan PDF for a ``.pdf`` name, else a spreadsheet."""
        from .library.actions import export_actions, export_plan_pdf

        if path.suffix.lower() == ".pdf":
            return export_plan_pdf(self.ctx, None, path)
        return export_actions(self.ctx, path, file_format(path), open_only=True)


def open_services(url: str, *, user: str, backup_dir: Path | None, clock: Clock | None = None) -> Services:
    """Open the database, back up and upgrade a local file if needed (a shared one must be current).

    ``user`` is the OS account. On a shared server the audit names the database login (``session_user``,
    which the server authenticated), with the OS account beside it; locally the OS account.
    """
    clock = clock or default_clock()
    db = open_database(url, user=user)
    try:
        schema.prepare(db, backup_dir=backup_dir, today=clock.today())  # the daily backup is named by the clock
        _refuse_unencrypted(db)
        access = local_access(user) if db.is_sqlite else _server_access(db)
    except BaseException:
        db.dispose()
        raise
    db.user = access.user
    data_dir = backup_dir.parent if backup_dir is not None else None  # backups live in the data folder
    record_anchor(db, "start", data_dir=data_dir)
    return Services(ServiceContext(db, user=access.user, clock=clock, access=access, os_account=user),
                    anchors_dir=data_dir)


def _refuse_unencrypted(db: Database) -> None:
    """The partnership's ``require_encryption``: a plain local file is not opened (it says how to encrypt it)."""
    path = db.sqlite_path
    if path is None or db.is_encrypted:
        return
    from .settings import load_settings

    with db.sessions() as session:
        required = load_settings(session).require_encryption
    if required:
        raise StorageError(f"Your partnership requires local database files to be encrypted, and {path} is not.",
                           hint=f"Close scpdesk and run: scpdesk --database \"{path}\" db encrypt "
                                "(then start scpdesk again).")


def _server_access(db: Database) -> Access:
    from sqlalchemy.exc import DBAPIError

    try:
        with db.engine.connect() as conn:
            return server_access(conn)
    except DBAPIError as exc:
        raise schema._storage_error(exc, db) from exc

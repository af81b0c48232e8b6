"""The services a screen may call, built once per database by a composition root."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

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
from .directory import AgencyDTO, ThemeDTO, list_agencies, list_themes
from .history import ReferralHistoryEntry, referral_history
from .meetings import MeetingService
from .referral_screen import ReferralArea, screen_of
from .reviews import ReviewService
from .uow import ServiceContext
from .workflow import WorkflowService


@dataclass
class Services:
    ctx: ServiceContext
    #: Where the audit chain's head is anchored at start and close (the data folder), if anywhere.
    anchors_dir: Path | None = None

    def __post_init__(self) -> None:
        self.referrals = ReferralArea(self.ctx)
        self.reviews = ReviewService(self.ctx)
        self.meetings = MeetingService(self.ctx)
        self.workflow = WorkflowService(self.ctx, screen_of=screen_of)

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

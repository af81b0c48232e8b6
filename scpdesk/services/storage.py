"""Backups and restore of the local database file, for the window and the start-up (which never import the
model layer themselves)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import StorageError
from ..models import schema
from ..models.database import open_database
from ..models.schema import BackupInfo, DatabaseMissingError, RestoreResult
from .registry import Services

__all__ = ["BackupInfo", "DatabaseMissingError", "RestoreOutcome", "RestoreResult", "is_local", "local_backups",
           "restore_and_reopen", "restore_missing_file"]

log = logging.getLogger(__name__)


def is_local(services: Services) -> bool:
    return services.db.sqlite_path is not None


def local_backups(services: Services, backup_dir: Path) -> list[BackupInfo]:
    """Whole backups of the open local file, newest first (none for a shared server)."""
    path = services.db.sqlite_path
    return [] if path is None else schema.list_backups(backup_dir, path.stem)


@dataclass(frozen=True)
class RestoreOutcome:
    """The services to use from now on (on the restored file, or on the old one if the swap failed)."""

    services: Services
    result: RestoreResult | None
    error: StorageError | None = None


def restore_and_reopen(services: Services, backup: Path, backup_dir: Path) -> RestoreOutcome:
    """File → Restore: verify the backup, close the database, back up and swap the file, reopen it.

    A backup that does not verify raises StorageError with the database still open and untouched."""
    target = services.db.sqlite_path
    if target is None:
        raise StorageError("A shared server is restored by IT staff with pg_restore, not from scpdesk.",
                           hint="See the README, 'Shared server'.")
    schema.verify_backup(backup)
    services.close()
    result, error = None, None
    try:
        result = schema.restore(target, backup, backup_dir)
    except StorageError as exc:
        log.warning("restore failed: %s", type(exc).__name__, exc_info=exc)
        error = exc
    db = open_database(services.db.url, user=services.db.user)
    try:
        schema.prepare(db, backup_dir=backup_dir, today=services.ctx.today())
    except BaseException:
        db.dispose()
        raise
    return RestoreOutcome(Services(services.ctx.with_db(db), anchors_dir=services.anchors_dir), result, error)


def restore_missing_file(url: str, backup: Path, backup_dir: Path) -> RestoreResult:
    """At start, when the configured local file is missing: put a verified copy of ``backup`` in its place."""
    db = open_database(url)
    target = db.sqlite_path
    db.dispose()
    if target is None:
        raise StorageError("Only a local database file can be restored from scpdesk.")
    return schema.restore(target, backup, backup_dir)



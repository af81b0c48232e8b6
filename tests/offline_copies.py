"""Offline copies for the sync tests and the bench: taken with take_offline, opened as the app opens a copy."""

from __future__ import annotations

from pathlib import Path

from scpdesk.models.database import open_database
from scpdesk.paths import sqlite_url
from scpdesk.services import ServiceContext
from scpdesk.services.offline.take import Scope, TakeResult, take_offline


def take(server: ServiceContext, scope: Scope, path: Path, *, by: str = "chair") -> tuple[ServiceContext, TakeResult]:
    """Take ``scope`` offline into ``path``; the context of a person (``by``) working in the copy."""
    result = take_offline(server, scope, path)
    return ServiceContext(open_database(sqlite_url(path), user=by), user=by, clock=server.clock), result

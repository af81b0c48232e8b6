"""The two-writer check every ``tests/db/test_stale_<area>.py`` runs (VERSIONS.md point 4).

A STALE_CALLS entry receives (mine, theirs): two ServiceContexts on one database, users "me" and "them".
It creates the record, reads its version as "me", lets "them" save a change through the service, then
makes the write as "me" with the version "me" saw — through :func:`stale_write`, which checks, when the
write is refused, that the record still holds "them"'s value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from scpdesk.errors import ConflictError
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext

#: A fixed day for every stale-write scenario (no test depends on the real date).
TODAY = dt.date(2026, 3, 2)

StaleCall = Callable[[ServiceContext, ServiceContext], object]


def stale_write(write: Callable[[], object], theirs_kept: Callable[[], bool]) -> object:
    """Make the stale write; if it is refused, assert "them"'s value survived, then re-raise."""
    try:
        return write()
    except ConflictError:
        assert theirs_kept(), "the refused write changed the record anyway"
        raise


def two_writers(db: Database) -> tuple[ServiceContext, ServiceContext]:
    return (ServiceContext(db, user="me", today=lambda: TODAY), ServiceContext(db, user="them", today=lambda: TODAY))


def assert_refused_naming_them(db: Database, call: StaleCall) -> None:
    """The stale write raises ConflictError naming "them" (and when), and "them"'s value is kept."""
    mine, theirs = two_writers(db)
    with pytest.raises(ConflictError) as raised:
        call(mine, theirs)
    assert raised.value.changed_by == "them", str(raised.value)
    assert raised.value.changed_at, str(raised.value)
    assert "them" in str(raised.value)

"""Shared by the storage tests and the reliability children: a real save, and reading saves back from a file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from scpdesk.models.database import open_database
from scpdesk.paths import sqlite_url
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals.referrals import ReferralInput

TODAY = dt.date(2026, 1, 5)  # a Monday; every storage test pins its clock here


def open_services_at(path: Path, user: str = "coordinator.a") -> Services:
    """Services on a local file that exists and is migrated (no start-up backup)."""
    return Services(ServiceContext(open_database(sqlite_url(path), user=user), user=user, today=lambda: TODAY))


def intake(reference: str) -> ReferralInput:
    return ReferralInput(reference=reference, received_date=dt.date(2025, 12, 22), child_pseudonym="Child N",
                         la_aware_date=dt.date(2025, 12, 19), incident_date=dt.date(2025, 12, 18),
                         summary="Summary for " + reference)


def save(services: Services, reference: str) -> int:
    """One typical save through the real write path (ReferralService.create); returns the new id."""
    referral_id, _ = services.referrals.create(intake(reference))
    return referral_id


def saved_references(path: Path) -> set[str]:
    """The referral references a file holds, read with plain sqlite3 (as a new start would find them)."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT reference FROM referral")}
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def fresh_url(db_url: str, request: object, tmp_path: Path, prefix: str) -> str:
    """A fresh, migrated database on the same back end as ``db_url`` (from the session's template; a server
    database is dropped at the test's end)."""
    import shutil
    import uuid

    if db_url.startswith("sqlite"):
        target = tmp_path / f"{prefix}-{uuid.uuid4().hex[:8]}.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)  # type: ignore[attr-defined]
        return sqlite_url(target)
    server = request.getfixturevalue("pg_server")  # type: ignore[attr-defined]
    name = f"scpdesk_{prefix}_{uuid.uuid4().hex[:12]}"
    url = server.create_database(name, template=request.getfixturevalue("pg_template"))  # type: ignore[attr-defined]
    request.addfinalizer(lambda: server.drop_database(name))  # type: ignore[attr-defined]
    return url

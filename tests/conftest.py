"""Shared fixtures: offscreen Qt, private data dirs, and real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no screen on CI, and never the user's real profile or database.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="scpdesk-test-home-")
os.environ["SCPDESK_HOME"] = _HOME
os.environ.pop("SCPDESK_DATABASE_URL", None)

from calendar_days import ALL_DAYS, TEST_TODAY  # noqa: E402
from pgserver import PostgresServer, find_pg_bin, postgres_required  # noqa: E402

from scpdesk import clock as app_clock  # noqa: E402
from scpdesk.models import cipher, schema  # noqa: E402
from scpdesk.models.database import Database, open_database  # noqa: E402
from scpdesk.paths import sqlite_url  # noqa: E402

TEMPLATE_DB = "scpdesk_template"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def clock() -> Iterator[app_clock.PinnedClock]:
    """The application's clock, pinned to TEST_TODAY for every test (services, window and command line all
    read it): ``clock.set(day)`` moves it. A context given its own clock keeps that one."""
    pinned = app_clock.PinnedClock(TEST_TODAY)
    previous = app_clock.set_default_clock(pinned)
    yield pinned
    app_clock.set_default_clock(previous)


@pytest.fixture(params=ALL_DAYS, ids=lambda day: day.isoformat())
def day(request: pytest.FixtureRequest, clock: app_clock.PinnedClock) -> dt.date:
    """A date-sensitive test runs on the usual day and on each awkward one (Christmas, Good Friday, 29
    February), with the application's clock pinned there."""
    clock.set(request.param)
    return request.param


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file built once by the real migrations; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(sqlite_url(path))
    schema.prepare(db, backup_dir=None)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    if find_pg_bin() is None:
        message = "no PostgreSQL server binaries found (install postgresql, or set SCPDESK_PG_BIN)"
        if postgres_required():
            pytest.fail(message + ": PostgreSQL tests must run under CI")
        pytest.skip(message)
    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="session")
def pg_template(pg_server: PostgresServer) -> str:
    """A PostgreSQL database built once by the real migrations, used as the template of each test's."""
    url = pg_server.create_database(TEMPLATE_DB)
    db = open_database(url)
    schema.prepare(db, backup_dir=None, allow_upgrade=True)
    db.dispose()
    return TEMPLATE_DB


#: The key of the encrypted (SQLCipher) test databases: raw key material, as the OS keyring holds it.
TEST_KEY = bytes(range(32))


@pytest.fixture(scope="session")
def sqlcipher_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The migrated template encrypted by ``db encrypt``'s own export; each test gets a copy."""
    path = tmp_path_factory.mktemp("template-encrypted") / "template.sqlite3"
    cipher.use(cipher.DatabaseKey(material=TEST_KEY))
    try:
        cipher.export(sqlite_template, path, encrypt=True)
    finally:
        cipher.use(None)
    return path


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The encrypted-SQLite variant of the ``db`` fixtures runs for tests/db only (the services on an
    encrypted file; ~+50% of tests/db's SQLite time). SCPDESK_TEST_SQLCIPHER=all runs it everywhere, =0
    nowhere."""
    choice = os.environ.get("SCPDESK_TEST_SQLCIPHER", "db")
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        encrypted = callspec is not None and callspec.params.get("db_url") == "sqlcipher"
        in_db = Path(str(item.fspath)).parent.name == "db"
        (drop if encrypted and (choice == "0" or (choice != "all" and not in_db)) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


_counter = iter(range(1, 1_000_000))


def _fresh_url(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if kind in ("sqlite", "sqlcipher"):
        target = tmp_path / "scpdesk.sqlite3"
        shutil.copyfile(request.getfixturevalue(f"{kind}_template"), target)
        if kind == "sqlcipher":
            cipher.use(cipher.DatabaseKey(material=TEST_KEY))
            request.addfinalizer(lambda: cipher.use(None))
        return sqlite_url(target)
    template = request.getfixturevalue("pg_template")
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = f"scpdesk_t{next(_counter)}"
    url = server.create_database(name, template=template)
    request.addfinalizer(lambda: server.drop_database(name))
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres), "sqlcipher"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database on each back end in turn (and an encrypted SQLite file for tests/db)."""
    return _fresh_url(request.param, request, tmp_path)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url, user="tester")
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty local SQLite database (for UI and CLI tests)."""
    return _fresh_url("sqlite", request, tmp_path)


@pytest.fixture
def pg_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty PostgreSQL database (for what only a shared server does)."""
    database = open_database(_fresh_url("postgresql", request, tmp_path), user="tester")
    yield database
    database.dispose()

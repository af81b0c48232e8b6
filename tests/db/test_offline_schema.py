"""The offline-copy tables (issue 16, migration 0011) on SQLite and PostgreSQL: an 0010 database upgrades to
them and downgrades again with its records intact; on a shared server everyone reads who has what offline,
coordinators record it (never delete it), and nobody can write a copy's own tables (a row in ``offline_copy``
would make the server look like an offline copy)."""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest
from alembic import command
from psycopg import sql
from sqlalchemy import inspect, select
from sqlalchemy.engine import make_url

from scpdesk.cli import EXIT_OK, main
from scpdesk.models import Agency, schema
from scpdesk.models.database import Database
from scpdesk.models.enums import AgencyKind
from scpdesk.models.offline import LOCAL_TABLES, SERVER_TABLES

OFFLINE_TABLES = {*SERVER_TABLES, *LOCAL_TABLES}


def _migrate(db: Database, target: str, *, down: bool) -> set[str]:
    """Run the migrations to ``target`` as ``scpdesk db upgrade`` would, and return the tables afterwards."""
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        (command.downgrade if down else command.upgrade)(schema._alembic_config(conn), target)
        conn.commit()
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
        return set(inspect(conn).get_table_names())


def test_an_0010_database_upgrades_to_the_offline_tables_and_back(db: Database) -> None:
    with db.sessions() as s:
        s.add(Agency(name="Northshire Police", kind=AgencyKind.POLICE))
        s.commit()
    assert not OFFLINE_TABLES & _migrate(db, "0010", down=True)
    tables = _migrate(db, "head", down=False)
    assert tables >= OFFLINE_TABLES
    assert schema.current_revision(db) == schema.HEAD_REVISION >= "0011"
    with db.engine.connect() as conn:
        indexes = {i["name"] for i in inspect(conn).get_indexes("offline_checkout_record")}
        assert "ix_offline_checkout_record_entity" in indexes
        assert inspect(conn).get_pk_constraint("offline_base")["constrained_columns"] == ["entity", "record_id"]
    assert not OFFLINE_TABLES & _migrate(db, "0010", down=True)
    assert _migrate(db, "head", down=False) >= OFFLINE_TABLES
    with db.sessions() as s:
        assert s.scalars(select(Agency.name)).all() == ["Northshire Police"]


LOGINS = {"t_off_viewer": "scpdesk_viewer", "t_off_coordinator": "scpdesk_coordinator"}


@pytest.mark.postgres
def test_on_a_server_coordinators_record_checkouts_and_nobody_writes_a_copys_tables(pg_server, pg_db: Database) -> None:
    with psycopg.connect(pg_server.admin_dsn, autocommit=True) as conn:
        for login in LOGINS:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(login)))
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(login)))
    for login, role in LOGINS.items():
        assert main(["--database", pg_server.url, "db", "grant", login, role]) == EXIT_OK
    url = make_url(pg_db.url)
    pg_db.dispose()

    def connect(login: str) -> psycopg.Connection:
        return psycopg.connect(f"host={url.host} port={url.port} dbname={url.database} user={login}")

    insert = ("INSERT INTO offline_checkout (token, holder_login, holder_name, scope, scope_label, taken_at) "
              "VALUES (%s, session_user, 'C', 'meeting', 'RRP 1', %s) RETURNING id")
    now = dt.datetime(2026, 11, 25, 9, 0)
    with connect("t_off_coordinator") as conn:
        checkout = conn.execute(insert, ("tok-1", now)).fetchone()[0]
        conn.execute("INSERT INTO offline_checkout_record VALUES (%s, 'referral', 7)", (checkout,))
        conn.execute("UPDATE offline_checkout SET released_at = %s WHERE id = %s", (now, checkout))
        conn.execute("DELETE FROM offline_checkout_record WHERE checkout_id = %s", (checkout,))
        conn.commit()
        for statement in ("DELETE FROM offline_checkout",
                          "INSERT INTO offline_copy (token, server_label, server_url, taken_at, taken_by, scope, "
                          "scope_label, encrypted, state, reference_prefix) VALUES ('t', 's', 'u', now(), 'x', "
                          "'meeting', 'm', false, 'open', 'OFF-1')",
                          "INSERT INTO offline_base VALUES ('referral', 1, '{}')",
                          "INSERT INTO offline_resolution VALUES ('referral', 1, 'f', 'mine', 'x', now())"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
            conn.rollback()
    with connect("t_off_viewer") as conn:
        assert conn.execute("SELECT holder_login FROM offline_checkout").fetchall() == [("t_off_coordinator",)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(insert, ("tok-2", now))

"""Counting what an action costs on the wire: SQLAlchemy engine events, as bench/latency.py counts them (a test
asserts counts, never times: a per-row query loop coming back fails it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from scpdesk.models.database import Database


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every exchange with the database while the block runs: each statement, and each transaction's BEGIN
    and ROLLBACK/COMMIT (as bench/latency.py counts them)."""
    seen: list[str] = []

    def executed(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.strip().upper() != "BEGIN":  # SQLite's BEGIN is an execute too: counted once, below
            seen.append(statement)

    def begun(conn: Any) -> None:
        seen.append("BEGIN")

    def ended(conn: Any) -> None:
        seen.append("ROLLBACK/COMMIT")

    listeners = (("before_cursor_execute", executed), ("begin", begun), ("rollback", ended), ("commit", ended))
    for name, fn in listeners:
        event.listen(db.engine, name, fn)
    try:
        yield seen
    finally:
        for name, fn in listeners:
            event.remove(db.engine, name, fn)


@contextmanager
def round_trips(db: Database) -> Iterator[list[str]]:
    """What reaches the server while the block runs, one entry per exchange the app waits for: each statement;
    BEGIN and COMMIT/ROLLBACK only when the connection runs a transaction block (a read outside one, in
    ``AUTOCOMMIT``, sends neither); and each liveness ping the pool sends at checkout ("PING"). On a server
    only (SQLite has no wire)."""
    assert not db.is_sqlite, "round trips are counted on the PostgreSQL server"
    seen: list[str] = []

    def in_block(conn: Any) -> bool:
        return not conn.connection.dbapi_connection.autocommit

    def executed(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    def begun(conn: Any) -> None:
        if in_block(conn):
            seen.append("BEGIN")

    def ended(conn: Any) -> None:
        if in_block(conn):
            seen.append("ROLLBACK/COMMIT")

    dialect = db.engine.dialect
    ping = dialect.do_ping

    def counted_ping(dbapi_connection: Any) -> bool:
        seen.append("PING")
        return bool(ping(dbapi_connection))

    listeners = (("before_cursor_execute", executed), ("begin", begun), ("rollback", ended), ("commit", ended))
    for name, fn in listeners:
        event.listen(db.engine, name, fn)
    dialect.do_ping = counted_ping  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        del dialect.do_ping
        for name, fn in listeners:
            event.remove(db.engine, name, fn)

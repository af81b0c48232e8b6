"""BEGIN travels with the first statement of a transaction on PostgreSQL (one round trip, not two).

psycopg 3 starts a transaction on the first statement after the last COMMIT or ROLLBACK by sending ``BEGIN``
and waiting for its answer before it sends the statement: on a 20 ms VPN every transaction pays 20 ms for a
command that cannot fail on its own. In pipeline mode (``Connection.pipeline()``, psycopg ≥ 3.1, libpq ≥ 14)
psycopg queues the ``BEGIN`` (with the isolation level asked for) and the statement and sends both at once;
leaving the pipeline waits for both answers, so SQLAlchemy then reads the statement's result as usual (its
columns, its rows, its row count for the version check).

Only that first statement of a transaction runs pipelined (:func:`fold_begin`'s ``do_execute`` hook); every
other statement, and the pool's ping (in autocommit), run as before. Nothing about what runs changes — the same
commands in the same order in the same transaction — only when the client waits for them. A statement that
fails raises at the end of the pipeline as it would have at once; the transaction is then aborted, as before.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

#: Whether an engine of this process folds its statements into pipelines (send_only asks nothing otherwise).
_ACTIVE = False


def _begin_pending(cursor: Any) -> bool:
    """Whether psycopg would send BEGIN (and wait for it) before this cursor's next statement."""
    from psycopg import pq

    conn = cursor.connection
    return (not conn.autocommit and conn._pipeline is None and getattr(cursor, "name", None) is None
            and conn.pgconn.transaction_status == pq.TransactionStatus.IDLE)


#: Attributes set on a psycopg connection: the next statement's answer is not needed now (``send_only``), and
#: the pipeline such a statement left open (the next statement joins it, then both answers are waited for).
_DEFER = "_scpdesk_send_only"
_OPEN = "_scpdesk_open_pipeline"


def _execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
    """``do_execute``: a statement joins the pipeline a send-only statement left open, or starts one with its
    transaction's BEGIN (True: executed here; False: SQLAlchemy executes it as usual)."""
    return _run(cursor, lambda: cursor.execute(statement, parameters))


def _execute_no_params(cursor: Any, statement: str, context: Any) -> bool:
    return _run(cursor, lambda: cursor.execute(statement))


def _run(cursor: Any, execute: Callable[[], object]) -> bool:
    conn = cursor.connection
    if getattr(cursor, "name", None) is not None:  # a server-side cursor never runs in a pipeline
        return False
    held = getattr(conn, _OPEN, None)
    if held is not None:  # after a send-only statement: this one too, then wait for every answer
        setattr(conn, _OPEN, None)
        try:
            execute()
        except BaseException:
            held.__exit__(*sys.exc_info())
            raise
        held.__exit__(None, None, None)
        return True
    defer, begin = getattr(conn, _DEFER, False), _begin_pending(cursor)
    if not defer and not begin:
        return False
    setattr(conn, _DEFER, False)
    pipeline = conn.pipeline()
    entered = pipeline.__enter__()
    try:
        if begin:
            _send_begin(conn, entered)
        execute()
    except BaseException:
        pipeline.__exit__(*sys.exc_info())
        raise
    if defer:
        setattr(conn, _OPEN, pipeline)  # sent; its answer comes with the next statement's
    else:
        pipeline.__exit__(None, None, None)
    return True


def send_only(connection: Any) -> None:
    """The next statement on ``connection`` (a SQLAlchemy Connection) is sent without waiting for its answer,
    which comes back with the statement after it (a write's audit rows, then the screen it reads back). Its
    error, if any, is raised by that next statement (or the COMMIT or ROLLBACK, should none follow). No effect
    on another driver."""
    dbapi = connection.connection.driver_connection
    if _ACTIVE and hasattr(dbapi, "pipeline") and getattr(dbapi, _OPEN, None) is None:
        setattr(dbapi, _DEFER, True)


def _settle(dbapi: Any, *, raise_errors: bool) -> None:
    """Wait for the answers of a pipeline a send-only statement left open (before a COMMIT, a ROLLBACK, or the
    connection's return to the pool)."""
    held = getattr(dbapi, _OPEN, None)
    if getattr(dbapi, _DEFER, False):
        setattr(dbapi, _DEFER, False)
    if held is None:
        return
    setattr(dbapi, _OPEN, None)
    try:
        held.__exit__(None, None, None)
    except Exception as exc:
        if not raise_errors:
            log.info("a pipelined statement failed before a rollback", exc_info=True)
            return
        from psycopg import Error
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, Error):  # as SQLAlchemy wraps a driver's error (IntegrityError, DataError, …)
            raise DBAPIError.instance(None, None, exc, Error) from exc
        raise


def _before_commit(conn: Any) -> None:
    if not conn.invalidated:  # (a lost connection: the COMMIT itself fails, as SQLAlchemy's error)
        _settle(conn.connection.driver_connection, raise_errors=True)


def _before_rollback(conn: Any) -> None:
    # A connection lost mid-transaction (the server restarted, the VPN dropped) is invalidated: nothing is left
    # to settle, and asking for it (``conn.connection``) would raise PendingRollbackError from inside the very
    # rollback that clears it, hiding the explained "cannot reach the server" behind a bug report.
    if not conn.invalidated:
        _settle(conn.connection.driver_connection, raise_errors=False)


def _on_reset(dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
    if dbapi_connection is not None:
        _settle(dbapi_connection, raise_errors=False)


def _on_checkin(dbapi_connection: Any, connection_record: Any) -> None:
    if dbapi_connection is not None:
        _settle(dbapi_connection, raise_errors=False)


def _send_begin(conn: Any, pipeline: Any) -> None:
    """Queue and send the transaction's BEGIN (with the isolation level asked for) without the Sync that
    psycopg's own start of a transaction adds and waits for: the statement follows in the same pipeline, and
    the pipeline's end waits for both answers. Sent, the BEGIN makes the connection ACTIVE, so the cursor does
    not begin again."""
    conn.wait(conn._exec_command(conn._get_tx_start_command()))
    conn.wait(pipeline._communicate_gen())


def supported() -> bool:
    """Pipeline mode, and the psycopg internals :func:`_send_begin` uses (psycopg 3.1 to 3.3 have them; a
    version without them keeps the separate BEGIN, and tests/db/test_save_round_trips.py says so)."""
    try:
        from psycopg import Connection, Pipeline
    except ImportError:
        return False
    internals = all(hasattr(Connection, name) for name in ("_exec_command", "_get_tx_start_command")) \
        and hasattr(Pipeline, "_communicate_gen")
    return bool(Pipeline.is_supported()) and internals


def fold_begin(engine: Engine) -> bool:
    """Send each transaction's BEGIN with its first statement on this psycopg engine (False: the driver or
    libpq cannot, and nothing changes)."""
    global _ACTIVE
    if engine.dialect.driver != "psycopg" or not supported():
        return False
    event.listen(engine, "do_execute", _execute)
    event.listen(engine, "do_execute_no_params", _execute_no_params)
    event.listen(engine, "commit", _before_commit)
    event.listen(engine, "rollback", _before_rollback)
    event.listen(engine.pool, "reset", _on_reset)
    event.listen(engine.pool, "checkin", _on_checkin)
    _ACTIVE = True
    return True

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
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)


def _begin_pending(cursor: Any) -> bool:
    """Whether psycopg would send BEGIN (and wait for it) before this cursor's next statement."""
    from psycopg import pq

    conn = cursor.connection
    return (not conn.autocommit and conn._pipeline is None and getattr(cursor, "name", None) is None
            and conn.pgconn.transaction_status == pq.TransactionStatus.IDLE)


def _execute(cursor: Any, statement: str, parameters: Any, context: Any) -> bool:
    """``do_execute``: the first statement of a transaction in a pipeline with its BEGIN (True: done here)."""
    if not _begin_pending(cursor):
        return False
    with cursor.connection.pipeline() as pipeline:
        _send_begin(cursor.connection, pipeline)
        cursor.execute(statement, parameters)
    return True


def _execute_no_params(cursor: Any, statement: str, context: Any) -> bool:
    if not _begin_pending(cursor):
        return False
    with cursor.connection.pipeline() as pipeline:
        _send_begin(cursor.connection, pipeline)
        cursor.execute(statement)
    return True


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
    if engine.dialect.driver != "psycopg" or not supported():
        return False
    event.listen(engine, "do_execute", _execute)
    event.listen(engine, "do_execute_no_params", _execute_no_params)
    return True

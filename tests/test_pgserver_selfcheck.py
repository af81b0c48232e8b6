"""Self-check for tests/pgserver.py: a real, throw-away PostgreSQL server."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pgserver import PostgresServer, find_pg_bin, postgres_required
from sqlalchemy.engine import make_url


def _bin_dir_or_bail() -> Path:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        reason = (
            "PostgreSQL server binaries not found (initdb/pg_ctl); "
            "install postgresql or set SCPDESK_PG_BIN"
        )
        if postgres_required():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return bin_dir


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    with PostgresServer(_bin_dir_or_bail()) as server:
        yield server


def _dsn(server: PostgresServer, sa_url: str) -> str:
    return server.dsn_for(make_url(sa_url).database or "")


def test_urls(pg: PostgresServer) -> None:
    url = make_url(pg.url)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database) == ("127.0.0.1", pg.port, "postgres")
    with psycopg.connect(pg.admin_dsn) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (pg.user,)


def test_utf8_roundtrip_template_and_drop(pg: PostgresServer) -> None:
    text = "ŵŷ €"
    url1 = pg.create_database("selfcheck_one")
    assert make_url(url1).database == "selfcheck_one"
    with psycopg.connect(_dsn(pg, url1)) as conn:
        enc = conn.execute(
            "SELECT pg_encoding_to_char(encoding) FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()
        assert enc == ("UTF8",)
        conn.execute("CREATE TABLE t(x text)")
        conn.execute("INSERT INTO t(x) VALUES (%s)", (text,))
        conn.commit()
        assert conn.execute("SELECT x, octet_length(x) FROM t").fetchall() == [
            (text, len(text.encode("utf-8")))
        ]

    # template must have no other sessions: the `with` above closed ours
    url2 = pg.create_database(
        "selfcheck two", template="selfcheck_one"
    )  # needs quoting
    conn = psycopg.connect(_dsn(pg, url2))
    try:
        assert conn.execute("SELECT x FROM t").fetchall() == [(text,)]
        # an open (idle in transaction) session must not block drop_database
        pg.drop_database("selfcheck two")
    finally:
        conn.close()
    pg.drop_database("selfcheck_one")
    pg.drop_database("never_existed")  # IF EXISTS: no error

    with psycopg.connect(pg.admin_dsn) as conn:
        left = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'selfcheck%%'"
        ).fetchall()
    assert left == []


def _proc_uids(pid: int) -> tuple[int, int] | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("Uid:"):
            real, effective = line.split()[1:3]
            return int(real), int(effective)
    return None


def test_server_runs_unprivileged(pg: PostgresServer) -> None:
    expected = pg.run_uid
    if os.geteuid() == 0:
        assert expected != 0
    else:
        assert expected == os.geteuid()
    with psycopg.connect(pg.admin_dsn) as conn:
        data_dir, backend_pid = conn.execute(
            "SELECT current_setting('data_directory'), pg_backend_pid()"
        ).fetchone()
        assert Path(data_dir).resolve() == pg.data_dir.resolve()
        assert os.stat(data_dir).st_uid == expected
        # the backend serving us (a real process on this machine) runs as that uid
        uids = _proc_uids(backend_pid)
        if uids is not None:
            assert uids == (expected, expected)
    postmaster_pid = int((pg.data_dir / "postmaster.pid").read_text().split()[0])
    uids = _proc_uids(postmaster_pid)
    if uids is not None:
        assert uids == (expected, expected)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def test_start_stop_cleans_up() -> None:
    server = PostgresServer(_bin_dir_or_bail())
    t0 = time.perf_counter()
    server.start()
    t1 = time.perf_counter()
    port, base = server.port, server.base_dir
    assert port is not None and base is not None
    try:
        assert base.is_dir() and (base.stat().st_mode & 0o777) == 0o755
        assert _accepts(port)
    finally:
        t2 = time.perf_counter()
        server.stop()
        t3 = time.perf_counter()
    print(f"\npgserver: start {t1 - t0:.2f}s, stop {t3 - t2:.2f}s")
    assert not _accepts(port)
    assert not base.exists()
    server.stop()  # idempotent
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.admin_dsn, connect_timeout=2)


def test_find_pg_bin_env_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = _bin_dir_or_bail()
    monkeypatch.setenv("SCPDESK_PG_BIN", str(real))
    assert find_pg_bin() == real.resolve()
    monkeypatch.setenv(
        "SCPDESK_PG_BIN", str(tmp_path)
    )  # no binaries: warn + fall through
    with pytest.warns(UserWarning, match="SCPDESK_PG_BIN"):
        found = find_pg_bin()
    assert found is not None and (found / "initdb").is_file()


def test_postgres_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SCPDESK_REQUIRE_POSTGRES", raising=False)
    assert not postgres_required()
    monkeypatch.setenv("CI", "TRUE")
    assert postgres_required()
    monkeypatch.setenv("CI", "false")
    assert not postgres_required()
    monkeypatch.setenv("SCPDESK_REQUIRE_POSTGRES", "1")
    assert postgres_required()

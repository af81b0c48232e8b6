"""Throw-away PostgreSQL server for the test suite.

Starts a real ``postgres`` from the installed server binaries in a temporary
directory on a free 127.0.0.1 port (no Docker, no mocks)::

    with PostgresServer() as pg:
        url = pg.create_database("scpdesk_t1")   # SQLAlchemy URL
        ...

When running as root (CI containers) the server is run as an unprivileged
user (``nobody``), because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
import warnings
from pathlib import Path
from typing import Self

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

__all__ = ["PostgresServer", "find_pg_bin", "postgres_required"]

SUPERUSER = "scpdesk_test"
_START_ATTEMPTS = 5
_START_TIMEOUT = 60
_PORT_TAKEN_MARKERS = (
    "could not bind",
    "address already in use",
    "could not create any tcp/ip sockets",
    "could not create lock file",
)


# --------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------


def _is_pg_bin(path: Path) -> bool:
    def exe(name: str) -> bool:
        p = path / name
        return p.is_file() and os.access(p, os.X_OK)

    return exe("initdb") and (exe("pg_ctl") or exe("postgres"))


def _version_key(path: Path) -> tuple[int, ...]:
    """Numeric sort key from the first path component that carries a version."""
    for part in reversed(path.parts):
        nums = re.findall(r"\d+", part)
        if nums:
            return tuple(int(n) for n in nums)
    return ()


def _newest(pattern_root: str, glob: str) -> list[Path]:
    root = Path(pattern_root)
    if not root.is_dir():
        return []
    return sorted(root.glob(glob), key=_version_key, reverse=True)


def find_pg_bin() -> Path | None:
    """Directory holding the PostgreSQL server binaries, or ``None``.

    Order: ``$SCPDESK_PG_BIN``; directory of ``pg_ctl`` on PATH (symlinks
    resolved); newest ``/usr/lib/postgresql/*/bin``; ``/usr/pgsql-*/bin``;
    Homebrew ``postgresql*`` kegs.  A directory qualifies if it contains
    ``initdb`` and ``pg_ctl`` (or ``postgres``).
    """
    env = os.environ.get("SCPDESK_PG_BIN")
    if env:
        p = Path(env).expanduser()
        if _is_pg_bin(p):
            return p.resolve()
        warnings.warn(
            f"SCPDESK_PG_BIN={env!r} does not contain initdb + pg_ctl/postgres; ignoring it",
            stacklevel=2,
        )

    on_path = shutil.which("pg_ctl")
    if on_path:
        p = Path(on_path).resolve().parent
        if _is_pg_bin(p):
            return p

    candidates: list[Path] = []
    candidates += _newest("/usr/lib/postgresql", "*/bin")
    candidates += _newest("/usr", "pgsql-*/bin")
    candidates += _newest("/opt/homebrew/opt", "postgresql*/bin")
    candidates += _newest("/usr/local/opt", "postgresql*/bin")
    for c in candidates:
        if _is_pg_bin(c):
            return c.resolve()
    return None


def postgres_required() -> bool:
    """True when a missing PostgreSQL must FAIL the run instead of skipping."""
    ci = os.environ.get("CI", "").strip().lower()
    req = os.environ.get("SCPDESK_REQUIRE_POSTGRES", "").strip().lower()
    return ci in ("true", "1") or req in ("1", "true", "yes")


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unprivileged_user() -> tuple[int, int]:
    try:
        pw = pwd.getpwnam("nobody")
        if pw.pw_uid > 0:
            return pw.pw_uid, pw.pw_gid
    except KeyError:
        pass
    for pw in sorted(pwd.getpwall(), key=lambda p: p.pw_uid):
        if pw.pw_uid > 0:
            return pw.pw_uid, pw.pw_gid
    raise RuntimeError(
        "running as root but no unprivileged user exists to run PostgreSQL"
    )


def _world_traversable(path: Path) -> bool:
    """Every ancestor of *path* (inclusive) is searchable by 'other'."""
    p = path.resolve()
    for d in (p, *p.parents):
        try:
            if not os.stat(d).st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    return True


def _tail(path: Path, lines: int = 60) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"<no server log at {path}: {exc}>"
    return "\n".join(text.splitlines()[-lines:])


def _clean_env(home: Path) -> dict[str, str]:
    # PG* variables (PGDATA, PGPORT, PGHOST, PGOPTIONS...) would leak into
    # initdb/pg_ctl/postgres and silently change what they do.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["HOME"] = str(home)
    env.setdefault("LC_MESSAGES", "C")
    return env


# --------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------


class PostgresServer:
    """A private PostgreSQL cluster in a temp dir, trust auth, 127.0.0.1 only."""

    def __init__(self, bin_dir: Path | str | None = None) -> None:
        found = Path(bin_dir) if bin_dir is not None else find_pg_bin()
        if found is None or not _is_pg_bin(found):
            raise RuntimeError(
                f"no PostgreSQL server binaries found (bin_dir={found}); "
                "install postgresql or set SCPDESK_PG_BIN"
            )
        self.bin_dir: Path = found
        self.user: str = SUPERUSER
        self.port: int | None = None
        self.base_dir: Path | None = None
        self.run_uid: int = os.geteuid()
        self.run_gid: int = os.getegid()
        self._as_root = os.geteuid() == 0
        if self._as_root:
            self.run_uid, self.run_gid = _unprivileged_user()
        self._proc: subprocess.Popen[bytes] | None = None  # only without pg_ctl
        self._running = False
        self._owner_pid = os.getpid()
        self._atexit_registered = False

    # -- paths -------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        assert self.base_dir is not None, "server not started"
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.base_dir is not None, "server not started"
        return self.base_dir / "sock"

    @property
    def log_path(self) -> Path:
        assert self.base_dir is not None, "server not started"
        return self.base_dir / "server.log"

    # -- connection strings -------------------------------------------------

    def url_for(self, dbname: str) -> str:
        """SQLAlchemy URL for database *dbname* on this server."""
        if self.port is None:
            raise RuntimeError("server not started")
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def dsn_for(self, dbname: str) -> str:
        """Plain psycopg conninfo for database *dbname* on this server."""
        if self.port is None:
            raise RuntimeError("server not started")
        return make_conninfo(
            host="127.0.0.1",
            port=self.port,
            user=self.user,
            dbname=dbname,
            connect_timeout=10,
        )

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    @property
    def admin_dsn(self) -> str:
        return self.dsn_for("postgres")

    # -- process plumbing -----------------------------------------------------

    def _run(
        self, args: list[str], timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        assert self.base_dir is not None
        kwargs: dict[str, object] = {}
        if self._as_root:
            kwargs.update(user=self.run_uid, group=self.run_gid, extra_groups=[])
        return subprocess.run(
            args,
            cwd=self.base_dir,
            env=_clean_env(self.base_dir),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            **kwargs,  # type: ignore[arg-type]
        )

    def _make_owned_dir(self, path: Path) -> None:
        path.mkdir(mode=0o700)
        if self._as_root:
            os.chown(path, self.run_uid, self.run_gid)

    def _postgres_opts(self) -> list[str]:
        return [
            "-c", "listen_addresses=127.0.0.1",
            "-p", str(self.port),
            "-k", str(self.socket_dir),
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=100",
        ]  # fmt: skip

    def _initdb(self) -> None:
        base = [
            str(self.bin_dir / "initdb"),
            "-D", str(self.data_dir),
            "-A", "trust",
            "-U", self.user,
            "--encoding=UTF8",
            "--no-sync",
        ]  # fmt: skip
        outputs = []
        for locale_args in (["--locale=C.UTF-8"], ["--no-locale"]):
            if self.data_dir.exists():
                shutil.rmtree(self.data_dir, ignore_errors=True)
            self._make_owned_dir(self.data_dir)
            res = self._run(base + locale_args)
            if res.returncode == 0:
                return
            outputs.append(
                f"$ initdb ... {' '.join(locale_args)}\n{res.stdout}\n{res.stderr}"
            )
        raise RuntimeError("initdb failed:\n" + "\n".join(outputs))

    def _start_pg_ctl(self) -> tuple[bool, str]:
        opts = " ".join(shlex.quote(o) for o in self._postgres_opts())
        res = self._run(
            [
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-o",
                opts,
                "-l",
                str(self.log_path),
                "-w",
                "-t",
                str(_START_TIMEOUT),
                "start",
            ],
            timeout=_START_TIMEOUT + 30,
        )
        return res.returncode == 0, f"{res.stdout}\n{res.stderr}"

    def _start_direct(self) -> tuple[bool, str]:
        """Fallback when the bin dir has ``postgres`` but no ``pg_ctl``."""
        assert self.base_dir is not None
        kwargs: dict[str, object] = {}
        if self._as_root:
            kwargs.update(user=self.run_uid, group=self.run_gid, extra_groups=[])
        with open(self.log_path, "ab") as log:
            if self._as_root:
                os.chown(self.log_path, self.run_uid, self.run_gid)
            self._proc = subprocess.Popen(  # type: ignore[call-overload]
                [
                    str(self.bin_dir / "postgres"),
                    "-D",
                    str(self.data_dir),
                    *self._postgres_opts(),
                ],
                cwd=self.base_dir,
                env=_clean_env(self.base_dir),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **kwargs,
            )
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                self._proc = None
                return False, "postgres exited during startup"
            try:
                with psycopg.connect(self.admin_dsn, connect_timeout=2):
                    return True, ""
            except psycopg.OperationalError:
                time.sleep(0.1)
        self._kill_direct()
        return False, f"postgres not accepting connections after {_START_TIMEOUT}s"

    def _kill_direct(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGQUIT)  # immediate shutdown
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    # -- lifecycle --------------------------------------------------------------

    def start(self) -> Self:
        if self._running:
            return self
        if self._as_root and not _world_traversable(self.bin_dir / "initdb"):
            raise RuntimeError(
                f"{self.bin_dir} is not accessible to uid {self.run_uid}, which must "
                "run the PostgreSQL binaries because we are root"
            )
        tmp_root = Path(tempfile.gettempdir())
        if self._as_root and not _world_traversable(tmp_root):
            tmp_root = Path("/tmp")
        self.base_dir = Path(tempfile.mkdtemp(prefix="scpdesk-pg-", dir=tmp_root))
        os.chmod(self.base_dir, 0o755)
        if self._as_root:
            os.chown(self.base_dir, self.run_uid, self.run_gid)
        if not self._atexit_registered:
            atexit.register(self.stop)
            self._atexit_registered = True

        try:
            self._make_owned_dir(self.socket_dir)
            self._initdb()
            use_pg_ctl = (self.bin_dir / "pg_ctl").is_file()
            detail = ""
            for _attempt in range(_START_ATTEMPTS):
                self.port = _free_port()
                log_before = (
                    self.log_path.stat().st_size if self.log_path.exists() else 0
                )
                ok, detail = (
                    self._start_pg_ctl() if use_pg_ctl else self._start_direct()
                )
                if ok:
                    self._running = True
                    return self
                try:
                    with open(self.log_path, "rb") as f:
                        f.seek(log_before)
                        new_log = f.read().decode(errors="replace").lower()
                except OSError:
                    new_log = ""
                if not any(
                    m in new_log or m in detail.lower() for m in _PORT_TAKEN_MARKERS
                ):
                    break
            raise RuntimeError(
                f"PostgreSQL failed to start (bin={self.bin_dir}, port={self.port}, "
                f"run_uid={self.run_uid}):\n{detail.strip()}\n"
                f"--- tail of {self.log_path} ---\n{_tail(self.log_path)}"
            )
        except BaseException:
            self._running = True  # let stop() tear down whatever exists
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server (immediate mode) and delete the temp dir. Idempotent."""
        if os.getpid() != self._owner_pid:
            return  # forked child (e.g. multiprocessing): not ours to stop
        if self._atexit_registered:
            atexit.unregister(self.stop)
            self._atexit_registered = False
        if not self._running:
            return
        self._running = False
        base = self.base_dir
        if base is None:
            return
        try:
            if self._proc is not None:
                self._kill_direct()
            elif (self.data_dir / "postmaster.pid").exists():
                self._run(
                    [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir),
                     "-m", "immediate", "-w", "-t", "60", "stop"],
                    timeout=90,
                )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            warnings.warn(f"stopping PostgreSQL in {base} failed: {exc}", stacklevel=2)
        finally:
            shutil.rmtree(base, ignore_errors=True)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- databases ----------------------------------------------------------------

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(self.admin_dsn, autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """CREATE DATABASE *name* (optionally from *template*); return its SQLAlchemy URL.

        Note: PostgreSQL refuses to copy a template that has other open
        connections -- dispose engines on the template first.
        """
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
        with self._admin() as conn:
            conn.execute(query)
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        """DROP DATABASE IF EXISTS *name*, terminating other sessions first."""
        with self._admin() as conn:
            if conn.info.server_version >= 130000:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(name)
                    )
                )
                return
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
            )

"""What unlocks the window after the idle lock, and checking it (no Qt here).

In order: the passphrase of an encrypted local file (the same one asked at start); else this PC's scpdesk
unlock passphrase (set by the user, kept as a salted PBKDF2 hash in the owner-only settings file); else, on a
shared server, the database password (checked by a fresh login). With none of these nothing can prove who is
back: the records stay hidden and the lock screen offers only to lock the computer or close scpdesk.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UserError
from ..models import cipher

if TYPE_CHECKING:  # the window's idle lock imports this before the database layer is loaded
    from .registry import Services

DATABASE_PASSPHRASE = "database-passphrase"
LOCK_PASSPHRASE = "lock-passphrase"
SERVER_PASSWORD = "server-password"
NOTHING = "none"

_ITERATIONS = 200_000
MIN_LOCK_PASSPHRASE = 8


@dataclass(frozen=True)
class UnlockMethod:
    kind: str
    #: The lock screen's prompt ("" when nothing can unlock).
    prompt: str


#: Wrong secrets allowed without a pause; then 30 s, doubling with each further wrong one, at most 15 minutes.
FREE_TRIES = 3
FIRST_WAIT_SECONDS = 30.0
LONGEST_WAIT_SECONDS = 15 * 60.0


@dataclass
class UnlockThrottle:
    """Slows down guessing at the lock screen: after ``FREE_TRIES`` wrong secrets each further one makes the next
    try wait (30 s, 60 s, 120 s … up to 15 minutes). While waiting, no secret is even checked. Counts survive
    until a right secret unlocks (closing scpdesk is the only other way out, and it loses unsaved typing).
    ``monotonic`` is the elapsed-time source (not the date: a changed system clock cannot shorten the wait)."""

    monotonic: Callable[[], float] = field(default=time.monotonic)
    failures: int = 0
    _until: float = 0.0

    def wait_left(self) -> float:
        """Seconds before the next try is checked (0 when it may be tried now)."""
        return max(0.0, self._until - self.monotonic())

    def failed(self) -> float:
        """Count a wrong secret; the seconds the next try must wait."""
        self.failures += 1
        extra = self.failures - FREE_TRIES
        if extra <= 0:
            return 0.0
        wait = min(LONGEST_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (extra - 1))
        self._until = self.monotonic() + wait
        return wait

    def succeeded(self) -> None:
        self.failures = 0
        self._until = 0.0


def unlock_method(services: Services | None, lock_hash: str) -> UnlockMethod:
    key = cipher.active()
    if services is not None and services.db.is_encrypted and key is not None and key.passphrase is not None:
        return UnlockMethod(DATABASE_PASSPHRASE, "Enter the database passphrase to unlock.")
    if lock_hash:
        return UnlockMethod(LOCK_PASSPHRASE, "Enter your scpdesk unlock passphrase.")
    if services is not None and not services.db.is_sqlite:
        return UnlockMethod(SERVER_PASSWORD, "Enter your database password to unlock.")
    return UnlockMethod(NOTHING, "")


def hash_lock_passphrase(text: str) -> str:
    """The stored form of an unlock passphrase: ``pbkdf2-sha256$iterations$salt$hash`` (hex)."""
    if len(text) < MIN_LOCK_PASSPHRASE:
        raise UserError("passphrase", f"use at least {MIN_LOCK_PASSPHRASE} characters")
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", text.encode("utf-8"), salt, _ITERATIONS)
    return f"pbkdf2-sha256${_ITERATIONS}${salt.hex()}${digest.hex()}"


def _matches_hash(text: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2-sha256":
            return False
        found = hashlib.pbkdf2_hmac("sha256", text.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


def _server_login(services: Services, password: str) -> bool:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(services.db.url)
    try:
        with psycopg.connect(host=url.host, port=url.port, dbname=url.database, user=url.username,
                             password=password, connect_timeout=10, application_name="scpdesk-unlock",
                             passfile=os.devnull) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError:
        return False
    return True


def _server_password_ok(services: Services, password: str) -> bool:
    """A fresh login with ``password`` (no password file). A server that lets a random password in (trust,
    SSPI, GSSAPI) proves nothing: then only an unlock passphrase can unlock."""
    if _server_login(services, os.urandom(24).hex()):
        return False
    return _server_login(services, password)


def check_unlock(services: Services | None, method: UnlockMethod, secret: str, lock_hash: str) -> bool:
    """Whether ``secret`` unlocks by ``method`` (False for an empty one)."""
    if not secret:
        return False
    if method.kind == DATABASE_PASSPHRASE:
        key = cipher.active()
        path = services.db.sqlite_path if services is not None else None
        if key is None or path is None:
            return False
        salt = cipher.read_salt(path)
        typed = cipher.DatabaseKey(passphrase=secret, source="passphrase")
        return hmac.compare_digest(typed.for_salt(salt), key.for_salt(salt))
    if method.kind == LOCK_PASSPHRASE:
        return _matches_hash(secret, lock_hash)
    if method.kind == SERVER_PASSWORD and services is not None:
        return _server_password_ok(services, secret)
    return False


def lock_computer() -> bool:
    """Lock the OS session (Windows: LockWorkStation; Linux: loginctl). Whether it was asked successfully."""
    if os.name == "nt":
        import ctypes

        return bool(ctypes.windll.user32.LockWorkStation())  # type: ignore[attr-defined]
    import shutil
    import subprocess

    loginctl = shutil.which("loginctl")
    if loginctl is None:
        return False
    return subprocess.run([loginctl, "lock-session"], capture_output=True, timeout=10,
                          check=False).returncode == 0

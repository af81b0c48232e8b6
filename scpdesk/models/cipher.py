"""Optional encryption of the local database file (SQLCipher through ``sqlcipher3``).

One key per process (``use``): either 32 random bytes kept in the OS keyring, or a passphrase. A passphrase is
stretched here with SQLCipher 4's own KDF and parameters (PBKDF2-HMAC-SHA512, 256,000 iterations, the file's
16-byte salt from its header) and handed to SQLCipher as a raw key (``x'…'``): the same strength as
``PRAGMA key='passphrase'``, but derived once per file per process instead of once per connection (each
connection would otherwise cost ~0.15 s). Every copy of an encrypted file (backups, restores, rescues) keeps the
source's salt, so one passphrase opens the file and all its backups. A file is encrypted when its first 16 bytes
are not SQLite's plain header.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import StorageError

log = logging.getLogger(__name__)

PLAIN_HEADER = b"SQLite format 3\x00"
KDF_ITERATIONS = 256_000  # SQLCipher 4's default for PBKDF2-HMAC-SHA512
SALT_BYTES = 16
KEY_BYTES = 32
#: SQLCipher's default page size: an encrypted file is a whole number of these pages.
PAGE_SIZE = 4096


def _module() -> Any:
    try:
        from sqlcipher3 import dbapi2
    except ImportError as exc:  # pragma: no cover - a dependency; only a broken install lacks it
        raise StorageError("This database file is encrypted, but the SQLCipher library is not installed.",
                           hint="Reinstall scpdesk (it depends on sqlcipher3-wheels).") from exc
    return dbapi2


def database_errors() -> tuple[type[BaseException], ...]:
    """The driver errors of plain and encrypted files (sqlcipher3's do not derive from sqlite3's)."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:  # pragma: no cover
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


@dataclass
class DatabaseKey:
    """What opens encrypted files: random key material (keyring) or a passphrase (derived per salt)."""

    material: bytes | None = None
    passphrase: str | None = field(default=None, repr=False)
    source: str = "keyring"
    _derived: dict[bytes, bytes] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if (self.material is None) == (self.passphrase is None):
            raise ValueError("give key material or a passphrase")
        if self.material is not None and len(self.material) != KEY_BYTES:
            raise ValueError("key material must be 32 bytes")
        if self.passphrase is not None and not self.passphrase:
            raise StorageError("An empty passphrase cannot encrypt or open a database.",
                               hint="Type the passphrase (at least 12 characters for a new one).")

    def for_salt(self, salt: bytes) -> bytes:
        if self.material is not None:
            return self.material
        assert self.passphrase is not None
        if salt not in self._derived:
            self._derived[salt] = hashlib.pbkdf2_hmac("sha512", self.passphrase.encode("utf-8"), salt,
                                                      KDF_ITERATIONS, KEY_BYTES)
        return self._derived[salt]

    def pragma_value(self, salt: bytes) -> str:
        """SQLCipher's raw key with salt: ``x'<64 hex key><32 hex salt>'`` (hex only: nothing to escape)."""
        return f"x'{self.for_salt(salt).hex()}{salt.hex()}'"


_active: DatabaseKey | None = None


def use(key: DatabaseKey | None) -> None:
    """The key this process opens (and creates) encrypted files with; None forgets it."""
    global _active
    _active = key


def active() -> DatabaseKey | None:
    return _active


def new_key_material() -> bytes:
    return os.urandom(KEY_BYTES)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` looks like an encrypted database: not SQLite's plain header, and whole SQLCipher pages (a
    missing or empty file is not; nor, mostly, a document of another kind: it is then "not a database")."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            header = handle.read(len(PLAIN_HEADER))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return False
    return len(header) == len(PLAIN_HEADER) and header != PLAIN_HEADER and size % PAGE_SIZE == 0


def read_salt(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES)


def require_key(path: Path) -> DatabaseKey:
    if _active is None:
        raise StorageError(f"The database file {path} is encrypted (or is not a database at all) and no key or "
                           "passphrase was given.",
                           hint="Start scpdesk again and enter the passphrase (or set SCPDESK_DB_PASSPHRASE_FILE "
                                "to a file holding it), or store the key in the OS keyring.")
    return _active


def wrong_key(path: Path) -> StorageError:
    return StorageError(f"The key or passphrase does not open the encrypted database file {path} (or it is not "
                        "a database at all).",
                        hint="Enter the passphrase again. If it is lost, the file cannot be read: restore a "
                             "backup whose passphrase you know.")


def apply_key(conn: Any, path: Path, salt: bytes) -> None:
    """``PRAGMA key`` first on a fresh sqlcipher3 connection, then prove it opens the file."""
    key = require_key(path)
    conn.execute(f'PRAGMA key = "{key.pragma_value(salt)}"')
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _module().DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):  # what SQLCipher says when the key does not decrypt page 1
            raise wrong_key(path) from exc
        raise StorageError(f"The encrypted database file {path} cannot be opened ({exc}).",
                           hint="Check that the file and its folder can be read and written.") from exc


def salt_of(conn: Any) -> bytes | None:
    """The salt of an open encrypted connection (None for a plain one)."""
    if not isinstance(conn, _module().Connection):
        return None
    row = conn.execute("PRAGMA cipher_salt").fetchone()
    return bytes.fromhex(row[0]) if row and row[0] else None


def connect(path: Path, *, query: str = "", salt: bytes | None = None, **kwargs: Any) -> Any:
    """A DB-API connection to ``path``: plain sqlite3, or keyed sqlcipher3 when the file is encrypted or
    ``salt`` asks for a new encrypted file (a copy of an encrypted source keeps the source's salt).
    ``query``: URI parameters, e.g. ``mode=ro&immutable=1``."""
    path = Path(path)
    target = path.resolve().as_uri() + "?" + query if query else str(path)
    encrypted = salt is not None or is_encrypted(path)
    if not encrypted:
        return sqlite3.connect(target, uri=bool(query), **kwargs)
    if salt is None:
        salt = read_salt(path)
    conn = _module().connect(target, uri=bool(query), **kwargs)
    apply_key(conn, path, salt)
    return conn


def engine_module(path: Path) -> Any | None:
    """sqlcipher3's DB-API for an engine on ``path`` (encrypted, or missing while a key is active), else None."""
    path = Path(path)
    if is_encrypted(path):
        return _module()
    fresh = not path.exists() or path.stat().st_size == 0
    return _module() if fresh and _active is not None else None


def export(source: Path, destination: Path, *, encrypt: bool) -> None:
    """Write ``source`` into the new file ``destination`` encrypted with the active key (``encrypt``) or in plain
    (``sqlcipher_export``: every table, index, trigger and the schema version). The caller verifies it."""
    dbapi = _module()
    if encrypt:
        if is_encrypted(source):
            raise StorageError(f"{source} is already encrypted.", hint="Nothing to do.")
        conn = dbapi.connect(str(source))  # no key: SQLCipher reads a plain file as plain
        attach_key = require_key(source).pragma_value(new_salt())
    else:
        if not is_encrypted(source):
            raise StorageError(f"{source} is not encrypted.", hint="Nothing to do.")
        conn = connect(source)
        attach_key = ""
    conn.isolation_level = None
    try:
        conn.execute("ATTACH DATABASE ? AS converted KEY " + (f'"{attach_key}"' if attach_key else "''"),
                     (str(destination),))
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()

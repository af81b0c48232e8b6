"""Where the key of an encrypted local database comes from: the OS keyring (Windows Credential Manager, macOS
Keychain, Secret Service), a file named by SCPDESK_DB_PASSPHRASE_FILE (for scripted backups; never the passphrase
itself in an environment variable), or a passphrase typed at start (the window's dialog, or the terminal)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from .errors import StorageError, UserError
from .models import cipher

log = logging.getLogger(__name__)

KEYRING_SERVICE = "scpdesk-database"
PASSPHRASE_FILE_ENV = "SCPDESK_DB_PASSPHRASE_FILE"
MIN_PASSPHRASE = 12
#: Passphrases a person may type at start before scpdesk gives up.
ATTEMPTS = 3

#: Asks for a passphrase: (prompt, confirm twice) → the text, or None when the user cancels.
Ask = Callable[[str, bool], "str | None"]


#: SQLAlchemy's URL grammar (``sqlalchemy.engine.url._parse_url``), so that finding the file needs no SQLAlchemy: the
#: window asks before it shows, and SQLAlchemy takes longer to import than the window takes to appear.
_URL = re.compile(r"""(?P<name>[\w+]+)://(?:[^:/]*(?::[^@]*)?@)?(?:(?:\[[^/?]+\]|[^/:?]+)?(?::[^/?]*)?)?"""
                  r"""(?:/(?P<database>[^?]*))?(?:\?.*)?""")


def local_path(url: str) -> Path | None:
    """The local database file a URL names (None for a server or memory, or a URL that does not parse)."""
    parsed = _URL.match(url)
    if parsed is None or parsed["name"].partition("+")[0] != "sqlite":
        return None
    database = unquote(parsed["database"] or "")
    if not database or database == ":memory:":
        return None
    return Path(database)


def _keyring_name(path: Path) -> str:
    return str(Path(path).resolve())


def keyring_key(path: Path) -> bytes | None:
    """The key stored in the OS keyring for this file, or None (no keyring, or no entry)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        stored = keyring.get_password(KEYRING_SERVICE, _keyring_name(path))
    except (ImportError, KeyringError, RuntimeError) as exc:
        log.info("no OS keyring (%s)", type(exc).__name__)
        return None
    try:
        return bytes.fromhex(stored) if stored else None
    except ValueError:
        return None


def store_in_keyring(path: Path, material: bytes) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, _keyring_name(path), material.hex())
    except (ImportError, KeyringError, RuntimeError) as exc:
        raise StorageError("The OS keyring cannot store the database key here.",
                           hint="Use a passphrase instead: scpdesk db encrypt --passphrase") from exc


def forget_keyring(path: Path) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.delete_password(KEYRING_SERVICE, _keyring_name(path))
    except (ImportError, KeyringError, RuntimeError):
        pass


def passphrase_from_file() -> str | None:
    """The first line of the file SCPDESK_DB_PASSPHRASE_FILE names (refused unless only its owner can read it)."""
    name = os.environ.get(PASSPHRASE_FILE_ENV)
    if not name:
        return None
    path = Path(name)
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            raise StorageError(f"{PASSPHRASE_FILE_ENV} names a file other users can read.",
                               hint=f"chmod 600 {path}")
        text = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise StorageError(f"{PASSPHRASE_FILE_ENV} names a file that cannot be read ({exc.strerror}).") from exc
    return text[0] if text else None


def terminal_ask(prompt: str, confirm: bool) -> str | None:
    import getpass
    import sys

    if not sys.stdin or not sys.stdin.isatty():
        return None
    first = getpass.getpass(prompt + ": ")
    if confirm and getpass.getpass("Again: ") != first:
        raise UserError("passphrase", "the two passphrases differ; try again")
    return first


def unlock(path: Path | None, ask: Ask | None) -> cipher.DatabaseKey | None:
    """Make the key of an encrypted file active (keyring, then the passphrase file, then ``ask``). None when the
    file is not encrypted. StorageError when no key can be had."""
    if path is None or not cipher.is_encrypted(path):
        return None
    if cipher.active() is not None:  # given earlier in this process (checked when the file is opened)
        return cipher.active()
    material = keyring_key(path)
    if material is not None:
        return _opens(path, cipher.DatabaseKey(material=material, source="keyring"))
    passphrase = passphrase_from_file()
    if passphrase is not None:
        return _opens(path, cipher.DatabaseKey(passphrase=passphrase, source="passphrase"))
    for attempt in range(ATTEMPTS):
        typed = ask(f"Passphrase of the encrypted database {path.name}" + (" (not right: try again)" if attempt
                    else ""), False) if ask is not None else None
        if not typed:
            break
        try:
            return _opens(path, cipher.DatabaseKey(passphrase=typed, source="passphrase"))
        except StorageError:
            if attempt == ATTEMPTS - 1:
                raise
    cipher.require_key(path)  # raises: says how to give the key
    raise AssertionError  # pragma: no cover


def _opens(path: Path, key: cipher.DatabaseKey) -> cipher.DatabaseKey:
    """Make ``key`` active if it opens ``path`` (StorageError naming a wrong key otherwise)."""
    cipher.use(key)
    try:
        cipher.connect(path, query="mode=rw").close()
    except StorageError:
        cipher.use(None)
        raise
    return key


def new_key(path: Path, *, passphrase: bool, ask: Ask | None) -> cipher.DatabaseKey:
    """The key ``db encrypt`` encrypts with: random material stored in the keyring, or a new passphrase."""
    if not passphrase:
        material = cipher.new_key_material()
        store_in_keyring(path, material)
        return cipher.DatabaseKey(material=material, source="keyring")
    text = passphrase_from_file()
    if text is None and ask is not None:
        text = ask(f"New passphrase for {path.name} (at least {MIN_PASSPHRASE} characters)", True)
    if not text:
        raise UserError("passphrase", f"give a passphrase (type it, or set {PASSPHRASE_FILE_ENV})")
    if len(text) < MIN_PASSPHRASE:
        raise UserError("passphrase", f"use at least {MIN_PASSPHRASE} characters (a few words are easy to remember)")
    return cipher.DatabaseKey(passphrase=text, source="passphrase")

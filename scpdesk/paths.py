"""Where scpdesk keeps its files: data, logs, backups and UI settings (platformdirs, with overrides)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

DB_FILENAME = "scpdesk.sqlite3"
DEMO_DB_FILENAME = "scpdesk-demo.sqlite3"
#: A file of this name beside the frozen program turns on the portable mode (see ``portable_marker``).
PORTABLE_MARKER = "portable"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path
    #: The portable mode: the folders sit beside the program (``<program folder>/data``), not in the profile.
    portable: bool = False

    def describe(self) -> str:
        """Where the data is, as the window and the log say it (the portable mode named)."""
        if self.portable:
            return f"Data folder: {self.data_dir} (portable: beside the program)"
        return f"Data folder: {self.data_dir}"

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def demo_database(self) -> Path:
        return self.data_dir / DEMO_DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "scpdesk.ini"

    def ensure(self) -> AppPaths:
        for path in (self.data_dir, self.log_dir, self.config_dir, self.backups):
            make_private_dir(path)
        return self


def create_private_file(path: Path) -> None:
    """An empty file readable by its owner only (0600), unless it exists already."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))
    except FileExistsError:
        pass


def make_private_dir(path: Path) -> None:
    """Create ``path`` and any missing parents readable by the owner only (0700); existing folders are left
    as they are (an administrator may have shared them on purpose)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)  # raises the right error (a file in the way, …)


def tighten(path: Path, mode: int) -> bool:
    """Take group and other access away from ``path`` (POSIX); True when it was looser than ``mode``."""
    try:
        current = path.stat().st_mode & 0o777
    except OSError:
        return False
    if current & ~mode & 0o777 == 0:
        return False
    os.chmod(path, current & mode)
    return True


def tighten_private_files(paths: AppPaths, extra: Path | None = None) -> int:
    """At start: scpdesk's folders to 0700 and its files (databases and their -wal/-shm, backups, logs, the
    settings file) to 0600 where they were looser (created by an older version or another umask). Returns how
    many were changed (logged as a count). Nothing to do on Windows (see ``windows_acl_warning``)."""
    import logging

    if os.name != "posix":
        return 0
    changed = 0
    folders = [paths.data_dir, paths.backups, paths.log_dir, paths.config_dir]
    for folder in dict.fromkeys(folders):
        if not folder.is_dir():
            continue
        changed += tighten(folder, 0o700)
        own = folder in (paths.backups, paths.log_dir)
        for entry in folder.iterdir():
            if entry.is_file() and not entry.is_symlink() and (own or entry.name.startswith("scpdesk")):
                changed += tighten(entry, 0o600)
    if extra is not None:
        for suffix in ("", "-wal", "-shm"):
            changed += tighten(Path(f"{extra}{suffix}"), 0o600)
    if changed:
        logging.getLogger(__name__).info("made %d file(s) or folder(s) readable by their owner only", changed)
    return changed


#: Accounts whose access to the data folder means other people can read the records.
_BROAD_ACCOUNTS = ("everyone", "builtin\\users", "authenticated users", "nt authority\\authenticated users",
                   "\\users:", "s-1-1-0", "s-1-5-11", "s-1-5-32-545")


def broad_acl_entries(icacls_output: str, folder: str = "") -> list[str]:
    """The entries of ``icacls FOLDER`` output that give Everyone, Users or Authenticated Users any access
    (the folder's own name, printed before the first entry, is not read as an account)."""
    found = []
    for line in icacls_output.splitlines():
        line = line.strip()
        if folder and line.lower().startswith(folder.lower()):
            line = line[len(folder):].strip()
        text = line.lower()
        if ":" not in text or text.startswith("successfully processed"):
            continue
        if any(marker in text for marker in _BROAD_ACCOUNTS) and "(deny)" not in text and "(n)" not in text:
            found.append(line)
    return found


def windows_acl_warning(folder: Path) -> str | None:
    """On Windows: a warning when the data folder's ACL lets other local accounts in (a per-user profile folder
    normally lets only the user, SYSTEM and Administrators in). None elsewhere or when it cannot tell."""
    if os.name != "nt":
        return None
    import subprocess

    try:
        output = subprocess.run(["icacls", str(folder)], capture_output=True, text=True, timeout=10,
                                check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    broad = broad_acl_entries(output, str(folder))
    if not broad:
        return None
    return (f"The data folder {folder} can be read by other accounts on this PC ({'; '.join(broad)}). "
            "Ask IT to restrict it to your account, or move it into your own profile folder.")


def portable_marker() -> Path | None:
    """The ``portable`` file beside the frozen program (``Path(sys.executable).parent``), if there is one: a
    laptop without install rights runs scpdesk from a folder (a USB stick, Documents) and keeps its data beside
    it. None from the source tree (``sys.executable`` is then Python itself) and when there is no such file."""
    if not getattr(sys, "frozen", False):
        return None
    marker = Path(sys.executable).resolve().parent / PORTABLE_MARKER
    return marker if marker.is_file() else None


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """``--data-dir`` first, then ``SCPDESK_HOME``, then the portable mode (a ``portable`` file beside the
    frozen program: ``<program folder>/data``, its ``logs`` and ``config`` inside), then the platform's
    per-user folders (local, not roaming: a SQLite file must never live in a synced or roaming profile).

    An explicit choice wins over the marker file: IT (a shortcut's --data-dir, SCPDESK_HOME set for the
    machine) decides where data lives even for a copy that carries a ``portable`` file."""
    override = data_dir or os.environ.get("SCPDESK_HOME")
    if override:
        root = Path(override).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs", config_dir=root)
    marker = portable_marker()
    if marker is not None:
        root = marker.parent / "data"
        return AppPaths(data_dir=root, log_dir=root / "logs", config_dir=root / "config", portable=True)
    dirs = PlatformDirs("scpdesk", appauthor=False, roaming=False)
    return AppPaths(data_dir=Path(dirs.user_data_dir), log_dir=Path(dirs.user_log_dir),
                    config_dir=Path(dirs.user_config_dir))


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + path.resolve().as_posix()

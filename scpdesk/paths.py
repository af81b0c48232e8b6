"""Where scpdesk keeps its files: data, logs, backups and UI settings (platformdirs, with overrides)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import PlatformDirs

DB_FILENAME = "scpdesk.sqlite3"
DEMO_DB_FILENAME = "scpdesk-demo.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    config_dir: Path

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


def app_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """``--data-dir`` first, then ``SCPDESK_HOME``, then the platform's per-user folders (local, not roaming:
    a SQLite file must never live in a synced or roaming profile)."""
    override = data_dir or os.environ.get("SCPDESK_HOME")
    if override:
        root = Path(override).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs", config_dir=root)
    dirs = PlatformDirs("scpdesk", appauthor=False, roaming=False)
    return AppPaths(data_dir=Path(dirs.user_data_dir), log_dir=Path(dirs.user_log_dir),
                    config_dir=Path(dirs.user_config_dir))


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + path.resolve().as_posix()

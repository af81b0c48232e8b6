"""Logging: a rotating file in the log folder, stderr only when there is one. Ids and counts only —
never a name or free text about a child."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from .paths import make_private_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are readable by their owner only (0600), whatever the umask."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0), 0o600)
        if os.name == "posix" and os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def setup_logging(log_dir: Path | None, *, verbose: bool = False, stderr: bool = True) -> None:
    root = logging.getLogger()
    if getattr(root, "_scpdesk_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if log_dir is not None:
        try:
            make_private_dir(log_dir)
            handler = PrivateRotatingFileHandler(log_dir / "scpdesk.log", maxBytes=2_000_000,
                                                           backupCount=5, encoding="utf-8")
            handler.setFormatter(logging.Formatter(FORMAT))
            root.addHandler(handler)
        except OSError:
            pass
    if stderr and sys.stderr is not None:  # frozen windowed builds have no stderr
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if verbose else logging.WARNING)
        console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        root.addHandler(console)
    root._scpdesk_configured = True  # type: ignore[attr-defined]

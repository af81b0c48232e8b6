"""Logging: a rotating file in the log folder, stderr only when there is one. Ids and counts only —
never a name or free text about a child."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, *, verbose: bool = False, stderr: bool = True) -> None:
    root = logging.getLogger()
    if getattr(root, "_scpdesk_configured", False):
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(log_dir / "scpdesk.log", maxBytes=2_000_000,
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

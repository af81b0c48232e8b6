"""Logging: a rotating file in the log folder, stderr only when there is one. Ids and counts only —
never a name or free text about a child."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from .paths import make_private_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class StackOnlyFormatter(logging.Formatter):
    """Writes an exception's stack (every frame, chained causes too) and its type, never its message: a
    database error's text quotes the values it was given, so ``log.warning(..., exc_info=exc)`` stays safe."""

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler's formatter may have cached the full text, message and all
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: tuple[type[BaseException], BaseException, TracebackType | None]  # noqa: N802
                        | tuple[None, None, None]) -> str:
        kind, value, tb = ei
        if kind is None or value is None:
            return ""
        return stack_only(value, tb)


def stack_only(value: BaseException, tb: TracebackType | None = None) -> str:
    """The traceback of ``value`` (and of its causes) with each exception's type in place of its message."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = value
    frames = tb if tb is not None else value.__traceback__
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        block = "Traceback (most recent call last):\n" + "".join(traceback.format_tb(frames)) if frames else ""
        parts.append(f"{block}{kind.__module__}.{kind.__qualname__} (message withheld: it may quote a record)")
        nxt = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if nxt is not None:
            parts.append("The above was caused by:" if current.__cause__ is not None
                         else "The above was raised while handling:")
        current, frames = nxt, nxt.__traceback__ if nxt is not None else None
    return "\n".join(parts)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are readable by their owner only (0600), whatever the umask."""

    def _open(self):
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
            handler.setFormatter(StackOnlyFormatter(FORMAT))
            root.addHandler(handler)
        except OSError:
            pass
    if stderr and sys.stderr is not None:  # frozen windowed builds have no stderr
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if verbose else logging.WARNING)
        console.setFormatter(StackOnlyFormatter("%(levelname)s: %(message)s"))
        root.addHandler(console)
    root._scpdesk_configured = True  # type: ignore[attr-defined]

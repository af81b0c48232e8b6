"""Every database call a screen makes: run off the GUI thread, then apply the result on it.

Modelled on Anki's ``CollectionOp`` / ``QueryOp``: the call site gives what to run against the services (on a
worker) and what to do with the result (on the GUI thread), in a few lines::

    ops.load(self, self.ctx, lambda s: s.referrals.screen(rid), self.present, key="referral-detail")
    ops.save(self, self.ctx, lambda s: s.referrals.close(rid, version), self._after)

* ``load`` is a read with a key: a newer load with the same key makes the older stale and its result is
  dropped (the user has chosen another record since), never painted over the newer one.
* ``save`` runs on the single write thread, so two saves never race.
* The result is delivered only while ``owner`` still exists (a closed dialog is not painted into).
* A failure the user can act on (``ScpdeskError``: a refusal, a clash, the server unreachable) is explained
  in a message; anything else is a bug and goes to the error dialog (``sys.excepthook``: its stack is logged,
  never its message). ``failed=`` replaces that.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..errors import ScpdeskError
from .context import AppContext
from .forms import plain_message
from .i18n import translate

if TYPE_CHECKING:
    from ..services.registry import Services

log = logging.getLogger(__name__)

T = TypeVar("T")


def explain(owner: QObject | None, exc: BaseException, *, title: str = "scpdesk") -> None:
    """Say why an action failed: a user's refusal or an environment fault in words; a bug to the error dialog."""
    if isinstance(exc, ScpdeskError):
        log.info("action refused: %s", type(exc).__name__)
        parent = owner if isinstance(owner, QWidget) and shiboken6.isValid(owner) else None
        plain_message(parent, title, str(exc))
        return
    sys.excepthook(type(exc), exc, exc.__traceback__)


def alive(owner: QObject, fn: Callable[[T], None]) -> Callable[[T], None]:
    """``fn`` unless ``owner`` was closed meanwhile (a result is never painted into a deleted widget)."""
    def deliver(value: T) -> None:
        if shiboken6.isValid(owner):
            fn(value)
        else:
            log.debug("result for a closed %s dropped", type(owner).__name__)

    return deliver


def _bind(ctx: AppContext, fn: Callable[[Services], T]) -> Callable[[], T]:
    services = ctx.services  # the services of the moment the user acted (never a database swapped in later)
    if services is None:
        raise RuntimeError("no database is open")

    def run() -> T:
        return fn(services)

    return run


def load(owner: QObject, ctx: AppContext, fn: Callable[[Services], T], show: Callable[[T], None], *,
         key: str, failed: Callable[[BaseException], None] | None = None) -> None:
    """Read in the background and ``show`` the result, unless a newer ``load`` with this ``key`` started since."""
    on_error = failed or (lambda exc: explain(owner, exc))
    ctx.tasks.read(_bind(ctx, fn), alive(owner, show), alive(owner, on_error), key=key)


def save(owner: QObject, ctx: AppContext, fn: Callable[[Services], T], done: Callable[[T], None], *,
         failed: Callable[[BaseException], None] | None = None) -> None:
    """Write on the write thread, then ``done(result)`` on the GUI thread. Writes are never dropped as stale:
    what the user saved is always reported, and ``failed`` (default: explain) says why not."""
    def on_error(exc: BaseException) -> None:
        if failed is not None and shiboken6.isValid(owner):
            failed(exc)
        else:  # the screen that asked is gone: the failure is still said, never swallowed
            explain(owner, exc)

    ctx.tasks.write(_bind(ctx, fn), alive(owner, done), on_error)


def load_then(owner: QObject, ctx: AppContext, fn: Callable[[Services], T], then: Callable[[T], bool], *,
              key: str) -> bool:
    """Read what a form needs first (its options, the versions it will save against) in the background, then
    ``then(result)`` on the GUI thread (it opens the form). What ``then`` answered when the read was delivered
    at once (the tests' immediate runner); True while it is on its way; False when the read failed (said)."""
    outcome: list[bool] = []

    def show(value: T) -> None:
        outcome.append(bool(then(value)))

    def failed(exc: BaseException) -> None:
        outcome.append(False)
        explain(owner, exc)

    load(owner, ctx, fn, show, key=key, failed=failed)
    return outcome[0] if outcome else True


def write_file(owner: QObject, ctx: AppContext, fn: Callable[[Services], T], *, title: str,
               done: Callable[[T], None] | None = None) -> bool:
    """Write a file (an export, a document) on the write thread, then ``done(result)``; a refusal or a file
    that could not be written is said in a message titled ``title``, a bug goes to the error dialog. True when
    written at once (immediate runner) or on its way."""
    outcome: list[bool] = []

    def finished(result: T) -> None:
        outcome.append(True)
        if done is not None:
            done(result)

    def failed(exc: BaseException) -> None:
        outcome.append(False)
        if isinstance(exc, OSError):
            parent = owner if isinstance(owner, QWidget) and shiboken6.isValid(owner) else None
            plain_message(parent, title, translate("Ops", "The file was not written: {error}").format(
                error=exc.strerror or exc))
        else:
            explain(owner, exc, title=title)

    save(owner, ctx, fn, finished, failed=failed)
    return outcome[0] if outcome else True

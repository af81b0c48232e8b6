"""scpdesk's widgets (PySide6). Importing the package first keeps PySide6 from holding the source of every module."""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads PySide's import hook, which the function below trims

#: Where PySide6 keeps its import hook's check (see :func:`forget_sources_pyside_reads`).
PYSIDE_FEATURE_MODULE = "PySide6.support.feature"


def forget_sources_pyside_reads() -> bool:
    """PySide6 (6.6 to 6.11 at least) checks every module imported after it for the text "PySide6" by reading its
    whole source (``_mod_uses_pyside``: ``inspect.getsource``), and Python's ``linecache`` then keeps every line of
    every module for good: about 25 MiB once the database layer and the services are loaded, in a window that
    otherwise holds about 150. The check stays as PySide made it; only what it left in the cache is dropped (the
    cache refills should a traceback need a line). False, changing nothing, when this PySide works differently."""
    feature = sys.modules.get(PYSIDE_FEATURE_MODULE)
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(check) or getattr(check, "forgets_sources", False):
        return False

    def uses_pyside(module: ModuleType, check: Callable[[ModuleType], bool] = check) -> bool:
        try:
            return check(module)
        finally:
            filename = getattr(module, "__file__", None)
            if filename:
                linecache.cache.pop(filename, None)

    uses_pyside.forgets_sources = True  # type: ignore[attr-defined]
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - a private name PySide6 has no stub for
    linecache.clearcache()  # what the modules imported since PySide6 (the command line's, this one's) left
    return True


forget_sources_pyside_reads()

"""Command-line extensions, one module per area (meetings, library…), found automatically.

Each module defines::

    def add_parsers(commands, import_what, export_what) -> None
        # add its subcommands to the top-level subparsers, and to ``scpdesk import WHAT`` / ``export WHAT``
    def run(args, services) -> int | None
        # handle args if they are its own and return the exit code; else return None
    def run_before_database(args) -> int | None   # optional
        # the same, for a command that opens no database (reads a file of its own: ``offline status``)

``services`` is an opened ``scpdesk.services.registry.Services``. Modules must not import Qt.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module
from types import ModuleType


def extensions() -> list[ModuleType]:
    # Frozen (PyInstaller) the modules are in the build's archive: its pyi_rth_pkgutil runtime hook makes
    # iter_modules list the archive's modules as well as files (packaging/scpdesk.spec collects both by rule).
    return [import_module(f"{__name__}.{info.name}") for info in sorted(pkgutil.iter_modules(__path__),
                                                                        key=lambda i: i.name)]

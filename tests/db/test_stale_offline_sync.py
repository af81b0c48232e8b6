"""Syncing an offline copy back (issue 16) takes no version the user saw: it is a three-way merge per field against
the values at check-out (``offline_base``), in one transaction over the server rows it locks (``SELECT … FOR
UPDATE``), so a colleague's change is either kept (changed only on the server) or a conflict a person resolves —
never overwritten. ``tests/db/test_every_write_checked.py`` reads these registries; what the sync keeps, applies
and refuses is proven in ``tests/db/test_offline_sync.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STALE_CALLS: dict[str, Callable[..., Any]] = {}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.offline.sync.sync_back": "merges against the values at check-out under row locks: a server "
                                               "change is kept or is a conflict a person resolves, never replaced "
                                               "unseen (tests/db/test_offline_sync.py)",
}

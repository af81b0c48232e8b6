"""Taking records offline (issue 16) replaces nothing a user saw: it writes a new file and adds a checkout (who has
what offline, since when) with its audit rows, so it takes no version (``tests/db/test_every_write_checked.py``
reads these registries). What it writes and records is proven in ``tests/db/test_offline_take.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STALE_CALLS: dict[str, Callable[..., Any]] = {}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.offline.take.take_offline": "writes a new file (never over another) and adds a checkout with "
                                                  "its audit rows; a failed take ends its own checkout (released_at)",
}

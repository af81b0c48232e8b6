"""The window's offline facade (``services.offline``, issue 16) hands its two writes over to the offline services
(``tests/db/test_every_write_checked.py`` reads these registries). Neither replaces a value on a version the user
saw: a take writes a new file and a checkout; a sync is the three-way merge of every field against the value taken
offline, under row locks in one transaction, where a field both people changed is a conflict a person decides —
its check is that merge, proven in ``tests/db/test_offline_sync.py`` and, through the window, in
``tests/ui/test_offline_ui.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

STALE_CALLS: dict[str, Callable[..., Any]] = {}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.offline.area.OfflineArea.take": "hands over to take_offline: a new file (never over another) "
                                                      "and a checkout with its audit rows",
    "scpdesk.services.offline.area.OfflineArea.sync": "hands over to sync_back: every field merged three ways "
                                                      "against the value taken offline, under row locks in one "
                                                      "transaction; a field changed on both sides is a conflict a "
                                                      "person resolves, never overwritten",
}

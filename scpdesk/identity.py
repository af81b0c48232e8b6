"""Who is acting: the operating-system user the audit trail names. No third-party imports (fast start)."""

from __future__ import annotations

import getpass
import os


def os_user() -> str:
    """The logged-on account (on Windows with its domain, e.g. ``COUNCIL\\jsmith``)."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some service contexts
        user = os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"
    domain = os.environ.get("USERDOMAIN")
    return f"{domain}\\{user}" if domain and os.name == "nt" else user

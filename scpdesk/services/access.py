"""What the current user may do, and how a refusal by the database is explained.

On a shared server the answer comes from PostgreSQL (the login's roles, read once at open: see
scpdesk/models/roles.py); the database itself enforces it, and the screens only hide or disable what would
be refused, saying why. On a local SQLite file the OS account owns the file: it may do everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import UserError
from ..models.roles import ADMIN, ADMIN_TABLES, AUDIT_TABLE, COORDINATOR, IDENTITY, IDENTITY_TABLE, VIEWER
from ..models.roles import capabilities as _capabilities

ASK_IT = "ask IT to grant it (scpdesk db grant YOUR_LOGIN ROLE)"


@dataclass(frozen=True)
class Access:
    """The current login's rights. ``local`` is a SQLite file (everything allowed)."""

    user: str
    roles: tuple[str, ...] = ()
    read: bool = True
    edit: bool = True
    identity: bool = True
    admin: bool = True
    local: bool = True
    superuser: bool = False

    @property
    def role_text(self) -> str:
        if self.local:
            return "local file"
        if self.superuser:
            return "database superuser"
        return ", ".join(self.roles) if self.roles else "no scpdesk role"

    def why_not(self, what: str) -> str:
        """'' when allowed; else the sentence a tooltip or label shows (what: edit, identity, admin)."""
        if getattr(self, what):
            return ""
        needed = {"edit": COORDINATOR, "identity": IDENTITY, "admin": ADMIN, "read": VIEWER}[what]
        can = ("can read records but not change them" if self.read else "cannot read records") \
            if what in ("edit", "read") else \
            ("cannot see or change children's real identities" if what == "identity"
             else "cannot change settings or the directory")
        return f"Your account ({self.role_text}) {can}; {needed} is needed: {ASK_IT}."


def local_access(user: str) -> Access:
    return Access(user=user)


def server_access(connection: Any) -> Access:
    """Ask the server once what this login may do (a few catalog functions, no table read)."""
    found = _capabilities(connection)
    everything = found["superuser"]
    return Access(user=found["user"], roles=found["roles"], read=found["read"] or everything,
                  edit=found["edit"] or everything, identity=found["identity"] or everything,
                  admin=found["admin"] or everything, local=False, superuser=everything)


_TABLE = re.compile(r'permission denied for (?:table|relation|sequence) "?([a-z_0-9]+)"?', re.IGNORECASE)
_POLICY = re.compile(r'row-level security policy for table "?([a-z_0-9]+)"?', re.IGNORECASE)
_FUNCTION = re.compile(r'permission denied for function "?(scpdesk_identity_hits)"?', re.IGNORECASE)


def _needed(table: str) -> tuple[str, str]:
    """(role, what) a refused statement on ``table`` needed."""
    if table == IDENTITY_TABLE:
        return IDENTITY, "see or change a child's real identity"
    if table in ADMIN_TABLES:
        return ADMIN, "change settings or the directory (agencies, people, themes, closure days)"
    if table == AUDIT_TABLE:
        return IDENTITY, "write or read this part of the audit trail"
    return COORDINATOR, "change records"


def refusal(exc: BaseException, user: str) -> UserError | None:
    """The database's refusal (SQLSTATE 42501, insufficient privilege) as a message naming the role needed;
    None for any other error."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) != "42501":
        return None
    text = str(orig)
    if _FUNCTION.search(text):
        return UserError("", f"The database refused: your account ({user}) may not run the check that keeps "
                             "children's real identities out of published documents, so this document cannot be "
                             f"exported for publication. This needs the {COORDINATOR} role: {ASK_IT}.")
    match = _TABLE.search(text) or _POLICY.search(text)
    role, what = _needed(match.group(1).lower() if match else "")
    return UserError("", f"The database refused: your account ({user}) may not {what}. This needs the "
                         f"{role} role: {ASK_IT}. Nothing was saved.")

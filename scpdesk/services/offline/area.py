"""What the window asks of offline copies (issue 16): the one facade the screens call (``services.offline``).

The work itself is in ``services/offline`` (take.py: check-out, holds, the copy's own description; sync.py: the
three-way merge back). This module only gathers what a screen shows in one read, and opens the server a copy came
from for its sync (the password, when the server asks for one, is typed by the user and never kept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ...errors import StorageError, UserError
from ..uow import ServiceContext

if TYPE_CHECKING:
    from .sync import SyncPlan, SyncResult
    from .take import Hold, TakeResult

ScopeKind = Literal["meeting", "owner", "referrals"]


class ServerLoginRefused(StorageError):
    """The server a copy came from refused the login as it stands: the window asks for the password."""


class SyncedNotFinished(StorageError):
    """The server took the copy's changes (committed), but what follows on this computer (wiping or refreshing the
    copy) failed: syncing again finishes it ("already synced")."""


@dataclass(frozen=True)
class CopyInfo:
    """The open database is an offline copy: what its banner says and what its sync needs."""

    server_label: str
    server_url: str
    taken_at: dt.datetime
    taken_by: str
    scope_label: str
    state: str
    reference_prefix: str
    encrypted: bool
    path: Path
    token: str = ""

    def is_provisional(self, reference: str) -> bool:
        """A reference given offline, replaced by the server's own when the copy is synced."""
        return bool(self.reference_prefix) and reference.startswith(f"{self.reference_prefix}-")


@dataclass(frozen=True)
class Choice:
    """One thing a check-out can take: its reference (what the scope names) and how the list shows it."""

    reference: str
    text: str


@dataclass(frozen=True)
class TakeChoices:
    """What the "Take offline" form offers, read in one go before it opens."""

    #: Meetings, the next ones first (soonest first), then the past ones (latest first).
    meetings: tuple[Choice, ...]
    #: Open referrals first, then the others (by reference).
    referrals: tuple[Choice, ...]
    #: The directory person linked to this login ("" when none is: "the cases I own" cannot be offered).
    me: str
    encryption_required: bool
    #: Why an encrypted copy cannot be made on this computer ("" when it can).
    encryption_unavailable: str
    #: The login that person signs in as (what "the cases I own" is taken by: a name may be shared).
    me_login: str = ""


def _encryption_unavailable() -> str:
    try:
        from sqlcipher3 import dbapi2  # noqa: F401
    except ImportError:
        return "the SQLCipher library is not installed on this computer (reinstall scpdesk)"
    return ""


class OfflineArea:
    """``open_server(url)``: the services' context on another database (the registry opens it, as at a start)."""

    def __init__(self, ctx: ServiceContext, open_server: Callable[[str], ServiceContext], *,
                 backup_dirs: tuple[Path, ...] = ()) -> None:
        self.ctx = ctx
        self._open_server = open_server
        self._backup_dirs = backup_dirs  # where the app backs up the open copy: wiped with it on release

    # The open database ------------------------------------------------------------------------------------
    def copy_info(self) -> CopyInfo | None:
        """The copy's own description when the open database is an offline copy (a local file), else None (a
        server is never a copy: no query is made)."""
        path = self.ctx.db.sqlite_path
        if path is None:
            return None
        from sqlalchemy import select

        from ...models.offline import OfflineCopy

        with self.ctx.db.sessions() as s:
            row = s.execute(select(OfflineCopy)).scalars().first()
            if row is None:
                return None
            return CopyInfo(server_label=row.server_label, server_url=row.server_url, taken_at=row.taken_at,
                            taken_by=row.taken_by, scope_label=row.scope_label, state=row.state,
                            reference_prefix=row.reference_prefix, encrypted=bool(row.encrypted), path=Path(path),
                            token=row.token)

    def holds(self) -> dict[str, dict[int, Hold]]:
        """Every record someone has offline now (an open check-out), by kind and id, with the earliest holder: one
        statement, read by the window at start and every few minutes (a record's page and the warning before
        editing it then cost no read). An offline copy holds nothing itself: no query."""
        from sqlalchemy import select

        from ...models.offline import OfflineCheckout, OfflineCheckoutRecord, OfflineCopy
        from .take import Hold

        if self.ctx.db.is_sqlite:  # a copy (or a plain local file): no check-outs unless taken from it
            with self.ctx.db.sessions() as s:
                if s.execute(select(OfflineCopy.id).limit(1)).first() is not None:
                    return {}
        held: dict[str, dict[int, Hold]] = {}
        with self.ctx.read_one() as s:
            rows = s.execute(
                select(OfflineCheckoutRecord.entity, OfflineCheckoutRecord.record_id, OfflineCheckout.holder_name,
                       OfflineCheckout.taken_at, OfflineCheckout.token)
                .join(OfflineCheckout, OfflineCheckout.id == OfflineCheckoutRecord.checkout_id)
                .where(OfflineCheckout.released_at.is_(None))
                .order_by(OfflineCheckout.taken_at, OfflineCheckout.id)).all()
        for entity, record_id, name, since, token in rows:
            held.setdefault(entity, {}).setdefault(record_id, Hold(name, since, token))
        return held

    # Taking records offline (on the server) ---------------------------------------------------------------
    def take_choices(self) -> TakeChoices:
        """Meetings (the next first), referrals (open ones first) and this login's directory person, read in one
        session: two short queries, whatever the size of the lists."""
        from sqlalchemy import select

        from ...models.directory import Person
        from ...models.enums import ReferralStatus, label
        from ...models.meetings import Meeting
        from ...models.referrals import Referral
        from ..settings import load_settings

        today = self.ctx.today()
        with self.ctx.db.sessions() as s:
            required = load_settings(s).require_encryption
            me = s.execute(select(Person.name).where(Person.login == self.ctx.user.strip().lower())).scalar()
            meetings = s.execute(select(Meeting.reference, Meeting.kind, Meeting.meeting_date)).all()
            referrals = s.execute(select(Referral.reference, Referral.status)).all()
        upcoming = sorted((m for m in meetings if m.meeting_date >= today), key=lambda m: (m.meeting_date,
                                                                                             m.reference))
        past = sorted((m for m in meetings if m.meeting_date < today), key=lambda m: m.meeting_date, reverse=True)
        meeting_choices = tuple(Choice(m.reference, f"{m.reference} — {label(m.kind)} — {m.meeting_date:%a %d %b %Y}")
                                for m in (*upcoming, *past))
        ordered = sorted(referrals, key=lambda r: (r.status == ReferralStatus.CLOSED, r.reference))
        referral_choices = tuple(Choice(r.reference, f"{r.reference} — {label(r.status)}") for r in ordered)
        return TakeChoices(meeting_choices, referral_choices, me or "", required, _encryption_unavailable(),
                           me_login=self.ctx.user.strip().lower() if me else "")

    def take(self, kind: ScopeKind, value: str, target: Path, *, encrypt: bool | None = None,
             passphrase: str | None = None) -> TakeResult:
        from .take import Scope, take_offline

        return take_offline(self.ctx, Scope(kind, value), target, encrypt=encrypt, passphrase=passphrase)

    # Syncing a copy back (in the copy's window) -----------------------------------------------------------
    def _copy_path(self) -> Path:
        path = self.ctx.db.sqlite_path
        if path is None:
            raise UserError("database", "only an offline copy is synced back to a server")
        return Path(path)

    def _server(self, password: str | None) -> ServiceContext:
        """The server the copy came from, as this computer's account signs in to it (with ``password`` typed)."""
        info = self.copy_info()
        if info is None:
            raise UserError("database", "this database is not an offline copy: there is nothing to sync back")
        url = info.server_url
        if password:
            from sqlalchemy.engine import make_url

            url = make_url(url).set(password=password).render_as_string(hide_password=False)
        try:
            return self._open_server(url)
        except StorageError as exc:
            if "refused your login" in str(exc) or "password" in str(exc).lower():
                raise ServerLoginRefused(f"The server {info.server_label} asks for your password.",
                                         hint="Type the password of your login on the shared server.") from exc
            raise

    def plan(self, password: str | None = None) -> SyncPlan:
        """What a sync would do (nothing changes anywhere)."""
        from .sync import plan_sync

        server = self._server(password)
        try:
            return plan_sync(server, self._copy_path())
        finally:
            server.db.dispose()

    def resolve(self, key: str, choice: Literal["mine", "theirs"]) -> None:
        """Keep a person's choice for one conflict (in the copy, until the sync applies it)."""
        from .sync import resolve

        resolve(self._copy_path(), key, choice, by=self.ctx.user)

    def sync(self, password: str | None = None, *, after: Literal["release", "refresh"] = "release") -> SyncResult:
        """Apply the copy to its server (one transaction), then release or refresh the copy. A failure after the
        server committed is said as such (SyncedNotFinished), never as "nothing changed"."""
        from .sync import sync_back

        path = self._copy_path()
        info = self.copy_info()
        server = self._server(password)
        try:
            before = self._synced_at(server, info.token if info else "")
            # The copy is wiped (release) or replaced by a fresh one (refresh): nothing here may keep it open.
            self.ctx.db.dispose()
            try:
                return sync_back(server, path, after=after, backup_dirs=self._backup_dirs)
            except Exception as exc:
                now = self._synced_at(server, info.token if info else "")
                if now is not None and now != before:
                    raise SyncedNotFinished(
                        f"Your changes were applied to the server, but finishing on this computer failed: {exc}",
                        hint="Sync again: it finds the copy already synced and finishes what was left.") from exc
                raise
        finally:
            server.db.dispose()

    @staticmethod
    def _synced_at(server: ServiceContext, token: str) -> dt.datetime | None:
        from sqlalchemy import select

        from ...models.offline import OfflineCheckout

        if not token:
            return None
        with server.read_one() as s:
            return s.execute(select(OfflineCheckout.synced_at).where(OfflineCheckout.token == token)).scalar()

"""Take records offline (issue 16): check out a meeting, the cases someone owns, or a list of referrals from the
shared server into a local scpdesk file, and say what a copy holds.

``take_offline`` reads every row it copies in one snapshot of the server (REPEATABLE READ), writes a normal
scpdesk SQLite file at the current schema (so the same app opens it) under a temporary name beside the target,
with the rows keeping their server ids and each record row's values in ``offline_base``; then records the
checkout on the server (who, since when, which root records; audited) and only then renames the file into place:
an interruption leaves either nothing or a whole copy, and a copy always has its checkout.

Never copied: a child's real identity (``child_identity``) and the audit (the copy starts its own chain). The
copy is encrypted (SQLCipher) when the partnership's setting requires it or when asked; where encryption is
required but cannot be had, nothing is written and the reason is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

from sqlalchemy import Table, func, or_, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ... import keys
from ...errors import StorageError, UserError
from ...models import (
    Action,
    AgencySummary,
    AgendaItem,
    Base,
    Meeting,
    MeetingAction,
    OfflineBase,
    OfflineCheckout,
    OfflineCheckoutRecord,
    OfflineCopy,
    Person,
    RapidReview,
    Recommendation,
    Referral,
    Review,
    SafetyAction,
    cipher,
    schema,
)
from ...models.audit import record
from ...models.database import Database, open_database
from ...models.enums import AuditAction
from ...models.offline import LINK_TABLES, ROOT_ENTITIES, STATE_OPEN, copy_prefix
from ...paths import sqlite_url
from ..settings import SETTING_KEYS, load_settings
from ..uow import ServiceContext
from .rows import NEVER_COPIED, RECORD_TABLES, WHOLE_TABLES, baseline_rows, changed_fields, row_values

log = logging.getLogger(__name__)

ScopeKind = Literal["meeting", "owner", "referrals"]
#: Provisional references of referrals created in a copy start with this (then 6 characters of the token).
REFERENCE_PREFIX = "OFF"
#: The migration that brought offline copies (a file at an earlier schema is not one).
FIRST_REVISION = "0011"


@dataclass(frozen=True)
class Scope:
    """What to take: a meeting (its reference), the cases a directory person owns (their name or login), or
    referrals (references separated by commas)."""

    kind: ScopeKind
    value: str

    def references(self) -> list[str]:
        return [r.strip() for r in self.value.split(",") if r.strip()]


@dataclass(frozen=True)
class TakeResult:
    path: Path
    token: str
    taken_at: dt.datetime
    #: Rows copied per table (record tables and the directory).
    counts: dict[str, int]
    encrypted: bool
    scope_label: str = ""
    reference_prefix: str = ""


@dataclass(frozen=True)
class OfflineInfo:
    """What an offline copy is, read from the copy alone (no server needed)."""

    path: Path | None
    token: str
    server_label: str
    server_url: str
    taken_at: dt.datetime
    taken_by: str
    scope: str
    scope_label: str
    state: str
    synced_at: dt.datetime | None
    encrypted: bool
    reference_prefix: str
    #: Rows per record table now in the copy (referral, meeting, review, …).
    counts: dict[str, int] = field(default_factory=dict)
    #: Local changes against the values at check-out: fields changed, rows added and rows removed.
    changes: int = 0


@dataclass(frozen=True)
class Hold:
    """A record someone has offline: "offline with NAME since DATE"."""

    holder_name: str
    since: dt.datetime
    token: str


# -- Which records ------------------------------------------------------------------------------------------------

@dataclass
class _Roots:
    label: str
    referral: set[int] = field(default_factory=set)
    meeting: set[int] = field(default_factory=set)
    review: set[int] = field(default_factory=set)


def _roots(s: Session, scope: Scope) -> _Roots:
    """The root records of a scope (UserError naming what does not exist)."""
    value = scope.value.strip()
    if scope.kind == "meeting":
        found = s.execute(select(Meeting.id, Meeting.reference).where(
            func.lower(Meeting.reference) == value.lower())).first()
        if not value or found is None:
            raise UserError("meeting", f"no meeting {value or '(none given)'} was found; give its reference, "
                                       "e.g. RRP-2026-03-12")
        roots = _Roots(f"meeting {found.reference}", meeting={found.id})
        roots.referral = set(s.scalars(select(AgendaItem.referral_id).where(
            AgendaItem.meeting_id == found.id, AgendaItem.referral_id.is_not(None))))
    elif scope.kind == "referrals":
        wanted = scope.references()
        if not wanted:
            raise UserError("referrals", "give one or more referral references, separated by commas")
        rows = {ref: rid for ref, rid in s.execute(select(func.lower(Referral.reference), Referral.id).where(
            func.lower(Referral.reference).in_([w.lower() for w in wanted])))}
        missing = [w for w in wanted if w.lower() not in rows]
        if missing:
            raise UserError("referrals", f"no referral {', '.join(missing)} was found; nothing was taken offline")
        roots = _Roots(f"referrals {', '.join(wanted)}"[:200], referral=set(rows.values()))
    elif scope.kind == "owner":
        person_id, name = _person(s, value)
        roots = _Roots(f"cases of {name}"[:200])
        rr = select(RapidReview.referral_id)
        roots.referral = set(s.scalars(rr.join(SafetyAction).where(SafetyAction.owner_person_id == person_id)))
        roots.referral |= set(s.scalars(rr.join(AgencySummary).where(AgencySummary.person_id == person_id)))
        roots.referral |= set(s.scalars(select(AgendaItem.referral_id).join(MeetingAction).where(
            MeetingAction.owner_person_id == person_id, AgendaItem.referral_id.is_not(None))))
        roots.review = set(s.scalars(select(Recommendation.review_id).join(Action).where(
            Action.owner_person_id == person_id)))
        if not roots.referral and not roots.review:
            raise UserError("owner", f"{name} owns no action, safety action, summary request or meeting action: "
                                     "nothing to take offline")
    else:
        raise UserError("scope", f"'{scope.kind}' is not something to take offline (meeting, owner or referrals)")
    # The reviews of those referrals come too, and the referral of every review (a review names its referral).
    if roots.referral:
        roots.review |= set(s.scalars(select(Review.id).where(Review.referral_id.in_(roots.referral))))
    if roots.review:
        roots.referral |= set(s.scalars(select(Review.referral_id).where(
            Review.id.in_(roots.review), Review.referral_id.is_not(None))))
    return roots


def _person(s: Session, value: str) -> tuple[int, str]:
    if not value:
        raise UserError("owner", "give the name (or login) of a person in the directory")
    rows = s.execute(select(Person.id, Person.name).where(or_(
        func.lower(Person.name) == value.lower(), Person.login == value.lower())).order_by(Person.id)).all()
    if not rows:
        raise UserError("owner", f"no person called {value} is in the directory; nothing was taken offline")
    if len(rows) > 1:
        raise UserError("owner", f"{len(rows)} people are called {value}: give the login of the one you mean")
    return rows[0].id, rows[0].name


# -- Taking -------------------------------------------------------------------------------------------------------

def take_offline(ctx: ServiceContext, scope: Scope, target: Path, *, encrypt: bool | None = None,
                 passphrase: str | None = None) -> TakeResult:
    """Check out ``scope`` from the server of ``ctx`` into a new local file ``target`` (see the module docstring).

    ``encrypt``: None follows the partnership's setting; True encrypts (with ``passphrase``, else
    SCPDESK_DB_PASSPHRASE_FILE's, else a random key kept in the OS keyring); False is refused where the setting
    requires encryption.
    """
    target = Path(target)
    if not ctx.access.edit:  # (the server refuses the checkout anyway: said before anything is read)
        raise UserError("offline", "taking records offline needs the right to change them. "
                                   + ctx.access.why_not("edit"))
    if target.exists():
        raise UserError("file", f"{target} already exists; choose a new file name (an offline copy is never "
                                "written over another file)")
    if not target.parent.is_dir():
        raise UserError("file", f"the folder {target.parent} does not exist")
    token = str(uuid.uuid4())
    prefix = f"{REFERENCE_PREFIX}-{token[:6].upper()}"
    taken_at = ctx.now()
    temporary = schema._temporary_name(target)
    key: cipher.DatabaseKey | None = None
    try:
        with ctx.snapshot() as s:
            if copy_prefix(s) is not None:
                raise UserError("database", "this database is itself an offline copy: take records offline from "
                                            "the shared server")
            encrypted = _want_encryption(load_settings(s).require_encryption, encrypt)
            roots = _roots(s, scope)
            holder_login, holder_name = _holder(ctx, s)
            key = _key(target, passphrase) if encrypted else None
            counts = _write_copy(s, roots, temporary, key, copy_row={
                "token": token, "server_label": ctx.db.describe(), "server_url": _url_without_password(ctx.db),
                "taken_at": taken_at, "taken_by": holder_name, "scope": scope.kind, "scope_label": roots.label,
                "encrypted": encrypted, "state": STATE_OPEN, "synced_at": None, "reference_prefix": prefix})
        _record_checkout(ctx, token, holder_login, holder_name, scope.kind, roots, taken_at)
    except BaseException:
        _abandon(temporary, target, key)
        raise
    try:
        if target.exists():
            raise StorageError(f"{target} appeared while the copy was being written.",
                               hint="Choose a new file name and take the records offline again.")
        os.replace(temporary, target)
        schema._fsync(target.parent, directory=True)
    except (OSError, StorageError):
        _abandon(temporary, target, key)
        _release_quietly(ctx, token)
        raise
    log.info("took %d referral(s), %d meeting(s), %d review(s) offline (%s)", len(roots.referral),
             len(roots.meeting), len(roots.review), "encrypted" if encrypted else "plain")
    return TakeResult(target, token, taken_at, counts, encrypted, roots.label, prefix)


def _abandon(temporary: Path, target: Path, key: cipher.DatabaseKey | None) -> None:
    """A take that did not finish: its partial file goes, and the keyring entry made for the copy it would be."""
    _remove(temporary)
    if key is not None and key.source == "keyring":
        keys.forget_keyring(target)


def _want_encryption(required: bool, asked: bool | None) -> bool:
    setting = SETTING_KEYS["require_encryption"].label
    if required and asked is False:
        raise UserError("encrypt", f"your partnership requires local files to be encrypted (setting '{setting}'): "
                                   "an offline copy is encrypted")
    wanted = required if asked is None else asked
    if wanted:
        try:
            cipher._module()
        except StorageError:
            why = (f"your partnership requires local files to be encrypted (setting '{setting}')" if required
                   else "you asked for an encrypted copy")
            raise UserError("encrypt", f"{why}, but encryption (SQLCipher) is not available on this computer: "
                                       "nothing was taken offline. Reinstall scpdesk (it depends on "
                                       "sqlcipher3-wheels), or take the records offline on another computer"
                            ) from None
    return wanted


def _key(target: Path, passphrase: str | None) -> cipher.DatabaseKey:
    """The key of a new encrypted copy: the passphrase given (or SCPDESK_DB_PASSPHRASE_FILE's), else a random key
    kept in the OS keyring under the copy's path."""
    text_ = passphrase if passphrase is not None else keys.passphrase_from_file()
    if text_ is not None:
        if len(text_) < keys.MIN_PASSPHRASE:
            raise UserError("passphrase", f"use at least {keys.MIN_PASSPHRASE} characters (a few words are easy to "
                                          "remember)")
        return cipher.DatabaseKey(passphrase=text_, source="passphrase")
    material = cipher.new_key_material()
    try:
        keys.store_in_keyring(target, material)
    except StorageError:
        raise UserError("passphrase", "this computer has no OS keyring to keep the key of an encrypted copy: "
                                      "give a passphrase") from None
    return cipher.DatabaseKey(material=material, source="keyring")


def _holder(ctx: ServiceContext, s: Session) -> tuple[str, str]:
    """Who takes the records: the server's session_user (the OS account for a local file), and the directory
    person who signs in as that login (else the login)."""
    if ctx.db.is_sqlite:
        login = ctx.os_account
    else:
        login = str(s.execute(text("SELECT session_user")).scalar())
    name = s.scalar(select(Person.name).where(Person.login == login.strip().lower()))
    return login, (name or login)[:200]


def _url_without_password(db: Database) -> str:
    return make_url(db.url).set(password=None).render_as_string(hide_password=True)


@contextlib.contextmanager
def _active_key(key: cipher.DatabaseKey | None) -> Iterator[None]:
    """Make ``key`` the process's key while a copy is written or read, then put back the one before."""
    if key is None:
        yield
        return
    before = cipher.active()
    cipher.use(key)
    try:
        yield
    finally:
        cipher.use(before)


def _write_copy(s: Session, roots: _Roots, path: Path, key: cipher.DatabaseKey | None,
               copy_row: dict[str, Any]) -> dict[str, int]:
    """Build the copy at ``path`` (migrated to the current schema), fill it from the server snapshot ``s``."""
    _remove(path)  # the engine creates it, private, encrypted from the first page when a key is given
    counts: dict[str, int] = {}
    with _active_key(key):
        copy = open_database(sqlite_url(path), create_dir=False)
        try:
            schema.upgrade(copy)
            with copy.engine.begin() as conn:
                for name in WHOLE_TABLES:  # the seeded themes give way to the server's
                    conn.execute(Base.metadata.tables[name].delete())
                copied: dict[str, set[int]] = {"referral": roots.referral, "meeting": roots.meeting,
                                               "review": roots.review}
                for table in Base.metadata.sorted_tables:
                    rows = _server_rows(s, table, copied)
                    if rows is None:
                        continue
                    if rows:
                        conn.execute(table.insert(), rows)
                    counts[table.name] = len(rows)
                    if table.name in RECORD_TABLES:
                        if "id" in table.c:
                            copied[table.name] = {int(r["id"]) for r in rows}
                        parent = LINK_TABLES.get(table.name)
                        parents = copied[RECORD_TABLES[table.name][0][1]] if parent else frozenset()
                        base = baseline_rows(table, rows, parents)
                        if base:
                            conn.execute(_table(OfflineBase).insert(), base)
                conn.execute(_table(OfflineCopy).insert(), [copy_row])
            with copy.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                problems = conn.exec_driver_sql("PRAGMA quick_check").fetchall()
                if problems != [("ok",)]:
                    raise StorageError(f"The offline copy could not be verified ({problems[0][0]}).",
                                       hint="Check the disk, then take the records offline again.")
        finally:
            copy.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    schema._fsync(path)
    return counts


def _server_rows(s: Session, table: Table, copied: dict[str, set[int]]) -> list[dict[str, Any]] | None:
    """The rows of ``table`` the copy holds (None: a table never copied)."""
    if table.name in NEVER_COPIED:
        return None
    if table.name in WHOLE_TABLES:
        return [dict(r._mapping) for r in s.execute(select(table))]
    if table.name not in RECORD_TABLES:  # tests/db/test_offline_take.py keeps every table classified
        raise AssertionError(f"table {table.name} is not classified for offline copies (services/offline/rows.py)")
    conditions = [table.c[column].in_(sorted(copied[parent]))
                  for column, parent in RECORD_TABLES[table.name] if copied.get(parent)]
    if not conditions:
        return []
    return [dict(r._mapping) for r in s.execute(select(table).where(or_(*conditions)))]


def _record_checkout(ctx: ServiceContext, token: str, login: str, name: str, kind: str, roots: _Roots,
                     taken_at: dt.datetime) -> None:
    with ctx.unit_of_work() as s:
        checkout = OfflineCheckout(token=token, holder_login=login[:200], holder_name=name, scope=kind,
                                   scope_label=roots.label, taken_at=taken_at)
        s.add(checkout)
        s.flush()
        held = [(entity, rid) for entity in ROOT_ENTITIES for rid in sorted(getattr(roots, entity))]
        if held:  # one statement; each record's own audit row below says it was taken offline
            s.execute(_table(OfflineCheckoutRecord).insert(), [
                {"checkout_id": checkout.id, "entity": entity, "record_id": rid} for entity, rid in held])
        for entity, rid in held:
            record(s, AuditAction.EXPORT, entity, rid, field="offline", new=f"taken offline by {name} ({token})")


def _release_quietly(ctx: ServiceContext, token: str) -> None:
    """The copy could not be put in place: its checkout ends at once (nobody holds those records)."""
    try:
        with ctx.unit_of_work() as s:
            checkout = s.scalars(select(OfflineCheckout).where(OfflineCheckout.token == token)).one()
            checkout.released_at = ctx.now()
    except Exception:  # the first error is the one to report
        log.exception("could not release checkout %s after a failed take", token)


def _table(entity: type[Base]) -> Table:
    return cast(Table, entity.__table__)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# -- Holds (the server) -------------------------------------------------------------------------------------------

def offline_holds(ctx: ServiceContext, entity: str, ids: Iterable[int]) -> dict[int, Hold]:
    """Which of these records (``entity``: referral, meeting or review) someone has offline now: id → the
    earliest open checkout holding it (one statement)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    with ctx.read_one() as s:
        rows = s.execute(
            select(OfflineCheckoutRecord.record_id, OfflineCheckout.holder_name, OfflineCheckout.taken_at,
                   OfflineCheckout.token)
            .join(OfflineCheckout, OfflineCheckout.id == OfflineCheckoutRecord.checkout_id)
            .where(OfflineCheckoutRecord.entity == entity, OfflineCheckoutRecord.record_id.in_(wanted),
                   OfflineCheckout.released_at.is_(None))
            .order_by(OfflineCheckout.taken_at.desc(), OfflineCheckout.id.desc())).all()
    return {rid: Hold(name, since, token) for rid, name, since, token in rows}


# -- What a copy is -----------------------------------------------------------------------------------------------

def is_offline_copy(ctx: ServiceContext) -> OfflineInfo | None:
    """The copy this context's database is, or None (a server, or a local file that is not a copy). Reads every
    copied row to count the local changes: call it off the GUI thread."""
    if not ctx.db.is_sqlite:
        return None
    with ctx.snapshot() as s:
        return _info(s, ctx.db.sqlite_path, ctx.db.is_encrypted)


def copy_info(path: Path, *, passphrase: str | None = None) -> OfflineInfo | None:
    """What the file at ``path`` holds if it is an offline copy, else None; read from the file alone.
    StorageError for a missing file, one that is not a database, or an encrypted one without its key
    (``passphrase``, the OS keyring or SCPDESK_DB_PASSPHRASE_FILE)."""
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"{path} does not exist.", hint="Give the path of the offline copy.")
    key = None
    if cipher.is_encrypted(path):
        if passphrase is not None:
            key = cipher.DatabaseKey(passphrase=passphrase, source="passphrase")
        elif cipher.active() is None:
            try:
                key = keys.unlock(path, None)  # the keyring's key, or SCPDESK_DB_PASSPHRASE_FILE's
            finally:
                cipher.use(None)  # made active by _active_key below, for this read only
    with _active_key(key):
        db = open_database(sqlite_url(path), create_dir=False)
        try:
            revision = schema.current_revision(db)
            if revision is not None and revision not in schema.known_revisions():
                raise schema._too_new(db, revision)
            if revision is None or revision < FIRST_REVISION:
                return None  # an empty file, or an scpdesk file from before offline copies existed
            with ServiceContext(db).snapshot() as s:
                return _info(s, path, cipher.is_encrypted(path))
        finally:
            db.dispose()


def _info(s: Session, path: Path | None, encrypted_now: bool) -> OfflineInfo | None:
    if copy_prefix(s) is None:
        return None
    row = s.scalars(select(OfflineCopy).limit(1)).one()
    counts = {name: int(s.scalar(select(func.count()).select_from(Base.metadata.tables[name])) or 0)
              for name in ("referral", "meeting", "review")}
    return OfflineInfo(path=path, token=row.token, server_label=row.server_label, server_url=row.server_url,
                       taken_at=row.taken_at, taken_by=row.taken_by, scope=row.scope, scope_label=row.scope_label,
                       state=row.state, synced_at=row.synced_at, encrypted=row.encrypted or encrypted_now,
                       reference_prefix=row.reference_prefix, counts=counts, changes=local_changes(s))


def local_changes(s: Session) -> int:
    """Fields changed, rows added and rows removed in a copy since it was taken (against ``offline_base``)."""
    base: dict[str, dict[int, Any]] = {}
    for entity, rid, stored in s.execute(select(OfflineBase.entity, OfflineBase.record_id, OfflineBase.values_json)):
        base.setdefault(entity, {})[rid] = json.loads(stored)
    changes = 0
    for table in Base.metadata.sorted_tables:
        if table.name not in RECORD_TABLES:
            continue
        rows = [row_values(r._mapping) for r in s.execute(select(table))]
        before = base.get(table.name, {})
        parent = LINK_TABLES.get(table.name)
        if parent is not None:
            now: dict[int, list[Any]] = {}
            for values in rows:
                now.setdefault(int(values[parent]), []).append(values)
            for pid in set(now) | set(before):
                was = {json.dumps(v, sort_keys=True) for v in before.get(pid, [])}
                changes += len(was ^ {json.dumps(v, sort_keys=True) for v in now.get(pid, [])})
            continue
        seen = set()
        for values in rows:
            rid = int(values["id"])
            seen.add(rid)
            if rid not in before:
                changes += 1
            else:
                changes += len(changed_fields(before[rid], values))
        changes += len(set(before) - seen)
    return changes


"""Offline copies (issue 16): records taken from the shared server into a local file, worked on without a
network, and merged back.

One schema for every database (migration 0011): the server-side tables (``offline_checkout``,
``offline_checkout_record``) are empty in a local copy, and the local tables (``offline_copy``, ``offline_base``,
``offline_resolution``) are empty on the server. A database is an offline copy exactly when ``offline_copy`` has
its one row.

- ``offline_checkout``: who took what offline, since when (``holder_login`` is the database's ``session_user``
  on PostgreSQL, the OS account for a file: never an environment variable); open until ``released_at``.
- ``offline_checkout_record``: the "root" records of a checkout a person would edit (referral, meeting,
  review); their children are covered through them. Others see "offline with NAME since DATE" on these.
- ``offline_copy``: the copy's one row: which server (its description and URL, never a password), when and by
  whom it was taken, the scope, whether it is encrypted, its state ("open" | "synced") and the prefix of the
  provisional references of referrals created in it.
- ``offline_base``: every column of every copied record row as stored on the server at check-out (JSON, dates as
  ISO strings): the "original" of the three-way merge. Copied rows keep their server ids. A link table's rows
  (``LINK_TABLES``) are kept as one list per parent record. The directory, settings, closure days and themes
  are copied but have no baseline: they are read-only in a copy.
- ``offline_resolution``: a person's choice for one conflicting field ("mine" | "theirs").

In a copy (a session hook registered when this module is imported, as the audit's is): the settings, directory,
closure days and themes are read-only ("needs the server"), a child's real identity cannot be added (identities
stay on the server), and a new referral gets a provisional reference ``{reference_prefix}-{n}`` that no server
reference can equal; the reference the user typed is kept in the copy's audit (entity "referral", field
``requested_reference``) for the sync to use if it is free on the server.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import weakref
from typing import Any

from sqlalchemy import Boolean, Engine, ForeignKey, Index, Integer, String, Text, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..errors import UserError
from .audit import record
from .base import Base, UTCDateTime
from .enums import AuditAction

#: The tables that hold rows only on the server / only in a local copy.
SERVER_TABLES = ("offline_checkout", "offline_checkout_record")
LOCAL_TABLES = ("offline_copy", "offline_base", "offline_resolution")
#: ``offline_checkout.scope`` / ``offline_copy.scope``.
SCOPES = ("meeting", "owner", "referrals")
#: ``offline_copy.state``.
STATE_OPEN, STATE_SYNCED = "open", "synced"
#: ``offline_resolution.choice``.
CHOICES = ("mine", "theirs")
#: ``offline_checkout_record.entity``: the records a checkout holds (table names).
ROOT_ENTITIES = ("referral", "meeting", "review")
#: Link tables (a composite primary key, no id of their own) → the column naming their parent record. Their
#: baseline is one ``offline_base`` row per parent: ``record_id`` is the parent's id and ``values_json`` a JSON
#: list of the parent's link rows (sorted), so a merge compares the set of links.
LINK_TABLES = {"referral_agency": "referral_id", "rapid_review_theme": "rapid_review_id",
               "review_theme": "review_id"}


class OfflineCheckout(Base):
    """On the server: one check-out of records into an offline copy."""

    __tablename__ = "offline_checkout"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(36), unique=True)
    holder_login: Mapped[str] = mapped_column(String(200))
    holder_name: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(20))
    scope_label: Mapped[str] = mapped_column(String(200))
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    synced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    released_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class OfflineCheckoutRecord(Base):
    """On the server: one root record (referral, meeting or review) held by a checkout."""

    __tablename__ = "offline_checkout_record"
    __table_args__ = (Index("ix_offline_checkout_record_entity", "entity", "record_id"),)

    checkout_id: Mapped[int] = mapped_column(ForeignKey("offline_checkout.id", ondelete="CASCADE"),
                                             primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class OfflineCopy(Base):
    """In a local copy: its one row (what it is a copy of, and its state)."""

    __tablename__ = "offline_copy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(36), unique=True)
    #: ``Database.describe()``-style text naming the server (never a password).
    server_label: Mapped[str] = mapped_column(String(500))
    #: The server's URL without its password.
    server_url: Mapped[str] = mapped_column(String(1000))
    taken_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    taken_by: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(20))
    scope_label: Mapped[str] = mapped_column(String(200))
    encrypted: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(20), default=STATE_OPEN)
    synced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: Provisional references of referrals created in the copy: ``{reference_prefix}-{n}`` (e.g. "OFF-3F2A-1").
    reference_prefix: Mapped[str] = mapped_column(String(20))


class OfflineBase(Base):
    """In a local copy: one copied row as it was on the server at check-out (the merge's "original")."""

    __tablename__ = "offline_base"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    values_json: Mapped[str] = mapped_column(Text)


class OfflineResolution(Base):
    """In a local copy: a person's decision on one conflicting field."""

    __tablename__ = "offline_resolution"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    field: Mapped[str] = mapped_column(String(80), primary_key=True)
    choice: Mapped[str] = mapped_column(String(10))
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


#: Tables a copy never changes: they need the server (the partnership's settings and directory).
READ_ONLY_IN_COPY = {"organisation_setting": "the organisation settings", "closure_day": "the closure days",
                     "agency": "the directory of agencies", "person": "the directory of people",
                     "theme": "the list of themes"}
#: Never in a copy: real identities stay on the server.
IDENTITY_TABLE = "child_identity"
#: The audit row (in a copy) keeping the reference typed for a referral created there.
REQUESTED_REFERENCE = "requested_reference"
#: ``session.info`` flag of the offline services' own writes into a copy (refreshing its directory): no refusal.
SYNC_WRITE = "offline_sync_write"
_PROVISIONAL = "offline_provisional"
#: Each SQLite engine → the copy's reference prefix, or "" for a database that is not an offline copy.
_COPY_PREFIX: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def copy_prefix(session: Session) -> str | None:
    """The provisional reference prefix when this session's database is an offline copy, else None. A server is
    never a copy (no statement); a local file is asked once per engine (a copy stays a copy until it is wiped)."""
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return None
    engine = bind if isinstance(bind, Engine) else bind.engine
    prefix = _COPY_PREFIX.get(engine)
    if prefix is None:
        try:
            prefix = session.execute(select(OfflineCopy.reference_prefix).limit(1)).scalar() or ""
        except (DBAPIError, sqlite3.Error):  # a file from before migration 0011 (being upgraded)
            return None
        _COPY_PREFIX[engine] = prefix
    return prefix or None


def forget_copy(engine: Engine) -> None:
    """Ask again (a file that became a copy while the engine was open, e.g. in tests)."""
    _COPY_PREFIX.pop(engine, None)


def next_provisional(session: Session, prefix: str, taken: int = 0) -> str:
    """The next provisional reference of this copy: ``{prefix}-{n}``, n one more than the highest so far."""
    from .referrals import Referral

    pattern = re.compile(re.escape(prefix) + r"-(\d+)")
    used = [int(m.group(1)) for ref in session.scalars(select(Referral.reference)
                                                       .where(Referral.reference.like(f"{prefix}-%")))
            if (m := pattern.fullmatch(ref))]
    return f"{prefix}-{max(used, default=0) + 1 + taken}"


def is_provisional(reference: str, prefix: str) -> bool:
    return re.fullmatch(re.escape(prefix) + r"-\d+", reference) is not None


@event.listens_for(Session, "before_flush")
def _in_a_copy(session: Session, flush_context: Any, instances: Any) -> None:
    """Refuse what needs the server; give new referrals their provisional reference."""
    if session.info.get(SYNC_WRITE) or not (session.new or session.dirty or session.deleted):
        return
    prefix = copy_prefix(session)
    if prefix is None:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", "")
        if table in READ_ONLY_IN_COPY and (obj not in session.dirty or session.is_modified(obj)):
            raise UserError(table, f"{READ_ONLY_IN_COPY[table]} cannot be changed in an offline copy: that needs "
                                   "the server (change it there, after syncing this copy back)")
        if table == IDENTITY_TABLE:
            raise UserError("identity", "a child's real identity cannot be recorded in an offline copy (real "
                                        "identities stay on the server): add it there after syncing this copy back")
    new_referrals = [obj for obj in session.new if getattr(obj, "__tablename__", "") == "referral"
                     and not is_provisional(obj.reference or "", prefix)]
    for taken, referral in enumerate(new_referrals):
        typed = referral.reference
        referral.reference = next_provisional(session, prefix, taken)
        session.info.setdefault(_PROVISIONAL, []).append((referral, typed))


@event.listens_for(Session, "after_flush")
def _keep_typed_references(session: Session, flush_context: Any) -> None:
    for referral, typed in session.info.pop(_PROVISIONAL, []):
        if typed:
            record(session, AuditAction.INSERT, "referral", referral.id, field=REQUESTED_REFERENCE, new=typed)

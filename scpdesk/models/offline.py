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
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime

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

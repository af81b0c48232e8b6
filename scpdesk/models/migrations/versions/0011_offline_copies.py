"""Offline copies (issue 16): take records from the shared server into a local file, merge them back.

One schema for every database: ``offline_checkout`` and ``offline_checkout_record`` hold rows only on the server
(who has what offline, since when), ``offline_copy``, ``offline_base`` and ``offline_resolution`` only in a local
copy (what it is a copy of, the values at check-out, a person's choices on conflicts). See
scpdesk/models/offline.py.

On PostgreSQL ``roles.apply_grants`` runs again: everyone reads the checkouts, coordinators record them
(``roles.CHECKOUT_TABLES``: insert and update, no delete — who had what offline stays known); the local tables
are read-only on a server (``roles.LOCAL_ONLY_TABLES``: a row in ``offline_copy`` would make the server look like a
copy).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scpdesk.models import roles

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime()


def upgrade() -> None:
    op.create_table(
        "offline_checkout",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("holder_login", sa.String(length=200), nullable=False),
        sa.Column("holder_name", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("scope_label", sa.String(length=200), nullable=False),
        sa.Column("taken_at", _utc(), nullable=False),
        sa.Column("synced_at", _utc(), nullable=True),
        sa.Column("released_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_offline_checkout"),
        sa.UniqueConstraint("token", name="uq_offline_checkout_token"),
    )
    op.create_table(
        "offline_checkout_record",
        sa.Column("checkout_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(["checkout_id"], ["offline_checkout.id"],
                                name="fk_offline_checkout_record_checkout_id_offline_checkout", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("checkout_id", "entity", "record_id", name="pk_offline_checkout_record"),
    )
    op.create_index("ix_offline_checkout_record_entity", "offline_checkout_record", ["entity", "record_id"])
    op.create_table(
        "offline_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("server_label", sa.String(length=500), nullable=False),
        sa.Column("server_url", sa.String(length=1000), nullable=False),
        sa.Column("taken_at", _utc(), nullable=False),
        sa.Column("taken_by", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("scope_label", sa.String(length=200), nullable=False),
        sa.Column("encrypted", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("synced_at", _utc(), nullable=True),
        sa.Column("reference_prefix", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_offline_copy"),
        sa.UniqueConstraint("token", name="uq_offline_copy_token"),
    )
    op.create_table(
        "offline_base",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", name="pk_offline_base"),
    )
    op.create_table(
        "offline_resolution",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("field", sa.String(length=80), nullable=False),
        sa.Column("choice", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_id", "field", name="pk_offline_resolution"),
    )
    roles.apply_grants(op.get_bind())


def downgrade() -> None:
    op.drop_table("offline_resolution")
    op.drop_table("offline_base")
    op.drop_table("offline_copy")
    op.drop_index("ix_offline_checkout_record_entity", table_name="offline_checkout_record")
    op.drop_table("offline_checkout_record")
    op.drop_table("offline_checkout")

"""The account a directory person signs in as (issue 14): the Today view's "mine" is what that person or their
agency owns.

``person.login`` is nullable (most people in the directory never sign in) and unique when set. It is kept in
lower case (the directory service lowers what is typed, and the Today view lowers the account it compares), so
``DOMAIN\\Alice`` and ``domain\\alice`` are one login on both back ends; NULLs never clash in a unique index on
SQLite or PostgreSQL.

SQLite adds the column in batch mode (the unique index needs no table rebuild, but batch keeps one way for both).
Existing grants (0004) cover a new column of an existing table on PostgreSQL: nothing to grant.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("login", sa.String(length=200), nullable=True))
        batch.create_index("ix_person_login", ["login"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_index("ix_person_login")
        batch.drop_column("login")

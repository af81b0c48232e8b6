"""People where people act (issue 13): a sign-off, an agency summary request, an immediate safety action and a
review's action can name a person from the directory.

New nullable columns, each a foreign key to ``person`` with ``ON DELETE RESTRICT`` (a person named on a record
cannot be deleted, only retired, so the record never loses who it names; a retired person still shows by name):

- ``partner_signoff.person_id`` (the sign-off's ``name`` stays: it is what was signed, and is set from the person)
- ``agency_summary.person_id`` (the person asked; ``agency_id`` stays the summary's agency, theirs)
- ``safety_action.owner_person_id`` and ``action.owner_person_id`` (``owner_agency_id`` follows the person)

Existing rows keep their agency only, which stays valid. Meeting actions already named a person
(``meeting_action.owner_person_id``, 0001).

SQLite cannot add a foreign key to an existing table, so each table is rebuilt in batch mode (none of them has
triggers, and no other table refers to them). On PostgreSQL these are plain ``ALTER TABLE``s. Existing grants
and row-level policies (0004) cover new columns of an existing table: nothing to grant.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

#: (table, new column)
_COLUMNS = (
    ("partner_signoff", "person_id"),
    ("agency_summary", "person_id"),
    ("safety_action", "owner_person_id"),
    ("action", "owner_person_id"),
)


def upgrade() -> None:
    for table, column in _COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_{column}_person", "person", [column], ["id"], ondelete="RESTRICT")
            batch.create_index(f"ix_{table}_{column}", [column], unique=False)


def downgrade() -> None:
    for table, column in reversed(_COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_{column}")
            batch.drop_constraint(f"fk_{table}_{column}_person", type_="foreignkey")
            batch.drop_column(column)

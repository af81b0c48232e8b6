"""The referral list's headline clock, stored: first rows without computing every clock (issue 12).

``referral`` gains the headline clock the list shows (``next_due_date``, indexed, ``next_clock``,
``next_paused_reason``, ``next_missing``) with what it was computed from (``next_due_basis``) and a counter
that orders concurrent refreshes (``next_due_seq``). See scpdesk/services/next_due.py. The upgrade fills them for
every existing referral with the clock engine (the one source of truth); a row left without them (NULL basis)
is still shown correctly: the list computes it from the engine and the next write stores it.

Plain ``add_column``: the columns are nullable, so SQLite needs no table rebuild (and the audit table's
guards of 0005 are not touched). Existing grants cover new columns of an existing table.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_COLUMNS = (
    ("next_due_date", sa.Date()),
    ("next_clock", sa.String(length=40)),
    ("next_paused_reason", sa.Text()),
    ("next_missing", sa.Integer()),
    ("next_due_basis", sa.String(length=40)),
    ("next_due_seq", sa.Integer()),
)


def upgrade() -> None:
    for name, type_ in _COLUMNS:
        op.add_column("referral", sa.Column(name, type_, nullable=True))
    op.create_index("ix_referral_next_due_date", "referral", ["next_due_date"])
    from sqlalchemy.orm import Session

    from scpdesk.services.next_due import refresh_next_due

    with Session(bind=op.get_bind()) as session:  # joins the migration's transaction; committed with it
        refresh_next_due(session)


def downgrade() -> None:
    op.drop_index("ix_referral_next_due_date", table_name="referral")
    with op.batch_alter_table("referral") as batch:
        for name, _type in reversed(_COLUMNS):
            batch.drop_column(name)

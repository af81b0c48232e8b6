"""The referral list's headline clock, stored: first rows without computing every clock (issue 12).

``referral`` gains the headline clock the list shows (``next_due_date``, indexed, ``next_clock``,
``next_paused_reason``, ``next_missing``) with what it was computed from (``next_due_basis``) and a counter
that orders concurrent refreshes (``next_due_seq``). See scpdesk/services/referrals/next_due.py. The upgrade leaves them
empty (NULL basis: out of date); such a row is still shown correctly (the list computes it with the engine), and
the first start by a login that may edit stores every row (``ReferralService._restore_clocks``).

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
    # No values here: a migration is frozen in time and may not call the services (the layers contract), and
    # the clock engine is the one source of truth. Every row starts without a basis, i.e. out of date: the list
    # computes such a row with the engine, and the first start by a login that may edit stores them all.


def downgrade() -> None:
    op.drop_index("ix_referral_next_due_date", table_name="referral")
    with op.batch_alter_table("referral") as batch:
        for name, _type in reversed(_COLUMNS):
            batch.drop_column(name)

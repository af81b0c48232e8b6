"""The stored headline clock keeps an overdue clock visible beside clocks that cannot start.

Until now a referral with a clock that cannot start (its LA-aware date missing) stored only that line, so a
rapid review clock that was running from another date and went overdue showed amber "clocks not started" in
the list and was left out of the overdue count and filter. The stored row now keeps the earliest running clock
(``next_clock``, ``next_due_date``, ``next_paused_reason``) *and* which clock cannot start
(``next_missing_clock``, new here, beside ``next_missing``); the list shows the running clock in red once it is
overdue. ``services/referrals/next_due.py`` bumps its ``ENGINE_VERSION``, so every stored row is out of date after this
upgrade and is computed by the engine until a login that may edit stores it again (as after 0007).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("referral", sa.Column("next_missing_clock", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        batch.drop_column("next_missing_clock")

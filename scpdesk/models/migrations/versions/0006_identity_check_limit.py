"""The server's identity check takes a bounded number of guesses per call, and logs each call (tester of issue 10).

``scpdesk_identity_hits`` as released with 0004/0005 answered any candidates from any login: one call with every
day of the last 18 years returned a child's date of birth to a viewer. The new function takes at most
``roles.HITS_LIMIT`` dates, postcode-shaped pairs and long numbers per call and writes each call (login,
referral, counts) to the server's log, and its search path names pg_temp last (a login's own temporary
``child_identity`` could otherwise stand in for the real one and let every value through). Only a superuser or a member of the function's owner (scpdesk_identity)
may replace it; otherwise the old one stays and ``scpdesk db check`` says so.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 04:00:00
"""

from __future__ import annotations

from alembic import op

from scpdesk.models import roles

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    roles.apply_grants(op.get_bind())  # no-op on SQLite; replaces a function without the limit


def downgrade() -> None:
    pass  # the limited function is kept: the older release calls it the same way

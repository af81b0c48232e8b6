"""The Welsh text of learning summaries (issue 17): ``learning_summary_text``, one row per (review, language) holding
the sections, the review's title, its actions and its themes in that language, entered separately from the
English of ``learning_summary`` and versioned on its own.

On PostgreSQL ``roles.apply_grants`` runs again: the new table gets the grants every record table has (everyone
reads, coordinators write), as ``learning_summary`` has.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scpdesk.models import roles

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

_SECTIONS = ("about", "the_child", "what_happened", "what_went_well", "key_learning", "practice",
             "reflective_questions", "resources", "contacts", "actions", "themes")


def upgrade() -> None:
    op.create_table(
        "learning_summary_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        *(sa.Column(name, sa.Text(), nullable=False) for name in _SECTIONS),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.CheckConstraint("language IN ('cy')", name=op.f("ck_learning_summary_text_language")),
        sa.ForeignKeyConstraint(["review_id"], ["review.id"], name=op.f("fk_learning_summary_text_review_id_review"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_summary_text")),
        sa.UniqueConstraint("review_id", "language", name=op.f("uq_learning_summary_text_review_id_language")),
    )
    roles.apply_grants(op.get_bind())


def downgrade() -> None:
    op.drop_table("learning_summary_text")

"""Rule sets for Wales, Scotland and Northern Ireland (issue 17): the nations' review types and decisions, and the
dates of their milestones.

* ``review.review_type`` and ``referral.decision`` take four more values: ``cpr_concise`` and ``cpr_extended``
  (Wales: Child Practice Review, concise or extended), ``learning_review`` (Scotland: Learning Review under the
  National Guidance for Child Protection Committees) and ``cmr`` (Northern Ireland: Case Management Review). The
  enums are VARCHAR with a named CHECK constraint (``models/types.enum_type``): on PostgreSQL the constraint is
  dropped and created wider; on SQLite the table is rebuilt in batch mode (its triggers, the full-text search ones
  on ``review``, are read before and created again after, since rebuilding a table drops them; the rename is
  SQLite's legacy one, see ``_change``).
* ``referral.recommendation_date``: the case review group considered the referral and recommended (Wales), the
  nominated person or group recommended to the Child Protection Committee (Scotland), the Local Safeguarding Panel
  referred to the SBNI chair (Northern Ireland).
* ``referral.decision_notified_date``: the decision was notified to Welsh Government (Wales) or to the Care
  Inspectorate (Scotland). The decision itself (Board chair, CPC, SBNI chair) is the existing ``decision`` and
  ``decision_date``.
* ``review.learning_event_date``: the learning event with the practitioners (Wales).
* ``review.report_completed_date``: the report (and action plan) completed and agreed by the Board / Committee /
  SBNI; the report sent on (Welsh Government, the Care Inspectorate) is the existing ``final_report_sent_date``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_OLD_DECISIONS = ('lcspr', 'learning_summary', 'national_review', 'plr', 'other_learning', 'no_further_review')
_OLD_REVIEW_TYPES = ('lcspr', 'learning_summary', 'plr', 'thematic', 'joint', 'national')
_NATIONS = ('cpr_concise', 'cpr_extended', 'learning_review', 'cmr')
_NEW_DECISIONS = _OLD_DECISIONS + _NATIONS
_NEW_REVIEW_TYPES = _OLD_REVIEW_TYPES + _NATIONS

#: (table, column, enum/constraint name, length) — the lengths are enum_type's (longest value + 8), unchanged.
_ENUMS = (("referral", "decision", "decision", 25), ("review", "review_type", "review_type", 24))
_NEW_DATES = (("referral", "recommendation_date"), ("referral", "decision_notified_date"),
              ("review", "learning_event_date"), ("review", "report_completed_date"))


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _enum(values: tuple[str, ...], name: str, length: int) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=length)


def _values(table: str, new: bool) -> tuple[str, ...]:
    if table == "referral":
        return _NEW_DECISIONS if new else _OLD_DECISIONS
    return _NEW_REVIEW_TYPES if new else _OLD_REVIEW_TYPES


def _triggers(table: str) -> list[str]:
    """SQLite: the CREATE TRIGGER statements on ``table`` (a batch rebuild drops them)."""
    rows = op.get_bind().execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t "
                                         "AND sql IS NOT NULL ORDER BY name"), {"t": table})
    return [str(sql) for (sql,) in rows]


def _change(upgrade: bool) -> None:
    for table, column, name, length in _ENUMS:
        old, new = _values(table, not upgrade), _values(table, upgrade)
        dates = [c for t, c in _NEW_DATES if t == table]
        if _sqlite():
            triggers = _triggers(table)
            # The rebuild renames the new table over the old one; SQLite (3.26+) would then check every view and
            # trigger of the schema while ``review`` is gone and refuse (the search view reads it). The legacy
            # rename checks nothing and rewrites nothing: the view and the other tables' triggers name the table,
            # which exists again once renamed.
            op.execute(sa.text("PRAGMA legacy_alter_table = ON"))
            with op.batch_alter_table(table, schema=None, recreate="always") as batch_op:
                if upgrade:
                    for date_column in dates:
                        batch_op.add_column(sa.Column(date_column, sa.Date(), nullable=True))
                else:
                    for date_column in dates:
                        batch_op.drop_column(date_column)
                batch_op.alter_column(column, existing_type=_enum(old, name, length), type_=_enum(new, name, length),
                                      existing_nullable=table == "referral")
            op.execute(sa.text("PRAGMA legacy_alter_table = OFF"))
            existing = set(_triggers(table))
            for statement in triggers:
                if statement not in existing:
                    op.execute(sa.text(statement))
        else:
            op.drop_constraint(op.f(f"ck_{table}_{name}"), table, type_="check")
            op.create_check_constraint(name, table, sa.column(column).in_(new))
            for date_column in dates:
                if upgrade:
                    op.add_column(table, sa.Column(date_column, sa.Date(), nullable=True))
                else:
                    op.drop_column(table, date_column)


def upgrade() -> None:
    _change(True)


def downgrade() -> None:
    # A row holding a nation's value cannot go back under the narrower constraint: refuse, saying why, rather than
    # lose it.
    found = op.get_bind().execute(sa.text(
        "SELECT (SELECT count(*) FROM referral WHERE decision IN ('cpr_concise', 'cpr_extended', 'learning_review', "
        "'cmr')) + (SELECT count(*) FROM review WHERE review_type IN ('cpr_concise', 'cpr_extended', "
        "'learning_review', 'cmr'))")).scalar()
    if found:
        raise RuntimeError(f"{found} referrals or reviews hold a Welsh, Scottish or Northern Irish review type or "
                           "decision; change them before going back to a version without those rule sets")
    _change(False)

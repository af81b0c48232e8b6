"""An append-only, tamper-evident audit, and identity values kept out of it (issue 10).

- ``audit_event`` gains ``os_user`` (the OS account beside the database user), ``prev_hash`` and ``row_hash``
  (sha256 chain, see scpdesk/models/audit.py); the rows already written are linked by this upgrade, oldest
  first. The action ``read`` (a real identity shown or checked) joins the audit actions.
- ``identity_audit_key``: the per-database secret identity values are keyed with (HMAC-SHA256) before they
  enter the audit; a random 256-bit key is created here and granted to the identity role only (roles.apply_grants).
- Triggers make the database itself refuse UPDATE and DELETE on ``audit_event`` (and TRUNCATE on
  PostgreSQL). Written by hand: autogenerate compares no triggers. A later SQLite batch migration that
  rebuilds ``audit_event`` must call ``drop_guards()`` before and ``create_guards()`` after (the copy would lose
  the triggers, and the DELETE of the old rows would be refused).

It follows 0004 (roles), which had already shipped: on PostgreSQL the audit table's row security is lifted for
the upgrade (linking the old rows is an UPDATE, which 0004's policies refuse even to the owner) and the whole
policy is applied again at the end.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 01:00:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

#: Fixed here (not imported) so this migration keeps working whatever the app's module says later.
CHAIN_LOCK_KEY = 0x5C9A0D17
_OLD_ACTIONS = ('insert', 'update', 'delete', 'export', 'print', 'import')
_NEW_ACTIONS = (*_OLD_ACTIONS, 'read')
_MESSAGE = "audit_event is append-only: rows cannot be changed or removed"

_SQLITE_GUARDS = (
    f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
    f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END",
)
_SQLITE_UNGUARD = ("DROP TRIGGER IF EXISTS audit_event_no_update", "DROP TRIGGER IF EXISTS audit_event_no_delete")
_POSTGRES_GUARDS = (
    f"""
    CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
        RAISE EXCEPTION '{_MESSAGE} (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $body$
    """,
    # The chain's head, read after taking the chain lock (one round trip; the SELECT in a VOLATILE function
    # takes its own snapshot after the lock is granted, so it sees the previous writer's committed rows).
    f"""
    CREATE OR REPLACE FUNCTION audit_chain_head() RETURNS text
    LANGUAGE plpgsql VOLATILE AS $body$
    BEGIN
        PERFORM pg_advisory_xact_lock({CHAIN_LOCK_KEY});
        RETURN (SELECT row_hash FROM audit_event ORDER BY id DESC LIMIT 1);
    END
    $body$
    """,
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
)
_POSTGRES_UNGUARD = (
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_event",
    "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
    "DROP FUNCTION IF EXISTS audit_chain_head()",
)


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(sa.text(statement))


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def create_guards() -> None:
    _run(_SQLITE_GUARDS if _sqlite() else _POSTGRES_GUARDS)


def drop_guards() -> None:
    _run(_SQLITE_UNGUARD if _sqlite() else _POSTGRES_UNGUARD)


def _action(values: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*values, name='audit_action', native_enum=False, create_constraint=True, length=14)


def _link_existing_rows() -> None:
    """Chain the rows written before this upgrade, oldest first (the triggers do not exist yet)."""
    from scpdesk.models.audit import GENESIS, link_hash

    bind = op.get_bind()
    table = sa.table("audit_event", sa.column("occurred_at", sa.DateTime()), *(sa.column(n) for n in (
        "id", "user", "os_user", "action", "entity", "entity_id", "field", "old_value", "new_value",
        "prev_hash", "row_hash")))
    rows = bind.execute(sa.select(table).order_by(table.c.id)).mappings().all()
    prev = GENESIS
    for row in rows:
        row_hash = link_hash(prev, dict(row))
        bind.execute(table.update().where(table.c.id == row["id"]).values(prev_hash=prev, row_hash=row_hash))
        prev = row_hash


def _lift_row_security() -> None:
    """PostgreSQL after 0004: the owner's rights on audit_event back, row security off, for this migration only."""
    if not _sqlite():
        bind = op.get_bind()
        bind.exec_driver_sql("ALTER TABLE audit_event NO FORCE ROW LEVEL SECURITY")
        bind.exec_driver_sql("ALTER TABLE audit_event DISABLE ROW LEVEL SECURITY")
        bind.exec_driver_sql("GRANT ALL ON audit_event TO CURRENT_USER")


def _apply_policy() -> None:
    from scpdesk.models import roles

    roles.apply_grants(op.get_bind())  # no-op on SQLite; on PostgreSQL every grant and policy, afresh


def upgrade() -> None:
    _lift_row_security()
    with op.batch_alter_table('audit_event', schema=None, recreate="always" if _sqlite() else "auto") as batch_op:
        batch_op.add_column(sa.Column('os_user', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), server_default='', nullable=False))
        if _sqlite():
            batch_op.alter_column('action', existing_type=_action(_OLD_ACTIONS), type_=_action(_NEW_ACTIONS),
                                  existing_nullable=False)
    if not _sqlite():
        op.drop_constraint(op.f('ck_audit_event_audit_action'), 'audit_event', type_='check')
        op.create_check_constraint('audit_action', 'audit_event', sa.column('action').in_(_NEW_ACTIONS))
    _link_existing_rows()
    op.create_table('identity_audit_key',
                    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('secret', sa.String(length=64), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_identity_audit_key')))
    op.execute(sa.text("INSERT INTO identity_audit_key (id, secret) VALUES (1, :secret)")
               .bindparams(secret=secrets.token_hex(32)))
    create_guards()
    _apply_policy()


def downgrade() -> None:
    _lift_row_security()
    drop_guards()
    op.drop_table('identity_audit_key')
    if not _sqlite():
        op.drop_constraint(op.f('ck_audit_event_audit_action'), 'audit_event', type_='check')
        op.create_check_constraint('audit_action', 'audit_event', sa.column('action').in_(_OLD_ACTIONS))
    with op.batch_alter_table('audit_event', schema=None, recreate="always" if _sqlite() else "auto") as batch_op:
        if _sqlite():
            batch_op.alter_column('action', existing_type=_action(_NEW_ACTIONS), type_=_action(_OLD_ACTIONS),
                                  existing_nullable=False)
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('os_user')
    _apply_policy()

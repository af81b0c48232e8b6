"""Roles, grants and row-level security on a shared PostgreSQL server (issue 10). No-op on SQLite.

Creates the NOLOGIN group roles scpdesk_viewer, scpdesk_coordinator, scpdesk_identity and scpdesk_admin if
missing, hands the tables to scpdesk_admin, and sets every grant and policy (scpdesk/models/roles.py). A later
migration that creates a table runs ``roles.apply_grants(op.get_bind())`` again at its end.

The downgrade removes the policies and the grants; the roles stay (other databases on the server may use
them, and IT's logins are members): ``DROP ROLE`` them by hand if no database needs them.

Revision ID: 0004
Revises: 0002 (0003 was never released; the audit chain is 0005)
Create Date: 2026-12-02 01:00:00
"""

from __future__ import annotations

from alembic import op

from scpdesk.models import roles

revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    roles.apply_grants(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for table, policy in (("child_identity", "scpdesk_identity_only"), ("audit_event", "scpdesk_audit_read"),
                          ("audit_event", "scpdesk_audit_write")):
        bind.exec_driver_sql(f"DROP POLICY IF EXISTS {policy} ON {table}")
    for table in ("child_identity", "audit_event"):
        bind.exec_driver_sql(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        bind.exec_driver_sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        bind.exec_driver_sql(f"GRANT ALL ON {table} TO CURRENT_USER")
    bind.exec_driver_sql("DROP FUNCTION IF EXISTS scpdesk_identity_named_in(integer, text)")
    bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {roles.HITS_SIGNATURE}")
    schema = bind.exec_driver_sql("SELECT current_schema()").scalar()
    for role in roles.ROLES:
        for kind in ("TABLES", "SEQUENCES"):
            bind.exec_driver_sql(f'REVOKE ALL ON ALL {kind} IN SCHEMA "{schema}" FROM {role}')

"""Alembic environment: always run programmatically with a live connection (no fileConfig, no ini)."""

from __future__ import annotations

from alembic import context

from scpdesk.models import Base
from scpdesk.models.schema import include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI directly
    raise RuntimeError("Run migrations through 'scpdesk db upgrade', not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

"""The schema revision this build knows, apart from ``schema`` (which loads SQLAlchemy): a start compares it with
the file's ``alembic_version`` before the database layer is imported (``services.first_page``)."""

from __future__ import annotations

#: The newest migration this build knows. A test keeps it equal to the Alembic script head.
HEAD_REVISION = "0013"

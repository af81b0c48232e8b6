"""Full-text search of the review library (title, summary, learning points, recommendations).

Written by hand: autogenerate understands neither FTS5 nor tsvector, and ``schema.include_object`` keeps these
objects (every name holds ``_fts``: tables, the column, indexes) out of the models-match-migrations comparison. See scpdesk/models/search.py.

SQLite: FTS5 external-content table ``review_fts`` over the view ``review_fts_source``, kept in step by
triggers on ``review`` and ``recommendation`` (BEFORE: remove the old document; AFTER: add the new one).
PostgreSQL: a ``tsvector`` column ``review.document_fts`` (not mapped) with a GIN index, set by a BEFORE
trigger on ``review`` and refreshed by a trigger on ``recommendation`` (``review_fts_refresh(review_id)``).

Existing reviews are indexed (backfilled) by the upgrade.

A later migration that rebuilds ``review`` or ``recommendation`` in SQLite batch mode (copy, drop, rename)
is refused by SQLite while the view ``review_fts_source`` names the table ("error in view review_fts_source:
no such table"), and the copy would lose the triggers. Such a migration wraps the batch::

    search = importlib.import_module("scpdesk.models.migrations.versions.0002_full_text_search")
    search.drop_search()
    with op.batch_alter_table("review", recreate="always") as batch:
        ...
    search.create_search()  # the view, table and triggers again, and the index rebuilt

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# -- SQLite -----------------------------------------------------------------------------------------------

_COLUMNS = "title, summary, learning_points, recommendations"


def _remove(where: str) -> str:
    return (f"INSERT INTO review_fts(review_fts, rowid, {_COLUMNS}) "
            f"SELECT 'delete', id, {_COLUMNS} FROM review_fts_source WHERE {where};")


def _add(where: str) -> str:
    return f"INSERT INTO review_fts(rowid, {_COLUMNS}) SELECT id, {_COLUMNS} FROM review_fts_source WHERE {where};"


_SQLITE_UP = (
    # One row per review; recommendations in their order (FTS5 reads this view to rebuild and to check).
    "CREATE VIEW review_fts_source AS "
    "SELECT r.id AS id, r.title AS title, r.summary AS summary, r.learning_points AS learning_points, "
    "coalesce((SELECT group_concat(x.text, ' ') FROM (SELECT text FROM recommendation "
    "WHERE review_id = r.id ORDER BY position, id) AS x), '') AS recommendations "
    "FROM review AS r",
    f"CREATE VIRTUAL TABLE review_fts USING fts5({_COLUMNS}, content='review_fts_source', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER review_fts_ai AFTER INSERT ON review BEGIN {_add('id = new.id')} END",
    f"CREATE TRIGGER review_fts_bu BEFORE UPDATE OF title, summary, learning_points ON review "
    f"BEGIN {_remove('id = old.id')} END",
    f"CREATE TRIGGER review_fts_au AFTER UPDATE OF title, summary, learning_points ON review "
    f"BEGIN {_add('id = new.id')} END",
    f"CREATE TRIGGER review_fts_bd BEFORE DELETE ON review BEGIN {_remove('id = old.id')} END",
    f"CREATE TRIGGER recommendation_fts_bi BEFORE INSERT ON recommendation "
    f"BEGIN {_remove('id = new.review_id')} END",
    f"CREATE TRIGGER recommendation_fts_ai AFTER INSERT ON recommendation BEGIN {_add('id = new.review_id')} END",
    f"CREATE TRIGGER recommendation_fts_bu BEFORE UPDATE OF review_id, position, text ON recommendation "
    f"BEGIN {_remove('id IN (old.review_id, new.review_id)')} END",
    f"CREATE TRIGGER recommendation_fts_au AFTER UPDATE OF review_id, position, text ON recommendation "
    f"BEGIN {_add('id IN (old.review_id, new.review_id)')} END",
    f"CREATE TRIGGER recommendation_fts_bd BEFORE DELETE ON recommendation "
    f"BEGIN {_remove('id = old.review_id')} END",
    f"CREATE TRIGGER recommendation_fts_ad AFTER DELETE ON recommendation BEGIN {_add('id = old.review_id')} END",
    # Backfill: index every review already in the database.
    "INSERT INTO review_fts(review_fts) VALUES ('rebuild')",
)

_SQLITE_DOWN = (
    *(f"DROP TRIGGER IF EXISTS {name}" for name in (
        "review_fts_ai", "review_fts_bu", "review_fts_au", "review_fts_bd", "recommendation_fts_bi",
        "recommendation_fts_ai", "recommendation_fts_bu", "recommendation_fts_au", "recommendation_fts_bd",
        "recommendation_fts_ad")),
    "DROP TABLE IF EXISTS review_fts",
    "DROP VIEW IF EXISTS review_fts_source",
)

# -- PostgreSQL -------------------------------------------------------------------------------------------

_POSTGRES_UP = (
    # The document lives on the review row (so it goes wherever the row goes); not a mapped column.
    "ALTER TABLE review ADD COLUMN document_fts tsvector",
    """
    CREATE OR REPLACE FUNCTION review_fts_vector(title text, summary text, learning_points text,
                                                 recommendations text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE AS $body$
        SELECT setweight(to_tsvector('simple', coalesce(title, '')), 'A')
            || setweight(to_tsvector('simple', coalesce(summary, '')), 'B')
            || setweight(to_tsvector('simple', coalesce(learning_points, '')), 'C')
            || setweight(to_tsvector('simple', coalesce(recommendations, '')), 'D')
    $body$
    """,
    """
    CREATE OR REPLACE FUNCTION review_fts_recommendations(rid integer) RETURNS text
    LANGUAGE sql STABLE AS $body$
        SELECT string_agg(x.text, ' ' ORDER BY x.position, x.id) FROM recommendation AS x WHERE x.review_id = rid
    $body$
    """,
    """
    CREATE OR REPLACE FUNCTION review_fts_on_review() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
        NEW.document_fts := review_fts_vector(NEW.title, NEW.summary, NEW.learning_points,
                                              review_fts_recommendations(NEW.id));
        RETURN NEW;
    END
    $body$
    """,
    """
    CREATE OR REPLACE FUNCTION review_fts_refresh(rid integer) RETURNS void
    LANGUAGE sql AS $body$
        UPDATE review SET document_fts = review_fts_vector(title, summary, learning_points,
                                                           review_fts_recommendations(id))
         WHERE id = rid
    $body$
    """,
    """
    CREATE OR REPLACE FUNCTION review_fts_on_recommendation() RETURNS trigger
    LANGUAGE plpgsql AS $body$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM review_fts_refresh(NEW.review_id);
        ELSIF TG_OP = 'UPDATE' THEN
            PERFORM review_fts_refresh(OLD.review_id);
            IF NEW.review_id IS DISTINCT FROM OLD.review_id THEN
                PERFORM review_fts_refresh(NEW.review_id);
            END IF;
        ELSE
            PERFORM review_fts_refresh(OLD.review_id);
        END IF;
        RETURN NULL;
    END
    $body$
    """,
    "CREATE TRIGGER review_fts_sync BEFORE INSERT OR UPDATE OF title, summary, learning_points ON review "
    "FOR EACH ROW EXECUTE FUNCTION review_fts_on_review()",
    "CREATE TRIGGER recommendation_fts_sync AFTER INSERT OR DELETE OR UPDATE OF review_id, position, text "
    "ON recommendation FOR EACH ROW EXECUTE FUNCTION review_fts_on_recommendation()",
    # Backfill: index every review already in the database.
    "SELECT review_fts_refresh(id) FROM review",
    "CREATE INDEX ix_review_document_fts ON review USING gin (document_fts)",
)

_POSTGRES_DOWN = (
    "DROP TRIGGER IF EXISTS recommendation_fts_sync ON recommendation",
    "DROP TRIGGER IF EXISTS review_fts_sync ON review",
    "DROP FUNCTION IF EXISTS review_fts_on_recommendation()",
    "DROP FUNCTION IF EXISTS review_fts_on_review()",
    "DROP FUNCTION IF EXISTS review_fts_refresh(integer)",
    "DROP FUNCTION IF EXISTS review_fts_recommendations(integer)",
    "DROP FUNCTION IF EXISTS review_fts_vector(text, text, text, text)",
    "DROP INDEX IF EXISTS ix_review_document_fts",
    "ALTER TABLE review DROP COLUMN IF EXISTS document_fts",
)


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(sa.text(statement))


def create_search() -> None:
    """Create the full-text search objects and index every review (both back ends)."""
    _run(_SQLITE_UP if op.get_bind().dialect.name == "sqlite" else _POSTGRES_UP)


def drop_search() -> None:
    """Drop the full-text search objects (both back ends)."""
    _run(_SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else _POSTGRES_DOWN)


def upgrade() -> None:
    create_search()


def downgrade() -> None:
    drop_search()

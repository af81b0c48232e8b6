"""Full-text search of the review library — the one place the SQLite / PostgreSQL difference lives.

What is searched: a review's title, summary and learning points, and the text of its recommendations.

* **SQLite**: an FTS5 *external-content* table ``review_fts`` (columns title, summary, learning_points,
  recommendations; tokenizer ``unicode61 remove_diacritics 2``: words in lower case without accents, so
  "gwyl" finds "Gŵyl") whose content is the view ``review_fts_source`` (one row per review, its recommendations
  joined). Triggers on ``review`` and ``recommendation`` keep it in step: a BEFORE trigger removes the old
  document (FTS5 needs the old values, which only a BEFORE trigger can still read from the view for a
  recommendation change), an AFTER trigger adds the new one. Ranked by ``bm25`` with column weights
  :data:`SQLITE_WEIGHTS` (a title hit beats a summary-only hit).
* **PostgreSQL**: a ``tsvector`` column ``review.document_fts`` (not mapped: the ORM never reads or writes it)
  with a GIN index, set by a BEFORE trigger on ``review`` and refreshed by a trigger on ``recommendation``
  (function ``review_fts_refresh(review_id)``); the document is ``to_tsvector('simple', …)`` of each part,
  weighted A (title), B (summary), C (learning points) and D (recommendations). Ranked by ``ts_rank``.
  Being part of the review row, it goes wherever the row goes.

Both are created by hand in migration 0002 (Alembic autogenerate does not understand them) and kept out of
the models-match-migrations comparison by :func:`scpdesk.models.schema.include_object` (names with ``_fts``).

**A later SQLite migration that rebuilds ``review`` or ``recommendation`` in batch mode** (copy, drop, rename)
is refused while the view names the table, and the copy would lose the triggers: it wraps the batch in
migration 0002's ``drop_search()`` / ``create_search()`` (recipe in 0002's docstring; tested).

User text never reaches the query syntax: it is cut into words (letters and digits, after NFKC
normalisation); each word is quoted (FTS5 ``"word"``; tsquery ``'word'``), the words are ANDed, and the last
one is a prefix (``"word"*`` / ``'word':*``) so results follow the user's typing. Quotes, ``*``, ``-``, ``:``,
parentheses, ``AND``/``OR``/``NOT``/``NEAR`` and SQL are therefore plain words or dropped; text without any
word searches for nothing (:func:`search_terms` is empty).

No stemming on either side: a stemmer indexes "escalation" as "escal", and then the prefix the user has typed
so far ("escala") would find nothing. Every word is kept (no stop words), in lower case; PostgreSQL's
``simple`` configuration keeps accents, so there "Gŵyl" is found by "gŵyl" but not by "gwyl".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import Float, Integer, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

__all__ = ["FTS_TABLE", "SQLITE_WEIGHTS", "index_is_consistent", "postgres_query", "rebuild_index",
           "search_hits", "search_review_ids", "search_terms", "sqlite_match_query"]

FTS_TABLE = "review_fts"
#: bm25 column weights: title, summary, learning points, recommendations (written into the query below).
SQLITE_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
#: Longer input is cut: nobody searches with more, and it bounds the query's cost.
MAX_TERMS = 12
MAX_TERM_LENGTH = 64

_WORD = re.compile(r"[^\W_]+")

_SQLITE_HITS = (
    "SELECT review_fts.rowid AS review_id, -bm25(review_fts, 10.0, 4.0, 2.0, 1.0) AS score "
    "FROM review_fts WHERE review_fts MATCH :fts_query"
)
_POSTGRES_HITS = (
    "SELECT r.id AS review_id, ts_rank(r.document_fts, q.query) AS score "
    "FROM review AS r, to_tsquery('simple', :fts_query) AS q(query) "
    "WHERE r.document_fts @@ q.query"
)


def search_terms(user_text: str) -> list[str]:
    """The words of ``user_text`` (letters and digits only), at most :data:`MAX_TERMS`."""
    normalised = unicodedata.normalize("NFKC", user_text or "")
    return [w[:MAX_TERM_LENGTH] for w in _WORD.findall(normalised)][:MAX_TERMS]


def sqlite_match_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression: every word quoted and required, the last one a prefix; None: no words."""
    words = search_terms(user_text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]  # a word holds no double quote (letters and digits only)
    quoted[-1] += "*"
    return " ".join(quoted)


def postgres_query(user_text: str) -> str | None:
    """A ``to_tsquery`` expression: every word quoted and ANDed, the last one a prefix; None: no words."""
    words = search_terms(user_text)
    if not words:
        return None
    quoted = [f"'{w}'" for w in words]  # a word holds no quote, backslash or operator
    quoted[-1] += ":*"
    return " & ".join(quoted)


def search_hits(dialect_name: str, user_text: str) -> Subquery | None:
    """A subquery ``(review_id, score)`` of the reviews matching ``user_text`` — higher score, better match —
    to join in a bigger query (the library list filters and sorts around it). None when there are no words."""
    if dialect_name == "sqlite":
        query, sql = sqlite_match_query(user_text), _SQLITE_HITS
    elif dialect_name == "postgresql":
        query, sql = postgres_query(user_text), _POSTGRES_HITS
    else:  # pragma: no cover - normalise_url accepts only these two
        raise ValueError(f"full-text search is not available on {dialect_name}")
    if query is None:
        return None
    return (text(sql).bindparams(fts_query=query).columns(review_id=Integer, score=Float)
            .subquery("fts_hits"))


def search_review_ids(session: Session, text_: str, *, limit: int | None = None) -> list[tuple[int, float]]:
    """Reviews matching ``text_`` as ``(review id, score)``, best first (bm25 on SQLite, ts_rank on
    PostgreSQL; the score is higher for a better match). Never raises for what the user typed."""
    hits = search_hits(session.get_bind().dialect.name, text_)
    if hits is None:
        return []
    stmt = select(hits.c.review_id, hits.c.score).order_by(hits.c.score.desc(), hits.c.review_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [(int(rid), float(score)) for rid, score in session.execute(stmt)]


def rebuild_index(connection: Any) -> None:
    """Rebuild the whole index from the reviews and recommendations (after a bulk load made with triggers
    dropped, or a batch migration of ``review``)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text("INSERT INTO review_fts(review_fts) VALUES ('rebuild')"))
    else:
        connection.execute(text("SELECT review_fts_refresh(id) FROM review"))


def index_is_consistent(connection: Any) -> bool:
    """Whether the index matches the reviews (SQLite: FTS5 ``integrity-check`` against the content; PostgreSQL:
    every review's document equals a fresh one)."""
    from sqlalchemy.exc import DatabaseError

    if connection.dialect.name == "sqlite":
        try:
            connection.execute(text("INSERT INTO review_fts(review_fts, rank) VALUES ('integrity-check', 1)"))
        except DatabaseError:
            return False
        return True
    stale = connection.execute(text(
        "SELECT count(*) FROM review WHERE document_fts IS DISTINCT FROM "
        "review_fts_vector(title, summary, learning_points, review_fts_recommendations(id))")).scalar()
    return stale == 0

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

**Themes** are searched too, without a second index: a theme name finds the reviews tagged with it. The theme
list is small, so :func:`session_hits` reads it and matches each search word against each theme name's words
in Python (lower case, accents ignored; the last word a prefix, as in the index). When no word names a theme
the query is the index's alone, as above; otherwise a review matches when **every** word is in its indexed text
*or* in the name of one of its themes ("neglect bruising" finds a review tagged *neglect* whose summary speaks
of bruising), and a review found only through its themes ranks after every text hit (score 0).

User text never reaches the query syntax: it is cut into words (letters and digits, after NFKC
normalisation); each word is quoted (FTS5 ``"word"``; tsquery ``'word'``), the words are ANDed, and the last
one is a prefix (``"word"*`` / ``'word':*``) so results follow the user's typing. Quotes, ``*``, ``-``, ``:``,
parentheses, ``AND``/``OR``/``NOT``/``NEAR`` and SQL are therefore plain words or dropped; text without any
word searches for nothing (:func:`search_terms` is empty).

**Reads alike** (:func:`alike_terms`, :func:`alike_hits`; "this came up before"): a text such as a review's
learning is reduced to its significant words — lower case, at least 3 letters, not a number, not one of
:data:`STOP_WORDS` (English function words and the words every review uses: child, agencies, safeguarding...),
the most frequent first, at most :data:`ALIKE_TERMS` — and the index is asked for the reviews with ANY of them
(FTS5 ``"a" OR "b"``; tsquery ``'a' | 'b'``), ranked as above, and for each word alone (so the caller can say
how many, and which, words two texts share). Each word is quoted exactly as in a search: hostile text is words.

No stemming on either side: a stemmer indexes "escalation" as "escal", and then the prefix the user has typed
so far ("escala") would find nothing. Every word is kept (no stop words), in lower case; PostgreSQL's
``simple`` configuration keeps accents, so there "Gŵyl" is found by "gŵyl" but not by "gwyl".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Float, Integer, func, literal, or_, select, text, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

__all__ = ["ALIKE_TERMS", "FTS_TABLE", "SQLITE_WEIGHTS", "STOP_WORDS", "alike_hits", "alike_terms",
           "index_is_consistent", "postgres_query", "rebuild_index",
           "search_hits", "search_review_ids", "search_terms", "session_hits", "sqlite_match_query"]

FTS_TABLE = "review_fts"
#: bm25 column weights: title, summary, learning points, recommendations (written into the query below).
SQLITE_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
#: Longer input is cut: nobody searches with more, and it bounds the query's cost.
MAX_TERMS = 12
MAX_TERM_LENGTH = 64

_WORD = re.compile(r"[^\W_]+")

#: "Reads alike" matches on at most this many significant words of a text.
ALIKE_TERMS = 16
#: Words that say nothing about what a review learned: English function words, and the words every review of
#: a child's case uses.
STOP_WORDS = frozenset("""
    a about above after again against all also although am among an and any are around as at be because been
    before being below between both but by can could did do does doing done down during each either else even
    ever every few for from further had has have having he her here hers him his how however if in into is it
    its itself just may might more most much must my near neither no nor not now of off often on once one only
    or other others our ours out over own per rather same she should since so some still such than that the
    their theirs them themselves then there these they this those though through thus to too under until up
    upon us very via was we were what when where whether which while who whom whose why will with within
    without would yet you your
    agencies agency case cases non child children concern concerns family families learning need needed needs
    practice practitioners professional professionals review reviews safeguarding service services should
    support work worked working would
""".split())

_SQLITE_HITS = (
    "SELECT review_fts.rowid AS review_id, -bm25(review_fts, 10.0, 4.0, 2.0, 1.0) AS score "
    "FROM review_fts WHERE review_fts MATCH :{param}"
)
_POSTGRES_HITS = (
    "SELECT r.id AS review_id, ts_rank(r.document_fts, q.query) AS score "
    "FROM review AS r, to_tsquery('simple', :{param}) AS q(query) "
    "WHERE r.document_fts @@ q.query"
)


def _folded(word: str) -> str:
    """A word in lower case without accents, for matching theme names."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(ch))


def search_terms(user_text: str) -> list[str]:
    """The words of ``user_text`` (letters and digits only), at most :data:`MAX_TERMS`."""
    normalised = unicodedata.normalize("NFKC", user_text or "")
    return [w[:MAX_TERM_LENGTH] for w in _WORD.findall(normalised)][:MAX_TERMS]


def _sqlite_words(words: Sequence[str], *, prefix_last: bool = True) -> str:
    quoted = [f'"{w}"' for w in words]  # a word holds no double quote (letters and digits only)
    if prefix_last:
        quoted[-1] += "*"
    return " ".join(quoted)


def _postgres_words(words: Sequence[str], *, prefix_last: bool = True) -> str:
    quoted = [f"'{w}'" for w in words]  # a word holds no quote, backslash or operator
    if prefix_last:
        quoted[-1] += ":*"
    return " & ".join(quoted)


def sqlite_match_query(user_text: str) -> str | None:
    """An FTS5 MATCH expression: every word quoted and required, the last one a prefix; None: no words."""
    words = search_terms(user_text)
    return _sqlite_words(words) if words else None


def postgres_query(user_text: str) -> str | None:
    """A ``to_tsquery`` expression: every word quoted and ANDed, the last one a prefix; None: no words."""
    words = search_terms(user_text)
    return _postgres_words(words) if words else None


def alike_terms(text_: str) -> list[str]:
    """The significant words of ``text_`` (see the module's docstring), most frequent first (then in the order
    they first appear), at most :data:`ALIKE_TERMS`; empty for a text with none."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(unicodedata.normalize("NFKC", text_ or "")):
        word = word.casefold()[:MAX_TERM_LENGTH]
        if len(word) >= 3 and not word.isdigit() and word not in STOP_WORDS:
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: -counts[w])[:ALIKE_TERMS]  # sorted() is stable: first seen first


def alike_hits(dialect_name: str, words: Sequence[str]) -> tuple[Subquery, list[Subquery]] | None:
    """For :func:`alike_terms`' ``words``: a subquery ``(review_id, score)`` of the reviews whose indexed text has
    any of them (higher score, better match), and one such subquery per word (the reviews that have that word).
    None when there are no words."""
    if not words:
        return None
    _words_of, sql = _dialect(dialect_name)
    any_of = " OR ".join(f'"{w}"' for w in words) if dialect_name == "sqlite" else \
        " | ".join(f"'{w}'" for w in words)  # each a word of letters and digits: no quote, operator or space
    each = [_text_hits(sql, f"alike_word_{i}", _words_of([w], prefix_last=False), f"alike_word_{i}")
            for i, w in enumerate(words)]
    return _text_hits(sql, "alike_any", any_of, "alike_any"), each


def _dialect(dialect_name: str) -> tuple[Callable[..., str], str]:
    if dialect_name == "sqlite":
        return _sqlite_words, _SQLITE_HITS
    if dialect_name == "postgresql":
        return _postgres_words, _POSTGRES_HITS
    raise ValueError(f"full-text search is not available on {dialect_name}")  # pragma: no cover


def _text_hits(sql: str, param: str, query: str, name: str) -> Subquery:
    return (text(sql.format(param=param)).bindparams(**{param: query}).columns(review_id=Integer, score=Float)
            .subquery(name))


def theme_matches(words: Sequence[str], themes: Iterable[tuple[int, str]]) -> list[frozenset[int]]:
    """For each search word, the ids of the themes whose name has that word (the last word: a word starting
    with it), ignoring case and accents."""
    named = [(tid, [_folded(w) for w in search_terms(name)]) for tid, name in themes]
    found = []
    for i, word in enumerate(_folded(w) for w in words):
        last = i == len(words) - 1
        found.append(frozenset(tid for tid, parts in named
                               if any(p.startswith(word) if last else p == word for p in parts)))
    return found


def search_hits(dialect_name: str, user_text: str,
                themes: Iterable[tuple[int, str]] = ()) -> Subquery | None:
    """A subquery ``(review_id, score)`` of the reviews matching ``user_text`` — higher score, better match —
    to join in a bigger query (the library list filters and sorts around it). None when there are no words.
    ``themes``: the theme list as ``(id, name)``, so a theme name finds the reviews tagged with it (see the
    module's docstring); :func:`session_hits` passes it."""
    words_of, sql = _dialect(dialect_name)
    words = search_terms(user_text)
    if not words:
        return None
    full = _text_hits(sql, "fts_query", words_of(words), "fts_hits")
    matches = theme_matches(words, themes)
    if not any(matches):
        return full
    from .reviews import review_theme

    def alone(i: int) -> Subquery:
        return _text_hits(sql, f"fts_word_{i}", words_of([words[i]], prefix_last=i == len(words) - 1),
                          f"fts_word_{i}")

    def tagged(i: int) -> Any:
        return select(review_theme.c.review_id).where(review_theme.c.theme_id.in_(sorted(matches[i])))

    # A review is found when each word is in its text or names one of its themes. The first word's test
    # picks the rows by primary key (a word naming no theme if there is one: the index alone answers it); the
    # index queries stay inside IN (…), where SQLite never flattens them into a join (MATCH cannot run there).
    from .reviews import Review

    review = Review.__table__
    base = next((i for i, found in enumerate(matches) if not found), 0)
    # The rows come from the first word's own hits (its index hits, or reviews tagged with a theme it names)
    # looked up by primary key inside one IN (…) (a union there: no scan of every review's row for an OR);
    # each other word then keeps the rows it is in the text or a theme of.
    first = select(alone(base).c.review_id)
    found = (select(review.c.id.label("review_id"), literal(0.0, Float).label("score"))
             .where(review.c.id.in_(union_all(first, tagged(base)) if matches[base] else first)))
    for i in (i for i in range(len(words)) if i != base):
        in_text = review.c.id.in_(select(alone(i).c.review_id))
        found = found.where(or_(in_text, review.c.id.in_(tagged(i))) if matches[i] else in_text)
    # Every text hit is a candidate too (all its words are in its text): its score is the index's. No join
    # of two index queries (SQLite cannot run MATCH in a flattened join), a union and the best score instead.
    both = union_all(select(full.c.review_id, full.c.score), found).subquery("fts_both")
    return (select(both.c.review_id.label("review_id"), func.max(both.c.score).label("score"))
            .group_by(both.c.review_id).subquery("fts_theme_hits"))


def session_hits(session: Session, user_text: str) -> Subquery | None:
    """:func:`search_hits` for ``session``'s database, with its theme list (one small query)."""
    from .reviews import Theme

    if not search_terms(user_text):
        return None
    themes = [(tid, name) for tid, name in session.execute(select(Theme.id, Theme.name))]
    return search_hits(session.get_bind().dialect.name, user_text, themes)


def search_review_ids(session: Session, text_: str, *, limit: int | None = None) -> list[tuple[int, float]]:
    """Reviews matching ``text_`` (its text, or the names of its themes) as ``(review id, score)``, best first
    (bm25 on SQLite, ts_rank on PostgreSQL; the score is higher for a better match; 0 for a review found by
    its themes alone). Never raises for what the user typed."""
    hits = session_hits(session, text_)
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

"""Migration 0012 (issue 17) on SQLite and PostgreSQL: an 0011 database upgrades to the nations' review types,
decisions and milestone dates with its records intact (the library's full-text search still finds a review, on
SQLite where the review table is rebuilt), and goes back down only while no record holds a nation's value."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from scpdesk.models import Referral, Review, schema
from scpdesk.models.database import Database
from scpdesk.models.enums import Decision, ReviewType
from scpdesk.models.search import search_hits

NEW_COLUMNS = {"referral": {"recommendation_date", "decision_notified_date"},
               "review": {"learning_event_date", "report_completed_date"}}


def _migrate(db: Database, target: str, *, down: bool) -> None:
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        (command.downgrade if down else command.upgrade)(schema._alembic_config(conn), target)
        conn.commit()
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _columns(db: Database) -> dict[str, set[str]]:
    with db.engine.connect() as conn:
        return {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in NEW_COLUMNS}


def _found(db: Database, words: str) -> list[int]:
    hits = search_hits(db.engine.dialect.name, words)
    assert hits is not None
    with db.sessions() as s:
        return list(s.scalars(select(hits.c.review_id)))


def test_an_0011_database_takes_the_nations_values_and_dates_and_goes_back(db: Database) -> None:
    _migrate(db, "0011", down=True)
    assert not any(NEW_COLUMNS[t] & cols for t, cols in _columns(db).items())
    with db.engine.begin() as conn:  # an 0011 database's rows, written as that version would
        conn.execute(text("INSERT INTO review (reference, title, pseudonym, review_type, partnership, status, "
                          "reviewer, chair, deferral_reason, summary, learning_points, report_url, version, "
                          "created_at, created_by, updated_at, updated_by) VALUES ('R-1', 'Child Gwen', '', "
                          "'lcspr', '', 'published', '', '', '', 'Neglect at home', '', '', 1, :t, '', :t, '')"),
                     {"t": dt.datetime(2026, 1, 1)})
        with pytest.raises(IntegrityError):  # the old constraint refuses a nation's value
            with conn.begin_nested():
                conn.execute(text("UPDATE review SET review_type = 'cmr'"))
    assert len(_found(db, "neglect")) == 1

    _migrate(db, "head", down=False)
    assert schema.current_revision(db) == schema.HEAD_REVISION
    assert all(NEW_COLUMNS[t] <= cols for t, cols in _columns(db).items())
    with db.sessions() as s:
        review = s.scalars(select(Review)).one()
        review.review_type = ReviewType.CPR_EXTENDED
        review.learning_event_date = dt.date(2026, 3, 2)
        review.summary = "Neglect and drift"
        s.add(Referral(reference="REF-1", received_date=dt.date(2026, 1, 5), decision=Decision.CMR,
                       recommendation_date=dt.date(2026, 1, 20), decision_notified_date=dt.date(2026, 1, 23)))
        s.commit()
    with db.sessions() as s:
        assert s.scalars(select(Review.review_type)).one() is ReviewType.CPR_EXTENDED
        assert s.scalars(select(Referral.decision_notified_date)).one() == dt.date(2026, 1, 23)
    assert len(_found(db, "drift")) == 1  # the search index still follows edits after the rebuild
    with db.engine.begin() as conn, pytest.raises(IntegrityError):  # the widened constraint still refuses junk
        conn.execute(text("UPDATE review SET review_type = 'welsh_lcspr'"))

    with pytest.raises(RuntimeError, match="2 referrals or reviews"):  # never drop a nation's record silently
        _migrate(db, "0011", down=True)
    with db.sessions() as s:
        s.scalars(select(Review)).one().review_type = ReviewType.LCSPR
        s.scalars(select(Referral)).one().decision = Decision.LCSPR
        s.commit()
    _migrate(db, "0011", down=True)
    assert not any(NEW_COLUMNS[t] & cols for t, cols in _columns(db).items())
    assert len(_found(db, "drift")) == 1
    _migrate(db, "head", down=False)
    with db.sessions() as s:
        assert s.scalars(select(Review.reference)).all() == ["R-1"]

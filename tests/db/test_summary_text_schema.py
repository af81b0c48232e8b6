"""Migration 0013 (issue 17) on SQLite, SQLCipher and PostgreSQL: an 0012 database gains ``learning_summary_text``
(its English summaries untouched), the new table takes one row per review and language (Welsh only) and is removed
with the review; the downgrade drops it and the upgrade brings it back. On a server, coordinators may write it and
viewers only read it, as ``learning_summary``."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from scpdesk.models import schema
from scpdesk.models.database import Database
from scpdesk.models.roles import COORDINATOR, VIEWER


def _migrate(db: Database, target: str, *, down: bool) -> None:
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        (command.downgrade if down else command.upgrade)(schema._alembic_config(conn), target)
        conn.commit()
        if db.is_sqlite:
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _tables(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(inspect(conn).get_table_names())


_AUDITED = "version, created_at, created_by, updated_at, updated_by"
_SECTIONS = ("about", "the_child", "what_happened", "what_went_well", "key_learning", "practice",
             "reflective_questions", "resources", "contacts", "actions", "themes")


def _welsh(conn: object, language: str = "cy") -> None:
    conn.execute(text(  # type: ignore[attr-defined]
        f"INSERT INTO learning_summary_text (review_id, language, title, {', '.join(_SECTIONS)}, {_AUDITED}) "
        f"VALUES (1, :lang, 'Teitl', {', '.join(':s' for _ in _SECTIONS)}, 1, :t, '', :t, '')"),
        {"lang": language, "s": "Testun", "t": dt.datetime(2026, 1, 1)})


def test_an_0012_database_gains_the_welsh_text_and_goes_back(db: Database) -> None:
    _migrate(db, "0012", down=True)
    assert "learning_summary_text" not in _tables(db)
    with db.engine.begin() as conn:  # an 0012 database's review and English summary
        conn.execute(text("INSERT INTO review (id, reference, title, pseudonym, review_type, partnership, status, "
                          "reviewer, chair, deferral_reason, summary, learning_points, report_url, version, "
                          "created_at, created_by, updated_at, updated_by) VALUES (1, 'R-1', 'Child W', '', "
                          "'cpr_concise', '', 'published', '', '', '', '', '', '', 1, :t, '', :t, '')"),
                     {"t": dt.datetime(2026, 1, 1)})
        conn.execute(text(f"INSERT INTO learning_summary (review_id, {', '.join(_SECTIONS[:-2])}, {_AUDITED}) "
                          f"VALUES (1, {', '.join(':s' for _ in _SECTIONS[:-2])}, 1, :t, '', :t, '')"),
                     {"s": "English", "t": dt.datetime(2026, 1, 1)})

    _migrate(db, "head", down=False)
    assert schema.current_revision(db) == schema.HEAD_REVISION == "0013"
    with db.engine.begin() as conn:
        _welsh(conn)
        for language in ("cy", "fr"):  # one row per review and language; Welsh is the only other language
            with pytest.raises(IntegrityError), conn.begin_nested():
                _welsh(conn, language)
        assert conn.execute(text("SELECT about FROM learning_summary")).scalar() == "English"
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        conn.execute(text("DELETE FROM review"))  # the Welsh goes with its review
        assert conn.execute(text("SELECT count(*) FROM learning_summary_text")).scalar() == 0

    _migrate(db, "0012", down=True)
    assert "learning_summary_text" not in _tables(db) and "learning_summary" in _tables(db)
    _migrate(db, "head", down=False)
    assert "learning_summary_text" in _tables(db)


@pytest.mark.postgres
def test_on_a_server_coordinators_write_the_welsh_and_viewers_read_it(pg_db: Database) -> None:
    with pg_db.engine.connect() as conn:
        def may(role: str, privilege: str) -> bool:
            return bool(conn.execute(text("SELECT has_table_privilege(:r, 'learning_summary_text', :p)"),
                                     {"r": role, "p": privilege}).scalar())

        assert may(COORDINATOR, "INSERT") and may(COORDINATOR, "UPDATE") and may(VIEWER, "SELECT")
        assert not may(VIEWER, "INSERT") and not may(VIEWER, "UPDATE")
        english = [may(COORDINATOR, p) for p in ("INSERT", "UPDATE", "DELETE")]
        assert english == [bool(conn.execute(text("SELECT has_table_privilege(:r, 'learning_summary', :p)"),
                                             {"r": COORDINATOR, "p": p}).scalar())
                           for p in ("INSERT", "UPDATE", "DELETE")]

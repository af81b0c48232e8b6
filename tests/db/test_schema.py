"""Migrations build the schema on both back ends, match the models, and protect the data on upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from scpdesk.errors import StorageError
from scpdesk.models import Base, Referral, Theme, schema
from scpdesk.models.database import Database, open_database
from scpdesk.paths import sqlite_url


def test_head_constant_matches_the_migration_scripts() -> None:
    assert schema.script_head() == schema.HEAD_REVISION


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": schema.include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_new_database_is_current_and_seeded_with_the_theme_list(db: Database) -> None:
    assert schema.current_revision(db) == schema.HEAD_REVISION
    with db.sessions() as s:
        names = set(s.scalars(select(Theme.name)))
    assert len(names) == 19
    assert {"neglect", "non-accidental injury under 1", "escalation", "voice of the child"} <= names
    report = schema.check(db)
    assert report.ok, report.problems


def test_a_database_from_a_newer_scpdesk_is_refused_and_left_untouched(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match="newer version of scpdesk"):
        schema.prepare(db, backup_dir=None, allow_upgrade=True)
    with pytest.raises(StorageError, match="newer"):
        schema.upgrade(db)
    assert schema.current_revision(db) == "9999"
    assert not schema.check(db).ok


def test_empty_sqlite_file_is_built_by_migrations(tmp_path: Path) -> None:
    db = open_database(sqlite_url(tmp_path / "new" / "scpdesk.sqlite3"))
    try:
        result = schema.prepare(db, backup_dir=tmp_path / "backups")
        assert result.upgraded and result.revision_before is None and result.backup is None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_sqlite_is_backed_up_then_upgraded_when_a_new_migration_ships(
        tmp_path: Path, sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer build (simulated by one more migration) backs the file up, then upgrades it; data kept."""
    migrations = tmp_path / "migrations"
    head = schema.HEAD_REVISION
    shutil.copytree(schema.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "0099_test_column.py").write_text(
        'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "0099"\n'
        f'down_revision = "{head}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
        '    with op.batch_alter_table("theme") as batch:\n'
        '        batch.add_column(sa.Column("colour", sa.String(20), nullable=True))\n\n\n'
        "def downgrade():\n    pass\n", encoding="utf-8")
    db = open_database(sqlite_db_url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE theme SET name = 'neglect (renamed)' WHERE name = 'neglect'"))
        monkeypatch.setattr(schema, "MIGRATIONS_DIR", migrations)
        monkeypatch.setattr(schema, "HEAD_REVISION", "0099")
        result = schema.prepare(db, backup_dir=tmp_path / "backups")
        assert result.upgraded and result.revision_before == head and result.revision_after == "0099"
        assert result.backup is not None and result.backup.parent == tmp_path / "backups"
        assert schema.current_revision(db) == "0099"
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM theme WHERE name = 'neglect (renamed)'")).scalar() == 1
            assert "colour" in {c["name"] for c in inspect(conn).get_columns("theme")}
    finally:
        db.dispose()
    with sqlite3.connect(result.backup) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
        assert old.execute("SELECT count(*) FROM theme WHERE name = 'neglect (renamed)'").fetchone()[0] == 1


def test_shared_server_is_never_upgraded_implicitly(pg_db: Database) -> None:
    db = pg_db
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
    with pytest.raises(StorageError, match="db upgrade"):
        schema.prepare(db, backup_dir=None)
    schema.upgrade(db)
    assert schema.current_revision(db) == schema.HEAD_REVISION


def test_backup_is_a_consistent_copy(tmp_path: Path, sqlite_db_url: str) -> None:
    db = open_database(sqlite_db_url)
    try:
        target = schema.backup(db, tmp_path / "copies" / "copy.sqlite3")
        with pytest.raises(StorageError, match="already exists"):
            schema.backup(db, target)
    finally:
        db.dispose()
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM theme").fetchone()[0] == 19
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"This is a Word document, not a database." * 100)
    db = open_database(sqlite_url(junk))
    try:
        with pytest.raises(StorageError, match="not an scpdesk database"):
            schema.prepare(db, backup_dir=None)
    finally:
        db.dispose()


def test_foreign_database_with_other_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    db = open_database(sqlite_url(path))
    try:
        with pytest.raises(StorageError, match="not an scpdesk database"):
            schema.prepare(db, backup_dir=None)
    finally:
        db.dispose()


def test_foreign_keys_are_enforced(db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text("INSERT INTO referral_child (referral_id, position, pseudonym, role, age_band, version, "
                          "created_at, created_by, updated_at, updated_by) VALUES (424242, 1, 'Child Z', "
                          "'subject', '', 1, CURRENT_TIMESTAMP, 'x', CURRENT_TIMESTAMP, 'x')"))
    with db.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Referral)) == 0


def test_a_local_file_is_backed_up_once_a_day_on_start(tmp_path: Path, sqlite_db_url: str) -> None:
    db = open_database(sqlite_db_url)
    backups = tmp_path / "backups"
    try:
        first = schema.prepare(db, backup_dir=backups)
        second = schema.prepare(db, backup_dir=backups)
    finally:
        db.dispose()
    assert first.backup is not None and first.backup.exists() and not first.upgraded
    assert second.backup is None
    assert len(list(backups.glob("scpdesk-daily-*.sqlite3"))) == 1

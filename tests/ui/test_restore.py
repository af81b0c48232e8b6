"""Restoring a backup from the window: File → Restore…, and the start that finds the database file missing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from storagekit import open_services_at, save, saved_references

from scpdesk.app import create_main_window, start_window
from scpdesk.models import schema
from scpdesk.paths import AppPaths, sqlite_url
from scpdesk.ui.restore_dialog import RestoreChoice, RestoreDialog


@pytest.fixture
def saved(paths: AppPaths, sqlite_template: Path) -> Path:
    """The app's database with NSCP-1, and a verified backup of it in the backups folder."""
    shutil.copyfile(sqlite_template, paths.database)
    sv = open_services_at(paths.database)
    save(sv, "NSCP-1")
    backup = schema.backup(sv.db, paths.backups / "scpdesk-daily-2026-01-05.sqlite3")
    save(sv, "NSCP-2")
    sv.close()
    return backup


def _answer(monkeypatch: pytest.MonkeyPatch, choice: RestoreChoice | None) -> list[tuple[list, Path | None]]:
    asked: list[tuple[list, Path | None]] = []

    def choose(cls: type, parent: object, backups: list, backup_dir: Path, missing: Path | None = None) -> object:
        asked.append((backups, missing))
        return choice

    monkeypatch.setattr(RestoreDialog, "choose", classmethod(choose))
    return asked


def test_file_restore_swaps_the_file_and_reloads_the_tabs(qtbot: QtBot, paths: AppPaths, saved: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    window = create_main_window(sqlite_url(paths.database), paths=paths, user="coordinator.a")
    qtbot.addWidget(window)
    assert window.referrals.model.rowCount() == 2
    asked = _answer(monkeypatch, RestoreChoice(saved))
    assert window.restore_backup()
    qtbot.waitUntil(lambda: window.services is not None, timeout=20_000)
    assert saved in {b.path for b in asked[0][0]}  # beside the backup this start made
    assert window.referrals.model.rowCount() == 1
    assert "Restored from" in window.statusBar().currentMessage()
    assert saved_references(paths.database) == {"NSCP-1"}
    [previous] = paths.backups.glob("scpdesk-before-restore-*.sqlite3")
    assert saved_references(previous) == {"NSCP-1", "NSCP-2"}
    save(window.services, "NSCP-3")
    assert saved_references(paths.database) == {"NSCP-1", "NSCP-3"}
    window.close()


def test_a_start_with_the_file_missing_offers_the_backups(qtbot: QtBot, paths: AppPaths, saved: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    paths.database.unlink()
    asked = _answer(monkeypatch, RestoreChoice(saved))
    failures: list[BaseException] = []
    window = start_window(sqlite_url(paths.database), paths, on_failed=failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.services is not None or bool(failures), timeout=20_000)
    assert not failures
    assert asked[0][1] == paths.database and [b.path for b in asked[0][0]] == [saved]
    assert window.referrals.model.rowCount() == 1
    window.close()


def test_a_start_with_the_file_missing_can_start_empty_or_quit(qtbot: QtBot, paths: AppPaths, saved: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    paths.database.unlink()
    _answer(monkeypatch, None)
    failures: list[BaseException] = []
    window = start_window(sqlite_url(paths.database), paths, on_failed=failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(failures), timeout=20_000)
    assert isinstance(failures[0], schema.DatabaseMissingError) and not paths.database.exists()
    window.close()
    _answer(monkeypatch, RestoreChoice(start_empty=True))
    window = start_window(sqlite_url(paths.database), paths, on_failed=failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.services is not None, timeout=20_000)
    assert window.referrals.model.rowCount() == 0 and paths.database.exists() and len(failures) == 1
    window.close()


def test_the_dialog_lists_the_newest_backups_first(qtbot: QtBot, paths: AppPaths, saved: Path) -> None:
    older = paths.backups / "scpdesk-daily-2026-01-01.sqlite3"
    shutil.copyfile(saved, older)
    os.utime(older, (1_700_000_000, 1_700_000_000))
    dialog = RestoreDialog(None, schema.list_backups(paths.backups, "scpdesk"), paths.backups, paths.database)
    qtbot.addWidget(dialog)
    assert [dialog.list.item(i).text().split(" — ")[1].split(" (")[0] for i in range(dialog.list.count())] == \
        [saved.name, older.name]
    dialog.restore_button.click()
    assert dialog.choice == RestoreChoice(saved)

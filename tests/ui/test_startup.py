"""Start-up as a user meets it: the window first, then the records; a bad database explained."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from scpdesk.app import describe_url, start_window
from scpdesk.errors import StorageError
from scpdesk.paths import AppPaths, sqlite_url


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(data_dir=tmp_path / "d", log_dir=tmp_path / "l", config_dir=tmp_path / "c").ensure()


def test_the_window_module_does_not_import_sqlalchemy_before_the_first_paint() -> None:
    code = "import sys, scpdesk.app; sys.exit(1 if 'sqlalchemy' in sys.modules else 0)"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_demo_start_shows_the_window_then_fills_every_tab(qtbot: QtBot, tmp_path: Path) -> None:
    failures: list[BaseException] = []
    url = sqlite_url(tmp_path / "demo.sqlite3")
    window = start_window(url, _paths(tmp_path), demo_setup=True, on_failed=failures.append)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.database_label.text().endswith("(opening…)")
    qtbot.waitUntil(lambda: window.services is not None or bool(failures), timeout=20_000)
    assert not failures
    assert window.referrals.model.rowCount() >= 10
    assert window.panel.model.rowCount() >= 3
    titles = {r.title for r in window.library.model.all_rows}
    assert any(t.startswith("Child N") for t in titles)
    assert window.database_label.text() == f"Database — Local file: {tmp_path / 'demo.sqlite3'}"
    window.close()


def test_a_file_that_is_not_a_database_is_reported_not_crashed(qtbot: QtBot, tmp_path: Path) -> None:
    junk = tmp_path / "minutes.sqlite3"
    junk.write_bytes(b"%PDF-1.7 not a database" * 200)
    failures: list[BaseException] = []
    window = start_window(sqlite_url(junk), _paths(tmp_path), on_failed=failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0], StorageError)
    assert "not an scpdesk database" in str(failures[0])
    assert window.services is None and window.referrals.model.rowCount() == 0
    window.close()


def test_status_wording_never_shows_a_password() -> None:
    assert describe_url("postgresql://ann:secret@db.council.local:5433/scpdesk") == \
        "Shared server: db.council.local:5433/scpdesk"
    assert describe_url("sqlite:///C:/Users/ann/scpdesk.sqlite3") == "Local file: C:/Users/ann/scpdesk.sqlite3"

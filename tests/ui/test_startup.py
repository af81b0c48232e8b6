"""Start-up as a user meets it: the window first, then the records; a bad database explained."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from scpdesk.app import describe_url, start_window
from scpdesk.errors import StorageError
from scpdesk.paths import AppPaths, sqlite_url
from scpdesk.ui.tabs import ReferralsTab


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(data_dir=tmp_path / "d", log_dir=tmp_path / "l", config_dir=tmp_path / "c").ensure()


def test_the_window_module_does_not_import_sqlalchemy_before_the_first_paint() -> None:
    # Nor the holiday tables (about 0.1 s): the first page of the list needs them, not the empty window.
    code = "import sys, scpdesk.app; sys.exit(1 if {'sqlalchemy', 'holidays'} & set(sys.modules) else 0)"
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
    # The referrals' first page comes first; the meetings and the library follow in the background.
    qtbot.waitUntil(lambda: window.panel.model.rowCount() >= 3 and window.library.model.rowCount() > 0,
                    timeout=20_000)
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


@pytest.mark.threaded_tasks  # the rest loads behind the first page: with jobs run at once it would replace it at once
def test_a_big_list_shows_its_most_urgent_page_then_the_rest(qtbot: QtBot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12, time to data: the start reads one page of referrals ordered by the stored next due date and
    shows it, saying the rest is loading; the whole list then replaces it in the same order."""
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk
    from scpdesk.ui.main_window import FirstLoad

    url = sqlite_url(tmp_path / "big.sqlite3")
    services = open_services(url, user="bench", backup_dir=None)
    fill_bulk(ServiceContext(services.db, user="bench", today=dt.date(2026, 4, 1)), referrals=120, reviews=5)
    services.close()
    monkeypatch.setattr(FirstLoad, "FIRST_PAGE", 15)
    shown: list[tuple[int, str]] = []
    original = ReferralsTab.show_first_page

    def spy(self: ReferralsTab, rows, total) -> None:  # type: ignore[no-untyped-def]
        original(self, rows, total)
        shown.append((self.model.rowCount(), self.summary.text()))

    monkeypatch.setattr(ReferralsTab, "show_first_page", spy)
    failures: list[BaseException] = []
    window = start_window(url, _paths(tmp_path), on_failed=failures.append)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown) or bool(failures), timeout=20_000)
    assert not failures
    assert shown == [(15, "The 15 most urgent referrals of 120  ·  loading the rest…")]
    first = [window.referrals.model.row_at(i) for i in range(15)]
    qtbot.waitUntil(lambda: window.referrals.model.rowCount() == 120, timeout=20_000)
    assert [window.referrals.model.row_at(i) for i in range(15)] == first
    assert window.referrals.summary.text().startswith("120 referrals")
    window.close()

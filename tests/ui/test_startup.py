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


def _bulk_data_folder(tmp_path: Path, *, referrals: int) -> tuple[Path, str]:
    """A data folder holding a database of ``referrals`` referrals and 5 reviews, as of 1 April 2026, and the bank
    holidays a previous run kept there (so a start can read its first page from the file)."""
    from scpdesk.app import HOLIDAYS_FILE
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk
    from scpdesk.services.referrals.first_page import keep_holidays

    data = tmp_path / "data"
    data.mkdir()
    url = sqlite_url(data / "scpdesk.sqlite3")
    services = open_services(url, user="tester", backup_dir=None)
    fill_bulk(ServiceContext(services.db, user="tester", today=dt.date(2026, 4, 1)), referrals=referrals, reviews=5)
    services.close()
    keep_holidays(data / HOLIDAYS_FILE, today=dt.date(2026, 4, 1))  # as the previous run left them
    return data, url


def test_the_window_module_does_not_import_sqlalchemy_before_the_first_paint() -> None:
    # Nor the holiday tables (about 0.1 s): the first page of the list needs them, not the empty window.
    code = "import sys, scpdesk.app; sys.exit(1 if {'sqlalchemy', 'holidays'} & set(sys.modules) else 0)"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


#: What the first rows of a start must not wait for: the database layer, the documents, the spreadsheets, the
#: calendar files, the holiday tables (kept from the previous run), the other tabs and the settings window.
NOT_BEFORE_FIRST_ROWS = ("sqlalchemy", "alembic", "psycopg", "reportlab", "pypdf", "typst", "babel", "openpyxl",
                         "icalendar", "holidays", "scpdesk.services.registry", "scpdesk.models.schema",
                         "scpdesk.ui.library_tab", "scpdesk.ui.meeting_detail", "scpdesk.ui.referral_detail",
                         "scpdesk.ui.settings_window")

FIRST_ROWS_PROBE = """
import datetime as dt, json, os, sys
from scpdesk import clock
from scpdesk.ui.tabs import ReferralsTab

clock.set_default_clock(clock.PinnedClock(dt.date.fromisoformat(sys.argv[3])))  # no test depends on the day it runs

shown = ReferralsTab.show_quick_page

def probe(self, rows, total):
    shown(self, rows, total)
    print(json.dumps({"rows": self.model.rowCount(), "total": total, "services": self.ctx.services is not None,
                      "imported": sorted(m for m in NOT_BEFORE if m in sys.modules)}), flush=True)
    os._exit(0)

ReferralsTab.show_quick_page = probe
from scpdesk.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--database", sys.argv[2]]))
"""


def test_the_first_rows_show_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    """Issue 12, time to data: a start shows the most urgent referrals read straight from the file, before
    SQLAlchemy, the documents or the other tabs are imported (a process of its own, as a user starts scpdesk)."""
    import json

    data, url = _bulk_data_folder(tmp_path, referrals=150)
    code = f"NOT_BEFORE = {NOT_BEFORE_FIRST_ROWS!r}\n" + FIRST_ROWS_PROBE
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCPDESK_HOME": str(data)}
    done = subprocess.run([sys.executable, "-c", code, str(data), url, "2026-04-01"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"rows": 100, "total": 150, "services": False, "imported": []}


READ_BEFORE_QT_PROBE = """
import json, os, sys
from scpdesk.services.referrals import first_page

made = first_page.PageReading.__init__

def reading(self, *args, **kwargs):
    qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6", "scpdesk.ui", "scpdesk.app")))
    made(self, *args, **kwargs)
    page = self.result()
    print(json.dumps({"loaded when the read started": qt, "thread": self._thread.name, "rows": len(page.rows),
                      "today": len(page.today.items)}), flush=True)
    os._exit(0)

first_page.PageReading.__init__ = reading
from scpdesk.cli import main
sys.exit(main(["--data-dir", sys.argv[1], "--database", sys.argv[2]]))
"""


def test_a_start_reads_its_first_rows_while_qt_loads(tmp_path: Path) -> None:
    """The command line starts reading the first page (referrals and the Today list) on a thread of its own before
    Qt or any window module is imported, so the rows are there when the window first paints."""
    import json

    data, url = _bulk_data_folder(tmp_path, referrals=30)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCPDESK_HOME": str(data)}
    done = subprocess.run([sys.executable, "-c", READ_BEFORE_QT_PROBE, str(data), url], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["loaded when the read started"] == []
    assert seen["thread"] == "scpdesk-first-page"
    assert seen["rows"] == 30 and seen["today"] > 0


def test_a_failed_early_read_is_raised_to_the_window_which_goes_the_usual_way(tmp_path: Path) -> None:
    from scpdesk.services.referrals import first_page

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug in the reader")

    original = first_page.read_first_page
    first_page.read_first_page = broken  # type: ignore[assignment]
    try:
        reading = first_page.PageReading(tmp_path / "x.sqlite3", today=dt.date(2026, 4, 1), holidays_file=None,
                                         login="tester")
        with pytest.raises(KeyError):
            reading.result()
    finally:
        first_page.read_first_page = original
    assert first_page.PageReading(tmp_path / "missing.sqlite3", today=dt.date(2026, 4, 1), holidays_file=None,
                                  login="tester").result() is None


def test_pyside_does_not_keep_the_source_of_every_module_imported_after_it(tmp_path: Path) -> None:
    """Memory (issue 14: at most 3 times a bare window): PySide6 reads every module imported after it to look for
    its name, and linecache kept every line of them (about 25 MiB with the database layer). scpdesk.ui drops them;
    PySide's check itself still runs."""
    import linecache

    import scpdesk.ui
    from scpdesk.ui import PYSIDE_FEATURE_MODULE, forget_sources_pyside_reads

    feature = sys.modules[PYSIDE_FEATURE_MODULE]
    assert getattr(feature._mod_uses_pyside, "forgets_sources", False)  # type: ignore[attr-defined]
    assert forget_sources_pyside_reads() is False  # once is enough
    module_file = tmp_path / "scpdesk_probe_module_imported_late.py"
    module_file.write_text("import PySide6\n" + "VALUE = 1\n" * 5000, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        module = __import__("scpdesk_probe_module_imported_late")  # an import statement's way (PySide hooks it)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("scpdesk_probe_module_imported_late", None)
    assert module.VALUE == 1
    assert len(linecache.cache.get(str(module_file), (None, None, []))[2]) == 0
    assert feature.pyside_feature_dict.get("scpdesk_probe_module_imported_late") == 0  # type: ignore[attr-defined]
    assert scpdesk.ui.__name__ == "scpdesk.ui"


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


def test_a_tab_chosen_while_the_database_opens_fills_in(qtbot: QtBot, tmp_path: Path) -> None:
    """The Panel and the Library are built behind the first rows; one the user opens before then is built at
    once, empty, and shows its records when the database is open."""
    from scpdesk.services import open_services
    from scpdesk.services.demo import fill_demo_data

    url = sqlite_url(tmp_path / "scpdesk.sqlite3")
    services = open_services(url, user="tester", backup_dir=None)
    fill_demo_data(services.ctx)
    services.close()
    failures: list[BaseException] = []
    window = start_window(url, _paths(tmp_path), on_failed=failures.append)
    qtbot.addWidget(window)
    assert window.services is None and window.referrals.model.rowCount() > 0  # the first page, from the file
    window.tabs.setCurrentIndex(3)
    assert window.tabs.currentWidget() is window.library
    qtbot.waitUntil(lambda: window.services is not None or bool(failures), timeout=20_000)
    assert not failures
    qtbot.waitUntil(lambda: window.library.model.rowCount() > 0 and window.panel.model.rowCount() > 0,
                    timeout=20_000)
    assert [window.tabs.tabText(i) for i in range(4)] == ["Today", "Referrals", "Rapid Review Panel", "Review Library"]
    assert window.tabs.currentWidget() is window.library
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


def test_a_file_replaced_after_the_first_page_shows_its_own_records(qtbot: QtBot, tmp_path: Path) -> None:
    """Tester (issue 12): the file is swapped (a restore by IT, a sync client) between the quick read of the first
    page and the database's real open: once open, the list shows the records of the file now there, none of the
    quick page's."""
    import shutil

    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk, fill_demo_data

    url = sqlite_url(tmp_path / "scpdesk.sqlite3")
    services = open_services(url, user="tester", backup_dir=None)
    fill_demo_data(services.ctx)
    services.close()
    other_url = sqlite_url(tmp_path / "other.sqlite3")
    other = open_services(other_url, user="tester", backup_dir=None)
    fill_bulk(ServiceContext(other.db, user="tester", today=dt.date(2026, 4, 1)), referrals=30, reviews=1)
    theirs = {r.reference for r in other.referrals.list_rows()}
    other.close()

    failures: list[BaseException] = []
    window = start_window(url, _paths(tmp_path), on_failed=failures.append)
    qtbot.addWidget(window)
    tab = window.referrals
    assert window.services is None and tab.model.rowCount() > 0
    quick = {tab.model.row_at(i).reference for i in range(tab.model.rowCount())}
    assert not quick & theirs
    for suffix in ("-wal", "-shm"):
        Path(str(tmp_path / "scpdesk.sqlite3") + suffix).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "other.sqlite3", tmp_path / "scpdesk.sqlite3")
    qtbot.waitUntil(lambda: window.services is not None or bool(failures), timeout=20_000)
    assert not failures
    qtbot.waitUntil(lambda: tab.model.rowCount() == len(theirs), timeout=20_000)
    assert {tab.model.row_at(i).reference for i in range(tab.model.rowCount())} == theirs
    window.close()

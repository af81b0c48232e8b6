"""Cold start to the first rows on screen (the Today view's), beside a bare PySide6 window with the same four tabs.

Not a test: run ``python bench/startup.py [--runs 7] [--referrals 10000] [--reviews 2000]
[--memory-reviews 100000] [--memory-runs 3] [--welsh]`` (``--quick``: 3 runs, 1 memory run; ``--welsh``: each start
also in Cymraeg, ``--language cy``, interleaved). Each run is a new Python
process started as a user starts scpdesk (``scpdesk --database FILE``: imports, window, database opened and
read in the background), timed from launch until:

* **first paint** — the main window's first paint event (an empty window: kept from the first version of
  this bench, so the numbers stay comparable);
* **referral rows in the model** — the referral list's model holds rows (polled every 5 ms; kept: the
  referral list, the first screen until issue 14, now loads behind the Today view);
* **first rows on screen** — the Today view (the first screen since issue 14) has *painted* with rows in its
  model: what the user waits for, and what the target is about (issues 12 and 14: at most 2.5 times the bare
  window).

Nothing is imported in the app's process before ``scpdesk.cli`` (the probe that watches the paints goes on when
the window is about to be built): a start reads its first rows from the file while Qt loads, as it does for a user.
The bare baseline is a QMainWindow with four tabs (a tree view in the first, a table view in each other) and a
status bar, timed to its first paint the same way, interleaved with the app's runs so both see the same machine
load.

Bytecode: a user's scpdesk runs from compiled modules (pip compiles them when it installs, and the frozen build of
issue 15 bundles them), so the bench compiles the package first (``compileall``) and lets the children use and
write bytecode even where ``PYTHONDONTWRITEBYTECODE`` is set (it is on the build machines here: every start then
compiled every scpdesk module again, ~70 ms that no user's start spends).

Resident memory: the same database grown to ``--memory-reviews`` library reviews; the app is left to settle
(first rows on screen, every background job done, then 0.5 s) and its resident set size read from
``/proc/self/status`` (VmRSS; elsewhere the peak from ``getrusage``), beside the bare window's after its first
paint (target: at most 3 times).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RSS = r'''
def rss_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak
'''

PAINT_PROBE = r'''
import sys
''' + RSS + r'''
MEMORY = "--memory" in sys.argv


def install_probe():
    # Paint events of the main window and of the Today view (its rows painted), on the QApplication (made here if
    # there is none yet).
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTreeView

    class Probe(QObject):
        painted = rows = False

        def eventFilter(self, obj, event):
            if event.type() != QEvent.Type.Paint:
                return False
            if not self.painted and isinstance(obj, QMainWindow):
                self.painted = True
                QTimer.singleShot(0, lambda: self.first_paint())  # after this paint has been done
            elif not self.rows and self.is_today_rows(obj):
                self.rows = True
                QTimer.singleShot(0, lambda: self.rows_painted())
            return False

        @staticmethod
        def is_today_rows(obj):
            view = obj.parent() if isinstance(obj, QObject) else None
            return isinstance(view, QTreeView) and view.objectName() == "todayView" and view.model() is not None \
                and view.model().rowCount() > 0

        def first_paint(self):
            print("PAINTED", flush=True)

        def rows_painted(self):
            print("ROWS", flush=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    probe = Probe(app)
    app.installEventFilter(probe)

    def watchdog():
        print("TIMEOUT", flush=True)
        import os
        os._exit(3)

    def message(box):  # offscreen nobody can click: say what the box said, then carry on as if OK was clicked
        print("MESSAGE", box.windowTitle(), "|", box.text().replace("\n", " "), flush=True)
        return 1024

    QMessageBox.exec = message
    QTimer.singleShot(180_000, watchdog)
    return probe
'''

BARE = PAINT_PROBE + r'''
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QTabWidget, QTreeView

def bare_done():
    print("PAINTED", flush=True)
    print(f"RSS {rss_kib()}", flush=True)
    QApplication.instance().quit()

probe = install_probe()
probe.first_paint = bare_done
window = QMainWindow()
tabs = QTabWidget()
tabs.addTab(QTreeView(), "Today")
for title in ("Referrals", "Rapid Review Panel", "Review Library"):
    tabs.addTab(QTableView(), title)
window.setCentralWidget(tabs)
window.statusBar().showMessage("bare")
window.resize(1280, 760)
window.show()
QApplication.instance().exec()
'''

# The app is started as a user starts it: nothing imported before ``scpdesk.cli`` (a start reads its first rows while
# Qt loads). The probe goes on when the window is about to be built (scpdesk.app.start_window, the QApplication made).
APP = PAINT_PROBE + r'''
import importlib.abc
import importlib.machinery


def in_model():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        tab = getattr(widget, "referrals", None)
        if tab is not None and tab.model.rowCount() > 0:
            print("MODEL", flush=True)
            return
    QTimer.singleShot(5, in_model)

def settled():
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window = next((w for w in QApplication.topLevelWidgets() if hasattr(w, "tasks")), None)
    loading = window is None or window.tasks.busy or any(
        getattr(t, "loading", False) for t in (window.today, window.referrals, window.panel, window.library))
    if loading:
        QTimer.singleShot(20, settled)
        return
    QTimer.singleShot(500, lambda: (print(f"RSS {rss_kib()}", flush=True), QApplication.instance().quit()))

def rows_then():
    from PySide6.QtWidgets import QApplication

    print("ROWS", flush=True)
    if MEMORY:
        settled()
    else:
        QApplication.instance().quit()


class ProbeWhenStarting(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "scpdesk.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            start_window = module.start_window

            def probed(*args, **kwargs):
                from PySide6.QtCore import QTimer

                probe = install_probe()
                probe.rows_painted = rows_then
                QTimer.singleShot(0, in_model)
                return start_window(*args, **kwargs)

            module.start_window = probed

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, ProbeWhenStarting())
from scpdesk.cli import main
import os
main(["--database", sys.argv[1], *(["--language", os.environ["BENCH_LANGUAGE"]] if "BENCH_LANGUAGE" in os.environ
                                    else [])])
'''



def timed(code: str, *args: str, env: dict[str, str]) -> dict[str, float]:
    """Seconds from launch to each mark the child printed, and its resident memory (KiB) if it said."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    marks: dict[str, float] = {}
    for line in proc.stdout:
        word, _, value = line.strip().partition(" ")
        if word in ("MESSAGE", "TIMEOUT"):
            proc.kill()
            raise RuntimeError(f"the app did not show its rows: {line.strip()}")
        if word == "RSS":
            marks["rss"] = float(value)
        elif word in ("PAINTED", "MODEL", "ROWS") and word not in marks:
            marks[word] = time.perf_counter() - start
    proc.wait(timeout=300)
    if "PAINTED" not in marks:
        raise RuntimeError("the window never painted")
    return marks


def build_database(path: Path, referrals: int, reviews: int) -> str:
    from scpdesk.paths import sqlite_url
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk
    from scpdesk.services.settings import save_settings, settings_versions

    url = sqlite_url(path)
    services = open_services(url, user="bench", backup_dir=None)
    ctx = ServiceContext(services.db, user="bench")
    fill_bulk(ctx, referrals=referrals, reviews=reviews)
    # A partnership that has been set up: the first-run dialog is not part of an ordinary start.
    save_settings(ctx, {"partnership_name": "Bench partnership"}, expected=settings_versions(ctx))
    services.close()
    return url


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:6.0f} ms  (min {min(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--referrals", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=2_000)
    parser.add_argument("--memory-reviews", type=int, default=100_000,
                        help="library reviews for the memory measurement (0: skip it)")
    parser.add_argument("--memory-runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="3 timed runs and 1 memory run")
    parser.add_argument("--welsh", action="store_true",
                        help="also time each start in Cymraeg (scpdesk --language cy), interleaved")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.memory_runs = 3, 1
    with tempfile.TemporaryDirectory(prefix="scpdesk-bench-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "SCPDESK_HOME": str(home), "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM",
                                                                                           "offscreen")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed start: compiled modules (see the docstring)
        compileall.compile_dir(ROOT / "scpdesk", quiet=1)
        os.environ["SCPDESK_HOME"] = str(home)
        db_path = home / "bench.sqlite3"
        url = build_database(db_path, args.referrals, args.reviews)
        # One warm-up of each (the day's first start also writes the daily backup, and the bank holidays the next
        # start's first page counts working days with: not what we measure). It runs until settled, as a user's
        # start does; the timed runs stop at the first rows.
        timed(BARE, env=env)
        timed(APP, url, "--memory", env=env)
        bare, painted, model, rows, welsh = [], [], [], [], []
        if args.welsh:
            timed(APP, url, env={**env, "BENCH_LANGUAGE": "cy"})
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            bare.append(timed(BARE, env=env)["PAINTED"])
            marks = timed(APP, url, env=env)
            painted.append(marks["PAINTED"])
            model.append(marks.get("MODEL", float("nan")))
            rows.append(marks.get("ROWS", float("nan")))
            if args.welsh:  # the same start in Cymraeg (issue 17): its translators loaded before the window
                welsh.append(timed(APP, url, env={**env, "BENCH_LANGUAGE": "cy"}).get("ROWS", float("nan")))

        memory: tuple[list[float], list[float]] | None = None
        if args.memory_reviews > args.reviews:
            from scpdesk.services import ServiceContext, open_services
            from scpdesk.services.demo import fill_bulk

            services = open_services(url, user="bench", backup_dir=None)
            fill_bulk(ServiceContext(services.db, user="bench"), referrals=0,
                      reviews=args.memory_reviews - args.reviews)
            services.close()
            timed(APP, url, "--memory", env=env)  # warm-up (and the daily backup of the bigger file)
            bare_rss, app_rss = [], []
            for _ in range(args.memory_runs):
                bare_rss.append(timed(BARE, env=env)["rss"])
                app_rss.append(timed(APP, url, "--memory", env=env)["rss"])
            memory = bare_rss, app_rss

    b = statistics.median(bare)
    print(f"database: {args.referrals} referrals, {args.reviews} reviews; {args.runs} runs each; "
          f"CPU cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    print(f"bare PySide6 window, 4 tabs, first paint : {ms(bare)}")
    print(f"scpdesk main window, first paint         : {ms(painted)}")
    print(f"scpdesk, first Today rows on screen      : {ms(rows)}")
    print(f"scpdesk, referral rows in the model      : {ms(model)}")
    print(f"ratio, first paint                       : {statistics.median(painted) / b:.2f}x")
    print(f"ratio, first Today rows on screen        : {statistics.median(rows) / b:.2f}x  (target <= 2.5x)")
    print(f"ratio, referral rows in the model        : {statistics.median(model) / b:.2f}x")
    if welsh:
        print(f"scpdesk in Cymraeg, first Today rows      : {ms(welsh)}")
        print(f"ratio, Cymraeg first rows on screen      : {statistics.median(welsh) / b:.2f}x  (target <= 2.5x); "
              f"{statistics.median(welsh) / statistics.median(rows):.2f}x the English start")
    if memory is not None:
        bare_rss, app_rss = memory
        mb, ma = statistics.median(bare_rss) / 1024, statistics.median(app_rss) / 1024
        print(f"resident memory, {args.memory_reviews} reviews ({args.referrals} referrals), "
              f"{args.memory_runs} runs: bare window {mb:.0f} MiB, scpdesk settled {ma:.0f} MiB (max "
              f"{max(app_rss) / 1024:.0f}); ratio {ma / mb:.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()

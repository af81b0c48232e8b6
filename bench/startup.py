"""Cold start to the first painted main window, beside a bare PySide6 window with the same three tabs.

Not a test: run ``python bench/startup.py [--runs 7] [--referrals 10000] [--reviews 2000]``. Each run is a new
Python process (imports, database open, every tab loaded, window shown) timed from launch until the main
window's first paint event. The bare baseline is a QMainWindow with three empty tabs, timed the same way.
Prints the medians and the ratio (target: at most 2.5x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PAINT_PROBE = r'''
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print("PAINTED", flush=True)
            QApplication.instance().quit()
        return False

app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
'''

BARE = PAINT_PROBE + r'''
from PySide6.QtWidgets import QTabWidget, QTableView
window = QMainWindow()
tabs = QTabWidget()
for title in ("Referrals", "Rapid Review Panel", "Review Library"):
    tabs.addTab(QTableView(), title)
window.setCentralWidget(tabs)
window.statusBar().showMessage("bare")
window.resize(1280, 760)
window.show()
app.exec()
'''

APP = PAINT_PROBE.replace("QApplication.instance().quit()", "pass") + r'''
import time
from PySide6.QtCore import QTimer

def rows_shown():
    for widget in QApplication.topLevelWidgets():
        tab = getattr(widget, "referrals", None)
        if tab is not None and tab.model.rowCount() > 0:
            print("ROWS", flush=True)
            QApplication.instance().quit()
            return
    QTimer.singleShot(5, rows_shown)

QTimer.singleShot(0, rows_shown)
from scpdesk.cli import main
main(["--database", sys.argv[1]])
'''


def timed(code: str, *args: str, env: dict[str, str]) -> tuple[float, float | None]:
    """Seconds from launch to the first paint, and to the first rows shown (the app only)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    painted = rows = None
    for line in proc.stdout:
        if line.strip() == "PAINTED" and painted is None:
            painted = time.perf_counter() - start
        elif line.strip() == "ROWS":
            rows = time.perf_counter() - start
    proc.wait(timeout=60)
    if painted is None:
        raise RuntimeError("the window never painted")
    return painted, rows


def build_database(path: Path, referrals: int, reviews: int) -> str:
    from scpdesk.paths import sqlite_url
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk

    url = sqlite_url(path)
    services = open_services(url, user="bench", backup_dir=None)
    fill_bulk(ServiceContext(services.db, user="bench"), referrals=referrals, reviews=reviews)
    services.close()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--referrals", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=2_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scpdesk-bench-") as tmp:
        home = Path(tmp)
        env = {**os.environ, "SCPDESK_HOME": str(home), "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM",
                                                                                           "offscreen")}
        os.environ["SCPDESK_HOME"] = str(home)
        url = build_database(home / "bench.sqlite3", args.referrals, args.reviews)
        # One warm-up of each (the day's first start also writes the daily backup; not what we measure).
        timed(BARE, env=env)
        timed(APP, url, env=env)
        bare, app, rows = [], [], []
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            bare.append(timed(BARE, env=env)[0])
            painted, shown = timed(APP, url, env=env)
            app.append(painted)
            rows.append(shown if shown is not None else float("nan"))
    b, a, r = statistics.median(bare), statistics.median(app), statistics.median(rows)
    print(f"database: {args.referrals} referrals, {args.reviews} reviews; {args.runs} runs each")
    print(f"bare PySide6 window, 3 tabs        : median {b * 1000:6.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"scpdesk main window, first paint   : median {a * 1000:6.0f} ms  (min {min(app) * 1000:.0f})")
    print(f"scpdesk, all three tabs filled     : median {r * 1000:6.0f} ms  (min {min(rows) * 1000:.0f})")
    print(f"ratio, first paint                 : {a / b:.2f}x  (target <= 2.5x)")
    print(f"ratio, rows shown                  : {r / b:.2f}x")


if __name__ == "__main__":
    main()

"""The Referrals tab with 10,000 referrals, beside raw SQL producing the same rows.

Not a test: run ``python bench/referrals.py [--referrals 10000] [--runs 7]``. Measures, as medians:

* opening the tab: the service query with every referral's clocks, rows shown and painted — beside a raw
  ``sqlite3`` query of the same columns (no clocks);
* a free-text filter keystroke until the view has repainted — beside the raw SQL ``LIKE`` query that
  finds the same referrals;
* the longest the UI thread went without running its event loop (a 5 ms heartbeat timer) while the tab
  reloaded after a change and while filtering (target: never over 100 ms).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RAW_OPEN = """
SELECT r.id, r.reference, (SELECT c.pseudonym FROM referral_child c WHERE c.referral_id = r.id
                            ORDER BY c.position LIMIT 1),
       r.received_date, r.route, r.route_requested, r.status, r.la_aware_date, r.partners_aware_date,
       r.partners_notified_date, r.sin_sent_date, rr.completed_date, rr.sent_to_panel_date, rr.panel_response_date
FROM referral r LEFT JOIN rapid_review rr ON rr.referral_id = r.id
ORDER BY r.received_date DESC, r.id DESC
"""
RAW_FILTER = """
SELECT r.id FROM referral r
WHERE r.reference LIKE :q OR r.status LIKE :q OR r.route LIKE :q
   OR EXISTS (SELECT 1 FROM referral_child c WHERE c.referral_id = r.id AND c.position = 1 AND c.pseudonym LIKE :q)
"""


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--referrals", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from scpdesk.app import create_main_window
    from scpdesk.paths import AppPaths, sqlite_url
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="scpdesk-bench-") as tmp:
        home = Path(tmp)
        db_path = home / "bench.sqlite3"
        url = sqlite_url(db_path)
        services = open_services(url, user="bench", backup_dir=None)
        fill_bulk(ServiceContext(services.db, user="bench"), referrals=args.referrals, reviews=50)
        services.close()
        paths = AppPaths(data_dir=home, log_dir=home / "logs", config_dir=home).ensure()
        window = create_main_window(url, paths=paths, user="bench")
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        tab = window.referrals
        raw = sqlite3.connect(db_path)

        # Opening the tab: query + clocks + rows shown + painted, beside the raw query.
        raw_open, app_open = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            raw.execute(RAW_OPEN).fetchall()
            raw_open.append(time.perf_counter() - start)
            start = time.perf_counter()
            tab.show_rows(tab.load_rows())
            tab.table.viewport().repaint()
            app_open.append(time.perf_counter() - start)

        # A filter keystroke until repainted, beside the raw LIKE query for the same text.
        terms = ["Child 12", "BULK-00042", "screening", "Child 9"]
        raw_filter, app_filter = [], []
        for i in range(args.runs):
            term = terms[i % len(terms)]
            start = time.perf_counter()
            raw.execute(RAW_FILTER, {"q": f"%{term}%"}).fetchall()
            raw_filter.append(time.perf_counter() - start)
            start = time.perf_counter()
            tab.search.setText(term)
            tab.table.viewport().repaint()
            app_filter.append(time.perf_counter() - start)
            tab.search.clear()
        raw.close()

        # The UI thread's longest stall while a reload runs in the background and while filtering.
        clock = QElapsedTimer()
        gaps: list[int] = []
        last = [0]

        def beat() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        heart = QTimer()
        heart.setInterval(5)
        heart.timeout.connect(beat)
        clock.start()
        heart.start()
        tab.refresh()
        while tab.loading:
            app.processEvents()
        reload_stall = max(gaps)
        gaps.clear()
        for term in terms:
            tab.search.setText(term)
            deadline = time.perf_counter() + 0.05
            while time.perf_counter() < deadline:
                app.processEvents()
        filter_stall = max(gaps)
        heart.stop()
        window.close()
        window.ctx.services.close()

    print(f"{args.referrals} referrals; {args.runs} runs each (medians)")
    print(f"open: raw SQL {median_ms(raw_open):7.1f} ms | tab (query + clocks + paint) {median_ms(app_open):7.1f} ms"
          f" | ratio {median_ms(app_open) / median_ms(raw_open):.1f}x")
    ratio = median_ms(app_filter) / median_ms(raw_filter)
    print(f"filter: raw LIKE {median_ms(raw_filter):6.1f} ms | keystroke to repainted view "
          f"{median_ms(app_filter):6.1f} ms | ratio {ratio:.2f}x (target <= 2x)")
    print(f"longest UI-thread stall: during a background reload {reload_stall} ms, while filtering "
          f"{filter_stall} ms (target <= 100 ms)")


if __name__ == "__main__":
    main()

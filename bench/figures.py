"""A year's figures over 10,000 referrals and 2,000 reviews, beside a bare baseline in the same run.

Not a test: run ``python bench/figures.py [--referrals 10000] [--reviews 2000] [--runs 7]`` (``--quick``: 3 runs).
The database (a local SQLite file) holds the demonstration set plus ``fill_bulk``'s synthetic referrals and reviews,
with a recommendation and two actions per bulk review and an archive request for every tenth one, all built with
Core inserts (bench data only). Measured, as medians of interleaved runs (the clock engine's caches warm for both):

* **figures** — ``compute_figures(ctx, financial year)``: what the Figures screen, ``scpdesk report annual`` and the
  exports wait for; its statements are counted with SQLAlchemy's engine events;
* **bare** — the least any implementation must do: raw ``sqlite3`` reads of the same clock inputs (referrals with
  their rapid reviews, reviews, pauses, closure days; the same date filters), the clock engine
  (``evaluate_clocks``) over every row read, and raw SQL counts of the rest (referrals by route, decisions by type,
  themes by year, actions due and overdue, archive requests) — no ORM, no DTOs, no words.

Target (issue 14): figures ≤ 2 × bare. Wall-clock and CPU time are both printed: on a machine shared with other
work the CPU time (``time.process_time``; everything here runs in this one thread, SQLite included) is the steadier.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 6, 1)
PERIOD_START, PERIOD_END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
REACH = PERIOD_START - dt.timedelta(days=60)  # as compute_figures reaches back

RAW_REFERRALS = """
SELECT r.id, r.route, r.la_aware_date, r.partners_aware_date, r.partners_notified_date, r.sin_sent_date,
       rr.completed_date, rr.sent_to_panel_date, rr.panel_response_date
FROM referral r LEFT JOIN rapid_review rr ON rr.referral_id = r.id
WHERE r.received_date BETWEEN :start AND :end OR r.la_aware_date BETWEEN :reach AND :end
   OR r.partners_aware_date BETWEEN :reach AND :end OR r.sin_sent_date BETWEEN :reach AND :end
   OR r.decision_date BETWEEN :start AND :end OR rr.completed_date BETWEEN :reach AND :end
   OR rr.sent_to_panel_date BETWEEN :reach AND :end OR rr.panel_response_date BETWEEN :start AND :end
"""
RAW_REVIEWS = """
SELECT id, review_type, decision_date, planned_publication_date, final_report_sent_date, published_date, status,
       deferral_reason
FROM review WHERE decision_date BETWEEN :review_reach AND :end OR published_date BETWEEN :start AND :end
"""
RAW_PAUSES = "SELECT referral_id, review_id, clock_key, reason, paused_date, resumed_date FROM clock_pause"
RAW_COUNTS = (
    "SELECT route_requested, route, count(*) FROM referral WHERE received_date BETWEEN :start AND :end "
    "GROUP BY route_requested, route",
    "SELECT incident_type, count(*) FROM referral WHERE received_date BETWEEN :start AND :end GROUP BY incident_type",
    "SELECT decision, count(*) FROM referral WHERE decision_date BETWEEN :start AND :end GROUP BY decision",
    "SELECT t.name, substr(v.decision_date, 1, 4), count(*) FROM review_theme x JOIN theme t ON t.id = x.theme_id "
    "JOIN review v ON v.id = x.review_id WHERE v.decision_date <= :end GROUP BY t.name, substr(v.decision_date, 1, 4)",
    "SELECT t.name, substr(rr.completed_date, 1, 4), count(*) FROM rapid_review_theme x "
    "JOIN theme t ON t.id = x.theme_id JOIN rapid_review rr ON rr.id = x.rapid_review_id "
    "WHERE rr.completed_date <= :end GROUP BY t.name, substr(rr.completed_date, 1, 4)",
    "SELECT owner_agency_id, status = 'complete' AND completed_date <= due_date, count(*) FROM action "
    "WHERE due_date BETWEEN :start AND :end GROUP BY 1, 2",
    "SELECT owner_agency_id, count(*) FROM action WHERE status != 'complete' AND due_date < :today GROUP BY 1",
    "SELECT sent_date IS NOT NULL, count(*) FROM archive_request WHERE received_date BETWEEN :start AND :end "
    "GROUP BY 1",
)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def bare(path: Path) -> int:
    """Raw SQL and the clock engine over the same rows; returns the number of clocks evaluated."""
    from scpdesk.models.timeframes import DEFAULT_SETTINGS, ClockRecord, Deferral, Pause, england, evaluate_clocks

    conn = sqlite3.connect(path)
    try:
        params = {"start": PERIOD_START.isoformat(), "end": PERIOD_END.isoformat(), "reach": REACH.isoformat(),
                  "review_reach": (PERIOD_START - dt.timedelta(days=7 * 31)).isoformat(), "today": TODAY.isoformat()}
        closures = frozenset(dt.date.fromisoformat(d) for (d,) in conn.execute("SELECT day FROM closure_day"))
        pauses: dict[tuple[str, int], dict[str, Pause]] = defaultdict(dict)
        for referral_id, review_id, key, reason, since, until in conn.execute(RAW_PAUSES):
            if until is None:
                owner = ("referral", referral_id) if referral_id is not None else ("review", review_id)
                pauses[owner][key] = Pause(reason, dt.date.fromisoformat(since))
        clocks = 0
        for rid, route, la, pa, pn, sin, done, sent, resp in conn.execute(RAW_REFERRALS, params):
            record = ClockRecord(la_aware=_date(la), partners_aware=_date(pa), partners_notified=_date(pn),
                                 sin_sent=_date(sin), rr_completed=_date(done), rr_sent=_date(sent),
                                 panel_response=_date(resp),
                                 notifiable=None if route is None else route == "rapid_review",
                                 lcspr=False, pauses=pauses.get(("referral", rid), {}), referral=True)
            clocks += len(evaluate_clocks(record, today=TODAY, ruleset=england, closures=closures,
                                          settings=DEFAULT_SETTINGS))
        for vid, kind, decision, planned, final, published, status, reason in conn.execute(RAW_REVIEWS, params):
            record = ClockRecord(lcspr_decision=_date(decision), planned_publication=_date(planned),
                                 final_report_sent=_date(final), published=_date(published),
                                 lcspr=kind in ("lcspr", "learning_summary", "joint", "thematic"),
                                 deferral=Deferral(reason) if status == "deferred" and reason else None,
                                 pauses=pauses.get(("review", vid), {}))
            clocks += len(evaluate_clocks(record, today=TODAY, ruleset=england, closures=closures,
                                          settings=DEFAULT_SETTINGS))
        for sql in RAW_COUNTS:
            conn.execute(sql, params).fetchall()
        return clocks
    finally:
        conn.close()


def add_plans(ctx: Any, seed: int = 11) -> tuple[int, int]:
    """A recommendation and two actions per bulk review, an archive request for every tenth: bench data only."""
    from sqlalchemy import insert, select

    from scpdesk.models import Action, Agency, ArchiveRequest, Recommendation, Review
    from scpdesk.models.enums import ActionStatus

    rng = random.Random(seed)
    now = ctx.now()
    stamp = {"version": 1, "created_at": now, "created_by": "bench", "updated_at": now, "updated_by": "bench"}
    with ctx.db.engine.begin() as conn:
        agencies = list(conn.scalars(select(Agency.id)))
        reviews = list(conn.scalars(select(Review.id).where(Review.reference.like("BULK-R-%"))))
        new = insert(Recommendation).returning(Recommendation.id, sort_by_parameter_order=True)
        recommendations = conn.execute(new, [{"review_id": r, "position": 1, "text": "Share the learning", **stamp}
                                             for r in reviews]).scalars().all()
        actions = []
        for rec in recommendations:
            for _ in range(2):
                due = TODAY - dt.timedelta(days=rng.randint(-200, 900))
                complete = rng.random() < 0.6 and due < TODAY
                done = min(due + dt.timedelta(days=rng.randint(-20, 30)), TODAY) if complete else None
                actions.append({"recommendation_id": rec, "description": "Train staff", "due_date": due,
                                "owner_agency_id": rng.choice(agencies),
                                "status": ActionStatus.COMPLETE if complete else ActionStatus.ON_TRACK,
                                "completed_date": done, "expected_change": "", "progress_notes": "", "evidence": "",
                                **stamp})
        conn.execute(insert(Action), actions)
        requests = []
        for review in reviews[::10]:
            got = TODAY - dt.timedelta(days=rng.randint(0, 700))
            sent = got + dt.timedelta(days=rng.randint(0, 20)) if rng.random() < 0.8 else None
            requests.append({"review_id": review, "requester_name": "Researcher", "organisation": "",
                             "received_date": got, "sent_date": sent if sent and sent <= TODAY else None, "notes": "",
                             **stamp})
        conn.execute(insert(ArchiveRequest), requests)
    return len(actions), len(requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--referrals", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 runs")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs

    from sqlalchemy import event

    from scpdesk.paths import sqlite_url
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk, fill_demo_data
    from scpdesk.services.figures import Period, compute_figures

    with tempfile.TemporaryDirectory(prefix="scpdesk-bench-") as tmp:
        path = Path(tmp) / "figures.sqlite3"
        services = open_services(sqlite_url(path), user="bench", backup_dir=None)
        ctx = ServiceContext(services.db, user="bench", today=TODAY)
        started = time.perf_counter()
        fill_demo_data(ctx, today=TODAY)
        fill_bulk(ctx, referrals=args.referrals, reviews=args.reviews, today=TODAY)
        actions, requests = add_plans(ctx)
        print(f"database: {args.referrals:,} bulk referrals, {args.reviews:,} bulk reviews, {actions:,} actions, "
              f"{requests:,} archive requests (+ the demo set), built in {time.perf_counter() - started:.1f} s")
        period = Period(PERIOD_START, PERIOD_END)

        statements: list[str] = []

        def executed(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
            statements.append(statement)

        event.listen(services.db.engine, "before_cursor_execute", executed)
        figures = compute_figures(ctx, period)  # the first run warms the caches both sides share
        event.remove(services.db.engine, "before_cursor_execute", executed)
        clocks = bare(path)
        counted = sum(len(f.records) for f in figures.figures)
        # The garbage collector's full collections (generation 2) while each side runs, and the time they took.
        collections: dict[str, list[float]] = {"figures": [], "bare": []}
        running: list[str] = [""]
        began: list[float] = [0.0]

        def collected(phase: str, info: dict[str, int]) -> None:
            if info["generation"] == 2 and running[0]:
                if phase == "start":
                    began[0] = time.perf_counter()
                else:
                    collections[running[0]].append(time.perf_counter() - began[0])

        gc.callbacks.append(collected)
        app_times, bare_times, app_cpu, bare_cpu = [], [], [], []
        for _ in range(runs):
            running[0] = "figures"
            start, cpu = time.perf_counter(), time.process_time()
            compute_figures(ctx, period)
            app_times.append(time.perf_counter() - start)
            app_cpu.append(time.process_time() - cpu)
            running[0] = "bare"
            start, cpu = time.perf_counter(), time.process_time()
            bare(path)
            bare_times.append(time.perf_counter() - start)
            bare_cpu.append(time.process_time() - cpu)
            running[0] = ""
        gc.callbacks.remove(collected)
        services.close()
    app_ms, bare_ms = statistics.median(app_times) * 1000, statistics.median(bare_times) * 1000
    app_cpu_ms, bare_cpu_ms = statistics.median(app_cpu) * 1000, statistics.median(bare_cpu) * 1000
    print(f"period {period.label}: {len(figures.figures)} figures, {len(figures.tables)} tables, "
          f"{len(figures.charts)} charts, {counted:,} records listed; bare baseline evaluated {clocks:,} clocks")
    print(f"statements: {len([s for s in statements if s.strip().upper() != 'BEGIN'])} "
          f"(whatever the number of records)")
    print(f"figures: {app_ms:8.1f} ms   bare: {bare_ms:8.1f} ms   ratio {app_ms / bare_ms:.2f}x (target <= 2x), "
          f"median of {runs}")
    print(f"CPU time (what a shared machine's other load does not inflate): figures {app_cpu_ms:.1f} ms, "
          f"bare {bare_cpu_ms:.1f} ms, ratio {app_cpu_ms / bare_cpu_ms:.2f}x")
    for side, spent in collections.items():
        print(f"full garbage collections during {side}: {len(spent)} in {runs} runs"
              + (f", {statistics.median(spent) * 1000:.0f} ms each (median)" if spent else ""))


if __name__ == "__main__":
    main()

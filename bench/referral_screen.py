"""The referral screen's service calls on a slow network: the five per-part reads against ``screen()``, and a
save / a workflow step followed by those reads against the write that returns its own fresh screen.

Not a test: run ``python bench/referral_screen.py [--runs 5] [--rtt 0,20]``. It reuses ``bench/latency.py``'s
set-up (a private PostgreSQL started as the test suite does, the demo data plus ``--referrals`` bulk
referrals, a loopback proxy adding the round-trip time in its own process) but no window: it calls the
services directly, on this thread, so what it reports is what the service costs, not the UI's handling.

For each call, medians over ``--runs``: round trips seen at the proxy (queries, BEGIN, COMMIT/ROLLBACK, pool
pings), statements (SQLAlchemy engine events: cursor executes + BEGIN + COMMIT/ROLLBACK), transactions, and
wall time. The referrals are the two demo referrals with the richest rapid review (as the latency bench picks).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _extra in (ROOT, ROOT / "tests", ROOT / "bench"):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

from latency import (  # noqa: E402 - the path above
    DEMO_TODAY,
    TURNS,
    DelayProxy,
    StatementCounter,
    build_database,
    choose_targets,
    measured_rtt,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--referrals", type=int, default=2_000)
    parser.add_argument("--rtt", default="0,20")
    args = parser.parse_args()
    rtts = [float(x) for x in args.rtt.split(",") if x.strip()]

    from pgserver import PostgresServer

    from scpdesk.clock import PinnedClock
    from scpdesk.models.database import open_database
    from scpdesk.models.enums import Route
    from scpdesk.services import ServiceContext
    from scpdesk.services.history import referral_history
    from scpdesk.services.registry import Services

    with tempfile.TemporaryDirectory(prefix="scpdesk-screen-"), PostgresServer() as pg:
        build_database(pg.create_database("scpdesk_bench"), args.referrals)
        targets = choose_targets(pg.dsn_for("scpdesk_bench"), 2 * len(rtts) * (args.runs + 1))
        unscreened = list(targets.unscreened)
        proxy = DelayProxy(pg.port)
        url = pg.url_for("scpdesk_bench").replace(f":{pg.port}/", f":{proxy.port}/")
        db = open_database(url, user="bench")
        services = Services(ServiceContext(db, user="bench", clock=PinnedClock(DEMO_TODAY)))
        counter = StatementCounter(db.engine)
        rid = targets.referrals[0]

        def old_reads(referral_id: int) -> None:
            services.referrals.get(referral_id)
            services.workflow.rapid_review(referral_id)
            services.workflow.available_actions(referral_id)
            referral_history(services.ctx, referral_id)
            services.meetings.for_referral(referral_id)

        edits = [0]

        def edit(then_read: bool) -> None:
            edits[0] += 1
            version = services.referrals.screen(rid).version
            start_counts.update(snapshot())  # the version read above is not the save's cost
            changes = services.referrals.update(rid, version, summary=f"Bench edit {edits[0]}")
            if then_read:
                old_reads(rid)
            assert changes.fresh  # the window's services return the fresh screen

        def step(then_read: bool) -> None:
            referral_id = unscreened.pop(0)
            version = services.referrals.screen(referral_id).version
            start_counts.update(snapshot())
            services.workflow.screen(referral_id, version, route=Route.LEARNING_REVIEW,
                                     screened_date=DEMO_TODAY, notes="bench")
            if then_read:
                old_reads(referral_id)

        def snapshot() -> dict[str, float]:
            sql = counter.snapshot()
            return {"trips": proxy.counts()[TURNS], "statements": sql["sql"] + sql["begin"] + sql["end"],
                    "tx": sql["begin"], "t": time.perf_counter()}

        start_counts: dict[str, float] = {}
        calls: list[tuple[str, Callable[[], object]]] = [
            ("select: 5 per-part reads (today's UI)", lambda: old_reads(rid)),
            ("select: ReferralService.screen", lambda: services.referrals.screen(rid)),
            ("save edit + 5 per-part reads", lambda: edit(True)),
            ("save edit returning its screen", lambda: edit(False)),
            ("screen step + 5 per-part reads", lambda: step(True)),
            ("screen step returning its screen", lambda: step(False)),
        ]
        rows = []
        try:
            for rtt in rtts:
                proxy.rtt_ms = rtt
                seen = measured_rtt(db.engine)
                for name, call in calls:
                    samples = []
                    for i in range(-1, args.runs):
                        start_counts.clear()
                        start_counts.update(snapshot())
                        call()
                        end = snapshot()
                        if i >= 0:
                            samples.append({k: end[k] - start_counts[k] for k in end})
                    rows.append((name, rtt, seen, {k: statistics.median(s[k] for s in samples) for k in samples[0]}))
        finally:
            proxy.close()
            db.dispose()
    print(f"\nPostgreSQL through a delaying proxy; demo data + {args.referrals} referrals; medians of {args.runs} runs")
    print(f"{'call':40} {'RTT':>4} {'round trips':>11} {'statements':>10} {'tx':>3} {'wall ms':>8}")
    for name, rtt, seen, m in rows:
        print(f"{name:40} {rtt:4g} {m['trips']:11g} {m['statements']:10g} {m['tx']:3g} {m['t'] * 1000:8.0f}"
              f"   (SELECT 1 took {seen:.1f} ms)")


if __name__ == "__main__":
    main()

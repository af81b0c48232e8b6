"""Taking a 30-case meeting offline and syncing it back, at 0 and 20 ms round-trip time (issue 16).

Not a test: run ``python bench/offline.py [--cases 30] [--rtt 0,20] [--runs 3]`` (``--quick``: 1 run). It needs
the PostgreSQL server binaries the test suite uses (``tests/pgserver.py`` finds them).

Set-up, all in this run: a private PostgreSQL server started as the test suite's ``pg_server`` fixture does, one
database migrated by the app's own ``schema.prepare``, and a Rapid Review Panel meeting with ``--cases`` referrals
on its agenda (each brought to "rapid review in progress" through the services, as tests/records.py does: child,
agencies, rapid review, agency summaries) plus the standing items and an action. The app reaches the server
through the loopback proxy of ``bench/latency.py`` (``DelayProxy``: each chunk held half the round-trip time each
way, round trips counted at the proxy as the exchanges the app waited for).

Measured per round-trip time (medians over ``--runs``; each run takes a fresh copy):

* **baseline** — the same rows read bare through the proxy: one ``SELECT`` per copied table by id (what any
  copy must at least read), in one transaction;
* **take** — ``take_offline`` of the meeting into a new file (read, write the copy, record the checkout);
* **dry run** — ``plan_sync`` after the changes below (nothing written);
* **sync** — ``sync_back`` (one server transaction: rows locked, merged, applied through the ORM, audited;
  then the copy wiped).

Changes made offline before each sync: the summary of every third case, the minutes of every agenda item, a new
meeting action on each of five items, and one new referral on the agenda.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for _extra in (ROOT, ROOT / "tests", ROOT / "bench"):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

from latency import TURNS, DelayProxy, StatementCounter  # noqa: E402 - after the path above


def build(url: str, cases: int) -> str:
    """The meeting and its cases, through the services; returns the meeting's reference."""
    import records

    from scpdesk.models import AgendaItem
    from scpdesk.models.database import open_database
    from scpdesk.models.enums import AgendaItemKind
    from scpdesk.models.schema import prepare

    db = open_database(url)
    prepare(db, backup_dir=None, allow_upgrade=True)
    ctx = records.context(db, "bench")
    world = records.setup(ctx)
    meeting = records.meeting(ctx, world, reference="RRP-BENCH")
    ids = [records.referral(ctx, world, "rapid_review", f"NSCP-2026-{n:03d}") for n in range(1, cases + 1)]
    with ctx.unit_of_work() as s:
        for position, rid in enumerate(ids, start=100):
            s.add(AgendaItem(meeting_id=meeting.meeting_id, position=position, kind=AgendaItemKind.CASE,
                             referral_id=rid, title=f"Case {rid}: rapid review"))
    db.dispose()
    return "RRP-BENCH"


def change_offline(path: Path, run: int) -> int:
    """The offline work: returns how many changes were made."""
    import records
    from sqlalchemy import select

    from scpdesk.models import AgendaItem, Referral
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url
    from scpdesk.services import ServiceContext
    from scpdesk.services.panel.meetings import ActionInput, MeetingService
    from scpdesk.services.referrals.referrals import ReferralInput, ReferralService

    db = open_database(sqlite_url(path))
    ctx = ServiceContext(db, user="chair.laptop", today=records.TODAY)
    made = 0
    with ctx.unit_of_work() as s:
        for n, referral in enumerate(s.scalars(select(Referral).order_by(Referral.id))):
            if n % 3 == 0:
                referral.summary = f"Summary written at the venue (run {run})"
                made += 1
        items = list(s.scalars(select(AgendaItem).order_by(AgendaItem.position)))
        for item in items:
            item.minutes = f"Minutes of {item.title} (run {run})"
            made += 1
        meeting_id = items[0].meeting_id
    for item in items[:5]:
        MeetingService(ctx).add_action(item.id, ActionInput(f"Follow up {item.title} (run {run})"))
        made += 1
    rid, _ = ReferralService(ctx).create(ReferralInput(
        reference=f"NSCP-2026-9{run:02d}", received_date=records.TODAY, child_pseudonym="Child V"))
    with ctx.unit_of_work() as s:
        s.add(AgendaItem(meeting_id=meeting_id, position=900, kind="case", referral_id=rid, title="Child V"))
    db.dispose()
    return made + 2


def baseline(db: Any, meeting_ref: str) -> None:
    """The rows a copy of the meeting holds, read bare: one SELECT per table by id, one transaction."""
    from sqlalchemy import select

    from scpdesk.models import Base
    from scpdesk.services.offline.rows import RECORD_TABLES, WHOLE_TABLES

    t = Base.metadata.tables
    if True:
        with db.engine.begin() as conn:
            meeting_id = conn.execute(select(t["meeting"].c.id).where(t["meeting"].c.reference == meeting_ref)).scalar()
            items = conn.execute(select(t["agenda_item"].c.id, t["agenda_item"].c.referral_id).where(
                t["agenda_item"].c.meeting_id == meeting_id)).all()
            ids = {"meeting": {meeting_id}, "agenda_item": {i for i, _r in items},
                   "referral": {r for _i, r in items if r is not None}}
            for table in Base.metadata.sorted_tables:
                if table.name in WHOLE_TABLES:
                    conn.execute(select(table)).all()
                    continue
                parents = RECORD_TABLES.get(table.name)
                if not parents or table.name in ("referral", "meeting", "agenda_item"):
                    if table.name in ("referral", "meeting"):
                        conn.execute(select(table).where(table.c.id.in_(ids[table.name]))).all()
                    continue
                found: set[Any] = set()
                for column, parent in parents:
                    wanted = ids.get(parent, set())
                    if wanted:
                        rows = conn.execute(select(table).where(table.c[column].in_(wanted))).mappings().all()
                        found |= {r["id"] for r in rows if "id" in r}
                ids[table.name] = found


def measure(proxy: DelayProxy, counter: StatementCounter, action: Callable[[], object]) -> tuple[float, int, int]:
    trips0, sql0 = proxy.counts()[TURNS], counter.snapshot()["sql"]
    start = time.perf_counter()
    action()
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, proxy.counts()[TURNS] - trips0, counter.snapshot()["sql"] - sql0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=30)
    parser.add_argument("--rtt", default="0,20", help="round-trip times in ms (default 0,20)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 run per round-trip time")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    rtts = [float(x) for x in args.rtt.split(",") if x.strip()]

    from pgserver import PostgresServer

    from scpdesk import clock as app_clock
    from scpdesk.models.database import open_database
    from scpdesk.services import ServiceContext
    from scpdesk.services.offline.sync import plan_sync, sync_back
    from scpdesk.services.offline.take import Scope, take_offline

    app_clock.set_default_clock(app_clock.PinnedClock(dt.date(2026, 4, 1)))
    with tempfile.TemporaryDirectory(prefix="scpdesk-offline-bench-") as tmp, PostgresServer() as pg:
        os.environ["SCPDESK_HOME"] = str(Path(tmp) / "home")
        started = time.perf_counter()
        direct = pg.create_database("scpdesk_offline")
        meeting = build(direct, args.cases)
        print(f"database built in {time.perf_counter() - started:.1f} s ({args.cases} cases on {meeting})",
              flush=True)
        proxy = DelayProxy(pg.port)
        try:
            url = direct.replace(f":{pg.port}/", f":{proxy.port}/")
            db = open_database(url, user="bench")
            counter = StatementCounter(db.engine)
            ctx = ServiceContext(db, user="bench")
            results: dict[tuple[float, str], list[tuple[float, int, int]]] = {}
            made = changes = 0
            for rtt in rtts:
                proxy.rtt_ms = rtt
                for run in range(runs + 1):  # the first run warms the pool and caches: not counted
                    path = Path(tmp) / f"copy-{rtt:g}-{run}.scpdesk"
                    samples = {
                        "baseline (bare SELECTs)": measure(proxy, counter, lambda: baseline(db, meeting)),
                        "take offline": measure(proxy, counter,
                                                lambda p=path: take_offline(ctx, Scope("meeting", meeting), p)),
                    }
                    made = change_offline(path, int(rtt) * 10 + run)
                    plans: list[Any] = []
                    samples["dry run (plan_sync)"] = measure(proxy, counter, lambda p=path, out=plans: out.append(
                        plan_sync(ctx, p)))
                    if os.environ.get("OFFLINE_BENCH_TRACE"):
                        counter.trace = []
                    samples["sync back"] = measure(proxy, counter, lambda p=path: sync_back(ctx, p))
                    if counter.trace is not None:
                        print("\n".join(counter.trace))
                        counter.trace = None
                    changes = plans[0].changes
                    if run:
                        for name, sample in samples.items():
                            results.setdefault((rtt, name), []).append(sample)
            db.dispose()
        finally:
            proxy.close()
    print(f"\n{args.cases}-case meeting; each sync carried {made} offline edits ({changes} field changes, rows "
          f"and links); medians of {runs} run(s)")
    print(f"{'RTT':>5}  {'action':<26} {'ms':>9} {'round trips':>12} {'statements':>11}")
    for (rtt, name), samples in results.items():
        ms = statistics.median(s[0] for s in samples)
        trips = statistics.median(s[1] for s in samples)
        sql = statistics.median(s[2] for s in samples)
        print(f"{rtt:>4g}ms  {name:<26} {ms:>9.0f} {trips:>12.0f} {sql:>11.0f}")


if __name__ == "__main__":
    main()

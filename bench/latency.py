"""What a team member on a slow network waits for: each action at 0 ms and 20 ms round-trip time.

Not a test: run ``python bench/latency.py [--runs 5] [--referrals 2000] [--rtt 0,20]`` (``--quick``: 2 runs
each). It needs the PostgreSQL server binaries the test suite uses (``tests/pgserver.py`` finds them).

Set-up, all in this run:

* a private PostgreSQL server started exactly as the test suite's ``pg_server`` fixture does (its
  ``PostgresServer``), one database migrated by the app's own ``schema.prepare``, the demo records
  (``fill_demo_data``, on the demo's day) plus ``--referrals`` bulk referrals (``fill_bulk``);
* a loopback TCP proxy in front of it, in its own process (so the app's threads and the GIL never delay a
  packet), holding every chunk for half the chosen round-trip time in each direction, in order, pipelined;
* the real main window (``create_main_window``) connected through the proxy, offscreen, on the demo's day.

Each action is driven through the real widgets on the GUI thread, as a click would be, and is done when its
data is on screen: the widget shows the record asked for, no background job is running and no tab is
reloading (a save's list reloads included). Measured for each, as medians over ``--runs``:

* **round trips** — counted at the proxy: each burst the app sends after the server last spoke, on any
  connection, is one exchange the app waited for (queries, BEGIN, COMMIT, ROLLBACK, pool pings alike);
* **statements** — counted by SQLAlchemy engine events: every cursor execute plus each transaction's
  BEGIN and COMMIT/ROLLBACK, and how many of them ran on the GUI thread;
* **shown** — from the click until the widget shows what was asked for (what "data on screen ≤ 150 ms"
  targets), and **settled** — until then and every background job and list reload it started is done;
* **longest GUI stall** — the longest the GUI thread went without running its event loop, from a 5 ms
  heartbeat ``QTimer`` on the GUI thread (the gap between two beats, so never below ~5 ms; the click's own
  blocking call counts from the click).

The actions: open each tab (its list reloaded as on a change, the tab made current, nothing selected so the list
alone is measured); select a referral (its detail as the Referrals tab loads it); open a meeting (select it in the
Panel tab); open a review (select one of the first two the Library lists: its record, clocks, next steps, plan and
learning summary); show This came up before (that review's tab of earlier reviews sharing its themes); save a
referral edit (Edit details…, the summary changed, Save); record a workflow step (Screen…
on a referral not yet screened, route: learning review). Forms are answered by replacing ``FormDialog.exec`` (it
types, then presses Save as ``tests/ui`` does); any message box is recorded and fails the run. The harness knows
the window only through ``window.tasks.busy``, each tab's ``loading``, ``table``, ``select_id`` and ``refresh``
(the Library's ``model.id_at``), the detail panels' ``referral_id`` / ``meeting_id`` / ``review_id`` / ``detail``
and their ``edit_details`` / ``screen_referral``: a redesign that renames these adapts this file, and one whose
forms no longer use ``FormDialog.exec`` adapts ``answer_forms``. Actions run in the order listed, so a save also
reloads the meeting left open in the Panel tab, as it would for a user who had one open. Targets (issue 12): ≤ 5
round trips per action, GUI thread never blocked more than 50 ms at 20 ms RTT, each action's data on screen in ≤
150 ms at 20 ms RTT. The last lines say which actions miss which target.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
for _extra in (ROOT, ROOT / "tests"):  # tests/pgserver.py starts the server as the test suite does
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

#: The demo's clocks are set around this day (as in tests/ui): the window's "today".
DEMO_TODAY = dt.date(2026, 11, 25)
HEARTBEAT_MS = 5
TARGET_TRIPS, TARGET_STALL_MS, TARGET_WALL_MS = 5, 50, 150

# Counters the proxy process shares with this one.
TURNS, CHUNKS_UP, CHUNKS_DOWN, CONNECTIONS, BYTES = range(5)


# --------------------------------------------------------------------------------------------------------
# The delaying proxy (runs in a child process)
# --------------------------------------------------------------------------------------------------------


def _proxy_process(target_port: int, rtt_ms: Any, counts: Any, ready: Any) -> None:
    asyncio.run(_proxy_serve(target_port, rtt_ms, counts, ready))


async def _proxy_serve(target_port: int, rtt_ms: Any, counts: Any, ready: Any) -> None:
    loop = asyncio.get_running_loop()

    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1", target_port)
        except OSError:
            client_w.close()
            return
        counts[CONNECTIONS] += 1
        last = {"up": False}  # who spoke last on this connection: the app (up) or the server

        async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, up: bool) -> None:
            queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

            async def deliver() -> None:
                while True:
                    due, data = await queue.get()
                    if not data:
                        break
                    wait = due - loop.time()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    writer.write(data)
                    await writer.drain()
                writer.close()

            sender = asyncio.create_task(deliver())
            try:
                while True:
                    data = await reader.read(1 << 16)
                    if not data:
                        break
                    if up:
                        if not last["up"]:
                            counts[TURNS] += 1  # the app speaks again after the server answered
                        counts[CHUNKS_UP] += 1
                    else:
                        counts[CHUNKS_DOWN] += 1
                    counts[BYTES] += len(data)
                    last["up"] = up
                    queue.put_nowait((loop.time() + rtt_ms.value / 2000.0, data))  # one way: half the RTT
            except OSError:
                pass
            finally:
                queue.put_nowait((0.0, b""))
                try:
                    await sender
                except OSError:
                    pass

        await asyncio.gather(pump(client_r, server_w, True), pump(server_r, client_w, False),
                             return_exceptions=True)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # asyncio sets TCP_NODELAY on each socket
    ready.send(server.sockets[0].getsockname()[1])
    ready.close()
    async with server:
        await server.serve_forever()


class DelayProxy:
    """A loopback proxy to ``target_port`` in a child process; ``rtt_ms`` can be changed while it runs."""

    def __init__(self, target_port: int) -> None:
        context = mp.get_context("spawn")  # never fork a process that has threads (Qt, SQLAlchemy pools)
        self._rtt = context.RawValue("d", 0.0)
        self._counts = context.RawArray("q", 5)
        parent, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_proxy_process, args=(target_port, self._rtt, self._counts, child),
                                        daemon=True, name="latency-proxy")
        self._process.start()
        child.close()
        if not parent.poll(60):
            self._process.kill()
            raise RuntimeError("the proxy did not start")
        self.port: int = parent.recv()

    @property
    def rtt_ms(self) -> float:
        return float(self._rtt.value)

    @rtt_ms.setter
    def rtt_ms(self, value: float) -> None:
        self._rtt.value = float(value)

    def counts(self) -> tuple[int, ...]:
        return tuple(self._counts[:])

    def close(self) -> None:
        self._process.kill()
        self._process.join(10)


# --------------------------------------------------------------------------------------------------------
# Statements, from SQLAlchemy's engine events
# --------------------------------------------------------------------------------------------------------


class StatementCounter:
    """Cursor executes, BEGIN, COMMIT and ROLLBACK on an engine, and how many ran on the GUI thread."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self._lock = threading.Lock()
        self.values = {"sql": 0, "begin": 0, "end": 0, "gui": 0, "checkouts": 0}
        #: When a list, each statement is appended to it as "GUI|bg  first line of the SQL".
        self.trace: list[str] | None = None
        main = threading.main_thread()

        def bump(key: str, text: str) -> None:
            with self._lock:
                self.values[key] += 1
                on_gui = threading.current_thread() is main
                if key != "checkouts" and on_gui:
                    self.values["gui"] += 1
                if self.trace is not None:
                    line = " ".join(text.split())
                    self.trace.append(f"{'GUI' if on_gui else 'bg '}  {line[:150]}")

        event.listen(engine, "before_cursor_execute", lambda conn, cursor, statement, *a: bump("sql", statement))
        event.listen(engine, "begin", lambda *a: bump("begin", "BEGIN"))
        event.listen(engine, "commit", lambda *a: bump("end", "COMMIT"))
        event.listen(engine, "rollback", lambda *a: bump("end", "ROLLBACK"))
        event.listen(engine.pool, "checkout", lambda *a: bump("checkouts", "(pool checkout: no ping unless idle)"))

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self.values)


# --------------------------------------------------------------------------------------------------------
# The measuring harness on the GUI thread
# --------------------------------------------------------------------------------------------------------


@dataclass
class Sample:
    trips: int
    statements: int
    on_gui: int
    transactions: int
    checkouts: int
    shown_ms: float
    wall_ms: float
    stall_ms: float


@dataclass
class Result:
    action: str
    rtt: float
    samples: list[Sample] = field(default_factory=list)

    def median(self, key: str) -> float:
        return statistics.median(getattr(s, key) for s in self.samples)

    def worst(self, key: str) -> float:
        return max(getattr(s, key) for s in self.samples)


class Harness:
    def __init__(self, app: Any, window: Any, proxy: DelayProxy, counter: StatementCounter) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.app, self.window, self.proxy, self.counter = app, window, proxy, counter
        self.clock = QElapsedTimer()
        self.clock.start()
        self.last_beat = 0.0
        self.max_gap = 0.0
        self.heart = QTimer()
        self.heart.setInterval(HEARTBEAT_MS)
        self.heart.setTimerType(Qt.TimerType.PreciseTimer)
        self.heart.timeout.connect(self._beat)
        self.heart.start()
        self.messages: list[str] = []

    def _now_ms(self) -> float:
        return self.clock.nsecsElapsed() / 1e6

    def _beat(self) -> None:
        now = self._now_ms()
        self.max_gap = max(self.max_gap, now - self.last_beat)
        self.last_beat = now

    def idle(self) -> bool:
        w = self.window
        return not w.tasks.busy and not any(t.loading for t in (w.referrals, w.panel, w.library))

    def wait_until(self, ready: Callable[[], bool], timeout_s: float = 120.0) -> None:
        """Run the real event loop (timers, queued results, paints) until ``ready()``."""
        from PySide6.QtCore import QEventLoop, QTimer

        if ready():
            self.app.processEvents()
            return
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(1)
        deadline = time.perf_counter() + timeout_s
        failed: list[str] = []

        def check() -> None:
            if ready():
                loop.quit()
            elif time.perf_counter() > deadline:
                failed.append("timed out")
                loop.quit()

        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        if failed:
            raise RuntimeError("the action never finished (120 s)")

    def settle(self) -> None:
        self.wait_until(self.idle)
        end = time.perf_counter() + 0.05  # let stray timers and paints run before the next click
        self.wait_until(lambda: time.perf_counter() > end)

    def measure(self, trigger: Callable[[], object], shown: Callable[[], bool]) -> Sample:
        self.settle()
        trips0, sql0 = self.proxy.counts()[TURNS], self.counter.snapshot()
        self.messages.clear()
        start = time.perf_counter()
        self.last_beat = self._now_ms()  # the stall is counted from the click, not from the last beat
        self.max_gap = 0.0
        trigger()
        self._beat()  # the click's own blocking call
        first: list[float] = []

        def done() -> bool:
            if not shown():
                return False
            if not first:
                first.append(time.perf_counter())
            return self.idle()

        self.wait_until(done)
        self.window.repaint()  # the data painted
        end = time.perf_counter()
        self._beat()
        stall = self.max_gap
        trips1, sql1 = self.proxy.counts()[TURNS], self.counter.snapshot()
        if self.messages:
            raise RuntimeError("a message box appeared: " + " | ".join(self.messages))
        return Sample(trips=trips1 - trips0,
                      statements=(sql1["sql"] - sql0["sql"]) + (sql1["begin"] - sql0["begin"])
                      + (sql1["end"] - sql0["end"]),
                      on_gui=sql1["gui"] - sql0["gui"], transactions=sql1["begin"] - sql0["begin"],
                      checkouts=sql1["checkouts"] - sql0["checkouts"], shown_ms=(first[0] - start) * 1000,
                      wall_ms=(end - start) * 1000, stall_ms=stall)


# --------------------------------------------------------------------------------------------------------
# Set-up
# --------------------------------------------------------------------------------------------------------


def build_database(url: str, referrals: int) -> None:
    from scpdesk.clock import PinnedClock
    from scpdesk.models import schema
    from scpdesk.models.database import open_database
    from scpdesk.services import ServiceContext
    from scpdesk.services.demo import fill_bulk, fill_demo_data

    db = open_database(url, user="setup")
    try:
        schema.prepare(db, backup_dir=None, allow_upgrade=True)
        ctx = ServiceContext(db, user="setup", clock=PinnedClock(DEMO_TODAY))
        fill_demo_data(ctx, today=DEMO_TODAY)
        fill_bulk(ctx, referrals=referrals, reviews=0, today=DEMO_TODAY)
    finally:
        db.dispose()


@dataclass(frozen=True)
class Targets:
    """Records the actions work on, chosen from what the demo and the bulk filler made."""

    referrals: tuple[int, int]  # two demo referrals with a rapid review (the richest detail)
    meetings: tuple[int, int]  # the two meetings with the most agenda items
    unscreened: tuple[int, ...]  # bulk referrals not yet screened, received before today


def choose_targets(dsn: str, needed: int) -> Targets:
    import psycopg

    with psycopg.connect(dsn) as conn:
        rich = [r[0] for r in conn.execute(
            "SELECT r.id FROM referral r JOIN rapid_review rr ON rr.referral_id = r.id "
            "WHERE r.reference NOT LIKE 'BULK-%' ORDER BY (SELECT count(*) FROM agency_summary s "
            "WHERE s.rapid_review_id = rr.id) DESC, r.id LIMIT 2")]
        meetings = [r[0] for r in conn.execute(
            "SELECT m.id FROM meeting m ORDER BY (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id) "
            "DESC, m.id LIMIT 2")]
        unscreened = [r[0] for r in conn.execute(
            "SELECT id FROM referral WHERE route IS NULL AND status = 'received' AND received_date < %s "
            "AND reference LIKE 'BULK-%%' ORDER BY id LIMIT %s", (DEMO_TODAY, needed))]
    if len(rich) < 2 or len(meetings) < 2 or len(unscreened) < needed:
        raise RuntimeError("the demo data lacks the records the actions need")
    return Targets((rich[0], rich[1]), (meetings[0], meetings[1]), tuple(unscreened))


# --------------------------------------------------------------------------------------------------------
# The actions
# --------------------------------------------------------------------------------------------------------


def answer_forms(fillers: list[Callable[[Any], None]]) -> None:
    """Each FormDialog that opens takes the next filler, which types into it; then Save is pressed."""
    from PySide6.QtWidgets import QDialog

    from scpdesk.ui.forms import FormDialog

    def fake_exec(dialog: FormDialog) -> int:
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QApplication

        fillers.pop(0)(dialog)
        dialog.try_submit()
        while dialog.saving:  # the save runs on the write thread: wait as exec's own event loop would
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if dialog.result() == QDialog.DialogCode.Accepted:
            return QDialog.DialogCode.Accepted
        raise RuntimeError(f"the form did not save: {dialog.error.text()}")

    FormDialog.exec = fake_exec  # type: ignore[method-assign]


def choose(dialog: Any, key: str, value: object) -> None:
    spec = next(s for s in dialog.fields if s.key == key)
    spec.widget.setCurrentIndex([v for v, _ in spec.options].index(value))


def run_actions(harness: Harness, targets: Targets, rtt: float, runs: int, fillers: list[Callable[[Any], None]],
                unscreened: list[int], counter: list[int], trace: list[str] | None) -> list[Result]:
    """Every action ``runs`` times at this RTT (after one warm-up); ``trace`` gets the statements of each
    action's first measured run."""
    from scpdesk.models.enums import Route

    window = harness.window
    referrals, panel, library = window.referrals, window.panel, window.library
    results: list[Result] = []

    def run(name: str, prepare: Callable[[int], object], trigger: Callable[[int], object],
            shown: Callable[[int], bool], warm: bool = True) -> None:
        result = Result(name, rtt)
        for i in range(-1 if warm else 0, runs):  # run -1 warms caches at this RTT and is not kept
            prepare(i)
            harness.settle()
            statements: list[str] = []
            harness.counter.trace = statements if i == 0 and trace is not None else None
            sample = harness.measure(lambda i=i: trigger(i), lambda i=i: shown(i))
            harness.counter.trace = None
            if i >= 0:
                result.samples.append(sample)
            if statements and trace is not None:
                trace.extend([f"== {name} at {rtt:g} ms RTT: {len(statements)} statements and checkouts",
                              *statements, ""])
        results.append(result)

    def show_tab(tab: Any) -> None:
        window.tabs.setCurrentWidget(tab)

    def away_from(tab: Any) -> None:
        """Nothing selected (the list alone is measured, not a detail reloaded with it), another tab shown."""
        for each in (referrals, panel, library):
            each.table.clearSelection()
        show_tab(referrals if tab is not referrals else panel)

    for title, tab in (("Referrals tab (list)", referrals), ("Panel tab (list)", panel),
                       ("Library tab (list)", library)):
        run(f"open {title}", lambda i, tab=tab: away_from(tab),
            lambda i, tab=tab: (show_tab(tab), tab.refresh()), lambda i, tab=tab: not tab.loading)

    def select_referral(referral_id: int) -> None:
        if not referrals.select_id(referral_id):
            raise RuntimeError(f"referral {referral_id} is not in the list")

    run("select a referral", lambda i: show_tab(referrals),
        lambda i: select_referral(targets.referrals[i % 2]),
        lambda i: referrals.detail.referral_id == targets.referrals[i % 2])

    def select_meeting(meeting_id: int) -> None:
        if not panel.select_id(meeting_id):
            raise RuntimeError(f"meeting {meeting_id} is not in the list")

    run("open a meeting", lambda i: show_tab(panel), lambda i: select_meeting(targets.meetings[i % 2]),
        lambda i: panel.detail.meeting_id == targets.meetings[i % 2])

    reviews: dict[int, int] = {}

    def pick_review(i: int) -> None:
        show_tab(library)
        reviews[i] = library.model.id_at(i % 2)  # the first two reviews the library lists, in turn

    def select_review(i: int) -> None:
        if not library.select_id(reviews[i]):
            raise RuntimeError(f"review {reviews[i]} is not in the list")

    run("open a review", pick_review, select_review, lambda i: library.detail.review_id == reviews[i])

    def review_page(i: int) -> None:
        pick_review(i)
        select_review(i)
        library.detail.tabs.setCurrentIndex(0)  # its Record: "This came up before" is read when its tab is shown

    def came_up_before(i: int) -> bool:
        shown = library.detail.before.shown
        return shown is not None and shown.record_id == reviews[i]

    run("show This came up before", review_page, lambda i: library.detail.tabs.setCurrentWidget(
        library.detail.before_page), came_up_before)
    library.detail.tabs.setCurrentIndex(0)  # the saves below do not read it again with the review

    texts: dict[int, str] = {}

    def edit(i: int) -> None:
        counter[0] += 1
        texts[i] = f"Bench edit {counter[0]}: summary changed over a {rtt:g} ms round trip."

        def fill(dialog: Any) -> None:
            dialog.widget("summary").setPlainText(texts[i])

        fillers.append(fill)
        referrals.detail.edit_details()

    run("save a referral edit", lambda i: (show_tab(referrals), select_referral(targets.referrals[0])),
        edit, lambda i: referrals.detail.detail is not None and referrals.detail.detail.summary == texts[i])

    current: dict[int, int] = {}

    def pick(i: int) -> None:
        show_tab(referrals)
        current[i] = unscreened.pop(0)
        select_referral(current[i])

    def screen(i: int) -> None:
        def fill(dialog: Any) -> None:
            choose(dialog, "route", Route.LEARNING_REVIEW)
            dialog.widget("notes").setPlainText("Learning review: bench.")

        fillers.append(fill)
        referrals.detail.screen_referral()

    run("record a workflow step (screen)", pick, screen,
        lambda i: referrals.detail.detail is not None and referrals.detail.detail.id == current[i]
        and referrals.detail.detail.route is Route.LEARNING_REVIEW)
    return results


def measured_rtt(engine: Any, samples: int = 15) -> float:
    """The round trip the app sees: median ``SELECT 1`` on one pooled connection (proxy sanity check)."""
    from sqlalchemy import text

    times = []
    with engine.connect() as conn:
        for _ in range(samples):
            start = time.perf_counter()
            conn.execute(text("SELECT 1")).scalar()
            times.append((time.perf_counter() - start) * 1000)
        conn.rollback()
    return statistics.median(times)


# --------------------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------------------


def report(results: list[Result], args: argparse.Namespace, rtts: dict[float, float], direct_ms: float,
           idle_trips: int) -> None:
    print()
    print(f"PostgreSQL through a delaying loopback proxy; demo data + {args.referrals} referrals; "
          f"{args.runs} runs per action (medians; worst in brackets); CPU cores: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"median SELECT 1 round trip as the app sees it: straight to the server {direct_ms:.1f} ms; through the "
          "proxy " + ", ".join(f"set to {k:g} ms: {v:.1f} ms" for k, v in rtts.items())
          + f". Idle window, round trips in 1 s: {idle_trips}")
    header = (f"{'action':34} {'RTT':>3} {'round':>5} {'stmts':>5} {'on GUI':>6} {'tx':>3} {'pool':>5}"
              f" {'shown ms':>14} {'settled ms':>14} {'GUI stall ms':>14}")
    print(header)
    print(f"{'':34} {'ms':>3} {'trips':>5} {'':>5} {'thread':>6} {'':>3} {'ckout':>5}")
    print("-" * len(header))
    for r in results:
        print(f"{r.action:34} {r.rtt:3g} {r.median('trips'):5g} {r.median('statements'):5g} "
              f"{r.median('on_gui'):6g} {r.median('transactions'):3g} {r.median('checkouts'):5g} "
              + " ".join(f"{r.median(key):6.0f} ({r.worst(key):5.0f})" for key in ("shown_ms", "wall_ms", "stall_ms")))
    print()
    print("round trips: app-to-server exchanges seen at the proxy (queries, BEGIN, COMMIT/ROLLBACK, pool pings);")
    print("stmts: SQLAlchemy engine events, cursor executes + BEGIN + COMMIT/ROLLBACK; on GUI thread: of those;")
    print("tx: transactions begun (a read outside a transaction block still counts one, with no BEGIN sent);")
    print("pool ckout: connections checked out (pinged only after 30 s idle: models/database.py);")
    print("shown: click until the widget shows the record asked for (or the list has reloaded); settled: until")
    print("then and every background job and list reload it started is done; GUI stall: longest gap between")
    print(f"{HEARTBEAT_MS} ms heartbeats on the GUI thread while the action ran. Medians; worst run in brackets.")
    worst_rtt = max(rtts)
    print()
    print(f"Targets at {worst_rtt:g} ms RTT: <= {TARGET_TRIPS} round trips, GUI stall <= {TARGET_STALL_MS} ms, "
          f"data on screen <= {TARGET_WALL_MS} ms")
    for r in results:
        if r.rtt != worst_rtt:
            continue
        misses = [f"{r.median('trips'):g} round trips" if r.median("trips") > TARGET_TRIPS else "",
                  f"stall {r.median('stall_ms'):.0f} ms" if r.median("stall_ms") > TARGET_STALL_MS else "",
                  f"shown after {r.median('shown_ms'):.0f} ms" if r.median("shown_ms") > TARGET_WALL_MS else ""]
        misses = [m for m in misses if m]
        print(f"  {r.action:38} {'MISSES: ' + ', '.join(misses) if misses else 'meets all three'}")


# --------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--referrals", type=int, default=2_000, help="bulk referrals added to the demo data")
    parser.add_argument("--rtt", default="0,20", help="round-trip times to measure, in ms (default 0,20)")
    parser.add_argument("--quick", action="store_true", help="2 runs per action")
    parser.add_argument("--sql", metavar="FILE", help="write the statements of each action's first run to FILE")
    args = parser.parse_args()
    if args.quick:
        args.runs = 2
    rtt_list = [float(x) for x in args.rtt.split(",") if x.strip()]

    from pgserver import PostgresServer

    with tempfile.TemporaryDirectory(prefix="scpdesk-latency-") as tmp, PostgresServer() as pg:
        home = Path(tmp)
        os.environ["SCPDESK_HOME"] = str(home)
        started = time.perf_counter()
        build_database(pg.create_database("scpdesk_bench"), args.referrals)
        steps = 2 * len(rtt_list) * (args.runs + 1)  # screenings per RTT, warm-ups included
        targets = choose_targets(pg.dsn_for("scpdesk_bench"), steps)
        print(f"database built in {time.perf_counter() - started:.1f} s", flush=True)
        direct = pg.url_for("scpdesk_bench")
        direct_ms = _direct_rtt(direct)
        proxy = DelayProxy(pg.port)
        trace: list[str] | None = [] if args.sql else None
        try:
            results, rtts, idle = _measure(direct.replace(f":{pg.port}/", f":{proxy.port}/"), home, proxy, targets,
                                           rtt_list, args.runs, trace)
        finally:
            proxy.close()
    if args.sql and trace is not None:
        Path(args.sql).write_text("\n".join(trace), encoding="utf-8")
    report(results, args, rtts, direct_ms, idle)


def _direct_rtt(url: str) -> float:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        return measured_rtt(engine)
    finally:
        engine.dispose()


def _measure(url: str, home: Path, proxy: DelayProxy, targets: Targets, rtt_list: list[float],
             runs: int, trace: list[str] | None) -> tuple[list[Result], dict[float, float], int]:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from scpdesk import clock as app_clock
    from scpdesk.app import create_main_window
    from scpdesk.paths import AppPaths

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app_clock.set_default_clock(app_clock.PinnedClock(DEMO_TODAY))
    fillers: list[Callable[[Any], None]] = []
    answer_forms(fillers)
    paths = AppPaths(data_dir=home / "data", log_dir=home / "logs", config_dir=home / "config").ensure()
    window = create_main_window(url, paths=paths, user="bench")
    window.resize(1400, 900)
    window.show()
    counter = StatementCounter(window.ctx.services.db.engine)
    harness = Harness(app, window, proxy, counter)

    def message(box: QMessageBox) -> int:
        harness.messages.append(f"{box.windowTitle()}: {box.text()}")
        return int(QMessageBox.StandardButton.Ok)

    QMessageBox.exec = message  # type: ignore[method-assign]
    harness.settle()
    before = proxy.counts()[TURNS]
    idle_end = time.perf_counter() + 1.0
    harness.wait_until(lambda: time.perf_counter() > idle_end)
    idle = proxy.counts()[TURNS] - before

    results: list[Result] = []
    rtts: dict[float, float] = {}
    unscreened = list(targets.unscreened)
    edits = [0]
    try:
        for rtt in rtt_list:
            proxy.rtt_ms = rtt
            rtts[rtt] = measured_rtt(window.ctx.services.db.engine)
            print(f"measuring at {rtt:g} ms RTT …", flush=True)
            results += run_actions(harness, targets, rtt, runs, fillers, unscreened, edits, trace)
    finally:
        proxy.rtt_ms = 0
        harness.heart.stop()
        window.tasks.wait(30_000)
        window.close()
        window.ctx.services.close()
    return results, rtts, idle


if __name__ == "__main__":
    main()

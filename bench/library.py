"""The Review Library with 100,000 reviews: a search keystroke to its first page, beside the raw FTS5 query.

Not a test: run ``python bench/library.py [--reviews 100000] [--runs 7]``. No Qt: it measures what the lazy
library model does for a keystroke — ``library_ids`` (one SQL query: full-text match, filters and ranked sort,
every matching id) and then ``library_rows`` for the first 100 ids (the rows on screen, with clocks and window
state) — beside the raw FTS query straight through ``sqlite3``::

    SELECT rowid FROM review_fts WHERE review_fts MATCH ? ORDER BY bm25(review_fts, …) LIMIT 100

for the same text as each keystroke of a few words typed letter by letter (the last word a prefix, as the
service builds it). Target: keystroke-to-page at most 2× the raw query (the median over every keystroke).

The bulk rows go in with SQLAlchemy Core (``scpdesk.services.demo.fill_bulk``); the FTS triggers fire on
Core inserts too, which the bench checks (every review indexed; FTS5 integrity-check against its content).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RAW_SEARCH = ("SELECT rowid FROM review_fts WHERE review_fts MATCH ? "
              "ORDER BY bm25(review_fts, 10.0, 4.0, 2.0, 1.0) LIMIT ?")
#: Typed letter by letter; the vocabulary of fill_bulk's synthetic sentences, so common words match a third of
#: the library (the worst case) and rarer combinations a few hundred.
TYPED = ("neglect", "housing instability", "unexplained injury assessment", "exploitation outside")
PAGE = 100


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def pdf_benchmark() -> str:
    """A learning summary PDF beside a bare ReportLab document of the same text (see
    bench/_learning_summary_bench.py), median of 10 each, interleaved."""
    from _learning_summary_bench import learning_summary_pdf_benchmark

    ours, bare = learning_summary_pdf_benchmark()
    return f"{ours * 1000:.1f} ms beside a bare ReportLab document {bare * 1000:.1f} ms: {ours / bare:.2f}x " \
           "(target <= 1.5x)"


def keystrokes(words: str) -> list[str]:
    """What the search box holds after each key press (from the second letter)."""
    return [words[:n] for n in range(2, len(words) + 1) if not words[:n].endswith(" ")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from scpdesk.models.search import index_is_consistent, sqlite_match_query
    from scpdesk.paths import sqlite_url
    from scpdesk.services import ServiceContext, open_services
    from scpdesk.services.demo import fill_bulk
    from scpdesk.services.library.library import LibraryQuery, library_ids, library_rows

    with tempfile.TemporaryDirectory(prefix="scpdesk-bench-") as tmp:
        db_path = Path(tmp) / "bench.sqlite3"
        services = open_services(sqlite_url(db_path), user="bench", backup_dir=None)
        ctx = ServiceContext(services.db, user="bench")
        start = time.perf_counter()
        fill_bulk(ctx, referrals=0, reviews=args.reviews)
        fill_seconds = time.perf_counter() - start

        raw = sqlite3.connect(db_path)
        reviews = raw.execute("SELECT count(*) FROM review").fetchone()[0]
        indexed = raw.execute("SELECT count(*) FROM review_fts_docsize").fetchone()[0]
        if indexed != reviews:
            raise SystemExit(f"the FTS index holds {indexed} of {reviews} reviews: the triggers did not fire")
        with services.db.engine.begin() as conn:
            if not index_is_consistent(conn):
                raise SystemExit("the FTS index does not match the reviews (integrity-check failed)")
        plan = raw.execute("EXPLAIN QUERY PLAN " + _library_sql(services, "housing"), ()).fetchall()

        typed = [k for words in TYPED for k in keystrokes(words)]
        raw_ms: dict[str, float] = {}
        raw_all_ms: dict[str, float] = {}
        app_ms: dict[str, float] = {}
        ids_ms: dict[str, float] = {}
        first_ms: dict[str, float] = {}
        matches: dict[str, int] = {}
        for text in typed:
            query = sqlite_match_query(text)
            raw_samples, raw_all, app_samples, ids_samples, first_samples = [], [], [], [], []
            for _ in range(args.runs):  # interleaved, so a busy machine slows each side alike
                t0 = time.perf_counter()
                raw.execute(RAW_SEARCH, (query, PAGE)).fetchall()
                raw_samples.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                raw.execute(RAW_SEARCH, (query, -1)).fetchall()
                raw_all.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                found = library_ids(ctx, LibraryQuery(text=text))
                t1 = time.perf_counter()
                library_rows(ctx, found[:PAGE])
                app_samples.append(time.perf_counter() - t0)
                ids_samples.append(t1 - t0)
                # What the tab shows first for a keystroke: the best page (LIMIT), then the full list follows.
                t0 = time.perf_counter()
                library_rows(ctx, library_ids(ctx, LibraryQuery(text=text), limit=PAGE))
                first_samples.append(time.perf_counter() - t0)
            first_ms[text] = median_ms(first_samples)
            raw_ms[text], raw_all_ms[text] = median_ms(raw_samples), median_ms(raw_all)
            app_ms[text], ids_ms[text] = median_ms(app_samples), median_ms(ids_samples)
            matches[text] = len(found)

        # The same keystrokes in the Published view (the search joins the review rows to filter by date).
        view_ratios = []
        for text in typed[::4]:
            query = sqlite_match_query(text)
            raw_samples, app_samples = [], []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                raw.execute(RAW_SEARCH, (query, PAGE)).fetchall()
                raw_samples.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                library_rows(ctx, library_ids(ctx, LibraryQuery(view="published", text=text))[:PAGE])
                app_samples.append(time.perf_counter() - t0)
            view_ratios.append((median_ms(app_samples), median_ms(app_samples) / median_ms(raw_samples)))
        raw.close()

        # Browsing without text: the default order and a view, ids then the first page.
        browse = []
        for query in (LibraryQuery(), LibraryQuery(view="published", sort="title")):
            samples = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                library_rows(ctx, library_ids(ctx, query)[:PAGE])
                samples.append(time.perf_counter() - t0)
            browse.append(median_ms(samples))
        pdf = pdf_benchmark()
        services.close()

    print(f"{reviews} reviews (bulk insert with FTS triggers: {fill_seconds:.1f} s); {args.runs} runs per "
          f"keystroke (medians); first page = {PAGE} rows")
    print("query plan (search + Published filter + ranked sort):", "; ".join(row[-1] for row in plan))
    print(f"{'typed':<32} {'matches':>8} {'raw FTS':>9} {'raw all':>9} {'ids':>9} {'ids+page':>9} "
          f"{'ratio':>6} {'vs all':>6}")
    for text in typed:
        print(f"{text!r:<32} {matches[text]:>8} {raw_ms[text]:>7.1f}ms {raw_all_ms[text]:>7.1f}ms "
              f"{ids_ms[text]:>7.1f}ms {app_ms[text]:>7.1f}ms {app_ms[text] / raw_ms[text]:>5.2f}x "
              f"{app_ms[text] / raw_all_ms[text]:>5.2f}x")
    ratios = [app_ms[t] / raw_ms[t] for t in typed]
    print(f"keystroke to first page: median {statistics.median(app_ms.values()):.1f} ms, worst "
          f"{max(app_ms.values()):.1f} ms; raw FTS (LIMIT {PAGE}) median {statistics.median(raw_ms.values()):.1f} ms")
    print(f"ratio to the raw FTS query (LIMIT {PAGE}): median {statistics.median(ratios):.2f}x, worst "
          f"{max(ratios):.2f}x (target <= 2x); to the raw query returning every matching id: median "
          f"{statistics.median(app_ms[t] / raw_all_ms[t] for t in typed):.2f}x")
    first = [first_ms[t] / raw_ms[t] for t in typed]
    print(f"keystroke to the first page the tab shows (best {PAGE} first, full list after): median "
          f"{statistics.median(first_ms.values()):.1f} ms; ratio to the raw FTS query: median "
          f"{statistics.median(first):.2f}x, worst {max(first):.2f}x (target <= 2x)")
    print(f"Published view (search + date filter): median {statistics.median(v[0] for v in view_ratios):.1f} ms, "
          f"ratio median {statistics.median(v[1] for v in view_ratios):.2f}x, worst "
          f"{max(v[1] for v in view_ratios):.2f}x")
    print(f"browse (no text): default order {browse[0]:.1f} ms, published by title {browse[1]:.1f} ms")
    print(f"learning summary PDF: {pdf}")


def _library_sql(services: object, text: str) -> str:
    """The SQL library_ids runs for ``text`` in the Published view, parameters inlined (for EXPLAIN QUERY PLAN)."""
    import datetime as dt

    from sqlalchemy import select

    from scpdesk.models import Review
    from scpdesk.models.search import search_hits

    hits = search_hits("sqlite", text)
    assert hits is not None
    stmt = (select(Review.id).join(hits, hits.c.review_id == Review.id)
            .where(Review.published_date > dt.date.today() - dt.timedelta(days=365))
            .order_by(hits.c.score.desc(), Review.id))
    engine = services.db.engine  # type: ignore[attr-defined]
    return str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))


if __name__ == "__main__":
    main()

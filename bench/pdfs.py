"""Time to write each published document: the learning summary, the 7-minute briefing, the action plan and the
figures report, from the same data every run (the tests' typical summary, a 60-action plan, the sample figures).

``python bench/pdfs.py [--runs 10] [--json FILE]`` prints the median seconds of each; run it on two checkouts
(before: ReportLab; after: Typst) on the same machine and ``--compare BEFORE.json AFTER.json`` prints the
medians side by side with the ratio (after / before). Nothing here depends on which engine the code uses: only
the builders' names and arguments, which did not change.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
for path in (ROOT, TESTS, TESTS / "reports"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))


def _documents() -> dict[str, Callable[[], object]]:
    from figures_sample import sample_figures  # type: ignore[import-not-found]
    from test_action_plan import action  # type: ignore[import-not-found]
    from test_learning_summary import typical  # type: ignore[import-not-found]

    from scpdesk.reports.action_plan import ActionPlanDoc, PlanGroup, build_action_plan_pdf
    from scpdesk.reports.annual_report import AnnualReportDoc, build_annual_report_pdf
    from scpdesk.reports.learning_summary import build_briefing_pdf, build_learning_summary_pdf

    summary = typical()
    groups = (PlanGroup(1, "Improve safer sleep advice", actions=tuple(action(n) for n in range(1, 20))),
              PlanGroup(2, "Explore fathers' roles", actions=tuple(action(n) for n in range(20, 61))))
    plan = ActionPlanDoc(partnership="Northshire SCP", title="Action plan: Child N", marking="OFFICIAL-SENSITIVE",
                         generated=dt.date(2026, 1, 20), subtitle="NSCP-CR-2025-01", groups=groups)
    figures = AnnualReportDoc(sample_figures(), "OFFICIAL-SENSITIVE")
    return {
        "learning summary": lambda: build_learning_summary_pdf(summary, io.BytesIO()),
        "7-minute briefing": lambda: build_briefing_pdf(summary, io.BytesIO()),
        "action plan (60 actions)": lambda: build_action_plan_pdf(plan, io.BytesIO()),
        "figures report": lambda: build_annual_report_pdf(figures, io.BytesIO()),
    }


def measure(runs: int) -> dict[str, float]:
    medians = {}
    for name, build in _documents().items():
        build()  # warm: imports, fonts, caches
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            build()
            times.append(time.perf_counter() - start)
        medians[name] = statistics.median(times)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the medians to this file")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text()) for p in args.compare)
        print(f"{'document':28} {'before s':>10} {'after s':>10} {'ratio':>7}")
        for name in before:
            print(f"{name:28} {before[name]:10.4f} {after[name]:10.4f} {after[name] / before[name]:7.2f}")
        return
    medians = measure(args.runs)
    for name, seconds in medians.items():
        print(f"{name:28} {seconds:.4f} s (median of {args.runs})")
    if args.json:
        args.json.write_text(json.dumps(medians, indent=1))


if __name__ == "__main__":
    main()

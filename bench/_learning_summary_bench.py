"""The learning summary PDF for a typical summary, beside a bare ReportLab baseline.

Called from ``bench/library.py`` (``learning_summary_pdf_benchmark()``), or run on its own:
``python bench/_learning_summary_bench.py [--runs 10]``. Measures, as medians:

* ``build_learning_summary_pdf`` for the demo's "Child F" summary: title block, ten sections with bookmarks,
  a numbered list, an actions table, the marking and "Page n of N" on every page, metadata;
* the baseline, in the same run: a bare ``SimpleDocTemplate`` with the same text as plain Paragraphs in the
  same (embedded DejaVu) font, with no headings, lists, table, bookmarks or page decoration.

Target: the summary within 1.5 times the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.platypus import SimpleDocTemplate  # noqa: E402

from scpdesk.reports.base import para, register_fonts  # noqa: E402
from scpdesk.reports.data import LearningSummary, SummaryAction  # noqa: E402
from scpdesk.reports.learning_summary import build_learning_summary_pdf  # noqa: E402

RUNS = 10


def typical_summary() -> LearningSummary:
    """The demo's Child F learning summary, as ``summary_data`` would give it (no database needed)."""
    from scpdesk.services.demo import _LEARNING_SUMMARIES  # the demo's fictional text, kept in one place

    sections = _LEARNING_SUMMARIES["Child F"]
    lines = lambda text: tuple(line for line in text.split("\n") if line.strip())  # noqa: E731
    owner_la, owner_ed = "Northbrook Council Children's Social Care", "Northbrook Council Education and Inclusion"
    return LearningSummary(
        partnership="Northbrook Safeguarding Children Partnership", pseudonym="Child F",
        title="Child F: Learning Summary", review_type_label="Learning summary", date=dt.date(2024, 10, 2),
        marking="OFFICIAL", reference="NSCP-CR-2024-02",
        about=sections["about"], the_child=sections["the_child"], what_happened=sections["what_happened"],
        what_went_well=sections["what_went_well"], key_learning=lines(sections["key_learning"]),
        practice=sections["practice"], reflective_questions=lines(sections["reflective_questions"]),
        resources=sections["resources"], contacts=sections["contacts"],
        themes=("sexual abuse", "voice of the child"),
        actions=(SummaryAction("Deliver training on recognising and responding to sexual abuse.", owner_la,
                               dt.date(2026, 5, 8), "Complete"),
                 SummaryAction("Evaluate the training through a practitioner survey.", owner_la,
                               dt.date(2027, 1, 8), "On track"),
                 SummaryAction("Publish model low-level concerns guidance for schools.", owner_ed,
                               dt.date(2026, 6, 29), "Complete"),
                 SummaryAction("Check use of the guidance in the annual schools safeguarding audit.",
                               "Millbrook Learning Trust", dt.date(2027, 3, 25), "Not started")))


def _bare(data: LearningSummary) -> None:
    """The same words as plain Paragraphs in a SimpleDocTemplate."""
    texts = [data.partnership, data.title, data.pseudonym, data.review_type_label, data.reference, data.about,
             data.the_child, data.what_happened, data.what_went_well, *data.key_learning, data.practice,
             *data.reflective_questions, *(f"{a.action} {a.owner} {a.due} {a.status}" for a in data.actions),
             *data.themes, data.resources, data.contacts]
    doc = SimpleDocTemplate(io.BytesIO())
    doc.build([para(t) for t in texts if t])


def _medians(first: Callable[[], object], second: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median times of two builds, run alternately so that load on the machine affects both alike."""
    first(), second()  # warm up: fonts registered and parsed, modules imported
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for run, into in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            run()
            into.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def learning_summary_pdf_benchmark(runs: int = RUNS) -> tuple[float, float]:
    """(median seconds for ``build_learning_summary_pdf``, median seconds for the bare baseline)."""
    register_fonts()
    data = typical_summary()
    return _medians(lambda: build_learning_summary_pdf(data, io.BytesIO()), lambda: _bare(data), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    ours, bare = learning_summary_pdf_benchmark(args.runs)
    print(f"learning summary PDF: {ours * 1000:.1f} ms; bare SimpleDocTemplate: {bare * 1000:.1f} ms; "
          f"ratio {ours / bare:.2f}x (target at most 1.5x)")


if __name__ == "__main__":
    main()

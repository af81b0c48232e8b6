"""The meeting pack PDF with 12 items and 200 attached pages, beside a bare baseline.

Not a test: run ``python bench/pack.py [--runs 5] [--pages 200]``. Measures, as medians:

* ``build_meeting_pack``: cover, agenda, a section per item (tables, call-outs), 12 papers appended, every
  appended page stamped with the marking and "Page n of N", outline and metadata;
* the baseline, in the same run: a bare ReportLab document with the same item texts (``SimpleDocTemplate``
  and Paragraphs, no tables, no stamping) plus a plain pypdf merge of the same papers (``PdfWriter.append``
  and ``write``).

Target: the pack within 1.5 times the baseline.
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
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader, PdfWriter  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.pdfgen import canvas as rl_canvas  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

from scpdesk.reports.base import para  # noqa: E402
from scpdesk.reports.data import MeetingPack, PackClock, PackItem, PackMember, PackPaper  # noqa: E402
from scpdesk.reports.meeting_pack import build_meeting_pack  # noqa: E402

SENTENCE = ("Agencies shared information about the family's contact with services over the previous year, "
            "including missed health appointments and a referral from school. ")


def paper(label: str, pages: int, size: tuple[float, float] = A4) -> bytes:
    """A paper with a heading and some forty lines of text on every page (fonts, text operators, like a
    typical exported report)."""
    buffer = io.BytesIO()
    canvas = rl_canvas.Canvas(buffer, pagesize=size)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(60, size[1] - 80, f"{label} — page {number}")
        canvas.setFont("Helvetica", 9)
        for line in range(40):
            y = size[1] - 110 - line * 14
            if y < 60:
                break
            canvas.drawString(60, y, f"{line + 1:>2}. {SENTENCE[: 95 - line % 20]}")
        canvas.rect(60, 50, size[0] - 120, 6, stroke=1, fill=0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def make_pack(total_pages: int) -> MeetingPack:
    counts = [total_pages // 12 + (1 if i < total_pages % 12 else 0) for i in range(12)]
    items = []
    start = dt.datetime(2026, 11, 27, 9, 30)
    for index, pages in enumerate(counts, start=1):
        size = landscape(A4) if index % 5 == 0 else A4
        items.append(PackItem(
            number=index, title=f"Rapid review: Child {chr(64 + index)}", kind="case",
            start_time=(start + dt.timedelta(minutes=20 * (index - 1))).time(), duration_minutes=20,
            presenter="Review lead", confidential=index == 7, case_reference=f"RR-2026-{index:03d}",
            pseudonym=f"Child {chr(64 + index)}",
            summary="\n\n".join(SENTENCE * 6 for _ in range(3)),
            key_dates=tuple((f"Event {n}", dt.date(2026, 11, n + 1)) for n in range(6)),
            clocks=(PackClock("Notification (5 working days)", dt.date(2026, 11, 19), "met", True),
                    PackClock("Rapid review (15 working days)", dt.date(2026, 11, 27), "due soon", True),
                    PackClock("Agency summaries", dt.date(2026, 11, 20), "overdue by 7 days")),
            agencies=("Children's social care", "Police", "ICB / health", "Education", "Probation"),
            summaries_in=("Children's social care", "Police", "Education"),
            summaries_outstanding=("ICB / health", "Probation"),
            questions="Does the case meet the criteria for a local review?\n\nWhat learning should be shared now?",
            decision_options=("Recommend a local child safeguarding practice review",
                              "No further review: share learning", "Ask the national Panel for advice"),
            papers=(PackPaper(f"Chronology {index}", f"chronology-{index}.pdf",
                              paper(f"Chronology {index}", pages, size)),),
            warning="The rapid review is due Fri 27 Nov 2026, before this meeting." if index % 3 == 0 else ""))
    members = tuple(PackMember(f"Member {n}", agency, "Representative", "present" if n % 4 else "apologies")
                    for n, agency in enumerate(("ICB", "Police", "Children's social care", "Education",
                                                "Probation", "Public health", "Designated doctor"), start=1))
    return MeetingPack(partnership="Northshire Safeguarding Children Partnership", reference="RRP-2026-11",
                       kind_label="Rapid Review Panel", meeting_date=dt.date(2026, 11, 27),
                       start_time=dt.time(9, 30), place="Room 3, County Hall", online_link="https://teams.example/1",
                       chair="Dr Jane Rowe", marking="OFFICIAL-SENSITIVE", items=tuple(items), members=members,
                       quorate=True, prepared_by="Business unit", prepared_on=dt.date(2026, 11, 20))


def baseline(pack: MeetingPack) -> bytes:
    """The same item texts as plain Paragraphs, then a plain merge of the same papers."""
    body = io.BytesIO()
    story = [para(pack.partnership, "Title"), para(pack.kind_label, "Subtitle")]
    for item in pack.items:
        story += [para(f"{item.number}. {item.title}", "H1"), para(item.summary),
                  para("; ".join(f"{label} {day}" for label, day in item.key_dates)),
                  para("; ".join(f"{c.label} {c.due} {c.state}" for c in item.clocks)),
                  para("; ".join(item.agencies)), para(item.questions), para(item.warning),
                  *(para(option) for option in item.decision_options)]
    SimpleDocTemplate(body, pagesize=A4).build(story)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(body.getvalue())))
    for item in pack.items:
        for attached in item.papers:
            writer.append(PdfReader(io.BytesIO(attached.content)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def ours(pack: MeetingPack) -> bytes:
    out = io.BytesIO()
    build_meeting_pack(pack, out)
    return out.getvalue()


def median_ms(run: Callable[[], bytes], runs: int) -> tuple[float, int]:
    samples, size = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        size = len(run())
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()

    pack = make_pack(args.pages)
    ours(pack), baseline(pack)  # warm up: fonts registered, modules imported
    pages = len(PdfReader(io.BytesIO(ours(pack))).pages)
    pack_ms, pack_size = median_ms(lambda: ours(pack), args.runs)
    base_ms, base_size = median_ms(lambda: baseline(pack), args.runs)
    print(f"meeting pack: 12 items, {args.pages} attached pages, {pages} pages in all ({pack_size / 1e6:.2f} MB)")
    print(f"  build_meeting_pack   {pack_ms:8.1f} ms (median of {args.runs})")
    print(f"  baseline             {base_ms:8.1f} ms (bare ReportLab text + plain pypdf merge, "
          f"{base_size / 1e6:.2f} MB)")
    print(f"  ratio                {pack_ms / base_ms:8.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()

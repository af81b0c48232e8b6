"""Imports: time and memory of reading and importing large and hostile files, beside bare baselines.

Not a test: run ``python bench/imports.py [--mb 49] [--before COMMIT] [--timeout 60]``. Every measurement runs
in a fresh Python process, which reports its wall time and how far its peak RSS (``resource.getrusage``) rose
above what it held once its modules were imported; a process still running at ``--timeout`` seconds is killed,
its peak read from ``/proc`` just before.

* A valid referral CSV of about ``--mb`` MB (under the 50 MB limit) and the same rows as an XLSX.
* Baselines over the same files: ``csv.reader`` counting the rows; openpyxl's read-only ``iter_rows(
  values_only=True)`` (the file's dimension is true, so openpyxl pads nothing).
* "read": the rows as an import reads them (now ``iter_table``, streamed and bounded; before, the list
  ``read_table`` made), and "import": the whole ``import_referrals`` into a fresh SQLite file, for both files;
  the ratios to the baselines are printed.
* The same, and hostile files, with the code of ``--before`` (default: the commit before imports were bounded;
  extracted with ``git archive``) and now: a 5 KB workbook whose dimension claims A1:XFD1048576 and whose last
  row is an empty row 1,048,576, a zip bomb (a worksheet padded with 200 MB of white space, 200 KB packed),
  and a CSV with an unclosed quote.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The source tree whose ``scpdesk`` a measuring process imports: this one, or the ``--before`` commit's.
sys.path.insert(0, os.environ.get("SCPDESK_BENCH_ROOT", str(ROOT)))
sys.path.insert(1, str(ROOT / "tests"))

BEFORE = "1571fb3"  # the last commit before imports were streamed and bounded
TODAY = dt.date(2026, 1, 20)
COLUMNS = ("reference", "received_date", "referrer_agency", "child_pseudonym", "incident_date", "la_aware_date",
           "partners_aware_date", "route", "summary")
AGENCIES = ("Northshire Police", "Northshire Children's Social Care", "Northshire Health Visiting",
            "Northbrook Academy Trust", "Ambulance Service")
WORDS = ("baby", "bruising", "referral", "health", "visitor", "concern", "school", "attendance", "police",
         "neglect", "home", "visit", "mother", "partner", "missed", "appointment", "strategy", "meeting", "GP",
         "injury", "hospital", "emergency", "department", "unexplained", "fracture", "sibling", "domestic",
         "abuse", "plan", "review", "social", "worker", "assessment", "nursery", "health", "record", "weeks")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# --- the files ---------------------------------------------------------------------------------------------

def referral_rows(target_bytes: int) -> list[list[str]]:
    rng = random.Random(7)
    rows: list[list[str]] = []
    size = 0
    n = 0
    while size < target_bytes:
        n += 1
        words = " ".join(rng.choice(WORDS) + (str(rng.randrange(100)) if rng.random() < 0.1 else "")
                         for _ in range(60))
        summary = f"Referral {n}: {words}. Line two of the summary, with a comma, and \"quotes\"."
        row = [f"NSCP-B-{n:06d}", f"{(n % 28) + 1:02d}/12/2025", AGENCIES[n % len(AGENCIES)], f"Child {n % 997}",
               "2025-11-30", "2025-12-01", "", "rapid_review" if n % 3 else "learning_review", summary]
        size += sum(len(c) for c in row) + 16
        rows.append(row)
    return rows


def write_files(folder: Path, mb: float) -> tuple[Path, Path]:
    from openpyxl import Workbook

    rows = referral_rows(int(mb * 1024 * 1024))
    csv_path = folder / "referrals.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    xlsx_path = folder / "referrals.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Referrals")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(row)
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def write_bombs(folder: Path) -> dict[str, Path]:
    import sheets

    row = dict(zip(COLUMNS, ["NSCP-1", "2025-12-22", "Northshire Police", "Child N", "", "", "",
                             "rapid_review", "Baby with bruising"], strict=True))
    unclosed = folder / "unclosed.csv"
    unclosed.write_text(",".join(COLUMNS) + "\r\n"
                        "NSCP-1,2025-12-22,Northshire Police,Child N,,,,rapid_review,\"Baby with bruising\r\n"
                        "NSCP-2,2025-12-23,Northshire Police,Child M,,,,rapid_review,Second referral\r\n",
                        encoding="utf-8")
    return {"dimension bomb": sheets.dimension_bomb(folder / "dimension.xlsx", COLUMNS, [row]),
            "zip bomb": sheets.padded_sheet(folder / "zipbomb.xlsx", COLUMNS, [row], 200 * 1024 * 1024),
            "unclosed quote": unclosed}


# --- one measurement (in a child process) ------------------------------------------------------------------

def child(kind: str, path: Path) -> None:
    import openpyxl  # imported before the start mark, as the app has it loaded

    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url
    from scpdesk.services import ServiceContext, spreadsheet
    from scpdesk.services.referrals import referral_io
    from scpdesk.services.registry import open_services

    ctx = None
    if kind == "import":
        db_path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        open_services(sqlite_url(db_path), user="bench", backup_dir=None).close()
        ctx = ServiceContext(open_database(sqlite_url(db_path), user="bench"), user="bench", today=lambda: TODAY)
    start_rss = _rss_mb()
    print(json.dumps({"start_rss_mb": start_rss}), flush=True)
    start = time.perf_counter()
    outcome: str
    try:
        if kind == "csv.reader":
            with path.open(encoding="utf-8", newline="") as f:
                outcome = f"{sum(1 for _ in csv.reader(f)):,} rows"
        elif kind == "openpyxl":
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
            outcome = f"{sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True)):,} rows"
            workbook.close()
        elif kind == "read":  # streamed where the code has it (iter_table), else the list read_table made
            reader = getattr(spreadsheet, "iter_table", spreadsheet.read_table)
            outcome = f"{sum(1 for _ in reader(path, COLUMNS)):,} rows read"
        else:
            outcome = f"{referral_io.import_referrals(ctx, path).count:,} referrals imported"
    except Exception as exc:  # noqa: BLE001 - a refusal is the outcome to report
        outcome = f"refused: {str(exc)[:150]}"
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_rss_mb": _rss_mb(), "outcome": outcome}), flush=True)


def measure(kind: str, path: Path, root: Path = ROOT, timeout: float = 600) -> dict[str, Any]:
    process = subprocess.Popen([sys.executable, __file__, "--child", kind, str(path)], stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "SCPDESK_BENCH_ROOT": str(root)})
    assert process.stdout is not None
    first = json.loads(process.stdout.readline())
    started = time.perf_counter()
    peak = first["start_rss_mb"]
    while process.poll() is None and time.perf_counter() - started < timeout:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak = max(peak, int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
                       / 1024)
        except (OSError, StopIteration):
            pass
        time.sleep(0.1)
    if process.poll() is None:
        process.kill()
        process.wait()
        return {"seconds": timeout, "added_mb": peak - first["start_rss_mb"],
                "outcome": f"still running after {timeout:.0f} s: killed"}
    result = json.loads(process.stdout.readline())
    return {"seconds": result["seconds"], "added_mb": result["peak_rss_mb"] - first["start_rss_mb"],
            "outcome": result["outcome"]}


def show(label: str, result: dict[str, Any]) -> None:
    print(f"  {label:<44} {result['seconds']:>8.2f} s {result['added_mb']:>9.1f} MB   {result['outcome']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=49)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    with tempfile.TemporaryDirectory(prefix="scpdesk-imports-") as tmp:
        folder = Path(tmp)
        before = folder / "before"
        before.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before, "scpdesk"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        trees = {"before": before, "now": ROOT}
        csv_path, xlsx_path = write_files(folder, args.mb)
        print(f"CSV {csv_path.stat().st_size / 2**20:.1f} MB, XLSX {xlsx_path.stat().st_size / 2**20:.1f} MB "
              f"(seconds, peak RSS added above the process's start, outcome)")
        for path, baseline in ((csv_path, "csv.reader"), (xlsx_path, "openpyxl")):
            print(path.suffix)
            base = measure(baseline, path)
            show(f"baseline: {baseline}", base)
            for kind in ("read", "import"):
                for which, root in trees.items():
                    result = measure(kind, path, root, args.timeout)
                    show(f"{kind} ({which})", result)
                    print(f"  {'':<44} x{result['seconds'] / base['seconds']:.1f} time, "
                          f"x{result['added_mb'] / max(base['added_mb'], 1):.1f} memory of the baseline")
        print("hostile files")
        for name, path in write_bombs(folder).items():
            print(f" {name} ({path.stat().st_size / 1024:,.1f} KB)")
            for which, root in trees.items():
                show(f"import ({which})", measure("import", path, root, args.timeout))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()

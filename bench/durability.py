"""What durability costs: a typical save with synchronous=FULL (what scpdesk runs) beside NORMAL, the file
watch before each commit, and a verified backup beside a plain copy.

Not a test: run ``python bench/durability.py [--saves 200] [--dir FOLDER]``. Saves alternate between the two
settings in the same run (so disk and machine load hit both alike) and medians are reported. A "typical save"
is ReferralService.create: a new referral, its child, agencies, clocks and audit row in one transaction.
Put --dir on the disk a real installation uses: the cost of FULL is one more fsync per commit, so it is all
about the disk.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=200, help="saves per setting")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the test files (default: a temp dir)")
    args = parser.parse_args()

    from sqlalchemy import event
    from storagekit import open_services_at, save

    from scpdesk.models import schema
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url

    work = Path(tempfile.mkdtemp(prefix="scpdesk-durability-", dir=args.dir))
    try:
        template = work / "template.sqlite3"
        db = open_database(sqlite_url(template))
        schema.prepare(db, backup_dir=None)
        db.dispose()
        services = {}
        for mode in ("FULL", "NORMAL"):
            path = work / f"{mode.lower()}.sqlite3"
            shutil.copyfile(template, path)
            sv = open_services_at(path)
            if mode == "NORMAL":
                event.listen(sv.db.engine, "connect",
                             lambda conn, _record: conn.execute("PRAGMA synchronous=NORMAL"))
            with sv.db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == (2 if mode == "FULL" else 1)
            save(sv, f"WARM-{mode}")
            services[mode] = sv
        samples: dict[str, list[float]] = {"FULL": [], "NORMAL": []}
        for i in range(args.saves):
            for mode in (("FULL", "NORMAL") if i % 2 else ("NORMAL", "FULL")):
                started = time.perf_counter()
                save(services[mode], f"B-{mode}-{i}")
                samples[mode].append(time.perf_counter() - started)
        full, normal = (statistics.median(samples[m]) * 1000 for m in ("FULL", "NORMAL"))
        print(f"typical save (ReferralService.create), median of {args.saves} each, interleaved:")
        print(f"  synchronous=FULL   {full:7.2f} ms")
        print(f"  synchronous=NORMAL {normal:7.2f} ms")
        print(f"  FULL / NORMAL      {full / normal:7.2f}x  (+{full - normal:.2f} ms a save)")

        guard = services["FULL"].db.guard
        assert guard is not None and guard.identity is not None
        checks = 20_000
        started = time.perf_counter()
        for _ in range(checks):
            guard.moved()
        per_check = (time.perf_counter() - started) / checks * 1e6
        print(f"file watch before each commit: {per_check:.2f} µs a check ({per_check / 10 / full:.3f}% of a save)")

        source = services["FULL"].db
        plain, verified = [], []
        for i in range(5):
            started = time.perf_counter()
            with sqlite3.connect(source.sqlite_path) as src, sqlite3.connect(work / f"plain-{i}.sqlite3") as dst:
                src.backup(dst)
            dst.close()
            plain.append(time.perf_counter() - started)
            started = time.perf_counter()
            schema.backup(source, work / f"verified-{i}.sqlite3")
            verified.append(time.perf_counter() - started)
        size = (work / "verified-0.sqlite3").stat().st_size / 1e6
        print(f"backup of a {size:.1f} MB file, median of 5: plain copy {statistics.median(plain) * 1000:.1f} ms, "
              f"verified (temp name, fsync, integrity_check, row counts, rename) "
              f"{statistics.median(verified) * 1000:.1f} ms")
        for sv in services.values():
            sv.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

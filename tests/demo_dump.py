"""Every row of every table as plain text, for comparing two databases (e.g. the demo before and after a change).

Left out: what differs between two fills of the same data on the same day by design — timestamps (each
``DateTime`` column), the audit chain's hashes (they hash the timestamps), the OS account that ran it, and the
database's random identity-audit key (with the keyed hashes of identity values it makes)."""

from __future__ import annotations

import datetime as dt
import enum
import re

from sqlalchemy import DateTime, MetaData, select

from scpdesk.models.database import Database

#: Columns that name who or when rather than what.
SKIPPED_COLUMNS = frozenset({"prev_hash", "row_hash", "os_user"})
#: Tables of random material.
SKIPPED_TABLES = frozenset({"identity_audit_key"})
_KEYED = re.compile(r"hmac-sha256:[0-9a-f]{64}")


def _text(value: object) -> str:
    if value is None:
        return "∅"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return _KEYED.sub("hmac-sha256:(keyed)", str(value))


def dump_tables(db: Database, *, skip_tables: frozenset[str] = frozenset()) -> dict[str, dict[str, list[str]]]:
    """table → {"columns": [...], "rows": ["a | b | c", ...]} with rows in primary-key order."""
    meta = MetaData()
    meta.reflect(db.engine)
    out: dict[str, dict[str, list[str]]] = {}
    with db.engine.connect() as conn:
        for name in sorted(meta.tables):
            table = meta.tables[name]
            if name in skip_tables | SKIPPED_TABLES or name.startswith(("sqlite_", "search_")) or "fts" in name:
                continue  # random keys; SQLite's own tables and the full-text index (derived from the rows)
            columns = [c for c in table.columns if c.name not in SKIPPED_COLUMNS
                       and not isinstance(c.type, DateTime)]
            order = list(table.primary_key.columns) or columns
            rows = conn.execute(select(*columns).order_by(*order)).all()
            out[name] = {"columns": [c.name for c in columns],
                         "rows": [" | ".join(_text(v) for v in row) for row in rows]}
    return out


def dump_demo(days: list[dt.date]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """The demo filled on each day into a fresh SQLite file, dumped."""
    import tempfile
    from pathlib import Path

    from scpdesk.models import schema
    from scpdesk.models.database import open_database
    from scpdesk.paths import sqlite_url
    from scpdesk.services.demo import fill_demo_data
    from scpdesk.services.uow import ServiceContext

    out = {}
    for day in days:
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(sqlite_url(Path(folder) / "demo.sqlite3"), user="tester")
            try:
                schema.prepare(db, backup_dir=None)
                fill_demo_data(ServiceContext(db, user="tester", today=lambda day=day: day), today=day)
                out[day.isoformat()] = dump_tables(db)
            finally:
                db.dispose()
    return out


if __name__ == "__main__":
    # The one-off check that moving the demo's records into demo.json changed nothing: run it with each checkout
    # first on the path and compare the files, e.g.
    #   PYTHONPATH=/tmp/main python tests/demo_dump.py /tmp/before.json
    #   python tests/demo_dump.py /tmp/after.json && cmp /tmp/before.json /tmp/after.json
    import json
    import sys

    days = [dt.date(2026, 11, 25), dt.date(2026, 1, 2), dt.date(2025, 12, 29)]  # and around the closure days
    with open(sys.argv[1], "w", encoding="utf-8") as file:
        json.dump(dump_demo(days), file, indent=0, ensure_ascii=False, sort_keys=True)

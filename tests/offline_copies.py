"""Offline copies for the sync tests: a copy taken with take_offline (offline-take) where it exists, else a
minimal stand-in that copies the synced tables whole (the sync reads only what a copy holds)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from scpdesk.models import Base
from scpdesk.models.database import open_database
from scpdesk.models.offline import OfflineCheckout, OfflineCopy
from scpdesk.paths import sqlite_url
from scpdesk.services import ServiceContext
from scpdesk.services.offline.sync import LINK_TABLES, READ_ONLY_TABLES, SYNCED_TABLES

PREFIX = "OFF-TEST"


def _json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    return value


def take(server: ServiceContext, template: Path, path: Path, *, by: str = "chair") -> ServiceContext:
    """Copy every synced and read-only table of ``server`` into a new copy at ``path``; return its context."""
    shutil.copyfile(template, path)
    token = str(uuid.uuid4())
    now = server.now()
    wanted = set(SYNCED_TABLES) | set(READ_ONLY_TABLES) | set(LINK_TABLES)
    copy_db = open_database(sqlite_url(path), user=by)
    with server.db.engine.connect() as src, copy_db.engine.begin() as dst:
        for table in reversed(Base.metadata.sorted_tables):  # the template's seeded themes and settings
            if table.name in wanted:
                dst.execute(table.delete())
        for table in Base.metadata.sorted_tables:
            if table.name not in wanted:
                continue
            rows = [dict(r) for r in src.execute(select(table)).mappings()]
            if rows:
                dst.execute(table.insert(), rows)
            base = Base.metadata.tables["offline_base"]
            if table.name in LINK_TABLES:
                _o, owner_col, target_col, _r = LINK_TABLES[table.name]
                owners: dict[int, list[int]] = {}
                for r in rows:
                    owners.setdefault(r[owner_col], []).append(r[target_col])
                if owners:
                    dst.execute(base.insert(), [{"entity": table.name, "record_id": o, "values_json": json.dumps(t)}
                                                for o, t in owners.items()])
            elif rows and "id" in table.c:
                dst.execute(base.insert(), [{"entity": table.name, "record_id": r["id"],
                                             "values_json": json.dumps({k: _json(v) for k, v in r.items()})}
                                            for r in rows])
    with copy_db.sessions() as s, s.begin():
        s.add(OfflineCopy(token=token, server_label=server.db.describe(), server_url="", taken_at=now, taken_by=by,
                          scope="meeting", scope_label="test", encrypted=False, state="open", synced_at=None,
                          reference_prefix=PREFIX))
    with server.unit_of_work() as s:
        s.add(OfflineCheckout(token=token, holder_login=by, holder_name=by, scope="meeting", scope_label="test",
                              taken_at=now))
    return ServiceContext(copy_db, user=by, clock=server.clock)

"""Which rows an offline copy holds, and a row's values as its baseline records them (issue 16).

Every table of the schema is classified here (a test keeps the list complete, so a new table is a decision):

- ``WHOLE_TABLES``: the directory, settings, closure days and themes: every row, read-only in the copy (no baseline);
- ``RECORD_TABLES``: a table → the (column, parent table) pairs that bring its rows in: a row is copied when one
  of its columns names a copied row of the parent table ("id" for the roots: referral, meeting, review);
- ``NEVER_COPIED``: real identities, the audit (a copy starts its own chain), the audit's key (a copy has its
  own) and the offline tables themselves.

Rows are copied in ``Base.metadata.sorted_tables`` order (parents first), keeping their server ids; a
record row's values go to ``offline_base`` as :func:`row_values` gives them (the three-way merge compares
with the same function).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from enum import Enum
from typing import Any

from sqlalchemy import Table

from ...models.offline import LINK_TABLES

WHOLE_TABLES = ("agency", "person", "organisation_setting", "closure_day", "theme")
RECORD_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "referral": (("id", "referral"),),
    "meeting": (("id", "meeting"),),
    "review": (("id", "review"),),
    "referral_child": (("referral_id", "referral"),),
    "referral_agency": (("referral_id", "referral"),),
    "rapid_review": (("referral_id", "referral"),),
    "agency_summary": (("rapid_review_id", "rapid_review"),),
    "safety_action": (("rapid_review_id", "rapid_review"),),
    "partner_signoff": (("rapid_review_id", "rapid_review"),),
    "rapid_review_theme": (("rapid_review_id", "rapid_review"),),
    "clock_pause": (("referral_id", "referral"), ("review_id", "review")),
    "recommendation": (("review_id", "review"),),
    "action": (("recommendation_id", "recommendation"),),
    "review_theme": (("review_id", "review"),),
    "archive_request": (("review_id", "review"),),
    "learning_summary": (("review_id", "review"),),
    "learning_summary_text": (("review_id", "review"),),
    "meeting_member": (("meeting_id", "meeting"),),
    "agenda_item": (("meeting_id", "meeting"),),
    "paper": (("agenda_item_id", "agenda_item"),),
    "meeting_action": (("agenda_item_id", "agenda_item"),),
}
NEVER_COPIED = ("child_identity", "audit_event", "identity_audit_key", "offline_checkout", "offline_checkout_record",
                "offline_copy", "offline_base", "offline_resolution")
#: Columns a person never edits (bookkeeping, and the referral's stored headline clock, derived from the rest):
#: not counted as local changes.
NOT_EDITED = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by", "next_due_date",
                        "next_clock", "next_paused_reason", "next_missing", "next_missing_clock", "next_due_basis",
                        "next_due_seq"})


def json_value(value: Any) -> Any:
    """A column value as JSON holds it: dates, times and timestamps as ISO strings (timestamps in UTC, as stored),
    enums as their value, binary content as ``{"sha256": …, "size": …}`` (a paper's bytes stay in the row; the
    baseline needs only to tell whether they changed)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return (value.astimezone(dt.UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    return base64.b64encode(repr(value).encode()).decode()  # pragma: no cover - no other column type exists


def row_values(row: Mapping[Any, Any]) -> dict[str, Any]:
    """Every column of a row (``row._mapping``), JSON-ready."""
    return {key: json_value(value) for key, value in row.items()}


def baseline_rows(table: Table, rows: Sequence[Mapping[str, Any]], parents: AbstractSet[int] = frozenset()
                  ) -> list[dict[str, Any]]:
    """The ``offline_base`` rows of a copied table: one per row keyed by its id, or, for a link table, one per
    copied parent record (``parents``) holding the sorted list of its links (empty when it has none)."""
    if table.name in LINK_TABLES:
        parent = LINK_TABLES[table.name]
        grouped: dict[int, list[dict[str, Any]]] = {pid: [] for pid in parents}
        for row in rows:
            grouped.setdefault(int(row[parent]), []).append(row_values(row))
        return [{"entity": table.name, "record_id": rid,
                 "values_json": dumps(sorted(links, key=lambda v: json.dumps(v, sort_keys=True)))}
                for rid, links in grouped.items()]
    return [{"entity": table.name, "record_id": int(row["id"]), "values_json": dumps(row_values(row))}
            for row in rows]


def dumps(values: Any) -> str:
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def changed_fields(base: Mapping[str, Any], now: Mapping[str, Any]) -> list[str]:
    """The columns a person changed since the baseline (bookkeeping and derived columns left out)."""
    return sorted(k for k in set(base) | set(now) if k not in NOT_EDITED and base.get(k) != now.get(k))

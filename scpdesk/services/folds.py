"""Child rows folded into their parent's row: one statement reads a record and its collections.

A screen that shows a record with its children, agencies, pauses, history... would otherwise cost one query
per collection, each a round trip on a shared server. ``fold`` turns a query for the rows of one collection,
correlated with the outer query, into a scalar subquery returning them as a JSON array of arrays
(``json_agg(json_build_array(...))`` on PostgreSQL, ``json_group_array(json_array(...))`` on SQLite);
``unfold`` reads such a value back into typed tuples (dates, timestamps, enums, booleans) from the column
types, so the rows equal what a plain query returns. Row order is not promised by the database: callers sort.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, Select, Time, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement, Label
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import JSON, TypeEngine

from ..models.base import UTCDateTime

#: A value as it comes out of JSON: text, number, boolean, null.
Raw = str | int | float | bool | None
#: A value once decoded (what the driver would have returned for the column).
Value = str | int | float | bool | dt.date | dt.datetime | dt.time | None


class _JsonRow(FunctionElement[object]):
    """A JSON array of its arguments (one row)."""

    type = JSON()
    inherit_cache = True


class _JsonRows(FunctionElement[object]):
    """The aggregate of its argument (rows) as a JSON array; an empty array when there is no row."""

    type = JSON()
    inherit_cache = True


@compiles(_JsonRow)
def _row_sqlite(element: _JsonRow, compiler: SQLCompiler, **kw: object) -> str:
    return f"json_array({compiler.process(element.clauses, **kw)})"


@compiles(_JsonRow, "postgresql")
def _row_postgresql(element: _JsonRow, compiler: SQLCompiler, **kw: object) -> str:
    return f"json_build_array({compiler.process(element.clauses, **kw)})"


@compiles(_JsonRows)
def _rows_sqlite(element: _JsonRows, compiler: SQLCompiler, **kw: object) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


@compiles(_JsonRows, "postgresql")
def _rows_postgresql(element: _JsonRows, compiler: SQLCompiler, **kw: object) -> str:
    return f"coalesce(json_agg({compiler.process(element.clauses, **kw)}), '[]'::json)"


def _decoder(kind: TypeEngine[object]) -> Callable[[Raw], Value]:
    """How a JSON value of a column of type ``kind`` becomes the Python value the driver would give."""
    if isinstance(kind, UTCDateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(str(v)).replace(tzinfo=dt.UTC)
    if isinstance(kind, Enum) and kind.enum_class is not None:
        members = cast("Callable[[Raw], Value]", kind.enum_class)
        return lambda v: None if v is None else members(v)
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(str(v))
    if isinstance(kind, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(str(v))
    if isinstance(kind, Time):
        return lambda v: None if v is None else dt.time.fromisoformat(str(v))
    if isinstance(kind, Integer):
        return lambda v: None if v is None else int(v)
    return lambda v: v


@dataclass(frozen=True)
class Fold:
    """A collection read inside its parent's row: ``column`` goes into the outer select (labelled ``name``);
    ``rows(value)`` decodes what came back."""

    name: str
    column: Label[object]
    decoders: tuple[Callable[[Raw], Value], ...]

    def rows(self, value: object) -> list[tuple[Value, ...]]:
        """The rows of the folded column's ``value`` (a JSON text on SQLite, parsed JSON on PostgreSQL)."""
        if value is None:
            return []
        data = json.loads(value) if isinstance(value, (str, bytes)) else value
        return [tuple(decode(cell) for decode, cell in zip(self.decoders, row, strict=True))
                for row in cast("list[list[Raw]]", data)]


#: A column of a fold: a Core column expression or a mapped attribute.
Column = ColumnElement[object] | QueryableAttribute[object]


def fold(name: str, columns: Sequence[Column], build: Callable[[Select[tuple[object]]], Select[tuple[object]]]) -> Fold:
    """The rows of ``columns`` (``build`` adds the FROM, joins and the WHERE correlating them with the outer
    query) as one JSON column named ``name``."""
    expressions = [c.expression if isinstance(c, QueryableAttribute) else c for c in columns]
    inner = build(select(_JsonRows(_JsonRow(*expressions))))
    return Fold(name, inner.scalar_subquery().label(name), tuple(_decoder(e.type) for e in expressions))

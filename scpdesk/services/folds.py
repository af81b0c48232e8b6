"""Child rows folded into their parent's row: one statement reads a record and its collections.

A screen that shows a record with its children, agencies, pauses, history... would otherwise cost one query
per collection, each a round trip on a shared server. ``fold`` turns a query for the rows of one collection,
correlated with the outer query, into a scalar subquery returning them as a JSON array of arrays
(``json_agg(json_build_array(...))`` on PostgreSQL, ``json_group_array(json_array(...))`` on SQLite);
``Fold.rows`` reads such a value back into typed tuples (dates, timestamps, enums, booleans) from the column
types, so the rows equal what a plain query returns. Row order is not promised by the database: callers sort.
``Cells`` reads a row and its folded rows with their types checked (the referral and review screens).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar, cast

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, RowMapping, Select, Time, select
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


T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)


class Cells:
    """Typed reads of one row: the outer row by column name, a folded row by position. A value of another
    type than the column's is a bug here (a TypeError), never a silently wrong screen."""

    def __init__(self, values: RowMapping | Sequence[object]) -> None:
        self._values = values

    def _get(self, key: str | int) -> object:
        if isinstance(self._values, RowMapping):
            value: object = self._values[str(key)]
            return value
        return self._values[int(key)]

    def _typed(self, key: str | int, kind: type[T]) -> T | None:
        value = self._get(key)
        if value is None or isinstance(value, kind):
            return value
        raise TypeError(f"{key}: {type(value).__name__} where {kind.__name__} was expected")

    def number(self, key: str | int) -> int:
        return present(key, self._typed(key, int))

    def maybe_number(self, key: str | int) -> int | None:
        return self._typed(key, int)

    def text(self, key: str | int) -> str:
        """Text; "" for none."""
        return self._typed(key, str) or ""

    def maybe_text(self, key: str | int) -> str | None:
        return self._typed(key, str)

    def day(self, key: str | int) -> dt.date:
        return present(key, self._typed(key, dt.date))

    def maybe_day(self, key: str | int) -> dt.date | None:
        return self._typed(key, dt.date)

    def stamp(self, key: str | int) -> dt.datetime:
        return present(key, self._typed(key, dt.datetime))

    def flag(self, key: str | int) -> bool | None:
        return self._typed(key, bool)

    def member(self, key: str | int, kind: type[E]) -> E | None:
        return self._typed(key, kind)

    def is_null(self, key: str | int) -> bool:
        return self._get(key) is None

    def rows(self, f: Fold) -> list[Cells]:
        return [Cells(row) for row in f.rows(self._get(f.name))]


def present(key: str | int, value: T | None) -> T:
    if value is None:
        raise TypeError(f"{key}: missing")
    return value

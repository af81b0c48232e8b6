"""Translation helpers for the UI (wrap17's stand-in until i18n17's module is merged: the same names)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from .table_model import Column

Row = TypeVar("Row")


def tr_data(context: str, text: str) -> str:
    """A string marked below the UI with ``QT_TRANSLATE_NOOP(context, text)``, in the interface's language."""
    return QCoreApplication.translate(context, text)


def tr_columns(context: str, columns: Sequence[Column[Row]]) -> list[Column[Row]]:
    """A module's column list (headers marked ``QT_TRANSLATE_NOOP(context, …)``) with its headers translated."""
    return [dataclasses.replace(c, header=QCoreApplication.translate(context, c.header)) if c.header else c
            for c in columns]


def one_or_many(n: int, one: str, many: str) -> str:
    """``one`` when ``n`` is 1, else ``many``: both already translated with ``n`` (``translate(ctx, "%n file", "", n)``
    and ``translate(ctx, "%n files", "", n)``), so English reads right with no translation loaded and Welsh gets every
    plural form of ``many`` from its numerus translation."""
    return one if n == 1 else many

"""Text the database must never see, refused before the driver on every back end.

One check over every text column (``String``/``Text``) of each new or changed record, run before every flush
of every session (registered on ``Session`` when this module is imported, as the audit hook is): a NUL
character, another control character (tab, newline and carriage return are fine), a lone surrogate (which no
driver can encode), or text longer than the column holds is a ``UserError`` naming the field and saying the
fix. PostgreSQL would otherwise reject NUL and over-long values with a driver error, and SQLite would
silently store them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Enum, String, event, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import NO_VALUE

from ..errors import UserError, ValidationErrors

#: C0 controls except tab, newline and carriage return; DEL; the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Lone UTF-16 surrogates (a broken paste, a cut emoji, bytes that were not UTF-8): no driver can encode them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Copies of other records' values (the audit): reported only when nothing else is wrong.
_COPIES = frozenset({"audit_event"})


def text_problem(value: str, length: int | None) -> str | None:
    """What is wrong with ``value`` for a column of ``length`` characters (None: unlimited), or None."""
    if "\x00" in value:
        return "contains a NUL character (often from text pasted out of another program); remove it and save again"
    broken = _SURROGATE.search(value)
    if broken is not None:
        return (f"contains a broken character (half of an emoji or a damaged paste) at position {broken.start() + 1}; "
                "retype that part and save again")
    bad = _CONTROL.search(value)
    if bad is not None:
        return (f"contains an invisible control character (code {ord(bad.group()):#04x}) at position "
                f"{bad.start() + 1}; retype that part or paste it as plain text, then save again")
    if length is not None and len(value) > length:
        return f"is {len(value):,} characters long; the most it can hold is {length:,}: shorten it and save again"
    return None


def storable(value: str) -> bool:
    """Whether ``value`` could ever have been saved (no NUL, control character or lone surrogate). A lookup by
    text that could not is simply "not found": the driver is never asked (PostgreSQL refuses a NUL outright,
    which would read as a storage fault)."""
    return text_problem(value, None) is None


def require_storable(field: str, value: str) -> None:
    """UserError naming ``field`` when ``value`` could never be saved (checked before a query uses it)."""
    problem = text_problem(value, None)
    if problem is not None:
        raise UserError(field, problem)


def _text_columns(mapper: Any) -> list[tuple[str, int | None]]:
    found = []
    for attr in mapper.column_attrs:
        for column in attr.columns:
            kind = column.type
            if isinstance(kind, String) and not isinstance(kind, Enum):
                found.append((attr.key, kind.length))
                break
    return found


def _problems(obj: Any, is_new: bool) -> list[UserError]:
    state = inspect(obj)
    errors = []
    for key, length in _text_columns(state.mapper):
        if is_new:
            value = state.dict.get(key, NO_VALUE)
            values = [] if value is NO_VALUE else [value]
        else:
            values = list(state.attrs[key].history.added or ())
        for value in values:
            if isinstance(value, str) and (problem := text_problem(value, length)) is not None:
                errors.append(UserError(key, problem))
                break
    return errors


@event.listens_for(Session, "before_flush")
def check_text(session: Session, flush_context: Any, instances: Any) -> None:
    """before_flush: refuse bad text in new and changed records, every problem named by its field."""
    primary: list[UserError] = []
    copies: list[UserError] = []
    for obj, is_new in [(o, True) for o in session.new] + [(o, False) for o in session.dirty]:
        problems = _problems(obj, is_new)
        (copies if inspect(obj).mapper.local_table.name in _COPIES else primary).extend(problems)
    errors = primary or copies
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)

"""Which of the Today items to remind the user of (issue 14, "Reminders without a server"). Qt-free and
database-free: the window keeps the state (what was already notified, the snoozes) in the user's INI settings
and shows the notification; nothing is sent anywhere.

The rule:

* **Newly overdue**: an item whose due date has passed (or that the Today list puts in Overdue) and that has not
  been notified as overdue for this due date before.
* **Due tomorrow**: an item due after today and no later than the next working day — the Today list's own
  working-day count (England & Wales bank holidays and the partnership's closure days) says 1 or less left, so a
  Friday reminds of Saturday's, Sunday's and Monday's items; an item without that count is "due tomorrow" when
  its date is no later than the next England & Wales working day. Items due today were reminded of the working
  day before, and are on the Today view.
* A **snoozed** item is not notified before its snooze date but stays listed (marked "snoozed until …"); when the
  snooze ends it is reminded of afresh if it is still overdue or due tomorrow.
* A due date that moves makes a new reminder (the mark names the date).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..models.timeframes import add_working_days, format_date
from .today import Group, TodayItem

__all__ = ["Reminder", "ReminderState", "decide", "snooze", "snoozed_until", "unsnooze"]

_OVERDUE = "overdue"
_TOMORROW = "tomorrow"


@dataclass(frozen=True)
class ReminderState:
    """What was already notified (marks "key|due|reason") and the snoozes (item key → the day reminders resume)."""

    notified: frozenset[str] = frozenset()
    snoozes: Mapping[str, dt.date] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"notified": sorted(self.notified),
                           "snoozes": {k: d.isoformat() for k, d in sorted(self.snoozes.items())}})

    @classmethod
    def from_json(cls, text: str | None) -> ReminderState:
        """The state kept in the settings file; an unreadable one starts afresh (never an error at start)."""
        try:
            data = json.loads(text or "{}")
            notified = frozenset(str(m) for m in data.get("notified", ()))
            snoozes = {str(k): dt.date.fromisoformat(str(v)) for k, v in dict(data.get("snoozes", {})).items()}
        except (ValueError, TypeError, AttributeError):
            return cls()
        return cls(notified, snoozes)


@dataclass(frozen=True)
class Reminder:
    """What to notify now, and the state to keep once it has been notified."""

    overdue: tuple[TodayItem, ...]
    tomorrow: tuple[TodayItem, ...]
    state: ReminderState

    @property
    def empty(self) -> bool:
        return not self.overdue and not self.tomorrow

    def text(self) -> str:
        """One line for the notification, e.g. "3 items newly overdue, 2 due tomorrow"."""
        parts = []
        if self.overdue:
            parts.append(f"{_items(len(self.overdue))} newly overdue")
        if self.tomorrow:
            parts.append(f"{_items(len(self.tomorrow)) if not parts else len(self.tomorrow)} due tomorrow")
        return ", ".join(parts)


def _items(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _mark(item: TodayItem, reason: str) -> str:
    return f"{item.key}|{item.due.isoformat() if item.due else ''}|{reason}"


def is_overdue(item: TodayItem, today: dt.date) -> bool:
    return item.group is Group.OVERDUE or (item.due is not None and item.due < today)


def is_due_tomorrow(item: TodayItem, today: dt.date) -> bool:
    if item.due is None or item.due <= today:
        return False
    if item.working_days is not None:
        return item.working_days <= 1
    return item.due <= add_working_days(today, 1)


def snoozed_until(state: ReminderState, key: str, today: dt.date) -> dt.date | None:
    """The day reminders of ``key`` resume, while that is after ``today``."""
    until = state.snoozes.get(key)
    return until if until is not None and until > today else None


def snooze(state: ReminderState, key: str, until: dt.date) -> ReminderState:
    return ReminderState(state.notified, {**state.snoozes, key: until})


def unsnooze(state: ReminderState, key: str) -> ReminderState:
    return ReminderState(state.notified, {k: d for k, d in state.snoozes.items() if k != key})


def decide(items: Iterable[TodayItem], today: dt.date, state: ReminderState) -> Reminder:
    """The items to notify on ``today`` given ``state``; the returned state records them as notified, forgets the
    marks of items no longer listed and the snoozes that have ended (their items are reminded of afresh)."""
    items = tuple(items)
    ended = {k for k, until in state.snoozes.items() if until <= today}
    snoozes = {k: d for k, d in state.snoozes.items() if k not in ended}
    listed = {i.key for i in items}
    notified = {m for m in state.notified if m.split("|", 1)[0] in listed and m.split("|", 1)[0] not in ended}
    overdue: list[TodayItem] = []
    tomorrow: list[TodayItem] = []
    for item in items:
        if item.key in snoozes:
            continue
        if is_overdue(item, today):
            wanted, reason = overdue, _OVERDUE
        elif is_due_tomorrow(item, today):
            wanted, reason = tomorrow, _TOMORROW
        else:
            continue
        mark = _mark(item, reason)
        if mark not in notified:
            wanted.append(item)
            notified.add(mark)
    return Reminder(tuple(overdue), tuple(tomorrow), ReminderState(frozenset(notified), snoozes))


def snooze_words(until: dt.date) -> str:
    """"snoozed until 5 Dec" (the year only when it is not this one's business: always short)."""
    return f"snoozed until {format_date(until, weekday=False, year=False)}"

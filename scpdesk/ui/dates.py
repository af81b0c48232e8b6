"""Days as the window's language says them: "Fri 13 Nov 2026" in English (as before, whatever the machine's
locale), "Gwe 13 Tach 2026" in Welsh (Qt's Welsh locale names the days and months)."""

from __future__ import annotations

import datetime as dt

from .i18n import current_language, date_text


def day(value: dt.date | None) -> str:
    """A date with its weekday ("—" for none)."""
    if value is None:
        return "—"
    if current_language() == "en":
        return value.strftime("%a %d %b %Y")
    return date_text(value, "ddd dd MMM yyyy")


def short_day(value: dt.date) -> str:
    """A date without its weekday: "2 Dec 2026", "2 Rhag 2026"."""
    if current_language() == "en":
        return f"{value.day} {value:%b %Y}"
    return date_text(value, "d MMM yyyy")


def long_day(value: dt.date) -> str:
    """A date with its weekday, the day unpadded: "Fri 4 Dec 2026", "Gwe 4 Rhag 2026" (the Today view's)."""
    if current_language() == "en":
        from ..models.timeframes import format_date

        return format_date(value)
    return date_text(value, "ddd d MMM yyyy")

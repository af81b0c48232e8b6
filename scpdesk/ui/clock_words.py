"""The one place the window turns a clock's state key (``ClockState``) into words and a colour.

Services hand the state as a key; lists, detail tables and summaries ask here, never match on display text.
The words are the model's (``scpdesk.models.words``, which the command line and the files use too), said here in the
window's language (context "ClockWords"; English is the model's words unchanged); the colours are the window's.
Overdue is red whatever else is true: a pause is said beside it ("overdue — paused: reason"), it never turns red to
amber.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from ..models.enums import LibraryState, Route, RouteRequested
from ..models.timeframes import Clock, ClockState, missing_start_words
from ..models.words import SHORT, WORDS
from ..translatable import QT_TRANSLATE_NOOP
from .i18n import date_text, tr_label

__all__ = ["COLOUR", "SHORT", "WORDS", "clock_name", "clock_text", "colour", "library_state_text", "route_text",
           "state_text"]

translate = QCoreApplication.translate

S = ClockState

#: Colour keys (``table_model.RAG_COLOURS``): red overdue, amber needs attention, green on track.
COLOUR: dict[ClockState, str] = {
    S.OVERDUE: "red", S.MET_LATE: "red",
    S.DUE_SOON: "amber", S.PAUSED: "amber", S.START_MISSING: "amber",
    S.RUNNING: "green", S.MET: "green",
}

#: ``models.words.WORDS`` and ``SHORT`` (a test keeps them the same), marked for translators.
TR_WORDS: dict[ClockState, str] = {
    S.NOT_STARTED: QT_TRANSLATE_NOOP("ClockWords", "not started"),
    S.RUNNING: QT_TRANSLATE_NOOP("ClockWords", "running"),
    S.DUE_SOON: QT_TRANSLATE_NOOP("ClockWords", "due soon"), S.OVERDUE: QT_TRANSLATE_NOOP("ClockWords", "overdue"),
    S.MET: QT_TRANSLATE_NOOP("ClockWords", "met"), S.MET_LATE: QT_TRANSLATE_NOOP("ClockWords", "met late"),
    S.PAUSED: QT_TRANSLATE_NOOP("ClockWords", "paused"),
    S.NOT_APPLICABLE: QT_TRANSLATE_NOOP("ClockWords", "not applicable"),
    S.ENDED: QT_TRANSLATE_NOOP("ClockWords", "ended"),
    S.START_MISSING: QT_TRANSLATE_NOOP("ClockWords", "clocks not started"),
}
TR_SHORT: dict[ClockState, str] = {
    S.OVERDUE: QT_TRANSLATE_NOOP("ClockWords", "Overdue"), S.DUE_SOON: QT_TRANSLATE_NOOP("ClockWords", "Due soon"),
    S.RUNNING: QT_TRANSLATE_NOOP("ClockWords", "On track"), S.PAUSED: QT_TRANSLATE_NOOP("ClockWords", "Paused"),
    S.START_MISSING: QT_TRANSLATE_NOOP("ClockWords", "Clocks not started"),
    S.MET: QT_TRANSLATE_NOOP("ClockWords", "Met"), S.MET_LATE: QT_TRANSLATE_NOOP("ClockWords", "Met late"),
    S.ENDED: QT_TRANSLATE_NOOP("ClockWords", "Ended"),
}
#: The details a state carries (the start date missing, a window's end), marked for translators.
DETAILS = (QT_TRANSLATE_NOOP("ClockWords", "LA-aware date missing"),
           QT_TRANSLATE_NOOP("ClockWords", "start date missing"),
           QT_TRANSLATE_NOOP("ClockWords", "archived — available on request"),
           # services.clocks.MISSING_MANY: the one line standing for several clocks that cannot start
           QT_TRANSLATE_NOOP("Clocks", "Clocks from LA awareness"))


def colour(state: ClockState | None) -> str:
    return COLOUR.get(state, "") if state is not None else ""


def state_text(state: ClockState | None, *, paused_reason: str = "", deferred_reason: str = "",
               detail: str = "", short: bool = False) -> str:
    """``models.words.state_text`` in the window's language: "Overdue — paused: awaiting police disclosure"."""
    if state is None:
        return ""
    if state is S.ENDED and detail:
        text = translate("ClockWords", detail)
    else:
        text = translate("ClockWords", (SHORT if short else WORDS).get(state, str(state)))
        if state is S.START_MISSING and detail:
            text = translate("ClockWords", "{state}: {detail}").format(state=text,
                                                                        detail=translate("ClockWords", detail))
    if paused_reason and state in (S.PAUSED, S.OVERDUE):
        said = (translate("ClockWords", "{state}: {reason}") if state is S.PAUSED
                else translate("ClockWords", "{state} — paused: {reason}"))
        text = said.format(state=text, reason=paused_reason)
    if deferred_reason:
        text = translate("ClockWords", "{state} — deferred ({reason})").format(state=text, reason=deferred_reason)
    if short:
        text = text[:1].upper() + text[1:]
    return text


def clock_text(clock: Clock) -> str:
    """A clock's state in words (``models.words.clock_text``) in the window's language."""
    rule = clock.rule
    detail = ""
    if clock.state is S.ENDED and rule is not None:
        detail = rule.ended_label
    elif clock.state is S.START_MISSING:
        detail = missing_start_words(rule) if rule is not None else "start date missing"
    return state_text(clock.state, paused_reason=clock.paused_reason or "",
                      deferred_reason=clock.deferred_reason or "", detail=detail)


def clock_name(label: str) -> str:
    """A clock's name (``ClockRule.label``, marked "Clocks" in ``models.timeframes``) in the window's language."""
    return translate("Clocks", label) if label else label


def event_text(words: str) -> str:
    """The event a clock starts from ("LA became aware"; ``models.words.EVENT_WORDS``) in the window's language."""
    return translate("Events", words) if words else words


def route_text(route: Route | None, requested: RouteRequested | None = None) -> str:
    """The route decided ("Rapid review"), else the one asked for ("Unsure (requested)"), in the window's language."""
    if route is not None:
        return tr_label(route)
    if requested is None:
        return ""
    return translate("ClockWords", "{route} (requested)").format(route=tr_label(requested))


def library_state_text(state: LibraryState, *, window_end: dt.date | None = None, deferral_reason: str = "") -> str:
    """``models.words.library_state_text`` in the window's language."""
    L = LibraryState  # noqa: N806 - the enum, short
    if state in (L.PUBLISHED, L.LEAVING_SOON):
        if window_end is not None:
            text = translate("ClockWords", "Published — online until {day}").format(
                day=date_text(window_end, "dd MMM yyyy"))
        else:
            text = translate("ClockWords", "Published")
        return text + (translate("ClockWords", " (leaves the website soon)") if state is L.LEAVING_SOON else "")
    if state is L.ARCHIVED:
        return translate("ClockWords", "Archived — available on request")
    if state is L.DEFERRED:
        reason = deferral_reason.strip()
        return (translate("ClockWords", "Publication deferred ({reason})").format(reason=reason) if reason
                else translate("ClockWords", "Publication deferred"))
    if state is L.COMPLETED:
        return translate("ClockWords", "Completed")
    return translate("ClockWords", "In progress")

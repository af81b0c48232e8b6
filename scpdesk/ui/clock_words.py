"""The one place the window turns a clock's state key (``ClockState``) into words and a colour.

Services hand the state as a key; lists, detail tables and summaries ask here, never match on display text.
Overdue is red whatever else is true: a pause is said beside it ("overdue — paused: reason"), it never turns
red to amber.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.timeframes import ClockState

if TYPE_CHECKING:
    from ..models.timeframes import Clock

S = ClockState

#: Words for a state in a clock table (lower case, as a sentence continues).
WORDS: dict[ClockState, str] = {
    S.NOT_STARTED: "not started", S.RUNNING: "running", S.DUE_SOON: "due soon", S.OVERDUE: "overdue",
    S.MET: "met", S.MET_LATE: "met late", S.PAUSED: "paused", S.NOT_APPLICABLE: "not applicable",
    S.ENDED: "ended", S.START_MISSING: "clocks not started",
}

#: The short word a list's state column starts with.
SHORT: dict[ClockState, str] = {
    S.OVERDUE: "Overdue", S.DUE_SOON: "Due soon", S.RUNNING: "On track", S.PAUSED: "Paused",
    S.START_MISSING: "Clocks not started", S.MET: "Met", S.MET_LATE: "Met late", S.ENDED: "Ended",
}

#: Colour keys (``table_model.RAG_COLOURS``): red overdue, amber needs attention, green on track.
COLOUR: dict[ClockState, str] = {
    S.OVERDUE: "red", S.MET_LATE: "red",
    S.DUE_SOON: "amber", S.PAUSED: "amber", S.START_MISSING: "amber",
    S.RUNNING: "green", S.MET: "green",
}


def colour(state: ClockState | None) -> str:
    return COLOUR.get(state, "") if state is not None else ""


def state_text(state: ClockState | None, *, paused_reason: str = "", deferred_reason: str = "",
               detail: str = "", short: bool = False) -> str:
    """E.g. "overdue — paused: awaiting police disclosure", "clocks not started: LA-aware date missing";
    ``short`` capitalises the first word for a list ("Overdue — paused: …"). ``detail``: the missing start
    date, or the words of an ended window ("archived — available on request")."""
    if state is None:
        return ""
    if state is S.ENDED and detail:
        text = detail
    else:
        text = (SHORT if short else WORDS).get(state, str(state))
        if state is S.START_MISSING and detail:
            text += f": {detail}"
    if paused_reason and state in (S.PAUSED, S.OVERDUE):
        text += f": {paused_reason}" if state is S.PAUSED else f" — paused: {paused_reason}"
    if deferred_reason:
        text += f" — deferred ({deferred_reason})"
    if short:
        text = text[:1].upper() + text[1:]
    return text


def clock_text(clock: Clock) -> str:
    """A clock's state in words, for a clock table."""
    rule = clock.rule
    detail = ""
    if rule is not None and clock.state is S.ENDED:
        detail = rule.ended_label
    elif rule is not None and clock.state is S.START_MISSING:
        from ..models.timeframes import missing_start_words

        detail = missing_start_words(rule)
    return state_text(clock.state, paused_reason=clock.paused_reason or "",
                      deferred_reason=clock.deferred_reason or "", detail=detail)

"""The one place the window turns a clock's state key (``ClockState``) into words and a colour.

Services hand the state as a key; lists, detail tables and summaries ask here, never match on display text.
The words are the model's (``scpdesk.models.words``, which the command line and the files use too); the
colours are the window's. Overdue is red whatever else is true: a pause is said beside it ("overdue — paused:
reason"), it never turns red to amber.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models.timeframes import ClockState
from ..models.words import SHORT, WORDS, state_text

if TYPE_CHECKING:
    from ..models.timeframes import Clock

__all__ = ["COLOUR", "SHORT", "WORDS", "clock_text", "colour", "state_text"]

S = ClockState

#: Colour keys (``table_model.RAG_COLOURS``): red overdue, amber needs attention, green on track.
COLOUR: dict[ClockState, str] = {
    S.OVERDUE: "red", S.MET_LATE: "red",
    S.DUE_SOON: "amber", S.PAUSED: "amber", S.START_MISSING: "amber",
    S.RUNNING: "green", S.MET: "green",
}


def colour(state: ClockState | None) -> str:
    return COLOUR.get(state, "") if state is not None else ""


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

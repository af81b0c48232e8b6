"""The one place the window turns a clock's state key (``ClockState``) into words and a colour.

Services hand the state as a key; lists, detail tables and summaries ask here, never match on display text.
The words are the model's (``scpdesk.models.words``, which the command line and the files use too); the
colours are the window's. Overdue is red whatever else is true: a pause is said beside it ("overdue — paused:
reason"), it never turns red to amber.
"""

from __future__ import annotations

from ..models.timeframes import ClockState
from ..models.words import SHORT, WORDS, clock_text, state_text

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

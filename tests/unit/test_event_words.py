"""The events a clock starts from ("LA became aware", "case review group recommended") reach a translator: the
clock tables show them through ``ui.clock_words.event_text`` (context "Events"), so Cymraeg never shows them in
English (issue 17)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from scpdesk.models.timeframes import EVENT_LABELS, RULE_SETS
from scpdesk.models.words import EVENT_WORDS

ROOT = Path(__file__).resolve().parents[2]


def every_event() -> set[str]:
    return set(EVENT_LABELS.values()) | {words for rules in RULE_SETS.values() for _, words in rules.event_labels}


def test_every_event_is_marked_for_translators() -> None:
    assert every_event() - set(EVENT_WORDS) == set()


def test_every_event_has_welsh() -> None:
    welsh = {}
    for ts in (ROOT / "resources" / "translations").glob("scpdesk_*_cy.ts"):
        for context in ET.parse(ts).getroot().iter("context"):
            if context.findtext("name") == "Events":
                for message in context.iter("message"):
                    welsh[message.findtext("source")] = message.findtext("translation") or ""
    assert {text for text in every_event() if not welsh.get(text)} == set()

"""Every enum value's words reach a translator (issue 17, independent tester): the window shows them through
``ui.i18n.tr_label`` under the context "Enums", so each must be marked under that context (else Cymraeg shows the
list's statuses, types, routes and a child's role in English) and have Welsh in the shipped sources."""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET
from pathlib import Path

import scpdesk.models.enums as enums
from scpdesk.models.words import ENUM_WORDS

ROOT = Path(__file__).resolve().parents[2]


def every_label() -> set[str]:
    return {enums.label(value) for cls in vars(enums).values()
            if isinstance(cls, type) and issubclass(cls, enum.StrEnum) and cls is not enum.StrEnum for value in cls}


def test_every_enum_label_is_marked_for_translators() -> None:
    assert every_label() - set(ENUM_WORDS) == set()


def test_every_enum_label_has_welsh() -> None:
    welsh = {}
    for ts in (ROOT / "resources" / "translations").glob("scpdesk_*_cy.ts"):
        for context in ET.parse(ts).getroot().iter("context"):
            if context.findtext("name") == "Enums":
                for message in context.iter("message"):
                    welsh[message.findtext("source")] = message.findtext("translation") or ""
    assert {text for text in every_label() if not welsh.get(text)} == set()


def test_every_nations_decisions_and_review_types_have_welsh_in_the_words_the_forms_use() -> None:
    """The decision form and the library's new-review form say each choice with ``translate("Words", …)`` of
    ``decision_text`` / ``review_type_text``: "Other learning", "No further review", "Thematic" and "Joint" are offered
    under every nation and must read Welsh in Cymraeg too."""
    from scpdesk.models.timeframes import RULE_SETS
    from scpdesk.models.words import decision_text, review_type_text

    welsh = {}
    for ts in (ROOT / "resources" / "translations").glob("scpdesk_*_cy.ts"):
        for context in ET.parse(ts).getroot().iter("context"):
            if context.findtext("name") == "Words":
                for message in context.iter("message"):
                    welsh[message.findtext("source")] = message.findtext("translation") or ""
    said = {decision_text(enums.Decision(d)) for r in RULE_SETS.values() for d in r.decisions}
    said |= {review_type_text(enums.ReviewType(t)) for r in RULE_SETS.values() for t in r.review_types}
    assert {text for text in said if not welsh.get(text)} == set()

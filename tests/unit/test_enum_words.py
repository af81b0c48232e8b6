"""Every closed-vocabulary word the window shows (models.enums.label) is marked for translation (issue 17)."""

from __future__ import annotations

import enum
import xml.etree.ElementTree as ET
from pathlib import Path

import scpdesk.models.enums as enums

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "scpdesk_enums_cy.ts"


def _values() -> list[enum.StrEnum]:
    return [value for kind in vars(enums).values()
            if isinstance(kind, type) and issubclass(kind, enum.StrEnum) and kind is not enum.StrEnum
            for value in kind]


def test_every_enum_label_is_marked_for_translation() -> None:
    missing = sorted({enums.label(v) for v in _values()} - set(enums.LABELS))
    assert not missing, f"add to models.enums.LABELS: {missing}"


def test_every_enum_label_has_a_welsh_translation() -> None:
    root = ET.parse(TS).getroot()
    welsh = {m.findtext("source"): (m.findtext("translation") or "")
             for c in root.iter("context") if c.findtext("name") == "Enums" for m in c.iter("message")}
    untranslated = sorted(text for text in enums.LABELS if not welsh.get(text, "").strip())
    assert not untranslated, f"no Welsh in {TS.name} for {untranslated}"

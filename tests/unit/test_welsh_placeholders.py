"""A Welsh translation keeps its English source's fields (issue 17, independent tester): a ``{name}`` missing from or
added to the Welsh, a broken brace, or a ``%n`` / ``%1`` the source does not have, is a KeyError, IndexError or
ValueError the moment the window formats the Welsh string — a crash English never shows."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PERCENT = re.compile(r"%(?:n|L?\d+)")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_welsh_translation_keeps_its_sources_fields() -> None:
    wrong: list[str] = []
    checked = 0
    for ts in sorted((ROOT / "resources" / "translations").glob("scpdesk_*_cy.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                source, translation = message.findtext("source") or "", message.find("translation")
                if translation is None:
                    continue
                forms = translation.findall("numerusform")
                for welsh in [f.text or "" for f in forms] or [translation.text or ""]:
                    if not welsh:
                        continue
                    checked += 1
                    try:
                        mismatch = fields(welsh) != fields(source)
                    except ValueError as exc:  # a lone brace
                        mismatch, welsh = True, f"{welsh} ({exc})"
                    extra = set(PERCENT.findall(welsh)) - set(PERCENT.findall(source))
                    if mismatch or extra:
                        wrong.append(f"{ts.name} {context.findtext('name')}: {source!r} → {welsh!r}")
    assert checked > 1500
    assert wrong == []

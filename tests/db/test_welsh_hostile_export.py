"""Hostile Welsh text saved through the service and exported (issue 17): Typst markup, HTML specials, RTL
overrides, NUL and a 10,000-character section, on SQLite and the real PostgreSQL server. Every export comes out;
the Welsh is printed as typed (markup never obeyed, control and direction characters taken out) in the PDF, the
briefing and the web page, in every language and layout."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from test_learning_summary_service import TODAY, set_setting
from test_summary_languages import WELSH, _pdf_text, _review

from scpdesk.models.database import Database
from scpdesk.services import ServiceContext
from scpdesk.services.library import summary_languages as sl

MARKUP = "#set text(red) [x] *bold* $x^2$ @ref <b>label</b> \\ `raw` // line /* block */ #(1+1) &amp;"


def squash(value: str) -> str:
    """Text without its spacing and line-break opportunities (a PDF's lines are laid out, not typed)."""
    return "".join(value.replace("\u200b", "").split())


LONG = ("Gwers hir iawn am ymarfer diogelu plant. " * 250)[:10_000].strip()


@pytest.mark.postgres
def test_hostile_welsh_is_printed_as_typed_in_every_export(db: Database, tmp_path: Path) -> None:
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth #Diogelu [Plant] $Gogledd$")
    hostile = dict(WELSH, about=f"Ynglŷn â {MARKUP}\u202egwrthdro\u202c\x00 diwedd.", what_happened=LONG,
                   practice="Ymarfer: <script>alert(1)</script> ŵ ŷ", title=f"Plentyn K: {MARKUP}")
    sl.save_text(ctx, review_id, "cy", 0, **hostile)
    saved = sl.get_text(ctx, review_id)
    assert "\x00" not in saved.about and saved.what_happened == LONG
    for language in ("cy", "bilingual"):
        for layout in sl.LAYOUTS if language == "bilingual" else ("side_by_side",):
            for briefing in (False, True):
                out = tmp_path / f"{language}-{layout}-{briefing}.pdf"
                pages = sl.export_summary(ctx, review_id, out, language=language, layout=layout, briefing=briefing)
                said = squash(_pdf_text(out))
                assert pages and pages >= 1
                assert squash(f"Ynglŷn â {MARKUP}gwrthdro diwedd.") in said, (language, layout, briefing)
                assert squash("<script>alert(1)</script>") in said and "\u202e" not in said
                sentence = squash("Gwers hir iawn am ymarfer diogelu plant.")
                whole = LONG.count("Gwers hir iawn am ymarfer diogelu plant.")
                assert said.count(sentence) >= whole - pages  # all of it (a page's footer may cut one)
                assert squash("Partneriaeth #Diogelu [Plant] $Gogledd$") in said
            page = tmp_path / f"{language}-{layout}.html"
            sl.export_summary(ctx, review_id, page, fmt="html", language=language, layout=layout)
            text = page.read_text(encoding="utf-8")
            assert "<script>" not in text and html.escape("<script>alert(1)</script>") in text
            assert html.escape(MARKUP) in text and "\u202e" not in text and "\x00" not in text

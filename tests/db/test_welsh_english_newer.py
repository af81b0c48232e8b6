"""The Welsh editor says which sections' English changed after their Welsh was written (issue 17): the Welsh may no
longer say the same, so the translator is told which to check. A prompt, not a refusal: the export still works."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_learning_summary_service import TODAY, run, set_setting
from test_summary_languages import WELSH, _review

from scpdesk.models.database import Database
from scpdesk.services import ServiceContext, Services
from scpdesk.services.library import summary_languages as sl
from scpdesk.services.library.learning_summary import get_content, save_content


def test_english_changed_after_the_welsh_is_named_until_the_welsh_is_saved_again(
        db: Database, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = ServiceContext(db, user="author.a", today=lambda: TODAY)
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **WELSH)
    assert sl.get_languages(ctx, review_id).english_newer == ()

    save_content(ctx, review_id, get_content(ctx, review_id).version, about="About this review, corrected.")
    review = Services(ctx).reviews.get(review_id)
    Services(ctx).reviews.update(review_id, review.version, title=review.title + " (revised)")
    assert sl.get_languages(ctx, review_id).english_newer == ("title", "about")
    assert sl.document_data(ctx, review_id, "cy").about == WELSH["about"]  # still exported: a prompt only
    reference = Services(ctx).reviews.get(review_id).reference
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "home"), "--database", db_url, "learning-summary",
                         reference, "-o", str(tmp_path / "cy.pdf"), "--language", "cy")
    assert code == 0 and "Wrote" in out
    assert "the English of Title, About this review changed after its Welsh was written" in err

    sl.save_text(ctx, review_id, "cy", sl.get_text(ctx, review_id).version, about=WELSH["about"] + " Wedi'i gywiro.")
    assert sl.get_languages(ctx, review_id).english_newer == ("title",)

"""The Welsh text of a learning summary (issue 17): stored and edited separately from the English on SQLite and
PostgreSQL, versioned (a clash names who), and the Welsh, English and bilingual documents built from it — refused,
naming the sections, whenever a language would be missing its text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from test_learning_summary_service import REAL_NAME, TODAY, make_review, run, set_setting

from scpdesk.cli import EXIT_OK, EXIT_USAGE
from scpdesk.errors import ConflictError, UserError, ValidationErrors
from scpdesk.models import AuditEvent, LearningSummaryText, Review
from scpdesk.models.database import Database, open_database
from scpdesk.models.enums import AuditAction
from scpdesk.reports.data import BilingualSummary, LearningSummary
from scpdesk.services import ServiceContext
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.library import summary_languages as sl
from scpdesk.services.library.learning_summary import save_content
from scpdesk.services.settings import get_settings, parse_setting_value, save_settings, settings_versions

ENGLISH = {"about": "About this review.", "what_happened": "What happened.", "key_learning": "One.\nTwo.",
           "practice": "Practice."}
#: The Welsh of everything the English prints (make_review: title, about falls back to the summary, 3 actions,
#: 2 themes, the key learning above).
WELSH = {"title": "Plentyn K: Crynodeb Dysgu", "about": "Am yr adolygiad hwn.", "what_happened": "Beth ddigwyddodd.",
         "key_learning": "Un.\nDau.", "practice": "Ymarfer.",
         "actions": "Darparu hyfforddiant.\nGwerthuso hyfforddiant.\nArchwilio pryderon lefel isel.",
         "themes": "trais rhywiol\nllais y plentyn"}


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, user="author.a", today=lambda: TODAY)


def _review(ctx: ServiceContext, *, english: bool = True) -> int:
    review_id = make_review(ctx)
    if english:
        save_content(ctx, review_id, 0, **ENGLISH)
    return review_id


def test_welsh_text_round_trip_is_separate_from_the_english_and_audited(ctx: ServiceContext) -> None:
    review_id = _review(ctx)
    assert sl.get_text(ctx, review_id).version == 0 and sl.get_text(ctx, review_id).values()["about"] == ""
    changes = sl.save_text(ctx, review_id, "cy", 0, about="Am yr adolygiad\r\nhwn.\x07  ",
                           title="  Plentyn   K ", actions="Un\n\nDau\n")
    assert changes.touches("learning_summary")
    saved = sl.get_text(ctx, review_id)
    assert (saved.version, saved.updated_by) == (1, "author.a")
    assert (saved.about, saved.title, saved.actions) == ("Am yr adolygiad\nhwn.", "Plentyn K", "Un\n\nDau")
    sl.save_text(ctx, review_id, "cy", 1, practice="Ymarfer ŵ ŷ.")
    again = sl.get_text(ctx, review_id)
    assert again.version == 2 and again.practice == "Ymarfer ŵ ŷ." and again.about == saved.about
    # The English is untouched, and the editor reads both in one go.
    shown = sl.get_languages(ctx, review_id)
    assert shown.english["about"] == "About this review." and shown.welsh == again
    assert shown.english["actions"].split("\n") == ["Deliver training.", "Evaluate training.",
                                                     "Audit low-level concerns."]
    assert shown.english["themes"].split("\n") == ["sexual abuse", "voice of the child"]
    with ctx.read() as s:
        rows = s.execute(select(LearningSummaryText.review_id, LearningSummaryText.language)).all()
        audited = {(e.action, e.field) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.entity == "learning_summary_text"))}
    assert [tuple(r) for r in rows] == [(review_id, "cy")]
    assert (AuditAction.INSERT, "about") in audited and (AuditAction.UPDATE, "practice") in audited


def test_a_stale_welsh_save_is_a_conflict_naming_who_and_saves_nothing(ctx: ServiceContext, db: Database) -> None:
    review_id = _review(ctx)
    other = ServiceContext(db, user="translator.b", today=lambda: TODAY)
    sl.save_text(other, review_id, "cy", 0, about="Gan y cyfieithydd.")
    with pytest.raises(ConflictError) as raised:
        sl.save_text(ctx, review_id, "cy", 0, about="Fy fersiwn i.")
    assert "translator.b" in str(raised.value)
    assert sl.get_text(ctx, review_id).about == "Gan y cyfieithydd."
    # The English and the Welsh carry their own versions: saving one never makes the other stale.
    save_content(ctx, review_id, 1, practice="Changed in English.")
    sl.save_text(ctx, review_id, "cy", 1, about="Fy fersiwn i.")
    assert sl.get_text(ctx, review_id).version == 2


def test_bad_welsh_input_is_refused_naming_the_field(ctx: ServiceContext) -> None:
    review_id = _review(ctx)
    for fields, field in (({"about": "x" * 20_001}, "about"), ({"title": "t" * 301}, "title"),
                          ({"nonsense": "x"}, "nonsense"), ({"key_learning": "\n".join("x" * 31)}, "key_learning"),
                          ({"about": f"Mae {REAL_NAME} yn byw yma."}, "about")):
        with pytest.raises(UserError) as raised:
            sl.save_text(ctx, review_id, "cy", 0, **fields)
        assert raised.value.field == field, fields
    with pytest.raises(UserError):
        sl.save_text(ctx, review_id, "fr", 0, about="Bonjour.")
    assert sl.get_text(ctx, review_id).version == 0


def test_a_welsh_document_with_english_only_sections_is_refused_naming_them(ctx: ServiceContext) -> None:
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **{**WELSH, "practice": "", "actions": "Un.\nDau."})
    with pytest.raises(ValidationErrors) as raised:
        sl.document_data(ctx, review_id, "cy")
    message = str(raised.value)
    assert "What this means for practice" in message and "3 actions in English, 2 lines in Welsh" in message
    assert "About this review" not in message and "Welsh text…" in message
    with pytest.raises(ValidationErrors):
        sl.document_data(ctx, review_id, "bilingual")
    assert isinstance(sl.document_data(ctx, review_id, "en"), LearningSummary)  # English is never held back


def test_a_bilingual_document_with_welsh_only_sections_or_no_welsh_name_is_refused(ctx: ServiceContext) -> None:
    review_id = _review(ctx)
    sl.save_text(ctx, review_id, "cy", 0, **WELSH, contacts="Cysylltwch â ni.")
    with pytest.raises(ValidationErrors) as raised:
        sl.document_data(ctx, review_id, "bilingual")
    problems = {e.field: e.message for e in raised.value.errors}
    assert "Contacts" in problems["English text"] and "partnership_name_cy" in problems
    # A Welsh-only document may carry a section the English lacks; it still needs the Welsh name.
    with pytest.raises(ValidationErrors) as raised:
        sl.document_data(ctx, review_id, "cy")
    assert [e.field for e in raised.value.errors] == ["partnership_name_cy"]


def test_welsh_and_bilingual_documents_print_the_welsh_entered(ctx: ServiceContext) -> None:
    review_id = _review(ctx)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **WELSH)
    welsh = sl.document_data(ctx, review_id, "cy")
    assert isinstance(welsh, LearningSummary)
    assert (welsh.language, welsh.partnership, welsh.title) == ("cy-GB", "Partneriaeth Diogelu Plant Gogledd-sir",
                                                                "Plentyn K: Crynodeb Dysgu")
    assert welsh.review_type_label == "Crynodeb dysgu" and welsh.marking == "SWYDDOGOL"
    assert welsh.key_learning == ("Un.", "Dau.") and welsh.about == "Am yr adolygiad hwn."
    assert [(a.action, a.status) for a in welsh.actions] == [
        ("Darparu hyfforddiant.", "Wedi'i gwblhau"), ("Gwerthuso hyfforddiant.", "Mewn perygl"),
        ("Archwilio pryderon lefel isel.", "Heb ddechrau")]
    assert welsh.actions[0].owner.startswith("Council") and welsh.pseudonym == "Child K"
    english_words = {"About this review.", "What happened.", "Practice.", "Deliver training.", "sexual abuse"}
    assert not english_words & {str(v) for f in dataclasses.fields(welsh) for v in
                                (getattr(welsh, f.name) if isinstance(getattr(welsh, f.name), tuple)
                                 else (getattr(welsh, f.name),))}
    # English first by default outside Wales; Welsh first under the Wales rule set, or when chosen.
    both = sl.document_data(ctx, review_id, "bilingual", "consecutive")
    assert isinstance(both, BilingualSummary) and both.layout == "consecutive"
    assert (both.first.language, both.second.language) == ("en-GB", "cy-GB")
    set_setting(ctx, "rule_set", "wales")
    both = sl.document_data(ctx, review_id, "bilingual")
    assert isinstance(both, BilingualSummary) and both.layout == "side_by_side"
    assert (both.first.language, both.second.language) == ("cy-GB", "en-GB")
    set_setting(ctx, "bilingual_first", "en")
    both = sl.document_data(ctx, review_id, "bilingual")
    assert isinstance(both, BilingualSummary) and both.first.language == "en-GB"
    with pytest.raises(UserError):
        sl.document_data(ctx, review_id, "bilingual", "upside_down")


def test_the_welsh_name_and_first_language_are_settings(ctx: ServiceContext) -> None:
    assert parse_setting_value("bilingual-first", "Welsh") == "cy"
    with pytest.raises(UserError):
        parse_setting_value("bilingual_first", "French")
    assert get_settings(ctx).first_language == "en"
    save_settings(ctx, {"partnership_name_cy": "  Partneriaeth  Diogelu ", "bilingual_first": "cy"},
                  expected=settings_versions(ctx))
    settings = get_settings(ctx)
    assert (settings.partnership_name_cy, settings.first_language) == ("Partneriaeth Diogelu", "cy")


def test_command_refuses_missing_welsh_naming_sections_then_writes_it(capsys, ctx: ServiceContext, db_url: str,
                                                                      tmp_path: Path) -> None:
    review_id = _review(ctx)
    base = ("--data-dir", str(tmp_path / "home"), "--database", db_url, "learning-summary", "NSCP-CR-2026-01")
    out = tmp_path / "cy.html"
    code, _, err = run(capsys, *base, "-o", str(out), "--language", "cy")
    assert code == EXIT_USAGE and "What happened" in err and "Title" in err and "partnership" in err, err
    assert not out.exists()
    for args, message in ((("--language", "fr"), "en, cy or bilingual"),
                          (("--language", "bilingual", "--layout", "diagonal"), "side-by-side or consecutive"),
                          (("--layout", "consecutive"), "--language bilingual")):
        code, _, err = run(capsys, *base, "-o", str(out), *args)
        assert code == EXIT_USAGE and message in err, (args, err)
    set_setting(ctx, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(ctx, review_id, "cy", 0, **WELSH)
    code, stdout, err = run(capsys, *base, "-o", str(out), "--language", "cy")
    assert code == EXIT_OK, err
    assert stdout.strip() == f"Wrote {out}."
    page = out.read_text(encoding="utf-8")
    assert "Am yr adolygiad hwn." in page and 'lang="cy' in page and "About this review." not in page
    with ctx.read() as s:
        news = [e.new_value for e in s.scalars(select(AuditEvent).where(
            AuditEvent.entity == "learning_summary", AuditEvent.action == AuditAction.EXPORT))]
    assert news == ["cy.html (cy)"]


def test_the_demo_has_a_review_whose_welsh_is_complete(ctx: ServiceContext) -> None:
    fill_demo_data(ctx, today=TODAY)
    with ctx.read() as s:
        review_id = s.scalar(select(Review.id).where(Review.pseudonym == "Child F"))
    assert review_id is not None
    welsh = sl.document_data(ctx, review_id, "cy")
    assert isinstance(welsh, LearningSummary) and welsh.partnership == "Partneriaeth Diogelu Plant Northbrook"
    assert welsh.themes == ("cam-drin rhywiol", "llais y plentyn") and len(welsh.actions) == 4
    both = sl.document_data(ctx, review_id, "bilingual", "consecutive")
    assert isinstance(both, BilingualSummary) and both.second.title == "Child F: Crynodeb Dysgu"


@pytest.fixture
def local(sqlite_db_url: str) -> Iterator[ServiceContext]:
    database = open_database(sqlite_db_url, user="tester")
    yield ServiceContext(database, user="author.a", today=lambda: TODAY)
    database.dispose()


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_the_exported_welsh_and_bilingual_pdfs_hold_the_welsh_headings_and_text(local: ServiceContext,
                                                                               tmp_path: Path) -> None:
    review_id = _review(local)
    set_setting(local, "partnership_name_cy", "Partneriaeth Diogelu Plant Gogledd-sir")
    sl.save_text(local, review_id, "cy", 0, **WELSH)
    welsh = tmp_path / "cy.pdf"
    sl.export_summary(local, review_id, welsh, language="cy")
    text = _pdf_text(welsh)
    assert "Beth ddigwyddodd" in text and "Beth ddigwyddodd." in text and "Darparu hyfforddiant." in text
    assert "What happened" not in text and "Deliver training." not in text
    assert "Partneriaeth Diogelu Plant Gogledd-sir" in text and "Crynodeb dysgu" in text
    assert PdfReader(welsh).trailer["/Root"].get("/Lang") == "cy-GB"
    for layout in sl.LAYOUTS:
        both = tmp_path / f"{layout}.pdf"
        sl.export_summary(local, review_id, both, language="bilingual", layout=layout)
        text = _pdf_text(both)
        assert "Beth ddigwyddodd." in text and "What happened." in text, layout
    briefing = tmp_path / "briefing.pdf"
    sl.export_summary(local, review_id, briefing, briefing=True, language="cy")
    assert "Darparu hyfforddiant." in _pdf_text(briefing) or "Un." in _pdf_text(briefing)

"""Learning summary content and documents from the database, on SQLite and PostgreSQL, and the command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.errors import ConflictError, NotFoundError, UserError, ValidationErrors
from scpdesk.models import (
    Action,
    Agency,
    AuditEvent,
    ChildIdentity,
    LearningSummaryContent,
    OrganisationSetting,
    Recommendation,
    Review,
    Theme,
)
from scpdesk.models.database import Database
from scpdesk.models.enums import ActionStatus, AgencyKind, AuditAction, ReviewStatus, ReviewType
from scpdesk.reports.learning_summary import build_briefing_pdf, build_learning_summary_pdf, learning_summary_html
from scpdesk.services import ServiceContext, Services
from scpdesk.services.demo import fill_demo_data
from scpdesk.services.library.learning_summary import (
    get_content,
    record_export,
    review_id_by_ref,
    save_content,
    summary_data,
)
from scpdesk.services.referrals.referrals import ChildInput, IdentityInput, ReferralInput

TODAY = dt.date(2026, 11, 25)
REAL_NAME = "Jessica Realname-Testperson"


@pytest.fixture
def ctx(db: Database) -> ServiceContext:
    return ServiceContext(db, user="author.a", today=lambda: TODAY)


def make_review(ctx: ServiceContext, *, reference: str = "NSCP-CR-2026-01", pseudonym: str = "Child K",
                with_identity: bool = True) -> int:
    """A published learning summary linked to a referral whose child has a (fictional) real identity."""
    referral_id = None
    if with_identity:
        referral_id, _ = Services(ctx).referrals.create(ReferralInput(
            reference=f"REF-{reference}", received_date=dt.date(2026, 1, 5), child_pseudonym=pseudonym,
            children=(ChildInput(pseudonym, identity=IdentityInput(full_name=REAL_NAME,
                                                                   date_of_birth=dt.date(2014, 3, 1))),)))
    with ctx.unit_of_work() as s:
        themes = {t.name: t for t in s.scalars(select(Theme))}
        for name in ("voice of the child", "sexual abuse"):
            if name not in themes:
                themes[name] = Theme(name=name)
        la = Agency(name=f"Council Children's Services {reference}", kind=AgencyKind.LOCAL_AUTHORITY)
        school = Agency(name=f"Millbrook Learning Trust {reference}", kind=AgencyKind.EDUCATION)
        s.add_all([la, school])
        s.flush()
        review = Review(reference=reference, title=f"{pseudonym}: Learning Summary", pseudonym=pseudonym,
                        review_type=ReviewType.LEARNING_SUMMARY, status=ReviewStatus.PUBLISHED,
                        referral_id=referral_id, decision_date=dt.date(2026, 2, 2),
                        published_date=dt.date(2026, 8, 3), summary="Fallback summary.",
                        learning_points="1. Fallback point one.\n2. Fallback point two.",
                        themes=[themes["voice of the child"], themes["sexual abuse"]])
        second = Recommendation(position=2, text="Schools should share concerns.")
        second.actions = [Action(description="Audit low-level concerns.", owner_agency_id=school.id,
                                 due_date=dt.date(2027, 3, 1), status=ActionStatus.NOT_STARTED)]
        first = Recommendation(position=1, text="Train practitioners.")
        first.actions = [Action(description="Deliver training.", owner_agency_id=la.id, due_date=dt.date(2026, 5, 8),
                                status=ActionStatus.COMPLETE),
                         Action(description="Evaluate training.", owner_agency_id=None, due_date=None,
                                status=ActionStatus.AT_RISK)]
        review.recommendations = [second, first]
        s.add(review)
        s.flush()
        return review.id


def set_setting(ctx: ServiceContext, key: str, value: str) -> None:
    with ctx.unit_of_work() as s:
        row = s.get(OrganisationSetting, key)
        if row is None:
            s.add(OrganisationSetting(key=key, value_json=f'"{value}"'))
        else:
            row.value_json = f'"{value}"'


def test_content_round_trip_creates_then_updates(ctx: ServiceContext) -> None:
    review_id = make_review(ctx)
    empty = get_content(ctx, review_id)
    assert empty.version == 0 and empty.empty and empty.key_learning == ""
    changes = save_content(ctx, review_id, 0, about="About\r\nthis review.  ", key_learning="One\n\nTwo\n",
                           what_happened="x" * 10_000)
    assert changes.touches("learning_summary")
    saved = get_content(ctx, review_id)
    assert saved.version == 1 and saved.updated_by == "author.a"
    assert saved.about == "About\nthis review." and saved.key_learning == "One\n\nTwo"
    assert saved.what_happened == "x" * 10_000 and saved.practice == ""
    save_content(ctx, review_id, saved.version, practice="Ask about every adult.")
    again = get_content(ctx, review_id)
    assert again.version == 2 and again.practice == "Ask about every adult." and again.about == saved.about
    with ctx.read() as s:
        assert len(s.scalars(select(LearningSummaryContent)).all()) == 1
        audited = {(e.action, e.field) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.entity == "learning_summary"))}
    assert (AuditAction.INSERT, "about") in audited and (AuditAction.UPDATE, "practice") in audited


def test_a_stale_version_is_a_conflict_and_saves_nothing(ctx: ServiceContext) -> None:
    review_id = make_review(ctx)
    save_content(ctx, review_id, 0, about="First.")
    with pytest.raises(ConflictError):
        save_content(ctx, review_id, 0, about="Also created by someone else.")
    save_content(ctx, review_id, 1, about="Second.")
    with pytest.raises(ConflictError) as raised:
        save_content(ctx, review_id, 1, about="Based on the old version.")
    assert "author.a" in str(raised.value)
    assert get_content(ctx, review_id).about == "Second."


def test_bad_input_is_refused(ctx: ServiceContext) -> None:
    review_id = make_review(ctx)
    with pytest.raises(UserError, match="not a section"):
        save_content(ctx, review_id, 0, child_real_name="x")
    with pytest.raises(ValidationErrors) as raised:
        save_content(ctx, review_id, 0, about="a" * 20_001, key_learning="\n".join(["point"] * 31))
    assert {e.field for e in raised.value.errors} == {"about", "key_learning"}
    with pytest.raises(ValidationErrors, match="real name"):
        save_content(ctx, review_id, 0, what_happened=f"{REAL_NAME.upper()} told a teacher.")
    with pytest.raises(NotFoundError):
        save_content(ctx, 987654, 0, about="x")
    with pytest.raises(NotFoundError):
        get_content(ctx, 987654)
    assert get_content(ctx, review_id).version == 0


def test_summary_data_fills_from_review_settings_actions_and_themes(ctx: ServiceContext) -> None:
    review_id = make_review(ctx)
    set_setting(ctx, "partnership_name", "Northbrook Safeguarding Children Partnership")
    save_content(ctx, review_id, 0, about="About.", the_child="Child K is 12.", what_happened="Happened.",
                 what_went_well="Went well.", key_learning="1. First point.\n\n2) Second point.\n- Third point.\n",
                 practice="Practice.", reflective_questions="Who?\n\n• Why?", resources="Guidance.",
                 contacts="LADO.")
    data = summary_data(ctx, review_id)
    assert data.partnership == "Northbrook Safeguarding Children Partnership"
    assert data.marking == "OFFICIAL"  # the default publication marking
    assert (data.pseudonym, data.title, data.reference) == ("Child K", "Child K: Learning Summary",
                                                            "NSCP-CR-2026-01")
    assert data.review_type_label == "Learning summary" and data.date == dt.date(2026, 8, 3)
    assert data.key_learning == ("First point.", "Second point.", "Third point.")
    assert data.reflective_questions == ("Who?", "Why?")
    assert (data.about, data.the_child, data.what_happened, data.what_went_well, data.practice, data.resources,
            data.contacts) == ("About.", "Child K is 12.", "Happened.", "Went well.", "Practice.", "Guidance.",
                               "LADO.")
    assert [(a.action, a.owner, a.due, a.status) for a in data.actions] == [
        ("Deliver training.", "Council Children's Services NSCP-CR-2026-01", dt.date(2026, 5, 8), "Complete"),
        ("Evaluate training.", "", None, "At risk"),
        ("Audit low-level concerns.", "Millbrook Learning Trust NSCP-CR-2026-01", dt.date(2027, 3, 1),
         "Not started"),
    ]
    assert data.themes == ("sexual abuse", "voice of the child")


def test_summary_data_without_content_uses_the_review_and_marking_none(ctx: ServiceContext) -> None:
    review_id = make_review(ctx, with_identity=False)
    set_setting(ctx, "marking_publication", "none")
    with ctx.unit_of_work() as s:
        review = s.get(Review, review_id)
        review.published_date = None
        review.pseudonym = ""
    data = summary_data(ctx, review_id)
    assert data.marking == ""
    assert data.pseudonym == "Child K: Learning Summary"  # the title when there is no pseudonym
    assert data.date == dt.date(2026, 2, 2)  # the decision date when not published
    assert data.about == "Fallback summary."
    assert data.key_learning == ("Fallback point one.", "Fallback point two.")


def test_the_real_name_is_never_in_the_summary(ctx: ServiceContext) -> None:
    review_id = make_review(ctx)
    save_content(ctx, review_id, 0, about="About.", what_happened="Child K told a teacher.",
                 key_learning="Listen.")
    data = summary_data(ctx, review_id)
    everything = repr(data) + learning_summary_html(data)
    assert REAL_NAME not in everything and "Realname" not in everything and "2014-03-01" not in everything
    assert not any("identity" in f.name or "real" in f.name for f in dataclasses.fields(data))
    # Text typed into the review itself is checked too before anything is printed.
    with ctx.unit_of_work() as s:
        s.get(Review, review_id).summary = f"About {REAL_NAME}."
    assert summary_data(ctx, review_id).about == "About."  # the saved content wins over the review summary
    save_content(ctx, review_id, 1, about="")
    with pytest.raises(UserError, match="real name"):
        summary_data(ctx, review_id)


def test_review_lookup_and_export_audit(ctx: ServiceContext) -> None:
    review_id = make_review(ctx)
    assert review_id_by_ref(ctx, "NSCP-CR-2026-01") == review_id
    assert review_id_by_ref(ctx, " nscp-cr-2026-01 ") == review_id
    with pytest.raises(NotFoundError):
        review_id_by_ref(ctx, "NSCP-CR-1999-99")
    record_export(ctx, review_id, "pdf", "child-k.pdf")
    record_export(ctx, review_id, "briefing", "child-k-briefing.pdf")
    record_export(ctx, review_id, "html", "child-k.html")
    with pytest.raises(UserError):
        record_export(ctx, review_id, "docx")
    with ctx.read() as s:
        events = [(e.action, e.field, e.new_value, e.user) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "learning_summary").order_by(AuditEvent.id))]
    assert events == [(AuditAction.PRINT, "pdf", "child-k.pdf", "author.a"),
                      (AuditAction.PRINT, "briefing", "child-k-briefing.pdf", "author.a"),
                      (AuditAction.EXPORT, "html", "child-k.html", "author.a")]


# -- The command --------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_command_writes_pdf_briefing_and_html(capsys, ctx: ServiceContext, db_url: str, tmp_path: Path) -> None:
    review_id = make_review(ctx)
    save_content(ctx, review_id, 0, about="About <this> & that.", key_learning="One.\nTwo.\nThree.\nFour.",
                 reflective_questions="Who?", practice="Practice.")
    home = tmp_path / "home"
    base = ("--data-dir", str(home), "--database", db_url, "learning-summary", "NSCP-CR-2026-01")
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    target = out_dir / "child-k.pdf"
    target.write_bytes(b"old")
    code, out, err = run(capsys, *base, "-o", str(target))
    assert code == EXIT_OK, err
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert out.strip() == f"Wrote {target} ({len(reader.pages)} {'page' if len(reader.pages) == 1 else 'pages'})."
    assert "About <this> & that." in reader.pages[0].extract_text()
    assert reader.metadata.title == "Child K: Learning Summary"

    briefing = out_dir / "briefing.pdf"
    code, out, err = run(capsys, *base, "-o", str(briefing), "--briefing")
    assert code == EXIT_OK, err
    assert out.strip() == f"Wrote {briefing} (1 page)." and len(PdfReader(briefing).pages) == 1

    page = out_dir / "child-k.html"
    code, out, err = run(capsys, *base, "-o", str(page))
    assert code == EXIT_OK, err
    assert out.strip() == f"Wrote {page}."
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "About &lt;this&gt; &amp; that." in html
    assert REAL_NAME not in html

    odd = out_dir / "summary.out"
    code, out, err = run(capsys, *base, "-o", str(odd), "--format", "html")
    assert code == EXIT_OK and odd.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in out_dir.iterdir()) == ["briefing.pdf", "child-k.html", "child-k.pdf",
                                                          "summary.out"]  # no temporary files left
    with ctx.read() as s:
        fields = [e.field for e in s.scalars(select(AuditEvent).where(
            AuditEvent.entity == "learning_summary", AuditEvent.action.in_([AuditAction.PRINT, AuditAction.EXPORT])))]
    assert sorted(fields) == ["briefing", "html", "html", "pdf"]


def test_command_refuses_unknown_references_and_bad_options(capsys, ctx: ServiceContext, db_url: str,
                                                            tmp_path: Path) -> None:
    make_review(ctx, with_identity=False)
    base = ("--data-dir", str(tmp_path / "home"), "--database", db_url, "learning-summary")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(capsys, *base, "NSCP-CR-1999-99", "-o", str(out_dir / "x.pdf"))
    assert code == EXIT_USAGE and "NSCP-CR-1999-99" in err and "no review" in err
    for args, message in (
        (("-o", str(out_dir / "x.html"), "--briefing"), "briefing"),
        (("-o", str(out_dir / "x.docx")), "pdf or html"),
        (("-o", str(out_dir / "x.pdf"), "--format", "html"), "ends in .pdf"),
        (("-o", str(out_dir / "missing" / "x.pdf")), "does not exist"),
    ):
        code, _, err = run(capsys, *base, "NSCP-CR-2026-01", *args)
        assert code == EXIT_USAGE and message in err, (args, err)
    assert list(out_dir.iterdir()) == []


def test_demo_learning_summaries_print_pseudonyms_only(ctx: ServiceContext) -> None:
    fill_demo_data(ctx, today=TODAY)
    with ctx.read() as s:
        refs = dict(s.execute(select(Review.pseudonym, Review.reference)
                              .where(Review.pseudonym.in_(["Child F", "Child N"]))).all())
        real_names = [n for n in s.scalars(select(ChildIdentity.full_name)) if n]
    assert set(refs) == {"Child F", "Child N"} and real_names
    for pseudonym, ref in refs.items():
        review_id = review_id_by_ref(ctx, ref)
        content = get_content(ctx, review_id)
        assert content.version == 1 and not content.empty
        data = summary_data(ctx, review_id)
        assert data.partnership == "Northbrook Safeguarding Children Partnership" and data.pseudonym == pseudonym
        assert len(data.key_learning) >= 3 and data.reflective_questions and data.actions and data.themes
        sections = (data.about, data.the_child, data.what_happened, data.what_went_well, data.practice,
                    data.resources, data.contacts)
        assert all(sections)
        out = io.BytesIO()
        assert build_learning_summary_pdf(data, out) >= 2
        # At 9 pt or more (never shrunk) the demo's full briefings flow onto a second page.
        assert build_briefing_pdf(data, io.BytesIO()) in (1, 2)
        text = " ".join(p.extract_text() for p in PdfReader(out).pages) + learning_summary_html(data)
        assert not any(name in text for name in real_names)
    assert "sexual abuse" in summary_data(ctx, review_id_by_ref(ctx, refs["Child F"])).themes

"""Hostile text (NUL, control characters, more than a column holds) is refused before the driver, on both
databases, by one check every service shares — with the field named and nothing saved."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from scpdesk.errors import NotFoundError, UserError, ValidationErrors
from scpdesk.models import AuditEvent, Meeting, Referral, Review
from scpdesk.models.database import Database
from scpdesk.models.enums import MeetingKind, ReviewType
from scpdesk.models.validation import text_problem
from scpdesk.services import ServiceContext, Services
from scpdesk.services.library.learning_summary import review_id_by_ref
from scpdesk.services.library.reviews import ReviewInput
from scpdesk.services.panel.meetings import MeetingInput
from scpdesk.services.referrals.referrals import ReferralInput

TODAY = dt.date(2026, 11, 25)

#: (what, text, words the message must hold). Over-length is per column below.
HOSTILE = [
    ("nul", "Seen at home\x00 by the health visitor", "NUL character"),
    ("control", "Seen at home\x1b[31m by the health visitor", "control character (code 0x1b) at position 13"),
    ("bell", "Seen\x07", "control character (code 0x07)"),
    # Tester finding 9: a lone surrogate reached the driver as UnicodeEncodeError (the catch-all dialog).
    ("surrogate", "Mother said \ud83d then left", "broken character (half of an emoji or a damaged paste) at "
                                                   "position 13"),
]


@pytest.fixture
def sv(db: Database) -> Services:
    return Services(ServiceContext(db, user="coordinator.a", today=TODAY))


def refused(call, field: str) -> UserError:
    with pytest.raises(UserError) as caught:
        call()
    error = caught.value
    errors = error.errors if isinstance(error, ValidationErrors) else [error]
    assert field in [e.field for e in errors], [str(e) for e in errors]
    return next(e for e in errors if e.field == field)


def count(db: Database, model: type) -> int:
    with db.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def referral(**changes: object) -> ReferralInput:
    base = ReferralInput(reference="NSCP-V-1", received_date=TODAY, child_pseudonym="Child V", la_aware_date=TODAY)
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(("what", "text", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_referral_summary_with_hostile_characters_is_refused_by_name(sv: Services, db: Database, what: str,
                                                                         text: str, words: str) -> None:
    error = refused(lambda: sv.referrals.create(referral(summary=text)), "summary")
    assert words in error.message and "save again" in error.message
    assert count(db, Referral) == 0 and count(db, AuditEvent) == 0  # nothing reached the database


def test_a_referrer_name_longer_than_its_column_is_refused_with_the_limit(sv: Services, db: Database) -> None:
    error = refused(lambda: sv.referrals.create(referral(referrer_name="N" * 201)), "referrer_name")
    assert "201 characters" in error.message and "the most it can hold is 200" in error.message
    assert count(db, Referral) == 0
    # Exactly the limit, and tabs, new lines, Welsh and emoji, are fine.
    rid, _ = sv.referrals.create(referral(referrer_name="N" * 200, summary="Line 1\r\n\tLine 2 — Gŵyl ŷ 👶"))
    assert sv.referrals.get(rid).summary == "Line 1\r\n\tLine 2 — Gŵyl ŷ 👶"


@pytest.mark.parametrize(("what", "text", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_review_summary_with_hostile_characters_is_refused_by_name(sv: Services, db: Database, what: str,
                                                                       text: str, words: str) -> None:
    data = ReviewInput(reference="NSCP-CR-V", title="Child V", review_type=ReviewType.LCSPR, summary=text)
    error = refused(lambda: sv.reviews.create(data), "summary")
    assert words in error.message
    assert count(db, Review) == 0


def test_a_review_title_longer_than_its_column_is_refused(sv: Services, db: Database) -> None:
    data = ReviewInput(reference="NSCP-CR-V", title="T" * 301, review_type=ReviewType.LCSPR)
    error = refused(lambda: sv.reviews.create(data), "title")
    assert "300 characters" in error.message
    assert count(db, Review) == 0
    # The same column written by any other path meets the shared check, which gives the length and limit.
    with pytest.raises(UserError) as caught, sv.ctx.unit_of_work() as s:
        s.add(Review(reference="NSCP-CR-W", title="T" * 301, review_type=ReviewType.LCSPR))
    assert caught.value.field == "title" and "301 characters" in caught.value.message
    assert count(db, Review) == 0


@pytest.mark.parametrize(("what", "text", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_changing_meeting_notes_to_hostile_text_is_refused_and_the_old_notes_stay(
        sv: Services, db: Database, what: str, text: str, words: str) -> None:
    meeting_id, _ = sv.meetings.create(MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY,
                                                    notes="Agreed agenda."))
    detail = sv.meetings.get(meeting_id)
    edit = dataclasses.replace(detail.as_edit(), notes=text)
    error = refused(lambda: sv.meetings.update(meeting_id, detail.version, edit), "notes")
    assert words in error.message
    after = sv.meetings.get(meeting_id)
    assert after.notes == "Agreed agenda." and after.version == detail.version


def test_a_meeting_place_longer_than_its_column_is_refused(sv: Services, db: Database) -> None:
    data = MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY, place="P" * 301)
    error = refused(lambda: sv.meetings.create(data), "place")
    assert "300 characters" in error.message
    assert count(db, Meeting) == 0


def test_every_problem_in_one_save_is_named_at_once(sv: Services, db: Database) -> None:
    with pytest.raises(ValidationErrors) as caught:
        sv.referrals.create(referral(summary="a\x00b", referrer_role="R" * 201))
    assert {e.field for e in caught.value.errors} == {"summary", "referrer_role"}


def test_text_problem_names_the_first_bad_character_and_the_limit() -> None:
    assert text_problem("fine\ttext\r\n", 20) is None
    assert text_problem("x" * 5, None) is None
    assert "position 3" in (text_problem("ab\x7fc", None) or "")
    assert "position 2" in (text_problem("a\x85", None) or "")  # a C1 control (NEL)
    assert "is 6 characters long; the most it can hold is 5" in (text_problem("abcdef", 5) or "")


@pytest.mark.parametrize(("what", "text", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_lookup_or_a_new_reference_with_hostile_text_is_not_a_storage_fault(
        sv: Services, db: Database, what: str, text: str, words: str) -> None:
    """Tester finding 13: a NUL in a meeting reference lookup reached PostgreSQL, which refused it, and the
    user was told storage had failed. A lookup is now "not found" and a new reference a UserError naming it,
    without asking the driver, on both back ends."""
    sv.meetings.create(MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY, reference="RRP-1"))
    assert sv.meetings.find("RRP-1" + text) is None
    with pytest.raises(NotFoundError):
        review_id_by_ref(sv.ctx, "REV" + text)
    bad = next(ch for ch in text if text_problem(ch, None))
    words = words.split(" at position")[0]
    for reference in ("RRP-2" + bad, bad + "RRP-2"):
        error = refused(lambda r=reference: sv.meetings.create(
            MeetingInput(kind=MeetingKind.RAPID_REVIEW_PANEL, meeting_date=TODAY, reference=r)), "reference")
        assert words in error.message
        assert words in refused(lambda r=reference: sv.referrals.create(referral(reference=r)), "reference").message
    assert count(db, Meeting) == 1 and count(db, Referral) == 0

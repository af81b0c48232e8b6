"""The Welsh text of a learning summary (issue 17) refuses a version the user saw once someone else has saved: on
SQLite and PostgreSQL the clash is a ConflictError naming who, and their Welsh is kept (VERSIONS.md point 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from stale_checks import TODAY, StaleCall, assert_refused_naming_them, stale_write, two_writers

from scpdesk.errors import ConflictError
from scpdesk.models import Review
from scpdesk.models.database import Database
from scpdesk.models.enums import ReviewStatus, ReviewType
from scpdesk.services import ServiceContext
from scpdesk.services.library import summary_languages as sl

THEIRS = "Eu fersiwn nhw"


def _review(ctx: ServiceContext) -> int:
    with ctx.unit_of_work() as s:
        review = Review(reference="NSCP-CR-2025-08", title="Child W", pseudonym="Child W",
                        review_type=ReviewType.LEARNING_SUMMARY, status=ReviewStatus.PUBLISHED,
                        decision_date=dt.date(2025, 6, 2), published_date=TODAY)
        s.add(review)
        s.flush()
        return review.id


def _welsh(mine: ServiceContext, theirs: ServiceContext) -> object:
    rid = _review(mine)
    sl.save_text(mine, rid, "cy", 0, about="Geiriau cyntaf.")
    seen = sl.get_text(mine, rid).version
    sl.save_text(theirs, rid, "cy", seen, about=THEIRS)
    return stale_write(lambda: sl.save_text(mine, rid, "cy", seen, about="Fy fersiwn i"),
                       lambda: sl.get_text(mine, rid).about == THEIRS)


STALE_CALLS: dict[str, StaleCall] = {
    "scpdesk.services.library.summary_languages.save_text": _welsh,
}

APPEND_ONLY: dict[str, str] = {
    "scpdesk.services.library.summary_languages.document_data": "reads; appends the publication check's audit rows "
                                                                "(an identity read of each linked child)",
    "scpdesk.services.library.summary_languages.export_summary": "writes a file and appends the export's audit row",
    "scpdesk.services.library.learning_summary.write_document": "writes a file and appends the export's audit row",
    "scpdesk.services.library.learning_summary.guard_publication": "appends the publication check's audit rows (an "
                                                                   "identity read of each linked child)",
}


@pytest.mark.parametrize("name", sorted(STALE_CALLS))
def test_a_stale_welsh_write_is_refused_naming_who_and_their_value_is_kept(db: Database, name: str) -> None:
    assert_refused_naming_them(db, STALE_CALLS[name])


def test_the_first_welsh_text_saved_twice_is_a_conflict(db: Database) -> None:
    """Two translators open a review with no Welsh yet (version 0): the second first save is refused."""
    mine, theirs = two_writers(db)
    rid = _review(mine)
    sl.save_text(theirs, rid, "cy", 0, about=THEIRS)
    with pytest.raises(ConflictError) as raised:
        sl.save_text(mine, rid, "cy", 0, about="Fy fersiwn i")
    assert raised.value.changed_by == "them"
    assert sl.get_text(mine, rid).about == THEIRS

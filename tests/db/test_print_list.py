"""Printing the referral list as shown (Ctrl+P on Referrals), on SQLite and PostgreSQL: audited as printed before
the file appears, refused whole (nothing written) when the rows do not match the columns or are too many."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from scpdesk.errors import UserError
from scpdesk.models import AuditEvent
from scpdesk.models.database import Database
from scpdesk.services import ServiceContext, Services
from scpdesk.services.referrals import referral_io

HEADERS = ("Reference", "Child (pseudonym)", "Due")


def test_the_list_is_printed_and_the_printing_audited(db: Database, tmp_path: Path) -> None:
    sv = Services(ServiceContext(db, user="coordinator", today=dt.date(2026, 11, 25)))
    target = tmp_path / "referrals.pdf"
    assert sv.referral_files.print_list(target, HEADERS, [("NSCP-1", "Child A", "Fri 27 Nov 2026")],
                                        note="Shown: Overdue.") == 1
    assert "NSCP-1" in PdfReader(str(target)).pages[0].extract_text()
    with db.sessions() as s:
        line = s.scalars(select(AuditEvent.new_value).where(AuditEvent.action == "print",
                                                            AuditEvent.entity == "referral")).one()
    assert line == "referrals.pdf: referral list PDF, 1 referrals"


def test_a_list_that_cannot_be_printed_writes_nothing(db: Database, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    sv = Services(ServiceContext(db, user="coordinator", today=dt.date(2026, 11, 25)))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "referrals.pdf"
    with pytest.raises(UserError, match="one value per column"):
        sv.referral_files.print_list(target, HEADERS, [("NSCP-1", "Child A")])
    monkeypatch.setattr(referral_io, "PRINT_MAX_ROWS", 2)
    with pytest.raises(UserError, match="print at most 2"):
        sv.referral_files.print_list(target, HEADERS, [("a", "b", "c")] * 3)
    with pytest.raises(UserError, match="ends in .xlsx"):
        sv.referral_files.print_list(out / "referrals.xlsx", HEADERS, [])
    assert list(out.iterdir()) == []
    with db.sessions() as s:
        assert s.scalars(select(AuditEvent.id).where(AuditEvent.action == "print")).all() == []

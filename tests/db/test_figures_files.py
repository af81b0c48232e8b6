"""The figures' files on every back end: each export's EXPORT audit row commits before the file appears, a file
that cannot be written leaves the old one untouched and no audit, and a database file is never a target."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from figures_sample import sample_figures
from sqlalchemy import select

from scpdesk.errors import UserError
from scpdesk.models.audit import AuditEvent
from scpdesk.models.database import Database
from scpdesk.models.enums import AuditAction
from scpdesk.services import figures_files
from scpdesk.services.uow import ServiceContext

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # what the window renders (its content is the window's test)


def exports(ctx: ServiceContext) -> list[tuple[str, str, str, str]]:
    with ctx.read() as s:
        return [(e.entity, e.entity_id, e.field, e.new_value or "") for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT).order_by(AuditEvent.id))]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder files are written to (the database's own folder holds its file)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_each_file_is_audited_with_its_period(db: Database, out: Path) -> None:
    ctx = ServiceContext(db, user="tester")
    figures = sample_figures()
    pages = figures_files.export_figures_pdf(ctx, figures, out / "f.pdf")
    sheets = figures_files.export_figures_xlsx(ctx, figures, out / "f.xlsx")
    size = figures_files.export_chart_png(ctx, figures, "themes_by_year", PNG, out / "themes.png")
    assert pages >= 4 and sheets == 6 and size == len(PNG)
    assert (out / "themes.png").read_bytes() == PNG
    period = "2026-04-01..2027-03-31"
    assert exports(ctx) == [
        ("figures", period, "file", f"f.pdf: figures PDF for {figures.period.label}, {pages} pages"),
        ("figures", period, "file", f"f.xlsx: figures workbook for {figures.period.label}, 6 sheets"),
        ("figures", period, "file", f"themes.png: chart 'Themes by year' as PNG for {figures.period.label}"),
    ]
    assert sorted(p.name for p in out.iterdir()) == ["f.pdf", "f.xlsx", "themes.png"]  # no temporaries


def test_a_refused_file_is_not_audited_and_leaves_the_old_one(db: Database, out: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = ServiceContext(db, user="tester")
    figures = sample_figures()
    old = out / "f.pdf"
    old.write_bytes(b"the old report")
    with pytest.raises(UserError, match="f.pdf ends in .pdf but the format is xlsx"):
        figures_files.export_figures_xlsx(ctx, figures, old)
    with pytest.raises(UserError, match="not a .png file"):
        figures_files.export_chart_png(ctx, figures, "themes_by_year", PNG, out / "chart.jpg")

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("scpdesk.reports.typeset.render", broken)  # the typesetting, as written
    with pytest.raises(OSError):
        figures_files.export_figures_pdf(ctx, figures, old)
    assert old.read_bytes() == b"the old report" and exports(ctx) == []
    assert [p.name for p in out.iterdir()] == ["f.pdf"]


def test_a_database_file_is_never_written_over(db: Database, out: Path) -> None:
    ctx = ServiceContext(db, user="tester")
    template = out / "copy.sqlite3"
    template.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    shutil.copyfile(template, out / "figures.pdf")  # a database renamed: still a database
    with pytest.raises(UserError, match="is a database file"):
        figures_files.export_figures_pdf(ctx, sample_figures(), out / "figures.pdf")
    assert exports(ctx) == []

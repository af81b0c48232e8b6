"""``scpdesk report annual``: the JSON is ``Figures.as_json`` exactly; the PDF and the workbook are written whole
and audited; the period defaults to the current financial year; bad dates are refused naming the option. The
computation is the figures-service slice's (tests/db/test_figures.py): here it is replaced by the hand-built
figures, and the period it was asked for is recorded."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from figures_sample import ODD_THEME, sample_figures
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from scpdesk.cli import EXIT_OK, EXIT_USAGE, main
from scpdesk.clock import PinnedClock
from scpdesk.models.audit import AuditEvent
from scpdesk.models.database import open_database
from scpdesk.models.enums import AuditAction
from scpdesk.services.figures import Figures, Period, PeriodKind
from scpdesk.services.registry import Services, open_services
from scpdesk.services.uow import ServiceContext


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Period]:
    periods: list[Period] = []

    def figures(self: Services, period: Period) -> Figures:
        periods.append(period)
        return sample_figures()

    monkeypatch.setattr(Services, "figures", figures, raising=False)
    return periods


def run(capsys: pytest.CaptureFixture[str], url: str, home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(home), "--database", url, "report", "annual", *args])
    out, err = capsys.readouterr()
    return code, out, err


def exports(url: str) -> list[tuple[str, str, str]]:
    db = open_database(url)
    try:
        with ServiceContext(db, user="tester").read() as s:
            return [(e.entity, e.entity_id, e.new_value or "") for e in s.scalars(
                select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT).order_by(AuditEvent.id))]
    finally:
        db.dispose()


def test_json_is_the_figures_as_json_exactly(capsys, sqlite_db_url: str, tmp_path: Path, asked: list[Period],
                                             clock: PinnedClock) -> None:
    clock.set(dt.date(2027, 2, 10))
    code, out, _ = run(capsys, sqlite_db_url, tmp_path / "home", "--json")
    assert code == EXIT_OK
    assert json.loads(out) == json.loads(json.dumps(sample_figures().as_json()))
    assert asked == [Period(dt.date(2026, 4, 1), dt.date(2027, 3, 31), PeriodKind.FINANCIAL_YEAR)]  # this year
    assert exports(sqlite_db_url) == []  # printed, not a file: nothing to audit


def test_dates_name_the_period_and_either_alone_keeps_the_years_other_end(
        capsys, sqlite_db_url: str, tmp_path: Path, asked: list[Period]) -> None:
    home = tmp_path / "home"
    assert run(capsys, sqlite_db_url, home, "--from", "2025-01-01", "--to", "31/12/2025")[0] == EXIT_OK
    assert run(capsys, sqlite_db_url, home, "--from", "2025-04-01", "--to", "2026-03-31")[0] == EXIT_OK
    assert run(capsys, sqlite_db_url, home, "--from", "2025-05-10", "--to", "2025-06-30")[0] == EXIT_OK
    code, out, _ = run(capsys, sqlite_db_url, home, "--to", "2025-06-30")
    assert asked == [Period.calendar_year(2025), Period.financial_year(dt.date(2025, 4, 1)),
                     Period(dt.date(2025, 5, 10), dt.date(2025, 6, 30)),
                     Period(dt.date(2025, 4, 1), dt.date(2025, 6, 30))]
    assert "SIN sent within 5 working days: 18 of 20 (90%)" in out  # the text form: each figure as shown


@pytest.mark.parametrize(("args", "named"), [
    (("--from", "2026-02-30"), "--from"),
    (("--to", "31/13/2026"), "--to"),
    (("--from", "yesterday"), "--from"),
    (("--from", "2026-05-01", "--to", "2026-04-30"), "--from"),
    (("--from", "0001-01-01", "--to", "2026-03-31"), "--from"),  # far past: refused, not a traceback
    (("--from", "2026-04-01", "--to", "9999-12-31"), "--to"),  # far future
    (("--from", "0001-01-01",), "--from"),
])
def test_bad_dates_are_refused_naming_the_option(capsys, sqlite_db_url: str, tmp_path: Path, asked: list[Period],
                                                 args: tuple[str, ...], named: str) -> None:
    code, out, err = run(capsys, sqlite_db_url, tmp_path / "home", *args)
    assert code == EXIT_USAGE and err.startswith(f"scpdesk: {named}: ") and out == ""
    assert asked == []  # refused before anything is counted


def test_pdf_is_written_whole_and_audited(capsys, sqlite_db_url: str, tmp_path: Path, asked: list[Period]) -> None:
    target = tmp_path / "figures.pdf"
    code, out, _ = run(capsys, sqlite_db_url, tmp_path / "home", "--pdf", str(target))
    assert code == EXIT_OK
    reader = PdfReader(target)
    assert out.strip() == f"Wrote {target} ({len(reader.pages)} pages)."
    text = "".join(p.extract_text() for p in reader.pages)
    assert "OFFICIAL-SENSITIVE" in text  # the packs' marking (the default): the appendix lists cases
    assert [(e, i) for e, i, _ in exports(sqlite_db_url)] == [("figures", "2026-04-01..2027-03-31")]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left beside it


def test_xlsx_has_the_figures_a_sheet_per_table_and_the_records(capsys, sqlite_db_url: str, tmp_path: Path,
                                                                asked: list[Period]) -> None:
    target = tmp_path / "figures.xlsx"
    code, out, _ = run(capsys, sqlite_db_url, tmp_path / "home", "--xlsx", str(target))
    assert code == EXIT_OK and out.strip() == f"Wrote {target} (6 sheets)."
    book = load_workbook(target)
    assert book.sheetnames == ["Figures", "Referrals received by route", "Decisions by type", "Themes by year",
                               "Actions overdue by agency", "Records"]
    figures = list(book["Figures"].values)
    assert figures[0] == ("section", "figure", "shown as", "value", "unit", "numerator", "denominator", "rule")
    sin = next(row for row in figures if row[1] == "SIN sent within 5 working days")
    assert sin[2:7] == ("18 of 20 (90%)", 90, "percent", 18, 20)  # numbers are numbers
    lcspr = next(row for row in figures if row[1] == "LCSPRs published within 6 months")
    assert lcspr[2:4] == ("—", None)  # nothing to count: blank, never 0
    themes = list(book["Themes by year"].values)
    assert themes[1][0] == ODD_THEME and themes[3][0] == "'=SUM(A1:A9)"  # a formula-like name is neutralised
    records = list(book["Records"].values)
    assert records[0] == ("figure", "kind", "reference", "case", "detail", "counts")
    assert len(records) - 1 == sum(len(f.records) for f in sample_figures().figures)
    assert [(e, i) for e, i, _ in exports(sqlite_db_url)] == [("figures", "2026-04-01..2027-03-31")]


def test_a_file_in_a_missing_folder_or_of_another_kind_is_refused_naming_the_option(
        capsys, sqlite_db_url: str, tmp_path: Path, asked: list[Period]) -> None:
    code, _, err = run(capsys, sqlite_db_url, tmp_path / "home", "--pdf", str(tmp_path / "nowhere" / "f.pdf"))
    assert code == EXIT_USAGE and err.startswith("scpdesk: --pdf: the folder")
    code, _, err = run(capsys, sqlite_db_url, tmp_path / "home", "--xlsx", str(tmp_path / "f.pdf"))
    assert code == EXIT_USAGE and err.startswith("scpdesk: --xlsx: f.pdf ends in .pdf")
    assert exports(sqlite_db_url) == []


def test_on_the_demo_the_json_is_the_services_count(capsys, sqlite_db_url: str, tmp_path: Path,
                                                    clock: PinnedClock) -> None:
    """End to end, with the real count: ``--json`` prints exactly what ``Services.figures`` computes."""
    clock.set(dt.date(2026, 11, 25))
    home = tmp_path / "home"
    assert main(["--data-dir", str(home), "--database", sqlite_db_url, "demo-data"]) == EXIT_OK
    capsys.readouterr()
    code, out, _ = run(capsys, sqlite_db_url, home, "--json")
    assert code == EXIT_OK
    services = open_services(sqlite_db_url, user="tester", backup_dir=None, clock=clock)
    try:
        expected = services.figures(Period.financial_year(dt.date(2026, 11, 25)))
    finally:
        services.close()
    assert json.loads(out) == json.loads(json.dumps(expected.as_json()))
    assert json.loads(out)["figures"] and json.loads(out)["charts"]
